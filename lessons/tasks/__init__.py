"""Each course notebook's Try-it tasks: one module per notebook, naming it in ``NOTEBOOK``.

    >>> [t.name for t in for_notebook("02_trade")]
    ['task1', 'task2', 'task3']
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def modules() -> list[ModuleType]:
    """Every task module, in name order."""
    return [importlib.import_module(f"{__name__}.{info.name}")
            for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name)]


def for_notebook(stem: str) -> list:
    """The tasks of one notebook (``"02_trade"``), in the order they are declared."""
    from ..exercises import Task

    for module in modules():
        if getattr(module, "NOTEBOOK", None) == stem:
            return [v for v in vars(module).values() if isinstance(v, Task)]
    return []
