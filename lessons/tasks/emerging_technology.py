"""Try-it tasks for notebook 06 (Emerging technology): one declaration each.

Each task's model solution is the only statement of its answer: the check, the
notebook's ``solution()`` and the teacher guide all run or show it.
"""

from lessons.exercises import Task, compare_counts, compare_share

NOTEBOOK = "06_emerging_technology"


task1 = Task(
    "task1",
    notebook=NOTEBOOK,
    prompt=('The chart in section 2 counted technology claims by *who* makes them. Now count them '
            'by *kind*: how many are statements, events, figures, targets and forecasts? Build a '
            'pandas Series with one count per `claim_type`.'),
    hint=('Filter `claims` on `domain == "technology"`, then use `.value_counts()` on the '
          '`claim_type` column. Order does not matter.'),
    solution="""
c = load_dataset("claims")
answer = c[c.domain == "technology"]["claim_type"].value_counts()
""",
    compare=lambda a, w: compare_counts(a, w, what="claim type"),
    note=('Statement 15, event 10, figure 8, target 3, forecast 2: 38 claims in the current '
          '`claims` table (the empty `date` category may show as 0). If the data are revised, '
          'rerun the model solution for the current counts.'),
    mistakes='forgetting the `domain` filter and counting claims from every domain.',
)


task2 = Task(
    "task2",
    notebook=NOTEBOOK,
    prompt=('What share of the technology projects have the status `unknown`? Give a number '
            'between 0 and 1.'),
    hint=('Filter `projects` on `domain == "technology"`. The mean of a True/False column is the '
          'share of True values: `(tech.status == "unknown").mean()`.'),
    solution="""
p = load_dataset("projects")
tech = p[p.domain == "technology"]
answer = float((tech.status == "unknown").mean())
""",
    compare=compare_share,
    note=('**0.8**: four of the five technology projects have the status `unknown` (80 is also '
          'accepted).'),
    mistakes='counting the unknown rows (4) instead of giving a share.',
)


task3 = Task(
    "task3",
    notebook=NOTEBOOK,
    prompt=('List the `event_id` of every technology event, earliest first, as a Python list. '
            '(Watch out: a date given only as a year, like `2020`, sorts before `2020-03`. Does '
            'that order make sense for the innovation complex, whose month we do not know?)'),
    hint=('Filter `events` on `domain == "technology"`, sort with `.sort_values("date")`, then '
          'take the `event_id` column with `.tolist()`.'),
    solution="""
e = load_dataset("events")
answer = e[e.domain == "technology"].sort_values("date")["event_id"].tolist()
""",
    note=("`['2014_casc_rostec_agreement', '2019_innovation_years_decree', "
          "'2020_innovation_complex', '2020_huawei_ai_lab_mipt', '2020_huawei_ai_pledge', "
          "'2021_pharma_2030']`"),
    mistakes=('sorting by `year`, which ties the three 2020 events; also note that the complex sorts '
              'first in 2020 only because its date has no month, not because it came first.'),
)
