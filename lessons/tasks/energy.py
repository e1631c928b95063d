"""Try-it tasks for notebook 05 (Energy): one declaration each.

Each task's model solution is the only statement of its answer: the check, the
notebook's ``solution()`` and the teacher guide all run or show it.
"""

from lessons.exercises import Task

NOTEBOOK = "05_energy"


task1 = Task(
    "task1",
    notebook=NOTEBOOK,
    prompt=("Compute Russia's share of China's crude imports in 2020, in percent, from the two "
            'tonnages in the preferred 2020 row of `crude_oil`. Compare your result with the '
            '`ru_share_pct` value: that one is marked as derived too.'),
    hint=('Filter `crude_oil` on `year == 2020` and `preferred`, take one row with `.iloc[0]`, '
          'then divide `ru_crude_mt` by `cn_total_imports_mt` and multiply by 100.'),
    solution="""
c = load_dataset("crude_oil")
row = c[(c.year == 2020) & c.preferred].iloc[0]
answer = float(row["ru_crude_mt"]) / float(row["cn_total_imports_mt"]) * 100
""",
    rel_tol=0.005,
    note=('About **15.41%** (83.57 Mt out of 542.4 Mt), consistent with the derived 15.4% in '
          '`ru_share_pct`.'),
    mistakes='leaving the result as a fraction (0.154) or mixing barrels a day with tonnes.',
)


task2 = Task(
    "task2",
    notebook=NOTEBOOK,
    prompt=('How many times more gas flowed through Power of Siberia in 2024 than in 2020 '
            '(preferred rows of `gas_volumes`)? Gazprom planned to more than triple its gas sales '
            'to China (claim `c035b`): by this measure, was that reached?'),
    hint=('Keep `gas_volumes` rows where `preferred` is True, make `year` the index, and divide '
          'the 2024 `volume_bcm` by the 2020 one.'),
    solution="""
g = load_dataset("gas_volumes")
main = g[g.preferred].set_index("year")["volume_bcm"].astype(float)
answer = main.loc[2024] / main.loc[2020]
""",
    rel_tol=0.005,
    note=("About **7.59 times** (31.12 bcm against 4.1 bcm). By this narrow measure Gazprom's "
          'plan to more than triple sales (claim `c035b`) was exceeded, though the claim speaks '
          'of new pipelines in general and carries no date.'),
    mistakes=('dividing the wrong way round (about 0.13) or comparing with the 38 bcm plateau '
              'instead of the 2024 figure.'),
)


task3 = Task(
    "task3",
    notebook=NOTEBOOK,
    prompt=("List the years, earliest first, in which Russia ranked first among China's crude "
            'suppliers (preferred rows of `crude_oil`). Which years does an undated "Russia is '
            'China\'s top supplier" fit?'),
    hint=('Filter on `preferred` and on `ru_rank == 1`, then turn the `year` column into a '
          'sorted list of ints: `sorted(int(y) for y in rows["year"])`.'),
    solution="""
c = load_dataset("crude_oil")
rows = c[c.preferred & (c.ru_rank == 1)]
answer = sorted(int(y) for y in rows["year"])
""",
    note='**[2016, 2017, 2018, 2023, 2024]**.',
    mistakes=("skipping the `preferred` filter, which lists 2016 twice because the article's own row "
              'also ranks Russia first.'),
)
