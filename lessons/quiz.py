"""Quiz questions: grading logic, score keeping and static rendering (no widgets here).

Every front end calls the same :meth:`Question.submit`: the ipywidgets view
(:mod:`lessons.widgets`), tests, and instructors' scripts.

    >>> quiz = Quiz.from_bank("02_trade")
    >>> q = quiz.questions[0]
    >>> q.submit(q.correct_answer).correct
    True

``submit`` never raises on a learner's input. It returns a :class:`Feedback`
whose ``correct`` is True, False, or None when the answer could not be read
(the message then says what was expected). Wherever a quiz is shown without a
widget front end (GitHub, nbviewer, nbconvert, nbval) it renders as readable
HTML with each answer in a collapsed ``<details>``, and its text repr is stable.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html import escape

from . import progress
from .banks import bank_path, list_banks, read_bank
from .markup import inline_html, plain

__all__ = ["Quiz", "Question", "Feedback", "list_banks", "parse_number"]

TICK, CROSS = "✓", "✗"
MAX_TEXT = 20_000
KIND_LABELS = {
    "single": "Single choice",
    "multiple": "Select all that apply",
    "truefalse": "True or false",
    "numeric": "Number",
    "ordering": "Put in order",
    "matching": "Match the pairs",
    "reflection": "Reflection (not graded)",
}
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Feedback:
    """The outcome of one submitted answer."""

    correct: bool | None
    message: str
    score: float | None = None

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        return f"<p>{escape(self.message)}</p>"


def _norm(value) -> str:
    return " ".join(str(value).split()).casefold()


def _seeded(question_id: str) -> random.Random:
    seed = int.from_bytes(hashlib.sha256(question_id.encode("utf-8")).digest()[:8], "big")
    return random.Random(seed)


def _shuffled(items: list, question_id: str, salt: str = "") -> list:
    """A deterministic shuffle (seeded by the question id) that never leaves the given order."""
    out = list(items)
    if len(out) < 2:
        return out
    rng = _seeded(question_id + salt)
    for _ in range(5):
        rng.shuffle(out)
        if out != list(items):
            break
    return out


# --- numbers -------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"""^(?P<sign>[+-])?\s*
        (?P<cur>US\$|\$|€|£|¥|₽|USD|EUR|RUB|CNY)?\s*
        (?P<int>\d{1,3}(?:[,\u00a0\u202f _]\d{3})+|\d+)?
        (?P<frac>\.\d+)?
        (?P<exp>[eE][+-]?\d+)?
        \s*(?P<unit>[^\d]*)$""",
    re.X,
)
_MINUS = {"\u2212": "-", "\u2012": "-", "\u2013": "-", "\ufe63": "-", "\uff0d": "-"}


def parse_number(answer) -> tuple[float | None, str | None]:
    """Read a learner's number: ``(value, None)`` or ``(None, reason)``.

    Accepts ``1200``, ``1,200``, ``1 200``, ``1.2e3``, ``-3.5``, ``$95.3bn``,
    ``46%`` and digits from any script; refuses decimal commas, NaN and infinity.
    """
    if isinstance(answer, bool) or answer is None:
        return None, f"could not read {answer!r} as a number"
    if isinstance(answer, int | float):
        value = float(answer)
        if not math.isfinite(value):
            return None, f"could not read {answer!r} as a number: give a finite value"
        return value, None
    if not isinstance(answer, str):
        return None, f"could not read a {type(answer).__name__} as a number"
    text = answer.strip()
    if not text:
        return None, "could not read an empty answer as a number: type a value"
    if len(text) > 64:
        return None, "could not read that as a number: it is too long (at most 64 characters)"
    text = "".join(_MINUS.get(ch, ch) for ch in text)
    text = "".join(
        str(unicodedata.decimal(ch)) if ch.isdigit() and unicodedata.decimal(ch, None) is not None
        else ch
        for ch in text
    )
    match = _NUMBER.match(text)
    if not match or not (match["int"] or match["frac"]):
        shown = answer.strip() if len(answer.strip()) <= 30 else answer.strip()[:27] + "..."
        extra = " (use a point for decimals: 95.3)" if re.search(r"\d,\d{1,2}(?!\d)", text) else ""
        return None, f"could not read {shown!r} as a number{extra}"
    digits = re.sub(r"[,\u00a0\u202f _]", "", match["int"] or "0")
    try:
        value = float(f"{match['sign'] or ''}{digits}{match['frac'] or ''}{match['exp'] or ''}")
    except (ValueError, OverflowError):
        value = float("nan")
    if not math.isfinite(value):
        return None, f"could not read {answer.strip()[:30]!r} as a number: it is too large"
    return value, None


# --- questions -----------------------------------------------------------------------------


class Question:
    """One question from a bank. Subclasses implement :meth:`_grade`."""

    kind = "question"

    def __init__(self, spec: Mapping, *, bank: str = "", domain: str | None = None,
                 max_tries: int = 3, recorder: Callable | None = None):
        self.spec = dict(spec)
        self.id: str = spec["id"]
        self.bank = bank
        self.prompt: str = spec["prompt"]
        self.explanation: str = spec["explanation"]
        self.hint: str | None = spec.get("hint")
        self.cites: dict = dict(spec.get("cites") or {})
        self.difficulty: str | None = spec.get("difficulty")
        self.tags: list[str] = list(spec.get("tags") or [])
        self.domain = spec.get("domain") or domain
        self.max_tries = max_tries
        self.attempts: list[Feedback] = []
        self._recorder = recorder

    # The learner-facing API -------------------------------------------------------------
    def submit(self, answer) -> Feedback:
        """Grade an answer, remember it for this session and save it to progress."""
        try:
            feedback = self._grade(answer)
        except Exception as exc:  # a learner's input must never raise
            feedback = Feedback(None, f"Could not read that answer ({type(exc).__name__}); "
                                      f"{self.expects()}")
        self.attempts.append(feedback)
        if self._recorder is not None:
            try:
                self._recorder(self, answer, feedback)
            except Exception:  # saving is best-effort; progress reports its own problems
                pass
        return feedback

    @property
    def correct_answer(self):
        """An answer that :meth:`submit` accepts as correct."""
        raise NotImplementedError

    def answer_text(self) -> str:
        """The correct answer in words, for reveals, worksheets and exports."""
        return str(self.correct_answer)

    def expects(self) -> str:
        return "see the question for the kind of answer expected"

    @property
    def wrong_tries(self) -> int:
        return sum(1 for f in self.attempts if f.correct is False)

    @property
    def solved(self) -> bool:
        return any(f.correct for f in self.attempts)

    @property
    def best_score(self) -> float | None:
        scores = [f.score for f in self.attempts if f.score is not None]
        return max(scores) if scores else None

    def choices(self) -> list[str]:
        """Options as shown (shuffled deterministically), if the question has any."""
        return []

    # Rendering ----------------------------------------------------------------------------
    def label(self) -> str:
        parts = [KIND_LABELS[self.kind]]
        if self.difficulty:
            parts.append(self.difficulty)
        return " · ".join(parts)

    def text(self, number: int | None = None) -> str:
        head = f"{number}. " if number is not None else ""
        lines = [f"{head}[{KIND_LABELS[self.kind]}] {plain(self.prompt)}"]
        lines += [f"   {line}" for line in self._choice_lines()]
        return "\n".join(lines)

    def _choice_lines(self) -> list[str]:
        return [f"{LETTERS[i]}. {plain(c)}" for i, c in enumerate(self.choices())]

    def static_html(self, number: int | None = None) -> str:
        body = self._choices_html() + self._static_extra()
        return (
            f"<li class='lessons-q' id='q-{escape(self.id)}'>"
            f"<p><strong>{number or ''}{'.' if number else ''}</strong> {inline_html(self.prompt)}"
            f" <small>({escape(self.label())})</small></p>{body}"
            f"{self._details_html()}</li>"
        )

    def _choices_html(self) -> str:
        lines = self._choice_lines()
        if not lines:
            return ""
        return "<ul class='lessons-choices'>" + "".join(
            f"<li>{inline_html(line)}</li>" for line in lines) + "</ul>"

    def _static_extra(self) -> str:
        return ""

    def _details_html(self) -> str:
        hint = (f"<details><summary>Hint</summary><p>{inline_html(self.hint)}</p></details>"
                if self.hint else "")
        return (
            f"{hint}<details><summary>Answer</summary>"
            f"<p><strong>Answer:</strong> {inline_html(self.answer_text())}</p>"
            f"<p>{inline_html(self.explanation)}</p>"
            f"<p><small>{escape(self.cite_text())}</small></p></details>"
        )

    def cite_text(self) -> str:
        """'Based on: ...' built from the cited sources and article claims."""
        ids = [*self.cites.get("sources", []), *self.cites.get("claims", [])]
        try:
            from .sources import cite

            note = cite(ids).short(limit=4)
        except Exception:  # an instructor's bank outside the data package
            note = "Source: " + ", ".join(ids)
        return note.replace("Source: ", "Based on: ", 1)

    def _result(self, ok: bool, detail: str = "", score: float | None = None) -> Feedback:
        if score is None:
            score = 1.0 if ok else 0.0
        head = f"{TICK} Correct." if ok else f"{CROSS} Not quite."
        return Feedback(ok, f"{head} {detail}".strip(), score)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id!r}: {plain(self.prompt)[:60]}>"

    def _grade(self, answer) -> Feedback:  # pragma: no cover - abstract
        raise NotImplementedError


class _OptionMixin:
    """Options shown in a deterministic shuffled order, addressed by text, letter or index."""

    def _setup_options(self):
        opts = [dict(o) for o in self.spec["options"]]
        self.options = _shuffled(opts, self.id)

    def choices(self) -> list[str]:
        return [o["text"] for o in self.options]

    def _find_option(self, answer) -> dict | None:
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


class SingleChoice(_OptionMixin, Question):
    kind = "single"

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self._setup_options()

    @property
    def correct_answer(self) -> str:
        return next(o["text"] for o in self.options if o.get("correct"))

    def answer_text(self) -> str:
        i = next(i for i, o in enumerate(self.options) if o.get("correct"))
        return f"{LETTERS[i]}. {self.options[i]['text']}"

    def expects(self) -> str:
        return "choose one option (its text, its letter or its number from 0)"

    def _grade(self, answer) -> Feedback:
        option = self._find_option(answer)
        if option is None:
            return Feedback(None, f"That is not one of the options: {self.expects()}.")
        return self._result(bool(option.get("correct")), option.get("feedback", ""))


class MultipleChoice(_OptionMixin, Question):
    kind = "multiple"

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self._setup_options()

    @property
    def correct_answer(self) -> list[str]:
        return [o["text"] for o in self.options if o.get("correct")]

    def answer_text(self) -> str:
        return "; ".join(f"{LETTERS[i]}. {o['text']}" for i, o in enumerate(self.options)
                         if o.get("correct"))

    def expects(self) -> str:
        return "give a list of the options you choose (texts, letters or numbers)"

    def _grade(self, answer) -> Feedback:
        if isinstance(answer, str):
            answer = [answer] if self._find_option(answer) else re.split(r"\s*[,;]\s*", answer)
        if isinstance(answer, int | dict) or answer is None or not isinstance(answer, Iterable):
            return Feedback(None, f"Could not read that: {self.expects()}.")
        chosen: list[dict] = []
        for item in list(answer)[: len(self.options) + 5]:
            option = self._find_option(item)
            if option is None:
                return Feedback(None, f"{str(item)[:40]!r} is not one of the options: "
                                      f"{self.expects()}.")
            if option not in chosen:
                chosen.append(option)
        if not chosen:
            return Feedback(None, "Choose at least one option.")
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
        return Feedback(False, f"{CROSS} Partly right: {detail}".strip() if right
                        else f"{CROSS} Not quite: {detail}".strip(), score)


class TrueFalse(Question):
    kind = "truefalse"
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

    def _grade(self, answer) -> Feedback:
        if isinstance(answer, bool):
            value = answer
        elif isinstance(answer, int) and answer in (0, 1):
            value = bool(answer)
        elif isinstance(answer, str) and _norm(answer) in self._WORDS:
            value = self._WORDS[_norm(answer)]
        else:
            return Feedback(None, f"Could not read that: {self.expects()}.")
        notes = (self.spec.get("feedback") or {}).get("true" if value else "false", "")
        return self._result(value == self.correct_answer, notes)


class Numeric(Question):
    kind = "numeric"

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
        within = (f"±{tol['absolute']:g}" if "absolute" in tol else f"±{tol['relative']:.0%}")
        return f"{value} {self.unit}".strip() + f" (accepted within {within})"

    def expects(self) -> str:
        return f"type a number{f' in {self.unit}' if self.unit else ''}"

    def _static_extra(self) -> str:
        return f"<p><em>Answer as a number{f' ({escape(self.unit)})' if self.unit else ''}.</em></p>"

    def _grade(self, answer) -> Feedback:
        value, reason = parse_number(answer)
        if value is None:
            return Feedback(None, f"{reason[0].upper()}{reason[1:]}; {self.expects()}.")
        notes = self.spec.get("feedback") or {}
        target = self.correct_answer
        if abs(value - target) <= self.tolerance() + 1e-12 * max(1.0, abs(target)):
            return self._result(True, notes.get("correct", ""))
        if value < target:
            return Feedback(False, f"{CROSS} Too low. {notes.get('low', '')}".strip(), 0.0)
        return Feedback(False, f"{CROSS} Too high. {notes.get('high', '')}".strip(), 0.0)


class Ordering(Question):
    kind = "ordering"

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self.items: list[str] = list(spec["items"])
        self.shown: list[str] = _shuffled(self.items, self.id)

    @property
    def correct_answer(self) -> list[str]:
        return list(self.items)

    def choices(self) -> list[str]:
        return list(self.shown)

    def answer_text(self) -> str:
        return " → ".join(plain(i) for i in self.items)

    def expects(self) -> str:
        return "give every item once, as a list from first to last (texts or letters)"

    def _grade(self, answer) -> Feedback:
        if isinstance(answer, str):
            answer = re.split(r"\s*[,;>]\s*|\s*→\s*", answer.strip())
        if isinstance(answer, Mapping) or not isinstance(answer, Iterable):
            return Feedback(None, f"Could not read that: {self.expects()}.")
        given = []
        for item in list(answer)[: len(self.items) + 5]:
            match = self._lookup(item)
            if match is None:
                return Feedback(None, f"{str(item)[:40]!r} is not one of the items: "
                                      f"{self.expects()}.")
            given.append(match)
        if sorted(given) != sorted(self.items):
            missing = [i for i in self.items if i not in given]
            extra = "" if not missing else f" Missing: {plain(missing[0])}."
            return Feedback(None, f"Give every item exactly once.{extra}")
        in_place = sum(1 for a, b in zip(given, self.items, strict=True) if a == b)
        score = in_place / len(self.items)
        if in_place == len(self.items):
            return self._result(True)
        return Feedback(False, f"{CROSS} Not quite: {in_place} of {len(self.items)} items are in "
                               f"the right place (partial credit {score:.0%}).", score)

    def _lookup(self, item) -> str | None:
        if isinstance(item, int) and not isinstance(item, bool):
            return self.shown[item] if 0 <= item < len(self.shown) else None
        if not isinstance(item, str) or len(item) > MAX_TEXT:
            return None
        for text in self.items:
            if _norm(text) == _norm(item):
                return text
        letter = _norm(item).upper()
        if len(letter) == 1 and letter in LETTERS[: len(self.shown)]:
            return self.shown[LETTERS.index(letter)]
        return None


class Matching(Question):
    kind = "matching"

    def __init__(self, spec, **kw):
        super().__init__(spec, **kw)
        self.pairs: dict[str, str] = {p["left"]: p["right"] for p in spec["pairs"]}
        self.lefts: list[str] = list(self.pairs)
        self.rights: list[str] = _shuffled(list(self.pairs.values()), self.id, ":right")

    @property
    def correct_answer(self) -> dict[str, str]:
        return dict(self.pairs)

    def answer_text(self) -> str:
        return "; ".join(f"{plain(left)} → {plain(right)}" for left, right in self.pairs.items())

    def expects(self) -> str:
        return "give a mapping from each left-hand item to its match"

    def _choice_lines(self) -> list[str]:
        lines = [f"{i + 1}. {plain(left)}" for i, left in enumerate(self.lefts)]
        lines += [f"{LETTERS[i]}. {plain(r)}" for i, r in enumerate(self.rights)]
        return lines

    def _choices_html(self) -> str:
        cell = "style='text-align:left;padding:2px 12px 2px 0'"
        rows = "".join(
            f"<tr><td {cell}>{i + 1}. {inline_html(left)}</td>"
            f"<td {cell}>{LETTERS[i]}. {inline_html(r)}</td></tr>"
            for i, (left, r) in enumerate(zip(self.lefts, self.rights, strict=True))
        )
        return (f"<table class='lessons-match'><thead><tr><th {cell}>Item</th>"
                f"<th {cell}>Match it with one of</th></tr></thead><tbody>{rows}</tbody></table>")

    def _grade(self, answer) -> Feedback:
        if isinstance(answer, list | tuple) and len(answer) == len(self.lefts):
            answer = dict(zip(self.lefts, answer, strict=True))
        if not isinstance(answer, Mapping):
            return Feedback(None, f"Could not read that: {self.expects()}.")
        given: dict[str, str] = {}
        for key, value in list(answer.items())[: len(self.lefts) + 5]:
            left = self._match(key, self.lefts, numbers=True)
            right = self._match(value, self.rights, numbers=False)
            if left is None:
                return Feedback(None, f"{str(key)[:40]!r} is not a left-hand item: {self.expects()}.")
            if right is None:
                return Feedback(None, f"{str(value)[:40]!r} is not one of the matches.")
            given[left] = right
        right_count = sum(1 for left, right in given.items() if self.pairs[left] == right)
        score = right_count / len(self.pairs)
        if right_count == len(self.pairs):
            return self._result(True)
        return Feedback(False, f"{CROSS} Not quite: {right_count} of {len(self.pairs)} pairs are "
                               f"right (partial credit {score:.0%}).", score)

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


class Reflection(Question):
    kind = "reflection"

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

    def _static_extra(self) -> str:
        return "<p><em>Write a few sentences; this one is not graded.</em></p>"

    def _grade(self, answer) -> Feedback:
        if not isinstance(answer, str) or not answer.strip():
            return Feedback(None, "Write a few sentences first; your reflection is saved, "
                                  "not graded.")
        words = len(answer.split())
        return Feedback(None, f"{TICK} Saved ({words} word{'s' if words != 1 else ''}). "
                              "Reflections are not graded: compare yours with the model answer.")


KINDS: dict[str, type[Question]] = {
    cls.kind: cls for cls in (SingleChoice, MultipleChoice, TrueFalse, Numeric, Ordering,
                              Matching, Reflection)
}


def _save(question: Question, answer, feedback: Feedback) -> None:
    progress.record(question.bank, question.id, question.kind, question.domain, answer, feedback)


class Quiz:
    """The questions of one bank, with a score summary and a static rendering."""

    def __init__(self, bank: Mapping, *, save_progress: bool = True):
        self.bank_id: str = bank["bank"]
        self.title: str = bank["title"]
        self.domain: str | None = bank.get("domain")
        self.notebook: str | None = bank.get("notebook")
        max_tries = int(bank.get("max_tries", 3))
        recorder = _save if save_progress else None
        self.questions: list[Question] = [
            KINDS[q["type"]](q, bank=self.bank_id, domain=self.domain, max_tries=max_tries,
                             recorder=recorder)
            for q in bank["questions"]
        ]

    @classmethod
    def from_bank(cls, bank_id: str, *, only: Iterable[str] | None = None,
                  save_progress: bool = True) -> Quiz:
        """Load and check a bank by id (see :func:`list_banks`), optionally some questions."""
        bank = read_bank(bank_path(bank_id) if not str(bank_id).endswith(".yaml") else bank_id)
        if only is not None:
            wanted = list(only)
            by_id = {q["id"]: q for q in bank["questions"]}
            unknown = [w for w in wanted if w not in by_id]
            if unknown:
                raise KeyError(f"bank {bank['bank']!r} has no question(s) {', '.join(unknown)}; "
                               f"it has {', '.join(by_id)}")
            bank = {**bank, "questions": [by_id[w] for w in wanted]}
        from .sources import CITED

        for q in bank["questions"]:
            for ident in [*q["cites"].get("sources", []), *q["cites"].get("claims", [])]:
                CITED.setdefault(ident, None)
        return cls(bank, save_progress=save_progress)

    def __getitem__(self, key) -> Question:
        if isinstance(key, int):
            return self.questions[key]
        for q in self.questions:
            if q.id == key:
                return q
        raise KeyError(f"no question {key!r} in quiz {self.bank_id!r}")

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self):
        return iter(self.questions)

    def summary(self) -> str:
        """Score so far in this session, in words."""
        graded = [q for q in self.questions if q.kind != "reflection"]
        tried = [q for q in graded if q.attempts]
        points = sum(q.best_score or 0.0 for q in graded)
        solved = sum(1 for q in graded if q.solved)
        return (f"Score: {points:.1f} of {len(graded)} points; {solved} of {len(graded)} "
                f"questions solved, {len(tried)} tried.")

    # Rendering ------------------------------------------------------------------------------
    def __repr__(self) -> str:
        kinds = sorted({q.kind for q in self.questions})
        head = (f"Quiz {self.bank_id!r}: {self.title} ({len(self.questions)} questions; "
                f"{', '.join(kinds)})")
        body = "\n".join(q.text(i + 1) for i, q in enumerate(self.questions))
        return f"{head}\n{body}\n(Answers: run the notebook, or see the static version's 'Answer' boxes.)"

    def static_html(self) -> str:
        items = "".join(q.static_html(i + 1) for i, q in enumerate(self.questions))
        return (
            f"<div class='lessons-quiz' data-bank='{escape(self.bank_id)}'>"
            f"<h4>Quiz: {escape(self.title)}</h4>"
            "<p><em>Interactive in JupyterLab; elsewhere, open <strong>Answer</strong> under "
            "each question to check yourself.</em></p>"
            f"<ol style='list-style:none;padding-left:0'>{items}</ol></div>"
        )

    def _repr_html_(self) -> str:
        return self.static_html()

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": repr(self), "text/html": self.static_html()}
        try:
            from .widgets import quiz_view_bundle

            bundle.update(quiz_view_bundle(self))
        except Exception:  # no widget support here: the static version stands alone
            pass
        return bundle

    def show(self):
        """The interactive widget for this quiz (ipywidgets)."""
        from .widgets import QuizView

        return QuizView(self)
