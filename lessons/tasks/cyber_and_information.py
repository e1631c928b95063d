"""Try-it tasks for notebook 11 (Cyber and information): one declaration each.

Each task's model solution is the only statement of its answer: the check, the
notebook's ``solution()`` and the teacher guide all run or show it.
"""

import pandas as pd

from lessons.exercises import Task, compare_counts, compare_share

NOTEBOOK = "11_cyber_and_information"


def _one_text(answer, want):
    """Accept a string, or a list/Series holding one string."""
    if isinstance(answer, pd.DataFrame) and answer.shape == (1, 1):
        answer = answer.iloc[0, 0]
    if isinstance(answer, pd.Series | list | tuple):
        if len(answer) != 1:
            return f"expected one status, got {len(answer)} values."
        answer = list(answer)[0]
    return None if str(answer).strip().casefold() == want.casefold() else (
        f"{str(answer)[:40]!r} is not the status in the table.")


task1 = Task(
    "task1",
    notebook=NOTEBOOK,
    prompt=('Count the rows of `events` in each domain, as a pandas Series (domain → number of '
            'events). Which domains tie with cyber at the bottom?'),
    hint=('`.value_counts()` on the `domain` column of `events` counts rows per domain. Order '
          'does not matter.'),
    solution="""
e = load_dataset("events")
answer = e["domain"].value_counts()
""",
    compare=lambda a, w: compare_counts(a, w, what="domain"),
    note=('exercises 13, diplomacy 9, energy 8, space 8, economy 6, infrastructure 6, technology '
          '6, arms 6, finance 5, aerospace 4, cyber 4, frictions 4. Aerospace and frictions tie '
          'with cyber at the bottom.'),
    mistakes='filtering to `domain == "cyber"` first and returning the single number 4.',
)


task2 = Task(
    "task2",
    notebook=NOTEBOOK,
    prompt='What is the `status` of the cyber project in `projects`? Give it as a string.',
    hint=('Filter `projects` on `domain == "cyber"` and look at the `status` column; `.iloc[0]` '
          'takes the first (and only) value.'),
    solution="""
p = load_dataset("projects")
answer = str(p[p.domain == "cyber"]["status"].iloc[0])
""",
    compare=_one_text,
    note='"unknown".',
    mistakes=('returning the `outcome` text ("not known from open sources") instead of the `status` '
              'column.'),
)


task3 = Task(
    "task3",
    notebook=NOTEBOOK,
    prompt=("What share of all the article's claims are in the cyber domain? Give a number between "
            '0 and 1. Then ask yourself: does a small share mean cyber matters little, or that '
            'little about it is public?'),
    hint=('`(claims.domain == "cyber")` is True for cyber rows; its `.mean()` is their share. Or '
          'divide the number of cyber rows by `len(claims)`.'),
    solution="""
c = load_dataset("claims")
answer = float((c.domain == "cyber").mean())
""",
    compare=compare_share,
    note=('0.02 , that is 5 of 250 claims (the model solution recomputes it from the current '
          'data).'),
    mistakes='giving a percentage (2.0) instead of a fraction between 0 and 1.',
)
