"""Learners run cells twice and out of order: the course keeps working and says what is wrong."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from lessons.data import PROJECT_ROOT

NOTEBOOK = PROJECT_ROOT / "notebooks" / "02_trade.ipynb"


def _text(cell) -> str:
    return "".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
                   for o in cell.get("outputs", []))


@pytest.fixture(scope="module")
def run_twice(tmp_path_factory):
    """Every cell of a notebook run in order, then every cell again in the same kernel."""
    with pytest.MonkeyPatch.context() as mp:  # the kernel saves to a file of its own
        mp.setenv("LESSONS_PROGRESS", str(tmp_path_factory.mktemp("run-twice") / "progress.json"))
        yield _run_twice()


def _run_twice():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    with client.setup_kernel():
        first = []
        for i, cell in enumerate(nb.cells):
            client.execute_cell(cell, i)
            first.append(_text(cell))
        second = []
        for i, cell in enumerate(nb.cells):
            client.execute_cell(cell, i)
            second.append(_text(cell))
        # out of order: the Sources cell again, then the quiz, then a chart cell
        tail = [client.execute_cell(nb.cells[i], i) for i in (len(nb.cells) - 1, 10, 5)]
    return nb, first, second, tail


def test_running_every_cell_twice_gives_the_same_results(run_twice):
    nb, first, second, _ = run_twice
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    assert not [c for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert [first[i] for i in code] == [second[i] for i in code]


def test_cells_run_out_of_order_still_work(run_twice):
    _, _, _, tail = run_twice
    assert all(not [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
               for cell in tail)


def test_a_cell_run_before_its_set_up_names_the_missing_name():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    quiz_cell = next(i for i, c in enumerate(nb.cells) if "Quiz.from_bank(" in c.source)
    with client.setup_kernel():
        client.execute_cell(nb.cells[quiz_cell], quiz_cell)
    error = next(o for o in nb.cells[quiz_cell].outputs if o.get("output_type") == "error")
    assert error["ename"] == "NameError" and "Quiz" in error["evalue"]


# === Hostile and faulty input (issue 15), one section per class of fault ===================
# Each case goes through the public way in (a file on disk, a bank, the CLI, a submission) and
# asserts the outcome a learner or instructor needs: a message naming the file, record, key or
# question; nothing already saved lost; nothing wrongly graded; nothing executed.

import ast  # noqa: E402
import copy  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

from lessons import progress  # noqa: E402
from lessons.authoring import to_gift, to_markdown, to_text2qti  # noqa: E402
from lessons.banks import BankError  # noqa: E402
from lessons.quiz import Quiz, check_bank  # noqa: E402

FIXTURE = Path(__file__).parent / "fixtures" / "every_type.yaml"


@pytest.fixture
def saved(tmp_path, monkeypatch):
    """A progress file of the learner's own (and a clean session)."""
    path = tmp_path / "progress.json"
    monkeypatch.setenv("LESSONS_PROGRESS", str(path))
    progress.reset_session_state()
    yield path
    progress.reset_session_state()


def _quiz() -> Quiz:
    return Quiz(yaml.safe_load(FIXTURE.read_text()))


def _answer(quiz: Quiz, qid: str, value):
    return next(q for q in quiz.questions if q.id == qid).submit(value)


def _submitted(records) -> list[tuple[str, object]]:
    return [(r["item"], r.get("answer")) for r in records if r["action"] == "submit"]


# --- saved progress: nothing lost, nothing replaced ----------------------------------------

@pytest.mark.skipif(not Path(os.devnull).exists(), reason="no null device")
def test_dev_null_as_progress_path_switches_saving_off_and_leaves_the_device(saved, monkeypatch):
    monkeypatch.setenv("LESSONS_PROGRESS", os.devnull)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning needed: this is how saving is switched off
        assert _answer(_quiz(), "tf-three", False).correct is True
    assert Path(os.devnull).is_char_device()


def test_a_fifo_or_folder_as_progress_path_is_refused_with_a_message_and_left_alone(saved, monkeypatch):
    fifo = saved.parent / "pipe"
    os.mkfifo(fifo)
    for odd, what in ((fifo, "a pipe"), (saved.parent, "a folder")):
        progress.reset_session_state()
        monkeypatch.setenv("LESSONS_PROGRESS", str(odd))
        with pytest.warns(progress.ProgressWarning, match=f"{odd}.*{what}"):
            assert _answer(_quiz(), "tf-three", False).correct is True  # answer still graded
        assert _submitted(progress.load_records()) == [("tf-three", False)]  # kept for the session
    assert fifo.is_fifo() and saved.parent.is_dir()


