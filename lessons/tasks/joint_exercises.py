"""Try-it tasks for notebook 10 (Joint exercises)."""

from lessons.data import load_dataset
from lessons.exercises import Task, compare_counts


def _preferred():
    ex = load_dataset("exercises")
    return ex[ex.preferred]


def _naval_count():
    p = _preferred()
    return int((p["type"] == "naval").sum())


def _first_air_patrol():
    p = _preferred()
    return int(p[p["type"] == "air patrol"]["year"].min())


def _types_since_2019():
    p = _preferred()
    return p[p.year >= 2019].groupby("type", observed=True).size()






task1 = Task(
    name="task1",
    prompt=("How many naval exercises (type \"naval\", not naval patrols) does the table list? "
            "Count the preferred rows only."),
    expected=_naval_count,
    hint_text=("Keep `ex[ex.preferred]`, then compare the `type` column with the string "
               "\"naval\" and add up the matches with `.sum()` (or use `len(...)`)."),
    solution_code='''ex = load_dataset("exercises")
main = ex[ex.preferred]
answer = int((main["type"] == "naval").sum())''',
)

task2 = Task(
    name="task2",
    prompt="In which year did Russian and Chinese bombers fly their first joint air patrol?",
    expected=_first_air_patrol,
    hint_text=("Filter the preferred rows on `type == \"air patrol\"` and take the smallest "
               "`year` with `.min()`."),
    solution_code='''ex = load_dataset("exercises")
main = ex[ex.preferred]
answer = int(main[main["type"] == "air patrol"]["year"].min())''',
)

task3 = Task(
    name="task3",
    prompt=("How many preferred rows of each type are there from 2019 onwards? Answer with a "
            "pandas Series: the index is the type, the values are the counts."),
    expected=_types_since_2019,
    hint_text=("Keep preferred rows with `year >= 2019`, then `groupby(\"type\", "
               "observed=True).size()`; `[\"type\"].value_counts()` works too."),
    solution_code='''ex = load_dataset("exercises")
main = ex[ex.preferred]
answer = main[main.year >= 2019].groupby("type", observed=True).size()''',
    compare=lambda a, w: compare_counts(a, w, what="type"),
)
