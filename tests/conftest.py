"""Shared fixtures: a tiny data package written fresh for each test."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

TINY = {
    "sources.csv": (
        "source_id,title,publisher,originating_org,author,date,url,kind,accessed,note\n"
        "article,The article,IDST,,A. Author,2022,,article,2026-11-28,\n"
        "gac,Trade in 2014,TASS,China customs,,2015-01-13,https://example.org/t,news agency,,\n"
    ),
    "claims.csv": (
        "claim_id,paragraph,domain,subject,value,unit,period,attributed_to,claim_type,"
        "paraphrase,source_id,note\n"
        "c023a,23,economy,trade_total,95.3,USD bn,2014,writer,figure,Trade was 95.3bn.,article,\n"
    ),
    "actors.csv": "actor_id,name,kind,country,role,note\nwriter,The writer,author,unknown,,\n",
    "trade.csv": (
        "year,total_usd_bn,basis,preferred,source_id,claim_id\n"
        "2014,95.28,China customs,true,gac,\n"
        "2014,95.3,China customs,false,article,c023a\n"
        "2015,68.0,derived,true,gac,\n"
    ),
}

FIELDS = {
    "sources": [
        ("source_id", "string", True), ("title", "string", True), ("publisher", "string", True),
        ("originating_org", "string", False), ("author", "string", False),
        ("date", "string", False), ("url", "string", False), ("kind", "string", True),
        ("accessed", "string", False), ("note", "string", False),
    ],
    "claims": [
        ("claim_id", "string", True), ("paragraph", "integer", True), ("domain", "string", True),
        ("subject", "string", True), ("value", "number", False), ("unit", "string", False),
        ("period", "string", False), ("attributed_to", "string", True),
        ("claim_type", "string", True), ("paraphrase", "string", True),
        ("source_id", "string", True), ("note", "string", False),
    ],
    "actors": [
        ("actor_id", "string", True), ("name", "string", True), ("kind", "string", True),
        ("country", "string", True), ("role", "string", False), ("note", "string", False),
    ],
    "trade": [
        ("year", "year", True), ("total_usd_bn", "number", False), ("basis", "string", True),
        ("preferred", "boolean", True), ("source_id", "string", True),
        ("claim_id", "string", False),
    ],
}
KEYS = {"sources": ["source_id"], "claims": ["claim_id"], "actors": ["actor_id"],
        "trade": ["year", "source_id"]}


def _fk(field, resource, ref):
    return {"fields": [field], "reference": {"resource": resource, "fields": [ref]}}


def tiny_descriptor() -> dict:
    resources = []
    for name, fields in FIELDS.items():
        schema = {
            "fields": [
                {"name": n, "type": t, **({"constraints": {"required": True}} if r else {})}
                for n, t, r in fields
            ],
            "missingValues": [""],
            "primaryKey": KEYS[name],
        }
        if name == "trade":
            schema["fields"][2]["constraints"]["enum"] = ["China customs", "derived"]
            schema["foreignKeys"] = [_fk("source_id", "sources", "source_id"),
                                     _fk("claim_id", "claims", "claim_id")]
        if name == "claims":
            schema["foreignKeys"] = [_fk("source_id", "sources", "source_id"),
                                     _fk("attributed_to", "actors", "actor_id")]
        resources.append({"name": name, "path": f"{name}.csv", "title": name.title(),
                          "description": f"The {name} table", "schema": schema})
    return {"name": "tiny", "resources": resources}


class TinyPackage:
    """A writable copy of the tiny package in a temporary LESSONS_DATA_DIR."""

    def __init__(self, root: Path):
        self.root = root
        self.descriptor = copy.deepcopy(tiny_descriptor())
        for name, text in TINY.items():
            (root / name).write_text(text, encoding="utf-8")
        self.save()

    def save(self):
        (self.root / "datapackage.json").write_text(json.dumps(self.descriptor), encoding="utf-8")

    def write(self, name: str, text: str | bytes):
        path = self.root / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture(autouse=True)
def _own_progress_file(tmp_path_factory, monkeypatch):
    """Every test saves to a progress file of its own, so none can leak into the notebooks'."""
    from lessons import progress

    monkeypatch.setenv("LESSONS_PROGRESS", str(tmp_path_factory.mktemp("progress") / "progress.json"))
    progress.reset_session_state()
    yield
    progress.reset_session_state()


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    root = tmp_path / "pkg"
    root.mkdir()
    monkeypatch.setenv("LESSONS_DATA_DIR", str(root))
    return TinyPackage(root)


@pytest.fixture
def run_notebook():
    """Execute a notebook file in a fresh kernel (in its own folder); returns the run notebook."""
    import nbformat
    from nbclient import NotebookClient

    def run(path: Path) -> nbformat.NotebookNode:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=60, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        return nb

    return run
