"""Try-it tasks for notebook 08 (Aerospace industry)."""
from lessons.data import load_dataset
from lessons.exercises import Task


def _cr929_gap():
    p = load_dataset("projects")
    row = p[p.project_id == "cr929_widebody"].iloc[0]
    return int(row["promised_year"] - row["outcome_year"])


def _aerospace_statuses():
    p = load_dataset("projects")
    aero = p[p.domain == "aerospace"].sort_values("project_id")
    return aero.set_index("project_id")["status"].astype(str)


def _aerospace_forecasts():
    c = load_dataset("claims")
    return int(((c.domain == "aerospace") & (c.claim_type == "forecast")).sum())


task1 = Task(
    name="task1",
    prompt=("The CR929 was promised for serial production in one year; Russia stepped back from "
            "the joint venture in another. How many years before the promised year did that "
            "happen? (`promised_year` minus `outcome_year` for `cr929_widebody` in `projects`.)"),
    expected=_cr929_gap,
    hint_text=("Pick the row with `project_id == \"cr929_widebody\"`, take `.iloc[0]`, then "
               "subtract its `outcome_year` from its `promised_year`."),
    solution_code='''p = load_dataset("projects")
row = p[p.project_id == "cr929_widebody"].iloc[0]
answer = int(row["promised_year"] - row["outcome_year"])''',
)

task2 = Task(
    name="task2",
    prompt=("List the aerospace projects in `projects` with their status: a Series indexed by "
            "`project_id` (sorted), whose values are the `status` as text."),
    expected=_aerospace_statuses,
    hint_text=("Filter on `domain == \"aerospace\"`, sort by `project_id`, set it as the index, "
               "take the `status` column and convert it with `.astype(str)`."),
    solution_code='''p = load_dataset("projects")
aero = p[p.domain == "aerospace"].sort_values("project_id")
answer = aero.set_index("project_id")["status"].astype(str)''',
)

task3 = Task(
    name="task3",
    prompt="How many of the article's aerospace claims (in `claims`) are forecasts?",
    expected=_aerospace_forecasts,
    hint_text=("Combine two conditions with `&`: `domain == \"aerospace\"` and "
               "`claim_type == \"forecast\"`. Then count the rows with `len(...)` or `.sum()`."),
    solution_code='''c = load_dataset("claims")
answer = len(c[(c.domain == "aerospace") & (c.claim_type == "forecast")])''',
)
