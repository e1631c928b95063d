"""Try-it tasks for notebook 06 (Emerging technology)."""

from lessons.data import load_dataset
from lessons.exercises import Task, compare_counts, compare_share


def _tech_claims_by_type():
    c = load_dataset("claims")
    return c[c.domain == "technology"]["claim_type"].value_counts()


def _unknown_share():
    p = load_dataset("projects")
    tech = p[p.domain == "technology"]
    return float((tech.status == "unknown").mean())


def _tech_events_in_order():
    e = load_dataset("events")
    return e[e.domain == "technology"].sort_values("date", kind="stable")["event_id"].tolist()


task1 = Task(
    name="task1",
    prompt="Count the article's technology claims by claim_type (a Series: claim type -> number of claims).",
    expected=_tech_claims_by_type,
    hint_text="Filter `claims` on `domain == \"technology\"`, then use `.value_counts()` on the "
              "`claim_type` column. Order does not matter.",
    solution_code='''c = load_dataset("claims")
answer = c[c.domain == "technology"]["claim_type"].value_counts()''',
    compare=lambda a, w: compare_counts(a, w, what="claim type"),
)

task2 = Task(
    name="task2",
    prompt="What share of the technology projects have the status 'unknown'? (a number between 0 and 1)",
    expected=_unknown_share,
    hint_text="Filter `projects` on `domain == \"technology\"`. The mean of a True/False column "
              "is the share of True values: `(tech.status == \"unknown\").mean()`.",
    solution_code='''p = load_dataset("projects")
tech = p[p.domain == "technology"]
answer = float((tech.status == "unknown").mean())''',
    compare=compare_share,
)

task3 = Task(
    name="task3",
    prompt="List the event_id of every technology event, earliest first (a Python list).",
    expected=_tech_events_in_order,
    hint_text="Filter `events` on `domain == \"technology\"`, sort with `.sort_values(\"date\")`, "
              "then take the `event_id` column with `.tolist()`.",
    solution_code='''e = load_dataset("events")
answer = e[e.domain == "technology"].sort_values("date")["event_id"].tolist()''',
)
