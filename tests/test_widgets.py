"""The widget front end: what a click sends goes through the same verbs, and the states
Python sends back are what the browser shows (the browser test checks the drawing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessons import progress
from lessons.quiz import Quiz, read_bank
from lessons.widgets import QuizWidget, question_state, quiz_view_bundle

BANK = Path(__file__).parent / "fixtures" / "every_type.yaml"
STATIC = Path(__file__).parent.parent / "lessons" / "static"


@pytest.fixture(autouse=True)
def _progress(monkeypatch, tmp_path):
    monkeypatch.setenv("LESSONS_PROGRESS", str(tmp_path / "progress.json"))
    progress.reset_session_state()


@pytest.fixture
def view() -> QuizWidget:
    return QuizWidget(Quiz(read_bank(BANK)))


def test_a_fresh_quiz_shows_no_hint_no_answer_and_no_feedback(view):
    for state in view.states.values():
        assert state == {"value": None, "feedback_html": "", "tries_text": "", "hint_html": "",
                         "answer_html": "", "revealed": False}
    assert view.summary == "Score: 0.0 of 6 points; 0 of 6 questions right, 0 tried."
    assert [q["number"] for q in view.questions] == [1, 2, 3, 4, 5, 6, 7]


def test_single_choice_click_wrong_then_right(view):
    q = view.quiz["single-one"]
    wrong = next(i for i, c in enumerate(q.choices()) if c.startswith("Russia"))
    view.act("check", "single-one", wrong)
    state = view.states["single-one"]
    assert state["feedback_html"] == "<span>✗ Not quite. Russia's figures differ a little.</span>"
    assert state["tries_text"].startswith("Try again: 1 more try before the answer is shown")
    assert state["answer_html"] == "" and state["value"] == wrong
    view.act("check", "single-one", q.choices().index(q.correct_answer))
    state = view.states["single-one"]
    assert "✓ Correct." in state["feedback_html"] and state["tries_text"] == ""
    assert "<strong>Answer:</strong>" in state["answer_html"]
    assert view.summary == "Score: 1.0 of 6 points; 1 of 6 questions right, 1 tried."


def test_answer_shown_after_max_tries_then_no_credit(view):
    view.act("check", "tf-three", "True")
    assert view.states["tf-three"]["answer_html"] == ""
    view.act("check", "tf-three", "True")
    assert "Deliveries started on 2 December 2019." in view.states["tf-three"]["answer_html"]
    assert view.states["tf-three"]["revealed"] and view.states["tf-three"]["tries_text"] == ""
    view.act("check", "tf-three", "False")
    assert "earns no credit" in view.states["tf-three"]["feedback_html"]
    assert view.quiz["tf-three"].best_score == 0.0


def test_hint_only_after_asking_and_show_answer_button(view):
    assert view.states["single-one"]["hint_html"] == ""
    view.act("hint", "single-one")
    assert "&lt;b&gt;basis&lt;/b&gt;" in view.states["single-one"]["hint_html"]
    assert not view.questions[1]["has_hint"] and view.questions[0]["has_hint"]
    view.act("reveal", "single-one")
    assert "The trade table is on a China customs basis." in view.states["single-one"]["answer_html"]
    assert [r["action"] for r in progress.load_records()] == ["hint", "reveal"]


def test_every_control_sends_an_answer_the_question_reads(view):
    q = view.quiz
    view.act("check", "multi-two", [q["multi-two"].choices().index(t) for t in ("TASS", "RIA Novosti")])
    assert "✓ Correct" in view.states["multi-two"]["feedback_html"]
    view.act("check", "num-four", "thirty")
    assert "Could not read 'thirty' as a number" in view.states["num-four"]["feedback_html"]
    view.act("check", "num-four", "38 bcm")
    assert "✓ Correct" in view.states["num-four"]["feedback_html"]
    view.act("check", "order-five", list(q["order-five"].items))
    assert "✓ Correct" in view.states["order-five"]["feedback_html"]
    view.act("check", "match-six", {left: None for left in q["match-six"].lefts})
    assert "Choose a match for every item first" in view.states["match-six"]["feedback_html"]
    view.act("check", "match-six", dict(q["match-six"].pairs))
    assert "✓ Correct" in view.states["match-six"]["feedback_html"]
    view.act("check", "reflect-seven", "No treaty, so not an alliance.")
    assert "✓ Saved (6 words)" in view.states["reflect-seven"]["feedback_html"]
    view.act("reveal", "reflect-seven")
    assert "mutual defence treaty" in view.states["reflect-seven"]["answer_html"]


def test_an_unreadable_answer_keeps_what_was_typed_and_saves_nothing(view):
    view.act("check", "match-six", {"S-400": "Mars"})
    state = view.states["match-six"]
    assert "is not one of the matches" in state["feedback_html"]
    assert state["value"] == {"S-400": "Mars"}
    assert progress.load_records() == []


def test_reopening_shows_saved_answers_feedback_and_reveals(view):
    q = view.quiz
    view.act("check", "single-one", q["single-one"].choices().index(q["single-one"].correct_answer))
    view.act("check", "num-four", "30")
    view.act("hint", "single-one")
    view.act("reveal", "order-five")
    again = QuizWidget(Quiz(read_bank(BANK)))
    for qid in ("single-one", "num-four", "order-five"):
        assert again.states[qid] == view.states[qid], qid
    assert again.states["num-four"]["value"] == "30"
    assert again.states["single-one"]["hint_html"]
    assert again.summary == view.summary


def test_the_browser_edge_reports_a_failure_instead_of_raising(view, capsys):
    view._on_message(view, {"do": "explode", "id": "single-one"}, [])
    assert "Something went wrong (ValueError: unknown action" in view.states["single-one"]["feedback_html"]
    assert "Traceback" in capsys.readouterr().err


def test_question_state_is_derived_from_the_question_alone():
    quiz = Quiz(read_bank(BANK))
    quiz["num-four"].submit("38")
    state = question_state(quiz["num-four"])
    assert state["value"] == "38" and "✓ Correct" in state["feedback_html"]
    assert "38 bcm" in state["answer_html"]


def test_quiz_display_bundle_has_widget_static_html_and_text():
    import lessons.widgets  # noqa: F401 - registers the front end

    quiz = Quiz(read_bank(BANK))
    bundle = quiz._repr_mimebundle_()
    assert bundle["text/plain"] == repr(quiz)
    assert bundle["text/html"] == quiz.static_html()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert set(quiz_view_bundle(quiz)) == {"application/vnd.jupyter.widget-view+json"}


def test_the_browser_code_keeps_keys_from_jupyterlab_and_names_every_control():
    js = (STATIC / "quiz.js").read_text(encoding="utf-8")
    # every element is made by h(), which marks each focusable one on the element itself
    assert 'el.setAttribute("data-lm-suppress-shortcuts", "true")' in js
    assert "document.createElement" in js and js.count("document.createElement") == 1
    for control in ("radiogroup", "aria-labelledby", "aria-live", "aria-describedby"):
        assert control in js
    css = (STATIC / "quiz.css").read_text(encoding="utf-8")
    assert "--jp-content-font-size1" in css and "outline: 3px solid" in css


def test_timeline_explorer_filters_by_two_labelled_year_boxes():
    from lessons import load_dataset
    from lessons.explore import TimelineExplorer

    explorer = TimelineExplorer(load_dataset("events"))
    explorer.widget()
    pick, start, end, table = explorer._controls
    assert (start.description, end.description) == ("From year", "To year")
    end.value, start.value = 2016, 2014
    assert explorer.years == (2014, 2016)
    assert explorer.selection()["year"].between(2014, 2016).all()
    start.value = 2020   # typed the wrong way round: the span is still read low to high
    assert explorer.years == (2016, 2020)
