"""The ``lessons`` command (also ``python -m lessons``): checks for instructors.

    lessons validate                      # every bank shipped with the course
    lessons validate my_bank.yaml         # particular files
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXAMPLES = {
    "validate": "example: python -m lessons validate lessons/banks/02_trade.yaml",
}


def _validate(args) -> int:
    from .banks import BANK_DIR, check_bank

    paths = [Path(p) for p in args.paths] or sorted(BANK_DIR.glob("*.yaml"))
    if not paths:
        print("no banks found", file=sys.stderr)
        return 1
    problems = []
    for path in paths:
        if not path.exists():
            problems.append(f"{path}: -: no such file")
            continue
        problems += [str(p) for p in check_bank(path)]
    for line in problems:
        print(line)
    checked = f"{len(paths)} bank file{'s' if len(paths) != 1 else ''}"
    if problems:
        print(f"{len(problems)} problem(s) in {checked}", file=sys.stderr)
        return 1
    print(f"ok: {checked} valid")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lessons", description="Tools for the course's "
                                     "question banks and data.")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check question banks", epilog=EXAMPLES["validate"],
                       description="Check question banks: schema, unique ids, a correct answer, "
                       "cited sources and claims, numeric answers against their dataset. Prints "
                       "'file: question-id: problem' lines; exits 1 on any problem.")
    v.add_argument("paths", nargs="*", help="bank files (default: every bank in the course)")
    v.set_defaults(run=_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
