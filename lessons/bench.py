"""Benchmark: how long each notebook takes, against the floor Jupyter itself sets.

    python -m lessons.bench                 # every notebook, 3 runs each, plus imports
    python -m lessons.bench --suite         # also time the whole test suite (make test's pytest)
    python -m lessons.bench --write docs/benchmarks.md
    python -m lessons.bench --hub 3 --hub 10   # a local JupyterHub class (the hub extra)
    python -m lessons.bench --mutation-score   # after mutmut run: killed / total

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
import shutil
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
                   resources={"metadata": {"path": str(NOTEBOOK_DIR)}}).execute(
                       stderr=subprocess.DEVNULL)  # the kernel's start-up warning, once a run
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


BEGIN, END = "<!-- lessons.bench: start -->", "<!-- lessons.bench: end -->"


def write_section(path: Path, table: str) -> None:
    """Put the table between the bench markers of ``path``; everything else in it is kept.

    A file without the markers gets the section added at its end (nothing is replaced).
    """
    section = f"{BEGIN}\n{table}\n{END}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text.split(BEGIN, 1)[1]:
        head, rest = text.split(BEGIN, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def time_suite() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-q"],
                   cwd=PROJECT_ROOT, check=False, capture_output=True)  # as make test (markers: pyproject)
    return time.perf_counter() - start


# --- mutation score (make mutation) -----------------------------------------------------

KILLED = {"killed", "caught by type check"}
UNCOUNTED = {"not checked", "skipped"}


def mutation_score(results: str) -> tuple[int, int, dict[str, int]]:
    """(killed, total, count by status) from ``mutmut results --all true`` (mutmut 3 lines
    ``    lessons.progress.x_load__mutmut_1: killed``); mutants not run are not counted."""
    counts: dict[str, int] = {}
    for line in results.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and "__mutmut_" in name:
            counts[status] = counts.get(status, 0) + 1
    total = sum(n for status, n in counts.items() if status not in UNCOUNTED)
    killed = sum(n for status, n in counts.items() if status in KILLED)
    return killed, total, counts


def print_mutation_score() -> int:
    mutmut = Path(sys.executable).parent / "mutmut"
    run = subprocess.run([str(mutmut), "results", "--all", "true"], cwd=PROJECT_ROOT,
                         capture_output=True, text=True, check=False)
    killed, total, counts = mutation_score(run.stdout)
    if not total:
        print("no mutation results: run `make mutation` (mutmut run) first", file=sys.stderr)
        return 1
    detail = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    print(f"mutation score: {killed}/{total} mutants killed ({100 * killed / total:.1f}%): {detail}")
    return 0


# --- a class on a local JupyterHub (--hub N) ------------------------------------------------

def hub_class(sizes: list[int], notebook: str = "course/notebooks/02_trade.ipynb") -> list[dict]:
    """For each class size N: memory per learner with the notebook's kernel open, and how much
    longer N learners pressing Run All together take than one learner alone."""
    import concurrent.futures

    from .hub import LocalHub

    root = Path(tempfile.mkdtemp(prefix="lessons-hub-"))
    remote = root / "course.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", str(PROJECT_ROOT), str(remote)], check=True)
    branch = subprocess.run(["git", "rev-parse", "--abbrev-ref", "HEAD"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, check=True).stdout.strip()
    rows = []
    for n in sizes:
        with LocalHub(root / f"hub{n}", f"file://{remote}", branch) as hub:
            users = [f"learner{i:02d}" for i in range(n)]
            for user in users:
                hub.start(user)
                hub.pull(user)
            hub.run(users[0], notebook)  # warm caches (data validation, fonts) once
            start = time.perf_counter()
            if hub.run(users[0], notebook):
                raise RuntimeError(f"{notebook} failed for {users[0]}; see {hub.root}")
            alone = time.perf_counter() - start
            start = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(n) as pool:
                errors = list(pool.map(lambda u: hub.run(u, notebook, keep=True), users))
            together = time.perf_counter() - start
            memory = [hub.server_memory(u) for u in users]
        server = statistics.median(m[0] for m in memory) / 1e6
        kernel = statistics.median(m[1] for m in memory) / 1e6
        rows.append({"learners": n, "alone_s": alone, "together_s": together,
                     "slowdown": together / alone, "server_mb": server, "kernel_mb": kernel,
                     "failures": sum(bool(e) for e in errors)})
        print(f"{n:3d} learners: one alone {alone:.1f} s, all together {together:.1f} s "
              f"({together / alone:.1f}x); per learner {server + kernel:.0f} MB "
              f"(server {server:.0f} MB, kernel {kernel:.0f} MB); failures {rows[-1]['failures']}",
              flush=True)
    shutil.rmtree(root, ignore_errors=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per notebook (median taken)")
    parser.add_argument("--suite", action="store_true", help="also time the whole test suite")
    parser.add_argument("--write", metavar="FILE", help="also write the table as Markdown")
    parser.add_argument("--hub", type=int, action="append", metavar="N",
                        help="run a class of N learners on a local JupyterHub (repeatable)")
    parser.add_argument("--mutation-score", action="store_true",
                        help="print killed/total from `mutmut results` (after make mutation)")
    parser.add_argument("notebooks", nargs="*", help="notebooks (default: all course notebooks)")
    args = parser.parse_args(argv)
    if args.mutation_score:
        return print_mutation_score()
    if args.hub:
        rows = hub_class(args.hub)
        return 1 if any(r["failures"] for r in rows) else 0
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
        print(f"test suite (make test's pytest, slow markers left out): {suite:.1f} s "
              f"(target <= {TARGET_SUITE:.0f} s) {'ok' if ok else 'MISSED'}")
    if args.write:
        lines = ["| notebook | median s | × floor | KB |", "|---|---:|---:|---:|"]
        lines += [f"| {name} | {s:.2f} | {r:.2f} | {'' if b is None else f'{b / 1000:.0f}'} |"
                  for name, s, r, b in rows]
        lines += ["", f"`import pandas`: {base:.2f} s; `import lessons` + first dataset on top: "
                      f"{extra:.2f} s."]
        if suite is not None:
            lines.append(f"Whole test suite as `make test` runs it (no slow markers): {suite:.1f} s.")
        write_section(Path(args.write), "\n".join(lines))
        print(f"wrote the notebook table in {args.write}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
