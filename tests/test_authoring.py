"""Exports (GIFT, text2qti, worksheets), exercise notebooks and the lessons command."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pygiftparser.parser as gift
import pytest

from lessons.assignments import new_exercise, solution_texts, student_version
from lessons.authoring import export_bank, to_gift
from lessons.banks import list_banks
from lessons.cli import main
from lessons.quiz import Quiz, read_bank
from lessons.quiz.formats import gift_escape

FIXTURE = Path(__file__).parent / "fixtures" / "every_type.yaml"
ANSWER_SETS = {"single": "SelectSet", "multiple": "MultipleChoicesSet", "truefalse": "TrueFalseSet",
               "numeric": "NumericAnswerSet", "ordering": "MatchingSet", "matching": "MatchingSet",
               "reflection": "Essay"}


def parse_gift(text: str):
    return gift.parseFile(io.StringIO(text))


def test_gift_escapes_its_special_characters():
    assert gift_escape("a:b {c} ~d =e #f \\g") == "a\\:b \\{c\\} \\~d \\=e \\#f \\\\g"


def test_every_question_type_parses_as_valid_gift_of_the_right_kind():
    quiz = Quiz(read_bank(FIXTURE), save_progress=False)
    questions = parse_gift(to_gift(quiz))
    assert len(questions) == len(quiz)
    for parsed, q in zip(questions, quiz, strict=True):
        assert parsed.valid, q.id
        assert parsed.title == q.id
        assert type(parsed.answers).__name__ == ANSWER_SETS[q.kind], q.id
    numeric = questions[3].answers.answers[0]
    assert (float(numeric.value), float(numeric.tolerance)) == (38.0, pytest.approx(1.9))


@pytest.mark.parametrize("bank", list_banks())
def test_every_course_bank_exports_to_every_format(bank, tmp_path):
    quiz = Quiz.from_bank(bank, save_progress=False)
    written = {fmt: export_bank(bank, fmt, tmp_path) for fmt in ("gift", "qti", "markdown", "html")}
    parsed = parse_gift(written["gift"][0].read_text(encoding="utf-8"))
    assert len(parsed) == len(quiz) and all(q.valid for q in parsed)
    text2qti_zip = [p for p in written["qti"] if p.suffix == ".zip"]
    assert text2qti_zip, "text2qti built no zip"
    with zipfile.ZipFile(text2qti_zip[0]) as archive:
        assert any(name.endswith(".xml") for name in archive.namelist())
    markdown = written["markdown"][0].read_text(encoding="utf-8")
    sheet, key = markdown.split('<div style="page-break-before: always"></div>')
    assert "answer key" in key and "**Answer:**" not in sheet and "**Answer:**" in key
    html = written["html"][0].read_text(encoding="utf-8")
    assert "class='key'" in html and html.count("<li>") >= 2 * len(quiz)


def test_exports_do_not_overwrite_without_force(tmp_path):
    export_bank("00_start_here", "gift", tmp_path)
    (tmp_path / "00_start_here.gift.txt").write_text("instructor's edits")
    assert main(["export", "00_start_here", "--format", "gift", "-o", str(tmp_path)]) == 2
    assert (tmp_path / "00_start_here.gift.txt").read_text() == "instructor's edits"
    assert main(["export", "00_start_here", "--format", "gift", "-o", str(tmp_path), "--force"]) == 0


def _text(nb) -> str:
    parts = []
    for cell in nb.cells:
        parts.append(cell.source)
        for out in cell.get("outputs", []):
            parts.append("".join(out.get("text", "")) + json.dumps(out.get("data", {}), ensure_ascii=False))
    return "\n".join(parts)


def test_new_exercise_executes_and_its_student_version_leaks_nothing(tmp_path, run_notebook):
    path = new_exercise("trade_check", tmp_path, datasets=["trade_annual", "gas_volumes"],
                        bank="00_start_here", questions=["warmup-who-says"])
    executed = run_notebook(path)
    outputs = _text(executed)
    assert "✓ Correct." in outputs and "Traceback" not in outputs

    student = student_version(path, tmp_path / "student.ipynb")
    run = run_notebook(student)
    text = _text(run)
    assert "Not attempted yet" in text and "Error" not in text.replace("DataError", "")
    for line in solution_texts(path):
        assert line not in _text(nbformat.read(student, as_version=4)), line
        assert line not in text
    key = tmp_path / "key.ipynb"
    assert main(["key", str(path), "-o", str(key)]) == 0
    assert solution_texts(key) == solution_texts(path)


def test_tagged_solution_cells_are_replaced_too(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("answer = 42", metadata={"tags": ["solution"]}),
                nbformat.v4.new_markdown_cell("The answer is 42 because…", metadata={"tags": ["solution"]})]
    src = tmp_path / "tagged.ipynb"
    nbformat.write(nb, src)
    out = nbformat.read(student_version(src, tmp_path / "s.ipynb"), as_version=4)
    assert [c.source for c in out.cells] == ["answer = ____  # your code here", "*Your answer here.*"]


def test_commands_refuse_to_overwrite_and_explain_bad_input(tmp_path, capsys):
    assert main(["new-exercise", "ex1", "-o", str(tmp_path)]) == 0
    assert main(["new-exercise", "ex1", "-o", str(tmp_path)]) == 2
    assert "already exists; use --force" in capsys.readouterr().err
    assert main(["new-exercise", "bad name!", "-o", str(tmp_path)]) == 2
    assert main(["new-exercise", "ex2", "-o", str(tmp_path), "--datasets", "nope"]) == 2
    assert "no dataset called 'nope'" in capsys.readouterr().err
    assert main(["new-exercise", "ex3", "-o", str(tmp_path), "--bank", "00_start_here",
                 "--questions", "missing-q"]) == 2
    assert "has no question(s) missing-q" in capsys.readouterr().err
    assert main(["student", str(tmp_path / "nothing.ipynb")]) == 2
    assert "no such notebook" in capsys.readouterr().err
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json")
    assert main(["student", str(broken)]) == 2
    assert main(["export", "no_bank", "--format", "gift", "-o", str(tmp_path)]) == 2


def test_unbalanced_markers_are_reported_with_the_cell(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("### BEGIN SOLUTION\nanswer = 1")]
    src = tmp_path / "open.ipynb"
    nbformat.write(nb, src)
    assert main(["student", str(src)]) == 2


def test_progress_export_writes_csv_and_refuses_overwrite(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LESSONS_PROGRESS", str(tmp_path / "p.json"))
    out = tmp_path / "answers.csv"
    assert main(["progress", "export", "-o", str(out)]) == 2
    assert "no saved answers" in capsys.readouterr().err
    Quiz(read_bank(FIXTURE))["num-four"].submit("38")
    assert main(["progress", "export", "-o", str(out)]) == 0
    row = out.read_text(encoding="utf-8-sig").splitlines()[1]
    assert row.startswith('every_type,num-four,numeric,"Contract plateau volume, bcm a year?",38,yes,1,1,1,0,no,right,')
    assert main(["progress", "export", "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8-sig").splitlines()[1] == row


HOSTILE = "<script>alert(1)</script> **bold** *it* `code` {curly} ~tilde =eq #hash"


def test_every_export_keeps_formatting_and_never_carries_live_markup(tmp_path):
    bank = read_bank(FIXTURE)
    for q in bank["questions"]:
        q["prompt"] = HOSTILE
        q["explanation"] = HOSTILE
    quiz = Quiz(bank, save_progress=False)
    from lessons.authoring import to_html, to_markdown, to_text2qti

    for text in (to_gift(quiz), to_text2qti(quiz), to_markdown(quiz), to_html(quiz)):
        assert "<script" not in text and "&lt;script&gt;" in text
    assert "**bold** *it* `code`" in to_text2qti(quiz)
    assert "<strong>bold</strong> <em>it</em> <code>code</code>" in to_html(quiz)
    gift_prompt = to_gift(quiz).split("[markdown]", 2)[1]
    assert gift_prompt.startswith("&lt;script&gt;alert(1)&lt;/script&gt; **bold** *it* `code` \\{curly\\} "
                                  "\\~tilde \\=eq \\#hash")
    assert all(q.valid for q in parse_gift(to_gift(quiz)))


@pytest.mark.parametrize("command", ["validate", "new-exercise", "student", "key", "export", "progress"])
def test_every_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0 and "example:" in capsys.readouterr().out


def test_the_installed_command_runs():
    result = subprocess.run([sys.executable, "-m", "lessons", "--help"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and "new-exercise" in result.stdout


def _canvas_items(bank: str, tmp_path: Path):
    import xml.etree.ElementTree as ET

    zipped = next(p for p in export_bank(bank, "qti", tmp_path) if p.suffix == ".zip")
    with zipfile.ZipFile(zipped) as archive:
        xml = next(archive.read(n) for n in archive.namelist()
                   if n.endswith(".xml") and b"<assessment " in archive.read(n))
    ns = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
    root = ET.fromstring(xml)
    for item in root.iter(f"{{{ns['q']}}}item"):
        kind = next(f.findtext("q:fieldentry", namespaces=ns) for f in item.iter(f"{{{ns['q']}}}qtimetadatafield")
                    if f.findtext("q:fieldlabel", namespaces=ns) == "question_type")
        shown = " ".join(m.text or "" for m in item.find("q:presentation", ns).iter(f"{{{ns['q']}}}mattext"))
        yield item, kind, shown, item.findtext("q:qticomment", default="", namespaces=ns), ns


@pytest.mark.parametrize("bank", list_banks())
def test_the_canvas_zip_grades_matching_and_ordering_and_shows_no_model_answer(bank, tmp_path):
    quiz = {q.id: q for q in Quiz.from_bank(bank, save_progress=False)}
    for item, kind, shown, comment, ns in _canvas_items(bank, tmp_path):
        q = quiz[item.get("title")]
        assert kind == {"matching": "matching_question", "ordering": "matching_question",
                        "reflection": "essay_question"}.get(q.kind, kind)
        assert "model answer" not in shown.lower() and "marked by hand" not in shown.lower()
        if q.kind == "reflection":
            assert q.model_answer not in shown and comment.endswith(q.model_answer)
        if kind == "matching_question":
            labels = {lab.get("ident"): lab.findtext("q:material/q:mattext", namespaces=ns)
                      for lab in item.iter(f"{{{ns['q']}}}response_label")}
            lefts = {lid.get("ident"): lid.findtext("q:material/q:mattext", namespaces=ns)
                     for lid in item.iter(f"{{{ns['q']}}}response_lid")}
            key = {lefts[v.get("respident")]: labels[v.text] for v in item.iter(f"{{{ns['q']}}}varequal")}
            from lessons.markup import plain

            assert key == {plain(a): plain(b) for a, b in q.gift_pairs()}


def test_canvas_keeps_formatting_and_code_spans_survive_the_sanitiser(tmp_path):
    from lessons.quiz.formats import qti_text

    assert qti_text("as `<NA>` and <b>x</b> **bold**") == "as `<NA>` and &lt;b&gt;x&lt;/b&gt; **bold**"
    shown = " ".join(s for _, _, s, _, _ in _canvas_items("02_trade", tmp_path))
    assert "<code>" in shown
