"""lessons.data: loading, typing and checking the data package."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from lessons import DataError, describe_dataset, list_datasets, load_dataset
from lessons.data import data_dir


def error_of(name: str) -> str:
    with pytest.raises(DataError) as info:
        load_dataset(name)
    return str(info.value)


def test_load_dataset_types_columns_from_the_schema(tiny):
    trade = load_dataset("trade")
    assert str(trade["year"].dtype) == "Int64"
    assert str(trade["total_usd_bn"].dtype) == "Float64"
    assert str(trade["preferred"].dtype) == "boolean"
    assert isinstance(trade["basis"].dtype, pd.CategoricalDtype)
    assert list(trade["basis"].cat.categories) == ["China customs", "derived"]
    assert trade["claim_id"].isna().tolist() == [True, False, True]
    assert trade.loc[trade.preferred, "total_usd_bn"].tolist() == [95.28, 68.0]


def test_each_call_returns_an_independent_copy(tiny):
    first = load_dataset("trade")
    first.loc[0, "total_usd_bn"] = -1
    assert load_dataset("trade").loc[0, "total_usd_bn"] == 95.28


def test_a_changed_file_is_read_again(tiny):
    assert len(load_dataset("trade")) == 3
    tiny.write("trade.csv", "year,total_usd_bn,basis,preferred,source_id,claim_id\n"
                            "2016,69.525,China customs,true,gac,\n")
    assert load_dataset("trade")["year"].tolist() == [2016]


def test_unknown_dataset_lists_the_available_ones(tiny):
    message = error_of("trad")
    assert "no dataset called 'trad'" in message
    assert "actors, claims, sources, trade" in message


def test_non_number_names_file_row_and_column(tiny):
    tiny.write("trade.csv", "year,total_usd_bn,basis,preferred,source_id,claim_id\n"
                            "2014,95.28,China customs,true,gac,\n"
                            "2015,abc,derived,true,gac,\n")
    message = error_of("trade")
    assert re.search(r"trade\.csv row 3, column 'total_usd_bn': 'abc' is not a number$", message)


@pytest.mark.parametrize("bad", ["nan", "inf", "1,200", "12 bn"])
def test_numbers_must_be_plain_and_finite(tiny, bad):
    tiny.write("trade.csv", "year,total_usd_bn,basis,preferred,source_id,claim_id\n"
                            f'2014,"{bad}",China customs,true,gac,\n')
    assert "is not a number" in error_of("trade")


def test_year_must_be_a_whole_number(tiny):
    tiny.write("trade.csv", "year,total_usd_bn,basis,preferred,source_id,claim_id\n"
                            "2014.5,1,China customs,true,gac,\n")
    assert "row 2, column 'year': '2014.5' is not a whole number" in error_of("trade")


def test_boolean_and_enum_and_required_are_checked(tiny):
    head = "year,total_usd_bn,basis,preferred,source_id,claim_id\n"
    tiny.write("trade.csv", head + "2014,1,China customs,maybe,gac,\n")
    assert "column 'preferred': 'maybe' is not true or false" in error_of("trade")
    tiny.write("trade.csv", head + "2014,1,guesswork,true,gac,\n")
    assert "column 'basis': 'guesswork' is not one of: China customs, derived" in error_of("trade")
    tiny.write("trade.csv", head + "2014,1,China customs,true,,\n")
    assert "row 2, column 'source_id': a value is required" in error_of("trade")


def test_missing_and_unexpected_columns_are_named(tiny):
    tiny.write("trade.csv", "year,total,basis,preferred,source_id,claim_id\n")
    message = error_of("trade")
    assert "missing column(s) 'total_usd_bn'" in message
    assert "unexpected column(s) 'total'" in message


def test_dangling_source_id_is_reported_with_the_register(tiny):
    tiny.write("trade.csv", "year,total_usd_bn,basis,preferred,source_id,claim_id\n"
                            "2014,1,China customs,true,nowhere,\n")
    assert "row 2, column 'source_id': 'nowhere' is not a source_id in" in error_of("trade")


def test_dangling_claim_id_is_reported(tiny):
    tiny.write("trade.csv", "year,total_usd_bn,basis,preferred,source_id,claim_id\n"
                            "2014,1,China customs,true,article,c999z\n")
    assert "'c999z' is not a claim_id" in error_of("trade")


def test_duplicate_primary_key_is_reported(tiny):
    tiny.write("trade.csv", "year,total_usd_bn,basis,preferred,source_id,claim_id\n"
                            "2014,1,China customs,true,gac,\n2014,2,China customs,true,gac,\n")
    assert "row 3: duplicate key (year=2014, source_id=gac)" in error_of("trade")


def test_empty_file(tiny):
    tiny.write("trade.csv", "")
    assert error_of("trade").endswith("trade.csv: the file is empty; expected a header row and data rows")


def test_wrong_encoding_names_the_row(tiny):
    tiny.write("trade.csv", b"year,total_usd_bn,basis,preferred,source_id,claim_id\n"
                            b"2014,1,China customs,true,gac,\n"
                            + "2015,2,China customs,true,gac,caf\u00e9\n".encode("latin-1"))
    assert "trade.csv row 3: not UTF-8 text (byte 0xe9)" in error_of("trade")


def test_instructor_package_missing_a_dataset_file(tiny):
    (tiny.root / "trade.csv").unlink()
    message = error_of("trade")
    assert "trade.csv: file missing for dataset 'trade'" in message


def test_data_dir_without_a_package_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("LESSONS_DATA_DIR", str(tmp_path))
    message = error_of("trade")
    assert "no data package description found" in message
    assert "LESSONS_DATA_DIR is set to" in message
    assert data_dir() == tmp_path


def test_broken_datapackage_json_names_line(tiny):
    tiny.write("datapackage.json", '{"resources": [\n  {"name": "x",}\n]}')
    assert re.search(r"datapackage\.json line 2, column \d+: not valid JSON", error_of("trade"))


def test_non_string_name_is_refused_clearly(tiny):
    assert "dataset names are strings" in error_of(42)


def test_symlink_stored_as_text_is_followed(tiny):
    # Git on a system without symlinks writes the link target as a small text file.
    (tiny.root / "seeds").mkdir()
    (tiny.root / "seeds" / "sources.csv").write_text(TINY_SOURCES, encoding="utf-8")
    tiny.write("sources.csv", "seeds/sources.csv")
    assert load_dataset("sources")["source_id"].tolist() == ["article", "gac"]


TINY_SOURCES = (
    "source_id,title,publisher,originating_org,author,date,url,kind,accessed,note\n"
    "article,The article,IDST,,A. Author,2022,,article,2026-11-28,\n"
    "gac,Trade in 2014,TASS,China customs,,2015-01-13,https://example.org/t,news agency,,\n"
)


def test_list_and_describe_datasets_come_from_the_schema(tiny):
    listing = list_datasets()
    assert list(listing.index) == ["sources", "claims", "actors", "trade"]
    assert listing.loc["trade", "description"] == "The trade table"
    described = describe_dataset("trade")
    assert described.loc["total_usd_bn", "type"] == "number"


# --- lessons.dependence: who depends on whom -------------------------------------------------

def _bilateral(rows):
    return pd.DataFrame(rows, columns=["year", "total_usd_bn", "preferred"])


def _world(rows):
    return pd.DataFrame(rows, columns=["reporter", "year", "total_usd_bn", "value_status",
                                       "preferred"])


def test_dependence_shares_divide_bilateral_by_each_world_total():
    from lessons.dependence import dependence_shares
    out = dependence_shares(
        _bilateral([(2020, 100.0, True), (2020, 90.0, False), (2021, 150.0, True)]),
        _world([("China", 2020, 5000.0, "reported", True), ("Russia", 2020, 500.0, "reported", True),
                ("China", 2021, None, "not found", True), ("Russia", 2021, 750.0, "approx", True)]))
    row20, row21 = out.iloc[0], out.iloc[1]
    assert row20.russia_in_china_pct == 2.0 and row20.china_in_russia_pct == 20.0
    assert row20.method == "computed"
    assert pd.isna(row21.russia_in_china_pct) and row21.china_in_russia_pct == 20.0
    assert row21.method == "computed from a derived or rounded total"


def test_dependence_shares_keep_gaps_visible():
    from lessons.dependence import dependence_shares
    out = dependence_shares(_bilateral([(2019, 110.0, True)]),
                            _world([("China", 2019, None, "not found", True)]))
    assert out["year"].tolist() == [2019]
    assert pd.isna(out.loc[0, "russia_in_china_pct"]) and out.loc[0, "method"] == "no world total"


def test_dependence_shares_name_file_row_and_field_on_bad_input():
    from lessons.dependence import dependence_shares
    twice = _world([("China", 2020, 5000.0, "reported", True), ("China", 2020, 4900.0, "approx", True)])
    with pytest.raises(DataError) as info:
        dependence_shares(_bilateral([(2020, 100.0, True)]), twice)
    assert str(info.value).startswith("world_trade.csv row 2, column 'preferred': more than one")
    assert "reporter China, year 2020" in str(info.value)
    negative = _world([("Russia", 2020, -5.0, "reported", True)])
    with pytest.raises(DataError, match=r"world_trade\.csv row 2, column 'total_usd_bn': -5\.0"):
        dependence_shares(_bilateral([(2020, 100.0, True)]), negative)


def test_course_data_show_the_asymmetry_and_agree_with_the_published_share():
    from lessons.dependence import dependence_shares, published_shares
    out = dependence_shares().set_index("year")
    assert out.loc[2023, "russia_in_china_pct"] == round(240.11 / 5940 * 100, 2)
    assert pd.isna(out.loc[2015, "russia_in_china_pct"])          # no GAC dollar total: a gap
    pub = published_shares().set_index(["reporter", "year"])
    # China's customs spokesman said about 3% for 2022; the computed share must agree
    assert abs(out.loc[2022, "russia_in_china_pct"] - pub.loc[("China", 2022), "share_pct"]) < 0.5
    # every computed Chinese-side share is far below every published Russian-side share
    assert out["russia_in_china_pct"].max() < pub.xs("Russia")["share_pct"].min()


def test_plot_dependence_draws_computed_line_and_published_markers():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from lessons.dependence import dependence_shares, plot_dependence, published_shares
    fig, ax = plt.subplots()
    computed, pub = dependence_shares(), published_shares()
    plot_dependence(ax, computed, pub)
    (line,) = ax.get_lines()
    assert list(line.get_xdata()) == computed.year.tolist()          # every year, gaps included
    gaps = [int(y) for y, v in zip(line.get_xdata(), line.get_ydata(), strict=True) if v != v]
    assert 2015 in gaps and 2020 in gaps and 2023 not in gaps        # NaN breaks the line
    assert sorted(len(c.get_offsets()) for c in ax.collections) == [1, 2]
    plt.close(fig)


# --- Frictionless validation: every problem listed, the first one raised on load ---------------

def test_validate_data_lists_every_problem_and_loading_fails_with_the_first(tiny, capsys):
    from lessons.cli import main

    tiny.write("trade.csv", "year,total_usd_bn,basis,preferred,source_id,claim_id\n"
                            "2014,1,China customs,true,nowhere,\n"
                            "2015,abc,derived,true,gac,c999z\n")
    assert main(["validate", "--data", str(tiny.root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 1)[0].rsplit("/", 1)[-1] for line in lines] == [
        "trade.csv row 2, column 'source_id'", "trade.csv row 3, column 'total_usd_bn'",
        "trade.csv row 3, column 'claim_id'"]
    assert lines[0].endswith("'nowhere' is not a source_id in " + str(tiny.root / "sources.csv")) or \
        lines[0].endswith("'nowhere' is not a source_id in sources.csv")
    message = error_of("trade")
    assert message.startswith(lines[0] + " (and 2 more: lessons validate --data ")


def test_a_self_referencing_key_is_checked(tiny):
    # an actor's parent must be another actor: the hand-written checker skipped such keys
    actors = tiny.descriptor["resources"][2]["schema"]
    actors["fields"].append({"name": "parent", "type": "string"})
    actors["foreignKeys"] = [{"fields": ["parent"], "reference": {"resource": "", "fields": ["actor_id"]}}]
    tiny.save()
    tiny.write("actors.csv", "actor_id,name,kind,country,role,note,parent\n"
                             "writer,The writer,author,unknown,,,\nnews,News,agency,unknown,,,nobody\n")
    assert "actors.csv row 3, column 'parent': 'nobody' is not an actor_id" in error_of("actors")


def test_a_composite_key_is_checked_as_a_pair(tiny):
    # each column on its own is known; the pair (2015, gac) is not
    trade = tiny.descriptor["resources"][3]["schema"]
    tiny.descriptor["resources"].append({
        "name": "notes", "path": "notes.csv",
        "schema": {"fields": [{"name": "year", "type": "integer"}, {"name": "source_id", "type": "string"}],
                   "foreignKeys": [{"fields": ["year", "source_id"],
                                    "reference": {"resource": "trade", "fields": ["year", "source_id"]}}]}})
    assert trade["primaryKey"] == ["year", "source_id"]
    tiny.save()
    tiny.write("notes.csv", "year,source_id\n2014,gac\n2015,article\n")
    message = error_of("notes")
    assert "notes.csv row 3, columns 'year', 'source_id': (2015, article) is not a (year, source_id) pair" \
        in message


def test_the_course_package_is_valid_and_a_pass_is_remembered(monkeypatch, tmp_path):
    import lessons.data as data

    monkeypatch.delenv("LESSONS_DATA_DIR", raising=False)
    monkeypatch.setenv("LESSONS_CACHE_DIR", str(tmp_path))
    assert data.validate_package() == []
    data._VALID.clear()
    data._TABLES.clear()
    load_dataset("trade_annual")
    assert (tmp_path / "valid-data.json").is_file()
    calls = []
    monkeypatch.setattr(data, "validate_package", lambda *a: calls.append(a) or [])
    data._VALID.clear()
    data._TABLES.clear()
    load_dataset("trade_annual")
    assert calls == []  # remembered by fingerprint: Frictionless not run again
