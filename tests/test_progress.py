"""lessons.progress: the learner's record survives corruption, concurrency and odd paths,
credit is honest, and the export reads without the bank."""

from __future__ import annotations

import csv
import json
import multiprocessing as mp
import os
import stat
from pathlib import Path

import pytest

from lessons import progress
from lessons.cli import main
from lessons.quiz import Quiz, read_bank

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


def event(item="q1", action="submit", **kw) -> dict:
    fields = {"answer": "A", "shown": "A. A", "correct": True, "score": 1.0, "credit": 1.0}
    fields.update(kw)
    if action != "submit":
        fields = {}
    return progress.question_event(bank="b", item=item, kind="single", domain="economy",
                                   action=action, tries=1, revealed=False, **fields)


def test_every_submit_is_saved_with_its_outcome(path):
    quiz = Quiz(read_bank(BANK))
    quiz["num-four"].submit("38")
    quiz["reflect-seven"].submit("My own words, kept.")
    records = saved(path)
    assert [(r["item"], r["correct"], r["answer"], r["try"]) for r in records] == [
        ("num-four", True, "38", 1), ("reflect-seven", None, "My own words, kept.", 0)]
    assert records[0]["bank"] == "every_type" and records[0]["domain"] == "economy"
    assert json.loads(path.read_text())["version"] == 2


@pytest.mark.parametrize("value", ["off", "OFF", "0", "none", os.devnull])
def test_off_and_dev_null_disable_saving(monkeypatch, value):
    monkeypatch.setenv("LESSONS_PROGRESS", value)
    assert progress.progress_path() is None
    assert progress.save(event()) is False
    assert os.path.exists(os.devnull) and stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_default_path_is_under_home(monkeypatch, tmp_path):
    monkeypatch.delenv("LESSONS_PROGRESS")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert progress.progress_path() == tmp_path / ".lessons" / "progress.json"


@pytest.mark.parametrize("home", ["", "relative/dir"])
def test_an_empty_or_relative_home_is_refused_not_written_to(monkeypatch, home, tmp_path):
    monkeypatch.delenv("LESSONS_PROGRESS")
    monkeypatch.setenv("HOME", home)
    monkeypatch.chdir(tmp_path)
    with pytest.warns(progress.ProgressWarning, match="not a folder path"):
        assert progress.save(event()) is False
    assert list(tmp_path.iterdir()) == [] and not Path("/.lessons").exists()
    assert [r["item"] for r in progress.load_records()] == ["q1"]  # kept for the session


