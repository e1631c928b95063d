"""Try-it tasks for notebook 11 (Cyber and information)."""
import pandas as pd

from lessons.data import load_dataset
from lessons.exercises import Task, compare_counts, compare_share


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


def _events_per_domain():
    e = load_dataset("events")
    return e["domain"].value_counts()


def _cyber_project_status():
    p = load_dataset("projects")
    return str(p[p.domain == "cyber"]["status"].iloc[0])


def _cyber_claim_share():
    c = load_dataset("claims")
    return float((c.domain == "cyber").mean())


task1 = Task(
    name="task1",
    prompt="Count the rows of `events` in each domain (a Series: domain -> number of events).",
    expected=_events_per_domain,
    hint_text="`.value_counts()` on the `domain` column of `events` counts rows per domain. "
              "Order does not matter.",
    solution_code='''e = load_dataset("events")
answer = e["domain"].value_counts()''',
    compare=lambda a, w: compare_counts(a, w, what="domain"),
)

task2 = Task(
    name="task2",
    prompt="What is the status of the cyber project in `projects`? (a string)",
    expected=_cyber_project_status,
    hint_text="Filter `projects` on `domain == \"cyber\"` and look at the `status` column; "
              "`.iloc[0]` takes the first (and only) value.",
    solution_code='''p = load_dataset("projects")
answer = str(p[p.domain == "cyber"]["status"].iloc[0])''',
    compare=_one_text,
)

task3 = Task(
    name="task3",
    prompt="What share of all the article's claims are in the cyber domain? (a number between 0 and 1)",
    expected=_cyber_claim_share,
    hint_text="`(claims.domain == \"cyber\")` is True for cyber rows; its `.mean()` is their share. "
              "Or divide the number of cyber rows by `len(claims)`.",
    solution_code='''c = load_dataset("claims")
answer = float((c.domain == "cyber").mean())''',
    compare=compare_share,
)
