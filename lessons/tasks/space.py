"""Try-it tasks for notebook 07 (Space)."""
from lessons.data import load_dataset
from lessons.exercises import Task


def _phase_lengths():
    p = load_dataset("ilrs_phases")
    p = p.dropna(subset=["end_year"]).set_index("phase_id")
    return (p["end_year"] - p["start_year"] + 1).astype(int)


def _space_status_counts():
    p = load_dataset("projects")
    return p[p.domain == "space"]["status"].astype(str).value_counts().sort_index()


def _crewed_start():
    p = load_dataset("ilrs_phases")
    return int(p[p.phase_id == "utilization"]["start_year"].iloc[0])


task1 = Task(
    name="task1",
    prompt=("For each phase of the lunar station roadmap that has an end year, find its length "
            "in years, counting both the first and the last year (2021 to 2025 is 5 years). "
            "Answer with a Series indexed by `phase_id`."),
    expected=_phase_lengths,
    hint_text=("Load `ilrs_phases`, drop the row whose `end_year` is empty with "
               "`.dropna(subset=[\"end_year\"])`, set `phase_id` as the index, then compute "
               "`end_year - start_year + 1`."),
    solution_code='''p = load_dataset("ilrs_phases")
p = p.dropna(subset=["end_year"]).set_index("phase_id")
answer = (p["end_year"] - p["start_year"] + 1).astype(int)''',
)

task2 = Task(
    name="task2",
    prompt=("Count the space projects in `projects` by their `status`. Answer with a Series "
            "whose index is the status, sorted alphabetically."),
    expected=_space_status_counts,
    hint_text=("Keep the rows where `domain == \"space\"`. `status` is a category column, and "
               "`value_counts()` on it also lists the statuses no space project has (with 0): "
               "turn it into text first with `.astype(str)`, then use `.value_counts().sort_index()`."),
    solution_code='''p = load_dataset("projects")
space = p[p.domain == "space"]
answer = space["status"].astype(str).value_counts().sort_index()''',
)

task3 = Task(
    name="task3",
    prompt="In the 2021 roadmap, in which year were crewed landings on the Moon to begin?",
    expected=_crewed_start,
    hint_text=("Crewed landings belong to the last phase, `utilization`. Take its `start_year` "
               "from `ilrs_phases` and turn it into a plain number with `int(...)`."),
    solution_code='''p = load_dataset("ilrs_phases")
answer = int(p[p.phase_id == "utilization"]["start_year"].iloc[0])''',
)
