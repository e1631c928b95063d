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
import re

import pandas as pd
import pytest

import lessons.tasks
from lessons import ____, load_dataset
from lessons.banks import read_bank
from lessons.data import PROJECT_ROOT
from lessons.exercises import Task

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
COURSE = [p for p in NOTEBOOKS if not p.name.startswith("00_")]
HEADINGS = ["Learning objectives", "Who says so?", "Try it", "Quiz", "Discussion", "Sources"]
MAX_BYTES = 300_000


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_executed_small_and_error_free(path):
    assert path.stat().st_size <= MAX_BYTES, f"{path.name} is {path.stat().st_size} bytes"
    for i, cell in enumerate(cells(path)):
        if cell["cell_type"] != "code" or not source(cell).strip():
            continue
        assert cell.get("execution_count") is not None, f"{path.name} cell {i} not executed"
        assert not [o for o in cell.get("outputs", []) if o.get("output_type") == "error"], (
            f"{path.name} cell {i} has an error output")
        for o in cell.get("outputs", []):
            text = "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
            assert not re.search(r" at 0x[0-9a-f]{6,}", text), f"{path.name} cell {i}: memory address"


@pytest.mark.parametrize("path", COURSE, ids=lambda p: p.stem)
def test_course_notebook_follows_the_skeleton(path):
    nb = cells(path)
    markdown = "\n".join(source(c) for c in nb if c["cell_type"] == "markdown")
    for heading in HEADINGS:
        assert re.search(rf"^#+ .*{re.escape(heading)}", markdown, re.M | re.I), (
            f"{path.name}: no heading '{heading}'")
    objectives = markdown.split("Learning objectives", 1)[1].split("\n#", 1)[0]
    assert 3 <= len(re.findall(r"^\s*[-*] ", objectives, re.M)) <= 5, f"{path.name}: 3-5 objectives"
    sections = re.findall(r"^## \d+\. ", markdown, re.M)
    assert 3 <= len(sections) <= 5, f"{path.name}: 3-5 numbered sections ('## 1. ...')"
    code = [source(c) for c in nb if c["cell_type"] == "code"]
    assert code and "from lessons" in code[0] and len(code[0].splitlines()) <= 8, "short set-up cell"
    assert sum(bool(re.search(r"task\d+\.check\(", c)) for c in code) >= 2, "at least 2 Try-it checks"
    bank = path.stem
    assert any(f'Quiz.from_bank("{bank}")' in c for c in code), f"quiz from bank {bank}"
    assert "sources_used()" in code[-1], "the last code cell lists the sources used"
    assert len(re.findall(r"^\s*(?:\d+\.|[-*]) ", markdown.split("Discussion", 1)[1].split("\n## ", 1)[0],
                          re.M)) >= 3, "at least 3 discussion prompts"
    longest = max(len(c.splitlines()) for c in code)
    assert longest <= 15, f"{path.name}: a code cell of {longest} lines; move plumbing to lessons/"


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
