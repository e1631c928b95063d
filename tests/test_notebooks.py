"""Course notebooks follow the skeleton, are committed executed, and their tasks work.

The outputs themselves are compared by nbval (``pytest --nbval``); this module
checks structure: the sections every notebook must have, a quiz from its own
bank of at least six questions of three kinds, Try-it tasks whose model
solutions pass their own checks, and the size budget.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import lessons.tasks
from lessons import ____
from lessons.data import PROJECT_ROOT
from lessons.notebooks import check_executed, check_skeleton, course_notebooks, slide_metadata, sync_slides
from lessons.quiz import read_bank

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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_slide_view_follows_the_notebooks_headings(path):
    assert sync_slides(path, write=False), f"{path.name}: run `lessons slides --write`"


def test_slides_start_at_headings_and_skip_the_setup_cell(tmp_path):
    nb = {"cells": [{"cell_type": "markdown", "source": "# Title\ntext"},
                    {"cell_type": "code", "source": "from lessons import finish"},
                    {"cell_type": "markdown", "source": "Some reading."},
                    {"cell_type": "markdown", "source": "## 1. Trade"},
                    {"cell_type": "code", "source": "x = 1"},
                    {"cell_type": "markdown", "source": "### Who says so?"},
                    {"cell_type": "markdown", "source": "#### Small heading"}]}
    types, settings = slide_metadata(nb)
    assert types == ["slide", "skip", "-", "slide", "-", "subslide", "-"]
    assert settings["scroll"] is True
    install = {"cell_type": "code", "source": "pip install", "metadata": {"tags": ["colab-install"]}}
    types, _ = slide_metadata({"cells": [install] + nb["cells"]})
    assert types == ["skip", "slide", "skip", "-", "slide", "-", "subslide", "-"]  # both left out
    import nbformat

    path = tmp_path / "n.ipynb"
    book = nbformat.v4.new_notebook()
    book.cells = [nbformat.v4.new_markdown_cell("# T"), nbformat.v4.new_code_cell("1")]
    nbformat.write(book, str(path))
    assert not sync_slides(path, write=False)
    assert not sync_slides(path, write=True)
    assert sync_slides(path, write=False)
    assert nbformat.read(str(path), as_version=4).cells[1].metadata.slideshow.slide_type == "skip"


def test_skeleton_check_names_what_is_missing(tmp_path):
    path = _notebook(tmp_path, [
        {"cell_type": "markdown", "source": "# 05 Energy\n## Learning objectives\n- one\n"},
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
    return [(f"{t.notebook}.{t.name}", t) for m in lessons.tasks.modules()
            for t in lessons.tasks.for_notebook(m.NOTEBOOK)]


TASKS = _tasks()


def _wrong(value):
    """A plausible wrong answer of the same shape as ``value``."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int | float):
        return value * 1.5 + 1
    if isinstance(value, str):
        return value + " (not quite)"
    if isinstance(value, list):
        return value[:-1] if len(value) > 1 else [*value, value[0]]
    if isinstance(value, pd.Series):
        changed = value.copy()
        if pd.api.types.is_numeric_dtype(changed):
            changed.iloc[0] = changed.iloc[0] + 1
            return changed
        return changed.iloc[:-1] if len(changed) > 1 else changed.astype(str) + "x"
    raise AssertionError(f"no wrong answer for {type(value).__name__}")


@pytest.mark.parametrize("name,task", TASKS, ids=[n for n, _ in TASKS])
def test_each_task_checks_its_model_answer_right_a_wrong_one_wrong_and_a_blank_not_attempted(name, task):
    assert task.check(____).status == "not attempted"
    expected = task.expected()
    assert expected is not None and expected is not ____
    assert task.check(expected).status == "correct", f"{name}: {task.check(expected)}"
    wrong = task.check(_wrong(expected))
    assert wrong.status == "wrong" and wrong.message.startswith("Not yet: "), f"{name}: {wrong}"
    assert task.hint().body and task.prompt and task.notebook == name.split(".")[0]


@pytest.mark.parametrize("path", COURSE, ids=lambda p: p.stem)
def test_every_declared_task_is_shown_and_checked_in_its_notebook(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    names = [t.name for t in lessons.tasks.for_notebook(path.stem)]
    assert len(names) >= 2
    for name in names:
        assert name in code, f"no cell showing {name}'s prompt"
        assert any(f"{name}.check(answer)" in c for c in code), f"no check cell for {name}"
        assert any(c.startswith("# For a hint") and f"# {name}.hint()" in c for c in code)
    checked = {m for c in code for m in re.findall(r"(task\d+)\.check\(", c)}
    assert checked == set(names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_markdown_has_no_dollar_sign_that_jupyterlab_would_read_as_mathematics(path):
    """JupyterLab renders text between two $ signs as LaTeX: "$2bn ... $5bn" turns into a
    formula. The course has no mathematics, so every $ in Markdown is written \\$."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    bad = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown"
           and re.search(r"(?<!\\)\$", "".join(c["source"]))]
    assert bad == [], f"{path.name}: unescaped $ in Markdown cell(s) {bad}"


def test_teacher_guides_have_no_dollar_sign_that_github_would_read_as_mathematics():
    guides = sorted((PROJECT_ROOT / "lessons" / "guides").glob("*.md"))
    bad = [g.name for g in guides if re.search(r"(?<!\\)\$", g.read_text(encoding="utf-8"))]
    assert bad == [], f"unescaped $ in {bad} (write \\$)"
