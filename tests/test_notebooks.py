"""Course notebooks follow the skeleton, are committed executed, and their tasks work.

The outputs themselves are compared by nbval (``pytest --nbval``); this module
checks structure: the sections every notebook must have, a quiz from its own
bank of at least six questions of three kinds, Try-it tasks whose model
solutions pass their own checks, and the size budget.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path

import pandas as pd
import pytest

import lessons.tasks
from lessons import ____, load_dataset
from lessons.banks import read_bank
from lessons.data import PROJECT_ROOT
from lessons.exercises import Task
from lessons.notebooks import check_executed, check_skeleton, course_notebooks

NOTEBOOKS = course_notebooks(PROJECT_ROOT / "notebooks")
COURSE = [p for p in NOTEBOOKS if not p.name.startswith("00_")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_executed_small_and_error_free(path):
    assert [str(p) for p in check_executed(path)] == []


@pytest.mark.parametrize("path", COURSE, ids=lambda p: p.stem)
def test_course_notebook_follows_the_skeleton(path):
    assert [str(p) for p in check_skeleton(path)] == []


def _notebook(tmp_path, cells) -> Path:
    path = tmp_path / "05_energy.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_skeleton_check_names_what_is_missing(tmp_path):
    path = _notebook(tmp_path, [
        {"cell_type": "markdown", "source": "# 05 Energy\n### Learning objectives\n- one\n"},
        {"cell_type": "code", "source": "import pandas", "execution_count": None, "outputs": []},
    ])
    problems = "\n".join(str(p) for p in check_skeleton(path))
    for expected in ["no heading 'Who says so?'", "1 learning objectives; give 3 to 5",
                     "0 numbered sections", "short set-up", "0 Try-it checks",
                     'Quiz.from_bank("05_energy")', "sources_used()"]:
        assert expected in problems
    assert "cell 1: not executed" in "\n".join(str(p) for p in check_executed(path))


def test_executed_check_flags_errors_and_addresses(tmp_path):
    path = _notebook(tmp_path, [
        {"cell_type": "code", "source": "1/0", "execution_count": 1,
         "outputs": [{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "", "traceback": []}]},
        {"cell_type": "code", "source": "object()", "execution_count": 2,
         "outputs": [{"output_type": "execute_result", "execution_count": 2, "metadata": {},
                      "data": {"text/plain": "<object object at 0x7f3a2c1b2d40>"}}]},
    ])
    nb = json.loads(path.read_text())
    nb["cells"][1]["metadata"] = {"execution": {"iopub.execute_input": "2026-01-01T00:00:00Z"}}
    path.write_text(json.dumps(nb))
    found = [str(p) for p in check_executed(path)]
    assert any("cell 1: carries execution timestamps" in p for p in found)
    assert any("cell 0: has an error output (ZeroDivisionError)" in p for p in found)
    assert any("cell 1: prints a memory address" in p for p in found)


@pytest.mark.parametrize("path", COURSE, ids=lambda p: p.stem)
def test_each_course_bank_has_six_questions_of_three_kinds(path):
    bank = read_bank(path.stem)
    kinds = {q["type"] for q in bank["questions"]}
    assert len(bank["questions"]) >= 6 and len(kinds) >= 3, (len(bank["questions"]), kinds)
    assert bank.get("notebook") == path.name


def _tasks():
    found = []
    for info in pkgutil.iter_modules(lessons.tasks.__path__):
        module = importlib.import_module(f"lessons.tasks.{info.name}")
        found += [(f"{info.name}.{name}", obj) for name, obj in vars(module).items()
                  if isinstance(obj, Task)]
    return found


TASKS = _tasks()


@pytest.mark.parametrize("name,task", TASKS, ids=[n for n, _ in TASKS])
def test_model_solution_passes_and_placeholder_is_not_attempted(name, task):
    assert task.check(____).status == "not attempted"
    namespace = {"load_dataset": load_dataset, "pd": pd, "____": ____}
    exec(task.solution_code, namespace)  # noqa: S102 - the course's own model solution
    outcome = task.check(namespace["answer"])
    assert outcome.status == "correct", f"{name}: {outcome}"
    assert task.hint().body and task.prompt
