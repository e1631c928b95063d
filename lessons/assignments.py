"""Instructor exercises: one notebook, a student version and a key (nbgrader-compatible).

The instructor's notebook is the source. A model solution sits between ``### BEGIN
SOLUTION`` and ``### END SOLUTION`` in a code cell (or fills a cell tagged
``solution``); a cell tagged ``instructor`` is for the instructor alone. Tasks are
declared with :func:`lessons.exercises.sealed_task`, so the notebook never holds a
task's answer as a value: only a *seal* (digests, type and shape).

:func:`new_exercise` writes such a notebook, with nbgrader cell metadata (solution
cells, locked read-only cells, autograded test cells with points), so it is a valid
nbgrader source notebook as it stands.

:func:`student_version` is strict. It refuses, naming the cell, a notebook whose
markers do not pair up, a marker spelled any other way, or a marker outside a code
cell. It runs the instructor notebook to seal each task's model answer, replaces
every solution with ``answer = ____``, removes ``instructor`` cells and the
autograder test cells, clears outputs, execution counts and every piece of
metadata but the kernel's, cells' tags and nbgrader's, and then checks its own
result: no line of any solution region may remain anywhere in the file.
Nothing is overwritten unless asked (``force``).
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
from contextlib import contextmanager
from pathlib import Path

import nbformat

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
PLACEHOLDER = "answer = ____  # your code here"
MARKDOWN_PLACEHOLDER = "*Your answer here.*"
INSTRUCTOR_TAG, SOLUTION_TAG = "instructor", "solution"
# Anything that looks like a marker: the exact ones are handled, every other spelling refused.
MARKER_LIKE = re.compile(r"(BEGIN|END)[\s_-]*(SOLUTION|HIDDEN[\s_-]*TESTS?)", re.IGNORECASE)
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,60}$")
KEEP_NOTEBOOK_METADATA = ("kernelspec", "language_info")
KEEP_CELL_METADATA = ("tags", "nbgrader", "editable", "deletable")
SEALS_MARK = "LESSONS-SEALS "
# nbgrader's code stub, set to the course's placeholder so both tools hand out the same cell.
NBGRADER_CONFIG = f'''c = get_config()  # noqa: F821 - nbgrader's config object
# Solutions become the course's placeholder, which the task's check reports as not attempted.
c.ClearSolutions.code_stub = {{"python": {PLACEHOLDER!r}}}
c.ClearSolutions.text_stub = {MARKDOWN_PLACEHOLDER!r}
# Cells tagged `instructor` are removed from the release, as `lessons student` removes them.
c.TagRemovePreprocessor.remove_cell_tags = {{"{INSTRUCTOR_TAG}"}}
c.TagRemovePreprocessor.enabled = True
c.GenerateAssignment.preprocessors = [
    "nbconvert.preprocessors.TagRemovePreprocessor",
    "nbgrader.preprocessors.IncludeHeaderFooter", "nbgrader.preprocessors.LockCells",
    "nbgrader.preprocessors.ClearSolutions", "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.CheckCellMetadata", "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.SaveCells", "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme", "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.CheckCellMetadata",
]
'''


class AssignmentError(ValueError):
    """An exercise notebook could not be written; the message says why (file and cell)."""


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise AssignmentError(f"{path} already exists; use --force to replace it")


# --- writing a new exercise ---------------------------------------------------------------

def nbgrader_metadata(grade_id: str, *, solution: bool = False, grade: bool = False,
                      points: int = 0) -> dict:
    """nbgrader's cell metadata: a solution cell, an autograded test, or a locked read-only cell."""
    meta = {"grade": grade, "grade_id": grade_id, "locked": not solution, "schema_version": 3,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return meta


def _notebook(cells) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                  "name": "python3"}, "language_info": {"name": "python"}}
    for i, (kind, text, role) in enumerate(cells):
        cell = (nbformat.v4.new_markdown_cell(text) if kind == "md"
                else nbformat.v4.new_code_cell(text))
        cell["id"] = f"ex-{i:03d}"
        if role == INSTRUCTOR_TAG:
            cell.metadata["tags"] = [INSTRUCTOR_TAG]
        elif role == "answer":
            cell.metadata["nbgrader"] = nbgrader_metadata("task1-answer", solution=True)
        elif role == "test":
            cell.metadata["nbgrader"] = nbgrader_metadata("task1-test", grade=True, points=1)
        elif role == "locked":
            cell.metadata["nbgrader"] = nbgrader_metadata(f"cell-{i:03d}")
        nb.cells.append(cell)
    return nb


