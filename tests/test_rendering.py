"""Static renderings: committed notebooks read well on GitHub and as nbconvert HTML."""

from __future__ import annotations

import json
import re

import pytest

from lessons.data import PROJECT_ROOT
from lessons.notebooks import course_notebooks
from lessons.quiz import read_bank

NOTEBOOKS = course_notebooks(PROJECT_ROOT / "notebooks")
WIDGET = "application/vnd.jupyter.widget-view+json"


def quiz_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and "Quiz.from_bank(" in "".join(cell["source"]):
            yield from cell.get("outputs", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_quiz_carries_its_static_fallback(path):
    outputs = list(quiz_outputs(path))
    assert outputs, "no quiz output saved"
    data = outputs[0]["data"]
    assert {"text/html", "text/plain", WIDGET} <= set(data)
    html = "".join(data["text/html"])
    n_questions = len(read_bank(path.stem)["questions"])
    assert "class='lessons-quiz'" in html
    assert html.count("<details><summary>Answer</summary>") == n_questions
    assert "".join(data["text/plain"]).startswith(f"Quiz '{path.stem}'")


@pytest.fixture(scope="module")
def exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_nbconvert_html_shows_quizzes_and_every_chart(path, exporter):
    body, _ = exporter.from_filename(str(path))
    nb = json.loads(path.read_text(encoding="utf-8"))
    charts = sum(1 for c in nb["cells"] if c["cell_type"] == "code"
                 for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
    assert len(re.findall(r"<img[^>]+src=\"data:image/png;base64,", body)) == charts
    n_questions = len(read_bank(path.stem)["questions"])
    assert body.count("<details><summary>Answer</summary>") == n_questions
    assert "lessons-quiz" in body
    # with no saved widget state nbconvert must fall back to the static HTML, not a widget stub
    assert 'type="application/vnd.jupyter.widget-view+json"' not in body