def test_one_bad_record_among_fifty_good_ones_costs_only_itself(saved):
    quiz = _quiz()
    for _ in range(25):
        _answer(quiz, "tf-three", False)
        _answer(quiz, "num-four", 38)
    data = json.loads(saved.read_text())
    good = copy.deepcopy(data["records"])
    bad = [None, ["a", "list"], {**good[0], "score": "NaN-as-text"}, {**good[0], "item": 7}]
    data["records"] = good[:10] + bad + good[10:]
    saved.write_text(json.dumps(data))
    text = saved.read_text().replace('"NaN-as-text"', "NaN")  # a non-finite score as JSON allows it
    saved.write_text(text)
    progress.reset_session_state()
    with pytest.warns(progress.ProgressWarning, match="4 records .* left out"):
        assert len(progress.load_records()) == 50  # reading keeps the good ones
    with pytest.warns(progress.ProgressWarning, match=r"4 records .* set aside .* other 50 were kept"):
        _answer(_quiz(), "tf-three", True)
    assert len(json.loads(saved.read_text())["records"]) == 51
    aside = next(saved.parent.glob("progress.json.rejected-*"))
    assert len(json.loads(aside.read_text())) == 4  # what was set aside is kept, not deleted
    assert str(progress.progress_report()).startswith("Progress: 2 questions answered, 2 of 2 points")


def test_a_deeply_nested_file_is_kept_whole_and_the_new_answer_saved_with_a_warning(saved):
    saved.write_text("[" * 100_000 + "]" * 100_000)
    progress.reset_session_state()
    with pytest.warns(progress.ProgressWarning, match="nested too deeply"):
        assert _answer(_quiz(), "tf-three", False).correct is True
    assert _submitted(json.loads(saved.read_text())["records"]) == [("tf-three", False)]
    kept = next(saved.parent.glob("progress.json.corrupt-*"))
    assert kept.read_text().startswith("[[[")
    rows = progress.export_rows(progress.load_records())
    assert [r["question"] for r in rows] == ["tf-three"]


def test_a_symlinked_progress_file_stays_a_link_and_its_target_gets_the_answer(saved, tmp_path, monkeypatch):
    synced = tmp_path / "synced" / "progress.json"
    synced.parent.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(synced)
    monkeypatch.setenv("LESSONS_PROGRESS", str(link))
    _answer(_quiz(), "tf-three", False)
    assert link.is_symlink() and _submitted(json.loads(synced.read_text())["records"])


def test_a_read_only_progress_file_is_not_replaced(saved):
    _answer(_quiz(), "tf-three", False)
    before = saved.read_bytes()
    saved.chmod(0o444)
    progress.reset_session_state()
    with pytest.warns(progress.ProgressWarning, match="read-only"):
        _answer(_quiz(), "num-four", 38)
    assert saved.read_bytes() == before
    assert {i for i, _ in _submitted(progress.load_records())} == {"tf-three", "num-four"}


