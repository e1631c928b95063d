"""The course's own data package: valid, sourced, and traceable to the article."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lessons import list_datasets, load_dataset
from lessons.data import DEFAULT_DATA_DIR, PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"
ARTICLE = SHARED / "seeds" / "000_2c65060d77b3077d.txt"
DATASETS = list(pd.read_json(DEFAULT_DATA_DIR / "datapackage.json", typ="series")["resources"])
NAMES = [r["name"] for r in DATASETS]


@pytest.fixture(autouse=True)
def _project_data(monkeypatch):
    monkeypatch.delenv("LESSONS_DATA_DIR", raising=False)


def test_frictionless_validates_the_whole_package():
    from frictionless import Package

    report = Package(str(DEFAULT_DATA_DIR / "datapackage.json")).validate()
    errors = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]
    assert report.valid, "\n".join(errors[:20])


@pytest.mark.parametrize("name", NAMES)
def test_every_dataset_loads_and_every_row_has_a_source(name):
    table = load_dataset(name)
    assert len(table) > 0
    if "source_id" in table.columns:
        assert table["source_id"].notna().all()


def test_listing_covers_every_resource():
    assert list(list_datasets().index) == NAMES


def test_figures_from_the_article_carry_a_claim_id():
    missing = []
    for name in NAMES:
        table = load_dataset(name)
        if {"source_id", "claim_id"} <= set(table.columns):
            rows = table[(table["source_id"] == "article") & table["claim_id"].isna()]
            missing += [f"{name} row {i + 2}" for i in rows.index]
    assert not missing, missing


def test_preferred_rows_make_one_series_per_item():
    keyed = {"trade_annual": "year", "crude_oil": "year", "gas_volumes": "year",
             "gas_contract": "term", "arms_deals": "deal_id", "exercises": "exercise_id"}
    for name, key in keyed.items():
        table = load_dataset(name)
        counts = table[table["preferred"]].groupby(key, observed=True).size()
        assert (counts == 1).all(), f"{name}: {list(counts[counts != 1].index)}"
        assert set(table[key]) == set(table.loc[table["preferred"], key]), name


def test_events_timeline_spans_1996_to_2025_across_domains():
    events = load_dataset("events")
    assert len(events) >= 60
    assert events["year"].min() <= 1996 and events["year"].max() >= 2025
    domains = set(events["domain"].astype(str))
    assert len(domains) >= 10, sorted(domains)


# Figures the article writes in words ("three decades", "double").
NUMBER_WORDS = {2: ["two", "twice", "double"], 3: ["three"], 4: ["four"], 5: ["five", "fifth"],
                6: ["six"], 10: ["ten"], 30: ["three decades", "thirty"]}


def _article_paragraphs() -> list[str]:
    text = ARTICLE.read_text(encoding="utf-8")
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


@pytest.mark.skipif(not ARTICLE.exists(), reason="shared/seeds (the source article) not beside the project")
def test_claims_point_at_paragraphs_that_hold_their_figures():
    paras = _article_paragraphs()
    assert len(paras) == 121
    claims = load_dataset("claims")
    assert len(claims) >= 150
    wrong = []
    for _, c in claims[claims["value"].notna()].iterrows():
        digits = re.sub(r"(?<=\d)[ ,](?=\d{3})", "", paras[int(c["paragraph"]) - 1])
        value = float(c["value"])
        forms = {f"{value:g}", f"{value:.1f}", str(int(value)) if value.is_integer() else ""}
        forms.discard("")
        words = NUMBER_WORDS.get(value, [])
        if not any(re.search(rf"(?<![\d.]){re.escape(f)}(?![\d])", digits) for f in forms) and not any(
            re.search(rf"\b{w}\b", digits, re.I) for w in words
        ):
            wrong.append(f"{c['claim_id']} (para {c['paragraph']}): {c['value']}")
    assert not wrong, wrong


@pytest.mark.skipif(not SHARED.exists(), reason="shared/ (the seed overlap tool) not beside the project")
def test_no_run_of_words_is_shared_with_the_article():
    result = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "seed_overlap.py"), str(PROJECT_ROOT)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]


# --- the course as a package: copied out, and built into a wheel --------------------------

def test_course_copy_writes_notebooks_and_keeps_what_is_there(tmp_path, capsys):
    from lessons.cli import main
    from lessons.course import course_notebooks

    dest = tmp_path / "course"
    mine = dest / "notebooks" / "02_trade.ipynb"
    mine.parent.mkdir(parents=True)
    mine.write_text("my own work", encoding="utf-8")
    assert main(["course", "copy", str(dest)]) == 0
    out = capsys.readouterr().out
    assert mine.read_text(encoding="utf-8") == "my own work"
    assert f"kept {mine} (already there; not replaced)" in out
    names = sorted(p.name for p in (dest / "notebooks").glob("*.ipynb"))
    assert names == [p.name for p in course_notebooks()] and len(names) == 15
    assert (dest / "notebooks" / "01_context_and_timeline.ipynb").read_bytes() == \
        (PROJECT_ROOT / "notebooks" / "01_context_and_timeline.ipynb").read_bytes()
    assert "### BEGIN SOLUTION" in (dest / "notebooks" / "exercises" / "my_exercise.ipynb").read_text()
    assert main(["course", "copy", str(dest)]) == 0
    assert "0 file(s) written, 16 kept" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["course", "copy", "{site}/course"], ["new-exercise", "x", "-o", "{site}"],
                                  ["new-exercise", "x", "-o", "{pkg}"]])
def test_commands_refuse_to_write_into_the_installation(argv, capsys):
    import sysconfig

    import lessons
    from lessons.cli import main

    site, pkg = sysconfig.get_paths()["purelib"], str(Path(lessons.__file__).parent)
    argv = [a.format(site=site, pkg=pkg) for a in argv]
    assert main(argv) == 2
    assert "is inside the Python installation" in capsys.readouterr().err
    assert not Path(site, "course").exists() and not Path(pkg, "x.ipynb").exists()


def test_new_exercise_writes_into_the_current_folder(tmp_path, monkeypatch):
    from lessons.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["new-exercise", "ex1"]) == 0
    assert (tmp_path / "ex1.ipynb").is_file()


WHEEL_MUST_HOLD = ["lessons/_course/data/datapackage.json", "lessons/_course/data/sources.csv",
                   "lessons/_course/data/claims.csv", "lessons/_course/seeds/sources.csv",
                   "lessons/_course/seeds/claims.csv", "lessons/_course/seeds/README.md",
                   "lessons/_course/notebooks/02_trade.ipynb", "lessons/banks/02_trade.yaml",
                   "lessons/schema/bank.schema.json", "lessons/static/quiz.js",
                   "lessons/guides/02_trade.md", "lessons/assignments.py"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out),
                    str(PROJECT_ROOT)], check=True, capture_output=True)
    (path,) = out.glob("russia_china_course-*.whl")
    return path


@pytest.mark.package
def test_wheel_carries_data_register_banks_schema_and_notebooks(wheel):
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    assert not [n for n in WHEEL_MUST_HOLD if n not in names]
    data = sorted(p.name for p in DEFAULT_DATA_DIR.glob("*.csv"))
    assert sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("lessons/_course/data/")
                  and n.endswith(".csv")) == data
    notebooks = sorted(n for n in names if n.startswith("lessons/_course/notebooks/"))
    assert len(notebooks) == 15
    with zipfile.ZipFile(wheel) as z:  # links become copies of what they point at
        assert z.read("lessons/_course/data/claims.csv") == (PROJECT_ROOT / "seeds" / "claims.csv").read_bytes()


@pytest.mark.package
def test_wheel_installed_in_a_fresh_venv_runs_a_notebook_with_no_repository(wheel, tmp_path):
    """As Colab or a hub image would: non-editable install, course copied out, notebook executed."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py, bindir = venv / "bin" / "python", venv / "bin"
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-c", str(PROJECT_ROOT / "constraints.txt"), f"{wheel}[test]"],
                   check=True, capture_output=True)
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": f"{bindir}:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    run = {"cwd": home, "env": env, "capture_output": True, "text": True}
    where = subprocess.run([str(py), "-c", "import lessons.course as c; print(c.COURSE_ROOT)"], **run)
    assert str(venv) in where.stdout, where.stderr
    copied = subprocess.run([str(bindir / "lessons"), "course", "copy", "course"], **run)
    assert copied.returncode == 0, copied.stderr
    result = subprocess.run([str(bindir / "jupyter"), "nbconvert", "--execute", "--to", "notebook",
                             "--output-dir", str(home / "out"), "notebooks/02_trade.ipynb"],
                            cwd=home / "course", env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (home / "out" / "02_trade.ipynb").is_file()
    # the package tree is untouched: nothing was written into site-packages
    assert not list((venv / "lib").glob("python*/site-packages/lessons/_course/notebooks/exercises"))


@pytest.mark.package
def test_repo2docker_plans_python_3_11_and_the_pinned_requirements(tmp_path):
    """What Binder would build, as repo2docker plans it (--no-build: no Docker needed)."""
    import shutil

    exe = shutil.which("repo2docker", path=str(Path(sys.executable).parent)) or pytest.skip(
        "repo2docker is not installed (make test-slow installs the binder-check extra)")
    clone = tmp_path / "repo"  # what Binder sees: the committed tree, nothing built
    subprocess.run(["git", "clone", "--quiet", str(PROJECT_ROOT), str(clone)], check=True)
    plan = subprocess.run([exe, "--no-build", "--debug", "--no-run", str(clone)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert plan.returncode == 0, plan.stderr[-2000:]
    text = plan.stdout + plan.stderr
    assert "python=3.11" in text  # from binder/runtime.txt, not repo2docker's default
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in text
    assert "environment.yml" not in text  # binder/ wins, so conda's looser file is not used
    # the whole repository is copied before pip runs, so the last line (".") builds the course
    assert text.index("COPY --chown=0:0 src/ ") < text.index('-r "binder/requirements.txt"\n')


def _colab_cell() -> str:
    import nbformat

    nb = nbformat.read(PROJECT_ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert first_code.id == "colab-install" and first_code.outputs == []  # runs before anything else
    assert nb.cells[0].source.startswith("# Start here")  # the title stays first for readers
    return first_code.source


@pytest.mark.parametrize("installed", [True, False])
def test_colab_cell_installs_the_course_only_where_it_is_missing(installed, monkeypatch):
    import importlib.util

    calls = []
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object() if installed else None)
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: calls.append(cmd))
    published = _colab_cell().replace("OWNER/REPO", "example/course", 1)  # as a fork sets it
    exec(compile(published, "colab-cell", "exec"), {})
    if installed:
        assert calls == []
    else:
        (cmd,) = calls
        assert cmd[:4] == [sys.executable, "-m", "pip", "install"]
        assert cmd[-1] == "git+https://github.com/example/course"


def test_colab_cell_with_the_placeholder_address_says_what_to_set(monkeypatch):
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: pytest.fail("pip must not run"))
    with pytest.raises(SystemExit, match="Set COURSE_REPO above"):
        exec(compile(_colab_cell(), "colab-cell", "exec"), {})
