"""Try-it tasks for notebook 13 (Reading the sources)."""
from lessons.data import load_dataset
from lessons.exercises import Task


def _quoted():
    claims = load_dataset("claims")
    actors = load_dataset("actors")
    return claims.merge(actors, left_on="attributed_to", right_on="actor_id", how="left")


def _forward_share():
    claims = load_dataset("claims")
    return float(claims["claim_type"].isin(["forecast", "target"]).mean())


def _state_media_count():
    quoted = _quoted()
    return int((quoted["kind"] == "state media").sum())


def _top_kind():
    quoted = _quoted()
    voices = quoted[quoted["kind"] != "author"]
    return str(voices["kind"].astype(str).value_counts().idxmax())


def _ratings():
    """Rate three claims against the data: c036g, c036d, c025d."""
    oil = load_dataset("crude_oil")
    events = load_dataset("events")
    money = load_dataset("currency_settlement")
    rank_2016 = int(oil[(oil["year"] == 2016) & oil["preferred"]]["ru_rank"].iloc[0])
    r1 = "supported" if rank_2016 == 1 else "contradicted"
    first_gas = int(events[events["event_id"] == "2019_power_of_siberia_first_gas"]["year"].iloc[0])
    r2 = "supported" if first_gas <= 2018 else "contradicted"
    others = money[(money["year"] == 2014) & money["usd_share_pct"].notna()
                   & (money["source_id"] != "article")]
    r3 = "unverifiable" if others.empty else "supported"
    return [r1, r2, r3]


task1 = Task(
    name="task1",
    prompt=("What share of the article's claims are forecasts or targets? Answer as a "
            "fraction between 0 and 1."),
    expected=_forward_share,
    hint_text=("`claims.claim_type.isin([\"forecast\", \"target\"])` is True for each forward-looking "
               "claim; the `.mean()` of True/False values is the share."),
    solution_code='''claims = load_dataset("claims")
answer = claims.claim_type.isin(["forecast", "target"]).mean()''',
    rel_tol=0.005,
)

task2 = Task(
    name="task2",
    prompt=("How many claims does the article attribute to state media (actors whose `kind` is "
            "\"state media\")?"),
    expected=_state_media_count,
    hint_text=("Join `claims` to `actors` with `claims.merge(actors, left_on=\"attributed_to\", "
               "right_on=\"actor_id\")`, then count the rows where `kind == \"state media\"`."),
    solution_code='''claims = load_dataset("claims")
actors = load_dataset("actors")
quoted = claims.merge(actors, left_on="attributed_to", right_on="actor_id")
answer = int((quoted.kind == "state media").sum())''',
)

task3 = Task(
    name="task3",
    prompt=("Leaving out the article's own voice (kind \"author\"), which kind of voice does the "
            "article quote most often? Answer with the kind as a string."),
    expected=_top_kind,
    hint_text=("Use the joined table from task 2, drop the rows where `kind == \"author\"`, then "
               "`value_counts()` the `kind` column and take `.idxmax()`."),
    solution_code='''claims = load_dataset("claims")
actors = load_dataset("actors")
quoted = claims.merge(actors, left_on="attributed_to", right_on="actor_id")
voices = quoted[quoted.kind != "author"]
answer = str(voices.kind.value_counts().idxmax())''',
)

task4 = Task(
    name="task4",
    prompt=("Rate three claims against the course data, each as \"supported\", \"contradicted\" "
            "or \"unverifiable\": c036g (Russia became China's top oil supplier in 2016), "
            "c036d (gas to flow from 2018) and c025d (over 90% of 2014 trade settled in dollars). "
            "Answer with a list of three strings in that order."),
    expected=_ratings,
    hint_text=("Look in `crude_oil` (column `ru_rank` for 2016, preferred row), in `events` (when "
               "did Power of Siberia gas start?) and in `currency_settlement` (is there a 2014 "
               "dollar share from any source other than the article itself?)."),
    solution_code='''oil = load_dataset("crude_oil")
events = load_dataset("events")
money = load_dataset("currency_settlement")
rank = int(oil[(oil.year == 2016) & oil.preferred]["ru_rank"].iloc[0])
first_gas = int(events[events.event_id == "2019_power_of_siberia_first_gas"]["year"].iloc[0])
others = money[(money.year == 2014) & money.usd_share_pct.notna() & (money.source_id != "article")]
answer = ["supported" if rank == 1 else "contradicted",
          "supported" if first_gas <= 2018 else "contradicted",
          "unverifiable" if others.empty else "supported"]''',
)
