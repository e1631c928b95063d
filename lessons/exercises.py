"""Try-it tasks: the learner writes pandas code, then ``task.check(answer)``.

In the manner of Kaggle Learn's learntools, with three verbs: ``check``,
``hint`` and ``solution``. A check returns an outcome, never raises on a
learner's answer:

- not attempted: the placeholder ``____`` (or ``None``) is still in place;
- wrong, with a pointer to what differs;
- right.

A task is one declaration (see ``lessons/tasks/``): its prompt, its hint and
its model solution. The expected answer is whatever the model solution
computes from the shared data, so a task stays right when the data is
corrected, and the notebook, ``solution()`` and the teacher guide all show the
same thing. Every check, hint and solution shown is saved to the learner's
progress (see :mod:`lessons.progress`).

    >>> from lessons import ____
    >>> from lessons.tasks.trade import task1
    >>> answer = ____
    >>> task1.check(answer)
    … Not attempted yet: replace ____ with your answer, then run the cell again.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import pandas as pd

TICK, CROSS, DOTS = "✓", "✗", "…"
STATUS_WORDS = {"correct": "right", "wrong": "wrong", "not attempted": "not attempted"}
# What a learner's odd answer can raise while being compared (a pandas object's ``==``,
# ``float()`` of a string, a missing key): reported as "could not compare", never raised.
_COMPARE_ERRORS = (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError)


class TaskError(ValueError):
    """A task declaration is broken (its model solution fails or sets no ``answer``)."""


class _Placeholder:
    """The blank a learner replaces: ``answer = ____``."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"

    def __bool__(self) -> bool:
        return False


____ = _Placeholder()


class Outcome:
    """What a check found: ``status`` is 'correct', 'wrong' or 'not attempted'."""

    __slots__ = ("status", "message")

    def __init__(self, status: str, message: str):
        self.status = status
        self.message = message

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __eq__(self, other) -> bool:
        return isinstance(other, Outcome) and (self.status, self.message) == (other.status, other.message)

    def __hash__(self) -> int:
        return hash((self.status, self.message))

    def __repr__(self) -> str:
        mark = {"correct": TICK, "wrong": CROSS}.get(self.status, DOTS)
        return f"{mark} {self.message}"


class Text:
    """A hint, a solution or a prompt: Markdown in a notebook, plain text elsewhere."""

    __slots__ = ("title", "body", "code")

    def __init__(self, title: str, body: str, code: bool = False):
        self.title, self.body, self.code = title, body, code

    def __repr__(self) -> str:
        return f"{self.title}:\n{self.body}"

    def _repr_markdown_(self) -> str:
        body = f"```python\n{self.body}\n```" if self.code else self.body
        return f"**{self.title}:**\n\n{body}"


def _not_attempted(answer) -> bool:
    if answer is None or answer is ____ or answer is Ellipsis:  # otter's blank is `...`
        return True
    if isinstance(answer, list | tuple) and any(a is ____ for a in answer):
        return True
    return False


def _close(a, b, rel: float, abs_: float) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=abs_)
    except (TypeError, ValueError, OverflowError):
        return False


def solution_namespace() -> dict:
    """The names a model solution (and a learner's first cell) may use."""
    from .data import load_dataset

    return {"load_dataset": load_dataset, "pd": pd, "____": ____}


def run_solution(code: str):
    """Run a model solution in a fresh namespace and return the ``answer`` it sets."""
    namespace = solution_namespace()
    exec(compile(code, "<model solution>", "exec"), namespace)  # noqa: S102 - the course's own code
    if "answer" not in namespace or _not_attempted(namespace["answer"]):
        raise TaskError("the model solution sets no `answer`")
    return namespace["answer"]


def markdown_text(text: str) -> str:
    """Declaration text for Markdown: a dollar sign is money, never the start of maths."""
    return re.sub(r"(?<!\\)\$", r"\\$", text)


def task_number(name: str) -> str:
    """'task3' -> '3' (the number learners read); other names stay as they are."""
    match = re.fullmatch(r"task(\d+)", name)
    return match.group(1) if match else name