FORMATS = ("nbgrader", "otter")
OTTER_CONFIG = "# ASSIGNMENT CONFIG\ninit_cell: false\ncheck_all_cell: false\nexport_cell: false"


def to_otter(nb) -> nbformat.NotebookNode:
    """The exercise as an otter-grader master notebook (``otter assign`` format v1).

    Each nbgrader solution cell becomes a question (named after its task) whose solution uses
    otter's markers, and the test cell after it the question's test; ``instructor`` cells go.
    """
    out = nbformat.from_dict(json.loads(json.dumps(nb)))
    cells = [nbformat.v4.new_raw_cell(OTTER_CONFIG)]

    def raw(text):
        cells.append(nbformat.v4.new_raw_cell(text))

    for cell in out.cells:
        meta = cell.metadata.pop("nbgrader", {})
        if INSTRUCTOR_TAG in _tags(cell):
            continue
        name = meta.get("grade_id", "").split("-")[0]
        if meta.get("solution"):
            raw(f"# BEGIN QUESTION\nname: {name}\npoints: 1")
            cells.append(nbformat.v4.new_markdown_cell(f"Your answer to {name}:"))
            raw("# BEGIN SOLUTION")
            cell.source = cell.source.replace(BEGIN, "# BEGIN SOLUTION").replace(END, "# END SOLUTION")
            cells.append(cell)
            raw("# END SOLUTION")
        elif meta.get("grade"):
            raw("# BEGIN TESTS")
            cells.append(cell)
            raw("# END TESTS")
            raw("# END QUESTION")
        else:
            cells.append(cell)
    for i, cell in enumerate(cells):
        cell["id"] = f"otter-{i:03d}"
    out.cells = cells
    return out


