"""setuptools build step: copy the course's data, provenance register and notebooks into the wheel.

The repository keeps them where the design card puts them (``data/``, ``seeds/``,
``notebooks/``); a wheel (and an install from the sdist or from git) carries a copy
in ``lessons/_course/``, which ``lessons.course.course_root()`` finds. Symbolic
links (``data/sources.csv -> ../seeds/sources.csv``) become plain copies, since a
wheel cannot hold links. An editable install skips this and reads the repository.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
PARTS = {"data": "*.*", "seeds": "*.*", "notebooks": "[0-9][0-9]_*.ipynb"}


def course_files(root: Path = ROOT):
    """(source, path inside lessons/_course) for every file the wheel carries."""
    for part, pattern in PARTS.items():
        for path in sorted((root / part).glob(pattern)):
            if path.is_file() and not path.name.startswith("."):
                yield path, Path(part) / path.name


class BuildPy(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "lessons" / "_course"
        files = list(course_files())
        if not any(rel.as_posix() == "data/datapackage.json" for _, rel in files):
            raise SystemExit(f"build_course: no data/datapackage.json under {ROOT}")
        for source, rel in files:
            out = target / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source.resolve(), out)
