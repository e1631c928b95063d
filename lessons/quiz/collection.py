"""A bank's questions together: checking a bank, the :class:`Quiz`, and its front-end hook.

    >>> quiz = Quiz.from_bank("02_trade")
    >>> q = quiz["trade-2020-level"]
    >>> q.submit("107.76").correct
    True

A quiz shows itself as a widget where a front end is registered (the notebook's
``from lessons import Quiz`` registers :mod:`lessons.widgets`), and everywhere as
readable static HTML with each answer folded in a ``<details>``, and a stable
text repr. A quiz loaded with saving on puts the learner's saved answers back:
each question as they left it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from html import escape
from pathlib import Path

from .. import progress, session
from ..banks import (
    ENVELOPE,
    BankError,
    Problem,
    bank_path,
    citation_problems,
    display,
    line_of,
    parse,
    validator,
)
from ..cache import fingerprint, remember, remembered
from .base import KINDS, Question

# --- the schema, from the kinds ------------------------------------------------------------

def bank_schema() -> dict:
    """The whole bank schema: the shared envelope plus each kind's own fields."""
    schema = json.loads(json.dumps(ENVELOPE))
    common = schema["$defs"]["common"]
    common["properties"]["type"] = {"enum": list(KINDS)}
    branches = [{"$ref": "#/$defs/common"}]
    for kind, cls in KINDS.items():
        branches.append({"if": {"properties": {"type": {"const": kind}}, "required": ["type"]},
                         "then": {"properties": cls.schema, "required": cls.required}})
    schema["$defs"]["question"] = {"allOf": branches, "unevaluatedProperties": False}
    return schema


def schema_text() -> str:
    """The schema as committed in ``lessons/schema/bank.schema.json`` (for editors and tools)."""
    return json.dumps(bank_schema(), indent=2, ensure_ascii=False) + "\n"


@cache
def _validator():
    return validator(bank_schema())


# --- checking a bank -----------------------------------------------------------------------

def check_bank(path: Path | str, *, check_sources: bool = True) -> list[Problem]:
    """Every problem with one bank file (empty list: the bank is fine)."""
    path = Path(path)
    shown = display(path)
    data, node, problems, _ = parse(path)
    if problems:
        return problems
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "nothing"
        return [Problem(shown, "-", f"the top level must be a mapping (bank:, title:, "
                                    f"questions:), not a {kind}", 1)]
    questions = data.get("questions") if isinstance(data.get("questions"), list) else []

    def qid(index) -> str:
        if isinstance(index, int) and index < len(questions) and isinstance(questions[index], dict):
            return str(questions[index].get("id", f"question {index + 1}"))[:60]
        return f"question {index + 1}" if isinstance(index, int) else "-"

    invalid: set[int] = set()
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        where = list(error.absolute_path)
        in_question = len(where) > 1 and where[0] == "questions"
        if in_question:
            invalid.add(where[1])
        q = qid(where[1]) if in_question else "-"
        field = ".".join(str(p) for p in where[2:]) if in_question else ".".join(map(str, where))
        message = error.message if len(error.message) < 300 else error.message[:297] + "..."
        problems.append(Problem(shown, q, f"{field + ': ' if field else ''}{message}",
                                line_of(node, where)))
    if isinstance(data.get("bank"), str) and data["bank"] != path.stem:
        problems.append(Problem(shown, "-", f"bank id {data['bank']!r} differs from the file "
                                            f"name {path.stem!r}", line_of(node, ["bank"])))
    seen: dict[str, int] = {}
    for i, q in enumerate(questions):
        if not isinstance(q, dict):
            continue
        line = line_of(node, ["questions", i])
        ident = qid(i)
        if ident in seen:
            problems.append(Problem(shown, ident, f"duplicate id (also question {seen[ident] + 1})",
                                    line))
        seen.setdefault(ident, i)
        if i in invalid or q.get("type") not in KINDS:
            continue  # the schema problems above come first; the rest needs a valid entry
        cls = KINDS[q["type"]]
        problems += [Problem(shown, ident, m, line) for m in cls.spec_problems(q)]
        if check_sources:
            problems += [Problem(shown, ident, m, line) for m in citation_problems(q["cites"])]
            problems += [Problem(shown, ident, m, line) for m in cls.data_problems(q)]
    return problems


def _bank_fingerprint(path: Path, raw: bytes) -> str:
    """Everything a bank's checks depend on: its text and name, the kinds, the data."""
    from .. import __version__
    from ..data import DataError, package_fingerprint

    try:
        data = package_fingerprint()
    except DataError as exc:
        data = f"no data: {exc}"
    return fingerprint(raw, path.name, schema_text(), __version__, data)


