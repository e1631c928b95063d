"""Ordering questions: put items in order (partial credit for items in the right place)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..markup import inline_html, plain
from .base import CROSS, LETTERS, MAX_TEXT, Feedback, PairsInGift, Question, _norm, bounded, register, shuffled
from .formats import gift_text, md_safe, qti_text


@register
class Ordering(PairsInGift, Question):
    kind = "ordering"
    label_text = "Put in order"
    schema = {"items": {"type": "array", "minItems": 2, "maxItems": 26,
                        "items": {"$ref": "#/$defs/text"},
                        "description": "Listed in the correct order; shown shuffled."}}
    required = ["items"]

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self.items: list[str] = list(spec["items"])
        self.shown_order: list[str] = shuffled(self.items, self.id)

    @property
    def correct_answer(self) -> list[str]:
        return list(self.items)

    def choices(self) -> list[str]:
        return list(self.shown_order)

    def answer_text(self) -> str:
        return " → ".join(plain(i) for i in self.items)

    def expects(self) -> str:
        return "give every item once, as a list from first to last (texts or letters)"

    def _lookup(self, item) -> str | None:
        if isinstance(item, int) and not isinstance(item, bool):
            return self.shown_order[item] if 0 <= item < len(self.shown_order) else None
        if not isinstance(item, str) or len(item) > MAX_TEXT:
            return None
        for text in self.items:
            if _norm(text) == _norm(item):
                return text
        letter = _norm(item).upper()
        if len(letter) == 1 and letter in LETTERS[: len(self.shown_order)]:
            return self.shown_order[LETTERS.index(letter)]
        return None

    def read(self, answer):
        if isinstance(answer, str):
            answer = re.split(r"\s*[,;>]\s*|\s*→\s*", answer[:MAX_TEXT].strip())
        items = None if isinstance(answer, Mapping) else bounded(answer, len(self.items) + 5)
        if items is None:
            return None, f"Could not read that: {self.expects()}."
        given = []
        for item in items:
            match = self._lookup(item)
            if match is None:
                return None, f"{str(item)[:40]!r} is not one of the items: {self.expects()}."
            given.append(match)
        if sorted(given) != sorted(self.items):
            missing = [i for i in self.items if i not in given]
            extra = "" if not missing else f" Missing: {plain(missing[0])}."
            return None, f"Give every item exactly once.{extra}"
        return given, None

    def grade(self, stored) -> Feedback:
        in_place = sum(1 for a, b in zip(stored, self.items, strict=True) if a == b)
        score = in_place / len(self.items)
        if in_place == len(self.items):
            return self._result(True)
        return Feedback(False, f"{CROSS} Not quite: {in_place} of {len(self.items)} items are in "
                               f"the right place (partial credit {score:.0%}).", score)

    def shown(self, stored) -> str:
        return " → ".join(plain(i) for i in stored)

    def control(self) -> dict:
        return {"type": "order", "note": "First (earliest) at the top.",
                "items": [{"value": text, "label": f"{LETTERS[i]}.", "html": inline_html(text)}
                          for i, text in enumerate(self.shown_order)]}

    def control_value(self, stored):
        return list(stored)

    @classmethod
    def spec_problems(cls, spec):
        items = [_norm(i) for i in spec.get("items", [])]
        return ["two items have the same text"] if len(set(items)) != len(items) else []

    # exports: GIFT has no ordering type, so each item is matched to its place ---------------
    def gift_pairs(self) -> list[tuple[str, str]]:
        return [(item, f"position {i + 1}") for i, item in enumerate(self.items)]

    def gift_prompt_suffix(self) -> str:
        return " " + gift_text("(Match each item to its place in the order.)")

    def gift(self) -> list[str]:
        return [f"={gift_text(left)} -> {gift_text(right)}" for left, right in self.gift_pairs()]

    def text2qti(self) -> list[str]:  # replaced by a matching item in the zip (see qti_item)
        return ["____"]

    def qti_prompt_suffix(self) -> str:  # the items stay readable in the text file itself
        return " Put these in order: " + "; ".join(qti_text(i) for i in self.shown_order)

    def qti_rights(self) -> list[str]:
        return [right for _, right in self.gift_pairs()]  # positions, in order

    def qti_prompt(self) -> str:
        return f"{self.prompt} (Match each item to its place in the order.)"


    def worksheet_markdown(self) -> list[str]:
        return ([f"- {LETTERS[n]}. {md_safe(item)}" for n, item in enumerate(self.shown_order)]
                + ["", "Order (earliest first): ______________________"])

    def worksheet_html(self) -> str:
        items = "".join(f"<li>{LETTERS[n]}. {inline_html(c)}</li>"
                        for n, c in enumerate(self.shown_order))
        return (f"<ul class='choices'>{items}</ul>"
                "<p>Order (earliest first): <span class='line'></span></p>")
