"""Try-it tasks for notebook 10 (Joint exercises): one declaration each.

Each task's model solution is the only statement of its answer: the check, the
notebook's ``solution()`` and the teacher guide all run or show it.
"""

from lessons.exercises import Task, compare_counts

NOTEBOOK = "10_joint_exercises"


task1 = Task(
    "task1",
    notebook=NOTEBOOK,
    prompt=('How many **naval exercises** (type `"naval"`, not naval patrols) are on the list? '
            'Count the preferred rows only.'),
    hint=('Keep `ex[ex.preferred]`, then compare the `type` column with the string "naval" and '
          'add up the matches with `.sum()` (or use `len(...)`).'),
    solution="""
ex = load_dataset("exercises")
main = ex[ex.preferred]
answer = int((main["type"] == "naval").sum())
""",
    note='13.',
    mistakes=('counting naval patrols as well, or forgetting `preferred` so that exercises with two '
              'sources count twice.'),
)


task2 = Task(
    "task2",
    notebook=NOTEBOOK,
    prompt='In which year did Russian and Chinese bombers fly their **first joint air patrol**?',
    hint=('Filter the preferred rows on `type == "air patrol"` and take the smallest `year` with '
          '`.min()`.'),
    solution="""
ex = load_dataset("exercises")
main = ex[ex.preferred]
answer = int(main[main["type"] == "air patrol"]["year"].min())
""",
    note='2019.',
    mistakes='giving the whole `start_date` or the row label instead of the year as a whole number.',
)


task3 = Task(
    "task3",
    notebook=NOTEBOOK,
    prompt=('How many preferred rows of **each type** are there from 2019 onwards? Answer with a '
            'pandas Series (index: type, values: counts). Which types have disappeared since 2019, '
            'and which are new?'),
    hint=('Keep preferred rows with `year >= 2019`, then `groupby("type", '
          'observed=True).size()`; `["type"].value_counts()` works too.'),
    solution="""
ex = load_dataset("exercises")
main = ex[ex.preferred]
answer = main[main.year >= 2019].groupby("type", observed=True).size()
""",
    compare=lambda a, w: compare_counts(a, w, what="type"),
    note=('land 2, naval 5, air patrol 9, naval patrol 3, strategic 3. Missile-defence computer '
          'drills (2016 and 2017) no longer appear; air and naval patrols are new.'),
    mistakes=('using `> 2019`, which drops the first air patrol, or returning a DataFrame with '
              'several columns instead of one Series.'),
)