def read_bank(source: str | Path) -> dict:
    """A checked bank as a dict, by bank id or path; BankError if anything is wrong.

    A bank that passed every check is remembered by a fingerprint of everything the
    checks depend on (see :func:`_bank_fingerprint`), so opening the same notebook
    again does not pay for the full check; any change checks anew.
    """
    path = Path(source) if isinstance(source, Path) or str(source).endswith(".yaml") else (
        bank_path(str(source)))
    data, _, problems, raw = parse(path)
    if problems:
        raise BankError(problems)
    key = _bank_fingerprint(path, raw)
    if not remembered("checked-banks", key):
        problems = check_bank(path)
        if problems:
            raise BankError(problems)
        remember("checked-banks", key)
    return data


# --- the quiz ------------------------------------------------------------------------------

_FRONT_END: list[Callable[[Quiz], dict]] = []


def register_front_end(bundle: Callable[[Quiz], dict]) -> None:
    """Let a front end (the widgets) add its view to every quiz's display."""
    _FRONT_END[:] = [bundle]


class Quiz:
    """The questions of one bank, with a score summary and a static rendering."""

    def __init__(self, bank: Mapping, *, save_progress: bool = True, restore: bool | None = None):
        self.bank_id: str = bank["bank"]
        self.title: str = bank["title"]
        self.domain: str | None = bank.get("domain")
        self.notebook: str | None = bank.get("notebook")
        max_tries = int(bank.get("max_tries", 3))
        recorder = progress.save if save_progress else None
        self.questions: list[Question] = [
            KINDS[q["type"]](q, bank=self.bank_id, domain=self.domain, max_tries=max_tries,
                             recorder=recorder)
            for q in bank["questions"]
        ]
        if save_progress if restore is None else restore:
            self.restore()

    @classmethod
    def from_bank(cls, bank_id: str, *, only: Iterable[str] | None = None,
                  save_progress: bool = True) -> Quiz:
        """Load and check a bank by id (see :func:`list_banks`), optionally some questions."""
        bank = read_bank(bank_id)
        if only is not None:
            wanted = list(only)
            by_id = {q["id"]: q for q in bank["questions"]}
            unknown = [w for w in wanted if w not in by_id]
            if unknown:
                raise KeyError(f"bank {bank['bank']!r} has no question(s) {', '.join(unknown)}; "
                               f"it has {', '.join(by_id)}")
            bank = {**bank, "questions": [by_id[w] for w in wanted]}
        for q in bank["questions"]:
            session.note_cited([*q["cites"].get("sources", []), *q["cites"].get("claims", [])])
        return cls(bank, save_progress=save_progress)

    def restore(self) -> None:
        """Put the learner's saved answers, hints and reveals back into each question."""
        events = progress.events_for(self.bank_id)
        for q in self.questions:
            q.restore(events.get(q.id, []))

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
        """Points so far (saved and this session), in words."""
        graded = [q for q in self.questions if q.graded]
        tried = [q for q in graded if q.tries]
        points = sum(q.best_score or 0.0 for q in graded)
        earned = sum(1 for q in graded if any(f.correct and f.credit for f in q.attempts))
        return (f"Score: {points:.1f} of {len(graded)} points; {earned} of {len(graded)} "
                f"questions right, {len(tried)} tried.")

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
            f"<h3>Quiz: {escape(self.title)}</h3>"
            "<p><em>Interactive in JupyterLab; elsewhere, open <strong>Answer</strong> under "
            "each question to check yourself.</em></p>"
            f"<ol style='list-style:none;padding-left:0'>{items}</ol></div>"
        )

    def _repr_html_(self) -> str:
        return self.static_html()

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": repr(self), "text/html": self.static_html()}
        for front_end in _FRONT_END:
            bundle.update(front_end(self))
        return bundle


# --- version-1 progress: answers stored as positions become texts --------------------------

@cache
def _question(bank: str, item: str) -> Question | None:
    try:
        quiz = Quiz(read_bank(bank), save_progress=False)
        return quiz[item]
    except (BankError, KeyError):
        return None


def _migrate(record: dict) -> dict:
    q = _question(record["bank"], record["item"])
    if q is None:
        return record
    stored, _ = q.read(record.get("answer"))
    if stored is None:
        return record
    return {**record, "answer": stored, "shown": q.shown(stored)}


progress.register_migrator(_migrate)


def describe_item(bank: str, item: str) -> tuple[str, str]:
    """A question's prompt and correct answer in words (or a Try-it task's), for exports."""
    from ..markup import plain

    q = _question(bank, item)
    if q is not None:
        return plain(q.prompt), plain(q.answer_text())
    from ..tasks import for_notebook

    task = next((t for t in for_notebook(bank) if t.name == item), None)
    if task is not None:
        return plain(task.prompt), "see the model solution (task.solution())"
    return "", ""

__all__ = ["Quiz", "bank_schema", "check_bank", "describe_item", "read_bank", "register_front_end"]
