"""Teacher guides: one per notebook, the same sections, linked from the README."""

from __future__ import annotations

import re

import pytest

from lessons.data import PROJECT_ROOT
from lessons.notebooks import course_notebooks

NOTEBOOKS = course_notebooks(PROJECT_ROOT / "notebooks")
GUIDES = PROJECT_ROOT / "lessons" / "guides"
SECTIONS = ["Objectives", "50-minute lesson plan", "Discussion prompts", "Common misconceptions",
            "Answers to the Try-it tasks", "Contested points", "Quiz at a glance"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_has_a_guide_with_the_standard_sections(notebook):
    guide = GUIDES / f"{notebook.stem}.md"
    text = guide.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert [h for h in headings if h in SECTIONS] == SECTIONS
    assert f"](../../notebooks/{notebook.name})" in text
    outside_code = re.sub(r"`[^`]*`|```.*?```|<!-- (BEGIN|END) GENERATED[^>]*-->", "", text, flags=re.S)
    assert "<" not in outside_code, "plain Markdown only"


@pytest.mark.parametrize("notebook", NOTEBOOKS[1:], ids=lambda p: p.stem)
def test_guide_answers_are_generated_from_the_task_declarations(notebook, tmp_path):
    from lessons.exercises import GUIDE_BEGIN, update_guide
    from lessons.tasks import for_notebook

    guide = GUIDES / f"{notebook.stem}.md"
    tasks = for_notebook(notebook.stem)
    text = guide.read_text(encoding="utf-8")
    assert text.count(GUIDE_BEGIN) == 1
    for task in tasks:
        assert task.solution_code in text, f"{task.name}: solution not in the guide"
    copy = tmp_path / guide.name
    copy.write_text(text, encoding="utf-8")
    assert update_guide(copy, tasks, write=False), "out of date: run `lessons guides --write`"


def test_a_stale_guide_block_is_found_and_rewritten(tmp_path):
    from lessons.exercises import update_guide
    from lessons.tasks import for_notebook

    tasks = for_notebook("02_trade")
    guide = tmp_path / "g.md"
    guide.write_text("# Guide\n\n## Answers to the Try-it tasks\n\nold text\n\n## Contested points\n\nkept\n")
    assert update_guide(guide, tasks, write=False) is False
    assert "old text" in guide.read_text()
    assert update_guide(guide, tasks, write=True) is False
    text = guide.read_text()
    assert "old text" not in text and text.endswith("## Contested points\n\nkept\n")
    assert update_guide(guide, tasks, write=False) is True


def test_readme_links_every_notebook_and_guide_that_exists():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for notebook in NOTEBOOKS:
        assert f"(notebooks/{notebook.name})" in readme
        assert f"(lessons/guides/{notebook.stem}.md)" in readme
    for target in re.findall(r"\]\(((?!https?://)[^)#]+)\)", readme):
        assert (PROJECT_ROOT / target).exists(), target
