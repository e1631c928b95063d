"""Citations come from provenance; charts carry them as a source line."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from lessons import DataError, cite, finish, load_dataset, use_course_style  # noqa: E402
from lessons.charts import PALETTE  # noqa: E402


def test_cite_lists_the_sources_behind_the_rows_in_order(tiny):
    trade = load_dataset("trade")
    citation = cite(trade)
    assert list(citation.sources["source_id"]) == ["gac", "article"]
    text = repr(citation)
    assert "[gac] China customs, via TASS: Trade in 2014 (2015-01-13). https://example.org/t" in text
    assert "[article] IDST: The article (2022). - paragraph 23" in text


def test_cite_only_the_rows_selected(tiny):
    trade = load_dataset("trade")
    assert list(cite(trade[trade.preferred]).sources["source_id"]) == ["gac"]


def test_cite_a_dataset_by_name_and_ids(tiny):
    assert list(cite("trade").sources["source_id"]) == ["gac", "article"]
    assert list(cite(["c023a"]).sources["source_id"]) == ["article"]


def test_cite_refuses_unknown_ids_and_frames_without_provenance(tiny):
    with pytest.raises(DataError, match="unknown source id"):
        cite(["nowhere"])
    import pandas as pd

    with pytest.raises(DataError, match="needs rows with a 'source_id' column"):
        cite(pd.DataFrame({"x": [1]}))


def test_short_source_note_names_origins_and_article_paragraphs(tiny):
    assert cite("trade").short() == "Source: China customs; the course article (para. 23)"


def test_markdown_citation_escapes_and_links(tiny):
    md = cite("trade")._repr_markdown_()
    assert md.startswith("**Sources**")
    assert "[Read at example.org](https://example.org/t)" in md
    assert "[link]" not in md


def test_links_are_named_by_their_destination_and_underlined_by_the_course_style():
    from lessons.sources import _link_text

    assert _link_text("https://www.tass.com/economy/973146") == "Read at tass.com"
    assert _link_text("http://www.uawire.org:80/x") == "Read at uawire.org"
    style = use_course_style()
    assert "text-decoration: underline" in style._repr_html_()
    assert style._repr_html_().startswith("<style>") and "<script" not in style._repr_html_()
    assert repr(style).startswith("Course style on")


def test_course_style_tells_series_apart_by_more_than_colour():
    use_course_style()
    cycle = matplotlib.rcParams["axes.prop_cycle"].by_key()
    assert cycle["color"][:3] == [PALETTE["blue"], PALETTE["orange"], PALETTE["green"]]
    assert len(set(cycle["marker"])) == len(cycle["marker"]) == len(cycle["color"])
    assert len(set(map(str, cycle["linestyle"]))) == len(cycle["color"])
    assert matplotlib.rcParams["legend.fontsize"] >= 10


def test_a_chart_shows_as_a_described_svg_the_same_every_run(tiny):
    from lessons.charts import SMALLEST_TEXT, chart_html, describe

    use_course_style()
    trade = load_dataset("trade")
    rows = trade[trade.preferred]

    def draw():
        fig, ax = plt.subplots()
        ax.plot(rows["year"].astype(int), rows["total_usd_bn"].astype(float), label="total")
        ax.bar([2014], [10.0], label="a bar")
        ax.axhline(50, label="a level")
        ax.annotate("tiny note", (2014, 10), fontsize=6)
        finish(ax, "Trade fell in 2015", "Goods trade, USD bn", data=rows)
        return fig

    fig = draw()
    alt, words = describe(fig)
    assert alt == ("Chart: Trade fell in 2015. Goods trade, USD bn. Source: China customs.")
    assert words == ("Line 'total': 2 points, x from 2014 to 2015, y from 68 to 95.28. "
                     "Line 'a level': at y = 50. Bars 'a bar': 1 bar, values 10.")
    html = chart_html(fig)
    assert html.startswith("<figure class='lessons-chart' style='margin:0'><img src='data:image/svg+xml;base64,")
    assert f"alt='{alt}'" in html and "<summary>The chart's data in words</summary>" in html
    assert min(t.get_fontsize() for t in fig.findobj(matplotlib.text.Text) if t.get_text()) >= SMALLEST_TEXT
    assert chart_html(draw()) == html  # byte for byte: nbval compares it
    plt.close("all")


def test_long_titles_wrap_instead_of_running_off_the_chart():
    use_course_style()
    fig, ax = plt.subplots()
    finish(ax, "A finding stated in a long sentence that would not fit on one line of the chart",
           "A subtitle that is also rather long, to see that it wraps onto a second line as well")
    assert ax.get_title(loc="left").count("\n") == 1
    plt.close(fig)


def test_finish_writes_title_subtitle_and_source_from_data(tiny):
    use_course_style()
    trade = load_dataset("trade")
    fig, ax = plt.subplots()
    ax.plot(trade["year"].astype(int), trade["total_usd_bn"].astype(float))
    finish(ax, "Trade fell in 2015", "Goods trade, USD bn", data=trade)
    assert ax.get_title(loc="left") == "Trade fell in 2015"
    texts = [t.get_text() for t in ax.texts]
    assert "Goods trade, USD bn" in texts
    assert fig.get_supxlabel() == "Source: China customs; the course article (para. 23)"
    plt.close(fig)


@pytest.fixture
def fresh_session():
    from lessons import session

    saved = (dict(session.loaded), dict(session.cited), set(session.covered))
    session.reset()
    yield
    session.reset()
    session.loaded.update(saved[0])
    session.cited.update(saved[1])
    session.covered.update(saved[2])


def test_sources_used_lists_only_rows_charted_or_shown(tiny, fresh_session):
    from lessons.sources import _record, sources_used

    trade = load_dataset("trade")
    # loaded but never shown: every source of the dataset
    assert list(sources_used().sources["source_id"]) == ["gac", "article"]
    # a filtered table shown without its source column still maps back to its rows
    _record(trade[trade.preferred][["year", "total_usd_bn"]])
    assert list(sources_used().sources["source_id"]) == ["gac"]


def test_aggregates_cannot_narrow_so_the_whole_dataset_stays(tiny, fresh_session):
    from lessons import session
    from lessons.sources import _record

    trade = load_dataset("trade")
    _record(trade.groupby("basis", observed=True).size())
    assert "trade" not in session.covered


def test_who_says_markdown_escapes_dollars_and_uses_an(tiny):
    from lessons import who_says

    md = who_says("c023a")._repr_markdown_()
    assert "a figure" in md
    from lessons.sources import _a, _md_escape

    assert _a("event") == "an" and _md_escape("$2bn to $3bn") == "\\$2bn to \\$3bn"


def test_inline_html_keeps_dollar_signs_out_of_maths():
    from lessons.markup import inline_html

    assert inline_html("$2bn or $5bn") == "<span>$</span>2bn or <span>$</span>5bn"


def test_tables_show_in_a_named_keyboard_reachable_region():
    import pandas as pd

    from lessons.charts import table_html

    frame = pd.DataFrame({"year": [2014, 2015], "<b>value</b>": [1.5, 2.5]})
    html = table_html(frame)
    assert html.startswith('<div class="lessons-table" role="region" tabindex="0"')
    assert 'aria-label="Table of 2 rows; columns: year, &lt;b&gt;value&lt;/b&gt;"' in html
    assert frame._repr_html_() in html
    wide = pd.DataFrame([range(10)], columns=[f"c{i}" for i in range(10)])
    assert "c7 and 2 more" in table_html(wide)


def test_a_table_with_number_column_names_is_noted_without_a_warning(tiny, recwarn):
    import pandas as pd

    from lessons import session

    frame = pd.DataFrame({2014: [1], 2015: [2]})
    session._after_cell(type("Result", (), {"result": frame})())
    assert [str(w.message) for w in recwarn] == []
