"""Try-it tasks for notebook 05 (Energy)."""
from lessons.data import load_dataset
from lessons.exercises import Task


def _share_2020():
    c = load_dataset("crude_oil")
    row = c[(c.year == 2020) & c.preferred].iloc[0]
    return float(row["ru_crude_mt"]) / float(row["cn_total_imports_mt"]) * 100


def _gas_growth():
    g = load_dataset("gas_volumes")
    main = g[g.preferred].set_index("year")["volume_bcm"].astype(float)
    return main.loc[2024] / main.loc[2020]


def _years_first():
    c = load_dataset("crude_oil")
    main = c[c.preferred & (c.ru_rank == 1)]
    return sorted(int(y) for y in main["year"])


task1 = Task(
    name="task1",
    prompt=("Compute Russia's share of China's crude oil imports in 2020, in percent, from "
            "the two tonnages in `crude_oil` (preferred row): Russian crude divided by China's "
            "total imports, times 100."),
    expected=_share_2020,
    hint_text=("Filter `crude_oil` on `year == 2020` and `preferred`, take one row with "
               "`.iloc[0]`, then divide `ru_crude_mt` by `cn_total_imports_mt` and multiply "
               "by 100."),
    solution_code='''c = load_dataset("crude_oil")
row = c[(c.year == 2020) & c.preferred].iloc[0]
answer = float(row["ru_crude_mt"]) / float(row["cn_total_imports_mt"]) * 100''',
    rel_tol=0.005,
)

task2 = Task(
    name="task2",
    prompt=("How many times more gas flowed through Power of Siberia in 2024 than in 2020? "
            "Use the preferred rows of `gas_volumes`."),
    expected=_gas_growth,
    hint_text=("Keep `gas_volumes` rows where `preferred` is True, make `year` the index, and "
               "divide the 2024 `volume_bcm` by the 2020 one."),
    solution_code='''g = load_dataset("gas_volumes")
main = g[g.preferred].set_index("year")["volume_bcm"].astype(float)
answer = main.loc[2024] / main.loc[2020]''',
    rel_tol=0.005,
)

task3 = Task(
    name="task3",
    prompt=("List the years (as integers, earliest first) in which Russia ranked first among "
            "China's crude oil suppliers, using the preferred rows of `crude_oil`."),
    expected=_years_first,
    hint_text=("Filter on `preferred` and on `ru_rank == 1`, then turn the `year` column into "
               "a sorted list of ints: `sorted(int(y) for y in rows[\"year\"])`."),
    solution_code='''c = load_dataset("crude_oil")
rows = c[c.preferred & (c.ru_rank == 1)]
answer = sorted(int(y) for y in rows["year"])''',
)