class Task:
    """One Try-it task, declared once.

    ``solution`` is the model solution: Python that sets ``answer``, run against
    the course data to get the expected value. ``compare`` (optional) replaces the
    default comparison: ``compare(answer, expected)`` returns ``None`` when right
    or a message saying what differs. ``check`` (optional) is a custom check, a
    function of the answer alone that returns ``None`` (or ``True``) when it is
    right and a message (or ``False``) when it is not; with a model solution as
    well, the answer must pass both. ``note`` and ``mistakes`` are for the teacher
    guide. ``notebook`` names the notebook whose progress the checks count toward.
    """

    def __init__(self, name: str, *, prompt: str, hint: str, notebook: str, solution: str = "",
                 compare: Callable[[object, object], str | None] | None = None,
                 check: Callable[[object], str | bool | None] | None = None,
                 rel_tol: float = 1e-6, abs_tol: float = 1e-9, note: str = "", mistakes: str = ""):
        self.name = name
        self.prompt = prompt
        self.solution_code = solution.strip("\n")
        self.hint_text = hint
        self.notebook = notebook
        self.compare = compare
        self.custom_check = check
        self.rel_tol, self.abs_tol = rel_tol, abs_tol
        self.note, self.mistakes = note, mistakes
        self.checks: list[str] = []
        if not self.solution_code and check is None and not self._has_expectation():
            raise TaskError(f"task {name!r} has no model solution and no check: give it "
                            "`solution=` or `check=` (or both)")

    def _has_expectation(self) -> bool:
        return bool(self.solution_code)

    @property
    def title(self) -> str:
        return f"Task {task_number(self.name)}"

    def expected(self):
        """The right answer, computed now by the model solution."""
        return run_solution(self.solution_code)

    # The learner's three verbs ---------------------------------------------------------
    def check(self, answer=____) -> Outcome:
        """Is ``answer`` right? Never raises on the learner's answer."""
        outcome = self.outcome(answer)
        self.checks.append(outcome.status)
        self._record("check", outcome=outcome.status, answer=answer)
        return outcome

    def outcome(self, answer=____) -> Outcome:
        """What :meth:`check` reports, without saving it to the learner's progress."""
        if _not_attempted(answer):
            return Outcome("not attempted", "Not attempted yet: replace ____ with your "
                                            "answer, then run the cell again.")
        problem = self._problem(answer)
        return Outcome("correct", "Correct.") if problem is None else Outcome("wrong", f"Not yet: {problem}")

    def _problem(self, answer) -> str | None:
        if self.custom_check is not None:
            verdict = _guarded(self.custom_check, answer)
            if verdict is False:
                return "that is not the answer."
            if isinstance(verdict, str) and verdict:
                return verdict
        if not self._has_expectation():
            return None
        return self._compare_expected(answer)

    def _compare_expected(self, answer) -> str | None:
        want = self.expected()  # a broken declaration raises: a bug, not the learner's fault
        return _guarded(self.compare or _default_compare(self), answer, want)

    def assert_correct(self, answer=____) -> None:
        """For autograders (nbgrader, otter): raise ``AssertionError`` unless ``answer`` is right.

        Nothing is saved to progress: a grader's run is not the learner's check.
        """
        outcome = self.outcome(answer)
        if outcome.status != "correct":
            raise AssertionError(f"{self.title}: {outcome.message}")

    def hint(self) -> Text:
        """A hint (saved in your progress as a hint used)."""
        self._record("hint")
        return Text(f"Hint for {self.title.lower()}", self.hint_text)

    def solution(self) -> Text:
        """The model solution (saved in your progress: checks after it count as shown)."""
        if not self.solution_code:
            return Text(f"Solution for {self.title.lower()}", "This notebook has no model solution "
                        "in it: ask your teacher, or compare with a classmate.")
        self._record("solution")
        return Text(f"Solution for {self.title.lower()}", self.solution_code, code=True)

    def _record(self, action: str, **fields) -> None:
        from . import progress

        progress.record_task(self, action, **fields)

    # Display -------------------------------------------------------------------------
    def __repr__(self) -> str:
        return f"{self.title}. {self.prompt}{self._last_check_line()}"

    def _repr_markdown_(self) -> str:
        last = self._last_check_line()
        return (f"**{self.title}.** {markdown_text(self.prompt)}"
                + (f"\n\n*{last.strip()}*" if last else ""))

    def _last_check_line(self) -> str:
        """After a restart: what the learner's last saved check of this task found."""
        from . import progress

        last = progress.last_task_check(self.notebook, self.name)
        if last is None:
            return ""
        return f"\n(Your last saved check of this task: {STATUS_WORDS.get(last, last)}.)"


