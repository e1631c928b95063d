"""Where the course's files are, wherever ``lessons`` is installed, and copying them out.

An installed wheel carries the course in the package itself (``lessons/_course/``:
``data/``, ``seeds/``, ``notebooks/``), copied there by the build from the
repository's folders of the same names. An editable install or a clone has no
such folder and reads the repository's own ``data/``, ``seeds/`` and ``notebooks/``.

:func:`copy_course` puts the notebooks in a learner's or teacher's folder
(``lessons course copy DIR``) without replacing anything already there.
"""

from __future__ import annotations

import shutil
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
BUNDLED = PACKAGE_DIR / "_course"
PARTS = ("data", "seeds", "notebooks")


def course_root() -> Path:
    """The folder holding ``data/``, ``seeds/`` and ``notebooks/``: the installed copy or the repository."""
    if (BUNDLED / "data" / "datapackage.json").is_file():
        return BUNDLED
    return PACKAGE_DIR.parent


COURSE_ROOT = course_root()


def install_locations() -> list[Path]:
    """Folders that belong to the Python installation (site-packages, the package itself)."""
    places = {PACKAGE_DIR, BUNDLED}
    for key in ("purelib", "platlib"):
        try:
            places.add(Path(sysconfig.get_paths()[key]).resolve())
        except (KeyError, OSError):
            continue
    places |= {Path(p).resolve() for p in sys.path if p.endswith(("site-packages", "dist-packages"))}
    return sorted(places)


def inside_install(path: Path) -> Path | None:
    """The installation folder ``path`` lies in, or None when it is safe to write there."""
    target = Path(path).resolve()
    for place in install_locations():
        if target == place or place in target.parents:
            return place
    return None


def refuse_install(path: Path, hint: str = "such as ~/course") -> None:
    """OSError naming the installation folder when ``path`` lies inside it (nothing is written there)."""
    place = inside_install(path)
    if place is not None:
        raise OSError(0, f"{path} is inside the Python installation ({place}); "
                         f"write to a folder of your own, {hint}")


def course_notebooks() -> list[Path]:
    """The course notebooks (00 to 14) as installed."""
    return sorted((COURSE_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@dataclass
class CopyReport:
    """What :func:`copy_course` did: files written and files left as they were."""

    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


EXERCISE = Path("notebooks") / "exercises" / "my_exercise.ipynb"


def copy_course(dest: Path, *, exercise: bool = True) -> CopyReport:
    """Copy the course notebooks into ``dest/notebooks/``; never replace an existing file.

    With ``exercise`` (the default) it also writes ``notebooks/exercises/my_exercise.ipynb``
    from the exercise template (``lessons new-exercise``), for a teacher to edit. A file
    already in ``dest`` (a learner's own work, or an earlier copy) is skipped and listed
    in the report. Refuses to write into the Python installation.
    """
    dest = Path(dest).expanduser()
    refuse_install(dest)
    report = CopyReport()
    for source in course_notebooks():
        target = dest / "notebooks" / source.name
        if target.exists():
            report.skipped.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        report.written.append(target)
    if exercise:
        target = dest / EXERCISE
        if target.exists():
            report.skipped.append(target)
        else:
            from .assignments import new_exercise

            target.parent.mkdir(parents=True, exist_ok=True)
            report.written.append(new_exercise(target.stem, target.parent))
    return report