def test_a_file_saved_with_a_byte_order_mark_is_read(saved):
    _answer(_quiz(), "tf-three", False)
    saved.write_bytes(b"\xef\xbb\xbf" + saved.read_bytes())
    progress.reset_session_state()
    assert _submitted(progress.load_records()) == [("tf-three", False)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _answer(_quiz(), "num-four", 38)
    assert len(json.loads(saved.read_text(encoding="utf-8-sig"))["records"]) == 2


def test_an_empty_home_saves_nowhere_rather_than_at_the_root(saved, monkeypatch):
    monkeypatch.delenv("LESSONS_PROGRESS")
    monkeypatch.setenv("HOME", "relative/home")
    with pytest.warns(progress.ProgressWarning, match="not a folder path"):
        _answer(_quiz(), "tf-three", False)
    assert not Path("relative").exists() and not Path("/.lessons").exists()
    assert _submitted(progress.load_records()) == [("tf-three", False)]


def test_temporary_files_of_a_killed_writer_are_cleaned_up_at_the_next_save(saved):
    _answer(_quiz(), "tf-three", False)
    stale = saved.with_name("progress.json.abc123.tmp")
    stale.write_text("half a write")
    unrelated = saved.with_name("notes.tmp")
    unrelated.write_text("mine")
    _answer(_quiz(), "num-four", 38)
    assert not stale.exists() and unrelated.exists()


def test_a_ten_megabyte_reflection_is_refused_with_its_size_and_nothing_is_stored(saved):
    quiz = _quiz()
    _answer(quiz, "tf-three", False)
    feedback = _answer(quiz, "reflect-seven", "x" * 10_000_000)
    assert feedback.correct is None and "10,000,000 characters" in feedback.message
    assert saved.stat().st_size < 10_000
    assert _submitted(progress.load_records()) == [("tf-three", False)]


# --- banks that pass validation and then misbehave --------------------------------------------

def _bank_file(tmp_path: Path, text: str, name: str = "every_type") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    return path


def _problems(path: Path) -> str:
    return "\n".join(str(p) for p in check_bank(path))


def test_a_second_questions_key_is_an_error_with_its_line(tmp_path):
    text = FIXTURE.read_text() + "questions: []\n"
    out = _problems(_bank_file(tmp_path, text))
    assert "duplicate key 'questions'" in out and f"every_type.yaml:{text.count(chr(10))}:" in out


def test_a_duplicate_key_inside_a_question_is_an_error(tmp_path):
    text = FIXTURE.read_text().replace("    answer: 38\n", "    answer: 38\n    answer: 40\n", 1)
    assert "duplicate key 'answer'" in _problems(_bank_file(tmp_path, text))


@pytest.mark.parametrize("bad", [".inf", "-.inf", ".nan"])
def test_non_finite_tolerances_and_answers_are_refused(tmp_path, bad):
    tol = FIXTURE.read_text().replace("tolerance: {relative: 0.05}", f"tolerance: {{absolute: {bad}}}")
    assert "num-four" in _problems(_bank_file(tmp_path, tol))
    ans = FIXTURE.read_text().replace("    answer: 38\n", f"    answer: {bad}\n")
    assert "num-four" in _problems(_bank_file(tmp_path, ans))


def test_a_yaml_alias_bomb_is_refused_quickly(tmp_path):
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{c}: &{c} [{','.join('*' + p for _ in range(9))}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    assert len(bomb) < 400
    out = _problems(_bank_file(tmp_path, bomb))
    assert "expands to more than" in out


def test_an_oversized_bank_is_refused_before_it_is_parsed(tmp_path):
    path = _bank_file(tmp_path, "# " + "x" * 1_100_000 + "\n")
    assert "too large" in _problems(path) or "bytes" in _problems(path)


@pytest.mark.parametrize("check", ["check: 5", "check: {dataset: 7}", "check: {column: total_usd_bn}",
                                   "check: {dataset: no_such_table, column: x, where: {}}"])
def test_a_malformed_check_block_names_the_question_without_a_traceback(tmp_path, check):
    text = FIXTURE.read_text().replace("    unit: bcm\n", f"    unit: bcm\n    {check}\n", 1)
    out = _problems(_bank_file(tmp_path, text))
    assert "num-four" in out and "Traceback" not in out


def _cli(args, capsys) -> tuple[int, str]:
    from lessons.cli import main

    code = main(args)
    out = capsys.readouterr()
    return code, out.out + out.err


def test_validate_on_a_hostile_bank_exits_1_with_messages_not_a_traceback(tmp_path, capsys):
    path = _bank_file(tmp_path, FIXTURE.read_text() + "questions: []\n")
    code, said = _cli(["validate", str(path)], capsys)
    assert code == 1 and "duplicate key 'questions'" in said


@pytest.mark.parametrize(("descriptor", "named"), [
    ("{", "datapackage.json line 1, column 2: not valid JSON"),
    ("[]", "datapackage.json: expected an object with a 'resources' list"),
    ('{"resources": 5}', "datapackage.json: expected an object with a 'resources' list"),
    ('{"resources": [{"name": "trade_annual"}]}', 'datapackage.json: one of the properties "path" or "data"'),
    ('{"resources": [{"name": "t", "path": "t.csv", "schema": {"fields": 3}}]}',
     "datapackage.json: 3 is not of type 'array' at property 'fields'"),
    ('{"resources": [5]}', "datapackage.json: 5 is not of type 'object' at property 'resources/0'"),
    ('{"resources": [{"name": "t", "path": "t.csv", "schema": {"fields": [{"name": "a", "type": "nope"}]}}]}',
     'datapackage.json: field type "nope" is not supported'),
    ('{"resources": [{"name": "t", "path": "t.csv", "schema": {"fields": [{"name": "a"}], "primaryKey": ["b"]}}]}',
     "datapackage.json"),
])
def test_a_broken_datapackage_descriptor_is_a_message_naming_the_file(tmp_path, descriptor, named, capsys):
    (tmp_path / "datapackage.json").write_text(descriptor)
    (tmp_path / "t.csv").write_text("a\n1\n")
    code, said = _cli(["validate", "--data", str(tmp_path)], capsys)  # a bug would raise here
    assert code != 0 and named in said


# --- wrong grades ---------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["38 million", "38 billion", "38 mt", "38 %", "38 bn bcm", "38 years"])
def test_a_number_with_a_scale_or_unit_the_question_does_not_use_is_not_accepted(saved, typed):
    feedback = _answer(_quiz(), "num-four", typed)
    assert feedback.correct is not True
    assert "38" in feedback.message


@pytest.mark.parametrize("typed", ["38", "38 bcm", "38.0 bcm", " 38 BCM ", "37.5"])
def test_the_right_number_in_the_question_unit_is_accepted(saved, typed):
    assert _answer(_quiz(), "num-four", typed).correct is True


@pytest.mark.parametrize("odd", [float("inf"), float("nan"), "inf", "1e400", True])
def test_non_finite_or_boolean_answers_are_never_right(saved, odd):
    assert _answer(_quiz(), "num-four", odd).correct is not True


# --- content that must never run ----------------------------------------------------------

def test_bank_html_is_escaped_in_every_export_format(tmp_path):
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    bank = yaml.safe_load(FIXTURE.read_text())
    for q in bank["questions"]:
        q["prompt"] = f"{q['prompt']} {evil}"
        q["explanation"] = evil
    quiz = Quiz(bank, save_progress=False)
    for name, text in (("markdown", to_markdown(quiz)), ("gift", to_gift(quiz)),
                       ("text2qti", to_text2qti(quiz))):
        assert "<script" not in text.lower() and "<img" not in text.lower(), name


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r\n=1+1"])
def test_the_progress_export_defuses_spreadsheet_formulas(saved, tmp_path, text):
    import csv

    from lessons.cli import main

    _answer(_quiz(), "reflect-seven", text)
    out = tmp_path / "answers.csv"
    assert main(["progress", "export", "-o", str(out)]) == 0
    (row,) = csv.DictReader(out.open(encoding="utf-8-sig", newline=""))
    assert row["answer"] == "'" + text.strip()  # defused (after the usual trimming), not dropped


def test_new_exercise_quotes_a_bank_path_that_looks_like_code(tmp_path, monkeypatch):
    from lessons.assignments import new_exercise

    crafted = tmp_path / 'b"); import os; os.system("touch PWNED"); ("'
    crafted.mkdir()
    bank = crafted / "every_type.yaml"
    bank.write_text(FIXTURE.read_text())
    monkeypatch.setenv("LESSONS_CACHE_DIR", "off")
    path = new_exercise("demo", tmp_path / "out", bank=str(bank))
    cell = next(c for c in nbformat.read(path, as_version=4).cells if "from_bank" in c.source)
    (stmt,) = ast.parse(cell.source).body  # one statement: the call, nothing else
    assert isinstance(stmt.value, ast.Call) and stmt.value.args[0].value == str(bank)


def test_the_checked_bank_cache_does_not_skip_the_file_name_check(tmp_path, monkeypatch):
    monkeypatch.setenv("LESSONS_CACHE_DIR", str(tmp_path / "cache"))
    good = _bank_file(tmp_path, FIXTURE.read_text())
    from lessons.quiz.collection import read_bank

    read_bank(good)  # passes and is remembered
    renamed = _bank_file(tmp_path, FIXTURE.read_text(), name="another_name")
    with pytest.raises(BankError, match="another_name"):
        read_bank(renamed)


# --- resources ------------------------------------------------------------------------------

def test_an_endless_iterator_as_an_answer_is_refused_within_budget(saved):
    import itertools

    quiz = _quiz()
    for qid in ("order-five", "multi-two", "match-six", "reflect-seven", "num-four"):
        feedback = _answer(quiz, qid, itertools.count())
        assert feedback.correct is not True, qid


def test_a_huge_string_answer_is_refused_and_not_stored(saved):
    feedback = _answer(_quiz(), "num-four", "38 " + "9" * 5_000_000)
    assert feedback.correct is None and not saved.exists()
