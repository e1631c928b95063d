"""lessons.prose: numbers in notebook Markdown and teacher guides come from the data."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from lessons.prose import ALLOWED, check_prose, check_text, matches, numbers_in, task_values

ROOT = Path(__file__).resolve().parents[1]


def test_every_number_in_course_prose_matches_the_data_claims_or_outputs():
    drifts = check_prose(ROOT, task_values())
    assert not drifts, "\n".join(map(str, drifts))


def test_a_number_matches_when_a_value_rounds_to_it():
    values = {Decimal("244.81"), Decimal("1.884"), Decimal("3077")}
    assert matches("245", values) and matches("244.8", values) and matches("1.9", values)
    assert matches("3,077", values)
    assert not matches("246", values) and not matches("1.88", {Decimal("1.87")})


def test_drift_is_reported_with_file_line_and_context():
    text = "Intro line.\nTrade reached about 245bn in 2024, up from 99bn."
    (drift,) = check_text(text, {Decimal("244.81")}, "notebooks/x.ipynb")
    assert (drift.file, drift.line, drift.number) == ("notebooks/x.ipynb", 2, "99")
    assert str(drift).startswith("notebooks/x.ipynb:2: '99' matches no value")


def test_allow_list_covers_years_labels_times_lists_and_small_words_only():
    text = ("## 4. Who depends\n"
            "See paragraph 52 and section 3 in notebook 09 (about 45 minutes), task 4, since 2014.\n"
            "1. First point, with 2 rows.\n"
            "The 21st session; 17 cases.")
    why = {(line, n): w for line, n, w, _ in numbers_in(text)}
    assert why[(1, "4")] == "list" and why[(2, "52")] == "label" and why[(2, "3")] == "label"
    assert why[(2, "09")] == "label" and why[(2, "45")] == "time" and why[(2, "2014")] == "year"
    assert why[(3, "1")] == "list" and why[(3, "2")] == "small" and why[(4, "21")] == "ordinal"
    assert why[(4, "17")] == ""                                  # a count must match something
    assert set(ALLOWED) == {"year", "label", "time", "list", "ordinal", "small"}


def test_code_links_and_ids_are_not_prose():
    text = "Run `df.head(12)` or see [SIPRI](https://sipri.org/2019/55) and claim c052b, arms_tiv_2026."
    assert [n for _, n, _, _ in numbers_in(text)] == []
