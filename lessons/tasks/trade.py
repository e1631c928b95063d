"""Try-it tasks for notebook 02 (Trade)."""
from lessons.data import load_dataset
from lessons.exercises import Task


def _main_series():
    t = load_dataset("trade_annual")
    return t[t.preferred].sort_values("year")


def _growth_2022():
    m = _main_series().set_index("year")["total_usd_bn"].astype(float)
    return (m[2022] / m[2021] - 1) * 100


def _import_surplus_years():
    m = _main_series()
    more = m[m.cn_imports_from_ru_usd_bn > m.cn_exports_to_ru_usd_bn]
    return [int(y) for y in more["year"]]


def _first_above_100():
    m = _main_series()
    return int(m[m.total_usd_bn > 100]["year"].min())


task1 = Task(
    name="task1",
    prompt=("Using the main series (preferred rows of `trade_annual`), by how many percent "
            "did trade grow from 2021 to 2022? Answer with a number of percent, e.g. 12.3."),
    expected=_growth_2022,
    hint_text=("Keep `preferred` rows, take `total_usd_bn` for 2021 and for 2022, then "
               "compute `(new / old - 1) * 100`. `.pct_change(fill_method=None)` on the "
               "series sorted by year gives the same number."),
    solution_code='''t = load_dataset("trade_annual")
main = t[t.preferred].set_index("year")["total_usd_bn"]
answer = float((main[2022] / main[2021] - 1) * 100)''',
    rel_tol=0.002,
)

task2 = Task(
    name="task2",
    prompt=("List the years (earliest first) in which China imported more from Russia than "
            "it exported to Russia, using the preferred rows. Answer with a list of years."),
    expected=_import_surplus_years,
    hint_text=("Keep `preferred` rows and compare two columns: "
               "`cn_imports_from_ru_usd_bn > cn_exports_to_ru_usd_bn`. Years without a "
               "published split give <NA> and drop out of the filter. Turn the `year` column "
               "of what is left into a list with `.tolist()`."),
    solution_code='''t = load_dataset("trade_annual")
main = t[t.preferred].sort_values("year")
more = main[main.cn_imports_from_ru_usd_bn > main.cn_exports_to_ru_usd_bn]
answer = more["year"].tolist()''',
)

task3 = Task(
    name="task3",
    prompt=("In which year did trade first go above 100 billion dollars on the main series? "
            "Answer with the year as a number."),
    expected=_first_above_100,
    hint_text=("Keep `preferred` rows whose `total_usd_bn` is above 100, then take the "
               "smallest `year` with `.min()`."),
    solution_code='''t = load_dataset("trade_annual")
main = t[t.preferred]
answer = int(main[main.total_usd_bn > 100]["year"].min())''',
)
