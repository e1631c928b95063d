"""Try-it tasks for notebook 01 (Context and timeline): one declaration each.

Each task's model solution is the only statement of its answer: the check, the
notebook's ``solution()`` and the teacher guide all run or show it.
"""

from lessons.exercises import Task, compare_counts

NOTEBOOK = "01_context_and_timeline"


task1 = Task(
    "task1",
    notebook=NOTEBOOK,
    prompt=('How many events does each domain have from 2014 onwards? Answer with a pandas Series '
            '(domain → number of events).'),
    hint=('Filter `events` on `events.year >= 2014`, then use `value_counts()` on the `domain` '
          'column (or `groupby("domain", observed=True).size()`).'),
    solution="""
events = load_dataset("events")
answer = events[events.year >= 2014]["domain"].value_counts()
""",
    compare=lambda a, w: compare_counts(a, w, what="domain"),
    note=('The answer is events per domain from 2014 on, 70 in total: aerospace 4, arms 4, cyber '
          '4, diplomacy 5, economy 6, energy 8, exercises 11, finance 5, frictions 4, '
          'infrastructure 5, space 8, technology 6.'),
    mistakes='`> 2014` drops the seven 2014 events.',
)


task2 = Task(
    "task2",
    notebook=NOTEBOOK,
    prompt=('Which year has the most events in the table? Careful: more than one year may share '
            'the top spot. Answer with a sorted list of years.'),
    hint=('`events.year.value_counts()` counts events per year. Keep the years whose count '
          'equals the maximum, then `sorted(...)` them. Watch out for ties.'),
    solution="""
events = load_dataset("events")
counts = events.year.value_counts()
answer = sorted(int(y) for y in counts[counts == counts.max()].index)
""",
    note='The answer is `[2019, 2020, 2021]`, three years tied at nine events each.',
    mistakes='`idxmax()` returns only one of the tied years.',
)


task3 = Task(
    "task3",
    notebook=NOTEBOOK,
    prompt=('List the titles of the `exercises` events, earliest first, as a Python list. Compare '
            'the list with the road map: how many come after November 2021?'),
    hint=('Filter on `events.domain == "exercises"`, sort with `.sort_values("date")`, then turn '
          'the `title` column into a list with `.tolist()`.'),
    solution="""
events = load_dataset("events")
drills = events[events.domain == "exercises"].sort_values("date")
answer = drills["title"].tolist()
""",
    note=('The answer is thirteen titles, from "Coalition-2003, the first SCO exercise" to '
          '"Joint bomber patrol near Alaska". Two follow the road map of 23 November 2021: '
          'Vostok-2022 and the Alaska patrol.'),
    mistakes='the singular `"exercise"` matches nothing, so the list comes back empty.',
)
