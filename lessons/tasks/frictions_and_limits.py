"""Try-it tasks for notebook 12 (Frictions and limits): one declaration each.

Each task's model solution is the only statement of its answer: the check, the
notebook's ``solution()`` and the teacher guide all run or show it.
"""

from lessons.exercises import Task, compare_counts

NOTEBOOK = "12_frictions_and_limits"


task1 = Task(
    "task1",
    notebook=NOTEBOOK,
    prompt=('Count the rows of `frictions` for each kind of friction. Your answer should be a '
            'pandas Series with one count per kind.'),
    hint=('`f.groupby("kind", observed=True).size()` counts rows per kind; '
          '`f["kind"].value_counts()` works too.'),
    solution="""
f = load_dataset("frictions")
answer = f.groupby("kind", observed=True).size()
""",
    compare=lambda a, w: compare_counts(a, w, what="kind"),
    note='competition 4, dependence 3, copying allegation 2, espionage 2, regional rivalry 2.',
    mistakes='counting the `who_says` or `date` column instead of grouping by `kind`.',
)


task2 = Task(
    "task2",
    notebook=NOTEBOOK,
    prompt=('Rostec spoke of 500 copying cases over 17 years. Compute the average number of cases '
            'per year from claims `c052b` and `c052c`. Remember that the result is a *derived* '
            'figure: when you use it, say that you calculated it.'),
    hint=('Claim `c052b` holds the number of cases and claim `c052c` the number of years, both '
          'in the `value` column of `load_dataset("claims")`. Divide one by the other.'),
    solution="""
c = load_dataset("claims").set_index("claim_id")
answer = float(c.loc["c052b", "value"]) / float(c.loc["c052c", "value"])
""",
    rel_tol=0.01,
    note='about 29.4 (500 / 17), a derived figure.',
    mistakes='dividing 17 by 500, or quoting the result later without saying it was calculated.',
)


task3 = Task(
    "task3",
    notebook=NOTEBOOK,
    prompt=('Which years appear in the `frictions` table? Give a sorted list of whole numbers. '
            "Then think: which of those years come from the article's publication date rather than "
            'from the event itself?'),
    hint=('Take the `year` column, keep its unique values, turn each into `int` and sort them: '
          '`sorted(int(y) for y in f["year"].unique())`.'),
    solution="""
f = load_dataset("frictions")
answer = sorted(int(y) for y in f["year"].dropna().unique())
""",
    note=('[2015, 2019, 2020, 2022, 2023, 2024, 2025]. The 2022 year-only rows mostly reflect '
          "the article's publication year."),
    mistakes='returning strings, or the unsorted output of `.unique()`.',
)
