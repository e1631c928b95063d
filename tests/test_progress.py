"""lessons.progress: saved answers survive corruption, concurrency and bad paths."""

from __future__ import annotations

import json
import multiprocessing as mp
from pathlib import Path

import pytest

from lessons import progress
from lessons.banks import read_bank
from lessons.quiz import Feedback, Quiz

BANK = Path(__file__).parent / "fixtures" / "every_type.yaml"


@pytest.fixture(autouse=True)
def _fresh():
    progress.reset_session_state()
    yield
    progress.reset_session_state()


@pytest.fixture
def path(monkeypatch, tmp_path) -> Path:
    target = tmp_path / "sub" / "progress.json"
    monkeypatch.setenv("LESSONS_PROGRESS", str(target))
    return target


def saved(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["records"]


def test_every_submit_is_saved_with_its_outcome(path):
    quiz = Quiz(read_bank(BANK))
    quiz["num-four"].submit("38")
    quiz["reflect-seven"].submit("My own words, kept.")
    records = saved(path)
    assert [(r["question"], r["correct"], r["answer"]) for r in records] == [
        ("num-four", True, "38"), ("reflect-seven", None, "My own words, kept.")]
    assert records[0]["bank"] == "every_type" and records[0]["domain"] == "economy"


def test_off_disables_saving(monkeypatch, tmp_path):
    monkeypatch.setenv("LESSONS_PROGRESS", "off")
    assert progress.progress_path() is None
    assert progress.record("b", "q", "single", None, "x", Feedback(True, "ok", 1.0)) is False


def test_default_path_is_under_home(monkeypatch, tmp_path):
    monkeypatch.delenv("LESSONS_PROGRESS")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert progress.progress_path() == tmp_path / ".lessons" / "progress.json"


def test_corrupt_file_is_moved_aside_with_content_kept(path):
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    with pytest.warns(progress.ProgressWarning, match="was moved to"):
        progress.record("b", "q1", "single", None, "A", Feedback(True, "ok", 1.0))
    backup = path.with_name("progress.json.corrupt-1")
    assert backup.read_text(encoding="utf-8") == "{not json"
    assert [r["question"] for r in saved(path)] == ["q1"]


def test_wrong_shape_counts_as_corrupt_and_second_backup_does_not_overwrite(path):
    path.parent.mkdir(parents=True)
    path.with_name("progress.json.corrupt-1").write_text("older", encoding="utf-8")
    path.write_text('["a list"]', encoding="utf-8")
    with pytest.warns(progress.ProgressWarning):
        progress.record("b", "q", "single", None, "A", Feedback(False, "no", 0.0))
    assert path.with_name("progress.json.corrupt-1").read_text(encoding="utf-8") == "older"
    assert path.with_name("progress.json.corrupt-2").read_text(encoding="utf-8") == '["a list"]'


def test_unwritable_location_warns_once_and_keeps_answers_in_memory(monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("LESSONS_PROGRESS", str(blocker / "progress.json"))
    with pytest.warns(progress.ProgressWarning, match="Could not save progress"):
        assert progress.record("b", "q1", "single", None, "A", Feedback(True, "ok", 1.0)) is False
    progress.record("b", "q2", "single", None, "B", Feedback(False, "no", 0.0))  # no 2nd warning
    assert [r["question"] for r in progress.load_records()] == ["q1", "q2"]


def test_answers_of_any_type_are_stored_as_json(path):
    progress.record("b", "q", "multiple", None, {1, 2}, Feedback(False, "x", 0.0))
    progress.record("b", "q", "numeric", None, float("nan"), Feedback(None, "x"))
    progress.record("b", "q", "numeric", None, object(), Feedback(None, "x"))
    answers = [r["answer"] for r in saved(path)]
    assert answers[0] == [1, 2] and answers[1] == "nan" and answers[2].startswith("<object")


def _writer(path: str, name: str, n: int) -> None:
    import os

    os.environ["LESSONS_PROGRESS"] = path
    from lessons import progress as p
    from lessons.quiz import Feedback as F

    for i in range(n):
        p.record(name, f"q{i}", "single", None, i, F(True, "ok", 1.0))


def test_two_processes_writing_at_once_lose_nothing(path):
    path.parent.mkdir(parents=True)
    ctx = mp.get_context("spawn")
    workers = [ctx.Process(target=_writer, args=(str(path), name, 40)) for name in ("nb1", "nb2")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    records = saved(path)
    assert len(records) == 80
    assert {(r["bank"], r["question"]) for r in records} == {
        (b, f"q{i}") for b in ("nb1", "nb2") for i in range(40)}


def test_report_by_notebook_and_domain_uses_best_attempt(path):
    quiz = Quiz(read_bank(BANK))
    quiz["multi-two"].submit(["TASS"])
    quiz["multi-two"].submit(["TASS", "RIA Novosti"])
    quiz["num-four"].submit("1")
    quiz["reflect-seven"].submit("thoughts")
    report = progress.progress_report()
    assert report.by_notebook.loc["every_type"].to_dict() == {
        "answered": 2, "solved": 1, "points": 1.0, "percent": 50}
    assert list(report.by_domain.index) == ["economy"]
    assert repr(report).startswith("Progress: 2 questions answered, 1 solved; 1 reflection(s) saved.")


def test_empty_report_says_so(path):
    assert repr(progress.progress_report()).startswith("No answers saved yet.")
