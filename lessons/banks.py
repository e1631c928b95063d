"""Question banks: YAML files an instructor can write, read safely and checked.

A bank lives in ``lessons/banks/<bank-id>.yaml`` (documented, with an example of
every question kind, in ``lessons/banks/README.md``). This module reads the YAML
(safe types only, YAML 1.2 booleans, no duplicate keys, aliases within a small
budget, a size cap), holds the part of the schema every question shares
(:data:`ENVELOPE`), and checks what a bank cites against the source register.
Each question kind adds its own schema and checks (see :mod:`lessons.quiz`);
``lessons.quiz.check_bank`` puts them together. Problems read
``file:line: question-id: problem``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

BANK_DIR = Path(__file__).resolve().parent / "banks"
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "bank.schema.json"
MAX_BANK_BYTES = 1_000_000
MAX_NODES = 50_000        # YAML nodes after expanding aliases (a bank of 100 questions uses ~5,000)

DOMAINS = ["diplomacy", "economy", "finance", "infrastructure", "energy", "technology", "space",
           "aerospace", "arms", "exercises", "cyber", "frictions", "sources"]

# The schema every bank and question shares; each kind adds its own fields.
ENVELOPE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://example.invalid/lessons/bank.schema.json",
    "title": "Question bank",
    "description": ("One YAML file per notebook in lessons/banks/. See lessons/banks/README.md for "
                    "a worked example of every question type. Generated from the question kinds "
                    "by `lessons schema --write`: do not edit by hand."),
    "type": "object",
    "required": ["bank", "title", "questions"],
    "additionalProperties": False,
    "properties": {
        "bank": {"type": "string", "pattern": "^[0-9a-z_]+$",
                 "description": "Bank id; equals the file name without .yaml."},
        "title": {"type": "string", "minLength": 1, "maxLength": 200},
        "notebook": {"type": "string", "description": "The notebook that uses this bank."},
        "domain": {"$ref": "#/$defs/domain"},
        "max_tries": {"type": "integer", "minimum": 1, "maximum": 100,
                      "description": "Wrong tries before the answer is revealed (default 3)."},
        "questions": {"type": "array", "minItems": 1, "maxItems": 500,
                      "items": {"$ref": "#/$defs/question"}},
    },
    "$defs": {
        "domain": {"enum": DOMAINS},
        "text": {"type": "string", "minLength": 1, "maxLength": 4000},
        "cites": {
            "type": "object", "additionalProperties": False, "minProperties": 1,
            "description": ("What the explanation rests on: source ids (seeds/sources.csv) "
                            "and/or claim ids (seeds/claims.csv)."),
            "properties": {
                "sources": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                "claims": {"type": "array", "minItems": 1,
                           "items": {"type": "string", "pattern": "^c[0-9]{3}[a-z]+$"}},
            },
        },
        "common": {
            "type": "object",
            "required": ["id", "type", "prompt", "explanation", "cites"],
            "properties": {
                "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$", "maxLength": 60},
                "prompt": {"$ref": "#/$defs/text"},
                "explanation": {"$ref": "#/$defs/text"},
                "cites": {"$ref": "#/$defs/cites"},
                "hint": {"$ref": "#/$defs/text"},
                "difficulty": {"enum": ["easy", "medium", "hard"]},
                "tags": {"type": "array", "items": {"type": "string"}},
                "domain": {"$ref": "#/$defs/domain"},
            },
        },
    },
}


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
    ok = isinstance(bank_id, str) and re.fullmatch(r"[0-9a-z_]+", bank_id)
    path = BANK_DIR / f"{bank_id}.yaml"
    if not ok or not path.is_file():
        known = ", ".join(list_banks()) or "(none)"
        raise BankError([Problem(str(bank_id)[:80], "-", f"no such bank; available: {known}")])
    return path


def display(path: Path) -> str:
    """A bank's path as an instructor would recognise it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(BANK_DIR.parent.parent).as_posix()
        except ValueError:
            return str(path)


# --- safe YAML -----------------------------------------------------------------------------

