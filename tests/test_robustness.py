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
