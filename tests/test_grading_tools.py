"""The exercises in real graders: nbgrader (generate, validate --invert, autograde) and otter.

Behind the `grading` marker (make test-grading; .ci/run runs it): it needs the `grading`
extra installed (nbgrader, otter-grader).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from lessons.assignments import NBGRADER_CONFIG, new_exercise, student_version

pytestmark = pytest.mark.grading
BIN = Path(sys.executable).parent


def _env() -> dict:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "LESSONS_PROGRESS": "off"}


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("nbgrader", path=str(BIN)) or pytest.skip("nbgrader is not installed (make test-grading)")
    return subprocess.run([exe, *args], cwd=course, env=_env(), capture_output=True, text=True,
                          timeout=240, check=False)


def answer_cell(nb):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))


def test_nbgrader_generates_validates_and_autogrades_an_exercise(tmp_path):
    course = tmp_path / "course"
    (course / "source" / "ps1").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        NBGRADER_CONFIG + f"c.CourseDirectory.root = {str(course)!r}\n", encoding="utf-8")
    src = new_exercise("demo", course / "source" / "ps1")

    made = nbgrader(course, "generate_assignment", "ps1", "--force")
    assert made.returncode == 0, made.stderr[-2000:]
    release = course / "release" / "ps1" / "demo.ipynb"
    released = nbformat.read(release, as_version=4)
    assert answer_cell(released).source.startswith("answer = ____  # your code here")
    assert "nunique" not in release.read_text() and "Instructor" not in release.read_text()
    # nbgrader's release and lessons student hand out the same cells (lessons leaves out the test).
    ours = nbformat.read(student_version(src, tmp_path / "ours.ipynb"), as_version=4)
    theirs = [c.source for c in released.cells if not c.metadata.get("nbgrader", {}).get("grade")]
    assert [c.source for c in ours.cells] == theirs

    blank = nbgrader(course, "validate", "--invert", str(release))
    assert blank.returncode == 0 and "does not pass any tests" in blank.stdout + blank.stderr, blank.stdout

    right = nbformat.read(src, as_version=4)
    wrong = nbformat.read(release, as_version=4)
    answer_cell(wrong).source = 'answer = trade_annual["source_id"].nunique() + 1\ntask1.check(answer)'
    for student, nb in (("right", right), ("wrong", wrong), ("blank", released)):
        folder = course / "submitted" / student / "ps1"
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / "demo.ipynb")
    graded = nbgrader(course, "autograde", "ps1", "--create", "--force")
    assert graded.returncode == 0, graded.stderr[-2000:]

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        scores = {s: gb.find_submission("ps1", s).score for s in ("right", "wrong", "blank")}
        assert gb.find_submission("ps1", "right").max_score == 1
    assert scores == {"right": 1, "wrong": 0, "blank": 0}


def test_otter_assign_makes_a_student_notebook_without_the_solution_and_a_working_autograder(tmp_path, monkeypatch):
    otter = shutil.which("otter", path=str(BIN)) or pytest.skip("otter-grader is not installed (make test-grading)")
    master = new_exercise("demo", tmp_path / "master", fmt="otter")
    made = subprocess.run([otter, "assign", str(master), str(tmp_path / "dist")], cwd=tmp_path, env=_env(),
                          capture_output=True, text=True, timeout=240, check=False)
    assert made.returncode == 0, made.stderr[-2000:]
    student = tmp_path / "dist" / "student" / "demo.ipynb"
    text = student.read_text()
    assert "nunique" not in text and "BEGIN SOLUTION" not in text and "Instructor" not in text
    autograder = next((tmp_path / "dist" / "autograder").glob("*.zip"))
    key = tmp_path / "dist" / "autograder" / "demo.ipynb"

    from otter.api import grade_submission

    wrong = tmp_path / "wrong.ipynb"  # the key with an answer one too many
    wrong.write_text(key.read_text().replace(".nunique()", ".nunique() + 1"))
    assert wrong.read_text() != key.read_text()

    monkeypatch.setenv("LESSONS_PROGRESS", "off")
    scores = {name: grade_submission(str(path), str(autograder), quiet=True).total
              for name, path in (("key", key), ("wrong", wrong), ("blank", student))}
    assert scores == {"key": 1, "wrong": 0, "blank": 0}
