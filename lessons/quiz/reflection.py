"""Reflections: a few sentences, saved (not graded), with a model answer to compare."""

from __future__ import annotations

from .base import MAX_TEXT, TICK, Feedback, Question, register
from .formats import gift_text


@register
class Reflection(Question):
    kind = "reflection"
    label_text = "Reflection (not graded)"
    graded = False
    check_label = "Save"
    reveal_label = "Model answer"
    schema = {"model_answer": {"$ref": "#/$defs/text"}}
    required = ["model_answer"]

    @property
    def model_answer(self) -> str:
        return self.spec["model_answer"]

    @property
    def correct_answer(self) -> str:
        return self.model_answer

    def answer_text(self) -> str:
        return "A model answer: " + self.model_answer

    def expects(self) -> str:
        return "write a few sentences"

    def read(self, answer):
        if not isinstance(answer, str) or not answer.strip():
            return None, "Write a few sentences first; a reflection is saved, not graded."
        if len(answer) > MAX_TEXT:
            return None, (f"That is {len(answer):,} characters; a reflection can be at most "
                          f"{MAX_TEXT:,}. Shorten it (your text is still in the box).")
        return answer.strip(), None

    def grade(self, stored) -> Feedback:
        words = len(stored.split())
        return Feedback(None, f"{TICK} Saved ({words} word{'s' if words != 1 else ''}). "
                              "Reflections are not graded: compare yours with the model answer.")

    def shown(self, stored) -> str:
        return stored

    def control(self) -> dict:
        return {"type": "text", "rows": 6, "placeholder": "Your thoughts, in a few sentences"}

    def text_lines(self) -> list[str]:
        return []

    def static_body(self) -> str:
        return "<p><em>Write a few sentences; this one is not graded.</em></p>"

    # exports --------------------------------------------------------------------------------
    def gift_question(self) -> str:
        return (f"// {self.id}: reflection (not graded in the course); model answer in the "
                f"general feedback\n{self.gift_title()}{self.gift_prompt()} {{\n  ####"
                f"{gift_text('Model answer: ' + self.model_answer)}\n}}")

    def text2qti(self) -> list[str]:
        return ["____"]

    def qti_comment(self) -> str:
        return "Model answer (for the marker): " + self.model_answer

    def worksheet_markdown(self) -> list[str]:
        return ["Your answer:", "", "_" * 60, "", "_" * 60]

    def worksheet_html(self) -> str:
        return "<p class='write'>Answer: <span class='line'></span></p><div class='box'></div>"
