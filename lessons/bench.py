"""Benchmark: how long each notebook takes, against the floor Jupyter itself sets.

    python -m lessons.bench                 # every notebook, 3 runs each, plus imports
    python -m lessons.bench --suite         # also time the whole test suite (make test's pytest)
    python -m lessons.bench --write docs/benchmarks.md

The floor is a notebook that does the least any course notebook must do:
start a kernel, import pandas, matplotlib, ipywidgets and lessons, and draw one
chart. Each notebook's median time is printed beside the floor's, with the
ratio. Targets (on a 2-core machine): each notebook at most 2x the floor;
``import lessons`` plus loading one dataset at most 0.3 s over ``import pandas``;
the test suite (without the browser marker) at most 90 s; each notebook file at
most 300 KB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .data import PROJECT_ROOT

NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
TARGET_RATIO = 2.0
TARGET_IMPORT = 0.3
TARGET_SUITE = 90.0
TARGET_BYTES = 300_000

FLOOR_CELLS = [
    "import pandas, matplotlib, ipywidgets, lessons\nimport matplotlib.pyplot as plt",
    "fig, ax = plt.subplots()\nax.plot([1, 2, 3], [1, 4, 9])\nplt.show()",
]


def _run_notebook(nb) -> float:
    from nbclient import NotebookClient

    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=False,
                   resources={"metadata": {"path": str(NOTEBOOK_DIR)}}).execute()
    return time.perf_counter() - start


def _floor_notebook():
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in FLOOR_CELLS]
    return nb


def time_notebook(path: Path | None, runs: int) -> float:
    """Median seconds to execute a notebook (None: the floor) in a fresh kernel."""
    import nbformat

    times = []
    for _ in range(runs):
        nb = _floor_notebook() if path is None else nbformat.read(path, as_version=4)
        times.append(_run_notebook(nb))
    return statistics.median(times)


def time_imports(runs: int = 7) -> tuple[float, float]:
    """(median seconds for `import pandas`, median extra for lessons + one dataset)."""
    code = ("import time; t0 = time.perf_counter(); import pandas; t1 = time.perf_counter(); "
            "import lessons; lessons.load_dataset('trade_annual'); t2 = time.perf_counter(); "
            "print(t1 - t0, t2 - t1)")
    base, extra = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, cwd=PROJECT_ROOT).stdout.split()
        base.append(float(out[0]))
        extra.append(float(out[1]))
    return statistics.median(base), statistics.median(extra)


def time_suite() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-m",
                    "not browser", "-q"], cwd=PROJECT_ROOT, check=False,
                   capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per notebook (median taken)")
    parser.add_argument("--suite", action="store_true", help="also time the whole test suite")
    parser.add_argument("--write", metavar="FILE", help="also write the table as Markdown")
    parser.add_argument("notebooks", nargs="*", help="notebooks (default: all course notebooks)")
    args = parser.parse_args(argv)
    os.environ["LESSONS_PROGRESS"] = os.path.join(tempfile.mkdtemp(), "progress.json")

    paths = [Path(p) for p in args.notebooks] or sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    floor = time_notebook(None, args.runs)
    rows = [("floor (kernel + imports + one chart)", floor, 1.0, None)]
    print(f"{'notebook':44} {'median s':>9} {'x floor':>8} {'KB':>6}  target")
    print(f"{rows[0][0]:44} {floor:9.2f} {1.0:8.2f} {'':>6}")
    failures = 0
    for path in paths:
        seconds = time_notebook(path, args.runs)
        ratio = seconds / floor
        size = path.stat().st_size
        ok = ratio <= TARGET_RATIO and size <= TARGET_BYTES
        failures += not ok
        rows.append((path.name, seconds, ratio, size))
        print(f"{path.name:44} {seconds:9.2f} {ratio:8.2f} {size / 1000:6.0f}  "
              f"{'ok' if ok else 'MISSED'}", flush=True)
    base, extra = time_imports()
    ok = extra <= TARGET_IMPORT
    failures += not ok
    print(f"\nimport pandas: {base:.2f} s; import lessons + first dataset on top: {extra:.2f} s "
          f"(target <= {TARGET_IMPORT} s) {'ok' if ok else 'MISSED'}")
    suite = None
    if args.suite:
        suite = time_suite()
        ok = suite <= TARGET_SUITE
        failures += not ok
        print(f"test suite (make test's pytest, no browser): {suite:.1f} s "
              f"(target <= {TARGET_SUITE:.0f} s) {'ok' if ok else 'MISSED'}")
    if args.write:
        lines = ["| notebook | median s | × floor | KB |", "|---|---:|---:|---:|"]
        lines += [f"| {name} | {s:.2f} | {r:.2f} | {'' if b is None else f'{b / 1000:.0f}'} |"
                  for name, s, r, b in rows]
        lines += ["", f"`import pandas`: {base:.2f} s; `import lessons` + first dataset on top: "
                      f"{extra:.2f} s."]
        if suite is not None:
            lines.append(f"Whole test suite without the browser marker: {suite:.1f} s.")
        Path(args.write).parent.mkdir(parents=True, exist_ok=True)
        Path(args.write).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {args.write}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
