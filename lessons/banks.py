"""Question banks: YAML files an instructor can write, checked against a schema.

A bank lives in ``lessons/banks/<bank-id>.yaml``; its format is the JSON Schema
in ``lessons/schema/bank.schema.json`` (documented with an example of every
question type in ``lessons/banks/README.md``). :func:`check_bank` finds every
problem at once and reports each as ``file: question-id: problem`` (with the
line where it can); :func:`read_bank` raises :class:`BankError` listing them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

BANK_DIR = Path(__file__).resolve().parent / "banks"
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "bank.schema.json"
MAX_BANK_BYTES = 2_000_000


class BankError(ValueError):
    """A question bank cannot be used; the message lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Problem:
    file: str
    question: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.question}: {self.message}"


def list_banks(directory: Path | None = None) -> list[str]:
    """The ids of the banks shipped with the course (file names without .yaml)."""
    return sorted(p.stem for p in (directory or BANK_DIR).glob("*.yaml"))


def bank_path(bank_id: str) -> Path:
    """Where the bank with this id lives; BankError naming the known ones if none."""
    path = BANK_DIR / f"{bank_id}.yaml"
    if not isinstance(bank_id, str) or "/" in bank_id or not path.is_file():
        known = ", ".join(list_banks()) or "(none)"
        raise BankError([Problem(str(bank_id), "-", f"no such bank; available: {known}")])
    return path


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML (libyaml when available) with YAML 1.2 booleans: only true/false, so an
    option "No" stays text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _Loader.yaml_implicit_resolvers.setdefault(_first, []).append(
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )


