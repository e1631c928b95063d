"""A learner's saved answers: one local JSON file, safe to share between notebooks.

Where: the path in ``LESSONS_PROGRESS``, or ``~/.lessons/progress.json``;
``LESSONS_PROGRESS=off`` turns saving off.

Safety: every write takes a lock, re-reads the file, adds the new record and
replaces the file atomically (temporary file, then rename), so two notebooks
open at once never lose each other's answers. A file that cannot be read as
progress is moved aside (``progress.json.corrupt-1`` ...) with its content kept,
reported once, and a fresh file is started. Saving never raises into a
notebook: a problem is reported once as a warning and the answer is kept in
memory for the session.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

PROGRESS_ENV = "LESSONS_PROGRESS"
FORMAT = "lessons-progress"
VERSION = 1
_reported: set[str] = set()
_memory: list[dict] = []


class ProgressWarning(UserWarning):
    """Saving progress hit a problem; the course goes on and says so once."""


def progress_path() -> Path | None:
    """The progress file, or None when saving is off."""
    raw = os.environ.get(PROGRESS_ENV, "").strip()
    if raw.lower() in {"off", "0", "false", "no", "none"}:
        return None
    return Path(raw).expanduser() if raw else Path.home() / ".lessons" / "progress.json"


def _report_once(key: str, message: str) -> None:
    if key not in _reported:
        _reported.add(key)
        warnings.warn(message, ProgressWarning, stacklevel=3)


@contextlib.contextmanager
def _locked(path: Path, timeout: float = 10.0):
    """An exclusive lock on ``path.lock`` (flock where available, else a lock file)."""
    lock_path = path.with_name(path.name + ".lock")
    try:
        import fcntl
    except ImportError:  # Windows: a create-exclusive lock file
        fcntl = None
    if fcntl is not None:
        with open(lock_path, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(lock_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if time.monotonic() > deadline:  # a stale lock from a crashed process
                with contextlib.suppress(OSError):
                    os.unlink(lock_path)
            time.sleep(0.02)
    try:
        yield
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(lock_path)


def _empty() -> dict:
    return {"format": FORMAT, "version": VERSION, "records": []}


def _read(path: Path) -> dict:
    """Read the file; move a corrupt one aside (content kept) and start afresh."""
    if not path.exists():
        return _empty()
    raw = path.read_bytes()
    if not raw.strip():
        return _empty()
    try:
        data = json.loads(raw.decode("utf-8"))
        if not (isinstance(data, dict) and isinstance(data.get("records"), list)):
            raise ValueError("not a progress file")
        if not all(isinstance(r, dict) for r in data["records"]):
            raise ValueError("records are not all objects")
        return data
    except (ValueError, UnicodeDecodeError) as exc:
        n = 1
        while path.with_name(f"{path.name}.corrupt-{n}").exists():
            n += 1
        backup = path.with_name(f"{path.name}.corrupt-{n}")
        os.replace(path, backup)
        _report_once(
            f"corrupt:{backup}",
            f"Your progress file {path} could not be read ({exc}); it was moved to "
            f"{backup} with its content kept, and a fresh file was started.",
        )
        return _empty()


def _write_atomic(path: Path, data: dict) -> None:
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _jsonable(value):
    """A learner's answer in a form JSON can hold (never raises)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else repr(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in list(value.items())[:200]}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return [_jsonable(v) for v in list(items)[:200]]
    return repr(value)[:2000]