def _guarded(compare, *args):
    """Run a comparison; what the learner's odd answer makes it raise becomes a message."""
    try:
        return compare(*args)
    except _COMPARE_ERRORS as exc:
        return (f"could not compare your answer ({type(exc).__name__}: "
                f"{str(exc)[:80]}); check its type.")


def _default_compare(task: Task):
    def compare(answer, want) -> str | None:
        if isinstance(want, pd.DataFrame | pd.Series):
            return compare_frames(answer, want, rel=task.rel_tol)
        if isinstance(want, bool):
            return None if answer is want or answer == want else f"expected True or False, and " \
                f"{answer!r} is not it."
        if isinstance(want, int | float):
            if isinstance(answer, pd.Series | pd.DataFrame):
                return "expected a single number, not a whole table; pick one value out of it."
            if isinstance(answer, str | bytes | bool):
                return f"expected a number, got {type(answer).__name__} {str(answer)[:40]!r}."
            try:
                value = float(answer)
            except (TypeError, ValueError):
                return f"expected a number, got {type(answer).__name__}."
            if math.isnan(value):
                return "your answer is NaN (a missing value); check your filter."
            if _close(answer, want, task.rel_tol, task.abs_tol):
                return None
            return f"{float(answer):,.6g} is too {'low' if float(answer) < want else 'high'}."
        if isinstance(want, str):
            return None if str(answer).strip().casefold() == want.casefold() else (
                f"{str(answer)[:60]!r} is not the answer.")
        if isinstance(want, list | tuple):
            got = list(answer) if isinstance(answer, list | tuple | pd.Series) else None
            if got is None:
                return f"expected a list of {len(want)} items."
            if len(got) != len(want):
                return f"expected {len(want)} items, got {len(got)}."
            wrong = [i for i, (a, b) in enumerate(zip(got, want, strict=True))
                     if not (a == b or _close(a, b, task.rel_tol, task.abs_tol))]
            return None if not wrong else f"item {wrong[0] + 1} differs ({got[wrong[0]]!r})."
        return None if answer == want else "that is not the expected value."
    return compare


def compare_frames(answer, want, *, rel: float = 1e-6) -> str | None:
    """What differs between a learner's table (or series) and the expected one."""
    if isinstance(want, pd.Series):
        if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        if not isinstance(answer, pd.Series):
            return f"expected a pandas Series, got {type(answer).__name__}."
        if len(answer) != len(want):
            return f"expected {len(want)} values, got {len(answer)}."
        if list(map(str, answer.index)) != list(map(str, want.index)):
            return "the index (labels) differs; check the sorting or the grouping column."
        if pd.api.types.is_numeric_dtype(want) and not pd.api.types.is_bool_dtype(want):
            a = pd.to_numeric(answer, errors="coerce").astype(float).to_numpy()
            b = want.astype(float).to_numpy()
            for label, x, y in zip(want.index, a, b, strict=True):
                if not (math.isnan(x) and math.isnan(y)) and not _close(x, y, rel, 1e-9):
                    return f"the value for {label!r} is {x:,.6g}; check your calculation."
            return None
        for label, x, y in zip(want.index, answer.astype(str), want.astype(str), strict=True):
            if x != y:
                return f"the value for {label!r} is {x[:40]!r}; check your calculation."
        return None
    if not isinstance(answer, pd.DataFrame):
        return f"expected a pandas DataFrame, got {type(answer).__name__}."
    missing = [c for c in want.columns if c not in answer.columns]
    if missing:
        return f"column(s) missing: {', '.join(map(str, missing))}."
    if len(answer) != len(want):
        return f"expected {len(want)} rows, got {len(answer)}; check your filter."
    for col in want.columns:
        problem = compare_frames(answer[col].reset_index(drop=True),
                                 want[col].reset_index(drop=True), rel=rel)
        if problem:
            return f"in column {col!r}, {problem}"
    return None


# --- sealed tasks: what a student version keeps of the answer ---------------------------------
#
# A student version must not contain the answer in any form, yet still tell a learner "not
# attempted", "wrong, and here is what differs" or "right". A sealed task keeps only a seal:
# salted digests of the expected answer (numbers rounded to ``sig`` significant figures, text
# without case or surrounding spaces) plus its type and shape, never a value. ``lessons student``
# writes the seals by running the instructor notebook's model solutions. A digest of a small
# answer (a count, True or False) can be guessed by trying values, exactly as the check itself
# can: a seal hides the answer from reading, not from guessing.

