"""Student versions that leak nothing: sealed tasks, strict markers, stripped metadata, custom checks."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from lessons import ____
from lessons.assignments import AssignmentError, new_exercise, solution_texts, student_version
from lessons.cli import main
from lessons.exercises import TaskError, make_seal, sealed_task

SETUP = "from lessons import ____\nfrom lessons.exercises import sealed_task\nimport pandas as pd"
# A hostile exercise: solutions in every supported form, each with text found nowhere else.
DECLARE = ('task1 = sealed_task("task1", prompt="Sum of the table?", hint="Add them up.", '
           'notebook="hostile", expect=None)\n'
           'task2 = sealed_task("task2", prompt="Which partner?", hint="Read the table.", '
           'notebook="hostile", expect=None)')
SOLVED = ("### BEGIN SOLUTION\nsecret_table = pd.Series([40.5, 61.5], index=[2019, 2020])\n"
          "answer = float(secret_table.sum())  # zebra-solution-one\n### END SOLUTION\ntask1.check(answer)")
SOLVED2 = ("def helper():\n    ### BEGIN SOLUTION\n    return 'China'  # zebra-solution-two\n"
           "    ### END SOLUTION\nanswer = helper()\ntask2.check(answer)")


def code(text, **meta):
    return nbformat.v4.new_code_cell(text, metadata=meta)


def md(text, **meta):
    return nbformat.v4.new_markdown_cell(text, metadata=meta)


def write(tmp_path: Path, cells, name="hostile.ipynb", **nb_meta) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata.update({"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                        **nb_meta})
    nb.cells = cells
    path = tmp_path / name
    nbformat.write(nb, path)
    return path


def hostile(tmp_path: Path) -> Path:
    # expect=None in the source: the seals are made by lessons student from the model answers.
    declare = DECLARE.replace("expect=None", "expect=''")
    return write(tmp_path, [
        md("# Hostile exercise"),
        md("*Instructor: zebra-instructor-note, tell the class the answer is 102.*", tags=["instructor"]),
        code(SETUP),
        code(declare),
        code(SOLVED),
        code(SOLVED2, tags=["graded"]),
        md("The answer is China because zebra-written-answer.", tags=["solution"]),
        code("zebra_tagged = 102\nanswer = zebra_tagged", tags=["solution"]),
        code("print('done')"),
    ], widgets={"application/vnd.jupyter.widget-state+json": {
        "state": {"m": {"state": {"value": "zebra-widget-state answer = float(secret_table.sum())"}}}}})


def outputs(nb) -> str:
    return "\n".join("".join(o.get("text", "")) + json.dumps(o.get("data", {}))
                     for c in nb.cells for o in c.get("outputs", []))


@pytest.fixture(autouse=True)
def _no_progress(monkeypatch, tmp_path):
    monkeypatch.setenv("LESSONS_PROGRESS", str(tmp_path / "progress.json"))


def test_a_hostile_exercise_leaks_nothing_and_its_student_version_runs(tmp_path, run_notebook):
    src = hostile(tmp_path)
    raw_source = src.read_text()
    secrets = solution_texts(src)
    assert "answer = float(secret_table.sum())  # zebra-solution-one" in secrets
    out = student_version(src, tmp_path / "student.ipynb")
    text = out.read_text(encoding="utf-8")
    for needle in ("zebra", "secret_table", "China", "102", "61.5", "widget"):
        assert needle not in text, needle
    assert src.read_text() == raw_source  # the source is untouched
    student = nbformat.read(out, as_version=4)
    assert student.metadata.keys() <= {"kernelspec", "language_info"}
    assert all(c.get("outputs", []) == [] and c.get("execution_count") is None
               for c in student.cells if c.cell_type == "code")
    assert sum(PLACEHOLDER_LINE in c.source for c in student.cells) == 3
    run = run_notebook(out)
    said = outputs(run)
    assert said.count("Not attempted yet") == 2 and "Error" not in said and "done" in said
    # The learner answers: the seals tell right from wrong without holding the answer.
    ns = {}
    exec(SETUP + "\n" + student.cells[2].source, ns)  # noqa: S102 - the student's own declaration
    task1, task2 = ns["task1"], ns["task2"]
    assert task1.check(102.0).status == "correct" and task2.check(" china ").status == "correct"
    assert task1.check(101).message.startswith("Not yet: 101 is not the answer")
    assert "expected a number" in task1.check("102").message
    assert task2.check("Russia").status == "wrong"
    assert "no model solution" in task1.solution().body
    with pytest.raises(TaskError, match="sealed"):
        task1.expected()


PLACEHOLDER_LINE = "answer = ____  # your code here"


@pytest.mark.parametrize("cells, message", [
    ([code("### BEGIN SOLUTION (model)\nanswer = 1\n### END SOLUTION")], "marker spelled"),
    ([code("### BEGIN SOLUTION\nanswer = 1")], "has no '### END SOLUTION'"),
    ([code("answer = 1\n### END SOLUTION")], "without a matching"),
    ([code("### BEGIN SOLUTION\n### BEGIN SOLUTION\nanswer = 1\n### END SOLUTION")], "inside an open"),
    ([code("x = 1"), md("### BEGIN SOLUTION\nThe answer is 42.\n### END SOLUTION")], "in a markdown cell"),
    ([code("# begin solution\nanswer = 1\n# end solution")], "marker spelled"),
])
def test_bad_markers_are_refused_naming_the_cell_and_nothing_is_written(tmp_path, cells, message, capsys):
    src = write(tmp_path, cells)
    out = tmp_path / "student.ipynb"
    with pytest.raises(AssignmentError, match=message) as info:
        student_version(src, out)
    assert f"cell {len(cells)}" in str(info.value) and not out.exists()
    assert main(["student", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and not out.exists()


def test_a_task_that_carries_its_model_solution_is_refused(tmp_path):
    src = write(tmp_path, [code("from lessons.tasks.trade import task1")])
    with pytest.raises(AssignmentError, match=r"task1.solution\(\)` would print it"):
        student_version(src, tmp_path / "s.ipynb")


def test_a_failing_instructor_notebook_is_reported_with_its_cell(tmp_path):
    src = write(tmp_path, [code("x = 1"), code("1 / 0")])
    with pytest.raises(AssignmentError, match=r"cell 2.*ZeroDivisionError"):
        student_version(src, tmp_path / "s.ipynb")


def test_a_changed_model_solution_gets_a_fresh_seal_and_the_source_only_when_asked(tmp_path):
    path = new_exercise("ex", tmp_path)
    nb = nbformat.read(path, as_version=4)
    answer_cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
    answer_cell.source = answer_cell.source.replace('["source_id"].nunique()', '["source_id"].nunique() + 1')
    nbformat.write(nb, path)
    before = path.read_text()
    notes: list[str] = []
    student_version(path, tmp_path / "s.ipynb", notes=notes)
    assert "no longer matches" in notes[0] and path.read_text() == before
    notes.clear()
    student_version(path, tmp_path / "s.ipynb", notes=notes, force=True, update_source=True)
    assert "updated the seal of task1" in notes[0] and path.read_text() != before
    notes.clear()
    student_version(path, tmp_path / "s.ipynb", notes=notes, force=True)
    assert notes == []


def test_new_exercise_is_an_nbgrader_source_notebook_and_its_task_text_has_no_markers(tmp_path):
    path = new_exercise("ex", tmp_path)
    nb = nbformat.read(path, as_version=4)
    meta = [c.metadata.get("nbgrader") for c in nb.cells]
    solutions = [m for m in meta if m and m["solution"]]
    tests = [m for m in meta if m and m["grade"]]
    assert len(solutions) == 1 and solutions[0]["grade_id"] == "task1-answer"
    assert len(tests) == 1 and tests[0]["locked"] and tests[0]["points"] == 1
    assert all(m["locked"] for m in meta if m and not m["solution"])
    assert len({m["grade_id"] for m in meta if m}) == len([m for m in meta if m])
    student = nbformat.read(student_version(path, tmp_path / "s.ipynb"), as_version=4)
    text = "\n".join(c.source for c in student.cells)
    assert "marker" not in text.lower() and "Instructor" not in text and "assert_correct" not in text


# --- custom checks: a function of the answer, written in the notebook ---------------------

def starts_in_the_2010s(answer):
    """Right when the answer is a list of years from the 2010s, sorted."""
    if not isinstance(answer, list):
        return "give a list of years."
    if any(not 2010 <= year <= 2019 for year in answer):
        return "every year should be in the 2010s."
    return None if answer == sorted(answer) else "sort the years first."


def test_a_custom_check_passes_right_fails_wrong_with_its_message_and_blank_is_not_attempted():
    task = sealed_task("task3", prompt="Years?", hint="Filter.", notebook="t", check=starts_in_the_2010s)
    assert task.check([2014, 2019]).status == "correct"
    assert repr(task.check([2019, 2014])) == "✗ Not yet: sort the years first."
    assert task.check([2009]).message == "Not yet: every year should be in the 2010s."
    assert task.check(____).status == "not attempted" and task.check().status == "not attempted"
    with pytest.raises(AssertionError, match="sort the years"):
        task.assert_correct([2019, 2014])


def test_a_custom_check_and_a_seal_must_both_pass():
    seal = json.dumps(make_seal([2014, 2019], salt="t:task4"))
    task = sealed_task("task4", prompt="Years?", hint="h", notebook="t", expect=seal,
                       check=starts_in_the_2010s)
    assert task.check([2014, 2019]).status == "correct"
    assert task.check([2014, 2018]).message == "Not yet: at least one item differs; check each one."
    assert task.check([2018, 2014]).message == "Not yet: sort the years first."


def test_a_task_with_no_expectation_at_all_is_a_declaration_error():
    with pytest.raises(TaskError, match="no model solution and no check"):
        sealed_task("t", prompt="p", hint="h", notebook="n")


@pytest.mark.parametrize("want, right, wrong, pointer", [
    (pd.Series([1.5, 2.0], index=["a", "b"]), pd.Series([1.5000001, 2.0], index=["a", "b"]),
     pd.Series([1.5, 2.0], index=["b", "a"]), "index (labels) differs"),
    (pd.DataFrame({"year": [2014], "kind": ["gas"]}), pd.DataFrame({"kind": ["gas"], "year": [2014], "x": [0]}),
     pd.DataFrame({"year": [2014], "kind": ["oil"]}), "in column 'kind'"),
    (True, True, False, "False is not it"),
    ([1, "a"], [1.0, "A"], [1, "b"], "at least one item differs"),
])
def test_seals_tell_right_from_wrong_with_a_pointer_but_hold_no_value(want, right, wrong, pointer):
    seal = make_seal(want, salt="n:t")
    assert "2014" not in json.dumps(seal) and "gas" not in json.dumps(seal)
    task = sealed_task("t", prompt="p", hint="h", notebook="n", expect=json.dumps(seal))
    assert task.check(right).status == "correct"
    assert pointer in task.check(wrong).message
