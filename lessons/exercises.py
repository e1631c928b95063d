"""Try-it tasks: the learner writes pandas code, then ``task.check(answer)``.

In the manner of Kaggle Learn's learntools, with three verbs: ``check``,
``hint`` and ``solution``. A check returns an outcome, never raises:

- not attempted: the placeholder ``____`` (or ``None``) is still in place;
- wrong, with a pointer to what differs;
- right.

Tasks are declarations (see ``lessons/tasks/``): the expected value is computed
from the shared data when checked, so a task stays right when the data is
corrected.

    >>> from lessons import ____
    >>> from lessons.tasks.trade import task1
    >>> answer = ____
    >>> task1.check(answer)
    … Not attempted yet: replace ____ with your answer, then run the cell again.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

TICK, CROSS, DOTS = "✓", "✗", "…"


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


@dataclass(frozen=True)
class Outcome:
    """What a check found: ``status`` is 'correct', 'wrong' or 'not attempted'."""

    status: str
    message: str

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        mark = {"correct": TICK, "wrong": CROSS}.get(self.status, DOTS)
        return f"{mark} {self.message}"


@dataclass(frozen=True)
class Text:
    """A hint or solution: shown as Markdown in a notebook, plain text elsewhere."""

    title: str
    body: str
    code: bool = False

    def __repr__(self) -> str:
        return f"{self.title}:\n{self.body}"

    def _repr_markdown_(self) -> str:
        body = f"```python\n{self.body}\n```" if self.code else self.body
        return f"**{self.title}:**\n\n{body}"


def _not_attempted(answer) -> bool:
    if answer is None or answer is ____:
        return True
    if isinstance(answer, list | tuple) and any(a is ____ for a in answer):
        return True
    return False


def _close(a, b, rel: float, abs_: float) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=abs_)
    except (TypeError, ValueError, OverflowError):
        return False


@dataclass
class Task:
    """One Try-it task.

    ``expected`` computes the right answer from the data; ``compare`` (optional)
    replaces the default comparison and returns ``None`` when right or a
    message saying what differs.
    """

    name: str
    prompt: str
    expected: Callable[[], object]
    hint_text: str
    solution_code: str
    rel_tol: float = 1e-6
    abs_tol: float = 1e-9
    compare: Callable[[object, object], str | None] | None = None
    checks: list = field(default_factory=list, repr=False)

    def check(self, answer=____) -> Outcome:
        """Is ``answer`` right? Never raises."""
        if _not_attempted(answer):
            outcome = Outcome("not attempted", "Not attempted yet: replace ____ with your "
                                               "answer, then run the cell again.")
        else:
            try:
                want = self.expected()
                problem = (self.compare or _default_compare(self))(answer, want)
                outcome = (Outcome("correct", "Correct.") if problem is None
                           else Outcome("wrong", f"Not yet: {problem}"))
            except Exception as exc:  # a learner's odd value must not raise here
                outcome = Outcome("wrong", f"Not yet: could not compare your answer "
                                           f"({type(exc).__name__}: {str(exc)[:80]}).")
        self.checks.append(outcome.status)
        return outcome

    def hint(self) -> Text:
        return Text(f"Hint for {self.name}", self.hint_text)

    def solution(self) -> Text:
        return Text(f"Solution for {self.name}", self.solution_code.strip(), code=True)

    def __repr__(self) -> str:
        return f"{self.name}: {self.prompt}"


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


# --- generic tasks for instructor-built exercises ------------------------------------------

FACTS = {
    "rows": ("How many rows does `{ds}` have?", "len({ds})", lambda t: len(t)),
    "distinct_sources": ("How many different sources stand behind the rows of `{ds}`?",
                         '{ds}["source_id"].nunique()', lambda t: int(t["source_id"].nunique())),
    "preferred_rows": ("How many rows of `{ds}` are marked `preferred`?",
                       "int({ds}[\"preferred\"].sum())", lambda t: int(t["preferred"].sum())),
}


def fact_task(dataset: str, fact: str = "distinct_sources", name: str = "task1") -> Task:
    """A ready-made task about one dataset, used by ``lessons new-exercise`` templates."""
    from .data import load_dataset

    if fact not in FACTS:
        raise KeyError(f"no fact {fact!r}; choose one of {', '.join(FACTS)}")
    prompt, code, compute = FACTS[fact]
    return Task(
        name=name,
        prompt=prompt.format(ds=dataset),
        expected=lambda: compute(load_dataset(dataset)),
        hint_text=f"Start from `{dataset} = load_dataset(\"{dataset}\")`.",
        solution_code=f'{dataset} = load_dataset("{dataset}")\nanswer = {code.format(ds=dataset)}',
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
