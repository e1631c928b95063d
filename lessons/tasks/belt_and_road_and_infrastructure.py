"""Try-it tasks for notebook 04 (Belt and Road and infrastructure): one declaration each.

Each task's model solution is the only statement of its answer: the check, the
notebook's ``solution()`` and the teacher guide all run or show it.
"""

from lessons.exercises import Task

NOTEBOOK = "04_belt_and_road_and_infrastructure"


task1 = Task(
    "task1",
    notebook=NOTEBOOK,
    prompt=("Misharin gives the railway's cost both in roubles (7 trillion, claim `c023a`) and in "
            'dollars (153 billion, claim `c023b`). How many roubles per US dollar does that imply? '
            'This is a **derived** figure: the article never states an exchange rate, we compute '
            'it from two of its numbers.'),
    hint=('Filter `claims` on `claim_id` to get each `value`. 7 trillion is 7,000 billion, so '
          'divide 7 * 1000 (billions of roubles) by 153 (billions of dollars).'),
    solution="""
c = load_dataset("claims")
roubles_trn = float(c[c.claim_id == "c023a"]["value"].iloc[0])
dollars_bn = float(c[c.claim_id == "c023b"]["value"].iloc[0])
answer = roubles_trn * 1000 / dollars_bn
""",
    rel_tol=0.005,
    note=('About 45.75 roubles per dollar (7,000bn roubles ÷ 153bn dollars). The claim note '
          'calls this about 46, the late-2014 rate. It is a derived number.'),
    mistakes='forgetting the factor of 1,000 (giving about 0.046).',
)


task2 = Task(
    "task2",
    notebook=NOTEBOOK,
    prompt=('How many times larger is the paragraph-7 price ($230bn, claim `c007b`) than the '
            'paragraph-23 price ($153bn, claim `c023b`)? Could one exchange rate explain a gap of '
            'this size, or does it point to something else, such as a different route or date?'),
    hint=('Take `value` from the `claims` rows `c007b` and `c023b` and divide the first by the '
          "second. An answer near 1.5 means 'about half as much again'."),
    solution="""
c = load_dataset("claims")
high = float(c[c.claim_id == "c007b"]["value"].iloc[0])
low = float(c[c.claim_id == "c023b"]["value"].iloc[0])
answer = high / low
""",
    rel_tol=0.005,
    note='About 1.50: the paragraph-7 price is half as much again as the paragraph-23 price.',
    mistakes='dividing the other way (about 0.67).',
)


task3 = Task(
    "task3",
    notebook=NOTEBOOK,
    prompt=('From `projects`, keep the rows whose `domain` is `infrastructure` or `finance`, sort '
            'by `project_id`, and return their `status` as a Series indexed by `project_id`. Then '
            'look at the whole table: how many projects in other domains also ended up *stalled*, '
            '*delayed* or with *no deal*? (`projects.status.value_counts()` helps.)'),
    hint=('Use `p[p.domain.isin([...])]`, then `.sort_values("project_id")`, then '
          '`.set_index("project_id")["status"]`.'),
    solution="""
p = load_dataset("projects")
rows = p[p.domain.isin(["infrastructure", "finance"])].sort_values("project_id")
answer = rows.set_index("project_id")["status"]
""",
    note=('`moscow_beijing_hsr`: stalled; `russia_china_investment_fund`: in progress. For the '
          'follow-up, four projects in other domains are *delayed* or have *no deal*.'),
    mistakes=("combining conditions with Python's `or`, which fails on a pandas Series; use `isin` "
              'or `|`.'),
)
