"""lessons.banks and `lessons validate`: every bad bank gets a located, readable message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessons.banks import BankError, list_banks
from lessons.cli import main
from lessons.quiz import check_bank, read_bank

BANK_FIXTURE = Path(__file__).parent / "fixtures" / "every_type.yaml"
GOOD = (Path(__file__).parent / "fixtures" / "every_type.yaml").read_text(encoding="utf-8")


def write(tmp_path, text, name="every_type.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path, text, name="every_type.yaml") -> list[str]:
    return [str(p) for p in check_bank(write(tmp_path, text, name))]


def test_the_fixture_bank_is_valid(tmp_path):
    assert problems(tmp_path, GOOD) == []


CORPUS = [
    ("tab indentation", GOOD.replace("  - id: tf-three", "\t- id: tf-three"),
     "every_type.yaml:27: -: is not valid YAML: found character"),
    ("tab hint", GOOD.replace("  - id: tf-three", "\t- id: tf-three"), "(YAML indentation must use spaces, not tabs)"),
    ("unclosed bracket", GOOD.replace("cites: {sources: [article]}\n    difficulty",
                                      "cites: {sources: [article}\n    difficulty"),
     "is not valid YAML"),
    ("binary junk", b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "-: is not UTF-8 text (binary data?)"),
    ("nul bytes", "bank: x\x00\n", "is not valid YAML"),
    ("empty file", "", "-: is empty; expected a mapping with bank, title and questions"),
    ("whitespace only", "  \n\n", "-: is empty"),
    ("a list", "- one\n- two\n", "the top level must be a mapping (bank:, title:, questions:), not a list"),
    ("duplicate ids", GOOD.replace("id: tf-three", "id: single-one"),
     "single-one: duplicate id (also question 1)"),
    ("unknown type", GOOD.replace("type: truefalse", "type: essay"), "tf-three: type: 'essay' is not one of"),
    ("missing answers", GOOD.replace("    answer: 38\n", ""), "num-four: 'answer' is a required property"),
    ("no correct option", GOOD.replace('correct: true, feedback: "Right', 'feedback: "Right'),
     "single-one: a single-choice question needs exactly one correct option (found 0)"),
    ("correct answer not among options", GOOD.replace("{text: TASS, correct: true}", "{text: TASS}")
     .replace("{text: RIA Novosti, correct: true}", "{text: RIA Novosti}"),
     "multi-two: no option is marked correct: true"),
    ("dangling source", GOOD.replace("cites: {claims: [c036b]}\n  - id: order",
                                     "cites: {sources: [nowhere]}\n  - id: order"),
     "num-four: cites source 'nowhere', which is not in seeds/sources.csv"),
    ("dangling claim", GOOD.replace("cites: {claims: [c036b]}\n  - id: tf", "cites: {claims: [c999z]}\n  - id: tf"),
     "multi-two: cites claim 'c999z', which is not in seeds/claims.csv"),
    ("bank id differs", GOOD.replace("bank: every_type", "bank: other"),
     "bank id 'other' differs from the file name 'every_type'"),
    ("unknown field", GOOD.replace("    difficulty: easy\n", "    dificulty: easy\n"),
     "single-one: Unevaluated properties are not allowed ('dificulty' was unexpected)"),
    ("two questions: keys", GOOD + "questions:\n  - id: extra\n",
     "-: is not valid YAML: duplicate key 'questions' (first on line 5)"),
    ("a duplicate key in a question", GOOD.replace("    unit: bcm\n", "    unit: bcm\n    unit: Mt\n"),
     "is not valid YAML: duplicate key 'unit'"),
    ("infinite tolerance", GOOD.replace("relative: 0.05", "absolute: .inf"),
     "num-four: tolerance.absolute: must be a finite number, not inf"),
    ("infinite answer", GOOD.replace("answer: 38", "answer: .inf"), "num-four: answer: must be a finite number"),
    ("nan answer", GOOD.replace("answer: 38", "answer: .nan"), "num-four: answer: must be a finite number"),
    ("check without dataset", GOOD.replace("    unit: bcm\n", "    unit: bcm\n    check: {column: value}\n"),
     "num-four: check: 'dataset' is a required property"),
    ("check that is a list", GOOD.replace("    unit: bcm\n", "    unit: bcm\n    check: [dataset]\n"),
     "num-four: check: ['dataset'] is not of type 'object'"),
    ("check on an unknown dataset", GOOD.replace("    unit: bcm\n", "    unit: bcm\n    check: {dataset: nope, "
                                                 "column: value, where: {a: 1}}\n"),
     "num-four: check: no dataset called 'nope'"),
    ("alias bomb", "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                   "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                   "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
     "-: expands to more than 50,000 values"),
    ("python object tag", "bank: !!python/object/apply:os.system [echo hi]\n", "is not valid YAML"),
    ("too many tries", GOOD.replace("max_tries: 2", "max_tries: 1000000"), "max_tries: 1000000 is greater than"),
]


@pytest.mark.parametrize("label,text,expected", CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_banks_are_reported_with_file_question_and_problem(tmp_path, label, text, expected):
    found = problems(tmp_path, text)
    assert found, label
    assert any(expected in p for p in found), found
    assert all(p.startswith(str(tmp_path / "every_type.yaml").lstrip("/")) or "every_type.yaml" in p
               for p in found)


def test_a_huge_bank_is_refused_before_it_is_parsed(tmp_path):
    path = write(tmp_path, GOOD + "#" * 1_100_000)
    assert [str(p) for p in check_bank(path)] == [
        f"{path}: -: is too large ({path.stat().st_size:,} bytes; at most 1,000,000) for a bank"]


def test_an_alias_bomb_is_refused_quickly(tmp_path):
    import time

    bomb = "a: &a [" + ",".join(["x"] * 20) + "]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 20) + "]\n" for i in range(8))
    start = time.perf_counter()
    found = problems(tmp_path, bomb)
    assert time.perf_counter() - start < 2 and "expands to more than" in found[0]
    with pytest.raises(BankError, match="expands to more than"):
        read_bank(write(tmp_path, bomb))


def test_numeric_answer_must_agree_with_the_dataset_it_names(tmp_path):
    text = GOOD.replace("    unit: bcm\n", "    unit: bcm\n    check: {dataset: gas_contract, "
                        "column: value, where: {term: plateau_volume, preferred: true}}\n")
    assert problems(tmp_path, text) == []
    wrong = text.replace("answer: 38", "answer: 44").replace("relative: 0.05", "absolute: 1")
    assert any("answer 44 disagrees with gas_contract.value = 38" in p
               for p in problems(tmp_path, wrong))


def test_yes_and_no_stay_text_and_true_keys_work(tmp_path):
    text = GOOD.replace("{text: The WTO, feedback: Not the source here.}", "{text: No, feedback: Nope.}")
    bank = read_bank(write(tmp_path, text))
    assert "No" in [o["text"] for o in bank["questions"][0]["options"]]
    assert set(bank["questions"][2]["feedback"]) == {"true", "false"}


def test_read_bank_raises_with_every_problem(tmp_path):
    text = GOOD.replace("type: truefalse", "type: essay").replace("id: num-four", "id: single-one")
    with pytest.raises(BankError) as info:
        read_bank(write(tmp_path, text))
    assert len(info.value.problems) >= 2


def test_validate_command_prints_problems_and_exits_1(tmp_path, capsys):
    bad = write(tmp_path, GOOD.replace("type: truefalse", "type: essay"))
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr()
    assert "tf-three: type: 'essay' is not one of" in out.out
    assert "problem(s) in 1 bank(s) and 0 notebook(s)" in out.err
    assert main(["validate", str(tmp_path / "missing.yaml")]) == 1


def test_validate_command_passes_every_course_bank():
    result = subprocess.run([sys.executable, "-m", "lessons", "validate"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"ok: {len(list_banks())} bank(s)" in result.stdout


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_bank_loader_never_crashes_on_arbitrary_bytes(tmp_path, blob):
    found = problems(tmp_path, blob)
    assert found and all(": " in p for p in found)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20))
def test_bank_loader_reports_any_yaml_structure_without_raising(tmp_path, data):
    found = problems(tmp_path, yaml.safe_dump({"bank": "every_type", "title": "t", "questions": [data]}))
    assert found


def test_numeric_check_can_count_distinct_values(tmp_path):
    text = GOOD.replace("    answer: 38\n", "    answer: 1\n").replace("relative: 0.05", "absolute: 0").replace(
        "    unit: bcm\n", "    unit: bcm\n    check: {dataset: gas_contract, column: source_id, "
        "where: {term: plateau_volume, preferred: true}, aggregate: nunique}\n")
    assert problems(tmp_path, text) == []
    assert any("disagrees with gas_contract.source_id = 1" in p
               for p in problems(tmp_path, text.replace("answer: 1\n", "answer: 2\n")))


def test_a_checked_bank_is_not_checked_again_until_something_changes(tmp_path, monkeypatch):
    import lessons.quiz.collection as collection

    monkeypatch.setenv("LESSONS_CACHE_DIR", str(tmp_path / "cache"))
    path = write(tmp_path, GOOD)
    calls = []
    real = collection.check_bank
    monkeypatch.setattr(collection, "check_bank", lambda p, **kw: calls.append(p) or real(p, **kw))
    read_bank(path)
    read_bank(path)
    assert len(calls) == 1
    path.write_text(GOOD.replace("Every question type", "Every type"), encoding="utf-8")
    read_bank(path)
    assert len(calls) == 2
    broken = write(tmp_path, GOOD.replace("type: truefalse", "type: essay"), "broken.yaml")
    for _ in range(2):
        with pytest.raises(BankError):
            read_bank(broken)
    assert len(calls) == 4  # a failing bank is never remembered
    renamed = tmp_path / "other_name.yaml"
    renamed.write_text(GOOD, encoding="utf-8")  # same text, a name it does not match
    with pytest.raises(BankError, match="differs from the file name"):
        read_bank(renamed)


def test_cache_can_be_switched_off(tmp_path, monkeypatch):
    from lessons.cache import cache_dir

    monkeypatch.setenv("LESSONS_CACHE_DIR", "off")
    assert cache_dir() is None
    read_bank(write(tmp_path, GOOD))
    monkeypatch.setenv("LESSONS_CACHE_DIR", "")
    monkeypatch.setenv("HOME", "")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache_dir() is None  # no safe place: no cache, and nothing written to /


def test_the_committed_schema_is_the_one_the_kinds_generate():
    from lessons.banks import SCHEMA_PATH
    from lessons.quiz import KINDS, schema_text

    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "run `lessons schema --write`"
    branches = json.loads(schema_text())["$defs"]["question"]["allOf"][1:]
    assert [b["if"]["properties"]["type"]["const"] for b in branches] == list(KINDS)


def test_a_new_kind_is_one_class_and_the_schema_follows():
    from lessons.quiz import KINDS, bank_schema, register
    from lessons.quiz.reflection import Reflection

    @register
    class Essay(Reflection):
        kind = "essay"

    try:
        assert "essay" in bank_schema()["$defs"]["common"]["properties"]["type"]["enum"]
        bank = read_bank(BANK_FIXTURE)
        bank["questions"][-1] = {**bank["questions"][-1], "type": "essay"}
        from lessons.quiz import Quiz

        assert Quiz(bank, save_progress=False)["reflect-seven"].kind == "essay"
    finally:
        del KINDS["essay"]
