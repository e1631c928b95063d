"""A class on a local JupyterHub: each learner pulls the course, runs a notebook in their own
server, and their answers land in their own progress file (marker ``hub``; make test-slow)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from lessons.data import PROJECT_ROOT

pytestmark = pytest.mark.hub
LEARNERS = ["ada", "boris", "chen"]


def _answer_cell(value: float) -> str:
    return ("from lessons import Quiz\n"
            f"Quiz.from_bank('02_trade', save_progress=True)['trade-2020-level'].submit({value})\n"
            "import os, lessons.data\n"
            "open(os.path.expanduser('~/data_dir.txt'), 'w').write(str(lessons.data.data_dir()))")


@pytest.fixture(scope="module")
def course_repo(tmp_path_factory):
    """The committed course as a git repository nbgitpuller can pull (no network)."""
    pytest.importorskip("jupyterhub")
    pytest.importorskip("nbgitpuller")
    if not (PROJECT_ROOT / ".git").exists() or not shutil.which("git"):
        pytest.skip("the hub test pulls the course from its git repository")
    repo = tmp_path_factory.mktemp("remote") / "course.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(PROJECT_ROOT), str(repo)], check=True)
    branch = subprocess.run(["git", "rev-parse", "--abbrev-ref", "HEAD"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, check=True).stdout.strip()
    return f"file://{repo}", branch


def test_each_learner_runs_the_course_in_their_own_server_and_keeps_their_own_answers(
        course_repo, tmp_path):
    from lessons.hub import LocalHub

    repo, branch = course_repo
    with LocalHub(tmp_path, repo, branch) as hub:
        for i, user in enumerate(LEARNERS):
            hub.start(user)
            hub.pull(user)
            assert (hub.home(user) / "course" / "notebooks" / "02_trade.ipynb").is_file()
            errors = hub.run(user, "course/notebooks/02_trade.ipynb", [_answer_cell(100 + i)])
            assert errors == [], (user, errors)
        # nbgitpuller again: a learner's own edit survives the next pull
        mine = hub.home("ada") / "course" / "notebooks" / "02_trade.ipynb"
        mine.write_text(mine.read_text(encoding="utf-8").replace("Trade", "Trade (my notes)", 1),
                        encoding="utf-8")
        hub.pull("ada")
        assert "Trade (my notes)" in mine.read_text(encoding="utf-8")

    for i, user in enumerate(LEARNERS):
        # each learner read the data from their own pulled copy, not the hub's install
        assert (hub.home(user) / "data_dir.txt").read_text() == str(hub.home(user) / "course" / "data")
        progress = hub.home(user) / ".lessons" / "progress.json"
        assert progress.is_file(), f"{user} has no progress file"
        records = json.loads(progress.read_text(encoding="utf-8"))["records"]
        answers = [r["answer"] for r in records if r["item"] == "trade-2020-level"]
        assert answers == [100 + i], (user, answers)  # their own answer, and no one else's
