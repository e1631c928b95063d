"""Prose that cannot drift: every number in a notebook's Markdown or a teacher guide must be
found in the data, the claims, the notebook's own outputs or the quiz answers.

``check_prose()`` reads each course notebook and its guide, finds the numbers in the text a
person wrote (code spans, links, HTML tags and outputs are not prose), and returns one
:class:`Drift` for each number that matches nothing. A number matches a value when the value,
rounded to the number of decimals the prose gives, equals it: "about 245bn" matches 244.81,
"1.9%" matches 1.88. What needs no match is listed once, in :data:`ALLOWED`, each rule with
its reason.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .data import data_dir

#: What a number in prose may be without matching any value, with the reason for each rule.
ALLOWED = {
    "year": "a four-digit year from 1900 to 2099 is a date, not a figure",
    "label": "a number right after paragraph, section, notebook, task, question, step, claim, "
             "chapter, prompt, part or tier names a place, not a quantity",
    "time": "minutes in a lesson plan (\"10 minutes\", \"20–30\" in a plan's time column)",
    "list": "a heading or list number at the start of a line (\"## 2.\", \"3. \")",
    "ordinal": "an ordinal word (21st, 4th) counts events; the count itself is checked where "
               "it is a figure",
    "small": "the whole numbers 0 to 3, which prose uses as words (\"one of 2 rows\")",
}

_LABEL_WORDS = (r"paragraphs?|paras?\.?|sections?|notebooks?|tasks?|questions?|steps?|claims?|"
                r"chapters?|prompts?|parts?|tiers?|vintage|week|weeks|day|days|nos?\.?|#")
_NUMBER = re.compile(r"(?<![\w.])(\d+)(st|nd|rd|th)\b|(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d]|\.\d)")
_STRIP = [
    re.compile(r"```.*?```", re.S),            # fenced code
    re.compile(r"`[^`\n]*`"),                   # code spans (ids, column names, code)
    re.compile(r"<!--.*?-->", re.S),            # comments
    re.compile(r"<[^>\n]+>"),                   # HTML tags
    re.compile(r"\]\([^)\s]*\)"),               # link targets
    re.compile(r"https?://\S+"),                # bare URLs
    re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b"),  # snake_case ids outside backticks
    re.compile(r"\b[cC]\d{3}[a-z]\b"),           # claim ids outside backticks
    re.compile(r"\b\d{1,2}:\d{2}\b"),            # clock times
    re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b"),  # ISO dates
]


@dataclass(frozen=True)
class Drift:
    """A number in prose that matches nothing it should come from."""

    file: str
    line: int
    number: str
    context: str

    def __str__(self) -> str:
        return (f"{self.file}:{self.line}: {self.number!r} matches no value in the data, "
                f"claims or outputs: …{self.context}…")


def _clean(text: str) -> str:
    for pattern in _STRIP:
        text = pattern.sub(lambda m: " " * len(m.group(0)) if "\n" not in m.group(0)
                           else re.sub(r"[^\n]", " ", m.group(0)), text)
    return text


def numbers_in(text: str) -> list[tuple[int, str, str, str]]:
    """(line, number as written, why it is allowed or "", context) for each number in prose."""
    found = []
    cleaned = _clean(text)
    for lineno, line in enumerate(cleaned.split("\n"), start=1):
        for m in _NUMBER.finditer(line):
            if m.group(1):                                     # an ordinal such as 21st
                found.append((lineno, m.group(1), "ordinal", line[max(0, m.start() - 30):m.end() + 30]))
                continue
            written = m.group(3) + (m.group(4) or "")
            before, after = line[:m.start()], line[m.end():]
            found.append((lineno, written, _allowed(written, before, after),
                          line[max(0, m.start() - 40):m.end() + 40].strip()))
    return found


def _allowed(written: str, before: str, after: str) -> str:
    plain = written.replace(",", "")
    if re.fullmatch(r"(19|20)\d\d", plain):
        return "year"
    if re.search(rf"\b(?:{_LABEL_WORDS})\s*$", before, re.I) or re.search(
            rf"\b(?:{_LABEL_WORDS})\s+(?:\d+\s*(?:,|and|or|to|–|-)\s*)+$", before, re.I):
        return "label"
    if re.match(r"\s*(?:[–-]\s*\d+\s*)?(?:min\b|minutes?\b)", after):
        return "time"
    if re.fullmatch(r"\s*(?:#+\s*)?", before) and re.match(r"\.(\s|$)", after):
        return "list"
    if re.fullmatch(r"\s*\|\s*", before) and re.match(r"\s*[–-]\s*\d+\s*\|", after):
        return "time"                                          # "| 10–20 |" plan rows
    if re.fullmatch(r"\s*\|\s*\d+\s*[–-]\s*", before):
        return "time"
    if "." not in plain and int(plain) <= 3:
        return "small"
    return ""


# --- the values prose may quote ----------------------------------------------------------------

def _numbers_from_text(text: str) -> set[Decimal]:
    out = set()
    for m in re.finditer(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?", text):
        try:
            out.add(Decimal(m.group(0).replace(",", "")))
        except ArithmeticError:
            continue
    return out


def data_values(directory: Path | None = None) -> set[Decimal]:
    """Every number in the data tables and the claims (cells and the notes beside them)."""
    directory = directory or data_dir()
    values: set[Decimal] = set()
    for path in sorted(directory.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.reader(f):
                for cell in row:
                    values |= _numbers_from_text(cell)
    return values


def output_values(notebook: dict) -> set[Decimal]:
    """Every number the notebook's saved outputs show (text, tables and printed lines)."""
    values: set[Decimal] = set()
    for cell in notebook.get("cells", []):
        for out in cell.get("outputs", []):
            texts = [out.get("text", "")]
            data = out.get("data", {})
            texts += [data.get(k, "") for k in ("text/plain", "text/markdown", "text/html")]
            for t in texts:
                values |= _numbers_from_text("".join(t) if isinstance(t, list) else str(t))
    return values