def _string_keys(value):
    """Mapping keys as text: `true:` in a feedback map means the answer 'true'."""
    if isinstance(value, dict):
        return {(str(k).lower() if isinstance(k, bool) else k): _string_keys(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_string_keys(v) for v in value]
    return value


def load_yaml(text: str):
    """Parse bank YAML the way the course does (safe, YAML 1.2 booleans)."""
    return _string_keys(yaml.load(text, Loader=_Loader))  # noqa: S506 - a SafeLoader subclass


@cache
def _schema_validator():
    if "jsonschema" not in sys.modules:
        # jsonschema imports an optional IRI grammar (rfc3987_syntax) for a format check the
        # bank schema never uses; building it takes about a second of every notebook's start.
        sys.modules.setdefault("rfc3987_syntax", None)
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(BANK_DIR.parent.parent).as_posix()
        except ValueError:
            return str(path)


def _parse(path: Path, shown: str) -> tuple[object, yaml.Node | None, list[Problem]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, None, [Problem(shown, "-", f"cannot be read ({exc.strerror or exc})")]
    if len(raw) > MAX_BANK_BYTES:
        return None, None, [Problem(shown, "-", f"is too large ({len(raw)} bytes) for a bank")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, None, [Problem(shown, "-", "is not UTF-8 text (binary data?)", line)]
    if not text.strip():
        return None, None, [Problem(shown, "-", "is empty; expected a mapping with bank, title "
                                                "and questions")]
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + 1 if mark is not None else None
        hint = ""
        bad_line = text.splitlines()[mark.line] if mark is not None and mark.line < len(
            text.splitlines()) else ""
        if "\t" in bad_line[: len(bad_line) - len(bad_line.lstrip())] or "\\t" in str(exc):
            hint = " (YAML indentation must use spaces, not tabs)"
        return None, None, [Problem(shown, "-", f"is not valid YAML: {problem}{hint}", line)]
    return data, node, []


def _line(node: yaml.Node | None, path) -> int | None:
    """The line (1-based) of the YAML node at a JSON path, as near as can be found."""
    best = node.start_mark.line + 1 if node is not None else None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            match = node.value[key]
        else:
            match = None
        if match is None:
            break
        node = match
        best = node.start_mark.line + 1
    return best


def check_bank(path: Path | str, *, check_sources: bool = True) -> list[Problem]:
    """Every problem with one bank file (empty list: the bank is fine)."""
    path = Path(path)
    shown = _display(path)
    data, node, problems = _parse(path, shown)
    if problems:
        return problems
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "nothing"
        return [Problem(shown, "-", f"the top level must be a mapping (bank:, title:, "
                                    f"questions:), not a {kind}", 1)]
    questions = data.get("questions") if isinstance(data.get("questions"), list) else []

    def qid(index) -> str:
        if isinstance(index, int) and index < len(questions) and isinstance(questions[index], dict):
            return str(questions[index].get("id", f"question {index + 1}"))
        return f"question {index + 1}" if isinstance(index, int) else "-"

    for error in sorted(_schema_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        where = list(error.absolute_path)
        q = qid(where[1]) if len(where) > 1 and where[0] == "questions" else "-"
        field = ".".join(str(p) for p in where[2:]) if q != "-" else ".".join(map(str, where))
        message = error.message if len(error.message) < 300 else error.message[:297] + "..."
        problems.append(Problem(shown, q, f"{field + ': ' if field else ''}{message}",
                                _line(node, where)))
    if data.get("bank") and data["bank"] != path.stem:
        problems.append(Problem(shown, "-", f"bank id {data['bank']!r} differs from the file "
                                            f"name {path.stem!r}", _line(node, ["bank"])))
    seen: dict[str, int] = {}
    for i, q in enumerate(questions):
        if not isinstance(q, dict):
            continue
        line = _line(node, ["questions", i])
        ident = str(q.get("id", f"question {i + 1}"))
        if ident in seen:
            problems.append(Problem(shown, ident, f"duplicate id (also question {seen[ident] + 1})",
                                    line))
        seen.setdefault(ident, i)
        problems += [Problem(shown, ident, m, line) for m in _semantic_problems(q)]
        if check_sources and isinstance(q.get("cites"), dict):
            problems += [Problem(shown, ident, m, line) for m in _citation_problems(q["cites"])]
        if check_sources and q.get("type") == "numeric" and isinstance(q.get("check"), dict):
            problems += [Problem(shown, ident, m, line) for m in _data_check_problems(q)]
    return problems


def _semantic_problems(q: dict) -> list[str]:
    kind = q.get("type")
    out = []
    if kind in ("single", "multiple") and isinstance(q.get("options"), list):
        opts = [o for o in q["options"] if isinstance(o, dict)]
        n_correct = sum(1 for o in opts if o.get("correct") is True)
        texts = [str(o.get("text", "")).strip().casefold() for o in opts]
        if kind == "single" and n_correct != 1:
            out.append(f"a single-choice question needs exactly one correct option "
                       f"(found {n_correct})")
        if kind == "multiple" and n_correct == 0:
            out.append("no option is marked correct: true")
        if len(set(texts)) != len(texts):
            out.append("two options have the same text")
    if kind == "ordering" and isinstance(q.get("items"), list):
        items = [str(i).strip().casefold() for i in q["items"]]
        if len(set(items)) != len(items):
            out.append("two items have the same text")
    if kind == "matching" and isinstance(q.get("pairs"), list):
        pairs = [p for p in q["pairs"] if isinstance(p, dict)]
        lefts = [str(p.get("left", "")).strip().casefold() for p in pairs]
        rights = [str(p.get("right", "")).strip().casefold() for p in pairs]
        if len(set(lefts)) != len(lefts):
            out.append("two pairs have the same left-hand text")
        if len(set(rights)) != len(rights):
            out.append("two pairs have the same right-hand text")
    return out


def _citation_problems(cites: dict) -> list[str]:
    from .data import DataError, table

    out = []
    try:
        sources = set(table("sources")["source_id"].astype(str))
        claims = set(table("claims")["claim_id"].astype(str))
    except DataError as exc:
        return [f"cannot check citations: {exc}"]
    for s in cites.get("sources") or []:
        if s not in sources:
            out.append(f"cites source {s!r}, which is not in seeds/sources.csv")
    for c in cites.get("claims") or []:
        if c not in claims:
            out.append(f"cites claim {c!r}, which is not in seeds/claims.csv")
    return out


def _data_check_problems(q: dict) -> list[str]:
    """A numeric answer that names its dataset must agree with it."""
    from .data import DataError
    from .data import table as dataset

    check = q["check"]
    try:
        table = dataset(check["dataset"])
    except DataError as exc:
        return [f"check: {exc}"]
    if check["column"] not in table.columns:
        return [f"check: dataset {check['dataset']!r} has no column {check['column']!r}"]
    mask = None
    for col, want in check["where"].items():
        if col not in table.columns:
            return [f"check: dataset {check['dataset']!r} has no column {col!r}"]
        if isinstance(want, bool | int | float):
            hit = (table[col] == want).fillna(False).astype(bool)
        else:
            hit = table[col].astype(str) == str(want)
        mask = hit if mask is None else mask & hit
    values = table.loc[mask.fillna(False), check["column"]].dropna()
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
    else:
        if values.empty:
            return [f"check: no rows of {check['dataset']!r} match {check['where']}"]
        expected = float(getattr(values.astype(float), how)())
    answer = float(q["answer"])
    tol = q.get("tolerance", {})
    allowed = tol.get("absolute", 0) + abs(expected) * tol.get("relative", 0)
    if abs(answer - expected) > max(allowed, 1e-9):
        return [f"answer {answer:g} disagrees with {check['dataset']}.{check['column']} = "
                f"{expected:g} (where {check['where']})"]
    return []


def read_bank(source: str | Path) -> dict:
    """A checked bank as a dict, by bank id or path; BankError if anything is wrong.

    A bank that passed every check is remembered by a fingerprint of its text, the
    schema and the data package (see :func:`_fingerprint`), so opening the same
    notebook again does not pay for the full check; any change to them checks anew.
    """
    path = Path(source) if isinstance(source, Path) or str(source).endswith(".yaml") else (
        bank_path(str(source))
    )
    try:
        raw = path.read_bytes()
    except OSError:
        raw = b""
    fingerprint = _fingerprint(raw) if raw else None
    if fingerprint is None or fingerprint not in _checked():
        problems = check_bank(path)
        if problems:
            raise BankError(problems)
        if fingerprint is not None:
            _remember(fingerprint)
    return load_yaml(raw.decode("utf-8-sig"))


# --- a small cache of banks known to pass their checks -------------------------------------

CACHE_ENV = "LESSONS_CACHE_DIR"


def _cache_file() -> Path | None:
    raw = os.environ.get(CACHE_ENV, "").strip()
    if raw.lower() == "off":
        return None
    return (Path(raw) if raw else Path(sys.prefix) / "var" / "lessons") / "checked-banks.json"


def _fingerprint(raw: bytes) -> str:
    """The bank's text, the schema, the library version and the data package's files."""
    from . import __version__
    from .data import data_dir

    digest = hashlib.sha256(raw)
    digest.update(SCHEMA_PATH.read_bytes())
    digest.update(__version__.encode())
    root = data_dir()
    digest.update(str(root.resolve()).encode())
    for item in sorted(root.glob("*")):
        try:
            st = item.stat()  # follows links: seeds/sources.csv and claims.csv count
        except OSError:
            continue
        digest.update(f"{item.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return digest.hexdigest()


def _checked() -> set[str]:
    path = _cache_file()
    try:
        return set(json.loads(path.read_text(encoding="utf-8"))) if path else set()
    except (OSError, ValueError, TypeError):
        return set()


def _remember(fingerprint: str) -> None:
    path = _cache_file()
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        known = sorted(_checked() | {fingerprint})[-500:]
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(known, handle)
        os.replace(tmp, path)
    except OSError:  # a read-only environment: no cache, just a full check each time
        pass
