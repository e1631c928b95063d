"""Try-it tasks for notebook 07 (Space): one declaration each.

Each task's model solution is the only statement of its answer: the check, the
notebook's ``solution()`` and the teacher guide all run or show it.
"""

from lessons.exercises import Task

NOTEBOOK = "07_space"


task1 = Task(
    "task1",
    notebook=NOTEBOOK,
    prompt=('For each roadmap phase that has an end year, find its length in years, counting both '
            'the first and the last year (2021 to 2025 is 5 years). Answer with a Series indexed '
            'by `phase_id`.'),
    hint=('Load `ilrs_phases`, drop the row whose `end_year` is empty with '
          '`.dropna(subset=["end_year"])`, set `phase_id` as the index, then compute `end_year - '
          'start_year + 1`.'),
    solution="""
p = load_dataset("ilrs_phases")
p = p.dropna(subset=["end_year"]).set_index("phase_id")
answer = (p["end_year"] - p["start_year"] + 1).astype(int)
""",
    note='reconnaissance 5, construction_stage_1 5, construction_stage_2 5 (years).',
    mistakes='forgetting the `+ 1` and getting 4, or keeping the open-ended `utilization` row.',
)


task2 = Task(
    "task2",
    notebook=NOTEBOOK,
    prompt=('Count the space projects in `projects` by `status` (a Series indexed by status, '
            'sorted alphabetically).'),
    hint=('Keep the rows where `domain == "space"`. `status` is a category column, and '
          '`value_counts()` on it also lists the statuses no space project has (with 0): turn it '
          'into text first with `.astype(str)`, then use `.value_counts().sort_index()`.'),
    solution="""
p = load_dataset("projects")
space = p[p.domain == "space"]
answer = space["status"].astype(str).value_counts().sort_index()
""",
    note='in progress 1, no deal 1.',
    mistakes='leaving `status` as a category, so `value_counts()` also lists every status with 0.',
)


task3 = Task(
    "task3",
    notebook=NOTEBOOK,
    prompt='In which year did the roadmap plan the start of crewed landings?',
    hint=('Crewed landings belong to the last phase, `utilization`. Take its `start_year` from '
          '`ilrs_phases` and turn it into a plain number with `int(...)`.'),
    solution="""
p = load_dataset("ilrs_phases")
answer = int(p[p.phase_id == "utilization"]["start_year"].iloc[0])
""",
    note='**2036**.',
    mistakes=('answering 2035, the end of construction stage 2, or returning a Series instead of a '
              'number.'),
)
