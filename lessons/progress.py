"""A learner's record: every answer, hint, reveal and Try-it check, in one local JSON file.

Where: the path in ``LESSONS_PROGRESS``, or ``~/.lessons/progress.json``;
``LESSONS_PROGRESS=off`` (or ``/dev/null``) turns saving off.

What is kept (format version 2): one record per event, oldest first. A quiz
question's events are ``submit`` (the answer in a stable form, option texts,
never positions in a shuffled list; the answer as the learner saw it; the grade;
the try number), ``hint`` and ``reveal``; a Try-it task's are ``check`` (its
outcome), ``hint`` and ``solution``. From these, :func:`summarize` works out one
line per question or task: the points it earned, its tries, hints and whether the
answer was shown first.

Credit is honest: an answer given after its answer was revealed (by the learner,
or after ``max_tries`` wrong tries) earns no points, though it is kept and marked
revealed; an empty reflection is not saved work; a multiple-select question earns
its partial credit, shown as such.

Safety: every write takes a lock, re-reads the file, adds the record and replaces
the file atomically (a temporary file in the same folder, then a rename), so two
notebooks open at once never lose each other's answers. A symlinked file is
written through its link. A path that is not a regular file (a device, a
directory, a pipe), a read-only file, or a file too large to be progress is
never replaced: saving is refused with a message, and answers are kept for the
session. Records that cannot be read are set aside in ``progress.json.rejected-N``
and the good ones kept; a file that cannot be read at all is moved aside whole.
A version-1 file is converted, and the original kept as ``progress.json.v1-backup``.
Nothing here raises into a notebook: a problem is reported once as a warning.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import stat
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

PROGRESS_ENV = "LESSONS_PROGRESS"
FORMAT = "lessons-progress"
VERSION = 2
OFF_WORDS = {"off", "0", "false", "no", "none"}
MAX_FILE_BYTES = 20_000_000        # a year of daily use is well under 1 MB
MAX_TEXT = 20_000                  # characters of one answer kept (a reflection of ~3,000 words)
MAX_ITEMS = 200                    # list items of one answer kept
MAX_PROMPT = 500                   # characters of a question's prompt kept with its answers
LOCK_TIMEOUT = 10.0
ACTIONS = {"submit", "hint", "reveal", "check", "solution"}
QUESTION_ACTIONS = {"submit", "hint", "reveal"}
TASK_ACTIONS = {"check", "hint", "solution"}
TASK_KIND = "task"
OUTCOMES = {"correct", "wrong", "not attempted"}

_reported: set[str] = set()
_memory: list[dict] = []
_migrators: list[Callable[[dict], dict]] = []


class ProgressWarning(UserWarning):
    """Saving or reading progress hit a problem; the course goes on and says so once."""


class ProgressError(OSError):
    """The progress path cannot be used (the message says why and what to do)."""


# --- where ---------------------------------------------------------------------------------

def progress_path() -> Path | None:
    """The progress file, or None when saving is off.

    Raises :class:`ProgressError` when no safe default exists (``HOME`` empty or relative).
    """
    raw = os.environ.get(PROGRESS_ENV)
    if raw is not None and raw.strip():
        text = raw.strip()
        if text.lower() in OFF_WORDS or text == os.devnull:
            return None
        return Path(text).expanduser()
    home = os.environ.get("HOME")
    if home is not None and not os.path.isabs(home):
        raise ProgressError(f"HOME is {home!r}, which is not a folder path, so there is no safe "
                            f"place for your progress; set {PROGRESS_ENV} to a file, or to off")
    return Path.home() / ".lessons" / "progress.json"


def _target(path: Path) -> Path:
    """The file actually written: a symlink's target (kept as a link), else the path itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _check_usable(path: Path, *, write: bool = True) -> None:
    """Refuse anything that is not a missing or a regular, plausibly sized (writable) file."""
    try:
        st = path.stat()
    except FileNotFoundError:
        parent = path.parent
        if parent.exists() and not parent.is_dir():
            raise ProgressError(f"{parent} is not a folder, so {path.name} cannot be made "
                                "there") from None
        return
    if not stat.S_ISREG(st.st_mode):
        what = ("a folder" if stat.S_ISDIR(st.st_mode) else "a device" if
                stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "a pipe" if
                stat.S_ISFIFO(st.st_mode) else "not a regular file")
        raise ProgressError(f"{path} is {what}, not a progress file; it is left untouched. "
                            f"Set {PROGRESS_ENV} to a file path, or to off")
    if st.st_size > MAX_FILE_BYTES:
        raise ProgressError(f"{path} is {st.st_size // 1_000_000} MB, too large to be a progress "
                            "file; it is left untouched")
    if write and (not os.access(path, os.W_OK)
                  or not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)):
        raise ProgressError(f"{path} is read-only; it is left untouched and new answers are not "
                            "saved to it (make it writable, or set "
                            f"{PROGRESS_ENV} to another file)")


