"""lessons.quiz: every question type through submit, and the static renderings."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from lessons.banks import read_bank
from lessons.quiz import Feedback, Quiz, list_banks, parse_number

BANK = Path(__file__).parent / "fixtures" / "every_type.yaml"


@pytest.fixture(autouse=True)
def _no_progress(monkeypatch, tmp_path):
    monkeypatch.setenv("LESSONS_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.delenv("LESSONS_DATA_DIR", raising=False)


@pytest.fixture
def quiz() -> Quiz:
    return Quiz(read_bank(BANK))


def test_every_kind_accepts_its_own_correct_answer(quiz):
    assert [q.kind for q in quiz] == ["single", "multiple", "truefalse", "numeric", "ordering",
                                     "matching", "reflection"]
    for q in quiz:
        feedback = q.submit(q.correct_answer)
        assert isinstance(feedback, Feedback)
        expected = None if q.kind == "reflection" else True
        assert feedback.correct is expected, (q.id, feedback.message)


def test_single_choice_by_text_letter_and_index_with_per_answer_feedback(quiz):
    q = quiz["single-one"]
    wrong = next(c for c in q.choices() if c.startswith("Russia"))
    feedback = q.submit(wrong)
    assert feedback.correct is False
    assert feedback.message == "✗ Not quite. Russia's figures differ a little."
    right_index = q.choices().index(q.correct_answer)
    assert q.submit(right_index).correct is True
    assert q.submit("ABC"[right_index].lower()).correct is True
    assert q.submit("  china's general administration of customs ").correct is True
    assert q.submit("Z").correct is None
    assert "not one of the options" in q.submit(17).message


def test_multiple_select_gives_partial_credit(quiz):
    q = quiz["multi-two"]
    half = q.submit(["TASS"])
    assert half.correct is False and half.score == 0.5
    assert "Partly right: 1 of 2 correct option(s) chosen" in half.message
    mixed = q.submit(["TASS", "Global Times"])
    assert mixed.score == 0.0 and "Chinese state media, not Russian." in mixed.message
    assert q.submit("TASS, RIA Novosti").correct is True
    assert q.submit([]).correct is None


def test_true_false_reads_words_and_gives_its_feedback(quiz):
    q = quiz["tf-three"]
    assert q.submit("yes").message.startswith("✗ Not quite. The plan said 2018")
    assert q.submit("False").message == "✓ Correct. Right: December 2019."
    assert q.submit("maybe").correct is None


@pytest.mark.parametrize("text,value", [
    ("1200", 1200), ("1,200", 1200), ("1 200", 1200), ("1.2e3", 1200), ("-3.5", -3.5),
    ("$95.3bn", 95.3), ("46%", 46), ("38 bcm", 38), ("\u0663\u0668", 38), ("\u22123", -3),
    ("1\u202f200", 1200), (".5", 0.5),
])
def test_parse_number_accepts_common_forms(text, value):
    assert parse_number(text) == (pytest.approx(value), None)


@pytest.mark.parametrize("text", ["", "   ", "abc", "95,3", "1e999", "nan", "inf", "x" * 10_000,
                                  None, True, float("nan"), [38], {"a": 1}])
def test_parse_number_refuses_with_a_reason(text):
    value, reason = parse_number(text)
    assert value is None and reason.startswith("could not read")


def test_decimal_comma_gets_a_pointer():
    assert parse_number("95,3")[1] == "could not read '95,3' as a number (use a point for decimals: 95.3)"


def test_numeric_tolerance_and_direction(quiz):
    q = quiz["num-four"]
    assert q.submit("39.8").correct is True  # within 5%
    assert q.submit(30).message == "✗ Too low. Higher than that."
    assert q.submit("45 bcm").message == "✗ Too high. Lower than that."
    unread = q.submit("thirty-eight")
    assert unread.correct is None
    assert unread.message == "Could not read 'thirty-eight' as a number; type a number in bcm."


def test_ordering_scores_positions_and_requires_every_item(quiz):
    q = quiz["order-five"]
    assert q.submit(list(reversed(q.items))).score == 0.0
    swapped = [q.items[1], q.items[0], *q.items[2:]]
    assert q.submit(swapped).message.startswith("✗ Not quite: 2 of 4 items are in the right place")
    assert q.submit(q.items[:3]).message == "Give every item exactly once. Missing: Gas starts flowing."
    letters = "".join("ABCD"[q.shown.index(i)] for i in q.items)
    assert q.submit(",".join(letters)).correct is True
    assert q.submit([None, None, None, None]).correct is None


def test_matching_by_text_numbers_and_letters(quiz):
    q = quiz["match-six"]
    answer = dict(q.correct_answer)
    answer["Su-35"], answer["T-90 tanks"] = answer["T-90 tanks"], answer["Su-35"]
    assert q.submit(answer).score == pytest.approx(1 / 3)
    by_letter = {str(i + 1): "ABC"[q.rights.index(q.pairs[left])] for i, left in enumerate(q.lefts)}
    assert q.submit(by_letter).correct is True
    assert q.submit({"MiG-29": "India"}).correct is None
    assert q.submit({"S-400": None}).correct is None


def test_reflection_is_saved_not_graded(quiz):
    q = quiz["reflect-seven"]
    feedback = q.submit("Not an alliance: no treaty.")
    assert feedback.correct is None and feedback.message.startswith("✓ Saved (5 words)")
    assert q.submit("   ").message.startswith("Write a few sentences first")
    assert "mutual defence treaty" in q.model_answer


WEIRD = [None, "", " ", 10**400, float("nan"), float("inf"), -0.0, "١٢٣", "x" * 10_000, b"\x00\xff",
         object(), [None], {None: None}, ("a",), {1, 2}, True, 3.5, -1, 10**6, lambda: 1]


@pytest.mark.parametrize("answer", WEIRD, ids=lambda a: type(a).__name__)
def test_submit_never_raises_on_any_input(quiz, answer):
    for q in quiz:
        feedback = q.submit(answer)
        assert feedback.correct in (True, False, None)
        assert isinstance(feedback.message, str) and feedback.message
        assert len(feedback.message) < 400


def test_options_are_shuffled_deterministically_by_question_id(quiz):
    again = Quiz(read_bank(BANK))
    assert quiz["single-one"].choices() == again["single-one"].choices()
    assert quiz["order-five"].shown == again["order-five"].shown
    assert quiz["order-five"].shown != quiz["order-five"].items


def test_score_summary_counts_best_attempts(quiz):
    quiz["single-one"].submit(quiz["single-one"].correct_answer)
    quiz["multi-two"].submit(["TASS"])
    assert quiz.summary() == "Score: 1.5 of 6 points; 1 of 6 questions solved, 2 tried."


def test_text_repr_is_stable_and_names_each_question(quiz):
    text = repr(quiz)
    assert text.startswith("Quiz 'every_type': Every question type (7 questions; matching, "
                           "multiple, numeric, ordering, reflection, single, truefalse)")
    assert "1. [Single choice] Which customs service's figures" in text
    assert "0x" not in text and repr(Quiz(read_bank(BANK))) == text


def test_static_html_hides_answers_in_details_and_escapes_bank_text(quiz):
    html = quiz.static_html()
    assert html.count("<details><summary>Answer</summary>") == 7
    assert "<b>basis</b>" not in html and "&lt;b&gt;basis&lt;/b&gt;" in html
    assert "<script" not in html
    assert re.search(r"<details><summary>Hint</summary>", html)
    assert "Based on: " in html


def test_hostile_markup_in_a_bank_is_escaped(tmp_path):
    bank = read_bank(BANK)
    bank["questions"][0]["prompt"] = "<script>alert(1)</script> [x](javascript:alert(1)) **ok**"
    html = Quiz(bank).static_html()
    assert "<script" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html and "<a " not in html
    assert "<strong>ok</strong>" in html


def test_list_banks_and_from_bank_select_questions():
    assert "00_start_here" in list_banks()
    quiz = Quiz.from_bank("00_start_here", only=["warmup-who-says"])
    assert [q.id for q in quiz] == ["warmup-who-says"]
    with pytest.raises(KeyError, match="no question"):
        Quiz.from_bank("00_start_here", only=["nope"])


def test_nan_score_never_appears(quiz):
    for q in quiz:
        q.submit(q.correct_answer)
    assert not any(f.score is not None and math.isnan(f.score) for q in quiz for f in q.attempts)


# --- properties of the numeric reader ------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_parse_number_reads_back_any_printed_float(x):
    assert parse_number(repr(x)) == (pytest.approx(x), None)
    assert parse_number(x) == (x, None)


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([",", " ", "\u202f"]))
def test_parse_number_reads_thousands_separators(n, sep):
    text = f"{n:,}".replace(",", sep)
    assert parse_number(text) == (float(n), None)
    assert parse_number(text + " USD bn") == (float(n), None)


@given(st.text(max_size=80))
def test_parse_number_never_raises_and_always_explains(text):
    value, reason = parse_number(text)
    assert (value is None) != (reason is None)
    if value is None:
        assert reason.startswith("could not read")