SEAL_VERSION = 1


def _is_bool(value) -> bool:
    return isinstance(value, bool) or type(value).__name__ == "bool_"  # numpy's bool too


def _is_number(value) -> bool:
    import numbers

    return isinstance(value, numbers.Number) and not isinstance(value, complex) and not _is_bool(value)


def _canon_text(value) -> str:
    return str(value).strip().casefold()


def _canon_number(value, sig: int) -> str:
    x = float(value)
    if math.isnan(x):
        return "nan"
    return f"{(x if x != 0 else 0.0):.{sig}g}"


def _canon_item(value, sig: int) -> str:
    if _is_bool(value):
        return f"b:{bool(value)}"
    if _is_number(value):
        return f"n:{_canon_number(value, sig)}"
    return f"s:{_canon_text(value)}"


def _canon_values(series: pd.Series, sig: int) -> str:
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        values = pd.to_numeric(series, errors="coerce").astype(float)
        return "|".join(_canon_number(v, sig) for v in values)
    return "|".join(str(v) for v in series.astype(str))


def _digest(salt: str, text: str) -> str:
    import hashlib

    return hashlib.sha256(f"{salt}\x00{text}".encode()).hexdigest()[:32]


def make_seal(value, *, salt: str, sig: int = 6) -> dict:
    """The seal of an expected answer: its kind and shape, and digests (never the value)."""
    def d(text):
        return _digest(salt, text)

    if isinstance(value, pd.DataFrame):
        return {"v": SEAL_VERSION, "kind": "frame", "sig": sig, "rows": len(value),
                "columns": {str(c): d(_canon_values(value[c].reset_index(drop=True), sig))
                            for c in value.columns}}
    if isinstance(value, pd.Series):
        return {"v": SEAL_VERSION, "kind": "series", "sig": sig, "length": len(value),
                "index": d("|".join(map(str, value.index))), "digest": d(_canon_values(value, sig))}
    if _is_bool(value):
        return {"v": SEAL_VERSION, "kind": "bool", "digest": d(str(bool(value)))}
    if _is_number(value):
        return {"v": SEAL_VERSION, "kind": "number", "sig": sig, "digest": d(_canon_number(value, sig))}
    if isinstance(value, str):
        return {"v": SEAL_VERSION, "kind": "text", "digest": d(_canon_text(value))}
    if isinstance(value, list | tuple):
        return {"v": SEAL_VERSION, "kind": "list", "sig": sig, "length": len(value),
                "digest": d("|".join(_canon_item(x, sig) for x in value))}
    raise TaskError(f"an answer of type {type(value).__name__} cannot be sealed; use a number, "
                    "True/False, text, a list, a pandas Series or DataFrame (or a custom check)")


def compare_sealed(answer, seal: dict, salt: str) -> str | None:
    """What differs between a learner's answer and a sealed expected answer (None: right)."""
    kind, sig = seal.get("kind"), int(seal.get("sig", 6))

    def d(text):
        return _digest(salt, text)

    if kind == "number":
        if isinstance(answer, pd.Series | pd.DataFrame):
            return "expected a single number, not a whole table; pick one value out of it."
        if isinstance(answer, str | bytes | bool):
            return f"expected a number, got {type(answer).__name__} {str(answer)[:40]!r}."
        value = float(answer)
        if math.isnan(value):
            return "your answer is NaN (a missing value); check your filter."
        return None if d(_canon_number(value, sig)) == seal["digest"] else (
            f"{value:,.6g} is not the answer; check your filter and your calculation.")
    if kind == "bool":
        if not _is_bool(answer):
            return f"expected True or False, got {type(answer).__name__}."
        return None if d(str(bool(answer))) == seal["digest"] else f"{bool(answer)} is not it."
    if kind == "text":
        if not isinstance(answer, str):
            return f"expected text, got {type(answer).__name__}."
        return None if d(_canon_text(answer)) == seal["digest"] else (
            f"{answer[:60]!r} is not the answer.")
    if kind == "list":
        if not isinstance(answer, list | tuple | pd.Series):
            return f"expected a list of {seal['length']} items."
        got = list(answer)
        if len(got) != seal["length"]:
            return f"expected {seal['length']} items, got {len(got)}."
        return None if d("|".join(_canon_item(x, sig) for x in got)) == seal["digest"] else (
            "at least one item differs; check each one.")
    if kind == "series":
        if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        if not isinstance(answer, pd.Series):
            return f"expected a pandas Series, got {type(answer).__name__}."
        if len(answer) != seal["length"]:
            return f"expected {seal['length']} values, got {len(answer)}."
        if d("|".join(map(str, answer.index))) != seal["index"]:
            return "the index (labels) differs; check the sorting or the grouping column."
        return None if d(_canon_values(answer, sig)) == seal["digest"] else (
            "the labels are right but some values differ; check your calculation.")
    if kind == "frame":
        if not isinstance(answer, pd.DataFrame):
            return f"expected a pandas DataFrame, got {type(answer).__name__}."
        missing = [c for c in seal["columns"] if c not in map(str, answer.columns)]
        if missing:
            return f"column(s) missing: {', '.join(missing)}."
        if len(answer) != seal["rows"]:
            return f"expected {seal['rows']} rows, got {len(answer)}; check your filter."
        by_name = {str(c): c for c in answer.columns}
        for col, digest in seal["columns"].items():
            if d(_canon_values(answer[by_name[col]].reset_index(drop=True), sig)) != digest:
                return f"in column {col!r}, some values differ; check your calculation."
        return None
    raise TaskError(f"unknown seal kind {kind!r}: run `lessons student` again on the instructor notebook")


