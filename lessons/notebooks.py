"""Checks that a course notebook follows the skeleton and is committed executed.

Used by ``lessons validate`` and by the test suite, so both hold notebooks to
the same rules (see ``shared/NOTEBOOK_SKELETON.md`` in the project's notes and
the README): objectives, numbered sections, Who-says-so, Try-it tasks with
checks, a quiz from the notebook's own bank, discussion prompts, generated
sources; every code cell executed, no error output, at most 300 KB.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .banks import Problem

HEADINGS = ["Learning objectives", "Who says so?", "Try it", "Quiz", "Discussion", "Sources"]
MAX_BYTES = 300_000
MAX_SETUP_LINES = 8
MAX_CELL_LINES = 15


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def read_cells(path: Path) -> tuple[str, list[dict] | None, list[Problem]]:
    """(the path as shown, the cells or None, a problem if the file is not a notebook)."""
    shown = Path(path).as_posix()
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        return shown, nb.get("cells", []), []
    except (OSError, ValueError, AttributeError) as exc:
        return shown, None, [Problem(shown, "-", f"cannot be read as a notebook ({exc})")]


def check_executed(path: Path) -> list[Problem]:
    """Committed executed: every code cell run, no error outputs, no memory addresses, small."""
    path = Path(path)
    shown, cells, problems = read_cells(path)
    if cells is None:
        return problems
    if path.stat().st_size > MAX_BYTES:
        problems.append(Problem(shown, "-", f"is {path.stat().st_size // 1000} KB; keep it under "
                                            f"{MAX_BYTES // 1000} KB (fewer or smaller charts)"))
    for i, cell in enumerate(cells):
        if cell.get("cell_type") != "code" or not _source(cell).strip():
            continue
        where = f"cell {i}"
        if "execution" in cell.get("metadata", {}):
            problems.append(Problem(shown, where, "carries execution timestamps in its metadata "
                                                  "(re-run with make execute, which leaves them out)"))
        if cell.get("execution_count") is None:
            problems.append(Problem(shown, where, "not executed; run the notebook and save it"))
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(Problem(shown, where, f"has an error output ({out.get('ename')})"))
            text = "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
            if re.search(r" at 0x[0-9a-f]{6,}", text):
                problems.append(Problem(shown, where, "prints a memory address (output changes "
                                                      "every run)"))
    return problems


def check_skeleton(path: Path) -> list[Problem]:
    """The course notebook shape (notebooks 01-14; 00 introduces the course and is exempt)."""
    path = Path(path)
    shown, cells, problems = read_cells(path)
    if cells is None:
        return problems

    def need(ok: bool, message: str):
        if not ok:
            problems.append(Problem(shown, "skeleton", message))

    markdown = "\n".join(_source(c) for c in cells if c.get("cell_type") == "markdown")
    for heading in HEADINGS:
        need(bool(re.search(rf"^#+ .*{re.escape(heading)}", markdown, re.M | re.I)),
             f"no heading '{heading}'")
    if "Learning objectives" in markdown:
        objectives = markdown.split("Learning objectives", 1)[1].split("\n#", 1)[0]
        n = len(re.findall(r"^\s*[-*] ", objectives, re.M))
        need(3 <= n <= 5, f"{n} learning objectives; give 3 to 5")
    sections = len(re.findall(r"^## \d+\. ", markdown, re.M))
    need(3 <= sections <= 5, f"{sections} numbered sections ('## 1. ...'); give 3 to 5")
    code = [_source(c) for c in cells if c.get("cell_type") == "code"]
    need(bool(code) and "from lessons" in code[0] and len(code[0].splitlines()) <= MAX_SETUP_LINES,
         f"the first code cell should be a short set-up (imports from lessons, at most "
         f"{MAX_SETUP_LINES} lines)")
    n_checks = sum(bool(re.search(r"task\d+\.check\(", c)) for c in code)
    need(n_checks >= 2, f"{n_checks} Try-it checks (taskN.check(...)); give at least 2")
    need(any(f'Quiz.from_bank("{path.stem}")' in c for c in code),
         f'no quiz from its own bank (Quiz.from_bank("{path.stem}"))')
    need(bool(code) and "sources_used()" in code[-1], "the last code cell should be sources_used()")
    if "Discussion" in markdown:
        block = markdown.split("Discussion", 1)[1].split("\n## ", 1)[0]
        n = len(re.findall(r"^\s*(?:\d+\.|[-*]) ", block, re.M))
        need(n >= 3, f"{n} discussion prompts; give at least 3")
    longest = max((len(c.splitlines()) for c in code), default=0)
    need(longest <= MAX_CELL_LINES, f"a code cell of {longest} lines; keep learner cells short "
                                    "and move plumbing into lessons/")
    return problems


def course_notebooks(directory: Path) -> list[Path]:
    return sorted(Path(directory).glob("[0-9][0-9]_*.ipynb"))


# Slides for a classroom walkthrough (jupyterlab-rise): set from each notebook's own structure,
# so a teacher never marks up slides by hand. Every "#"/"##" heading starts a slide, "###" a
# sub-slide, the set-up cell is skipped and everything else joins the slide above it.
RISE_SETTINGS = {"scroll": True, "enable_chalkboard": False, "transition": "none"}


INSTALL_TAG = "colab-install"  # the install-if-missing cell at the top of 00_start_here


def slide_type(cell: dict, *, setup: bool = False) -> str:
    """The RISE slide type a cell gets from its place in the notebook."""
    if setup:
        return "skip"
    if cell.get("cell_type") == "markdown":
        first = _source(cell).lstrip().split("\n", 1)[0]
        if re.match(r"#{1,2} ", first):
            return "slide"
        if first.startswith("### "):
            return "subslide"
    return "-"


def slide_metadata(nb: dict) -> tuple[list[str], dict]:
    """(the slide type of every cell, the notebook's RISE settings)."""
    cells = nb.get("cells", [])
    plumbing = [i for i, c in enumerate(cells) if INSTALL_TAG in c.get("metadata", {}).get("tags", [])]
    first_code = next((i for i, c in enumerate(cells)
                       if c.get("cell_type") == "code" and i not in plumbing), None)
    return ([slide_type(c, setup=i == first_code or i in plumbing) for i, c in enumerate(cells)],
            dict(RISE_SETTINGS))


def sync_slides(path: Path, *, write: bool) -> bool:
    """True if the notebook's slide metadata already follows its structure; with ``write``,
    bring it up to date (nothing else in the file changes)."""
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    types, settings = slide_metadata(nb)
    current = ([c.get("metadata", {}).get("slideshow", {}).get("slide_type") for c in nb.cells],
               nb.metadata.get("rise"))
    if current == (types, settings):
        return True
    if write:
        for cell, kind in zip(nb.cells, types, strict=True):
            cell.metadata["slideshow"] = {"slide_type": kind}
        nb.metadata["rise"] = settings
        nbformat.write(nb, str(path))
    return False
