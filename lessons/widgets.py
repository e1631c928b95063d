"""The ipywidgets front end of a quiz: every click goes through ``Question.submit``.

Feedback is written in words with ✓ / ✗ (never colour alone) into HTML widgets
that keep their value. Each question has Check, Hint and Show-answer buttons;
the answer and explanation also appear by themselves after ``max_tries`` wrong
tries. Inputs are standard controls (radio buttons, check boxes, text boxes,
drop-downs), so everything works from the keyboard.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle

from .markup import inline_html, plain
from .quiz import LETTERS, Feedback, Question, Quiz

WIDE = w.Layout(width="auto")
# Shared layout and style objects: every widget otherwise opens two more comms to the
# browser, which made a quiz the slowest cell of a notebook.
PLAIN = w.Layout()
HTML_STYLE = HTMLStyle()
BUTTON_STYLE = w.ButtonStyle()


def _html(value: str = "", **kw) -> w.HTML:
    return w.HTML(value, layout=kw.pop("layout", PLAIN), style=HTML_STYLE, **kw)


def _button(description: str, **kw) -> w.Button:
    return w.Button(description=description, layout=PLAIN, style=BUTTON_STYLE, **kw)


def _feedback_html(feedback: Feedback) -> str:
    return f"<div role='status' aria-live='polite'>{escape(feedback.message, quote=False)}</div>"


class QuestionView(w.VBox):
    """One question: prompt, input, buttons and the feedback they produce."""

    def __init__(self, question: Question, number: int, on_submit=None):
        self.question = question
        self._on_submit = on_submit
        self.prompt = _html(
            f"<p><strong>{number}.</strong> {inline_html(question.prompt)} "
            f"<small>({escape(question.label())})</small></p>"
        )
        self.input = self._build_input()
        is_reflection = question.kind == "reflection"
        self.check_button = _button(
            "Save" if is_reflection else "Check",
            button_style="primary",
            tooltip="Save your reflection" if is_reflection else "Check your answer",
        )
        self.hint_button = _button("Hint", disabled=not question.hint,
                                    tooltip="Show a hint")
        self.reveal_button = _button(
            "Model answer" if is_reflection else "Show answer",
            tooltip="Show the answer and its explanation",
        )
        self.feedback = _html()
        self.hint_box = _html()
        self.answer_box = _html()
        self.check_button.on_click(self.check)
        self.hint_button.on_click(self.show_hint)
        self.reveal_button.on_click(self.reveal)
        buttons = w.HBox([self.check_button, self.hint_button, self.reveal_button], layout=PLAIN)
        super().__init__([self.prompt, self.input, buttons, self.feedback, self.hint_box,
                          self.answer_box], layout=w.Layout(margin="0 0 1em 0"))
        # Stable class names: for styling, and for the browser tests to find each part.
        self.add_class("lessons-question")
        self.add_class(f"lessons-q-{question.id}")
        for widget, name in ((self.check_button, "check"), (self.hint_button, "hint"),
                             (self.reveal_button, "reveal"), (self.feedback, "feedback"),
                             (self.hint_box, "hint-box"), (self.answer_box, "answer-box"),
                             (self.input, "input")):
            widget.add_class(f"lessons-{name}")

    # Inputs ---------------------------------------------------------------------------
    def _build_input(self) -> w.Widget:
        q = self.question
        if q.kind == "single":
            return w.RadioButtons(
                options=[(f"{LETTERS[i]}. {plain(c)}", i) for i, c in enumerate(q.choices())],
                value=None, layout=WIDE,
            )
        if q.kind == "multiple":
            self.boxes = [w.Checkbox(value=False, description=f"{LETTERS[i]}. {plain(c)}",
                                     indent=False, layout=WIDE)
                          for i, c in enumerate(q.choices())]
            return w.VBox(self.boxes)
        if q.kind == "truefalse":
            return w.RadioButtons(options=["True", "False"], value=None)
        if q.kind == "numeric":
            self.text = w.Text(placeholder="a number", continuous_update=True,
                               layout=w.Layout(width="14em"))
            return w.HBox([self.text, w.Label(q.unit)])
        if q.kind == "ordering":
            items = [("(choose)", None)] + [(f"{LETTERS[i]}. {plain(t)}", t)
                                             for i, t in enumerate(q.choices())]
            self.slots = [w.Dropdown(options=items, value=None, description=f"{n + 1}.",
                                     layout=WIDE) for n in range(len(q.items))]
            return w.VBox([_html("<em>First (earliest) at the top.</em>"), *self.slots])
        if q.kind == "matching":
            options = [("(choose)", None)] + [(f"{LETTERS[i]}. {plain(r)}", r)
                                               for i, r in enumerate(q.rights)]
            self.matches = {left: w.Dropdown(options=options, value=None, layout=WIDE)
                            for left in q.lefts}
            return w.VBox([w.HBox([w.HTML(inline_html(left), layout=w.Layout(width="45%")), d])
                           for left, d in self.matches.items()])
        if q.kind == "reflection":
            self.text = w.Textarea(placeholder="Your thoughts, in a few sentences",
                                   layout=w.Layout(width="95%", height="6em"))
            return self.text
        raise ValueError(f"no widget for question kind {q.kind!r}")

    def current_answer(self):
        """What the learner has entered, in the form ``Question.submit`` reads."""
        q = self.question
        if q.kind in ("single", "truefalse"):
            return self.input.value
        if q.kind == "multiple":
            return [i for i, box in enumerate(self.boxes) if box.value]
        if q.kind in ("numeric", "reflection"):
            return self.text.value
        if q.kind == "ordering":
            return [slot.value for slot in self.slots]
        if q.kind == "matching":
            return {left: d.value for left, d in self.matches.items()}
        return None

    # Actions --------------------------------------------------------------------------
    def check(self, _button=None) -> Feedback:
        feedback = self.question.submit(self.current_answer())
        message = _feedback_html(feedback)
        q = self.question
        if feedback.correct is False and q.wrong_tries < q.max_tries:
            left = q.max_tries - q.wrong_tries
            message += (f"<div>Try again ({left} more tr{'ies' if left > 1 else 'y'} before "
                        "the answer is shown), or use Hint.</div>")
        self.feedback.value = message
        if feedback.correct or (feedback.correct is False and q.wrong_tries >= q.max_tries):
            self.reveal()
        if self._on_submit is not None:
            self._on_submit()
        return feedback

    def show_hint(self, _button=None) -> None:
        if self.question.hint:
            self.hint_box.value = f"<p><strong>Hint:</strong> {inline_html(self.question.hint)}</p>"

    def reveal(self, _button=None) -> None:
        q = self.question
        self.answer_box.value = (
            f"<p><strong>Answer:</strong> {inline_html(q.answer_text())}</p>"
            f"<p>{inline_html(q.explanation)}</p><p><small>{escape(q.cite_text())}</small></p>"
        )


class QuizView(w.VBox):
    """A whole quiz with a running score summary at the end."""

    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.summary = _html(self._summary_html())
        self.views = [QuestionView(q, i + 1, on_submit=self._update)
                      for i, q in enumerate(quiz.questions)]
        header = _html(f"<h4>Quiz: {escape(quiz.title)}</h4>")
        super().__init__([header, *self.views, self.summary])
        self.add_class("lessons-quiz-view")
        self.summary.add_class("lessons-summary")

    def _summary_html(self) -> str:
        return f"<p role='status'><strong>{escape(self.quiz.summary())}</strong></p>"

    def _update(self) -> None:
        self.summary.value = self._summary_html()


def quiz_view_bundle(quiz: Quiz) -> dict:
    """The widget-view part of a quiz's display bundle (JupyterLab renders it)."""
    view = QuizView(quiz)
    quiz._view = view
    bundle = view._repr_mimebundle_() or {}
    return {k: v for k, v in bundle.items() if k.startswith("application/vnd.jupyter.widget")}
