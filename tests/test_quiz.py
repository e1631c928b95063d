"""lessons.quiz: every question kind through the learner's verbs, and the static renderings."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from lessons import progress
from lessons.quiz import KINDS, Feedback, Quiz, list_banks, parse_number, read_bank
from lessons.quiz.base import NO_CREDIT, bounded, shuffled
from lessons.quiz.numbers import read_number, unit_problem

BANK = Path(__file__).parent / "fixtures" / "every_type.yaml"


@pytest.fixture(autouse=True)
def _no_progress(monkeypatch, tmp_path):
    monkeypatch.setenv("LESSONS_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.delenv("LESSONS_DATA_DIR", raising=False)
    progress.reset_session_state()


@pytest.fixture
def quiz() -> Quiz:
    return Quiz(read_bank(BANK))


def saved() -> list[dict]:
    return progress.load_records()


# --- every kind ----------------------------------------------------------------------------

def test_the_bank_fixture_covers_every_registered_kind(quiz):
    assert [q.kind for q in quiz] == ["single", "multiple", "truefalse", "numeric", "ordering",
                                     "matching", "reflection"]
    assert set(KINDS) == {q.kind for q in quiz}


def test_every_kind_accepts_its_own_correct_answer(quiz):
    for q in quiz:
        feedback = q.submit(q.correct_answer)
        assert isinstance(feedback, Feedback)
        assert feedback.correct is (None if q.kind == "reflection" else True), (q.id, feedback.message)
        assert feedback.credit == (None if q.kind == "reflection" else 1.0)


def test_every_kind_puts_a_stored_answer_back_on_its_control(quiz):
    for q in quiz:
        stored, reason = q.read(q.correct_answer)
        assert reason is None, q.id
        again, _ = q.read(q.control_value(stored))
        assert again == stored, q.id
        assert q.control()["type"] in {"choice", "number", "order", "match", "text"}


# --- single choice -------------------------------------------------------------------------

def test_single_choice_by_text_letter_and_index_with_per_answer_feedback(quiz):
    q = quiz["single-one"]
    wrong = next(c for c in q.choices() if c.startswith("Russia"))
    feedback = q.submit(wrong)
    assert feedback.correct is False and feedback.score == 0.0
    assert feedback.message == "✗ Not quite. Russia's figures differ a little."
    right_index = q.choices().index(q.correct_answer)
    assert q.submit(right_index).correct is True
    assert q.submit("ABC"[right_index].lower()).correct is True
    assert q.submit("ABC"[right_index] + ")").correct is True
    assert q.submit("  china's general administration of customs ").correct is True
    assert q.submit("Z").correct is None
    assert q.submit(-1).correct is None and q.submit(3).correct is None
    assert "not one of the options" in q.submit(17).message


def test_single_choice_stores_the_option_text_and_shows_the_learners_letter(quiz):
    q = quiz["single-one"]
    right = q.choices().index(q.correct_answer)
    q.submit(right)
    record = saved()[-1]
    assert record["answer"] == "China's General Administration of Customs"
    assert record["shown"] == f"{'ABC'[right]}. China's General Administration of Customs"
    assert record["try"] == 1 and record["credit"] == 1.0 and record["revealed"] is False


# --- multiple ------------------------------------------------------------------------------

def test_multiple_select_gives_partial_credit_and_records_it(quiz):
    q = quiz["multi-two"]
    half = q.submit(["TASS"])
    assert half.correct is False and half.score == 0.5 and half.credit == 0.5
    assert "Partly right: 1 of 2 correct option(s) chosen" in half.message
    mixed = q.submit(["TASS", "Global Times"])
    assert mixed.score == 0.0 and "Chinese state media, not Russian." in mixed.message
    assert mixed.message.startswith("✗ Partly right: 1 of 2 correct option(s) chosen, 1 wrong")
    none_right = q.submit(["Financial Times"])
    assert none_right.message.startswith("✗ Not quite: 0 of 2") and none_right.score == 0.0
    assert q.submit("TASS, RIA Novosti").correct is True
    assert q.submit("RIA Novosti; TASS; TASS").correct is True
    assert q.submit([]).correct is None
    # two wrong tries (the fixture's max_tries) show the answer: later answers earn nothing
    assert [(r["action"], r.get("credit")) for r in saved()] == [
        ("submit", 0.5), ("submit", 0.0), ("reveal", None), ("submit", 0.0), ("submit", 0.0),
        ("submit", 0.0)]
    assert saved()[0]["answer"] == ["TASS"] and q.best_score == 0.5


def test_multiple_select_stores_options_in_bank_order_whatever_the_click_order(quiz):
    q = quiz["multi-two"]
    stored, _ = q.read(["RIA Novosti", "TASS"])
    assert stored == ["TASS", "RIA Novosti"]
    letters = [q.choices().index(t) for t in ("TASS", "RIA Novosti")]
    assert q.shown(stored) == "; ".join(f"{'ABCD'[i]}. {t}" for i, t in
                                        sorted(zip(letters, ("TASS", "RIA Novosti"), strict=True)))


# --- true or false -------------------------------------------------------------------------

def test_true_false_reads_words_and_gives_its_feedback(quiz):
    q = quiz["tf-three"]
    assert q.submit("yes").message.startswith("✗ Not quite. The plan said 2018")
    assert q.submit("False").message == "✓ Correct. Right: December 2019."
    assert q.submit(0).correct is True and q.submit(1).correct is False
    assert q.submit("maybe").correct is None and q.submit(2).correct is None
    assert q.shown(False) == "False" and q.control_value(True) == "True"


# --- numbers -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("1200", 1200), ("1,200", 1200), ("1 200", 1200), ("1.2e3", 1200), ("-3.5", -3.5),
    ("$95.3bn", 95.3), ("46%", 46), ("38 bcm", 38), ("\u0663\u0668", 38), ("\u22123", -3),
    ("1\u202f200", 1200), (".5", 0.5), ("+7", 7), (10**20, 1e20), (2.5, 2.5),
])
def test_parse_number_accepts_common_forms(text, value):
    assert parse_number(text) == (pytest.approx(value), None)


@pytest.mark.parametrize("text", ["", "   ", "abc", "95,3", "1e999", "nan", "inf", "x" * 10_000,
                                  None, True, float("nan"), float("inf"), [38], {"a": 1},
                                  10**400, -(10**400), b"38"])
def test_parse_number_refuses_with_a_reason(text):
    value, reason = parse_number(text)
    assert value is None and reason.startswith("could not read")


def test_parse_number_names_the_problem():
    assert parse_number("95,3")[1] == "could not read '95,3' as a number (use a point for decimals: 95.3)"
    assert parse_number(10**400)[1] == "could not read that as a number: it is too large"
    assert parse_number("1e999")[1] == "could not read '1e999' as a number: it is too large"
    assert parse_number("x" * 65)[1].endswith("(at most 64 characters)")
    assert parse_number("")[1] == "could not read an empty answer as a number: type a value"


def test_read_number_keeps_what_surrounds_the_value():
    assert read_number("$95.3bn") == (95.3, "$", "bn", None)
    assert read_number("38 million") == (38.0, "", "million", None)
    assert read_number(" 46 % ") == (46.0, "", "%", None)


@pytest.mark.parametrize("currency,suffix,unit", [
    ("", "", "bcm"), ("", "bcm", "bcm"), ("", "BCM.", "bcm"), ("", "billion cubic metres", "bcm"),
    ("$", "bn", "USD bn"), ("", "billion dollars", "USD bn"), ("", "bn", "USD bn"),
    ("", "dollars", "USD bn"), ("", "%", "percent"), ("", "percent", "%"), ("", "years", "years"),
    ("US$", "", "USD bn"), ("", "usd bn", "USD bn"),
])
def test_units_that_fit_the_question_are_accepted(currency, suffix, unit):
    assert unit_problem(currency, suffix, unit) is None


@pytest.mark.parametrize("currency,suffix,unit,words", [
    ("", "million", "bcm", "makes it a number of millions"),
    ("", "million", "USD bn", "makes it a number of millions"),
    ("", "bn", "", "makes it a number of billions"),
    ("", "tonnes", "bcm", "is not the unit of this answer (bcm)"),
    ("$", "", "bcm", "not in $"),
    ("€", "bn", "USD bn", "not in €"),
])
def test_units_that_change_the_number_are_refused_with_what_was_read(currency, suffix, unit, words):
    assert words in unit_problem(currency, suffix, unit)


def test_numeric_tolerance_direction_and_unit():
    def fresh():
        return Quiz(read_bank(BANK), save_progress=False)["num-four"]

    q = fresh()
    assert q.submit("39.8").correct is True  # within 5%
    assert q.submit("36.1").correct is True and q.submit("35.9").correct is False
    assert fresh().submit(30).message == "✗ Too low. Higher than that."
    assert fresh().submit("45 bcm").message == "✗ Too high. Lower than that."
    q = fresh()
    unread = q.submit("thirty-eight")
    assert unread.correct is None
    assert unread.message == "Could not read 'thirty-eight' as a number; type a number in bcm."
    scaled = q.submit("38 million")
    assert scaled.correct is None and scaled.message.startswith("Read 38, but 'million' makes it")
    assert q.tries == 0 and q.tries_left == 2 and len(q.attempts) == 2


def test_numeric_answer_text_says_the_tolerance(quiz):
    assert quiz["num-four"].answer_text() == "38 bcm (accepted within ±5%)"


# --- ordering ------------------------------------------------------------------------------

def test_ordering_scores_positions_and_requires_every_item(quiz):
    q = quiz["order-five"]
    assert q.submit(list(reversed(q.items))).score == 0.0
    swapped = [q.items[1], q.items[0], *q.items[2:]]
    assert q.submit(swapped).message.startswith("✗ Not quite: 2 of 4 items are in the right place")
    assert q.submit(swapped).score == 0.5
    assert q.submit(q.items[:3]).message == "Give every item exactly once. Missing: Gas starts flowing."
    letters = "".join("ABCD"[q.shown_order.index(i)] for i in q.items)
    assert q.submit(",".join(letters)).correct is True
    assert q.submit(" > ".join(q.items)).correct is True
    assert q.submit([q.shown_order.index(i) for i in q.items]).correct is True
    assert q.submit([None, None, None, None]).correct is None
    assert q.submit({"a": 1}).correct is None
    assert q.shown(q.items) == " → ".join(q.items)


# --- matching ------------------------------------------------------------------------------

def test_matching_by_text_numbers_and_letters(quiz):
    q = quiz["match-six"]
    answer = dict(q.correct_answer)
    answer["Su-35"], answer["T-90 tanks"] = answer["T-90 tanks"], answer["Su-35"]
    assert q.submit(answer).score == pytest.approx(1 / 3)
    by_letter = {str(i + 1): "ABC"[q.rights.index(q.pairs[left])] for i, left in enumerate(q.lefts)}
    assert q.submit(by_letter).correct is True
    assert q.submit([q.pairs[left] for left in q.lefts]).correct is True
    assert q.submit({"MiG-29": "India"}).correct is None
    assert "not one of the matches" in q.submit({"S-400": "Mars"}).message
    unfinished = q.submit({"S-400": None, "Su-35": "China (24 jets)"})
    assert unfinished.correct is None and "1 of 3 chosen" in unfinished.message
    assert q.shown(q.correct_answer).startswith("S-400 → China (2014-15 order)")


# --- reflections ---------------------------------------------------------------------------

def test_reflection_is_saved_not_graded_and_an_empty_one_is_not_saved(quiz):
    q = quiz["reflect-seven"]
    feedback = q.submit("Not an alliance: no treaty.")
    assert feedback.correct is None and feedback.message.startswith("✓ Saved (5 words)")
    assert q.submit("   ").message.startswith("Write a few sentences first")
    assert q.submit("").correct is None
    assert [r["answer"] for r in saved()] == ["Not an alliance: no treaty."]
    assert "mutual defence treaty" in q.model_answer


def test_a_huge_reflection_is_refused_not_stored(quiz):
    q = quiz["reflect-seven"]
    feedback = q.submit("word " * 10_000)
    assert "at most 20,000" in feedback.message and saved() == []


# --- honest credit -------------------------------------------------------------------------

def test_an_answer_after_show_answer_is_recorded_but_earns_no_credit(quiz):
    q = quiz["single-one"]
    shown = q.reveal()
    assert "China's General Administration of Customs" in shown.text
    feedback = q.submit(q.correct_answer)
    assert feedback.correct is True and feedback.credit == 0.0 and feedback.revealed
    assert feedback.message.endswith(f"({NO_CREDIT})")
    actions = [(r["action"], r.get("credit"), r["revealed"]) for r in saved()]
    assert actions == [("reveal", None, True), ("submit", 0.0, True)]
    assert q.best_score == 0.0


def test_wrong_tries_reveal_the_answer_and_later_answers_earn_nothing(quiz):
    q = quiz["tf-three"]  # the fixture bank allows 2 tries
    q.submit(True)
    assert not q.revealed and q.tries_left == 1
    q.submit(True)
    assert q.revealed and q.tries_left == 0
    assert q.submit(False).credit == 0.0
    assert [r["action"] for r in saved()] == ["submit", "submit", "reveal", "submit"]


def test_hints_are_counted_and_say_so_when_missing(quiz):
    q = quiz["single-one"]
    assert q.hint().text == "Think of the <b>basis</b> column."
    assert "&lt;b&gt;basis&lt;/b&gt;" in q.hint().html
    assert q.hints_used == 2
    assert quiz["multi-two"].hint().text == "This question has no hint."
    assert [r["action"] for r in saved()] == ["hint", "hint"]


def test_answer_before_reveal_keeps_its_credit(quiz):
    q = quiz["num-four"]
    q.submit("38")
    q.reveal()
    q.submit("38")
    assert q.best_score == 1.0


# --- a learner's record comes back ---------------------------------------------------------

def test_a_new_quiz_restores_each_question_as_the_learner_left_it():
    first = Quiz(read_bank(BANK))
    first["single-one"].submit(first["single-one"].correct_answer)
    first["multi-two"].submit(["TASS"])
    first["single-one"].hint()
    first["num-four"].submit("30")
    first["order-five"].reveal()
    first["reflect-seven"].submit("My words.")
    again = Quiz(read_bank(BANK))
    assert again["single-one"].last_answer == "China's General Administration of Customs"
    assert again["single-one"].solved and again["single-one"].best_score == 1.0
    assert again["multi-two"].last_feedback.score == 0.5
    assert again["single-one"].hints_used == 1 and again["num-four"].tries_left == 1
    assert again["num-four"].last_feedback.message.startswith("✗ Too low")
    assert again["order-five"].revealed and again["order-five"].last_answer is None
    assert again["reflect-seven"].last_answer == "My words."
    assert again.summary() == first.summary() == "Score: 1.5 of 6 points; 1 of 6 questions right, 3 tried."
    assert len(saved()) == 6  # six actions; restoring saved nothing


def test_a_saved_answer_the_bank_no_longer_has_is_kept_with_its_grade():
    quiz = Quiz(read_bank(BANK))
    progress.save(progress.question_event(
        bank="every_type", item="single-one", kind="single", domain=None, action="submit",
        tries=1, revealed=False, answer="An option since removed", shown="D. An option since removed",
        correct=True, score=1.0, credit=1.0))
    quiz.restore()
    q = quiz["single-one"]
    assert q.last_feedback.correct is True and q.best_score == 1.0
    assert "the question has changed since, so that result is kept" in q.last_feedback.message


def test_without_saving_nothing_is_restored_or_written():
    Quiz(read_bank(BANK))["num-four"].submit("38")
    quiet = Quiz(read_bank(BANK), save_progress=False)
    assert quiet["num-four"].last_answer is None
    quiet["num-four"].submit("38")
    assert len(saved()) == 1


# --- hostile and odd input -----------------------------------------------------------------

WEIRD = [None, "", " ", 10**400, float("nan"), float("inf"), -0.0, "١٢٣", "x" * 30_000, b"\x00\xff",
         object(), [None], {None: None}, ("a",), {1, 2}, True, 3.5, -1, 10**6, lambda: 1,
         [[["deep"]]], {"a": [1, 2, {"b": None}]}, range(10**9), frozenset(), ..., 1j]


@pytest.mark.parametrize("answer", WEIRD, ids=lambda a: type(a).__name__)
def test_submit_never_raises_on_any_input(quiz, answer):
    for q in quiz:
        feedback = q.submit(answer)
        assert feedback.correct in (True, False, None)
        assert isinstance(feedback.message, str) and feedback.message
        assert len(feedback.message) < 400


def test_an_endless_iterator_is_cut_short_not_consumed(quiz):
    for q in quiz:
        feedback = q.submit(itertools.count())
        assert feedback.correct is None, q.id
    assert bounded(itertools.repeat("x"), 5) == ["x"] * 6


def test_nan_score_never_appears(quiz):
    for q in quiz:
        q.submit(q.correct_answer)
    assert not any(f.score is not None and math.isnan(f.score) for q in quiz for f in q.attempts)


# --- rendering -----------------------------------------------------------------------------

def test_options_are_shuffled_deterministically_by_question_id(quiz):
    again = Quiz(read_bank(BANK))
    assert quiz["single-one"].choices() == again["single-one"].choices()
    assert quiz["order-five"].shown_order == again["order-five"].shown_order
    assert quiz["order-five"].shown_order != quiz["order-five"].items
    assert shuffled(["only"], "x") == ["only"]
    assert shuffled([1, 2], "any-id") == [2, 1]


def test_score_summary_counts_best_credit(quiz):
    quiz["single-one"].submit(quiz["single-one"].correct_answer)
    quiz["multi-two"].submit(["TASS"])
    assert quiz.summary() == "Score: 1.5 of 6 points; 1 of 6 questions right, 2 tried."


def test_text_repr_is_stable_and_names_each_question(quiz):
    text = repr(quiz)
    assert text.startswith("Quiz 'every_type': Every question type (7 questions; matching, "
                           "multiple, numeric, ordering, reflection, single, truefalse)")
    assert "1. [Single choice] Which customs service's figures" in text
    assert "5. [Put in order] Put these in order, earliest first." in text
    assert "0x" not in text and repr(Quiz(read_bank(BANK))) == text


def test_static_html_folds_answers_and_holds_no_hint(quiz):
    html = quiz.static_html()
    assert html.count("<details><summary>Answer</summary>") == 7
    assert "Hint" not in html and "basis</b>" not in html and "&lt;b&gt;basis" not in html
    assert "<script" not in html
    assert "Based on: " in html
    assert "<table class='lessons-match'>" in html


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


def test_every_question_of_every_course_bank_accepts_its_answer():
    for bank in list_banks():
        for q in Quiz.from_bank(bank, save_progress=False):
            assert q.submit(q.correct_answer).correct is (None if not q.graded else True), q.id
            assert q.answer_text().strip() and "None" not in q.answer_text(), q.id


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
