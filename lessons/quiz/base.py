"""What every question kind shares: the learner's three verbs, honest credit, and the record.

A kind is one subclass of :class:`Question` (registered with :func:`register`)
that owns everything about that kind:

- ``schema``: the JSON Schema of its own bank fields, and ``spec_problems`` for the
  checks a schema cannot express;
- ``read``: a learner's answer in any accepted form -> the answer as stored (option
  texts, never positions in a shuffled list), or the reason it cannot be read;
- ``grade``: a stored answer -> :class:`Feedback`;
- ``shown``: a stored answer as the learner saw it (with the letters of their view);
- ``control``: what the widget front end draws, and ``control_value`` to put a saved
  answer back on screen;
- ``static_body``, ``text_lines``: the question without a widget (GitHub, nbconvert, nbval);
- ``gift``, ``text2qti``, ``worksheet_markdown``, ``worksheet_html``: exports.

Nothing outside a kind's class asks which kind a question is.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from html import escape
from itertools import islice
from typing import ClassVar

from ..markup import inline_html, plain
from .formats import gift_escape, gift_text, qti_text

TICK, CROSS = "✓", "✗"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_TEXT = 20_000          # characters read from one text answer
MAX_ITEMS = 60             # items read from a list or mapping answer (the rest is ignored)
NO_CREDIT = "The answer had been shown before this try, so it earns no credit."

KINDS: dict[str, type[Question]] = {}


def register(cls: type[Question]) -> type[Question]:
    """Add a question kind to the course (its ``kind`` is the bank's ``type``)."""
    KINDS[cls.kind] = cls
    return cls


@dataclass(frozen=True)
class Feedback:
    """The outcome of one submitted answer.

    ``correct`` is True, False, or None when the answer could not be graded (the
    message says what was expected). ``score`` is the grade (0 to 1, partial for
    select-all, ordering and matching); ``credit`` what it earns (0 when the answer
    had been revealed first).
    """

    correct: bool | None
    message: str
    score: float | None = None
    credit: float | None = None
    revealed: bool = False

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        return f"<p>{escape(self.message)}</p>"


@dataclass(frozen=True)
class Shown:
    """A hint or a revealed answer, returned by ``hint()`` and ``reveal()``."""

    title: str
    text: str
    html: str

    def __repr__(self) -> str:
        return f"{self.title}: {self.text}"

    def _repr_html_(self) -> str:
        return self.html


def _norm(value) -> str:
    return " ".join(str(value).split()).casefold()


def _seeded(question_id: str) -> random.Random:
    seed = int.from_bytes(hashlib.sha256(question_id.encode("utf-8")).digest()[:8], "big")
    return random.Random(seed)


def shuffled(items: list, question_id: str, salt: str = "") -> list:
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


def bounded(answer, limit: int = MAX_ITEMS) -> list | None:
    """At most ``limit + 1`` items of an iterable answer (an endless one is cut short)."""
    if isinstance(answer, str | bytes | Mapping) or not isinstance(answer, Iterable):
        return None
    return list(islice(iter(answer), limit + 1))


def too_long(value) -> bool:
    return isinstance(value, str) and len(value) > MAX_TEXT


class PairsInGift:
    """GIFT matching for kinds made of pairs; Moodle needs three, so fewer become an essay."""

    def gift_pairs(self) -> list[tuple[str, str]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def qti_prompt(self) -> str:
        return self.prompt

    def qti_rights(self) -> list[str]:
        """The right-hand texts in the order Canvas offers them (shuffled, never the key's order)."""
        return shuffled([right for _, right in self.gift_pairs()], self.id, ":qti")

    def qti_item(self, ident: str) -> str:
        """The question as a self-grading Canvas matching item (see :func:`qti_matching_item`)."""
        from .formats import qti_matching_item

        return qti_matching_item(ident, self.id, f"<p>{inline_html(self.qti_prompt())}</p>",
                                 self.gift_pairs(), self.qti_rights())

    def gift_question(self) -> str:
        if len(self.gift_pairs()) < 3:
            return (f"// {self.id}: fewer than 3 pairs, exported as an essay for hand marking\n"
                    f"{self.gift_title()}{self.gift_prompt()} {{\n  ####"
                    f"{gift_text(self.explanation)}\n}}")
        return super().gift_question()


class Question:
    """One question of a bank. Subclasses are the kinds; see the module docstring."""

    kind: ClassVar[str] = "question"
    label_text: ClassVar[str] = "Question"
    graded: ClassVar[bool] = True
    check_label: ClassVar[str] = "Check"
    reveal_label: ClassVar[str] = "Show answer"
    schema: ClassVar[dict] = {}
    required: ClassVar[list[str]] = []

    def __init__(self, spec: Mapping, *, bank: str = "", domain: str | None = None,
                 max_tries: int = 3, recorder: Callable[[dict], object] | None = None):
        self.spec = dict(spec)
        self.id: str = spec["id"]
        self.bank = bank
        self.prompt: str = spec["prompt"]
        self.explanation: str = spec["explanation"]
        self.hint_text: str | None = spec.get("hint")
        self.cites: dict = dict(spec.get("cites") or {})
        self.difficulty: str | None = spec.get("difficulty")
        self.tags: list[str] = list(spec.get("tags") or [])
        self.domain = spec.get("domain") or domain
        self.max_tries = max_tries
        self._recorder = recorder
        self.attempts: list[Feedback] = []   # graded and ungraded, this session and restored
        self.hints_used = 0
        self.revealed = False
        self.last_answer = None              # the last answer submitted, as stored

    # --- what each kind provides ----------------------------------------------------------
    def read(self, answer) -> tuple[object | None, str | None]:  # pragma: no cover - abstract
        """``(stored, None)`` or ``(None, reason)``; never raises on a learner's value."""
        raise NotImplementedError

    def grade(self, stored) -> Feedback:  # pragma: no cover - abstract
        raise NotImplementedError

    def shown(self, stored) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def correct_answer(self):  # pragma: no cover - abstract
        """An answer that :meth:`submit` accepts as correct."""
        raise NotImplementedError

    def answer_text(self) -> str:
        """The correct answer in words, for reveals, worksheets and exports."""
        return str(self.correct_answer)

    def expects(self) -> str:
        return "see the question for the kind of answer expected"

    def choices(self) -> list[str]:
        """Options as shown (shuffled deterministically), if the question has any."""
        return []

    def control(self) -> dict:  # pragma: no cover - abstract
        """What the widget draws: a control type and its data (JSON)."""
        raise NotImplementedError

    def control_value(self, stored):
        """A stored answer in the form the control sends back (to put it on screen again)."""
        return stored

    def static_body(self) -> str:
        lines = self.text_lines()
        if not lines:
            return ""
        return "<ul class='lessons-choices'>" + "".join(
            f"<li>{inline_html(line)}</li>" for line in lines) + "</ul>"

    def text_lines(self) -> list[str]:
        return [f"{LETTERS[i]}. {plain(c)}" for i, c in enumerate(self.choices())]

    @classmethod
    def spec_problems(cls, spec: dict) -> list[str]:
        """Problems with a bank entry that the schema cannot express."""
        return []

    @classmethod
    def data_problems(cls, spec: dict) -> list[str]:
        """Problems found by checking the entry against the data package (if it names data)."""
        return []

    # --- exports: each kind gives its own lines; these put them in each format's frame --------
    gift_open: ClassVar[str] = ""

    def gift(self) -> list[str] | str:  # pragma: no cover - abstract
        raise NotImplementedError

    def gift_title(self) -> str:
        return f"::{gift_escape(self.id)}::"

    def gift_prompt_suffix(self) -> str:
        return ""

    def gift_prompt(self) -> str:
        return f"[markdown]{gift_text(self.prompt)}{self.gift_prompt_suffix()}"

    def gift_question(self) -> str:
        """The question in Moodle's GIFT format."""
        body, fb = self.gift(), f"####{gift_text(self.explanation)}"
        head = f"{self.gift_title()}{self.gift_prompt()} {{{self.gift_open}"
        if isinstance(body, str):
            return f"{head}{body}{fb}}}"
        return head + "\n" + "\n".join(f"  {line}" for line in body) + f"\n  {fb}\n}}"

    def text2qti(self) -> list[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def qti_prompt_suffix(self) -> str:
        return ""

    def qti_item(self, ident: str) -> str | None:
        """A Canvas QTI item replacing text2qti's, for kinds text2qti cannot write (else None)."""
        return None

    def qti_comment(self) -> str | None:
        """A note for the marker, kept in the QTI file's ``qticomment`` (never shown to students)."""
        return None

    def text2qti_question(self, number: int) -> str:
        """The question in text2qti's plain-text quiz format (Canvas)."""
        return "\n".join([f"Title: {self.id}",
                          f"{number}.  {qti_text(self.prompt)}{self.qti_prompt_suffix()}",
                          f"... {qti_text(self.explanation)}", *self.text2qti()])

    def worksheet_markdown(self) -> list[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def worksheet_html(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    # --- the learner's verbs ----------------------------------------------------------------
    @property
    def tries(self) -> int:
        """Answers graded so far (an unreadable answer is not a try)."""
        return sum(1 for f in self.attempts if f.correct is not None)

    @property
    def wrong_tries(self) -> int:
        return sum(1 for f in self.attempts if f.correct is False)

    @property
    def tries_left(self) -> int:
        return max(0, self.max_tries - self.wrong_tries)

    @property
    def solved(self) -> bool:
        return any(f.correct for f in self.attempts)

    @property
    def best_score(self) -> float | None:
        """The best credit earned (None before any graded answer)."""
        credits = [f.credit for f in self.attempts if f.credit is not None]
        return max(credits) if credits else None

    def submit(self, answer) -> Feedback:
        """Grade an answer, remember it, and save it to the learner's progress."""
        stored, reason = self.read(answer)
        if stored is None:
            return Feedback(None, reason or f"Could not read that: {self.expects()}.")
        feedback = self._with_credit(self.grade(stored), revealed=self.revealed)
        self.attempts.append(feedback)
        self.last_answer = stored
        self._save("submit", answer=stored, shown=self.shown(stored), correct=feedback.correct,
                   score=feedback.score, credit=feedback.credit, revealed=feedback.revealed,
                   prompt=plain(self.prompt))
        if (self.graded and feedback.correct is False and not self.revealed
                and self.wrong_tries >= self.max_tries):
            self.reveal()
        return feedback

    def hint(self) -> Shown:
        """The hint (counted in the learner's record as a hint used)."""
        if not self.hint_text:
            return Shown("Hint", "This question has no hint.", "<p>This question has no hint.</p>")
        self.hints_used += 1
        self._save("hint")
        return Shown("Hint", plain(self.hint_text), self.hint_html())

    def hint_html(self) -> str:
        return f"<p><strong>Hint:</strong> {inline_html(self.hint_text)}</p>" if self.hint_text else ""

    def reveal(self) -> Shown:
        """The answer and its explanation; answers submitted after this earn no credit."""
        if not self.revealed:
            self.revealed = True
            self._save("reveal")
        return Shown("Answer", f"{plain(self.answer_text())}. {plain(self.explanation)}",
                     self.answer_html())

    def answer_html(self) -> str:
        return (f"<p><strong>Answer:</strong> {inline_html(self.answer_text())}</p>"
                f"<p>{inline_html(self.explanation)}</p>"
                f"<p><small>{escape(self.cite_text())}</small></p>")

    def _with_credit(self, feedback: Feedback, *, revealed: bool) -> Feedback:
        if not self.graded or feedback.correct is None:
            return feedback
        if revealed:
            return replace(feedback, credit=0.0, revealed=True,
                           message=f"{feedback.message} ({NO_CREDIT})")
        return replace(feedback, credit=feedback.score)

    def _save(self, action: str, **fields) -> None:
        if self._recorder is None:
            return
        from .. import progress

        self._recorder(progress.question_event(
            bank=self.bank, item=self.id, kind=self.kind, domain=self.domain, action=action,
            tries=self.tries, revealed=fields.pop("revealed", self.revealed), **fields))

    # --- a learner's saved work, back on screen -----------------------------------------------
    def restore(self, events: Iterable[dict]) -> None:
        """Replay saved records (oldest first) without saving them again."""
        for r in events:
            if r["action"] == "hint":
                self.hints_used += 1
            elif r["action"] == "reveal":
                self.revealed = True
            elif r["action"] == "submit":
                self._restore_submit(r)

    def _restore_submit(self, r: dict) -> None:
        """The record is the truth for what an answer earned; the message is written anew,
        unless the question has changed since (then the saved result stands, and says so)."""
        saved = (r.get("correct"), r.get("score"))
        stored, _ = self.read(r.get("answer"))
        feedback = None if stored is None else self.grade(stored)
        if feedback is not None and (feedback.correct, feedback.score) == saved:
            feedback = replace(self._with_credit(feedback, revealed=bool(r.get("revealed"))),
                               credit=r.get("credit"))
        else:
            answer = r.get("shown") or r.get("answer")
            feedback = Feedback(r.get("correct"), f"Your saved answer ({str(answer)[:80]}) was "
                                "graded when you gave it; the question has changed since, so "
                                "that result is kept.", r.get("score"), r.get("credit"),
                                bool(r.get("revealed")))
        self.attempts.append(feedback)
        if stored is not None:  # an answer the question can no longer show stays in the record
            self.last_answer = stored

    @property
    def last_feedback(self) -> Feedback | None:
        return self.attempts[-1] if self.attempts else None

    # --- rendering ----------------------------------------------------------------------------
    def label(self) -> str:
        parts = [self.label_text]
        if self.difficulty:
            parts.append(self.difficulty)
        return " · ".join(parts)

    def text(self, number: int | None = None) -> str:
        head = f"{number}. " if number is not None else ""
        lines = [f"{head}[{self.label_text}] {plain(self.prompt)}"]
        lines += [f"   {line}" for line in self.text_lines()]
        return "\n".join(lines)

    def static_html(self, number: int | None = None) -> str:
        """The question without a widget: its answer folded in a <details> (no hint: hints
        appear only when a learner asks, in the interactive version)."""
        return (
            f"<li class='lessons-q' id='q-{escape(self.id)}'>"
            f"<p><strong>{number or ''}{'.' if number else ''}</strong> {inline_html(self.prompt)}"
            f" <small>({escape(self.label())})</small></p>{self.static_body()}"
            f"<details><summary>Answer</summary>{self.answer_html()}</details></li>"
        )

    def cite_text(self) -> str:
        """'Based on: ...' built from the cited sources and article claims."""
        ids = [*self.cites.get("sources", []), *self.cites.get("claims", [])]
        from ..data import DataError
        from ..sources import cite

        try:
            note = cite(ids).short(limit=4)
        except DataError:  # an instructor's bank citing ids outside the data package
            note = "Source: " + ", ".join(ids)
        return note.replace("Source: ", "Based on: ", 1)

    def _result(self, ok: bool, detail: str = "", score: float | None = None) -> Feedback:
        if score is None:
            score = 1.0 if ok else 0.0
        head = f"{TICK} Correct." if ok else f"{CROSS} Not quite."
        return Feedback(ok, f"{head} {detail}".strip(), score)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id!r}: {plain(self.prompt)[:60]}>"
