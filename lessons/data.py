"""Load the course's data package: typed tables, checked against their schema.

The data package is ``data/datapackage.json`` (Frictionless Data Package) in the
course (the repository's ``data/``, or the copy an installed wheel carries: see
:mod:`lessons.course`), or the folder named by the environment variable
``LESSONS_DATA_DIR`` (an instructor's own package). The whole package is validated by Frictionless
(types, enums, required cells, patterns, ranges, primary and foreign keys:
``source_id`` must be in the source register, ``claim_id`` in the claims) before
a table is used, and a package that passed is remembered by a fingerprint of its
files (:mod:`lessons.cache`), so Frictionless runs once per change, not per
notebook. Anything wrong raises :class:`DataError` naming the file, row and
column; ``lessons validate --data DIR`` lists every problem, the first of them
in the same words.

Row numbers follow Frictionless: the header is row 1, the first data row is row 2.

    >>> trade = load_dataset("trade_annual")
    >>> trade[trade.preferred].plot(x="year", y="total_usd_bn")
"""

from __future__ import annotations

import io
import json
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from . import session
from .course import COURSE_ROOT

DATA_ENV = "LESSONS_DATA_DIR"
PROJECT_ROOT = COURSE_ROOT  # the repository, or the course folder inside an installed wheel
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"

_INT = re.compile(r"[+-]?\d+")
_TRUE = {"true", "True", "TRUE", "1", "yes"}
_FALSE = {"false", "False", "FALSE", "0", "no"}


class DataError(ValueError):
    """A data file or the data package description is not as its schema says.

    The message names the file, and where it can the row and column:
    ``data/trade_annual.csv row 14, column 'total_usd_bn': 'abc' is not a number``.
    """


def display_path(path: Path) -> str:
    """A path as a learner would recognise it: relative to the project where possible."""
    path = Path(path)
    for base in (PROJECT_ROOT, Path.cwd()):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


def data_dir() -> Path:
    """The folder holding ``datapackage.json``: ``$LESSONS_DATA_DIR`` or the project's ``data/``."""
    raw = os.environ.get(DATA_ENV, "").strip()
    return Path(raw).expanduser() if raw else DEFAULT_DATA_DIR


@dataclass(frozen=True)
class Package:
    """A parsed ``datapackage.json``: resource descriptors by name."""

    root: Path
    descriptor: dict

    @cached_property
    def resources(self) -> dict[str, dict]:
        return {r["name"]: r for r in self.descriptor.get("resources", [])}

    def resource(self, name: str) -> dict:
        try:
            return self.resources[name]
        except (KeyError, TypeError):
            available = ", ".join(sorted(self.resources)) or "(none)"
            raise DataError(
                f"no dataset called {name!r} in {display_path(self.root / 'datapackage.json')}; "
                f"available: {available}"
            ) from None


_PACKAGES: dict[tuple, Package] = {}
_TABLES: dict[tuple, pd.DataFrame] = {}


def _stamp(path: Path) -> tuple:
    st = path.stat()
    return (str(path.resolve()), st.st_mtime_ns, st.st_size)


def package(directory: Path | None = None) -> Package:
    """Read (once per change of the file) the data package description."""
    root = Path(directory) if directory is not None else data_dir()
    path = root / "datapackage.json"
    if not path.is_file():
        hint = (
            f" ({DATA_ENV} is set to {os.environ[DATA_ENV]!r})"
            if os.environ.get(DATA_ENV)
            else ""
        )
        raise DataError(f"{display_path(path)}: no data package description found{hint}")
    key = _stamp(path)
    if key not in _PACKAGES:
        try:
            descriptor = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise DataError(f"{display_path(path)}: not UTF-8 text ({exc.reason})") from None
        except json.JSONDecodeError as exc:
            raise DataError(
                f"{display_path(path)} line {exc.lineno}, column {exc.colno}: "
                f"not valid JSON ({exc.msg})"
            ) from None
        if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
            raise DataError(f"{display_path(path)}: expected an object with a 'resources' list")
        _PACKAGES[key] = Package(root, descriptor)
    return _PACKAGES[key]


