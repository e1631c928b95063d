"""Try-it tasks for notebook 13 (Reading the sources): one declaration each.

Each task's model solution is the only statement of its answer: the check, the
notebook's ``solution()`` and the teacher guide all run or show it.
"""

from lessons.exercises import Task

NOTEBOOK = "13_reading_the_sources"


task1 = Task(
    "task1",
    notebook=NOTEBOOK,
    prompt=("What share of the article's claims are forecasts or targets? Give a fraction between "
            '0 and 1.'),
    hint=('`claims.claim_type.isin(["forecast", "target"])` is True for each forward-looking '
          'claim; the `.mean()` of True/False values is the share.'),
    solution="""
claims = load_dataset("claims")
answer = claims.claim_type.isin(["forecast", "target"]).mean()
""",
    rel_tol=0.005,
    note='about 0.176 (44 of 250).',
    mistakes='counting forecasts only (37) and forgetting the 7 targets.',
)


task2 = Task(
    "task2",
    notebook=NOTEBOOK,
    prompt=('How many claims does the article attribute to state media as the speaker? (Use the '
            '`quoted` table from section 1, or build it again.)'),
    hint=('Join `claims` to `actors` with `claims.merge(actors, left_on="attributed_to", '
          'right_on="actor_id")`, then count the rows where `kind == "state media"`.'),
    solution="""
claims = load_dataset("claims")
actors = load_dataset("actors")
quoted = claims.merge(actors, left_on="attributed_to", right_on="actor_id")
answer = int((quoted.kind == "state media").sum())
""",
    note='8.',
    mistakes=('searching paraphrases for outlet names, which counts channels (16) rather than '
              'speakers.'),
)


task3 = Task(
    "task3",
    notebook=NOTEBOOK,
    prompt=("Leaving out the author's own voice, which kind of voice does the article quote most "
            'often? Answer with the kind as a string.'),
    hint=('Use the joined table from task 2, drop the rows where `kind == "author"`, then '
          '`value_counts()` the `kind` column and take `.idxmax()`.'),
    solution="""
claims = load_dataset("claims")
actors = load_dataset("actors")
quoted = claims.merge(actors, left_on="attributed_to", right_on="actor_id")
voices = quoted[quoted.kind != "author"]
answer = str(voices.kind.value_counts().idxmax())
""",
    note='"company".',
    mistakes='forgetting to drop the author, which gives "author".',
)


task4 = Task(
    "task4",
    notebook=NOTEBOOK,
    prompt=('Rate three claims as `"supported"`, `"contradicted"` or `"unverifiable"`, using the '
            "course data, not the notes: `c036g` (Russia became China's top oil supplier in 2016), "
            '`c036d` (gas would start flowing in 2018) and `c025d` (over 90% of trade settled in '
            'dollars in 2014). Look in `crude_oil`, `events` and `currency_settlement`, then '
            'answer with a list of three strings, e.g. `["supported", "supported", '
            '"contradicted"]`.'),
    hint=('Look in `crude_oil` (column `ru_rank` for 2016, preferred row), in `events` (when did '
          'Power of Siberia gas start?) and in `currency_settlement` (is there a 2014 dollar '
          'share from any source other than the article itself?).'),
    solution="""
oil = load_dataset("crude_oil")
events = load_dataset("events")
money = load_dataset("currency_settlement")
rank = int(oil[(oil.year == 2016) & oil.preferred]["ru_rank"].iloc[0])
first_gas = int(events[events.event_id == "2019_power_of_siberia_first_gas"]["year"].iloc[0])
others = money[(money.year == 2014) & money.usd_share_pct.notna() & (money.source_id != "article")]
answer = ["supported" if rank == 1 else "contradicted",
          "supported" if first_gas <= 2018 else "contradicted",
          "unverifiable" if others.empty else "supported"]
""",
    note='["supported", "contradicted", "unverifiable"].',
    mistakes=("counting the article's own row as confirmation of c025d; a claim cannot support "
              'itself.'),
)
