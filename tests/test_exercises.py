"""Try-it tasks: not attempted / wrong with a pointer / right, and never an exception."""

from __future__ import annotations

import pandas as pd
import pytest

from lessons import ____, progress
from lessons.exercises import Task, TaskError, compare_frames


@pytest.fixture(autouse=True)
def _progress(monkeypatch, tmp_path):
    monkeypatch.setenv("LESSONS_PROGRESS", str(tmp_path / "progress.json"))
    progress.reset_session_state()


def number_task(value=95.28, **kw) -> Task:
    return Task("task1", prompt="Trade in 2014?", solution=f"answer = {value!r}",
                hint="Filter on year.", notebook="test", **kw)


def value_task(want) -> Task:
    task = number_task()
    task.expected = lambda: want
    return task


def test_placeholder_and_none_are_not_attempted():
    task = number_task()
    assert repr(task.check(____)) == ("… Not attempted yet: replace ____ with your answer, then "
                                      "run the cell again.")
    assert task.check(None).status == "not attempted"
    assert task.check().status == "not attempted"
    assert task.check([1, ____]).status == "not attempted"


def test_number_right_wrong_and_wrong_type():
    task = number_task(rel_tol=0.001)
    assert repr(task.check(95.28)) == "✓ Correct."
    assert repr(task.check(95.28)) == "✓ Correct."
    assert bool(task.check(95.281))
    assert repr(task.check(90)) == "✗ Not yet: 90 is too low."
    assert task.check("95.28").message == "Not yet: expected a number, got str '95.28'."
    assert "NaN" in task.check(float("nan")).message
    assert "not a whole table" in task.check(pd.Series([95.28])).message
    assert task.checks == ["correct", "correct", "correct", "wrong", "wrong", "wrong", "wrong"]


def test_series_and_frames_point_at_what_differs():
    want = pd.Series([1.0, 2.0], index=[2014, 2015])
    assert compare_frames(pd.Series([1.0, 2.0], index=[2014, 2015]), want) is None
    assert compare_frames(pd.Series([1.0, 3.0], index=[2014, 2015]), want) == (
        "the value for 2015 is 3; check your calculation.")
    assert "expected 2 values, got 1" in compare_frames(pd.Series([1.0]), want)
    assert "index (labels) differs" in compare_frames(pd.Series([1.0, 2.0], index=[1, 2]), want)
    frame = pd.DataFrame({"year": [2014], "kind": ["gas"]})
    assert compare_frames(frame.assign(extra=1), frame) is None
    assert compare_frames(frame.assign(kind="oil"), frame) == (
        "in column 'kind', the value for 0 is 'oil'; check your calculation.")
    assert compare_frames(frame.drop(columns="kind"), frame) == "column(s) missing: kind."
    assert compare_frames([1], frame) == "expected a pandas DataFrame, got list."


def test_a_broken_model_solution_is_a_bug_that_raises():
    broken = Task("t", prompt="p", solution="answer = 1 / 0", hint="h", notebook="test")
    with pytest.raises(ZeroDivisionError):
        broken.check(1)
    silent = Task("t", prompt="p", solution="x = 1", hint="h", notebook="test")
    with pytest.raises(TaskError, match="sets no `answer`"):
        silent.check(1)


def test_a_comparison_the_answer_breaks_is_reported_not_raised():
    def fussy(answer, want):
        raise TypeError("cannot compare these")

    task = number_task(compare=fussy)
    assert task.check(1).message == ("Not yet: could not compare your answer (TypeError: cannot "
                                     "compare these); check its type.")


@pytest.mark.parametrize("answer", [object(), b"x", "x" * 10_000, {1: 2}, [[]], True, -0.0, 1e308,
                                    pd.Series(dtype=float), pd.DataFrame(), float("inf")])
def test_odd_answers_never_raise(answer):
    for want in (1.0, "text", [1, 2], pd.Series([1.0]), pd.DataFrame({"a": [1]}), True):
        outcome = value_task(want).check(answer)
        assert outcome.status in {"correct", "wrong", "not attempted"}


def test_hint_and_solution_render_as_markdown_and_are_recorded():
    task = number_task()
    assert task.hint()._repr_markdown_() == "**Hint for task 1:**\n\nFilter on year."
    assert "```python\nanswer = 95.28\n```" in task.solution()._repr_markdown_()
    assert [r["action"] for r in progress.load_records()] == ["hint", "solution"]


def test_the_prompt_shows_as_markdown_with_money_kept_out_of_maths():
    task = Task("task2", prompt="Is $230bn more than $153bn?", solution="answer = True",
                hint="h", notebook="test")
    assert task._repr_markdown_() == "**Task 2.** Is \\$230bn more than \\$153bn?"
    assert repr(task) == "Task 2. Is $230bn more than $153bn?"


def test_the_expected_answer_is_what_the_model_solution_computes(tiny):
    task = Task("task1", prompt="Rows?", notebook="test", hint="len()",
                solution='t = load_dataset("trade")\nanswer = len(t)')
    assert task.expected() == 3
    assert task.check(3).status == "correct" and task.check(4).status == "wrong"
    tiny.write("trade.csv", tiny.root.joinpath("trade.csv").read_text() + "2016,69.5,China customs,true,gac,\n")
    assert task.expected() == 4  # the data changed: so did the answer


def test_compare_counts_accepts_any_order_and_ignores_empty_groups():
    from lessons.exercises import compare_counts

    want = pd.Series({"naval": 3, "land": 2})
    assert compare_counts(pd.Series({"land": 2, "naval": 3, "air": 0}), want) is None
    assert compare_counts({"land": 2, "naval": 3}, want) is None
    assert compare_counts(pd.Series({"naval": 3}), want, what="type") == (
        "no count for 'land'; did you keep every type?")
    assert "'air' should not be there" in compare_counts(pd.Series({"land": 2, "naval": 3, "air": 1}), want)
    assert "the count for 'land' is 1" in compare_counts(pd.Series({"land": 1, "naval": 3}), want)
    assert "expected a pandas Series" in compare_counts(5, want)


def test_compare_share_takes_fractions_or_percentages():
    from lessons.exercises import compare_share

    assert compare_share(0.8, 0.8) is None and compare_share(80, 0.8) is None
    assert compare_share(0.5, 0.8) == "0.5 is too low (as a share between 0 and 1)."
    assert compare_share("80%", 0.8) == "expected a number, got str."