def package_fingerprint(directory: Path | None = None) -> str:
    """A digest of the data package's description and every file it names (their content)."""
    import hashlib

    pkg = package(directory)
    digest = hashlib.sha256((pkg.root / "datapackage.json").read_bytes())
    for name in sorted(pkg.resources):
        path = _resource_path(pkg, pkg.resources[name])
        digest.update(name.encode("utf-8"))
        digest.update(path.read_bytes() if path.is_file() else b"(missing)")
    return digest.hexdigest()


def list_datasets() -> pd.DataFrame:
    """The datasets in the package: name, title, what one row is, and its columns."""
    pkg = package()
    _ensure_valid(pkg)
    rows = []
    for name, res in pkg.resources.items():
        fields = res.get("schema", {}).get("fields", [])
        rows.append(
            {
                "name": name,
                "title": res.get("title", ""),
                "description": res.get("description", ""),
                "columns": len(fields),
            }
        )
    return pd.DataFrame(rows).set_index("name")


def describe_dataset(name: str) -> pd.DataFrame:
    """The columns of one dataset: type, unit and meaning, from the schema."""
    pkg = package()
    _ensure_valid(pkg)
    res = pkg.resource(name)
    rows = [
        {
            "column": f["name"],
            "type": f.get("type", "string"),
            "unit": f.get("unit", ""),
            "description": f.get("description", ""),
        }
        for f in res.get("schema", {}).get("fields", [])
    ]
    return pd.DataFrame(rows).set_index("column")


def _resource_path(pkg: Package, res: dict) -> Path:
    path = pkg.root / res.get("path", f"{res['name']}.csv")
    # A checkout without symlink support stores a link as a one-line text file
    # holding its target: follow it, so sources.csv -> ../seeds/sources.csv works.
    if path.is_file() and path.stat().st_size < 200:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        if "\n" not in text and text.endswith(".csv") and "," not in text:
            target = (path.parent / text).resolve()
            if target.is_file():
                return target
    return path


def load_dataset(name: str) -> pd.DataFrame:
    """One dataset as a typed DataFrame, checked against its schema.

    Dates and years become numbers or timestamps, enums become ordered categories,
    booleans become pandas booleans; empty cells are missing values. The table is
    parsed once per session (and again only if its file changes); each call
    returns a fresh copy, so changing it cannot affect other cells.
    """
    if not isinstance(name, str):
        raise DataError(f"dataset names are strings such as 'trade_annual', not {name!r}")
    pkg = package()
    table = _load(pkg, name, ()).copy()
    session.note_loaded(name)
    return table


def table(name: str) -> pd.DataFrame:
    """A dataset for the library's own look-ups: shared (do not modify), not counted as used."""
    return _load(package(), name, ())


def _load(pkg: Package, name: str, chain: tuple) -> pd.DataFrame:
    res = pkg.resource(name)
    path = _resource_path(pkg, res)
    shown = display_path(path)
    if not path.is_file():
        raise DataError(
            f"{shown}: file missing for dataset {name!r} "
            f"(data package in {display_path(pkg.root)})"
        )
    key = (*_stamp(path), name, str(pkg.root))
    if key in _TABLES:
        return _TABLES[key]
    raw = _read_csv(path, shown)
    schema = res.get("schema") or {}
    fields = schema.get("fields") or []
    if not fields:
        raise DataError(f"{shown}: dataset {name!r} has no schema fields in datapackage.json")
    expected = [f["name"] for f in fields]
    missing = [c for c in expected if c not in raw.columns]
    extra = [c for c in raw.columns if c not in expected]
    if missing or extra:
        parts = []
        if missing:
            parts.append("missing column(s) " + ", ".join(repr(c) for c in missing))
        if extra:
            parts.append("unexpected column(s) " + ", ".join(repr(c) for c in extra))
        raise DataError(f"{shown}: " + "; ".join(parts) + " (see datapackage.json)")
    _ensure_valid(pkg)
    missing_values = set(schema.get("missingValues", [""]))
    table = pd.DataFrame(
        {f["name"]: _convert(raw[f["name"]], f, missing_values, shown) for f in fields},
        index=raw.index,
    )
    table = table.reset_index(drop=True)
    table.attrs = {"dataset": name, "path": shown}
    _TABLES[key] = table
    return table


