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
    assert "<" not in re.sub(r"`[^`]*`|```.*?```", "", text, flags=re.S), "plain Markdown only"


def test_readme_links_every_notebook_and_guide_that_exists():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for notebook in NOTEBOOKS:
        assert f"(notebooks/{notebook.name})" in readme
        assert f"(lessons/guides/{notebook.stem}.md)" in readme
    for target in re.findall(r"\]\(((?!https?://)[^)#]+)\)", readme):
        assert (PROJECT_ROOT / target).exists(), target
