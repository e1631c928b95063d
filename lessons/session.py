"""What this notebook session has loaded, shown and cited: the record behind ``sources_used()``.

Plain state with no knowledge of the data package, so every other module can
write to it without importing the others:

- ``loaded``: dataset names, in the order a learner loaded them;
- ``cited``: source and claim ids cited by ``cite()``, charts, ``who_says()`` and quizzes;
- ``covered``: datasets whose rows in use are known, so their whole table need not be listed;
- ``observers``: functions called with the value of each notebook cell (in IPython only),
  so ``lessons.sources`` can note the rows a cell displayed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

loaded: dict[str, None] = {}
cited: dict[str, None] = {}
covered: set[str] = set()
observers: list[Callable[[object], None]] = []
_watching: list[bool] = []


def note_loaded(name: str) -> None:
    """A learner loaded the dataset ``name``."""
    loaded.setdefault(name, None)
    watch_cells()


def note_cited(ids: Iterable[str]) -> None:
    """Source or claim ids the notebook cited or showed."""
    for ident in ids:
        cited.setdefault(ident, None)


def note_covered(dataset: str) -> None:
    """The rows of ``dataset`` in use are known (cited ids stand for them)."""
    covered.add(dataset)


def _after_cell(result) -> None:
    """IPython's post-run hook: the edge between the course and a learner's cell."""
    value = getattr(result, "result", None)
    if value is None:
        return
    for observe in list(observers):
        try:
            observe(value)
        except Exception as exc:  # noqa: BLE001 - never break a learner's cell; say so once
            import warnings

            warnings.warn(f"lessons could not note the sources of this cell's output ({exc!r}); "
                          "sources_used() may list the whole dataset instead", stacklevel=1)


def watch_cells() -> None:
    """In IPython, pass each cell's value to the observers (once per kernel)."""
    if _watching:
        return
    _watching.append(True)
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to watch
        return
    shell = get_ipython()
    if shell is not None:
        shell.events.register("post_run_cell", _after_cell)


def reset() -> None:
    """Forget everything (a fresh session; used by tests)."""
    loaded.clear()
    cited.clear()
    covered.clear()
