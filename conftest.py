"""Test-session settings shared by unit tests and the notebooks under nbval.

Notebook outputs must not depend on the machine: saved progress goes to an
empty file made for this session (a learner's own answers would change the
progress dashboard), and the course data is the project's own.
"""

import os
import tempfile

os.environ["LESSONS_PROGRESS"] = os.path.join(tempfile.mkdtemp(prefix="lessons-test-"),
                                              "progress.json")
os.environ.pop("LESSONS_DATA_DIR", None)