class SealedTask(Task):
    """A task whose expected answer is kept only as a seal (see :func:`make_seal`).

    It has no model solution and no readable expected value: ``solution()`` says so and
    ``expected()`` refuses. The last answer checked is remembered as a seal too, so that
    ``lessons student`` can seal the instructor's model answer.
    """

    def __init__(self, name: str, *, expect: str | dict | None, **kw):
        import json

        # expect="" is a seal still to be made: `lessons student` writes it from the model answer.
        self.pending = expect == ""
        self.seal = json.loads(expect) if isinstance(expect, str) and expect else (expect or None)
        self.last_seal: dict | None = None
        kw.pop("solution", None)
        super().__init__(name, **kw)

    def _has_expectation(self) -> bool:
        return self.seal is not None or self.pending

    @property
    def salt(self) -> str:
        return f"{self.notebook}:{self.name}"

    def expected(self):
        raise TaskError(f"{self.title} is sealed: its expected answer is not in this notebook")

    def outcome(self, answer=____) -> Outcome:
        if not _not_attempted(answer):
            try:
                self.last_seal = make_seal(answer, salt=self.salt, sig=self.sig)
            except TaskError:
                self.last_seal = None
        return super().outcome(answer)

    @property
    def sig(self) -> int:
        return int((self.seal or {}).get("sig", 6))

    def _compare_expected(self, answer) -> str | None:
        if self.seal is None:
            return "this task is not sealed yet (run `lessons student` on the instructor notebook)."
        return _guarded(compare_sealed, answer, self.seal, self.salt)


def sealed_task(name: str, *, prompt: str, hint: str, notebook: str, expect: str | None = None,
                check: Callable[[object], str | bool | None] | None = None) -> SealedTask:
    """A task for an exercise notebook; ``expect`` is the seal ``lessons student`` writes."""
    return SealedTask(name, prompt=prompt, hint=hint, notebook=notebook, expect=expect, check=check)


def seal_report(namespace: dict) -> dict:
    """The tasks a notebook's namespace holds: sealed ones with their last seal, and open ones."""
    sealed, open_ = {}, []
    for var, value in namespace.items():
        if isinstance(value, SealedTask):
            sealed[value.name] = {"variable": var, "seal": value.last_seal,
                                  "custom": value.custom_check is not None}
        elif isinstance(value, Task) and value.solution_code:
            open_.append(var)
    return {"sealed": sealed, "open": sorted(open_)}


# --- generic tasks for instructor-built exercises ------------------------------------------

FACTS = {
    "rows": ("How many rows does `{ds}` have?", "len({ds})"),
    "distinct_sources": ("How many different sources stand behind the rows of `{ds}`?",
                         'int({ds}["source_id"].nunique())'),
    "preferred_rows": ("How many rows of `{ds}` are marked `preferred`?",
                       'int({ds}["preferred"].sum())'),
}