def new_exercise(name: str, out_dir: Path, *, datasets: list[str] | None = None,
                 bank: str | None = None, questions: list[str] | None = None,
                 force: bool = False, fmt: str = "nbgrader") -> Path:
    """Write a new exercise notebook; returns its path.

    ``fmt="nbgrader"`` (the default) is a valid nbgrader source notebook that ``lessons
    student`` also reads; ``fmt="otter"`` an otter-grader master notebook for ``otter assign``.
    """
    if fmt not in FORMATS:
        raise AssignmentError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    from .data import load_dataset
    from .exercises import FACTS, make_seal, run_solution
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
    prompt, code = FACTS["distinct_sources"]
    solution = f"answer = {code.format(ds=first)}"
    value = run_solution(f'{first} = load_dataset({first!r})\n{solution}')
    seal = json.dumps(make_seal(value, salt=f"{name}:task1"), sort_keys=True)
    title = name.replace("_", " ").replace("-", " ").strip().capitalize()
    cells = [
        ("md", f"# {title}\n\n**Time:** about 20 minutes · **Datasets:** "
               + ", ".join(f"`{d}`" for d in datasets)
               + "\n\n## Learning objectives\n"
                 "- Load a course dataset and see where its rows come from.\n"
                 "- Answer a question with pandas and check the answer.\n"
                 "- Cite the sources behind the rows used.", "locked"),
        ("md", "*Instructor (this cell is tagged `instructor`: students never see it): replace the "
               "introduction, the objectives and the task with your own. The model solution goes between "
               "the two solution markers of the answer cell; `lessons student` (or `nbgrader "
               "generate_assignment`) replaces it with a blank, and the task keeps only a seal of "
               "its expected answer.*", INSTRUCTOR_TAG),
        ("code", "from lessons import ____, Quiz, cite, load_dataset, sources_used, "
                 "use_course_style\nfrom lessons.exercises import sealed_task\n\nuse_course_style()",
         "locked"),
        ("md", "## 1. The data", "locked"),
        *[("code", f'{d} = load_dataset({d!r})\n{d}.head()', "locked") for d in datasets],
        ("md", "## Try it\n\nWrite your code in the answer cell below so that it sets `answer`, "
               "then run the cell: the check says whether your answer is right.", "locked"),
        ("code", f'task1 = sealed_task(\n    "task1",\n    prompt={prompt.format(ds=first)!r},\n'
                 f'    hint={f"Start from `{first}` and count its distinct `source_id` values."!r},\n'
                 f'    notebook={name!r},\n    expect={seal!r},\n)\ntask1', "locked"),
        ("code", f"{BEGIN}\n{solution}\n{END}\ntask1.check(answer)", "answer"),
        ("code", "# task1.hint()  # for a hint, delete the # at the start of this line", None),
        ("code", "# Autograder test (nbgrader): passes only when task 1 is answered right.\n"
                 "task1.assert_correct(answer)", "test"),
    ]
    if bank:
        only = f", only={questions!r}" if questions else ""
        cells += [("md", "## Quiz", "locked"), ("code", f'Quiz.from_bank({str(bank)!r}{only})', "locked")]
    cells += [
        ("md", "## Discussion\n\n1. What does this table measure, and what does it leave out?\n"
               "2. Who produced the figures, and why might they present them this way?\n"
               "3. What would you need to check before quoting one of these numbers?", "locked"),
        ("md", "## Sources", "locked"),
        ("code", "sources_used()", "locked"),
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    nb = _notebook(cells)
    nbformat.write(to_otter(nb) if fmt == "otter" else nb, path)
    return path


# --- reading markers strictly -------------------------------------------------------------

def _where(src: Path, i: int, cell) -> str:
    cell_id = cell.get("id")
    return f"{src} cell {i + 1}" + (f" (id {cell_id})" if cell_id else "")


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def _split_regions(source: str, where: str) -> tuple[list[str], list[str]]:
    """(the lines kept, the lines inside solution or hidden-test regions), markers paired strictly."""
    kept, secret, inside, opened_at = [], [], None, 0
    pairs = {BEGIN: END, HIDDEN_BEGIN: HIDDEN_END}
    for n, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if stripped in pairs:
            if inside:
                raise AssignmentError(f"{where}, line {n}: {stripped!r} inside an open {inside!r} "
                                      f"(opened on line {opened_at}); close it first")
            inside, opened_at = stripped, n
            if stripped == BEGIN:
                kept.append(line[: len(line) - len(line.lstrip())] + PLACEHOLDER)
        elif stripped in pairs.values():
            if inside is None or pairs[inside] != stripped:
                raise AssignmentError(f"{where}, line {n}: {stripped!r} without a matching "
                                      f"{next(b for b, e in pairs.items() if e == stripped)!r}")
            inside = None
        elif MARKER_LIKE.search(line):
            raise AssignmentError(f"{where}, line {n}: marker spelled {stripped[:60]!r}; write exactly "
                                  f"{BEGIN!r} or {END!r}, alone on its line")
        elif inside:
            secret.append(line)
        else:
            kept.append(line)
    if inside:
        raise AssignmentError(f"{where}: {inside!r} on line {opened_at} has no "
                              f"{pairs[inside]!r}; add it where the solution ends")
    return kept, secret


def _check_markers(nb, src: Path) -> None:
    for i, cell in enumerate(nb.cells):
        if INSTRUCTOR_TAG in _tags(cell):
            continue  # removed whole from the student version
        if cell.cell_type != "code" and MARKER_LIKE.search(cell.source):
            line = next(ln for ln in cell.source.splitlines() if MARKER_LIKE.search(ln))
            raise AssignmentError(
                f"{_where(src, i, cell)}: solution marker {line.strip()[:60]!r} in a {cell.cell_type} "
                f"cell; markers work only in code cells. Put a written model answer in a cell tagged "
                f"`{SOLUTION_TAG}` (replaced) or `{INSTRUCTOR_TAG}` (removed)")
        if cell.cell_type == "code":
            _split_regions(cell.source, _where(src, i, cell))


def solution_texts(src: Path) -> list[str]:
    """The secret lines of a notebook: solution regions, hidden tests, solution and instructor cells."""
    nb = _read(src)
    _check_markers(nb, src)
    found = []
    for i, cell in enumerate(nb.cells):
        if {SOLUTION_TAG, INSTRUCTOR_TAG} & set(_tags(cell)):
            found += [ln.strip() for ln in cell.source.splitlines() if ln.strip()]
        elif cell.cell_type == "code":
            found += [ln.strip() for ln in _split_regions(cell.source, _where(src, i, cell))[1]
                      if ln.strip()]
    return found


# --- sealing: run the instructor notebook, seal each task's model answer ---------------------

@contextmanager
def _no_progress():
    old = os.environ.get("LESSONS_PROGRESS")
    os.environ["LESSONS_PROGRESS"] = "off"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("LESSONS_PROGRESS", None)
        else:
            os.environ["LESSONS_PROGRESS"] = old


def run_for_seals(nb, src: Path, *, timeout: int = 180) -> dict:
    """Execute the instructor notebook (solutions in place) and report its tasks' seals."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    run = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in run.cells:
        if _is_test_cell(cell):
            cell.source = ""  # a stale seal fails its test: the run is there to make a fresh one
    probe = nbformat.v4.new_code_cell(
        "import json as _lessons_json\nfrom lessons.exercises import seal_report as _lessons_seals\n"
        f"print({SEALS_MARK!r} + _lessons_json.dumps(_lessons_seals(globals())))")
    run.cells.append(probe)
    client = NotebookClient(run, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(Path(src).parent.resolve())}})
    try:
        with _no_progress():
            client.execute(stderr=subprocess.DEVNULL)  # the kernel's start-up chatter; errors come as outputs
    except (CellExecutionError, CellTimeoutError) as exc:
        for i, cell in enumerate(run.cells[:-1]):
            errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
            if errors:
                raise AssignmentError(
                    f"{_where(src, i, cell)}: the instructor version fails when run "
                    f"({errors[0].get('ename')}: {str(errors[0].get('evalue'))[:120]}); "
                    "fix it, since the seals are made by running it") from None
        raise AssignmentError(f"{src}: the instructor version could not be run "
                              f"({type(exc).__name__}); fix it before making a student version") from None
    text = "".join(o.get("text", "") for o in run.cells[-1].get("outputs", []))
    line = next((ln for ln in text.splitlines() if ln.startswith(SEALS_MARK)), None)
    if line is None:
        raise AssignmentError(f"{src}: could not read the tasks' seals from the run")
    return json.loads(line[len(SEALS_MARK):])


DECLARATION = re.compile(r"sealed_task\(\s*(['\"])(?P<name>[^'\"]+)\1")
EXPECT = re.compile(r"expect\s*=\s*(?P<lit>'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|None)")


def _reseal(source: str, seals: dict, where: str, stale: list[str]) -> str:
    """Put the fresh seal into each ``sealed_task(..., expect=...)`` of a cell's source."""
    out, pos = [], 0
    for decl in DECLARATION.finditer(source):
        name = decl.group("name")
        match = EXPECT.search(source, decl.end())
        nxt = DECLARATION.search(source, decl.end())
        if match is None or (nxt and match.start() > nxt.start()):
            continue  # no `expect=`: a task with a custom check only
        info = seals.get(name)
        if info is None or info.get("seal") is None:
            raise AssignmentError(f"{where}: {name} is never checked with a model answer when the "
                                  f"notebook runs, so it cannot be sealed; end its answer cell with "
                                  f"`{info['variable'] if info else name}.check(answer)`")
        new = json.dumps(info["seal"], sort_keys=True)
        old = ast.literal_eval(match.group("lit"))
        if old != new:
            stale.append(name)
        out.append(source[pos:match.start("lit")] + repr(new))
        pos = match.end("lit")
    out.append(source[pos:])
    return "".join(out)


# --- the student version and the key --------------------------------------------------------

def _is_test_cell(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution") and cell.cell_type == "code"


def _clean(cell) -> None:
    meta = cell.get("metadata", {})
    cell["metadata"] = {k: meta[k] for k in KEEP_CELL_METADATA if k in meta}
    cell.pop("attachments", None)
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None


def _strings(node) -> list[str]:
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (str(k), *_strings(v))]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return [str(node)] if isinstance(node, str) else []


def leaked_lines(path: Path, secrets: list[str], public: set[str]) -> list[str]:
    """Secret lines found anywhere in a notebook file (sources, outputs, metadata, raw JSON)."""
    raw = Path(path).read_text(encoding="utf-8")
    strings = _strings(json.loads(raw)) + [raw]
    lines = {ln.strip() for s in strings for ln in s.splitlines()}
    leaks = []
    for line in dict.fromkeys(secrets):
        if line in public:
            continue  # also written outside any solution: not a secret
        if line in lines or (len(line) >= 8 and any(line in s for s in strings)):
            leaks.append(line)
    return leaks


def student_version(src: Path, out: Path, *, force: bool = False, update_source: bool = False,
                    notes: list[str] | None = None) -> Path:
    """The student version: no solution, no answer in any form; see the module docstring.

    ``notes`` (a list) receives what the instructor should know, such as seals in the source
    that no longer match its model solutions; ``update_source`` rewrites those seals in the
    source notebook (and nothing else in it).
    """
    src, out = Path(src), Path(out)
    nb = _read(src)
    _refuse_overwrite(out, force)
    if out.resolve() == src.resolve():
        raise AssignmentError("the student version must not replace its source notebook")
    _check_markers(nb, src)
    report = run_for_seals(nb, src)
    if report["open"]:
        names = ", ".join(report["open"])
        raise AssignmentError(f"{src}: {names} carr{'ies' if len(report['open']) == 1 else 'y'} a model "
                              f"solution (`{report['open'][0]}.solution()` would print it in the student "
                              "version); declare exercise tasks with `sealed_task(...)`")
    secrets, public, stale = solution_texts(src), set(), []
    student = nbformat.from_dict(json.loads(json.dumps(nb)))
    cells, source_changed = [], False
    for i, cell in enumerate(student.cells):
        tags, where = set(_tags(cell)), _where(src, i, cell)
        if INSTRUCTOR_TAG in tags or _is_test_cell(cell):
            if _is_test_cell(cell):
                public.update(ln.strip() for ln in cell.source.splitlines())
            continue
        if SOLUTION_TAG in tags:
            cell.source = PLACEHOLDER if cell.cell_type == "code" else MARKDOWN_PLACEHOLDER
        elif cell.cell_type == "code":
            kept, _ = _split_regions(cell.source, where)
            cell.source = _reseal("\n".join(kept), report["sealed"], where, stale)
            resealed = _reseal(nb.cells[i].source, report["sealed"], where, [])
            if resealed != nb.cells[i].source:
                source_changed = True
                nb.cells[i].source = resealed
            public.update(ln.strip() for ln in kept)
        else:
            public.update(ln.strip() for ln in cell.source.splitlines())
        _clean(cell)
        cells.append(cell)
    student.cells = cells
    student.metadata = {k: nb.metadata[k] for k in KEEP_NOTEBOOK_METADATA if k in nb.metadata}
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(student, out)
    leaks = leaked_lines(out, secrets, public)
    if leaks:
        out.unlink()
        raise AssignmentError(f"{src}: the student version still contained solution text "
                              f"({leaks[0][:60]!r}); nothing was written")
    if stale:
        if update_source and source_changed:
            nbformat.write(nb, src)
            message = f"updated the seal of {', '.join(dict.fromkeys(stale))} in {src}"
        else:
            message = (f"the seal of {', '.join(dict.fromkeys(stale))} in {src} no longer matches its "
                       "model solution (the student version has the new one); add --update-source "
                       "to update the source too (nbgrader reads the source)")
        if notes is not None:
            notes.append(message)
    return out


def key_version(src: Path, out: Path, *, force: bool = False) -> Path:
    """The notebook with its solutions, marked as an answer key (saved widget state dropped)."""
    src, out = Path(src), Path(out)
    nb = _read(src)
    _refuse_overwrite(out, force)
    if out.resolve() == src.resolve():
        raise AssignmentError("the key must not replace its source notebook")
    note = nbformat.v4.new_markdown_cell("**Answer key: for instructors. Do not hand out.**")
    note["id"] = "answer-key-note"
    nb.cells.insert(0, note)
    nb.metadata.pop("widgets", None)
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)
    return out


def _read(src: Path) -> nbformat.NotebookNode:
    src = Path(src)
    if not src.is_file():
        raise AssignmentError(f"{src}: no such notebook")
    try:
        return nbformat.read(src, as_version=4)
    except Exception as exc:  # nbformat raises several kinds for unreadable files
        raise AssignmentError(f"{src}: not a readable notebook ({type(exc).__name__})") from None
