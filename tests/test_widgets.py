"""The widget front end: simulated clicks go through the same submit."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessons.banks import read_bank
from lessons.quiz import Quiz
from lessons.widgets import QuizView, quiz_view_bundle

BANK = Path(__file__).parent / "fixtures" / "every_type.yaml"


@pytest.fixture(autouse=True)
def _progress(monkeypatch, tmp_path):
    monkeypatch.setenv("LESSONS_PROGRESS", str(tmp_path / "progress.json"))


@pytest.fixture
def view() -> QuizView:
    return QuizView(Quiz(read_bank(BANK)))


def by_id(view, qid):
    return next(v for v in view.views if v.question.id == qid)


def test_single_choice_click_wrong_then_right(view):
    v = by_id(view, "single-one")
    wrong = next(i for i, c in enumerate(v.question.choices()) if c.startswith("Russia"))
    v.input.value = wrong
    v.check_button.click()
    assert "✗ Not quite. Russia's figures differ a little." in v.feedback.value
    assert "Try again (1 more try" in v.feedback.value
    assert v.answer_box.value == ""
    v.input.value = v.question.choices().index(v.question.correct_answer)
    v.check_button.click()
    assert "✓ Correct." in v.feedback.value
    assert "<strong>Answer:</strong>" in v.answer_box.value
    assert "Score: 1.0 of 6 points; 1 of 6 questions solved, 1 tried." in view.summary.value


def test_answer_revealed_after_max_tries(view):
    v = by_id(view, "tf-three")
    v.input.value = "True"
    v.check_button.click()
    assert v.answer_box.value == ""
    v.check_button.click()
    assert "Deliveries started on 2 December 2019." in v.answer_box.value


def test_hint_and_show_answer_buttons(view):
    v = by_id(view, "single-one")
    v.hint_button.click()
    assert "&lt;b&gt;basis&lt;/b&gt;" in v.hint_box.value
    assert by_id(view, "multi-two").hint_button.disabled
    v.reveal_button.click()
    assert "The trade table is on a China customs basis." in v.answer_box.value


def test_every_input_kind_can_be_answered_by_setting_values(view):
    v = by_id(view, "multi-two")
    for box, text in zip(v.boxes, v.question.choices(), strict=True):
        box.value = text in ("TASS", "RIA Novosti")
    v.check_button.click()
    assert "✓ Correct" in v.feedback.value

    v = by_id(view, "num-four")
    v.text.value = "thirty"
    v.check_button.click()
    assert "Could not read 'thirty' as a number" in v.feedback.value
    v.text.value = "38 bcm"
    v.check_button.click()
    assert "✓ Correct" in v.feedback.value

    v = by_id(view, "order-five")
    for slot, item in zip(v.slots, v.question.items, strict=True):
        slot.value = item
    v.check_button.click()
    assert "✓ Correct" in v.feedback.value

    v = by_id(view, "match-six")
    v.check_button.click()
    assert "not one of the matches" in v.feedback.value
    for left, dropdown in v.matches.items():
        dropdown.value = v.question.pairs[left]
    v.check_button.click()
    assert "✓ Correct" in v.feedback.value

    v = by_id(view, "reflect-seven")
    v.text.value = "No treaty, so not an alliance."
    v.check_button.click()
    assert "✓ Saved (6 words)" in v.feedback.value
    v.reveal_button.click()
    assert "mutual defence treaty" in v.answer_box.value


def test_quiz_display_bundle_has_widget_static_html_and_text():
    quiz = Quiz(read_bank(BANK))
    bundle = quiz._repr_mimebundle_()
    assert bundle["text/plain"] == repr(quiz)
    assert bundle["text/html"] == quiz.static_html()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert set(quiz_view_bundle(quiz)) == {"application/vnd.jupyter.widget-view+json"}
