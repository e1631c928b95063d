"""The ``lessons`` command (also ``python -m lessons``): tools for instructors.

Each command prints where it wrote, and on bad input exits non-zero with a
one-line reason (never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .data import PROJECT_ROOT

EXERCISE_DIR = Path(".")  # the current folder: never the installed package
GUIDE_DIR = Path(__file__).resolve().parent / "guides"


class CommandError(Exception):
    """A one-line reason to stop."""


def _validate_data(directory: Path) -> int:
    """`lessons validate --data DIR`: every problem Frictionless finds, with file, row and column."""
    from .data import validate_package

    problems = validate_package(directory)
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problem(s) in the data package in {directory}", file=sys.stderr)
        return 1
    print(f"ok: the data package in {directory} is valid")
    return 0


def _validate(args) -> int:
    if args.data is not None:
        return _validate_data(Path(args.data))
    from .banks import BANK_DIR
    from .notebooks import check_executed, check_skeleton, course_notebooks
    from .quiz import check_bank

    paths = [Path(p) for p in args.paths]
    if not paths:
        paths = sorted(BANK_DIR.glob("*.yaml")) + course_notebooks(PROJECT_ROOT / "notebooks")
    problems: list[str] = []
    banks = notebooks = 0
    for path in paths:
        if not path.exists():
            problems.append(f"{path}: -: no such file")
        elif path.suffix == ".ipynb":
            notebooks += 1
            problems += [str(p) for p in check_executed(path)]
            if not path.name.startswith("00_"):
                problems += [str(p) for p in check_skeleton(path)]
        else:
            banks += 1
            problems += [str(p) for p in check_bank(path)]
    for line in problems:
        print(line)
    checked = f"{banks} bank(s) and {notebooks} notebook(s)"
    if problems:
        print(f"{len(problems)} problem(s) in {checked}", file=sys.stderr)
        return 1
    print(f"ok: {checked} valid")
    return 0


def _csv_list(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]


def _new_exercise(args) -> int:
    from .assignments import new_exercise
    from .course import refuse_install

    refuse_install(Path(args.output), "with -o DIR")
    path = new_exercise(args.name, Path(args.output), datasets=_csv_list(args.datasets) or None,
                        bank=args.bank, questions=_csv_list(args.questions) or None,
                        force=args.force, fmt=args.format)
    print(f"wrote {path}")
    if args.format == "otter":
        print(f"next: edit the task, then `otter assign {path} dist` (student notebook and autograder)")
    else:
        print(f"next: open it in JupyterLab, edit the task, then `lessons student {path}` "
              "(or put it in an nbgrader course's source/ folder)")
    return 0


def _default_out(src: Path, suffix: str) -> Path:
    return src.with_name(f"{src.stem}_{suffix}.ipynb")


def _version(args) -> int:
    """`lessons student` and `lessons key`: one instructor notebook, two derived versions."""
    from .assignments import key_version, student_version

    src = Path(args.source)
    out = Path(args.output) if args.output else _default_out(src, args.command)
    if args.command == "key":
        print(f"wrote {key_version(src, out, force=args.force)} (answer key)")
        return 0
    notes: list[str] = []
    out = student_version(src, out, force=args.force, update_source=args.update_source, notes=notes)
    print(f"wrote {out} (solutions replaced by blanks, tasks sealed, instructor cells, autograder "
          "tests, outputs and widget state removed; checked: no solution line remains)")
    for note in notes:
        print(f"note: {note}")
    return 0


def _export(args) -> int:
    from .authoring import export_bank
    from .banks import list_banks

    banks = list_banks() if args.bank == "all" else [args.bank]
    out_dir = Path(args.output)
    for bank in banks:
        for path in export_bank(bank, args.format, out_dir, force=args.force):
            print(f"wrote {path}")
    return 0


def _progress_export(args) -> int:
    from .progress import export_rows, load_records, progress_path, write_csv
    from .quiz import describe_item

    out = Path(args.output)
    if out.exists() and not args.force:
        raise CommandError(f"{out} already exists; use --force to replace it")
    records = load_records()
    if not records:
        where = progress_path()
        raise CommandError(f"no saved answers to export (progress file: {where or 'saving is off'})")
    rows = export_rows(records, describe=describe_item)
    write_csv(out, rows)
    print(f"wrote {out} ({len(rows)} questions and tasks, from {len(records)} saved records)")
    return 0


def _course_copy(args) -> int:
    """`lessons course copy DIR`: the notebooks (and an exercise to edit) in a folder of your own."""
    from .course import copy_course

    dest = Path(args.dest)
    report = copy_course(dest, exercise=not args.no_exercise)  # refuses the installation
    for path in report.written:
        print(f"wrote {path}")
    for path in report.skipped:
        print(f"kept {path} (already there; not replaced)")
    print(f"{len(report.written)} file(s) written, {len(report.skipped)} kept as they were; "
          f"next: jupyter lab {dest / 'notebooks' / '00_start_here.ipynb'}")
    return 0


def _guides(args) -> int:
    """`lessons guides`: the teacher guides' Try-it answers, written from the task declarations."""
    from .exercises import update_guide
    from .tasks import for_notebook, modules

    stale = []
    for module in modules():
        guide = GUIDE_DIR / f"{module.NOTEBOOK}.md"
        if not update_guide(guide, for_notebook(module.NOTEBOOK), write=args.write):
            stale.append(guide)
    for guide in stale:
        print(f"{'updated' if args.write else 'out of date'}: lessons/guides/{guide.name}")
    if stale and not args.write:
        print("run `lessons guides --write` to update them", file=sys.stderr)
        return 1
    print(f"ok: every guide's Try-it answers match the task declarations"
          f"{f' ({len(stale)} updated)' if stale else ''}")
    return 0


