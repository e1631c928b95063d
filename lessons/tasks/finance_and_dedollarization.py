"""Try-it tasks for notebook 03 (Finance and de-dollarization)."""

from lessons.data import load_dataset
from lessons.exercises import Task, compare_counts


def _settlement():
    return load_dataset("currency_settlement")


def _usd_change():
    cs = _settlement()
    exact = cs[cs.share_qualifier == "exact"]
    start = float(cs[cs.period == "2015"]["usd_share_pct"].iloc[0])
    end = float(exact[exact.period == "2020-Q1"]["usd_share_pct"].iloc[0])
    return end - start


def _kind_counts():
    counts = _settlement()["claim_kind"].astype(str).value_counts()
    return counts.sort_index()




def _claim_spread():
    cs = _settlement()
    claims = cs[cs.claim_kind == "official claim"]["national_currencies_share_pct"].dropna()
    return float(claims.max() - claims.min())


task1 = Task(
    name="task1",
    prompt=("By how many percentage points did the dollar's share of Russia-China trade "
            "settlements change from 2015 to the first quarter of 2020? Use the rows with "
            "period '2015' and '2020-Q1' (the exact figure, not the article's 'less than'). "
            "A fall is a negative number."),
    expected=_usd_change,
    hint_text=("Filter `currency_settlement` on `period == \"2015\"` and take `usd_share_pct`. "
               "For 2020-Q1 there are two rows: keep the one whose `share_qualifier` is "
               "\"exact\". Subtract: later minus earlier."),
    solution_code='''cs = load_dataset("currency_settlement")
start = cs[cs.period == "2015"]["usd_share_pct"].iloc[0]
end = cs[(cs.period == "2020-Q1") & (cs.share_qualifier == "exact")]["usd_share_pct"].iloc[0]
answer = float(end - start)''',
)

task2 = Task(
    name="task2",
    prompt=("Count the rows of `currency_settlement` for each `claim_kind`. Answer with the "
            "pandas Series of counts. Then look hard at the result: which kind of evidence is "
            "missing?"),
    expected=_kind_counts,
    hint_text=("`cs[\"claim_kind\"].value_counts()` does it in one step. Because `claim_kind` "
               "is a category column, pandas also lists categories that have no rows at all."),
    solution_code='''cs = load_dataset("currency_settlement")
answer = cs["claim_kind"].value_counts()''',
    compare=lambda a, w: compare_counts(a, w, what="claim_kind"),
)

task3 = Task(
    name="task3",
    prompt=("Keep only the official claims that give a national-currency share "
            "(`national_currencies_share_pct`). How many percentage points separate the "
            "highest claim from the lowest?"),
    expected=_claim_spread,
    hint_text=("Filter on `claim_kind == \"official claim\"`, take the "
               "`national_currencies_share_pct` column, drop the empty values with `.dropna()`, "
               "then compute `.max() - .min()`."),
    solution_code='''cs = load_dataset("currency_settlement")
shares = cs[cs.claim_kind == "official claim"]["national_currencies_share_pct"].dropna()
answer = float(shares.max() - shares.min())''',
)
