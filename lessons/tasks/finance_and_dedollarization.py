"""Try-it tasks for notebook 03 (Finance and de-dollarization): one declaration each.

Each task's model solution is the only statement of its answer: the check, the
notebook's ``solution()`` and the teacher guide all run or show it.
"""

from lessons.exercises import Task, compare_counts

NOTEBOOK = "03_finance_and_dedollarization"


task1 = Task(
    "task1",
    notebook=NOTEBOOK,
    prompt=("By how many percentage points did the dollar's share change from 2015 to "
            'January–March 2020? Use the exact `2020-Q1` figure, not the article\'s "less than 50%".'),
    hint=('Filter `currency_settlement` on `period == "2015"` and take `usd_share_pct`. For '
          '2020-Q1 there are two rows: keep the one whose `share_qualifier` is "exact". '
          'Subtract: later minus earlier.'),
    solution="""
cs = load_dataset("currency_settlement")
start = cs[cs.period == "2015"]["usd_share_pct"].iloc[0]
end = cs[(cs.period == "2020-Q1") & (cs.share_qualifier == "exact")]["usd_share_pct"].iloc[0]
answer = float(end - start)
""",
    note='−44 percentage points (90% in 2015 to 46% in January–March 2020).',
    mistakes='taking the article\'s "less than 50" row (giving −40) or reversing the sign.',
)


task2 = Task(
    "task2",
    notebook=NOTEBOOK,
    prompt=('Count the rows of `currency_settlement` for each `claim_kind`. Which kind of evidence '
            'has no rows at all, and what does that tell you?'),
    hint=('`cs["claim_kind"].value_counts()` does it in one step. Because `claim_kind` is a '
          'category column, pandas also lists categories that have no rows at all.'),
    solution="""
cs = load_dataset("currency_settlement")
answer = cs["claim_kind"].value_counts()
""",
    compare=lambda a, w: compare_counts(a, w, what="claim_kind"),
    note=("8 reported data, 6 official claims, 0 published data. No row is a statistics office's "
          'own release.'),
    mistakes=('reading only the non-zero counts and missing that the strongest kind of evidence is '
              'absent.'),
)


task3 = Task(
    "task3",
    notebook=NOTEBOOK,
    prompt=('Keep only the official claims that give a national-currency share. How many '
            'percentage points separate the highest claim from the lowest?'),
    hint=('Filter on `claim_kind == "official claim"`, take the `national_currencies_share_pct` '
          'column, drop the empty values with `.dropna()`, then compute `.max() - .min()`.'),
    solution="""
cs = load_dataset("currency_settlement")
shares = cs[cs.claim_kind == "official claim"]["national_currencies_share_pct"].dropna()
answer = float(shares.max() - shares.min())
""",
    note="25 percentage points (Belousov's 95 minus Mishustin's 70).",
    mistakes=('skipping the `claim_kind` filter, which brings in the reported figures for 2017–2020 '
              '(lowest 16.9%) and gives 78.1.'),
)
