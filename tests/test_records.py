"""The record's pure parts, case by case: what a record must hold, how a version-1 record is
read, and the one line per question or task that the report and the export show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lessons import progress
from lessons.progress import ItemSummary, record_problem, summarize

AT = "2026-12-01T10:00:00+00:00"


def rec(action="submit", item="q", kind="single", **kw) -> dict:
    base = {"bank": "b", "item": item, "kind": kind, "domain": "economy", "action": action,
            "try": 1, "revealed": False, "at": kw.pop("at", AT)}
    if action == "submit":
        base.update(answer="A", shown="A. A", correct=True, score=1.0, credit=1.0)
    if action == "check":
        base.update(outcome="correct", shown="2018", correct=True, kind="task", try_=0)
        base.pop("try_")
        base["kind"] = "task"
    base.update(kw)
    return base


# --- what a record must hold ---------------------------------------------------------------

def test_a_well_formed_record_has_no_problem():
    assert record_problem(rec()) is None
    assert record_problem(rec("hint")) is None
    assert record_problem(rec("check")) is None
    assert record_problem({**rec(), "domain": None, "score": 0, "credit": 0.5}) is None


@pytest.mark.parametrize("change,problem", [
    ({"bank": ""}, "'bank' must be text"), ({"item": 3}, "'item' must be text"),
    ({"kind": None}, "'kind' must be text"), ({"action": "explode"}, "unknown action 'explode'"),
    ({"at": ["x"]}, "'at' must be text"), ({"domain": 5}, "'domain' must be text"),
    ({"try": -1}, "'try' must be a whole number"), ({"try": True}, "'try' must be a whole number"),
    ({"try": 1.5}, "'try' must be a whole number"),
    ({"score": 1.5}, "'score' must be a number from 0 to 1"),
    ({"score": -0.1}, "'score' must be a number from 0 to 1"),
    ({"score": float("nan")}, "'score' must be a number from 0 to 1"),
    ({"credit": float("inf")}, "'credit' must be a number from 0 to 1"),
    ({"credit": True}, "'credit' must be a number from 0 to 1"),
    ({"correct": "yes"}, "'correct' must be true, false or null"),
    ({"revealed": 1}, "'revealed' must be true or false"),
    ({"shown": 3}, "'shown' must be text"), ({"prompt": []}, "'prompt' must be text"),
    ({"outcome": "maybe"}, "unknown outcome 'maybe'"),
])
def test_each_field_is_checked_with_a_message(change, problem):
    assert record_problem({**rec(), **change}) == problem


def test_a_record_that_is_not_an_object_is_named():
    assert record_problem(["a"]) == "a record must be an object, not list"
    assert record_problem(None) == "a record must be an object, not NoneType"


# --- version 1 -------------------------------------------------------------------------------

def test_a_version_1_record_becomes_a_submit_record():
    v1 = {"bank": "b", "question": "q", "kind": "numeric", "domain": "energy", "answer": "38",
          "correct": False, "score": 0.0, "at": AT}
    out = progress._from_v1(v1)
    assert out == {"bank": "b", "item": "q", "kind": "numeric", "domain": "energy",
                   "action": "submit", "try": 0, "answer": "38", "shown": None, "correct": False,
                   "score": 0.0, "credit": None, "revealed": False, "at": AT, "migrated_from": 1}


def test_odd_version_1_values_are_made_safe_or_refused():
    odd = progress._from_v1({"bank": "b", "question": "q", "kind": "reflection", "domain": 3,
                             "answer": "x", "correct": "yes", "score": float("nan"), "at": 5})
    assert (odd["domain"], odd["correct"], odd["score"], odd["at"]) == (
        None, None, None, "1970-01-01T00:00:00+00:00")
    assert progress._from_v1({"bank": "b", "kind": "single"}) is None
    assert progress._from_v1("text") is None
    assert progress._from_v1({"bank": 1, "question": "q", "kind": "single"}) is None


def test_version_1_tries_and_credit_are_counted_per_question():
    records = [progress._from_v1({"bank": "b", "question": q, "kind": "single", "answer": 0,
                                  "correct": c, "score": s, "at": AT})
               for q, c, s in (("q1", False, 0.0), ("q2", True, 1.0), ("q1", None, None),
                               ("q1", True, 1.0))]
    progress._number_tries(records)
    assert [(r["item"], r["try"], r["credit"]) for r in records] == [
        ("q1", 1, 0.0), ("q2", 1, 1.0), ("q1", 1, None), ("q1", 2, 1.0)]


def test_read_file_reports_the_version_and_sets_bad_records_apart(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"version": 2, "records": [rec(), "junk", rec(item="r")]}))
    loaded = progress.read_file(path)
    assert ([r["item"] for r in loaded.records], loaded.rejected, loaded.version,
            loaded.unreadable) == (["q", "r"], ["junk"], 2, None)
    path.write_text(json.dumps([rec()]))  # a bare list of records
    assert [r["item"] for r in progress.read_file(path).records] == ["q"]
    path.write_text(json.dumps({"records": "no"}))
    assert progress.read_file(path).unreadable == "not a progress file (no list of records)"
    path.write_text("  \n")
    assert progress.read_file(path).records == []
    assert progress.read_file(tmp_path / "missing.json").records == []
    path.write_bytes(b"\xff\xfe")
    assert progress.read_file(path).unreadable.startswith("not JSON text")


# --- one line per item -----------------------------------------------------------------------

def line(records) -> ItemSummary:
    (only,) = summarize(records)
    return only


def test_a_right_first_answer():
    s = line([rec(at="2026-12-01T10:00:00+00:00"), rec("hint", at="2026-12-01T11:00:00+00:00")])
    assert s == ItemSummary("b", "q", "single", "economy", answer="A", shown="A. A", correct=True,
                            points=1.0, max_points=1.0, tries=1, hints=1, revealed=False,
                            last_saved="2026-12-01T11:00:00+00:00", status="right", last_score=1.0)


def test_the_latest_time_is_kept_whatever_the_order():
    s = line([rec(at="2026-12-02T00:00:00+00:00"), rec("hint", at="2026-12-01T00:00:00+00:00")])
    assert s.last_saved == "2026-12-02T00:00:00+00:00"


def test_hints_and_tries_are_counted():
    s = line([rec("hint"), rec("hint"), rec(correct=False, score=0.0, credit=0.0),
              rec(correct=None, score=None, credit=None), rec()])
    assert (s.hints, s.tries, s.points, s.status) == (2, 2, 1.0, "right")


def test_wrong_so_far_and_wrong_after_the_answer():
    wrong = rec(correct=False, score=0.0, credit=0.0, answer="B", shown="B. B")
    s = line([wrong])
    assert (s.status, s.points, s.answer, s.shown, s.correct) == ("wrong so far", 0.0, "B", "B. B", False)
    assert line([wrong, rec("reveal")]).status == "wrong, answer shown"


def test_an_answer_after_a_reveal_earns_nothing_even_if_its_record_says_otherwise():
    s = line([rec("reveal"), rec(credit=1.0, revealed=False)])
    assert (s.points, s.revealed, s.status) == (0.0, True, "right after the answer was shown (no credit)")
    s = line([rec(revealed=True, credit=1.0)])
    assert (s.points, s.status) == (0.0, "right after the answer was shown (no credit)")


def test_partial_credit_before_and_after_a_reveal():
    half = rec(correct=False, score=0.5, credit=0.5)
    assert line([half]).status == "partly right (50% credit)" and line([half]).points == 0.5
    late = rec(correct=False, score=0.5, credit=0.0, revealed=True)
    s = line([rec("reveal"), late])
    assert (s.status, s.points, s.last_score) == (
        "partly right after the answer was shown (no credit)", 0.0, 0.5)


def test_the_best_credit_counts_not_the_last():
    s = line([rec(correct=False, score=0.5, credit=0.5), rec(correct=False, score=0.0, credit=0.0)])
    assert (s.points, s.status, s.last_score) == (0.5, "partly right (50% credit)", 0.0)


def test_shown_before_trying_and_not_attempted():
    assert line([rec("reveal")]).status == "answer shown before trying"
    assert line([rec("hint")]).status == "not attempted"
    assert line([rec(correct=None, score=None, credit=None)]).status == "not attempted"


def test_reflections_are_saved_not_graded():
    s = line([rec(kind="reflection", correct=None, score=None, credit=None, answer="x", shown="x")])
    assert (s.status, s.points, s.max_points, s.tries, s.graded) == ("saved (not graded)", None, 0.0, 1, False)
    assert line([rec("reveal", kind="reflection")]).status == "answer shown, nothing written"
    assert line([rec("hint", kind="reflection")]).status == "not attempted"


def test_try_it_checks_count_when_attempted_and_before_the_solution():
    wrong = rec("check", outcome="wrong", correct=False, shown="2017")
    s = line([rec("check", outcome="not attempted", correct=None, shown="____"), wrong, rec("check")])
    assert (s.tries, s.points, s.shown, s.correct, s.status) == (2, 1.0, "2018", True, "right")
    s = line([wrong, rec("solution"), rec("check")])
    assert (s.points, s.revealed, progress._task_status(s)) == (
        0.0, True, "right after the solution was shown (no credit)")
    assert progress._task_status(line([rec("solution")])) == "solution shown before trying"
    assert progress._task_status(line([wrong])) == "wrong so far"
    assert progress._task_status(line([wrong, rec("solution")])) == "wrong, solution shown"
    assert progress._task_status(line([rec("check", outcome="not attempted")])) == "not attempted"


def test_items_are_kept_apart_by_bank_and_item_in_order_of_first_appearance():
    lines = summarize([rec(item="q2"), rec(item="q1"), {**rec(item="q2"), "bank": "c"}, rec(item="q2")])
    assert [(s.bank, s.item, s.tries) for s in lines] == [("b", "q2", 2), ("b", "q1", 1), ("c", "q2", 1)]


def test_the_prompt_of_a_submit_is_kept_for_the_export():
    s = line([rec(prompt="What was traded?"), rec("hint")])
    assert s.prompt == "What was traded?"
    rows = progress.export_rows([rec(prompt="What was traded?")])
    assert rows[0]["prompt"] == "What was traded?"
    rows = progress.export_rows([rec(prompt="old")], describe=lambda b, i: ("new", "right"))
    assert (rows[0]["prompt"], rows[0]["correct_answer"]) == ("new", "right")


def test_export_rows_write_every_field_as_text():
    rows = progress.export_rows([rec(correct=False, score=0.5, credit=0.5), rec("hint"),
                                 rec(item="r", kind="reflection", correct=None, score=None, credit=None,
                                     answer="words", shown="words"),
                                 rec(item="u", shown=None, answer=["a", 1], correct=None, score=None,
                                     credit=None)])
    assert rows[0] == {"bank": "b", "question": "q", "kind": "single", "prompt": "", "answer": "A. A",
                       "correct": "no", "points": "0.5", "max_points": "1", "tries": 1, "hints": 1,
                       "revealed": "no", "status": "partly right (50% credit)", "correct_answer": "",
                       "last_saved": AT}
    assert (rows[1]["correct"], rows[1]["points"], rows[1]["max_points"]) == ("", "", "0")
    assert rows[2]["answer"] == '["a", 1]' and rows[2]["correct"] == ""


def test_write_csv_uses_a_bom_the_given_columns_and_defused_cells(tmp_path):
    out = tmp_path / "deep" / "x.csv"
    progress.write_csv(out, [{"a": "=1", "b": 2, "c": "ignored"}], columns=["a", "b"])
    assert out.read_bytes() == b"\xef\xbb\xbfa,b\r\n'=1,2\r\n"


def test_storable_keeps_small_values_and_cuts_large_ones():
    assert progress.storable(True) is True and progress.storable(None) is None
    assert progress.storable(3) == 3 and progress.storable(2.5) == 2.5
    assert progress.storable(float("inf")) == "inf"
    assert progress.storable(10**15) == "1000000000000000" and progress.storable(10**15 - 1) == 10**15 - 1
    assert progress.storable({1: [2, (3,)]}) == {"1": [2, [3]]}
    assert progress.storable({"k" * 30_000: 1}) == {"k" * progress.MAX_TEXT: 1}
    assert len(progress.storable({i: i for i in range(500)})) == progress.MAX_ITEMS


def test_question_events_hold_what_each_action_needs():
    submit = progress.question_event(bank="b", item="q", kind="single", domain=None, action="submit",
                                     tries=2, revealed=True, answer="A", shown="x" * 30_000,
                                     correct=False, score=0.0, credit=0.0, prompt="p" * 900)
    assert (submit["try"], submit["revealed"], len(submit["shown"]), len(submit["prompt"])) == (
        2, True, progress.MAX_TEXT, progress.MAX_PROMPT)
    hint = progress.question_event(bank="b", item="q", kind="single", domain=None, action="hint",
                                   tries=0, revealed=False, answer="ignored")
    assert "answer" not in hint and record_problem(hint) is None
    with pytest.raises(ValueError, match="not a question action"):
        progress.question_event(bank="b", item="q", kind="single", domain=None, action="check",
                                tries=0, revealed=False)


def test_task_records_carry_the_outcome_and_a_short_answer(tmp_path, monkeypatch):
    monkeypatch.setenv("LESSONS_PROGRESS", str(tmp_path / "p.json"))

    class T:
        notebook, name = "02_trade", "task9"

    assert progress.record_task(T, "check", outcome="wrong", answer="x" * 500)
    assert progress.record_task(T, "hint")
    first, second = json.loads(Path(tmp_path / "p.json").read_text())["records"]
    assert (first["outcome"], first["correct"], len(first["shown"]), first["kind"]) == ("wrong", False, 200, "task")
    assert first["shown"].endswith("...") and "outcome" not in second
    assert progress.last_task_check("02_trade", "task9") == "wrong"
    assert progress.last_task_check("02_trade", "task8") is None
    with pytest.raises(ValueError, match="not a task action"):
        progress.record_task(T, "submit")
