"""Learners run cells twice and out of order, and hostile input reaches the command line and
generated notebooks: the course keeps working and says what is wrong."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from lessons.data import PROJECT_ROOT

NOTEBOOK = PROJECT_ROOT / "notebooks" / "02_trade.ipynb"
FIXTURE = Path(__file__).parent / "fixtures" / "every_type.yaml"


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


# --- hostile and faulty input: what the module tests do not already cover -----------------
# Saved progress (tests/test_progress.py, test_records.py), banks (test_banks.py), grades
# (test_quiz.py, test_grading.py) and exports (test_authoring.py) have their own hostile cases.
# These two go through the command line and the generated notebook.


def _cli(args, capsys) -> tuple[int, str]:
    from lessons.cli import main

    code = main(args)
    out = capsys.readouterr()
    return code, out.out + out.err


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
     "datapackage.json: primary key \"['b']\" does not match the fields \"['a']\""),
])
def test_a_broken_datapackage_descriptor_is_a_message_naming_the_file(tmp_path, descriptor, named, capsys):
    (tmp_path / "datapackage.json").write_text(descriptor)
    (tmp_path / "t.csv").write_text("a\n1\n")
    code, said = _cli(["validate", "--data", str(tmp_path)], capsys)  # a bug would raise here
    assert code != 0 and named in said


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
