"""The interactive front end of a quiz: one anywidget per quiz, drawn by ``static/quiz.js``.

Every action goes through the question's own verbs (``submit``, ``hint``,
``reveal``), so a test of those is a test of this view. Python sends each
question's state (its saved or current answer, feedback, tries left, hint and
answer once asked for) and the browser draws it with native, labelled controls
that keep their keys from JupyterLab's shortcuts. Importing this module
registers it as the quiz front end.

    >>> view = QuizWidget(Quiz.from_bank("02_trade"))
    >>> view.act("check", "trade-2020-level", "107.76")   # what a click on Check sends
"""

from __future__ import annotations

import traceback
from html import escape
from importlib.resources import files

import anywidget
import traitlets

from .markup import inline_html
from .quiz import Feedback, Question, Quiz, register_front_end

_STATIC = files("lessons") / "static"


def _message_html(message: str) -> str:
    return f"<span>{escape(message, quote=False)}</span>"


def _feedback_html(feedback: Feedback | None) -> str:
    return "" if feedback is None else _message_html(feedback.message)


def _tries_text(q: Question) -> str:
    last = q.last_feedback
    if not q.graded or last is None or last.correct is not False or q.revealed:
        return ""
    left = q.tries_left
    return (f"Try again: {left} more tr{'ies' if left != 1 else 'y'} before the answer is shown, "
            "or ask for a hint.")


def question_state(q: Question) -> dict:
    """What the browser shows for one question, derived from the question alone."""
    return {
        "value": None if q.last_answer is None else q.control_value(q.last_answer),
        "feedback_html": _feedback_html(q.last_feedback),
        "tries_text": _tries_text(q),
        "hint_html": q.hint_html() if q.hints_used else "",
        "answer_html": q.answer_html() if (q.revealed or q.solved) else "",
        "revealed": q.revealed,
    }


def question_spec(q: Question, number: int) -> dict:
    return {"id": q.id, "number": number, "prompt_html": inline_html(q.prompt),
            "label": escape(q.label()), "control": q.control(), "check_label": q.check_label,
            "reveal_label": q.reveal_label, "has_hint": bool(q.hint_text)}


class QuizWidget(anywidget.AnyWidget):
    """A whole quiz: every question with its control, buttons and feedback, and the score."""

    _esm = (_STATIC / "quiz.js").read_text(encoding="utf-8")
    _css = (_STATIC / "quiz.css").read_text(encoding="utf-8")
    title = traitlets.Unicode("").tag(sync=True)
    questions = traitlets.List([]).tag(sync=True)
    states = traitlets.Dict({}).tag(sync=True)
    summary = traitlets.Unicode("").tag(sync=True)

    def __init__(self, quiz: Quiz, **kwargs):
        super().__init__(**kwargs)
        self.quiz = quiz
        self.title = quiz.title
        self.questions = [question_spec(q, i + 1) for i, q in enumerate(quiz.questions)]
        self._refresh()
        self.on_msg(self._on_message)

    def _refresh(self) -> None:
        self.states = {q.id: question_state(q) for q in self.quiz.questions}
        self.summary = self.quiz.summary()

    def act(self, action: str, qid: str, value=None) -> None:
        """Do what a button in the browser asks: ``check``, ``hint`` or ``reveal``."""
        q = self.quiz[qid]
        if action == "check":
            feedback = q.submit(value)
        elif action == "hint":
            q.hint()
        elif action == "reveal":
            q.reveal()
        else:
            raise ValueError(f"unknown action {action!r}")
        self._refresh()
        if action == "check" and (not q.attempts or q.attempts[-1] is not feedback):
            # an answer that could not be read leaves no record: say why, keep what was typed
            self._set(q.id, feedback_html=_message_html(feedback.message), tries_text="",
                      value=value)

    def _set(self, qid: str, **changes) -> None:
        self.states = {**self.states, qid: {**self.states.get(qid, {}), **changes}}

    def _on_message(self, _widget, content, _buffers) -> None:
        """The edge between the browser and the course: a failure here is shown, not raised."""
        try:
            self.act(str(content.get("do")), str(content.get("id")), content.get("value"))
        except Exception as exc:  # noqa: BLE001 - never leave a learner with a dead button
            self._set(str(content.get("id")), feedback_html=_message_html(
                f"Something went wrong ({type(exc).__name__}: {str(exc)[:120]}). Your earlier "
                "answers are safe; please tell your teacher."))
            traceback.print_exc()


def quiz_view_bundle(quiz: Quiz) -> dict:
    """The widget-view part of a quiz's display bundle (JupyterLab renders it)."""
    view = QuizWidget(quiz)
    quiz._view = view
    bundle = view._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else (bundle or {})
    return {k: v for k, v in data.items() if k.startswith("application/vnd.jupyter.widget")}


register_front_end(quiz_view_bundle)

__all__ = ["QuizWidget", "Quiz", "question_state", "quiz_view_bundle"]
