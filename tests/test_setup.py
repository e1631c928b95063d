"""The set-up files agree with each other: pip, conda/Binder, make and CI."""

from __future__ import annotations

import re
import tomllib

import yaml

from lessons.data import PROJECT_ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_names_the_same_packages_as_pyproject():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    pip_names = {_name(r) for r in project["dependencies"]}
    pip_names |= {_name(r) for r in project["optional-dependencies"]["test"]}
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    conda_names = {_name(d) for d in conda} - {"python", "pip"}
    conda_names |= {_name(d) for d in pip_section if not d.startswith("-e")}
    assert conda_names == pip_names
    assert "conda-forge" in env["channels"]
    assert any(d.startswith("python>=3.11") for d in conda)
    assert pip_section[0] == "-e ."


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
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert "make test" in readme and "make lab" in readme
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    assert "--allow-root" in makefile and "-m venv" in makefile
    assert "notebooks/00_start_here.ipynb" in makefile