def _slides(args) -> int:
    """`lessons slides`: slide metadata for the slide view, set from each notebook's headings."""
    from .notebooks import course_notebooks, sync_slides

    paths = [Path(p) for p in args.paths] or course_notebooks(PROJECT_ROOT / "notebooks")
    stale = [p for p in paths if not sync_slides(p, write=args.write)]
    for path in stale:
        print(f"{'updated' if args.write else 'out of date'}: {path.as_posix()}")
    if stale and not args.write:
        print("run `lessons slides --write` to update them", file=sys.stderr)
        return 1
    print(f"ok: slides follow the headings in {len(paths)} notebook(s)")
    return 0


def _schema(args) -> int:
    """`lessons schema`: the bank JSON Schema, generated from the question kinds."""
    from .banks import SCHEMA_PATH
    from .quiz import schema_text

    text = schema_text()
    if args.write:
        SCHEMA_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {SCHEMA_PATH}")
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lessons", description="Tools for the course's question banks, exercises and data.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name, help_text, example, run):
        p = sub.add_parser(name, help=help_text, description=help_text, epilog=f"example:\n  {example}",
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(run=run)
        return p

    v = command("validate", "check question banks (schema, ids, answers, citations, data) and course "
                "notebooks (skeleton, executed); prints 'file: where: problem' lines, exits 1 on any",
                "lessons validate lessons/banks/02_trade.yaml", _validate)
    v.add_argument("paths", nargs="*", help="bank .yaml or notebook .ipynb files (default: all)")
    v.add_argument("--data", metavar="DIR", help="check the data package in DIR (its datapackage.json "
                   "and every table) with Frictionless instead; prints 'file row N, column: problem'")

    n = command("new-exercise", "write a new exercise notebook from the course template",
                "lessons new-exercise trade_growth --datasets trade_annual --bank 02_trade "
                "--questions trade-2014,trade-targets", _new_exercise)
    n.add_argument("name", help="file name without .ipynb (letters, digits, - and _)")
    n.add_argument("-o", "--output", default=str(EXERCISE_DIR), help="folder (default: the current folder)")
    n.add_argument("--datasets", help="comma-separated dataset names (default: trade_annual)")
    n.add_argument("--bank", help="question bank to take quiz questions from")
    n.add_argument("--questions", help="comma-separated question ids from --bank")
    n.add_argument("--format", choices=["nbgrader", "otter"], default="nbgrader",
                   help="nbgrader source notebook, also read by `lessons student` (default), or an "
                        "otter-grader master notebook for `otter assign`")
    n.add_argument("--force", action="store_true", help="replace an existing file")

    for name, what, run in (("student", "a student version: runs the instructor notebook to seal "
                             "each task's answer, replaces solutions with blanks, removes cells tagged "
                             "instructor, autograder tests, outputs and widget state; refuses unpaired "
                             "or misspelt markers, naming the cell", _version),
                            ("key", "an answer key that keeps the solutions", _version)):
        p = command(name, what, f"lessons {name} notebooks/exercises/trade_growth.ipynb", run)
        p.add_argument("source", help="the instructor's notebook")
        p.add_argument("-o", "--output", help=f"output notebook (default: SOURCE_{name}.ipynb)")
        p.add_argument("--force", action="store_true", help="replace an existing file")
        if name == "student":
            p.add_argument("--update-source", action="store_true",
                           help="also write fresh seals into the source notebook (only the seals)")

    e = command("export", "export quizzes: Moodle GIFT, Canvas (text2qti), or printable "
                "worksheets (markdown, html) with the answer key on separate pages",
                "lessons export all --format gift -o exports", _export)
    e.add_argument("bank", help="a bank id (see lessons/banks) or 'all'")
    e.add_argument("--format", required=True, choices=["gift", "qti", "markdown", "html"])
    e.add_argument("-o", "--output", default="exports", help="folder (default: %(default)s)")
    e.add_argument("--force", action="store_true", help="replace existing files")

    pr = command("progress", "a learner's saved answers", "lessons progress export -o my_answers.csv",
                 lambda a: _progress_export(a))
    prsub = pr.add_subparsers(dest="action", required=True, metavar="ACTION")
    pe = prsub.add_parser("export", help="write saved answers as CSV, to hand in",
                          description="Write your saved quiz answers as a CSV file.",
                          epilog="example:\n  lessons progress export -o my_answers.csv",
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    pe.add_argument("-o", "--output", default="progress.csv", help="CSV file (default: %(default)s)")
    pe.add_argument("--force", action="store_true", help="replace an existing file")
    c = command("course", "the course's notebooks in a folder of your own",
                "lessons course copy ~/course", _course_copy)
    csub = c.add_subparsers(dest="action", required=True, metavar="ACTION")
    cc = csub.add_parser("copy", help="copy the notebooks (and an exercise to edit) into DIR/notebooks; "
                         "files already there are kept, never replaced",
                         description="Copy the course notebooks into DIR/notebooks, and write "
                         "DIR/notebooks/exercises/my_exercise.ipynb from the exercise template. "
                         "Files already there are kept and listed.",
                         epilog="example:\n  lessons course copy ~/course && cd ~/course && "
                         "jupyter lab notebooks/00_start_here.ipynb",
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    cc.add_argument("dest", metavar="DIR", help="folder to copy into (made if missing)")
    cc.add_argument("--no-exercise", action="store_true", help="copy only the course notebooks")
    g = command("guides", "check that the teacher guides' Try-it answers match the task "
                "declarations (lessons/tasks/); --write brings them up to date",
                "lessons guides --write", _guides)
    g.add_argument("--write", action="store_true", help="rewrite the generated part of each guide")

    sl = command("slides", "check that each notebook's slide view (jupyterlab-rise) follows its "
                 "headings; --write sets the slide metadata", "lessons slides --write", _slides)
    sl.add_argument("paths", nargs="*", help="notebooks (default: the course notebooks)")
    sl.add_argument("--write", action="store_true", help="write the slide metadata")

    s = command("schema", "print the question-bank JSON Schema (generated from the question "
                "kinds); --write updates lessons/schema/bank.schema.json", "lessons schema --write",
                _schema)
    s.add_argument("--write", action="store_true", help="write the schema file")
    return parser


def main(argv: list[str] | None = None) -> int:
    from .assignments import AssignmentError
    from .authoring import ExportError
    from .banks import BankError
    from .data import DataError

    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (CommandError, AssignmentError, ExportError, DataError, OSError, KeyError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"lessons {args.command}: {str(reason).strip(chr(34)).splitlines()[0]}", file=sys.stderr)
        return 2
    except BankError as exc:
        print(f"lessons {args.command}: {exc.problems[0]}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
