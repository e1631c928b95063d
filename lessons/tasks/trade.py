"""Try-it tasks for notebook 02 (Trade): one declaration each.

Each task's model solution is the only statement of its answer: the check, the
notebook's ``solution()`` and the teacher guide all run or show it.
"""

from lessons.exercises import Task

NOTEBOOK = "02_trade"


task1 = Task(
    "task1",
    notebook=NOTEBOOK,
    prompt=('Using the main series, by how many percent did trade grow from 2021 to 2022? Compute '
            'it yourself (a number like `12.3`).'),
    hint=('Keep `preferred` rows, take `total_usd_bn` for 2021 and for 2022, then compute `(new '
          '/ old - 1) * 100`. `.pct_change(fill_method=None)` on the series sorted by year gives '
          'the same number.'),
    solution="""
t = load_dataset("trade_annual")
main = t[t.preferred].set_index("year")["total_usd_bn"]
answer = float((main[2022] / main[2021] - 1) * 100)
""",
    rel_tol=0.002,
    note='About 29.5% (29.53), from 146.89bn in 2021 to 190.27bn in 2022.',
    mistakes=('answering 0.295 (a fraction), or keeping non-preferred rows so that a year appears '
              'twice.'),
)


task2 = Task(
    "task2",
    notebook=NOTEBOOK,
    prompt=('List the years, earliest first, in which China imported more from Russia than it '
            'exported to Russia (preferred rows only).'),
    hint=('Keep `preferred` rows and compare two columns: `cn_imports_from_ru_usd_bn > '
          'cn_exports_to_ru_usd_bn`. Years without a published split give <NA> and drop out of '
          'the filter. Turn the `year` column of what is left into a list with `.tolist()`.'),
    solution="""
t = load_dataset("trade_annual")
main = t[t.preferred].sort_values("year")
more = main[main.cn_imports_from_ru_usd_bn > main.cn_exports_to_ru_usd_bn]
answer = more["year"].tolist()
""",
    note='`[2018, 2019, 2020, 2022, 2023, 2024]`. 2021 is absent because its split was left out.',
    mistakes='expecting 2021 in the list, or filling the missing splits with zeros.',
)


task3 = Task(
    "task3",
    notebook=NOTEBOOK,
    prompt='In which year did trade first go above 100 billion dollars on the main series?',
    hint=('Keep `preferred` rows whose `total_usd_bn` is above 100, then take the smallest '
          '`year` with `.min()`.'),
    solution="""
t = load_dataset("trade_annual")
main = t[t.preferred]
answer = int(main[main.total_usd_bn > 100]["year"].min())
""",
    note='2018 (107.06bn).',
    mistakes='returning the filtered table instead of taking `.min()` of its `year` column.',
)


task4 = Task(
    "task4",
    notebook=NOTEBOOK,
    prompt=('Using `dependence_shares()`, by how many percentage points did Russia\'s share of '
            "China's goods trade change from 2014 to 2023? (A number like `1.5`; a fall would be "
            'negative.)'),
    hint=('Call `dependence_shares()`, set `year` as the index, and subtract the 2014 value of '
          '`russia_in_china_pct` from the 2023 value.'),
    solution="""
from lessons.dependence import dependence_shares
s = dependence_shares().set_index("year")
answer = float(s.loc[2023, "russia_in_china_pct"] - s.loc[2014, "russia_in_china_pct"])
""",
    rel_tol=0.01,
    note=('About 1.8 percentage points (from 2.22% in 2014 to 4.04% in 2023). A point change is '
          'not a percent change: in relative terms the share rose by about four fifths.'),
    mistakes=('computing a percent change of the share instead of a difference in points, or '
              'using 2024, which has no dollar total for China.'),
)