def fact_task(dataset: str, fact: str = "distinct_sources", name: str = "task1", *,
              notebook: str = "exercise") -> Task:
    """A ready-made task about one dataset, used by ``lessons new-exercise`` templates."""
    if fact not in FACTS:
        raise KeyError(f"no fact {fact!r}; choose one of {', '.join(FACTS)}")
    prompt, code = FACTS[fact]
    return Task(
        name,
        prompt=prompt.format(ds=dataset),
        solution=f'{dataset} = load_dataset("{dataset}")\nanswer = {code.format(ds=dataset)}',
        hint=f"Start from `{dataset} = load_dataset(\"{dataset}\")`.",
        notebook=notebook,
    )


# --- comparisons shared by many tasks ------------------------------------------------------

def _tidy_counts(series) -> dict[str, int]:
    return {str(k): int(v) for k, v in dict(series).items() if int(v) != 0}


def compare_counts(answer, want, *, what: str = "group") -> str | None:
    """Counts per group in any order (``value_counts`` or ``groupby().size()``); zero rows ignored."""
    if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        answer = answer.iloc[:, 0]
    if not isinstance(answer, pd.Series | dict):
        return (f"expected a pandas Series with one count per {what}, got "
                f"{type(answer).__name__} (try `.value_counts()`).")
    try:
        got = _tidy_counts(answer)
    except (TypeError, ValueError):
        return "the values should be counts (whole numbers)."
    need = _tidy_counts(want)
    missing = sorted(set(need) - set(got))
    if missing:
        return f"no count for {missing[0]!r}; did you keep every {what}?"
    extra = sorted(set(got) - set(need))
    if extra:
        return f"{extra[0]!r} should not be there; check your filter."
    for key in sorted(need):
        if got[key] != need[key]:
            return f"the count for {key!r} is {got[key]}, not right yet; check your filter."
    return None


def compare_share(answer, want: float, *, tol: float = 0.001) -> str | None:
    """A share between 0 and 1; a percentage (80 for 0.8) is accepted too."""
    if isinstance(answer, str | bytes | bool):
        return f"expected a number, got {type(answer).__name__}."
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return f"expected a number, got {type(answer).__name__}."
    if value > 1:
        value /= 100
    if abs(value - want) <= tol:
        return None
    return f"{value:.3g} is too {'low' if value < want else 'high'} (as a share between 0 and 1)."


# --- the teacher guide's answers, written from the declarations ----------------------------

GUIDE_BEGIN = "<!-- BEGIN GENERATED: Try-it answers"
GUIDE_END = "<!-- END GENERATED -->"


def format_answer(value) -> str:
    """A model answer as a teacher reads it in a guide."""
    if isinstance(value, pd.DataFrame):
        return f"a table of {len(value)} rows with columns {', '.join(map(str, value.columns))}"
    if isinstance(value, pd.Series):
        items = [f"{k}: {format_answer(v)}" for k, v in value.items()]
        return "; ".join(items[:20]) + (" …" if len(items) > 20 else "")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(format_answer(v) for v in value) + "]"
    return str(value)


def guide_section(tasks: list[Task]) -> str:
    """The generated block of a teacher guide's 'Answers to the Try-it tasks'."""
    out = [f"{GUIDE_BEGIN} from the task declarations in lessons/tasks/; edit those, then run "
           "`lessons guides --write` -->", ""]
    for task in tasks:
        out += [f"**{task.title}.** {markdown_text(task.prompt)}", "",
                f"**Answer:** `{format_answer(task.expected())}` (what the model solution "
                "computes from the current data).", "", "```python", task.solution_code, "```", ""]
        if task.note:
            out += [markdown_text(task.note), ""]
        if task.mistakes:
            out += [f"Common mistake: {markdown_text(task.mistakes)}", ""]
    out.append(GUIDE_END)
    return "\n".join(out)


def update_guide(path, tasks: list[Task], *, write: bool) -> bool:
    """Bring a guide's generated Try-it block up to date; True if it was already current.

    The block replaces everything under the heading 'Answers to the Try-it tasks' up to
    the next heading; nothing else in the guide is touched.
    """
    from pathlib import Path

    path = Path(path)
    text = path.read_text(encoding="utf-8")
    heading = "## Answers to the Try-it tasks\n"
    if heading not in text:
        raise TaskError(f"{path}: no heading 'Answers to the Try-it tasks'")
    head, rest = text.split(heading, 1)
    tail = rest[rest.index("\n## "):] if "\n## " in rest else "\n"
    new = f"{head}{heading}\n{guide_section(tasks)}\n{tail}"
    if new == text:
        return True
    if write:
        path.write_text(new, encoding="utf-8")
    return False
