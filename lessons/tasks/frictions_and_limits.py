"""Try-it tasks for notebook 12 (Frictions and limits)."""
from lessons.data import load_dataset
from lessons.exercises import Task, compare_counts


def _by_kind():
    f = load_dataset("frictions")
    return f.groupby("kind", observed=True).size().sort_index()




def _copying_per_year():
    c = load_dataset("claims").set_index("claim_id")
    return float(c.loc["c052b", "value"]) / float(c.loc["c052c", "value"])


def _friction_years():
    f = load_dataset("frictions")
    return sorted(int(y) for y in f["year"].dropna().unique())


task1 = Task(
    name="task1",
    prompt="Count the rows of `frictions` for each kind of friction (a Series: kind -> count).",
    expected=_by_kind,
    hint_text="`f.groupby(\"kind\", observed=True).size()` counts rows per kind; "
              "`f[\"kind\"].value_counts()` works too.",
    solution_code='''f = load_dataset("frictions")
answer = f.groupby("kind", observed=True).size()''',
    compare=lambda a, w: compare_counts(a, w, what="kind"),
)

task2 = Task(
    name="task2",
    prompt="Rostec's 500 copying cases over 17 years: how many cases a year on average? "
           "(A derived figure: Rostec did not publish it.)",
    expected=_copying_per_year,
    hint_text="Claim `c052b` holds the number of cases and claim `c052c` the number of years, "
              "both in the `value` column of `load_dataset(\"claims\")`. Divide one by the other.",
    solution_code='''c = load_dataset("claims").set_index("claim_id")
answer = float(c.loc["c052b", "value"]) / float(c.loc["c052c", "value"])''',
    rel_tol=0.01,
)

task3 = Task(
    name="task3",
    prompt="List the distinct years in which the `frictions` table records at least one "
           "friction, earliest first (a list of whole numbers).",
    expected=_friction_years,
    hint_text="Take the `year` column, keep its unique values, turn each into `int` and sort "
              "them: `sorted(int(y) for y in f[\"year\"].unique())`.",
    solution_code='''f = load_dataset("frictions")
answer = sorted(int(y) for y in f["year"].dropna().unique())''',
)