def _read_csv(path: Path, shown: str) -> pd.DataFrame:
    data = path.read_bytes()
    if not data.strip():
        raise DataError(f"{shown}: the file is empty; expected a header row and data rows")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            f"{shown} row {line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); "
            "save the file as UTF-8"
        ) from None
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False
        )
    except pd.errors.ParserError as exc:
        raise DataError(f"{shown}: not a readable CSV table ({exc})") from None
    # Frictionless numbering: header is row 1.
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    return frame


def _fail(shown: str, row: int, column: str, value: str, what: str) -> DataError:
    shown_value = value if len(value) <= 40 else value[:37] + "..."
    return DataError(f"{shown} row {row}, column {column!r}: {shown_value!r} {what}")


def _convert(col: pd.Series, field: dict, missing_values: set, shown: str) -> pd.Series:
    """A column in its schema type. Frictionless has already checked it (_ensure_valid); the
    type checks here guard the conversion, and catch what Frictionless accepts as numbers
    (``nan``, ``inf``) but a course table must not hold."""
    name = field["name"]
    ftype = field.get("type", "string")
    cons = field.get("constraints", {})
    is_missing = col.isin(missing_values)
    values = col.where(~is_missing, None)
    present = values.dropna()

    if ftype in ("integer", "year"):
        bad = present[~present.str.fullmatch(_INT.pattern)]
        if len(bad):
            raise _fail(shown, int(bad.index[0]), name, bad.iloc[0], "is not a whole number")
        out = pd.array([None if pd.isna(v) else int(v) for v in values], dtype="Int64")
        result = pd.Series(out, index=col.index)
    elif ftype == "number":
        parsed = pd.to_numeric(present, errors="coerce").astype(float)
        bad = present[~np.isfinite(parsed.to_numpy())]
        if len(bad):
            raise _fail(shown, int(bad.index[0]), name, bad.iloc[0], "is not a number")
        result = pd.to_numeric(values, errors="coerce").astype("Float64")
    elif ftype == "boolean":
        bad = present[~present.isin(_TRUE | _FALSE)]
        if len(bad):
            raise _fail(shown, int(bad.index[0]), name, bad.iloc[0], "is not true or false")
        out = [None if pd.isna(v) else v in _TRUE for v in values]
        result = pd.Series(pd.array(out, dtype="boolean"), index=col.index)
    elif ftype in ("date", "datetime"):
        parsed = pd.to_datetime(present, errors="coerce", format="ISO8601")
        bad = present[parsed.isna()]
        if len(bad):
            raise _fail(shown, int(bad.index[0]), name, bad.iloc[0], "is not an ISO date")
        result = pd.to_datetime(values, errors="coerce", format="ISO8601")
    else:
        result = values.astype("string")

    if "enum" in cons:
        allowed = list(cons["enum"])
        if ftype == "string":
            result = pd.Series(
                pd.Categorical(values, categories=allowed), index=col.index, name=name
            )
    return result.rename(name)


# --- validation by Frictionless -----------------------------------------------------------

_VALID: set[str] = set()
_TYPE_WORDS = {"number": "is not a number", "integer": "is not a whole number",
               "year": "is not a whole number", "boolean": "is not true or false",
               "date": "is not an ISO date", "datetime": "is not an ISO date and time"}


def _validation_key(pkg: Package) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        checker = version("frictionless")
    except PackageNotFoundError:
        checker = "?"
    return f"{package_fingerprint(pkg.root)}:{checker}"


def _ensure_valid(pkg: Package) -> None:
    """Raise DataError with the first problem Frictionless finds; remember a package that passed."""
    from .cache import remember, remembered

    key = _validation_key(pkg)
    if key in _VALID:
        return
    if not remembered("valid-data", key):
        problems = validate_package(pkg.root)
        if problems:
            more = (f" (and {len(problems) - 1} more: lessons validate --data {display_path(pkg.root)})"
                    if len(problems) > 1 else "")
            raise DataError(problems[0] + more)
        remember("valid-data", key)
    _VALID.add(key)


