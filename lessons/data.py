"""Load the course's data package: typed tables, checked against their schema.

The data package is ``data/datapackage.json`` (Frictionless Data Package) in the
course (the repository's ``data/``, or the copy an installed wheel carries: see
:mod:`lessons.course`), or the folder named by the environment variable
``LESSONS_DATA_DIR`` (an instructor's own package). Every table is checked as it is read: column
names, types, enums, required cells, primary keys and foreign keys
(``source_id`` must be in the source register, ``claim_id`` in the claims).
Anything wrong raises :class:`DataError` naming the file, row and column.

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
    res = package().resource(name)
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
    missing_values = set(schema.get("missingValues", [""]))
    table = pd.DataFrame(
        {f["name"]: _convert(raw[f["name"]], f, missing_values, shown) for f in fields},
        index=raw.index,
    )
    table = table.reset_index(drop=True)
    _check_primary_key(table, schema, shown)
    for fk in schema.get("foreignKeys", []):
        _check_foreign_key(pkg, table, fk, shown, (*chain, name))
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
    name = field["name"]
    ftype = field.get("type", "string")
    cons = field.get("constraints", {})
    is_missing = col.isin(missing_values)
    if cons.get("required") and is_missing.any():
        row = int(col.index[is_missing.to_numpy()][0])
        raise DataError(f"{shown} row {row}, column {name!r}: a value is required")
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

    if "pattern" in cons and ftype == "string":
        ok = present.str.fullmatch(cons["pattern"])
        if not ok.all():
            bad = present[~ok]
            raise _fail(
                shown, int(bad.index[0]), name, bad.iloc[0],
                f"does not have the expected form ({cons['pattern']})",
            )
    for bound, test in (("minimum", lambda s, b: s < b), ("maximum", lambda s, b: s > b)):
        if bound in cons and ftype in ("integer", "number", "year"):
            nums = result.dropna()
            low = nums[test(nums, cons[bound])]
            if len(low):
                raise _fail(
                    shown, int(low.index[0]), name, str(col[low.index[0]]),
                    f"is out of range ({bound} {cons[bound]})",
                )
    if "enum" in cons:
        allowed = list(cons["enum"])
        bad = present[~present.isin([str(a) for a in allowed])]
        if len(bad):
            raise _fail(
                shown, int(bad.index[0]), name, bad.iloc[0],
                "is not one of: " + ", ".join(map(str, allowed)),
            )
        if ftype == "string":
            result = pd.Series(
                pd.Categorical(values, categories=allowed), index=col.index, name=name
            )
    return result.rename(name)


def _check_primary_key(table: pd.DataFrame, schema: dict, shown: str) -> None:
    pk = schema.get("primaryKey")
    if not pk:
        return
    pk = [pk] if isinstance(pk, str) else list(pk)
    dup = table.duplicated(subset=pk, keep="first")
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        key = ", ".join(f"{c}={table.iloc[i][c]}" for c in pk)
        raise DataError(f"{shown} row {i + 2}: duplicate key ({key}); each key must be unique")


def _check_foreign_key(pkg: Package, table, fk: dict, shown: str, chain: tuple) -> None:
    fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
    ref = fk["reference"]
    ref_name = ref.get("resource") or chain[-1]
    ref_fields = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
    if ref_name in chain:  # a table referring to itself or a cycle: check against what we have
        return
    target = _load(pkg, ref_name, chain)
    target_path = display_path(_resource_path(pkg, pkg.resource(ref_name)))
    for col, ref_col in zip(fields, ref_fields, strict=True):
        known = set(target[ref_col].dropna().astype(str))
        values = table[col].dropna().astype(str)
        bad = values[~values.isin(known)]
        if len(bad):
            i = int(bad.index[0])
            raise DataError(
                f"{shown} row {i + 2}, column {col!r}: {bad.iloc[0]!r} is not a "
                f"{ref_col} in {target_path}"
            )