class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML (libyaml when available) with YAML 1.2 booleans (only true/false, so an
    option "No" stays text) and no duplicate keys."""

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                continue  # merge keys may repeat what they merge; other keys are refused below
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, bool):
                key = str(key).lower()  # `true:` in a feedback map means the answer 'true'
            first = seen.get(key)
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first on line {first})",
                    key_node.start_mark)
            seen[key] = key_node.start_mark.line + 1
        mapping = super().construct_mapping(node, deep=deep)
        return {(str(k).lower() if isinstance(k, bool) else k): v for k, v in mapping.items()}


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _Loader.yaml_implicit_resolvers.setdefault(_first, []).append(
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"))
    )


def _expanded_size(node: yaml.Node, memo: dict[int, int], depth: int = 0) -> int:
    """How many nodes the document has once every alias is copied out (cheap to count)."""
    key = id(node)
    if key in memo:
        return memo[key]
    if depth > 100:
        return MAX_NODES + 1
    memo[key] = MAX_NODES + 1  # a node that contains itself counts as too big
    if isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(n, memo, depth + 1) for n in node.value)
    elif isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, memo, depth + 1) + _expanded_size(v, memo, depth + 1)
                       for k, v in node.value)
    else:
        size = 1
    memo[key] = min(size, MAX_NODES + 1)
    return memo[key]


class YamlProblem(ValueError):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def load_yaml(text: str):
    """Parse bank YAML the way the course does; :class:`YamlProblem` on anything unsafe."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        if _expanded_size(node, {}) > MAX_NODES:
            raise YamlProblem(f"expands to more than {MAX_NODES:,} values (aliases that "
                              "repeat aliases?); write the bank out plainly", node.start_mark.line + 1)
        return loader.construct_document(node), node
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        lines = text.splitlines()
        bad = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
        hint = (" (YAML indentation must use spaces, not tabs)"
                if "\t" in bad[: len(bad) - len(bad.lstrip())] or "\\t" in str(exc) else "")
        raise YamlProblem(f"is not valid YAML: {problem}{hint}",
                          mark.line + 1 if mark is not None else None) from None
    except RecursionError:
        raise YamlProblem("is nested too deeply to be a bank") from None
    finally:
        loader.dispose()


def parse(path: Path) -> tuple[object, yaml.Node | None, list[Problem], bytes]:
    """``(data, root node, problems, raw bytes)`` for one bank file."""
    shown = display(path)
    try:
        size = path.stat().st_size
        if size > MAX_BANK_BYTES:
            return None, None, [Problem(shown, "-", f"is too large ({size:,} bytes; at most "
                                                    f"{MAX_BANK_BYTES:,}) for a bank")], b""
        raw = path.read_bytes()
    except OSError as exc:
        return None, None, [Problem(shown, "-", f"cannot be read ({exc.strerror or exc})")], b""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, None, [Problem(shown, "-", "is not UTF-8 text (binary data?)", line)], raw
    if not text.strip():
        return None, None, [Problem(shown, "-", "is empty; expected a mapping with bank, title "
                                                "and questions")], raw
    try:
        data, node = load_yaml(text)
    except YamlProblem as exc:
        return None, None, [Problem(shown, "-", str(exc), exc.line)], raw
    return data, node, [], raw


def line_of(node: yaml.Node | None, path) -> int | None:
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


def validator(schema: dict):
    if "jsonschema" not in sys.modules:
        # jsonschema imports an optional IRI grammar (rfc3987_syntax) for a format check the
        # bank schema never uses; building it takes about a second of every notebook's start.
        sys.modules.setdefault("rfc3987_syntax", None)
    import jsonschema

    return jsonschema.Draft202012Validator(schema)


def citation_problems(cites: dict) -> list[str]:
    """Cited source and claim ids that are not in the provenance register."""
    from .data import DataError, table

    try:
        sources = set(table("sources")["source_id"].astype(str))
        claims = set(table("claims")["claim_id"].astype(str))
    except DataError as exc:
        return [f"cannot check citations: {exc}"]
    out = [f"cites source {s!r}, which is not in seeds/sources.csv"
           for s in cites.get("sources") or [] if s not in sources]
    out += [f"cites claim {c!r}, which is not in seeds/claims.csv"
            for c in cites.get("claims") or [] if c not in claims]
    return out

