"""Try-it tasks for notebook 09 (Arms trade)."""
from lessons.data import load_dataset
from lessons.exercises import Task


def _tiv_2026():
    tiv = load_dataset("arms_tiv")
    return tiv[tiv.vintage == 2026]


def _decade_totals():
    v = _tiv_2026()
    first = float(v[v.year.between(2000, 2009)]["rus_to_chn_tiv_musd"].sum())
    second = float(v[v.year.between(2010, 2019)]["rus_to_chn_tiv_musd"].sum())
    return [first, second]


def _peak_year():
    v = _tiv_2026()
    return int(v.loc[v["rus_to_chn_tiv_musd"].idxmax(), "year"])


def _su35_by_year():
    d = load_dataset("arms_deliveries")
    return d[d.deal_id == "su35"].groupby("year")["units"].sum()


task1 = Task(
    name="task1",
    prompt=("Using the 2026 vintage of `arms_tiv`, add up Russia's deliveries to China "
            "(TIV million) for 2000-2009 and for 2010-2019. Answer with a list of two "
            "numbers: [total 2000-2009, total 2010-2019]."),
    expected=_decade_totals,
    hint_text=("Keep only rows with `vintage == 2026`, then filter the years with "
               "`.year.between(2000, 2009)` and take `.sum()` of `rus_to_chn_tiv_musd`. "
               "Do the same for 2010-2019 and put both totals in a list."),
    solution_code='''tiv = load_dataset("arms_tiv")
v = tiv[tiv.vintage == 2026]
first = v[v.year.between(2000, 2009)]["rus_to_chn_tiv_musd"].sum()
second = v[v.year.between(2010, 2019)]["rus_to_chn_tiv_musd"].sum()
answer = [float(first), float(second)]''',
    rel_tol=0.001,
)

task2 = Task(
    name="task2",
    prompt=("In which year did Russia deliver the most arms to China, by SIPRI's 2026 "
            "vintage? Answer with the year as a number."),
    expected=_peak_year,
    hint_text=("Keep the 2026 vintage, then find the row with the largest "
               "`rus_to_chn_tiv_musd`: `.idxmax()` gives its index label, and `.loc[label, "
               "\"year\"]` its year. Sorting with `sort_values(..., ascending=False)` works too."),
    solution_code='''tiv = load_dataset("arms_tiv")
v = tiv[tiv.vintage == 2026]
answer = int(v.loc[v["rus_to_chn_tiv_musd"].idxmax(), "year"])''',
)

task3 = Task(
    name="task3",
    prompt=("From `arms_deliveries`, how many Su-35 fighters reached China in each year? "
            "Answer with a pandas Series: the index is the year, the values are the units."),
    expected=_su35_by_year,
    hint_text=("Filter `arms_deliveries` on `deal_id == \"su35\"`, then "
               "`groupby(\"year\")[\"units\"].sum()`."),
    solution_code='''d = load_dataset("arms_deliveries")
answer = d[d.deal_id == "su35"].groupby("year")["units"].sum()''',
)
