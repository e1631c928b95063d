"""Try-it tasks for notebook 01 (Context and timeline)."""
from lessons.data import load_dataset
from lessons.exercises import Task, compare_counts


def _counts_since_2014():
    e = load_dataset("events")
    recent = e[e["year"] >= 2014]
    return recent["domain"].astype(str).value_counts().sort_index()




def _busiest_years():
    e = load_dataset("events")
    counts = e["year"].astype(int).value_counts()
    return sorted(int(y) for y in counts[counts == counts.max()].index)


def _exercise_titles():
    e = load_dataset("events")
    drills = e[e["domain"] == "exercises"].sort_values("date")
    return [str(t) for t in drills["title"]]


task1 = Task(
    name="task1",
    prompt=("Count the events in each domain from 2014 onwards (year 2014 or later). "
            "Answer with a pandas Series: the index is the domain, the value the number of events."),
    expected=_counts_since_2014,
    hint_text=("Filter `events` on `events.year >= 2014`, then use `value_counts()` on the "
               "`domain` column (or `groupby(\"domain\", observed=True).size()`)."),
    solution_code='''events = load_dataset("events")
answer = events[events.year >= 2014]["domain"].value_counts()''',
    compare=lambda a, w: compare_counts(a, w, what="domain"),
)

task2 = Task(
    name="task2",
    prompt=("Which year (or years) has the most events in the table? Answer with a sorted "
            "list of years, e.g. [2001] or [2001, 2005]."),
    expected=_busiest_years,
    hint_text=("`events.year.value_counts()` counts events per year. Keep the years whose count "
               "equals the maximum, then `sorted(...)` them. Watch out for ties."),
    solution_code='''events = load_dataset("events")
counts = events.year.value_counts()
answer = sorted(int(y) for y in counts[counts == counts.max()].index)''',
)

task3 = Task(
    name="task3",
    prompt=("List the titles of the events in the `exercises` domain, earliest first "
            "(a Python list of strings)."),
    expected=_exercise_titles,
    hint_text=("Filter on `events.domain == \"exercises\"`, sort with `.sort_values(\"date\")`, "
               "then turn the `title` column into a list with `.tolist()`."),
    solution_code='''events = load_dataset("events")
drills = events[events.domain == "exercises"].sort_values("date")
answer = drills["title"].tolist()''',
)
