"""Try-it tasks for notebook 04 (Belt and Road and infrastructure)."""
from lessons.data import load_dataset
from lessons.exercises import Task


def _claim_value(claim_id):
    c = load_dataset("claims")
    return float(c[c.claim_id == claim_id]["value"].iloc[0])


def _roubles_per_dollar():
    # 7 trillion roubles (c023a) against 153 billion dollars (c023b), both in paragraph 23.
    return _claim_value("c023a") * 1000 / _claim_value("c023b")


def _cost_ratio():
    # The paragraph-7 figure ($230bn, c007b) over the paragraph-23 figure ($153bn, c023b).
    return _claim_value("c007b") / _claim_value("c023b")


def _rail_and_money_status():
    p = load_dataset("projects")
    rows = p[p.domain.isin(["infrastructure", "finance"])].sort_values("project_id")
    return rows.set_index("project_id")["status"].astype(str)


task1 = Task(
    name="task1",
    prompt=("Work out the exchange rate hidden in Misharin's two cost figures: how many roubles "
            "per US dollar turn 7 trillion roubles (claim c023a) into 153 billion dollars "
            "(claim c023b)? This is a derived number: the article never states it."),
    expected=_roubles_per_dollar,
    hint_text=("Filter `claims` on `claim_id` to get each `value`. 7 trillion is 7,000 billion, "
               "so divide 7 * 1000 (billions of roubles) by 153 (billions of dollars)."),
    solution_code='''c = load_dataset("claims")
roubles_trn = float(c[c.claim_id == "c023a"]["value"].iloc[0])
dollars_bn = float(c[c.claim_id == "c023b"]["value"].iloc[0])
answer = roubles_trn * 1000 / dollars_bn''',
    rel_tol=0.005,
)

task2 = Task(
    name="task2",
    prompt=("How many times larger is the article's paragraph-7 price for the rail link "
            "(claim c007b) than its paragraph-23 price in dollars (claim c023b)?"),
    expected=_cost_ratio,
    hint_text=("Take `value` from the `claims` rows `c007b` and `c023b` and divide the first "
               "by the second. An answer near 1.5 means 'about half as much again'."),
    solution_code='''c = load_dataset("claims")
high = float(c[c.claim_id == "c007b"]["value"].iloc[0])
low = float(c[c.claim_id == "c023b"]["value"].iloc[0])
answer = high / low''',
    rel_tol=0.005,
)

task3 = Task(
    name="task3",
    prompt=("From `projects`, keep the rows whose `domain` is 'infrastructure' or 'finance' "
            "(the railway and the investment fund), sort them by `project_id`, and return "
            "their `status` as a Series indexed by `project_id`."),
    expected=_rail_and_money_status,
    hint_text=("Use `p[p.domain.isin([...])]`, then `.sort_values(\"project_id\")`, then "
               "`.set_index(\"project_id\")[\"status\"]`."),
    solution_code='''p = load_dataset("projects")
rows = p[p.domain.isin(["infrastructure", "finance"])].sort_values("project_id")
answer = rows.set_index("project_id")["status"]''',
)