def _report_once(key: str, message: str) -> None:
    if key not in _reported:
        _reported.add(key)
        warnings.warn(message, ProgressWarning, stacklevel=3)


@contextlib.contextmanager
def _locked(path: Path, timeout: float = LOCK_TIMEOUT):
    """An exclusive lock on ``path.lock``: flock where available, else a lock file."""
    lock_path = path.with_name(path.name + ".lock")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        fcntl = None
    deadline = time.monotonic() + timeout
    if fcntl is not None:
        with open(lock_path, "a+") as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise ProgressError(f"{path} is locked by another program for more "
                                            f"than {timeout:g} s") from None
                    time.sleep(0.02)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        return
    while True:  # pragma: no cover - Windows
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


# --- reading -------------------------------------------------------------------------------

@dataclass
class Loaded:
    """What a progress file held: good records, and what had to be set aside."""

    records: list[dict] = field(default_factory=list)
    rejected: list[object] = field(default_factory=list)
    version: int = VERSION
    unreadable: str | None = None  # why the whole file could not be read


def _finite(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def record_problem(r) -> str | None:
    """Why a version-2 record cannot be used, or None if it can."""
    if not isinstance(r, dict):
        return f"a record must be an object, not {type(r).__name__}"
    for key in ("bank", "item", "kind", "action", "at"):
        if not isinstance(r.get(key), str) or not r.get(key):
            return f"'{key}' must be text"
    if r["action"] not in ACTIONS:
        return f"unknown action {r['action']!r}"
    if r.get("domain") is not None and not isinstance(r["domain"], str):
        return "'domain' must be text"
    if not isinstance(r.get("try", 0), int) or isinstance(r.get("try", 0), bool) or r.get("try", 0) < 0:
        return "'try' must be a whole number"
    for key in ("score", "credit"):
        if r.get(key) is not None and not (_finite(r[key]) and 0 <= r[key] <= 1):
            return f"'{key}' must be a number from 0 to 1"
    if r.get("correct") not in (True, False, None):
        return "'correct' must be true, false or null"
    if not isinstance(r.get("revealed", False), bool):
        return "'revealed' must be true or false"
    for key in ("shown", "prompt"):
        if r.get(key) is not None and not isinstance(r[key], str):
            return f"'{key}' must be text"
    if r.get("outcome") is not None and r["outcome"] not in OUTCOMES:
        return f"unknown outcome {r['outcome']!r}"
    return None


def _from_v1(r) -> dict | None:
    """A version-1 record (one per submitted answer) as a version-2 submit record."""
    if not isinstance(r, dict) or not isinstance(r.get("bank"), str) or not isinstance(
            r.get("question"), str) or not isinstance(r.get("kind"), str):
        return None
    score = r.get("score")
    out = {"bank": r["bank"], "item": r["question"], "kind": r["kind"],
           "domain": r.get("domain") if isinstance(r.get("domain"), str) else None,
           "action": "submit", "try": 0, "answer": r.get("answer"), "shown": None,
           "correct": r.get("correct") if r.get("correct") in (True, False) else None,
           "score": float(score) if _finite(score) else None,
           "credit": None, "revealed": False,
           "at": r.get("at") if isinstance(r.get("at"), str) else "1970-01-01T00:00:00+00:00",
           "migrated_from": 1}
    if r["kind"] == "reflection":
        out["correct"] = out["score"] = None
    for migrate in _migrators:
        out = migrate(out)
    return out


def _number_tries(records: list[dict]) -> None:
    """Give migrated submit records their try numbers and credit, as version 2 would have."""
    tries: dict[tuple, int] = {}
    for r in records:
        if r.get("migrated_from") != 1:
            continue
        key = (r["bank"], r["item"])
        if r["correct"] is not None:
            tries[key] = tries.get(key, 0) + 1
        r["try"] = tries.get(key, 0)
        r["credit"] = r["score"]


def read_file(path: Path) -> Loaded:
    """Read a progress file without changing it (bounded; any version; bad records set apart)."""
    if not path.exists():
        return Loaded()
    _check_usable(path, write=False)
    with open(path, "rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if not raw.strip():
        return Loaded()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        return Loaded(unreadable=f"not JSON text ({str(exc)[:80]})")
    except RecursionError:
        return Loaded(unreadable="nested too deeply to be a progress file")
    if isinstance(data, list):  # a bare list of records: read what can be read
        data = {"format": FORMAT, "version": VERSION, "records": data}
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        return Loaded(unreadable="not a progress file (no list of records)")
    version = data.get("version", 1)
    out = Loaded(version=version if isinstance(version, int) else 1)
    for r in data["records"]:
        converted = _from_v1(r) if out.version == 1 else r
        problem = record_problem(converted) if converted is not None else "not a version-1 record"
        if problem is None:
            out.records.append(converted)
        else:
            out.rejected.append(r)
    if out.version == 1:
        _number_tries(out.records)
    return out


def _set_aside(path: Path, suffix: str, content: bytes) -> Path:
    n = 1
    while path.with_name(f"{path.name}.{suffix}-{n}").exists():
        n += 1
    backup = path.with_name(f"{path.name}.{suffix}-{n}")
    fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    return backup


def _clean_stale_temporaries(path: Path) -> None:
    """Temporary files from a writer killed mid-write (only ever made under the lock we hold)."""
    for tmp in path.parent.glob(f"{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()


def _write_atomic(path: Path, data: dict) -> None:
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1, allow_nan=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _prepare(path: Path) -> list[dict]:
    """Under the lock: the good records, after setting aside whatever cannot be kept."""
    loaded = read_file(path)
    if loaded.unreadable:
        backup = _set_aside(path, "corrupt", path.read_bytes())
        _report_once(f"corrupt:{backup}",
                     f"Your progress file {path} could not be read ({loaded.unreadable}); it was "
                     f"kept whole as {backup}, and a fresh file was started.")
        return []
    if loaded.rejected:
        text = json.dumps(loaded.rejected, ensure_ascii=False, indent=1, default=repr)
        backup = _set_aside(path, "rejected", text.encode("utf-8"))
        n = len(loaded.rejected)
        _report_once(f"rejected:{backup}",
                     f"{n} record{'s' if n != 1 else ''} in {path} could not be read and "
                     f"{'were' if n != 1 else 'was'} set aside in {backup}; the other "
                     f"{len(loaded.records)} were kept.")
    if loaded.version == 1 and path.exists():
        backup = path.with_name(path.name + ".v1-backup")
        if not backup.exists():
            backup.write_bytes(path.read_bytes())
        _report_once(f"migrated:{path}", f"Your progress file {path} was converted to the new "
                                         f"format; the original is kept as {backup}.")
    return loaded.records


# --- writing -------------------------------------------------------------------------------

def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def storable(value, *, depth: int = 0):
    """A learner's answer in a form JSON can hold, within the size budget (never raises)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if abs(value) < 10**15 else str(value)[:40]
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, str):
        return value[:MAX_TEXT]
    if depth > 3:
        return repr(type(value).__name__)
    if isinstance(value, dict):
        return {str(k)[:MAX_TEXT]: storable(v, depth=depth + 1)
                for k, v in list(value.items())[:MAX_ITEMS]}
    if isinstance(value, list | tuple):
        return [storable(v, depth=depth + 1) for v in value[:MAX_ITEMS]]
    return f"<{type(value).__name__}>"


def save(entry: dict) -> bool:
    """Add one record to the file; True if it reached the file (else kept for the session)."""
    problem = record_problem(entry)
    if problem is not None:  # a bug in the course, not a learner's mistake
        raise ValueError(f"refusing to save a malformed progress record: {problem}")
    try:
        path = progress_path()
    except ProgressError as exc:
        _memory.append(entry)
        _report_once("path", f"Progress is not saved: {exc}. Answers are kept for this session.")
        return False
    if path is None:
        return False
    target = _target(path)
    try:
        _check_usable(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        with _locked(target):
            records = _prepare(target)
            _clean_stale_temporaries(target)
            records.extend(_memory)
            records.append(entry)
            _write_atomic(target, {"format": FORMAT, "version": VERSION, "records": records})
        _memory.clear()
        return True
    except OSError as exc:
        _memory.append(entry)
        reason = str(exc) if isinstance(exc, ProgressError) else (exc.strerror or str(exc))
        _report_once(f"write:{path}", f"Could not save progress to {path} ({reason}). Answers "
                                      f"are kept for this session only; set {PROGRESS_ENV} to a "
                                      "writable file, or to 'off'.")
        return False


def load_records() -> list[dict]:
    """Every readable record (plus any not yet written), oldest first; the file is not changed."""
    try:
        path = progress_path()
    except ProgressError as exc:
        _report_once("path", f"Progress is not saved: {exc}.")
        return list(_memory)
    records: list[dict] = []
    if path is not None:
        target = _target(path)
        try:
            loaded = read_file(target)
        except OSError as exc:
            _report_once(f"read:{path}", f"Could not read progress from {path} ({exc}).")
            loaded = Loaded()
        if loaded.unreadable:
            _report_once(f"unreadable:{path}", f"Your progress file {path} could not be read "
                                               f"({loaded.unreadable}); it will be kept whole "
                                               "beside a fresh file at your next answer.")
        if loaded.rejected:
            n = len(loaded.rejected)
            _report_once(f"skipped:{path}", f"{n} record{'s' if n != 1 else ''} in {path} could "
                                            "not be read and are left out here (they are set "
                                            "aside, not deleted, at your next answer).")
        records = loaded.records
    return records + list(_memory)


def register_migrator(migrate: Callable[[dict], dict]) -> None:
    """Let the quiz layer turn a version-1 answer into its stable form (texts, not positions)."""
    if migrate not in _migrators:
        _migrators.append(migrate)


def reset_session_state() -> None:
    """Forget unsaved answers and which warnings were shown (for tests)."""
    _memory.clear()
    _reported.clear()


# --- the events of questions and tasks -----------------------------------------------------

def question_event(*, bank: str, item: str, kind: str, domain: str | None, action: str,
                   tries: int, revealed: bool, answer=None, shown: str | None = None,
                   correct: bool | None = None, score: float | None = None,
                   credit: float | None = None, prompt: str | None = None) -> dict:
    """A quiz question's record (``submit``, ``hint`` or ``reveal``).

    A submit record carries the question's prompt, so an export reads without the bank
    (never the correct answer: the file is the learner's own).
    """
    if action not in QUESTION_ACTIONS:
        raise ValueError(f"not a question action: {action!r}")
    entry = {"bank": bank, "item": item, "kind": kind, "domain": domain, "action": action,
             "try": tries, "revealed": revealed, "at": now()}
    if action == "submit":
        entry.update(answer=storable(answer), shown=None if shown is None else shown[:MAX_TEXT],
                     correct=correct, score=score, credit=credit)
        if prompt:
            entry["prompt"] = prompt[:MAX_PROMPT]
    return entry


def record_task(task, action: str, *, outcome: str | None = None, answer=None) -> bool:
    """Save a Try-it task's check, hint or solution view."""
    if action not in TASK_ACTIONS:
        raise ValueError(f"not a task action: {action!r}")
    entry = {"bank": task.notebook, "item": task.name, "kind": TASK_KIND, "domain": None,
             "action": action, "try": 0, "revealed": False, "at": now()}
    if action == "check":
        entry.update(outcome=outcome, shown=_short(answer),
                     correct={"correct": True, "wrong": False}.get(outcome))
    return save(entry)


def _short(answer) -> str:
    text = repr(answer) if not isinstance(answer, str) else answer
    return text if len(text) <= 200 else text[:197] + "..."


def events_for(bank: str, records: Iterable[dict] | None = None) -> dict[str, list[dict]]:
    """One bank's records grouped by item, oldest first."""
    out: dict[str, list[dict]] = {}
    for r in load_records() if records is None else records:
        if r["bank"] == bank:
            out.setdefault(r["item"], []).append(r)
    return out


def last_task_check(bank: str, item: str) -> str | None:
    """The outcome of a task's last saved check that was attempted, or None."""
    outcomes = [r.get("outcome") for r in events_for(bank).get(item, [])
                if r["action"] == "check" and r.get("outcome") != "not attempted"]
    return outcomes[-1] if outcomes else None


# --- one line per question or task ---------------------------------------------------------

@dataclass
class ItemSummary:
    """What a learner did with one question or task, from its records."""

    bank: str
    item: str
    kind: str
    domain: str | None
    answer: object = None
    shown: str | None = None
    correct: bool | None = None
    points: float | None = None
    max_points: float = 1.0
    tries: int = 0
    hints: int = 0
    revealed: bool = False
    last_saved: str = ""
    status: str = "not attempted"
    last_score: float | None = None
    prompt: str = ""

    @property
    def graded(self) -> bool:
        return self.max_points > 0


def summarize(records: Iterable[dict]) -> list[ItemSummary]:
    """One summary per (bank, item), in the order each was first met."""
    items: dict[tuple, ItemSummary] = {}
    best: dict[tuple, float] = {}
    for r in records:
        key = (r["bank"], r["item"])
        s = items.get(key)
        if s is None:
            is_reflection = r["kind"] == "reflection"
            s = items[key] = ItemSummary(r["bank"], r["item"], r["kind"], r.get("domain"),
                                         max_points=0.0 if is_reflection else 1.0)
        s.last_saved = max(s.last_saved, r["at"])
        if r["action"] == "hint":
            s.hints += 1
        elif r["action"] in ("reveal", "solution"):
            s.revealed = True
        elif r["action"] == "check":
            if r.get("outcome") == "not attempted":
                continue
            s.tries += 1
            s.shown, s.correct = r.get("shown"), r.get("correct")
            if r.get("outcome") == "correct" and not s.revealed:
                best[key] = 1.0
        elif r["action"] == "submit":
            s.answer, s.shown = r.get("answer"), r.get("shown")
            s.prompt = r.get("prompt") or s.prompt
            if s.kind == "reflection":
                s.status = "saved (not graded)"
                s.tries += 1
                continue
            if r.get("correct") is None:
                continue  # unreadable: kept, but neither a try nor a grade
            s.tries += 1
            s.correct = r["correct"]
            s.revealed = s.revealed or bool(r.get("revealed"))
            credit = r.get("credit")
            if credit is not None and not s.revealed:
                best[key] = max(best.get(key, 0.0), float(credit))
            s.last_score = r.get("score")
    for key, s in items.items():
        if s.kind == "reflection":
            s.points = None
            if s.tries == 0:
                s.status = "answer shown, nothing written" if s.revealed else "not attempted"
            continue
        s.points = best.get(key, 0.0)
        last_score = s.last_score
        if s.tries == 0:
            s.status = "answer shown before trying" if s.revealed else "not attempted"
        elif s.points == s.max_points:
            s.status = "right"
        elif s.correct and s.revealed:
            s.status = "right after the answer was shown (no credit)"
        elif s.points and s.points > 0:
            s.status = f"partly right ({s.points:.0%} credit)"
        elif last_score and last_score > 0:
            s.status = "partly right after the answer was shown (no credit)"
        else:
            s.status = "wrong, answer shown" if s.revealed else "wrong so far"
    return list(items.values())


CREDIT_POLICY = ("Credit: each question earns its best grade given before its answer was shown; "
                 "answers given after the answer was shown are kept but earn nothing. "
                 "Select-all questions earn partial credit. Reflections are saved, not graded; "
                 "an empty one is not saved. A Try-it task earns its point if it was checked "
                 "right before its model solution was shown.")


class ProgressReport:
    """Points per notebook (bank) and per domain, the Try-it tasks, and a chart."""

    def __init__(self, records: list[dict]):
        import pandas as pd

        self.items = summarize(records)
        questions = [s for s in self.items if s.kind not in (TASK_KIND,)]
        graded = [s for s in questions if s.graded and (s.tries or s.revealed)]
        self.reflections = sum(1 for s in questions if s.kind == "reflection" and s.tries)
        columns = ["notebook", "question", "domain", "points", "max_points", "status"]
        self.questions = pd.DataFrame(
            [{"notebook": s.bank, "question": s.item, "domain": s.domain or "(none)",
              "points": float(s.points or 0.0), "max_points": s.max_points, "status": s.status}
             for s in graded], columns=columns)
        self.tasks = pd.DataFrame(
            [{"notebook": s.bank, "task": s.item, "checks": s.tries, "hints": s.hints,
              "solution_shown": s.revealed, "status": _task_status(s)}
             for s in self.items if s.kind == TASK_KIND],
            columns=["notebook", "task", "checks", "hints", "solution_shown", "status"])
        self.by_notebook = self._table(self.questions, "notebook")
        self.by_domain = self._table(self.questions, "domain")

    @staticmethod
    def _table(rows, by: str):
        import pandas as pd

        if rows.empty:
            return pd.DataFrame(columns=["answered", "points", "max_points", "percent"])
        table = rows.groupby(by).agg(answered=("question", "size"), points=("points", "sum"),
                                     max_points=("max_points", "sum"))
        table["percent"] = (100 * table["points"] / table["max_points"]).round(0).astype(int)
        table["points"] = table["points"].round(2)
        return table.sort_index()

    def _headline(self) -> str:
        n = len(self.questions)
        points = self.questions["points"].sum() if n else 0.0
        tasks_right = int((self.tasks["status"] == "right").sum()) if len(self.tasks) else 0
        return (f"Progress: {n} question{'s' if n != 1 else ''} answered, {points:.2g} of {n} "
                f"point{'s' if n != 1 else ''}; {self.reflections} reflection"
                f"{'s' if self.reflections != 1 else ''} saved; {tasks_right} of "
                f"{len(self.tasks)} Try-it task{'s' if len(self.tasks) != 1 else ''} right.")

    def summary_text(self) -> str:
        """The chart in words, for a screen reader or a printout."""
        if self.by_notebook.empty:
            return "No quiz points yet."
        parts = [f"{row.Index}: {int(row.percent)}% of {row.max_points:g} "
                 f"point{'s' if row.max_points != 1 else ''}" for row in self.by_notebook.itertuples()]
        return "Percent of points earned, by notebook: " + "; ".join(parts) + "."

    def __repr__(self) -> str:
        if not self.items:
            return ("No answers saved yet. Answer a quiz question or check a Try-it task in any "
                    "notebook and it will show up here.")
        out = [self._headline(), "", CREDIT_POLICY]
        if not self.by_notebook.empty:
            out += ["", "By notebook:", self.by_notebook.to_string(), "", "By domain:",
                    self.by_domain.to_string(), "", self.summary_text()]
        if len(self.tasks):
            out += ["", "Try-it tasks:", self.tasks.to_string(index=False)]
        return "\n".join(out)

    def _repr_html_(self) -> str:
        from html import escape

        if not self.items:
            return f"<p>{escape(repr(self))}</p>"
        parts = [f"<p><strong>{escape(self._headline())}</strong></p>",
                 f"<p><small>{escape(CREDIT_POLICY)}</small></p>"]
        if not self.by_notebook.empty:
            from .charts import figure_html

            parts += [figure_html(self.figure(), alt=self.summary_text()),
                      "<h5>By notebook</h5>", self.by_notebook.to_html(),
                      "<h5>By domain</h5>", self.by_domain.to_html()]
        if len(self.tasks):
            parts += ["<h5>Try-it tasks</h5>", self.tasks.to_html(index=False)]
        return "".join(parts)

    def figure(self):  # pragma: no mutate block
        """A bar chart of percent earned per notebook, in the course style."""
        import matplotlib.pyplot as plt

        from .charts import PALETTE, use_course_style

        use_course_style()
        table = self.by_notebook
        fig, ax = plt.subplots(figsize=(6.4, 0.45 * max(3, len(table)) + 1.2))
        ax.barh(table.index[::-1], table["percent"][::-1], color=PALETTE["blue"])
        for y, (pct, n) in enumerate(zip(table["percent"][::-1], table["max_points"][::-1],
                                         strict=True)):
            ax.text(pct + 1, y, f"{pct}% of {n:g}", va="center", fontsize=9)
        ax.set_xlim(0, 118)
        ax.grid(axis="x", color="#dddddd")
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("percent of points earned on the questions answered")
        ax.set_title("Your quiz points by notebook", loc="left")
        plt.close(fig)
        return fig

    def plot(self, ax=None):  # kept for learners' own cells  # pragma: no mutate block
        """Draw the chart (a Matplotlib figure)."""
        return self.figure() if ax is None else ax


def _task_status(s: ItemSummary) -> str:
    if s.tries == 0:
        return "solution shown before trying" if s.revealed else "not attempted"
    if s.points:
        return "right"
    if s.correct and s.revealed:
        return "right after the solution was shown (no credit)"
    return "wrong so far" if not s.revealed else "wrong, solution shown"


def progress_report() -> ProgressReport:
    """Your saved quiz answers and Try-it checks, by notebook and by domain, with a chart."""
    return ProgressReport(load_records())


# --- the export a teacher reads ------------------------------------------------------------

EXPORT_COLUMNS = ["bank", "question", "kind", "prompt", "answer", "correct", "points",
                  "max_points", "tries", "hints", "revealed", "status", "correct_answer",
                  "last_saved"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_rows(records: Iterable[dict],
                describe: Callable[[str, str], tuple[str, str]] | None = None) -> list[dict]:
    """One row per question or task, readable without the bank.

    ``describe(bank, item)`` gives the question's prompt and correct answer in words
    (the quiz layer supplies it; without it those two columns stay empty).
    """
    rows = []
    for s in summarize(records):
        prompt, right = describe(s.bank, s.item) if describe else ("", "")
        prompt = prompt or s.prompt
        rows.append({
            "bank": s.bank, "question": s.item, "kind": s.kind, "prompt": prompt,
            "answer": s.shown if s.shown is not None else ("" if s.answer is None else
                                                           json.dumps(s.answer, ensure_ascii=False)),
            "correct": "" if s.correct is None else ("yes" if s.correct else "no"),
            "points": "" if s.points is None else f"{s.points:g}",
            "max_points": f"{s.max_points:g}", "tries": s.tries, "hints": s.hints,
            "revealed": "yes" if s.revealed else "no", "status": s.status,
            "correct_answer": right, "last_saved": s.last_saved,
        })
    return rows


def spreadsheet_safe(value) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> None:
    """Write rows as UTF-8 CSV (with a BOM, so spreadsheets read accents), formulas defused."""
    import csv

    columns = columns or EXPORT_COLUMNS
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: spreadsheet_safe(row.get(k)) for k in columns})