def record(bank: str, question: str, kind: str, domain: str | None, answer, feedback) -> bool:
    """Save one submitted answer; returns True if it reached the file."""
    entry = {
        "bank": bank,
        "question": question,
        "kind": kind,
        "domain": domain,
        "answer": _jsonable(answer),
        "correct": feedback.correct,
        "score": feedback.score,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    path = progress_path()
    if path is None:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(path):
            data = _read(path)
            data["records"].extend(_memory)
            data["records"].append(entry)
            _write_atomic(path, data)
        _memory.clear()
        return True
    except OSError as exc:
        _memory.append(entry)
        _report_once(
            f"write:{path}",
            f"Could not save progress to {path} ({exc.strerror or exc}). Answers are kept "
            f"for this session only; set {PROGRESS_ENV} to a writable file, or to 'off'.",
        )
        return False


def load_records() -> list[dict]:
    """Every saved record (plus any not yet written), oldest first."""
    path = progress_path()
    records: list[dict] = []
    if path is not None and path.exists():
        try:
            with _locked(path):
                records = list(_read(path)["records"])
        except OSError as exc:
            _report_once(f"read:{path}", f"Could not read progress from {path} ({exc}).")
    return records + list(_memory)


def reset_session_state() -> None:
    """Forget unsaved answers and which warnings were shown (for tests)."""
    _memory.clear()
    _reported.clear()


class ProgressReport:
    """Scores per notebook (bank) and per domain, from the saved answers."""

    def __init__(self, records: list[dict]):
        import pandas as pd

        graded = [r for r in records if r.get("kind") != "reflection"
                  and isinstance(r.get("score"), int | float)]
        self.reflections = sum(1 for r in records if r.get("kind") == "reflection")
        best: dict[tuple, dict] = {}
        for r in graded:
            key = (r.get("bank"), r.get("question"))
            if key not in best or r["score"] > best[key]["score"]:
                best[key] = r
        rows = pd.DataFrame(
            [{"notebook": b, "question": q, "domain": r.get("domain") or "(none)",
              "score": float(r["score"]), "solved": bool(r.get("correct"))}
             for (b, q), r in best.items()],
            columns=["notebook", "question", "domain", "score", "solved"],
        )
        self.questions = rows
        self.by_notebook = self._table(rows, "notebook")
        self.by_domain = self._table(rows, "domain")

    @staticmethod
    def _table(rows, by: str):
        import pandas as pd

        if rows.empty:
            return pd.DataFrame(columns=["answered", "solved", "points", "percent"])
        table = rows.groupby(by).agg(answered=("question", "size"), solved=("solved", "sum"),
                                     points=("score", "sum"))
        table["percent"] = (100 * table["points"] / table["answered"]).round(0).astype(int)
        table["points"] = table["points"].round(1)
        return table.sort_index()

    def __repr__(self) -> str:
        if self.questions.empty:
            return ("No answers saved yet. Answer a quiz question in any notebook and it "
                    "will show up here.")
        n = len(self.questions)
        return (f"Progress: {n} question{'s' if n != 1 else ''} answered, "
                f"{int(self.questions['solved'].sum())} solved; "
                f"{self.reflections} reflection(s) saved.\n\nBy notebook:\n"
                f"{self.by_notebook.to_string()}\n\nBy domain:\n{self.by_domain.to_string()}")

    def _repr_html_(self) -> str:
        if self.questions.empty:
            return f"<p>{repr(self)}</p>"
        n = len(self.questions)
        return (f"<p><strong>{n}</strong> question{'s' if n != 1 else ''} answered, "
                f"<strong>{int(self.questions['solved'].sum())}</strong> solved; "
                f"{self.reflections} reflection(s) saved.</p>"
                f"<h5>By notebook</h5>{self.by_notebook.to_html()}"
                f"<h5>By domain</h5>{self.by_domain.to_html()}")

    def plot(self, ax=None):
        """A bar chart of percent scored per domain (nothing to draw without answers)."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(6.4, 0.4 * max(3, len(self.by_domain)) + 1))
        if self.by_domain.empty:
            ax.text(0.5, 0.5, "No answers saved yet", ha="center", va="center")
            ax.set_axis_off()
            return ax
        ax.barh(self.by_domain.index, self.by_domain["percent"])
        for y, (pct, n) in enumerate(zip(self.by_domain["percent"], self.by_domain["answered"],
                                         strict=True)):
            ax.text(pct + 1, y, f"{pct}% of {n}", va="center", fontsize=8)
        ax.set_xlim(0, 115)
        ax.set_xlabel("percent of points scored on questions answered")
        ax.set_title("Your quiz results by domain", loc="left")
        return ax


def progress_report() -> ProgressReport:
    """Your saved quiz results, by notebook and by domain (``.plot()`` draws them)."""
    return ProgressReport(load_records())