def matches(written: str, values: set[Decimal]) -> bool:
    """True when some value, rounded to the decimals written, equals the number in prose."""
    number = Decimal(written.replace(",", ""))
    exponent = number.as_tuple().exponent
    quantum = Decimal(1).scaleb(exponent) if exponent < 0 else Decimal(1)
    for v in values:
        if v.quantize(quantum, rounding=ROUND_HALF_UP) == number or -v == number:
            return True
    return False


def task_values() -> dict[str, set[Decimal]]:
    """Per notebook: each Try-it task's computed answer, and the slips its notes describe.

    A task's note may quote the answer and the mistakes its checker warns about: the answer
    as a fraction instead of a percentage (or the reverse), the ratio taken the wrong way
    round, a factor of 1,000 left out. All are computed here from the model solution.
    """
    import importlib
    import pkgutil

    from . import tasks

    out: dict[str, set[Decimal]] = {}
    for info in pkgutil.iter_modules(tasks.__path__):
        module = importlib.import_module(f"{tasks.__name__}.{info.name}")
        for name, task in vars(module).items():
            if not (name.startswith("task") and hasattr(task, "expected") and hasattr(task, "notebook")):
                continue
            answer = task.expected()
            found = _numbers_from_text(str(list(answer) if hasattr(answer, "__iter__")
                                           and not isinstance(answer, str) else answer))
            if isinstance(answer, (int, float)) and not isinstance(answer, bool) and answer:
                found |= {Decimal(repr(float(x))) for x in
                          (answer * 100, answer / 100, 1 / answer, answer / 1000)}
            out.setdefault(task.notebook, set()).update(found)
    return out


def _markdown_of(notebook: dict) -> str:
    return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                     for c in notebook.get("cells", []) if c.get("cell_type") == "markdown")


def check_text(text: str, values: set[Decimal], shown: str) -> list[Drift]:
    """The numbers in ``text`` that are neither allowed nor found in ``values``."""
    return [Drift(shown, line, written, context)
            for line, written, why, context in numbers_in(text)
            if not why and not matches(written, values)]


def check_prose(root: Path, extra_values: dict[str, set[Decimal]] | None = None) -> list[Drift]:
    """Check every course notebook's Markdown and its teacher guide against the data.

    ``extra_values`` maps a notebook stem (``02_trade``) to further values its prose may
    quote, such as the computed answers of its Try-it tasks and numeric quiz questions.
    """
    base = data_values(root / "data")
    drifts: list[Drift] = []
    for path in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        values = base | output_values(notebook) | (extra_values or {}).get(path.stem, set())
        drifts += check_text(_markdown_of(notebook), values, f"notebooks/{path.name}")
        guide = root / "lessons" / "guides" / f"{path.stem}.md"
        if guide.exists():
            drifts += check_text(guide.read_text(encoding="utf-8"), values,
                                 f"lessons/guides/{guide.name}")
    return drifts
