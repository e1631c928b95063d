"""Every question kind, rendered every way, compared with reviewed copies in tests/fixtures/golden/.

A change to any rendering shows up here as a diff to read. To accept a change on purpose:
``LESSONS_UPDATE_GOLDEN=1 pytest tests/test_kinds_golden.py``, then read the diff before
committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lessons.authoring import to_gift, to_html, to_markdown, to_text2qti
from lessons.quiz import Quiz, read_bank
from lessons.widgets import question_spec

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = FIXTURES / "golden"


def _quiz() -> Quiz:
    return Quiz(read_bank(FIXTURES / "every_type.yaml"), save_progress=False)


def _controls(quiz: Quiz) -> str:
    return json.dumps([question_spec(q, i + 1) for i, q in enumerate(quiz)], indent=1,
                      ensure_ascii=False) + "\n"


def _answers(quiz: Quiz) -> str:
    lines = []
    for q in quiz:
        stored, _ = q.read(q.correct_answer)
        lines += [f"{q.id}: {q.answer_text()}", f"  shown: {q.shown(stored)}",
                  f"  stored: {json.dumps(stored, ensure_ascii=False)}",
                  f"  control value: {json.dumps(q.control_value(stored), ensure_ascii=False)}",
                  f"  expects: {q.expects()}", f"  label: {q.label()}"]
    return "\n".join(lines) + "\n"


RENDERINGS = {
    "every_type.gift.txt": to_gift,
    "every_type.text2qti.txt": to_text2qti,
    "every_type.worksheet.md": to_markdown,
    "every_type.worksheet.html": to_html,
    "every_type.static.html": lambda quiz: quiz.static_html() + "\n",
    "every_type.repr.txt": lambda quiz: repr(quiz) + "\n",
    "every_type.controls.json": _controls,
    "every_type.answers.txt": _answers,
}


@pytest.mark.parametrize("name", RENDERINGS)
def test_rendering_matches_its_reviewed_copy(name):
    text = RENDERINGS[name](_quiz())
    path = GOLDEN / name
    if os.environ.get("LESSONS_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{name} changed: see the docstring"
