"""The course's own data package: valid, sourced, and traceable to the article."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

from lessons import list_datasets, load_dataset
from lessons.data import DEFAULT_DATA_DIR, PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"
ARTICLE = SHARED / "seeds" / "000_2c65060d77b3077d.txt"
DATASETS = list(pd.read_json(DEFAULT_DATA_DIR / "datapackage.json", typ="series")["resources"])
NAMES = [r["name"] for r in DATASETS]


@pytest.fixture(autouse=True)
def _project_data(monkeypatch):
    monkeypatch.delenv("LESSONS_DATA_DIR", raising=False)


def test_frictionless_validates_the_whole_package():
    from frictionless import Package

    report = Package(str(DEFAULT_DATA_DIR / "datapackage.json")).validate()
    errors = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]
    assert report.valid, "\n".join(errors[:20])


@pytest.mark.parametrize("name", NAMES)
def test_every_dataset_loads_and_every_row_has_a_source(name):
    table = load_dataset(name)
    assert len(table) > 0
    if "source_id" in table.columns:
        assert table["source_id"].notna().all()


def test_listing_covers_every_resource():
    assert list(list_datasets().index) == NAMES


def test_figures_from_the_article_carry_a_claim_id():
    missing = []
    for name in NAMES:
        table = load_dataset(name)
        if {"source_id", "claim_id"} <= set(table.columns):
            rows = table[(table["source_id"] == "article") & table["claim_id"].isna()]
            missing += [f"{name} row {i + 2}" for i in rows.index]
    assert not missing, missing


def test_preferred_rows_make_one_series_per_item():
    keyed = {"trade_annual": "year", "crude_oil": "year", "gas_volumes": "year",
             "gas_contract": "term", "arms_deals": "deal_id", "exercises": "exercise_id"}
    for name, key in keyed.items():
        table = load_dataset(name)
        counts = table[table["preferred"]].groupby(key, observed=True).size()
        assert (counts == 1).all(), f"{name}: {list(counts[counts != 1].index)}"
        assert set(table[key]) == set(table.loc[table["preferred"], key]), name


def test_events_timeline_spans_1996_to_2025_across_domains():
    events = load_dataset("events")
    assert len(events) >= 60
    assert events["year"].min() <= 1996 and events["year"].max() >= 2025
    domains = set(events["domain"].astype(str))
    assert len(domains) >= 10, sorted(domains)


# Figures the article writes in words ("three decades", "double").
NUMBER_WORDS = {2: ["two", "twice", "double"], 3: ["three"], 4: ["four"], 5: ["five", "fifth"],
                6: ["six"], 10: ["ten"], 30: ["three decades", "thirty"]}


def _article_paragraphs() -> list[str]:
    text = ARTICLE.read_text(encoding="utf-8")
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


@pytest.mark.skipif(not ARTICLE.exists(), reason="shared/seeds (the source article) not beside the project")
def test_claims_point_at_paragraphs_that_hold_their_figures():
    paras = _article_paragraphs()
    assert len(paras) == 121
    claims = load_dataset("claims")
    assert len(claims) >= 150
    wrong = []
    for _, c in claims[claims["value"].notna()].iterrows():
        digits = re.sub(r"(?<=\d)[ ,](?=\d{3})", "", paras[int(c["paragraph"]) - 1])
        value = float(c["value"])
        forms = {f"{value:g}", f"{value:.1f}", str(int(value)) if value.is_integer() else ""}
        forms.discard("")
        words = NUMBER_WORDS.get(value, [])
        if not any(re.search(rf"(?<![\d.]){re.escape(f)}(?![\d])", digits) for f in forms) and not any(
            re.search(rf"\b{w}\b", digits, re.I) for w in words
        ):
            wrong.append(f"{c['claim_id']} (para {c['paragraph']}): {c['value']}")
    assert not wrong, wrong


@pytest.mark.skipif(not SHARED.exists(), reason="shared/ (the seed overlap tool) not beside the project")
def test_no_run_of_words_is_shared_with_the_article():
    result = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "seed_overlap.py"), str(PROJECT_ROOT)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
