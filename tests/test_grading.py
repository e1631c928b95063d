"""Grading, case by case and to the letter: what each kind reads, how it grades, what it says.

tests/test_quiz.py walks through the kinds as a learner would; this module pins the exact
outcome of each reading and grading rule, including the messages a learner reads.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from lessons.quiz import Quiz, read_bank
from lessons.quiz.base import Feedback, bounded, shuffled, too_long
from lessons.quiz.choice import MultipleChoice, SingleChoice, TrueFalse
from lessons.quiz.matching import Matching
from lessons.quiz.numbers import _accepted, _scale_of, read_number, unit_problem
from lessons.quiz.numeric import Numeric
from lessons.quiz.ordering import Ordering
from lessons.quiz.reflection import Reflection

BANK = Path(__file__).parent / "fixtures" / "every_type.yaml"


def quiz() -> Quiz:
    return Quiz(read_bank(BANK), save_progress=False)


def numeric(answer=100.0, tolerance=None, unit="USD bn", **extra) -> Numeric:
    spec = {"id": "n", "type": "numeric", "prompt": "p", "explanation": "e", "cites": {},
            "answer": answer, "unit": unit, "tolerance": tolerance or {"absolute": 1}, **extra}
    return Numeric(spec, bank="b")


# --- the number reader -----------------------------------------------------------------------

@pytest.mark.parametrize("answer,result", [
    (None, (None, "", "", "could not read None as a number")),
    (True, (None, "", "", "could not read True as a number")),
    (10**300, (1e300, "", "", None)),
    (10**300 + 1, (None, "", "", "could not read that as a number: it is too large")),
    (-(10**301), (None, "", "", "could not read that as a number: it is too large")),
    (float("nan"), (None, "", "", "could not read nan as a number: give a finite value")),
    (b"1", (None, "", "", "could not read a bytes as a number")),
    ([1], (None, "", "", "could not read a list as a number")),
    ("   ", (None, "", "", "could not read an empty answer as a number: type a value")),
    ("9" * 64, (float("9" * 64), "", "", None)),
    ("9" * 65, (None, "", "", "could not read that as a number: it is too long (at most 64 characters)")),
    ("about forty", (None, "", "", "could not read 'about forty' as a number")),
    ("x" * 30, (None, "", "", f"could not read {'x' * 30!r} as a number")),
    ("x" * 31, (None, "", "", f"could not read {'x' * 27 + '...'!r} as a number")),
    ("1,5", (None, "", "", "could not read '1,5' as a number (use a point for decimals: 95.3)")),
    ("1" + "0" * 400, (None, "", "", "could not read that as a number: it is too long (at most 64 characters)")),
    ("9e400", (None, "", "", "could not read '9e400' as a number: it is too large")),
    ("−٣", (-3.0, "", "", None)),
    ("1\u00a0200", (1200.0, "", "", None)), ("1_200", (1200.0, "", "", None)),
    ("US$ 3", (3.0, "US$", "", None)), ("€4 bn", (4.0, "€", "bn", None)), ("- 2", (-2.0, "", "", None)),
])
def test_read_number(answer, result):
    assert read_number(answer) == result


def test_scales_and_units_are_recognised():
    assert _scale_of("38 million") == "million" and _scale_of("a lot") is None
    assert _scale_of("bn usd") == "billion" and _scale_of("k") == "thousand"
    assert _scale_of("tn") == "trillion" and _scale_of("tonnes") is None
    assert {"bcm", "billion cubic metres", "bn m3"} <= _accepted("bcm")
    assert {"bn", "billion", "usd", "$", "dollars", "usd bn", "bn usd", "billion dollars",
            "$bn", "usdbn"} <= _accepted("USD bn")
    assert "million" not in _accepted("USD bn") and _accepted("") == set()
    assert {"ship", "ships"} <= _accepted("ships")


@pytest.mark.parametrize("currency,suffix,unit,message", [
    ("", "million", "bcm", "'million' makes it a number of millions, while the answer is in bcm; "
                           "type the number of bcm alone"),
    ("", "bn", "", "'bn' makes it a number of billions, while the answer is in plain numbers; "
                   "type the number of units alone"),
    ("", "tonnes", "bcm", "'tonnes' is not the unit of this answer (bcm); type the number alone"),
    ("", "apples", "", "'apples' is not the unit of this answer (a plain number); type the number alone"),
    ("$", "", "bcm", "the answer is in bcm, not in $; type the number alone"),
    ("$", "", "", "the answer is in plain numbers, not in $; type the number alone"),
    ("RUB", "", "USD bn", "the answer is in USD bn, not in RUB; type the number alone"),
])
def test_unit_problems_say_what_was_read(currency, suffix, unit, message):
    assert unit_problem(currency, suffix, unit) == message


@pytest.mark.parametrize("currency,unit", [("$", "USD bn"), ("US$", "USD"), ("USD", "dollars"),
                                           ("€", "EUR bn"), ("₽", "roubles"), ("¥", "CNY bn")])
def test_a_currency_sign_the_unit_names_is_accepted(currency, unit):
    assert unit_problem(currency, "", unit) is None


def test_a_scale_the_unit_shares_is_accepted():
    assert unit_problem("", "billion", "bn") is None
    assert unit_problem("", "Billion.", "USD bn") is None


# --- numeric grading ---------------------------------------------------------------------------

def test_tolerance_adds_absolute_and_relative_parts():
    assert numeric(200.0, {"absolute": 2}).tolerance() == 2
    assert numeric(-200.0, {"relative": 0.05}).tolerance() == 10
    q = numeric(200.0, {"relative": 0.05})
    assert q.submit("210").correct is True and q.submit("190").correct is True
    assert q.submit("210.1").correct is False and q.submit("189.9").correct is False


def test_numeric_feedback_words_and_scores():
    q = numeric(100.0, {"absolute": 1}, feedback={"low": "More.", "high": "Less.", "correct": "Yes!"})
    assert q.submit("101") == Feedback(True, "✓ Correct. Yes!", 1.0, 1.0)
    assert q.submit("98.9") == Feedback(False, "✗ Too low. More.", 0.0, 0.0)
    assert q.submit("101.5") == Feedback(False, "✗ Too high. Less.", 0.0, 0.0)
    plain = numeric(100.0)
    assert plain.submit("100") == Feedback(True, "✓ Correct.", 1.0, 1.0)
    assert plain.submit("50").message == "✗ Too low."
    assert plain.submit("150").message == "✗ Too high."


def test_numeric_reads_numbers_and_text_and_refuses_the_rest():
    q = numeric()
    assert q.read(" 100 ") == ("100", None) and q.read(100) == (100, None) and q.read(2.5) == (2.5, None)
    assert q.read(True) == (None, "Could not read that as a number; type a number in USD bn.")
    assert q.read("x" * 30_000)[0] is None and q.read([1])[0] is None
    assert numeric(unit="").expects() == "type a number"
    assert q.submit("$100bn").correct is True
    assert q.submit("100 million").message == ("Read 100, but '100 million' makes it".replace("'100 ", "'")
                                               + " a number of millions, while the answer is in USD bn; "
                                               "type the number of USD bn alone.")
    assert q.submit("€100").message == "Read 100, but the answer is in USD bn, not in €; type the number alone."
    assert q.submit("ten").message == "Could not read 'ten' as a number; type a number in USD bn."
    assert q.shown("100") == "100" and q.shown(2.5) == "2.5" and q.shown(10**50) == str(10**50)[:40]


def test_numeric_answer_text():
    assert numeric(1234.5, {"absolute": 0.5}).answer_text() == "1,234.5 USD bn (accepted within ±0.5)"
    assert numeric(38.0, {"relative": 0.05}, unit="").answer_text() == "38 (accepted within ±5%)"


def test_numeric_spec_problems():
    assert Numeric.spec_problems({"answer": 3, "tolerance": {"absolute": 1}}) == []
    assert Numeric.spec_problems({"answer": math.inf, "tolerance": {"relative": math.nan}}) == [
        "answer: must be a finite number", "tolerance.relative: must be a finite number, not nan"]
    assert Numeric.spec_problems({}) == [] and Numeric.data_problems({"answer": 1}) == []


# --- choices ---------------------------------------------------------------------------------

def test_single_choice_reads_and_grades_exactly():
    q = quiz()["single-one"]
    assert q.read("b)") == (q.choices()[1], None)
    assert q.read(True) == (None, "That is not one of the options: choose one option (its text, its "
                                  "letter or its number from 0).")
    assert q.read("x" * 30_000)[0] is None and q.read("D")[0] is None and q.read(3)[0] is None
    wto = q.grade("The WTO")
    assert wto == Feedback(False, "✗ Not quite. Not the source here.", 0.0)
    assert q.control_value("The WTO") == q.choices().index("The WTO")
    assert SingleChoice.spec_problems({"options": [{"text": "a", "correct": True}, {"text": "A "}]}) == [
        "two options have the same text"]
    assert SingleChoice.spec_problems({"options": [{"text": "a", "correct": True},
                                                   {"text": "b", "correct": True}, "junk"]}) == [
        "a single-choice question needs exactly one correct option (found 2)"]
    assert SingleChoice.spec_problems({"options": [{"text": "a", "correct": "yes"}, {"text": "b"}]}) == [
        "a single-choice question needs exactly one correct option (found 0)"]


def test_multiple_choice_grades_every_combination():
    q = quiz()["multi-two"]
    assert q.grade(["TASS", "RIA Novosti"]) == Feedback(True, "✓ Correct.", 1.0)
    assert q.grade(["Financial Times", "Global Times"]).score == 0.0
    both_wrong_one_right = q.grade(["TASS", "Financial Times", "Global Times"])
    assert both_wrong_one_right.score == 0.0
    assert both_wrong_one_right.message.startswith("✗ Partly right: 1 of 2 correct option(s) chosen, 2 wrong")
    assert q.grade(["TASS", "RIA Novosti", "Financial Times"]).score == 0.5
    assert q.read("tass") == (["TASS"], None)
    assert q.read(5) == (None, "Could not read that: give a list of the options you choose (texts, "
                               "letters or numbers).")
    assert q.read(["TASS", "Pravda"]) == (None, "'Pravda' is not one of the options: give a list of "
                                                "the options you choose (texts, letters or numbers).")
    assert q.read(list(range(2)) * 10)[0] is not None  # repeats are read once each
    assert q.read(["TASS"] * 11)[0] == ["TASS"] and q.read(["TASS"] * 12)[0] == ["TASS"]
    assert MultipleChoice.spec_problems({"options": [{"text": "a"}, {"text": "b"}]}) == [
        "no option is marked correct: true"]
    assert q.answer_text() == "; ".join(
        f"{'ABCD'[q.choices().index(t)]}. {t}" for t in q.correct_answer)


def test_true_false_exactly():
    q = quiz()["tf-three"]
    for word in ("true", "T", "yes", "Y", "1", " True "):
        assert q.read(word) == (True, None), word
    for word in ("false", "f", "NO", "n", "0"):
        assert q.read(word) == (False, None), word
    assert q.read("x" * 25) == (None, "Could not read that: answer True or False.")
    assert q.read(2) == (None, "Could not read that: answer True or False.")
    assert q.grade(False) == Feedback(True, "✓ Correct. Right: December 2019.", 1.0)
    assert q.grade(True) == Feedback(False, "✗ Not quite. The plan said 2018, but the pipeline opened "
                                            "later.", 0.0)
    assert (q.shown(True), q.shown(False), q.answer_text()) == ("True", "False", "False")
    assert q.control_value(False) == "False" and q.choices() == ["True", "False"]
    silent = TrueFalse({"id": "t", "type": "truefalse", "prompt": "p", "explanation": "e",
                        "cites": {}, "answer": True})
    assert silent.grade(True) == Feedback(True, "✓ Correct.", 1.0)


# --- ordering and matching -------------------------------------------------------------------

def test_ordering_exactly():
    q = quiz()["order-five"]
    items = q.items
    assert q.grade(items) == Feedback(True, "✓ Correct.", 1.0)
    one_in_place = [items[0], items[2], items[3], items[1]]
    assert q.grade(one_in_place) == Feedback(False, "✗ Not quite: 1 of 4 items are in the right place "
                                                    "(partial credit 25%).", 0.25)
    assert q.read([*items, items[0]]) == (None, "Give every item exactly once.")
    assert q.read(["Nothing"])[1] == ("'Nothing' is not one of the items: give every item once, as a "
                                      "list from first to last (texts or letters).")
    assert q.read(True)[0] is None and q.read(4)[0] is None and q.read(-1)[0] is None
    letters = [chr(65 + q.shown_order.index(i)) for i in items]
    assert q.read(" → ".join(letters)) == (items, None)
    assert q.read(";".join(i.upper() for i in items)) == (items, None)
    assert Ordering.spec_problems({"items": ["a", "A", "b"]}) == ["two items have the same text"]
    assert Ordering.spec_problems({"items": ["a", "b"]}) == []


def test_matching_exactly():
    q = quiz()["match-six"]
    assert q.grade(dict(q.pairs)) == Feedback(True, "✓ Correct.", 1.0)
    swapped = {**q.pairs, "S-400": q.pairs["Su-35"], "Su-35": q.pairs["S-400"]}
    assert q.grade(swapped) == Feedback(False, "✗ Not quite: 1 of 3 pairs are right (partial credit "
                                               "33%).", 1 / 3)
    assert q.read({"4": "A"})[1].startswith("'4' is not a left-hand item")
    assert q.read({0: "A", 1: "B", 2: "C"})[0] == {"S-400": q.rights[0], "Su-35": q.rights[1],
                                                   "T-90 tanks": q.rights[2]}  # positions from 0
    assert q.read([0, 1])[0] is None and q.read("S-400")[0] is None
    assert q.read({"S-400": True, "Su-35": "B", "T-90 tanks": "C"})[1] == "'True' is not one of the matches."
    assert q.read({"S-400": "z" * 30_000})[0] is None
    assert Matching.spec_problems({"pairs": [{"left": "a", "right": "x"}, {"left": "A", "right": "y"}]}) == [
        "two pairs have the same left-hand text"]
    assert Matching.spec_problems({"pairs": [{"left": "a", "right": "x"}, {"left": "b", "right": "X"}]}) == [
        "two pairs have the same right-hand text"]


def test_reflection_exactly():
    q = quiz()["reflect-seven"]
    assert q.read("  One word  ") == ("One word", None)
    assert q.grade("One") == Feedback(None, "✓ Saved (1 word). Reflections are not graded: compare "
                                            "yours with the model answer.")
    assert q.read(3) == (None, "Write a few sentences first; a reflection is saved, not graded.")
    assert q.read("x" * 20_001)[1] == ("That is 20,001 characters; a reflection can be at most 20,000. "
                                       "Shorten it (your text is still in the box).")
    assert q.read("x" * 20_000)[0] is not None
    assert q.answer_text().startswith("A model answer: ") and not Reflection.graded


# --- the shared machinery ----------------------------------------------------------------------

def test_a_question_keeps_what_its_bank_entry_says():
    spec = {"id": "q1", "type": "reflection", "prompt": "P", "explanation": "E", "cites": {"sources": ["a"]},
            "model_answer": "M", "hint": "H", "difficulty": "hard", "tags": ["x"], "domain": "arms"}
    q = Reflection(spec, bank="b", domain="economy", max_tries=5)
    assert (q.id, q.bank, q.prompt, q.explanation, q.hint_text, q.cites, q.difficulty, q.tags,
            q.domain, q.max_tries) == ("q1", "b", "P", "E", "H", {"sources": ["a"]}, "hard", ["x"],
                                       "arms", 5)
    assert (q.attempts, q.hints_used, q.revealed, q.last_answer) == ([], 0, False, None)
    bare = Reflection({**spec, "domain": None, "hint": None, "tags": None, "cites": None}, domain="economy")
    assert (bare.domain, bare.hint_text, bare.tags, bare.cites, bare.max_tries) == ("economy", None, [], {}, 3)


def test_tries_wrong_tries_and_tries_left():
    q = Quiz(read_bank(BANK), save_progress=False)["num-four"]
    assert (q.tries, q.wrong_tries, q.tries_left, q.best_score, q.solved) == (0, 0, 2, None, False)
    q.submit("nonsense")
    assert (q.tries, q.wrong_tries, q.tries_left) == (0, 0, 2)
    q.submit("1")
    assert (q.tries, q.wrong_tries, q.tries_left, q.best_score, q.revealed) == (1, 1, 1, 0.0, False)
    q.submit("38")
    assert (q.tries, q.solved, q.best_score, q.revealed) == (2, True, 1.0, False)


def test_a_hint_and_a_reveal_are_recorded_once_each_where_it_matters():
    records = []
    q = Quiz(read_bank(BANK), save_progress=False)["single-one"]
    q._recorder = records.append
    q.hint()
    q.reveal()
    q.reveal()
    assert [(r["action"], r["revealed"], r["try"]) for r in records] == [("hint", False, 0), ("reveal", True, 0)]
    q.submit(q.correct_answer)
    assert records[-1]["try"] == 1 and records[-1]["revealed"] is True and records[-1]["credit"] == 0.0
    assert records[-1]["prompt"] == "Which customs service's figures does the course use for trade?"


def test_restored_feedback_keeps_the_recorded_credit_and_reveal():
    q = Quiz(read_bank(BANK), save_progress=False)["num-four"]
    q.restore([{"action": "reveal"}, {"action": "submit", "answer": "38", "correct": True, "score": 1.0,
                                      "credit": 0.0, "revealed": True}])
    assert q.last_feedback == Feedback(True, "✓ Correct. (The answer had been shown before this try, so it "
                                             "earns no credit.)", 1.0, 0.0, True)
    assert q.last_answer == "38" and q.revealed and q.hints_used == 0


def test_shuffle_is_seeded_and_never_the_bank_order():
    items = list(range(6))
    assert shuffled(items, "q") == shuffled(items, "q") != items
    assert shuffled(items, "q") != shuffled(items, "q", ":right")
    assert sorted(shuffled(items, "another")) == items
    assert shuffled([], "q") == []


def test_bounded_and_too_long():
    assert bounded([1, 2, 3], 1) == [1, 2] and bounded((1,), 5) == [1]
    assert bounded("abc") is None and bounded({"a": 1}) is None and bounded(5) is None
    assert bounded(b"ab") is None
    assert too_long("x" * 20_001) and not too_long("x" * 20_000) and not too_long(5)
