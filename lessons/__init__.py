"""Helpers for the Russia-China partnership course.

The names a notebook needs are available from the top level, imported lazily so
that ``import lessons`` stays cheap:

    from lessons import load_dataset, list_datasets, cite, use_course_style, finish
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "DataError": "data",
    "load_dataset": "data",
    "list_datasets": "data",
    "describe_dataset": "data",
    "data_dir": "data",
    "cite": "sources",
    "who_says": "sources",
    "sources_used": "sources",
    "use_course_style": "charts",
    "source_line": "charts",
    "finish": "charts",
    "timeline_chart": "charts",
    "gantt": "charts",
    "TimelineExplorer": "explore",
    "PALETTE": "charts",
    "progress_report": "progress",
    "Quiz": "widgets",  # the quiz model with its widget front end registered
    "list_banks": "quiz",
    "____": "exercises",
    "Task": "exercises",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lessons' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
