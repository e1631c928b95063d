"""Instructor exercises in the manner of nbgrader: one notebook, student and key versions.

A solution sits between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in a
code cell (or fills a cell tagged ``solution``). :func:`student_version` replaces
each with the placeholder ``answer = ____``, which the task's ``check()``
reports as not attempted, and clears outputs; :func:`key_version` keeps the
solutions and marks the notebook as an answer key. Nothing is overwritten
unless asked (``force``).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
PLACEHOLDER = "answer = ____  # your code here"
MARKDOWN_PLACEHOLDER = "*Your answer here.*"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,60}$")


class AssignmentError(ValueError):
    """An exercise notebook could not be written; the message says why."""


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise AssignmentError(f"{path} already exists; use --force to replace it")


def _notebook(cells) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                  "name": "python3"}, "language_info": {"name": "python"}}
    for i, (kind, text) in enumerate(cells):
        cell = (nbformat.v4.new_markdown_cell(text) if kind == "md"
                else nbformat.v4.new_code_cell(text))
        cell["id"] = f"ex-{i:03d}"
        nb.cells.append(cell)
    return nb


def new_exercise(name: str, out_dir: Path, *, datasets: list[str] | None = None,
                 bank: str | None = None, questions: list[str] | None = None,
                 force: bool = False) -> Path:
    """Write a new exercise notebook from the course template; returns its path."""
    from .data import load_dataset
    from .quiz import Quiz

    if not NAME_RE.match(name or ""):
        raise AssignmentError(f"exercise name {name!r}: use letters, digits, '-' and '_' "
                              "(for example trade_growth)")
    datasets = datasets or ["trade_annual"]
    for ds in datasets:
        load_dataset(ds)  # DataError naming the available datasets if unknown
        if not ds.isidentifier():
            raise AssignmentError(f"dataset name {ds!r} cannot be a Python variable")
    if questions and not bank:
        raise AssignmentError("--questions needs --bank (the bank the questions come from)")
    if bank:
        try:
            Quiz.from_bank(bank, only=questions or None, save_progress=False)
        except KeyError as exc:
            raise AssignmentError(str(exc).strip('"')) from None
    path = out_dir / f"{name}.ipynb"
    _refuse_overwrite(path, force)
    first = datasets[0]
    title = name.replace("_", " ").replace("-", " ").strip().capitalize()
    quiz_call = ""
    if bank:
        only = f", only={questions!r}" if questions else ""
        quiz_call = f'Quiz.from_bank("{bank}"{only})'
    cells = [
        ("md", f"# {title}\n\n**Time:** about 20 minutes · **Datasets:** "
               + ", ".join(f"`{d}`" for d in datasets)
               + "\n\n*Instructor: replace this introduction, the objectives and the task with "
                 "your own. Put model solutions between the BEGIN/END SOLUTION markers; "
                 "`lessons student` removes them.*\n\n## Learning objectives\n"
                 "- Load a course dataset and see where its rows come from.\n"
                 "- Answer a question with pandas and check the answer.\n"
                 "- Cite the sources behind the rows used."),
        ("code", "from lessons import ____, Quiz, cite, load_dataset, sources_used, "
                 "use_course_style\nfrom lessons.exercises import fact_task\n\nuse_course_style()"),
        ("md", "## 1. The data"),
        *[("code", f'{d} = load_dataset("{d}")\n{d}.head()') for d in datasets],
        ("md", f"## Try it\n\n**Task 1.** {_fact_prompt(first)} Replace the code between the "
               "markers with your own, then run the cell."),
        ("code", f'task1 = fact_task("{first}", "distinct_sources")\n\n{BEGIN}\n'
                 f'answer = {first}["source_id"].nunique()\n{END}\ntask1.check(answer)'),
        ("code", "task1.hint()"),
    ]
    if quiz_call:
        cells += [("md", "## Quiz"), ("code", quiz_call)]
    cells += [
        ("md", "## Discussion\n\n1. What does this table measure, and what does it leave out?\n"
               "2. Who produced the figures, and why might they present them this way?\n"
               "3. What would you need to check before quoting one of these numbers?"),
        ("md", "## Sources"),
        ("code", "sources_used()"),
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(_notebook(cells), path)
    return path


def _fact_prompt(ds: str) -> str:
    from .exercises import FACTS

    return FACTS["distinct_sources"][0].format(ds=ds)


def _strip_solution(source: str) -> tuple[str, bool]:
    """Replace each marked block by the placeholder, keeping its indentation."""
    lines, out, inside, changed = source.splitlines(), [], False, False
    for line in lines:
        stripped = line.strip()
        if stripped == BEGIN:
            inside, changed = True, True
            indent = line[: len(line) - len(line.lstrip())]
            out.append(indent + PLACEHOLDER)
        elif stripped == END:
            if not inside:
                raise AssignmentError("### END SOLUTION without a BEGIN")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise AssignmentError("### BEGIN SOLUTION without an END")
    return "\n".join(out), changed


def student_version(src: Path, out: Path, *, force: bool = False) -> Path:
    """Solutions replaced by placeholders, every output cleared."""
    nb = _read(src)
    _refuse_overwrite(out, force)
    if out.resolve() == Path(src).resolve():
        raise AssignmentError("the student version must not replace its source notebook")
    for i, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if "solution" in tags:
            cell.source = PLACEHOLDER if cell.cell_type == "code" else MARKDOWN_PLACEHOLDER
        elif cell.cell_type == "code":
            try:
                cell.source, _ = _strip_solution(cell.source)
            except AssignmentError as exc:
                raise AssignmentError(f"{src} cell {i}: {exc}") from None
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)
    return out


def key_version(src: Path, out: Path, *, force: bool = False) -> Path:
    """The notebook with its solutions, marked as an answer key."""
    nb = _read(src)
    _refuse_overwrite(out, force)
    if out.resolve() == Path(src).resolve():
        raise AssignmentError("the key must not replace its source notebook")
    note = nbformat.v4.new_markdown_cell("**Answer key: for instructors. Do not hand out.**")
    note["id"] = "answer-key-note"
    nb.cells.insert(0, note)
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)
    return out


def solution_texts(src: Path) -> list[str]:
    """The solution lines in a notebook (to prove a student version leaks none)."""
    nb = _read(src)
    found = []
    for cell in nb.cells:
        if "solution" in cell.get("metadata", {}).get("tags", []):
            found += [line for line in cell.source.splitlines() if line.strip()]
            continue
        inside = False
        for line in cell.source.splitlines():
            if line.strip() == BEGIN:
                inside = True
            elif line.strip() == END:
                inside = False
            elif inside and line.strip():
                found.append(line.strip())
    return found


def _read(src: Path) -> nbformat.NotebookNode:
    src = Path(src)
    if not src.is_file():
        raise AssignmentError(f"{src}: no such notebook")
    try:
        return nbformat.read(src, as_version=4)
    except Exception as exc:  # nbformat raises several kinds for unreadable files
        raise AssignmentError(f"{src}: not a readable notebook ({type(exc).__name__})") from None
