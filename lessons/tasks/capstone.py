"""Try-it tasks for notebook 14 (Capstone: build an indicator, write a brief)."""
import pandas as pd

from lessons.data import load_dataset
from lessons.exercises import Task


def _arms_share_2018():
    t = load_dataset("arms_tiv")
    row = t[(t.year == 2018) & (t.vintage == 2026)].iloc[0]
    return float(row["rus_to_chn_tiv_musd"]) / float(row["chn_total_imports_tiv_musd"]) * 100


def _energy_rows():
    oil = load_dataset("crude_oil")
    gas = load_dataset("gas_volumes")
    oil_rows = oil[oil.preferred & oil.ru_share_pct.notna()]
    return pd.concat([oil_rows, gas[gas.preferred]])


def _distinct_sources():
    return int(_energy_rows()["source_id"].nunique())


def _gas_pct_of_plateau_2024():
    gas = load_dataset("gas_volumes")
    contract = load_dataset("gas_contract")
    plateau = float(contract[(contract.term == "plateau_volume") & contract.preferred]["value"].iloc[0])
    volume = float(gas[(gas.year == 2024) & gas.preferred]["volume_bcm"].iloc[0])
    return volume / plateau * 100


task1 = Task(
    name="task1",
    prompt="Compute the worked example's indicator for 2018: Russian deliveries as a % of China's "
           "arms imports, SIPRI 2026 vintage, from the two TIV columns.",
    expected=_arms_share_2018,
    hint_text="Filter `arms_tiv` on `year == 2018` and `vintage == 2026`, then divide "
              "`rus_to_chn_tiv_musd` by `chn_total_imports_tiv_musd` and multiply by 100.",
    solution_code='''t = load_dataset("arms_tiv")
row = t[(t.year == 2018) & (t.vintage == 2026)].iloc[0]
answer = float(row["rus_to_chn_tiv_musd"]) / float(row["chn_total_imports_tiv_musd"]) * 100''',
    rel_tol=0.002,
)

task2 = Task(
    name="task2",
    prompt="How many distinct sources lie behind the energy rows of section 3: the preferred "
           "`crude_oil` rows that have a share, plus the preferred `gas_volumes` rows?",
    expected=_distinct_sources,
    hint_text="Put the two sets of rows together with `pd.concat([oil_rows, gas_rows])` and count "
              "the distinct values of `source_id` with `.nunique()`.",
    solution_code='''oil = load_dataset("crude_oil")
gas = load_dataset("gas_volumes")
rows = pd.concat([oil[oil.preferred & oil.ru_share_pct.notna()], gas[gas.preferred]])
answer = rows["source_id"].nunique()''',
)

task3 = Task(
    name="task3",
    prompt="Power of Siberia's 2024 delivery as a % of the contract's annual plateau volume "
           "(preferred rows of `gas_volumes` and `gas_contract`).",
    expected=_gas_pct_of_plateau_2024,
    hint_text="The plateau is the `value` of the preferred `gas_contract` row with "
              "`term == \"plateau_volume\"`; the volume is the preferred 2024 row of `gas_volumes`. "
              "Divide, then multiply by 100.",
    solution_code='''gas = load_dataset("gas_volumes")
contract = load_dataset("gas_contract")
plateau = float(contract[(contract.term == "plateau_volume") & contract.preferred]["value"].iloc[0])
volume = float(gas[(gas.year == 2024) & gas.preferred]["volume_bcm"].iloc[0])
answer = volume / plateau * 100''',
    rel_tol=0.002,
)
