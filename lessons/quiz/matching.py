"""Matching questions: pair each left-hand item with its match (partial credit per pair)."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice

from ..markup import inline_html, plain
from .base import CROSS, LETTERS, MAX_TEXT, Feedback, PairsInGift, Question, _norm, bounded, register, shuffled
from .formats import gift_text, md_safe, qti_text


@register
class Matching(PairsInGift, Question):
    kind = "matching"
    label_text = "Match the pairs"
    schema = {"pairs": {"type": "array", "minItems": 2, "maxItems": 26,
                        "items": {"type": "object", "required": ["left", "right"],
                                  "additionalProperties": False,
                                  "properties": {"left": {"$ref": "#/$defs/text"},
                                                 "right": {"$ref": "#/$defs/text"}}}}}
    required = ["pairs"]

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self.pairs: dict[str, str] = {p["left"]: p["right"] for p in spec["pairs"]}
        self.lefts: list[str] = list(self.pairs)
        self.rights: list[str] = shuffled(list(self.pairs.values()), self.id, ":right")

    @property
    def correct_answer(self) -> dict[str, str]:
        return dict(self.pairs)

    def answer_text(self) -> str:
        return "; ".join(f"{plain(left)} → {plain(right)}" for left, right in self.pairs.items())

    def expects(self) -> str:
        return "give a mapping from each left-hand item to its match"

    @staticmethod
    def _match(value, texts: list[str], *, numbers: bool) -> str | None:
        if not isinstance(value, str | int) or isinstance(value, bool):
            return None
        if isinstance(value, int):
            return texts[value] if 0 <= value < len(texts) else None
        if len(value) > MAX_TEXT:
            return None
        for text in texts:
            if _norm(text) == _norm(value):
                return text
        key = _norm(value).upper()
        if numbers and key.isdigit() and 1 <= int(key) <= len(texts):
            return texts[int(key) - 1]
        if not numbers and len(key) == 1 and key in LETTERS[: len(texts)]:
            return texts[LETTERS.index(key)]
        return None

    def read(self, answer):
        if not isinstance(answer, Mapping):
            items = bounded(answer, len(self.lefts) + 5)
            if items is None or len(items) != len(self.lefts):
                return None, f"Could not read that: {self.expects()}."
            answer = dict(zip(self.lefts, items, strict=True))
        given: dict[str, str] = {}
        for key, value in islice(answer.items(), len(self.lefts) + 5):
            left = self._match(key, self.lefts, numbers=True)
            if left is None:
                return None, f"{str(key)[:40]!r} is not a left-hand item: {self.expects()}."
            if value is None:
                continue  # not matched yet
            right = self._match(value, self.rights, numbers=False)
            if right is None:
                return None, f"{str(value)[:40]!r} is not one of the matches."
            given[left] = right
        missing = [left for left in self.lefts if left not in given]
        if missing:
            return None, (f"Choose a match for every item first ({len(given)} of "
                          f"{len(self.lefts)} chosen; missing: {plain(missing[0])}).")
        return {left: given[left] for left in self.lefts}, None

    def grade(self, stored) -> Feedback:
        right_count = sum(1 for left, right in stored.items() if self.pairs[left] == right)
        score = right_count / len(self.pairs)
        if right_count == len(self.pairs):
            return self._result(True)
        return Feedback(False, f"{CROSS} Not quite: {right_count} of {len(self.pairs)} pairs are "
                               f"right (partial credit {score:.0%}).", score)

    def shown(self, stored) -> str:
        return "; ".join(f"{plain(left)} → {plain(right)}" for left, right in stored.items())

    def control(self) -> dict:
        return {"type": "match",
                "lefts": [{"value": left, "label": f"{i + 1}.", "html": inline_html(left)}
                          for i, left in enumerate(self.lefts)],
                "rights": [{"value": right, "label": f"{LETTERS[i]}.", "html": plain(right)}
                           for i, right in enumerate(self.rights)]}

    def text_lines(self) -> list[str]:
        lines = [f"{i + 1}. {plain(left)}" for i, left in enumerate(self.lefts)]
        lines += [f"{LETTERS[i]}. {plain(r)}" for i, r in enumerate(self.rights)]
        return lines

    def static_body(self) -> str:
        cell = "style='text-align:left;padding:2px 12px 2px 0'"
        rows = "".join(
            f"<tr><td {cell}>{i + 1}. {inline_html(left)}</td>"
            f"<td {cell}>{LETTERS[i]}. {inline_html(r)}</td></tr>"
            for i, (left, r) in enumerate(zip(self.lefts, self.rights, strict=True))
        )
        return (f"<table class='lessons-match'><thead><tr><th {cell}>Item</th>"
                f"<th {cell}>Match it with one of</th></tr></thead><tbody>{rows}</tbody></table>")

    @classmethod
    def spec_problems(cls, spec):
        pairs = [p for p in spec.get("pairs", []) if isinstance(p, dict)]
        out = []
        for side in ("left", "right"):
            texts = [_norm(p.get(side, "")) for p in pairs]
            if len(set(texts)) != len(texts):
                out.append(f"two pairs have the same {side}-hand text")
        return out

    # exports --------------------------------------------------------------------------------
    def gift_pairs(self) -> list[tuple[str, str]]:
        return list(self.pairs.items())

    def gift(self) -> list[str]:
        return [f"={gift_text(left)} -> {gift_text(right)}" for left, right in self.gift_pairs()]

    def text2qti(self) -> list[str]:  # replaced by a matching item in the zip (see qti_item)
        return ["____"]

    def qti_prompt_suffix(self) -> str:  # the items stay readable in the text file itself
        return (" Match: " + "; ".join(qti_text(x) for x in self.lefts) + " | with: "
                + "; ".join(qti_text(x) for x in self.rights))


    def worksheet_markdown(self) -> list[str]:
        return ([f"{n + 1}. {md_safe(left)} — ___" for n, left in enumerate(self.lefts)] + [""]
                + [f"- {LETTERS[n]}. {md_safe(r)}" for n, r in enumerate(self.rights)])

    def worksheet_html(self) -> str:
        return "<table>" + "".join(
            f"<tr><td>{n + 1}. {inline_html(left)} ____</td><td>{LETTERS[n]}. {inline_html(r)}</td></tr>"
            for n, (left, r) in enumerate(zip(self.lefts, self.rights, strict=True))) + "</table>"
