"""Try-it tasks for notebook 09 (Arms trade): one declaration each.

Each task's model solution is the only statement of its answer: the check, the
notebook's ``solution()`` and the teacher guide all run or show it.
"""

from lessons.exercises import Task

NOTEBOOK = "09_arms_trade"


task1 = Task(
    "task1",
    notebook=NOTEBOOK,
    prompt=("Using the 2026 vintage of `arms_tiv`, add up Russia's deliveries to China "
            '(`rus_to_chn_tiv_musd`) for 2000–2009 and for 2010–2019. Answer with a list of two '
            'numbers: `[total 2000-2009, total 2010-2019]`. Stay within one vintage!'),
    hint=('Keep only rows with `vintage == 2026`, then filter the years with '
          '`.year.between(2000, 2009)` and take `.sum()` of `rus_to_chn_tiv_musd`. Do the same '
          'for 2010-2019 and put both totals in a list.'),
    solution="""
tiv = load_dataset("arms_tiv")
v = tiv[tiv.vintage == 2026]
first = v[v.year.between(2000, 2009)]["rus_to_chn_tiv_musd"].sum()
second = v[v.year.between(2010, 2019)]["rus_to_chn_tiv_musd"].sum()
answer = [float(first), float(second)]
""",
    rel_tol=0.001,
    note='**[21549.0, 8579.0]** TIV million (2000–2009, then 2010–2019).',
    mistakes=('forgetting the vintage filter, which adds both editions together and roughly doubles '
              'the overlapping years.'),
)


task2 = Task(
    "task2",
    notebook=NOTEBOOK,
    prompt=('In which year did Russia deliver the most arms to China, according to the 2026 '
            'vintage? Answer with the year as a number.'),
    hint=('Keep the 2026 vintage, then find the row with the largest `rus_to_chn_tiv_musd`: '
          '`.idxmax()` gives its index label, and `.loc[label, "year"]` its year. Sorting with '
          '`sort_values(..., ascending=False)` works too.'),
    solution="""
tiv = load_dataset("arms_tiv")
v = tiv[tiv.vintage == 2026]
answer = int(v.loc[v["rus_to_chn_tiv_musd"].idxmax(), "year"])
""",
    note='**2005**.',
    mistakes=('answering with the peak value (3,066) or the row label from `idxmax()` instead of the '
              'year.'),
)


task3 = Task(
    "task3",
    notebook=NOTEBOOK,
    prompt=('From `arms_deliveries`, how many Su-35 fighters reached China in each year? Answer '
            'with a pandas Series whose index is the year and whose values are the units delivered.'),
    hint=('Filter `arms_deliveries` on `deal_id == "su35"`, then '
          '`groupby("year")["units"].sum()`.'),
    solution="""
d = load_dataset("arms_deliveries")
answer = d[d.deal_id == "su35"].groupby("year")["units"].sum()
""",
    note='2016: 4, 2017: 10, 2018: 10 (24 aircraft in all).',
    mistakes=('filtering on `item == "Su-35"`, which matches nothing because the item is "Su-35S '
              'fighter aircraft".'),
)
