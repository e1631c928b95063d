"""Try-it tasks for notebook 08 (Aerospace industry): one declaration each.

Each task's model solution is the only statement of its answer: the check, the
notebook's ``solution()`` and the teacher guide all run or show it.
"""

from lessons.exercises import Task

NOTEBOOK = "08_aerospace_industry"


task1 = Task(
    "task1",
    notebook=NOTEBOOK,
    prompt=("How many years before the CR929's promised serial-production year did Russia step "
            'back? (`promised_year` minus `outcome_year` for `cr929_widebody`.)'),
    hint=('Pick the row with `project_id == "cr929_widebody"`, take `.iloc[0]`, then subtract '
          'its `outcome_year` from its `promised_year`.'),
    solution="""
p = load_dataset("projects")
row = p[p.project_id == "cr929_widebody"].iloc[0]
answer = int(row["promised_year"] - row["outcome_year"])
""",
    note='**2** years (promised 2025, outcome 2023).',
    mistakes='subtracting the other way round (−2) or using `announced_year`.',
)


task2 = Task(
    "task2",
    notebook=NOTEBOOK,
    prompt=('List the aerospace projects with their status: a Series indexed by `project_id` '
            '(sorted), with the `status` as text.'),
    hint=('Filter on `domain == "aerospace"`, sort by `project_id`, set it as the index, take '
          'the `status` column and convert it with `.astype(str)`.'),
    solution="""
p = load_dataset("projects")
aero = p[p.domain == "aerospace"].sort_values("project_id")
answer = aero.set_index("project_id")["status"].astype(str)
""",
    note='`advanced_heavy_lift` delayed, `cr929_widebody` downgraded.',
    mistakes='forgetting `.astype(str)` or leaving the index unsorted.',
)


task3 = Task(
    "task3",
    notebook=NOTEBOOK,
    prompt="How many of the article's aerospace claims are forecasts?",
    hint=('Combine two conditions with `&`: `domain == "aerospace"` and `claim_type == '
          '"forecast"`. Then count the rows with `len(...)` or `.sum()`.'),
    solution="""
c = load_dataset("claims")
answer = len(c[(c.domain == "aerospace") & (c.claim_type == "forecast")])
""",
    note='**7** forecasts.',
    mistakes='writing `and` instead of `&`, or counting forecasts from every domain.',
)
