"""Try-it tasks for notebook 14 (Capstone: method check): one declaration each.

Each task's model solution is the only statement of its answer: the check, the
notebook's ``solution()`` and the teacher guide all run or show it.
"""

from lessons.exercises import Task

NOTEBOOK = "14_capstone"


task1 = Task(
    "task1",
    notebook=NOTEBOOK,
    prompt=("Compute the worked example's indicator for **2018**: Russian deliveries as a "
            "percentage of China's arms imports, SIPRI 2026 vintage, from the two TIV columns."),
    hint=('Filter `arms_tiv` on `year == 2018` and `vintage == 2026`, then divide '
          '`rus_to_chn_tiv_musd` by `chn_total_imports_tiv_musd` and multiply by 100.'),
    solution="""
t = load_dataset("arms_tiv")
row = t[(t.year == 2018) & (t.vintage == 2026)].iloc[0]
answer = float(row["rus_to_chn_tiv_musd"]) / float(row["chn_total_imports_tiv_musd"]) * 100
""",
    rel_tol=0.002,
    note='about 82.5% (82.47).',
    mistakes=("not filtering on vintage, so the 2022 edition's row is picked up, or forgetting to "
              'multiply by 100.'),
)


task2 = Task(
    "task2",
    notebook=NOTEBOOK,
    prompt=('How many **distinct sources** lie behind the energy rows of section 3 (the preferred '
            '`crude_oil` rows that have a share, plus the preferred `gas_volumes` rows)? A brief '
            'that rests on many sources needs a longer source list, and it is worth knowing if one '
            'source carries a whole series.'),
    hint=('Put the two sets of rows together with `pd.concat([oil_rows, gas_rows])` and count '
          'the distinct values of `source_id` with `.nunique()`.'),
    solution="""
oil = load_dataset("crude_oil")
gas = load_dataset("gas_volumes")
rows = pd.concat([oil[oil.preferred & oil.ru_share_pct.notna()], gas[gas.preferred]])
answer = rows["source_id"].nunique()
""",
    note='9.',
    mistakes='counting rows instead of distinct `source_id` values, or including non-preferred rows.',
)


task3 = Task(
    "task3",
    notebook=NOTEBOOK,
    prompt=("What was Power of Siberia's 2024 delivery as a percentage of the contract's annual "
            'plateau? Compute it from the data (it is a derived value).'),
    hint=('The plateau is the `value` of the preferred `gas_contract` row with `term == '
          '"plateau_volume"`; the volume is the preferred 2024 row of `gas_volumes`. Divide, '
          'then multiply by 100.'),
    solution="""
gas = load_dataset("gas_volumes")
contract = load_dataset("gas_contract")
plateau = float(contract[(contract.term == "plateau_volume") & contract.preferred]["value"].iloc[0])
volume = float(gas[(gas.year == 2024) & gas.preferred]["volume_bcm"].iloc[0])
answer = volume / plateau * 100
""",
    rel_tol=0.002,
    note='about 81.9% (81.89), a derived value.',
    mistakes='typing 38 and 31.12 by hand, which works but skips reading values from the data.',
)
