"""Numeric questions: a number, within a tolerance, in the question's unit."""

from __future__ import annotations

import math
from html import escape

from .base import CROSS, Feedback, Question, register, too_long
from .formats import gift_escape, qti_text
from .numbers import read_number, unit_problem


@register
class Numeric(Question):
    kind = "numeric"
    label_text = "Number"
    schema = {
        "answer": {"type": "number"},
        "unit": {"type": "string", "maxLength": 60},
        "tolerance": {"type": "object", "additionalProperties": False, "minProperties": 1,
                      "maxProperties": 1,
                      "properties": {"absolute": {"type": "number", "minimum": 0},
                                     "relative": {"type": "number", "minimum": 0, "maximum": 1}}},
        "feedback": {"type": "object", "additionalProperties": False,
                     "properties": {"low": {"$ref": "#/$defs/text"},
                                    "high": {"$ref": "#/$defs/text"},
                                    "correct": {"$ref": "#/$defs/text"}}},
        "check": {"type": "object", "required": ["dataset", "column", "where"],
                  "additionalProperties": False,
                  "description": "Where the answer comes from in the data: validation checks "
                                 "they agree.",
                  "properties": {"dataset": {"type": "string"}, "column": {"type": "string"},
                                 "where": {"type": "object", "minProperties": 1},
                                 "aggregate": {"enum": ["single", "sum", "mean", "max", "min",
                                                        "count", "nunique"]}}},
    }
    required = ["answer", "tolerance"]

    @property
    def correct_answer(self) -> float:
        return float(self.spec["answer"])

    @property
    def unit(self) -> str:
        return self.spec.get("unit", "")

    def tolerance(self) -> float:
        tol = self.spec["tolerance"]
        return tol.get("absolute", 0.0) + abs(self.correct_answer) * tol.get("relative", 0.0)

    def answer_text(self) -> str:
        value = f"{self.correct_answer:,.10g}"
        tol = self.spec["tolerance"]
        within = f"±{tol['absolute']:g}" if "absolute" in tol else f"±{tol['relative']:.0%}"
        return f"{value} {self.unit}".strip() + f" (accepted within {within})"

    def expects(self) -> str:
        return f"type a number{f' in {self.unit}' if self.unit else ''}"

    def read(self, answer):
        if isinstance(answer, str) and not too_long(answer):
            return answer.strip(), None
        if isinstance(answer, int | float) and not isinstance(answer, bool):
            return answer, None
        return None, f"Could not read that as a number; {self.expects()}."

    def grade(self, stored) -> Feedback:
        value, currency, suffix, reason = read_number(stored)
        if value is None:
            return Feedback(None, f"{reason[0].upper()}{reason[1:]}; {self.expects()}.")
        problem = unit_problem(currency, suffix, self.unit)
        if problem:
            return Feedback(None, f"Read {value:g}, but {problem}.")
        notes = self.spec.get("feedback") or {}
        target = self.correct_answer
        if abs(value - target) <= self.tolerance() + 1e-12 * max(1.0, abs(target)):
            return self._result(True, notes.get("correct", ""))
        direction, note = ("low", notes.get("low", "")) if value < target else ("high", notes.get("high", ""))
        return Feedback(False, f"{CROSS} Too {direction}. {note}".strip(), 0.0)

    def shown(self, stored) -> str:
        return stored if isinstance(stored, str) else (str(stored)[:40] if isinstance(stored, int) else f"{stored:g}")

    def control(self) -> dict:
        return {"type": "number", "unit": self.unit}

    def text_lines(self) -> list[str]:
        return []

    def static_body(self) -> str:
        return f"<p><em>Answer as a number{f' ({escape(self.unit)})' if self.unit else ''}.</em></p>"

    @classmethod
    def data_problems(cls, spec):
        return data_check_problems(spec) if isinstance(spec.get("check"), dict) else []

    @classmethod
    def spec_problems(cls, spec):
        out = []
        answer = spec.get("answer")
        if isinstance(answer, int | float) and not math.isfinite(answer):
            out.append("answer: must be a finite number")
        for key, value in (spec.get("tolerance") or {}).items():
            if isinstance(value, int | float) and not math.isfinite(value):
                out.append(f"tolerance.{key}: must be a finite number, not {value}")
        return out

    # exports --------------------------------------------------------------------------------
    def gift_prompt_suffix(self) -> str:
        return f" ({gift_escape(self.unit)})" if self.unit else ""

    gift_open = "#"

    def gift(self) -> list[str]:
        return [f"={self.correct_answer:g}:{self.tolerance():g}"]

    def text2qti(self) -> list[str]:
        value, margin = self.correct_answer, self.tolerance()
        exact = value.is_integer() and margin == 0
        return [f"=   {int(value)}" if exact else f"=   {value:g} +- {max(margin, 1e-9):g}"]

    def qti_prompt_suffix(self) -> str:
        return f" ({qti_text(self.unit)})" if self.unit else ""

    def worksheet_markdown(self) -> list[str]:
        return [f"Your answer{f' ({self.unit})' if self.unit else ''}: " + "_" * 20]

    def worksheet_html(self) -> str:
        return "<p class='write'>Answer: <span class='line'></span></p>"




def data_check_problems(spec: dict) -> list[str]:
    """A numeric answer that names its dataset (``check:``) must agree with the data."""
    from ..data import DataError, table

    check = spec["check"]
    try:
        frame = table(check["dataset"])
    except DataError as exc:
        return [f"check: {exc}"]
    missing = [c for c in [check["column"], *check["where"]] if c not in frame.columns]
    if missing:
        return [f"check: dataset {check['dataset']!r} has no column {missing[0]!r}"]
    mask = None
    for col, want in check["where"].items():
        if isinstance(want, bool | int | float):
            hit = (frame[col] == want).fillna(False).astype(bool)
        else:
            hit = frame[col].astype(str) == str(want)
        mask = hit if mask is None else mask & hit
    values = frame.loc[mask.fillna(False), check["column"]].dropna()
    how = check.get("aggregate", "single")
    if how == "single":
        if len(values) != 1:
            return [f"check: {len(values)} rows of {check['dataset']!r} match {check['where']}, "
                    "expected exactly 1"]
        expected = float(values.iloc[0])
    elif how == "count":
        expected = float(len(values))
    elif how == "nunique":
        expected = float(values.nunique())
    elif values.empty:
        return [f"check: no rows of {check['dataset']!r} match {check['where']}"]
    else:
        expected = float(getattr(values.astype(float), how)())
    answer = float(spec["answer"])
    tol = spec.get("tolerance", {})
    allowed = tol.get("absolute", 0) + abs(expected) * tol.get("relative", 0)
    if abs(answer - expected) > max(allowed, 1e-9):
        return [f"answer {answer:g} disagrees with {check['dataset']}.{check['column']} = "
                f"{expected:g} (where {check['where']})"]
    return []


__all__ = ["Numeric", "data_check_problems"]
