"""The set-up files agree with each other: pip, conda/Binder, make and CI."""

from __future__ import annotations

import re
import tomllib

import yaml

from lessons.data import PROJECT_ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pins(text: str) -> dict[str, str]:
    pins = {}
    for line in text.splitlines():
        if line and not line.startswith("#") and "==" in line:
            name, _, version = line.partition("==")
            pins[_name(name)] = version
    return pins


def _python_of_constraints() -> str:
    header = (PROJECT_ROOT / "constraints.txt").read_text().splitlines()[0]
    return re.search(r"Python (3\.\d+)", header).group(1)


def test_environment_yml_installs_the_course_with_the_exact_pins():
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert sorted(conda) == ["pip", f"python={_python_of_constraints()}"]
    assert pip_section == ["-c constraints.txt", "-e .[test]"]
    assert "conda-forge" in env["channels"]


def test_binder_pins_python_and_every_package_as_constraints_txt():
    """repo2docker reads binder/ first: runtime.txt for Python, requirements.txt for packages."""
    runtime = (PROJECT_ROOT / "binder" / "runtime.txt").read_text().strip()
    assert runtime == f"python-{_python_of_constraints()}"
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    assert f">={_python_of_constraints()}" in project["requires-python"]
    lines = (PROJECT_ROOT / "binder" / "requirements.txt").read_text().splitlines()
    assert lines[-1] == "."  # the course itself, built (with its data) from the repository
    constraints = (PROJECT_ROOT / "constraints.txt").read_text()
    grading_only = constraints.index("# The grading extra")  # nbgrader, otter-grader: not on Binder
    assert _pins(constraints[grading_only:]).keys() >= {"nbgrader", "otter-grader"}
    binder, pinned = _pins("\n".join(lines)), _pins(constraints[:grading_only])
    browser_only = {"playwright", "greenlet"}
    assert binder == {k: v for k, v in pinned.items() if k not in browser_only}, "run make binder"
    assert not [line for line in lines[:-1] if line and not line.startswith("#") and "==" not in line]


def test_constraints_pin_every_runtime_package():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    pins = {}
    for line in (PROJECT_ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_name(name)] = version
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    assert wanted <= set(pins), sorted(wanted - set(pins))


def test_ci_runs_the_same_test_command_as_the_readme():
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)
    assert re.search(r"^make test-slow$", ci, re.M)  # the package and hub markers
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert "make test" in readme and "make lab" in readme
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    assert "--allow-root" in makefile and "-m venv" in makefile
    assert "notebooks/00_start_here.ipynb" in makefile


def test_mutation_score_reads_mutmut_3_results():
    from lessons.bench import mutation_score

    text = ("    lessons.progress.x_load__mutmut_1: killed\n"
            "    lessons.progress.x_load__mutmut_2: survived\n"
            "    lessons.quiz.numbers.x_parse__mutmut_1: killed\n"
            "    lessons.quiz.numbers.x_parse__mutmut_2: timeout\n"
            "    lessons.quiz.numbers.x_parse__mutmut_3: not checked\n"
            "some other line: killed\n")
    killed, total, counts = mutation_score(text)
    assert (killed, total) == (2, 4)
    assert counts == {"killed": 2, "survived": 1, "timeout": 1, "not checked": 1}


def test_bench_write_replaces_only_its_own_section(tmp_path):
    from lessons.bench import BEGIN, END, write_section

    path = tmp_path / "benchmarks.md"
    path.write_text("# Benchmarks\n\nNotes by hand.\n")
    write_section(path, "| a |\n| 1 |")
    write_section(path, "| a |\n| 2 |")  # a second run replaces the first table, nothing else
    text = path.read_text()
    assert text.startswith("# Benchmarks\n\nNotes by hand.\n\n" + BEGIN)
    assert "| 2 |" in text and "| 1 |" not in text and text.count(BEGIN) == text.count(END) == 1
    path.write_text(text + "\n## Hub figures\n\nkept\n")
    write_section(path, "| a |\n| 3 |")
    assert path.read_text().endswith(f"| 3 |\n{END}\n\n## Hub figures\n\nkept\n")