def validate_package(directory: Path | None = None) -> list[str]:
    """Every problem Frictionless finds in a data package, one line each: file, row, column, what.

    Paths are resolved as :func:`load_dataset` resolves them (a link stored as a text
    file is followed). An empty list means the package is valid.
    """
    from frictionless import FrictionlessException, system
    from frictionless import Package as FrictionlessPackage

    pkg = package(directory)
    where = display_path(pkg.root / "datapackage.json")
    try:  # the description itself first: what follows relies on its shape
        shape = [e.note or e.message for e in FrictionlessPackage.metadata_validate(pkg.descriptor)]
    except FrictionlessException as exc:
        shape = [exc.error.note or exc.error.message]
    if shape:
        return [f"{where}: {note}" for note in shape]
    descriptor = json.loads(json.dumps(pkg.descriptor))
    shown, fields, keys = {}, {}, {}
    for res in descriptor["resources"]:  # each an object with a name and a path (checked above)
        path = _resource_path(pkg, res)
        res["path"] = str(path.resolve())
        shown[res["name"]] = display_path(path)
        pk = (res.get("schema") or {}).get("primaryKey") or []
        keys[res["name"]] = [pk] if isinstance(pk, str) else list(pk)
        fields[res["name"]] = {f.get("name"): f for f in (res.get("schema") or {}).get("fields", [])
                               if isinstance(f, dict)}
    try:
        with system.use_context(trusted=True):
            report = FrictionlessPackage(descriptor, basepath=str(pkg.root)).validate()
    except FrictionlessException as exc:  # what Frictionless refuses to open, said in one line
        return [f"{where}: {exc.error.note or exc.error.message}"]
    problems = [f"{where}: {e.note or e.message}" for e in report.errors]
    for task in report.tasks:
        name = task.name
        for error in task.errors:
            problems += _describe(error, shown.get(name, name), fields.get(name, {}), shown,
                                  keys.get(name, []))
    return problems


def _constraint_words(note: str, field: dict) -> str:
    found = re.match(r'constraint "(\w+)"', note or "")
    rule = found.group(1) if found else ""
    cons = field.get("constraints", {})
    if rule == "required":
        return "a value is required"
    if rule == "enum":
        return "is not one of: " + ", ".join(map(str, cons.get("enum", [])))
    if rule == "pattern":
        return f"does not have the expected form ({cons.get('pattern')})"
    if rule in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return f"is out of range ({rule} {cons.get(rule)})"
    if rule == "unique":
        return "must be unique in its column"
    return f"breaks a rule of the schema ({note})"


def _describe(error, shown: str, fields: dict, paths: dict, primary_key: list) -> list[str]:
    """One Frictionless error as our lines: ``file row N, column 'x': 'value' what``."""
    row = getattr(error, "row_number", None)
    at = f"{shown} row {row}" if row else shown
    kind = error.type
    if kind in ("type-error", "constraint-error") and getattr(error, "field_name", None):
        name = error.field_name
        field = fields.get(name, {})
        if kind == "constraint-error" and _constraint_words(error.note, field) == "a value is required":
            return [f"{at}, column {name!r}: a value is required"]
        value = str(error.cell)
        value = value if len(value) <= 40 else value[:37] + "..."
        what = (_TYPE_WORDS.get(field.get("type"), f"is not a valid {field.get('type')}")
                if kind == "type-error" else _constraint_words(error.note, field))
        return [f"{at}, column {name!r}: {value!r} {what}"]
    if kind == "foreign-key":
        ref = paths.get(error.reference_name, error.reference_name)
        if len(error.field_names) > 1:  # a composite key: the combination is what is missing
            cols = ", ".join(repr(c) for c in error.field_names)
            return [f"{at}, columns {cols}: ({', '.join(map(str, error.field_cells))}) is not a "
                    f"({', '.join(error.reference_field_names)}) pair in {ref}"]
        return [f"{at}, column {col!r}: {cell!r} is not {'an' if ref_col[:1] in 'aeiou' else 'a'} {ref_col} in {ref}"
                for col, cell, ref_col in zip(error.field_names, error.field_cells,
                                              error.reference_field_names, strict=False)]
    if kind == "primary-key":
        header = list(fields)
        pk = primary_key
        pairs = ", ".join(f"{c}={error.cells[header.index(c)]}" for c in pk if c in header)
        return [f"{at}: duplicate key ({pairs}); each key must be unique"]
    column = getattr(error, "field_name", None)
    return [f"{at}{f', column {column!r}' if column else ''}: {error.note or error.title}"]
