"""Choice questions: single choice, select-all-that-apply, and true or false."""

from __future__ import annotations

import re

from ..markup import inline_html, plain
from .base import CROSS, LETTERS, MAX_TEXT, Feedback, Question, _norm, bounded, register, shuffled
from .formats import gift_text, gift_weight, md_safe, qti_text

OPTION = {"type": "object", "required": ["text"], "additionalProperties": False,
          "properties": {"text": {"$ref": "#/$defs/text"},
                         "correct": {"type": "boolean", "default": False},
                         "feedback": {"$ref": "#/$defs/text"}}}
OPTIONS = {"type": "array", "minItems": 2, "maxItems": 26, "items": OPTION}


class _Options(Question):
    """Options shown in a deterministic shuffled order, answered by text, letter or position."""

    schema = {"options": OPTIONS}
    required = ["options"]
    box = "○"  # how a worksheet marks an option

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self.options: list[dict] = shuffled([dict(o) for o in spec["options"]], self.id)
        self._bank_order = {o["text"]: i for i, o in enumerate(spec["options"])}

    def choices(self) -> list[str]:
        return [o["text"] for o in self.options]

    def _find(self, answer) -> dict | None:
        """An option by its text, its letter, or its position in the shown order."""
        if isinstance(answer, bool):
            return None
        if isinstance(answer, int):
            return self.options[answer] if 0 <= answer < len(self.options) else None
        if not isinstance(answer, str) or len(answer) > MAX_TEXT:
            return None
        wanted = _norm(answer)
        for o in self.options:
            if _norm(o["text"]) == wanted:
                return o
        letter = wanted.rstrip(").").upper()
        if len(letter) == 1 and letter in LETTERS[: len(self.options)]:
            return self.options[LETTERS.index(letter)]
        return None

    def _letter(self, text: str) -> str:
        return next(f"{LETTERS[i]}. {plain(o['text'])}" for i, o in enumerate(self.options)
                    if o["text"] == text)

    def control_options(self) -> list[dict]:
        return [{"value": i, "label": f"{LETTERS[i]}.", "html": inline_html(o["text"])}
                for i, o in enumerate(self.options)]

    @classmethod
    def spec_problems(cls, spec):
        out = []
        texts = [_norm(o.get("text", "")) for o in spec.get("options", []) if isinstance(o, dict)]
        if len(set(texts)) != len(texts):
            out.append("two options have the same text")
        return out

    # exports shared by both option kinds
    def _qti_feedback(self, o: dict) -> list[str]:
        return [f"... {qti_text(o['feedback'])}"] if o.get("feedback") else []

    def worksheet_markdown(self) -> list[str]:
        return [f"- {self.box} {LETTERS[n]}. {md_safe(c)}" for n, c in enumerate(self.choices())]

    def worksheet_html(self) -> str:
        return "<ul class='choices'>" + "".join(
            f"<li>{self.box} {LETTERS[n]}. {inline_html(c)}</li>" for n, c in enumerate(self.choices())
        ) + "</ul>"


@register
class SingleChoice(_Options):
    kind = "single"
    label_text = "Single choice"

    @property
    def correct_answer(self) -> str:
        return next(o["text"] for o in self.options if o.get("correct"))

    def answer_text(self) -> str:
        return self._letter(self.correct_answer)

    def expects(self) -> str:
        return "choose one option (its text, its letter or its number from 0)"

    def read(self, answer):
        option = self._find(answer)
        if option is None:
            return None, f"That is not one of the options: {self.expects()}."
        return option["text"], None

    def grade(self, stored) -> Feedback:
        option = next(o for o in self.options if o["text"] == stored)
        return self._result(bool(option.get("correct")), option.get("feedback", ""))

    def shown(self, stored) -> str:
        return self._letter(stored)

    def control(self) -> dict:
        return {"type": "choice", "multiple": False, "options": self.control_options()}

    def control_value(self, stored):
        return self.choices().index(stored)

    @classmethod
    def spec_problems(cls, spec):
        out = super().spec_problems(spec)
        n = sum(1 for o in spec.get("options", []) if isinstance(o, dict) and o.get("correct") is True)
        if n != 1:
            out.append(f"a single-choice question needs exactly one correct option (found {n})")
        return out

    def gift(self) -> list[str]:
        return [f"{'=' if o.get('correct') else '~'}{gift_text(o['text'])}"
                + (f"#{gift_text(o['feedback'])}" if o.get("feedback") else "")
                for o in self.options]

    def text2qti(self) -> list[str]:
        lines = []
        for i, o in enumerate(self.options):
            lines.append(f"{'*' if o.get('correct') else ''}{LETTERS[i].lower()})  {qti_text(o['text'])}")
            lines += self._qti_feedback(o)
        return lines