def test_a_device_a_folder_or_a_pipe_is_never_replaced(monkeypatch, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target, what in ((folder, "a folder"), (fifo, "a pipe"), (Path("/dev/zero"), "a device")):
        progress.reset_session_state()
        monkeypatch.setenv("LESSONS_PROGRESS", str(target))
        with pytest.warns(progress.ProgressWarning, match=what):
            assert progress.save(event()) is False
        with pytest.warns(progress.ProgressWarning, match="Could not read progress"):
            assert progress.load_records()[-1]["item"] == "q1"
    assert folder.is_dir() and stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_symlinked_file_is_written_through_its_link(monkeypatch, tmp_path):
    synced = tmp_path / "synced" / "progress.json"
    synced.parent.mkdir()
    link = tmp_path / "progress.json"
    link.symlink_to(synced)
    monkeypatch.setenv("LESSONS_PROGRESS", str(link))
    assert progress.save(event())
    assert link.is_symlink() and saved(synced)[0]["item"] == "q1"
    assert progress.save(event("q2"))
    assert [r["item"] for r in saved(link)] == ["q1", "q2"]


def test_a_read_only_file_is_left_alone(path):
    progress.save(event())
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        with pytest.warns(progress.ProgressWarning, match="read-only"):
            assert progress.save(event("q2")) is False
        assert path.read_bytes() == before
        assert [r["item"] for r in progress.load_records()] == ["q1", "q2"]
    finally:
        path.chmod(0o644)


def test_a_file_too_large_is_left_alone(path, monkeypatch):
    path.parent.mkdir(parents=True)
    path.write_bytes(b" " * 2000)
    monkeypatch.setattr(progress, "MAX_FILE_BYTES", 1000)
    with pytest.warns(progress.ProgressWarning, match="too large"):
        assert progress.save(event()) is False
    assert path.stat().st_size == 2000


def test_a_file_with_a_byte_order_mark_reads(path):
    progress.save(event())
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert [r["item"] for r in progress.load_records()] == ["q1"]
    assert progress.save(event("q2"))
    assert [r["item"] for r in saved(path)] == ["q1", "q2"]


def test_corrupt_file_is_moved_aside_with_content_kept(path):
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    with pytest.warns(progress.ProgressWarning, match="kept whole as"):
        progress.save(event())
    backup = path.with_name("progress.json.corrupt-1")
    assert backup.read_text(encoding="utf-8") == "{not json"
    assert [r["item"] for r in saved(path)] == ["q1"]


def test_a_file_nested_without_end_is_set_aside_and_the_answer_kept(path):
    path.parent.mkdir(parents=True)
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.warns(progress.ProgressWarning, match="nested too deeply"):
        assert progress.save(event())
    assert [r["item"] for r in saved(path)] == ["q1"]
    assert path.with_name("progress.json.corrupt-1").stat().st_size == 200_000


def test_one_bad_record_among_good_ones_is_set_aside_and_the_rest_kept(path):
    progress.save(event("good1"))
    data = json.loads(path.read_text())
    good = data["records"][0]
    bad = [None, ["a", "list"], {**good, "item": ["not", "text"]}, {**good, "score": float("nan")},
           {**good, "credit": float("inf")}, {**good, "action": "explode"}, {**good, "try": -1}]
    data["records"] = [*bad[:3], good, *bad[3:], {**good, "item": "good2"}]
    path.write_text(json.dumps(data), encoding="utf-8")  # NaN and Infinity as JSON writes them
    with pytest.warns(progress.ProgressWarning, match="7 records .* could not be read"):
        assert [r["item"] for r in progress.load_records()] == ["good1", "good2"]
    with pytest.warns(progress.ProgressWarning, match="set aside in"):
        progress.save(event("good3"))
    assert [r["item"] for r in saved(path)] == ["good1", "good2", "good3"]
    rejected = path.with_name("progress.json.rejected-1").read_text()
    assert len(json.loads(rejected.replace("NaN", "null").replace("Infinity", "null"))) == 7


def test_wrong_shape_counts_as_unreadable_and_second_backup_does_not_overwrite(path):
    path.parent.mkdir(parents=True)
    path.with_name("progress.json.corrupt-1").write_text("older", encoding="utf-8")
    path.write_text('"a string"', encoding="utf-8")
    with pytest.warns(progress.ProgressWarning):
        progress.save(event())
    assert path.with_name("progress.json.corrupt-1").read_text(encoding="utf-8") == "older"
    assert path.with_name("progress.json.corrupt-2").read_text(encoding="utf-8") == '"a string"'


def test_temporary_files_left_by_a_killed_writer_are_cleaned_up(path):
    progress.save(event())
    stale = path.with_name("progress.json.abc123.tmp")
    stale.write_text("half a file")
    progress.save(event("q2"))
    assert not stale.exists() and [r["item"] for r in saved(path)] == ["q1", "q2"]


def test_unwritable_location_warns_once_and_keeps_answers_in_memory(monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("LESSONS_PROGRESS", str(blocker / "progress.json"))
    with pytest.warns(progress.ProgressWarning, match="Could not save progress"):
        assert progress.save(event()) is False
    progress.save(event("q2"))  # no second warning
    assert [r["item"] for r in progress.load_records()] == ["q1", "q2"]
    monkeypatch.setenv("LESSONS_PROGRESS", str(tmp_path / "ok.json"))
    progress.save(event("q3"))  # the kept answers reach the file with the next one
    assert [r["item"] for r in saved(tmp_path / "ok.json")] == ["q1", "q2", "q3"]


def test_a_malformed_record_from_the_course_is_a_bug_not_a_warning(path):
    with pytest.raises(ValueError, match="malformed progress record"):
        progress.save({"bank": "b"})


def test_answers_of_any_type_are_stored_within_budget(path):
    assert progress.storable({1, 2}) == "<set>"
    assert progress.storable(float("nan")) == "nan" and progress.storable(10**30) == str(10**30)[:40]
    assert len(progress.storable("x" * 50_000)) == progress.MAX_TEXT
    assert len(progress.storable(list(range(1000)))) == progress.MAX_ITEMS
    assert progress.storable([[[[[["deep"]]]]]]) == [[[["'list'"]]]]
    assert progress.storable(object()) == "<object>"


def _writer(path: str, name: str, n: int) -> None:
    os.environ["LESSONS_PROGRESS"] = path
    from lessons import progress as p

    for i in range(n):
        p.save(p.question_event(bank=name, item=f"q{i}", kind="single", domain=None,
                                action="submit", tries=1, revealed=False, answer=i,
                                shown=str(i), correct=True, score=1.0, credit=1.0))


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
    assert {(r["bank"], r["item"]) for r in records} == {
        (b, f"q{i}") for b in ("nb1", "nb2") for i in range(40)}


# --- version 1 files ------------------------------------------------------------------------

V1 = {"format": "lessons-progress", "version": 1, "records": [
    {"bank": "02_trade", "question": "trade-gap-years", "kind": "single", "domain": "economy",
     "answer": None, "correct": True, "score": 1.0, "at": "2026-11-30T10:00:00+00:00"},
    {"bank": "02_trade", "question": "trade-mirror-reasons", "kind": "multiple",
     "domain": "economy", "answer": None, "correct": False, "score": 0.5,
     "at": "2026-11-30T10:01:00+00:00"},
    {"bank": "02_trade", "question": "trade-who-depends", "kind": "reflection", "domain": "economy",
     "answer": "Kept words.", "correct": None, "score": None, "at": "2026-11-30T10:02:00+00:00"},
    {"bank": "a_bank_since_removed", "question": "q9", "kind": "single", "domain": None,
     "answer": 3, "correct": False, "score": 0.0, "at": "2026-11-30T10:03:00+00:00"},
]}


def test_a_version_1_file_is_converted_with_readable_answers_and_a_backup(path):
    quiz = Quiz.from_bank("02_trade", save_progress=False)
    single, multi = quiz["trade-gap-years"], quiz["trade-mirror-reasons"]
    data = json.loads(json.dumps(V1))
    data["records"][0]["answer"] = single.choices().index(single.correct_answer)  # the old widget's index
    data["records"][1]["answer"] = [multi.choices().index(multi.correct_answer[0])]
    path.parent.mkdir(parents=True)
    original = json.dumps(data)
    path.write_text(original, encoding="utf-8")
    records = progress.load_records()
    assert [r["answer"] for r in records] == [single.correct_answer, [multi.correct_answer[0]],
                                             "Kept words.", 3]
    assert records[0]["shown"] == single.shown(single.correct_answer)
    assert [r["try"] for r in records] == [1, 1, 0, 1] and records[1]["credit"] == 0.5
    restored = Quiz.from_bank("02_trade")
    assert restored["trade-gap-years"].best_score == 1.0
    assert restored["trade-mirror-reasons"].best_score == 0.5  # as recorded, whatever the bank says now
    with pytest.warns(progress.ProgressWarning, match="converted to the new format"):
        restored["trade-2020-level"].submit("107.76")
    assert path.with_name("progress.json.v1-backup").read_text(encoding="utf-8") == original
    assert json.loads(path.read_text())["version"] == 2 and len(saved(path)) == 5


# --- one line per item, the report and the export --------------------------------------------

def test_summary_applies_the_credit_policy(path):
    quiz = Quiz(read_bank(BANK))
    quiz["single-one"].reveal()
    quiz["single-one"].submit(quiz["single-one"].correct_answer)    # after the answer: no credit
    quiz["multi-two"].submit(["TASS"])                              # partial
    quiz["num-four"].submit("38")
    quiz["num-four"].reveal()
    quiz["num-four"].submit("38")                                   # credit kept from before
    quiz["reflect-seven"].submit("Thoughts.")
    quiz["order-five"].reveal()                                     # shown, never tried
    by_item = {s.item: s for s in progress.summarize(progress.load_records())}
    assert by_item["single-one"].status == "right after the answer was shown (no credit)"
    assert by_item["single-one"].points == 0.0 and by_item["single-one"].revealed
    assert by_item["multi-two"].status == "partly right (50% credit)" and by_item["multi-two"].points == 0.5
    assert by_item["num-four"].status == "right" and by_item["num-four"].tries == 2
    assert by_item["reflect-seven"].status == "saved (not graded)" and by_item["reflect-seven"].points is None
    assert by_item["order-five"].status == "answer shown before trying"


def test_report_by_notebook_and_domain_with_tasks_and_a_described_chart(path):
    from lessons.tasks.trade import task3

    quiz = Quiz(read_bank(BANK))
    quiz["multi-two"].submit(["TASS"])
    quiz["multi-two"].submit(["TASS", "RIA Novosti"])
    quiz["num-four"].submit("1")
    quiz["reflect-seven"].submit("thoughts")
    task3.check(2018)
    task3.hint()
    report = progress.progress_report()
    assert report.by_notebook.loc["every_type"].to_dict() == {
        "answered": 2, "points": 1.0, "max_points": 2.0, "percent": 50}
    assert list(report.by_domain.index) == ["economy"]
    text = repr(report)
    assert text.startswith("Progress: 2 questions answered, 1 of 2 points; 1 reflection saved; "
                           "1 of 1 Try-it task right.")
    assert progress.CREDIT_POLICY in text
    assert "Percent of points earned, by notebook: every_type: 50% of 2 points." in text
    html = report._repr_html_()
    assert "<img src='data:image/svg+xml;base64," in html
    assert f"alt='{report.summary_text()}'" in html
    assert report.tasks.to_dict("records") == [{"notebook": "02_trade", "task": "task3", "checks": 1,
                                                "hints": 1, "solution_shown": False, "status": "right"}]


def test_empty_report_says_so(path):
    assert repr(progress.progress_report()).startswith("No answers saved yet.")
    assert "<img" not in progress.progress_report()._repr_html_()


def test_task_checks_hints_and_solutions_are_recorded(path):
    from lessons import ____
    from lessons.tasks.trade import task3

    task3.check(____)
    task3.check(2017)
    task3.solution()
    task3.check(2018)
    actions = [(r["action"], r.get("outcome")) for r in saved(path)]
    assert actions == [("check", "not attempted"), ("check", "wrong"), ("solution", None),
                       ("check", "correct")]
    line = next(s for s in progress.summarize(saved(path)) if s.item == "task3")
    assert line.points == 0.0 and line.tries == 2 and line.revealed
    assert progress.last_task_check("02_trade", "task3") == "correct"
    assert "(Your last saved check of this task: right.)" in repr(task3)


def test_export_is_one_readable_row_per_item_and_defuses_formulas(path, tmp_path):
    quiz = Quiz(read_bank(BANK))
    single = quiz["single-one"]
    single.submit(single.choices().index(single.correct_answer))
    quiz["single-one"].hint()
    quiz["order-five"].reveal()
    quiz["order-five"].submit(list(quiz["order-five"].items))
    quiz["match-six"].submit(dict(quiz["match-six"].pairs))
    quiz["reflect-seven"].submit("=HYPERLINK(\"http://x\")  and more")
    out = tmp_path / "answers.csv"
    assert main(["progress", "export", "-o", str(out)]) == 0
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = {r["question"]: r for r in csv.DictReader(handle)}
    assert list(rows["single-one"])[:11] == ["bank", "question", "kind", "prompt", "answer", "correct",
                                            "points", "max_points", "tries", "hints", "revealed"]
    assert rows["single-one"]["answer"].endswith(". China's General Administration of Customs")
    assert rows["single-one"]["prompt"] == "Which customs service's figures does the course use for trade?"
    assert (rows["single-one"]["points"], rows["single-one"]["hints"]) == ("1", "1")
    assert rows["order-five"]["answer"] == ("Strategic partnership declared → Treaty of friendship → "
                                            "Crimea annexed → Gas starts flowing")
    assert (rows["order-five"]["revealed"], rows["order-five"]["points"]) == ("yes", "0")
    assert rows["order-five"]["status"] == "right after the answer was shown (no credit)"
    assert rows["match-six"]["answer"].startswith("S-400 → China (2014-15 order); Su-35")
    assert rows["reflect-seven"]["answer"].startswith("'=HYPERLINK")
    assert rows["reflect-seven"]["max_points"] == "0" and rows["reflect-seven"]["points"] == ""


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_spreadsheet_safe_defuses_every_formula_start(cell):
    assert progress.spreadsheet_safe(cell) == "'" + cell
    assert progress.spreadsheet_safe("plain") == "plain" and progress.spreadsheet_safe(None) == ""