@register
class MultipleChoice(_Options):
    kind = "multiple"
    label_text = "Select all that apply"
    box = "☐"

    @property
    def correct_answer(self) -> list[str]:
        return [o["text"] for o in self.options if o.get("correct")]

    def answer_text(self) -> str:
        return "; ".join(self._letter(t) for t in self.correct_answer)

    def expects(self) -> str:
        return "give a list of the options you choose (texts, letters or numbers)"

    def read(self, answer):
        if isinstance(answer, str):
            answer = [answer] if self._find(answer) else re.split(r"\s*[,;]\s*", answer[:MAX_TEXT])
        items = bounded(answer, len(self.options) + 5)
        if items is None:
            return None, f"Could not read that: {self.expects()}."
        chosen: list[str] = []
        for item in items:
            option = self._find(item)
            if option is None:
                return None, f"{str(item)[:40]!r} is not one of the options: {self.expects()}."
            if option["text"] not in chosen:
                chosen.append(option["text"])
        if not chosen:
            return None, "Choose at least one option."
        return sorted(chosen, key=self._bank_order.__getitem__), None

    def grade(self, stored) -> Feedback:
        chosen = [o for o in self.options if o["text"] in stored]
        right = [o for o in chosen if o.get("correct")]
        wrong = [o for o in chosen if not o.get("correct")]
        n_correct = sum(1 for o in self.options if o.get("correct"))
        score = max(0.0, (len(right) - len(wrong)) / n_correct)
        notes = " ".join(o["feedback"] for o in chosen if o.get("feedback"))
        if len(right) == n_correct and not wrong:
            return self._result(True, notes)
        detail = (f"{len(right)} of {n_correct} correct option(s) chosen"
                  + (f", {len(wrong)} wrong option(s) chosen" if wrong else "")
                  + f" (partial credit {score:.0%}). {notes}")
        head = f"{CROSS} Partly right:" if right else f"{CROSS} Not quite:"
        return Feedback(False, f"{head} {detail}".strip(), score)

    def shown(self, stored) -> str:
        letters = [(self.choices().index(t), t) for t in stored]
        return "; ".join(self._letter(t) for _, t in sorted(letters))

    def control(self) -> dict:
        return {"type": "choice", "multiple": True, "options": self.control_options()}

    def control_value(self, stored):
        return sorted(self.choices().index(t) for t in stored)

    @classmethod
    def spec_problems(cls, spec):
        out = super().spec_problems(spec)
        if not any(isinstance(o, dict) and o.get("correct") is True for o in spec.get("options", [])):
            out.append("no option is marked correct: true")
        return out

    def gift(self) -> list[str]:
        n_right = sum(1 for o in self.options if o.get("correct"))
        weight = gift_weight(n_right)
        return [f"~%{weight if o.get('correct') else '-' + weight}%{gift_text(o['text'])}"
                + (f"#{gift_text(o['feedback'])}" if o.get("feedback") else "")
                for o in self.options]

    def text2qti(self) -> list[str]:
        lines = []
        for o in self.options:
            lines.append(f"{'[*]' if o.get('correct') else '[ ]'} {qti_text(o['text'])}")
        return lines


@register
class TrueFalse(Question):
    kind = "truefalse"
    label_text = "True or false"
    schema = {"answer": {"type": "boolean"},
              "feedback": {"type": "object", "additionalProperties": False,
                           "properties": {"true": {"$ref": "#/$defs/text"},
                                          "false": {"$ref": "#/$defs/text"}}}}
    required = ["answer"]
    _WORDS = {"true": True, "t": True, "yes": True, "y": True, "1": True,
              "false": False, "f": False, "no": False, "n": False, "0": False}

    @property
    def correct_answer(self) -> bool:
        return bool(self.spec["answer"])

    def answer_text(self) -> str:
        return "True" if self.correct_answer else "False"

    def choices(self) -> list[str]:
        return ["True", "False"]

    def expects(self) -> str:
        return "answer True or False"

    def read(self, answer):
        if isinstance(answer, bool):
            return answer, None
        if isinstance(answer, int) and answer in (0, 1):
            return bool(answer), None
        if isinstance(answer, str) and len(answer) < 20 and _norm(answer) in self._WORDS:
            return self._WORDS[_norm(answer)], None
        return None, f"Could not read that: {self.expects()}."

    def _notes(self, value: bool) -> str:
        return (self.spec.get("feedback") or {}).get("true" if value else "false", "")

    def grade(self, stored) -> Feedback:
        return self._result(stored == self.correct_answer, self._notes(stored))

    def shown(self, stored) -> str:
        return "True" if stored else "False"

    def control(self) -> dict:
        return {"type": "choice", "multiple": False,
                "options": [{"value": word, "label": "", "html": word} for word in ("True", "False")]}

    def control_value(self, stored):
        return "True" if stored else "False"

    def gift(self) -> str:
        right, wrong = self._notes(self.correct_answer), self._notes(not self.correct_answer)
        return f"{'TRUE' if self.correct_answer else 'FALSE'}#{gift_text(wrong)}#{gift_text(right)}"

    def text2qti(self) -> list[str]:
        lines = []
        for i, word in enumerate(("True", "False")):
            correct = (word == "True") == self.correct_answer
            lines.append(f"{'*' if correct else ''}{LETTERS[i].lower()})  {word}")
            note = self._notes(word == "True")
            if note:
                lines.append(f"... {qti_text(note)}")
        return lines

    def worksheet_markdown(self) -> list[str]:
        return ["- ○ A. True", "- ○ B. False"]

    def worksheet_html(self) -> str:
        return "<ul class='choices'><li>○ A. True</li><li>○ B. False</li></ul>"


__all__ = ["SingleChoice", "MultipleChoice", "TrueFalse"]
