"""Moving quizzes out of the notebooks: Moodle GIFT, Canvas (text2qti) and paper worksheets.

Every export starts from the same :class:`lessons.quiz.Quiz`, so the answers,
feedback and shuffled order are those a learner sees in the notebook; each
question kind writes its own part of each format, and this module puts the parts
in a file.

    >>> export_bank("02_trade", "gift", Path("exports"))
    [PosixPath('exports/02_trade.gift.txt')]
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html import escape, unescape
from pathlib import Path

from .markup import inline_html
from .quiz import Quiz
from .quiz.formats import md_safe, qti_text

FORMATS = ("gift", "qti", "markdown", "html")


class ExportError(ValueError):
    """An export could not be written; the message says which bank and why."""


# --- GIFT (Moodle) -------------------------------------------------------------------------

def to_gift(quiz: Quiz) -> str:
    head = [f"// {quiz.title} (bank {quiz.bank_id}), exported from the course's question bank",
            f"$CATEGORY: $course$/{quiz.bank_id}", "", ""]
    return "\n".join(head) + "\n\n".join(q.gift_question() for q in quiz) + "\n"


# --- text2qti (Canvas) --------------------------------------------------------------------

def to_text2qti(quiz: Quiz) -> str:
    head = [f"Quiz title: {qti_text(quiz.title)}",
            f"Quiz description: Questions from the course notebook {quiz.notebook or quiz.bank_id}.",
            "Shuffle answers: false", ""]
    body = "\n\n".join(q.text2qti_question(i + 1) for i, q in enumerate(quiz))
    return "\n".join(head) + body + "\n"


def build_qti_zip(text_path: Path) -> Path | None:
    """Run text2qti on a quiz file, when it is installed; returns the zip it wrote."""
    exe = shutil.which("text2qti") or (
        str(Path(sys.executable).parent / "text2qti")
        if (Path(sys.executable).parent / "text2qti").exists() else None)
    if exe is None:
        return None
    result = subprocess.run([exe, text_path.name], cwd=text_path.parent, capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise ExportError(f"text2qti could not build {text_path.name}: "
                          f"{(result.stderr or result.stdout).strip()[-300:]}")
    zip_path = text_path.with_suffix(".zip")
    return zip_path if zip_path.exists() else None


ITEM = re.compile(r'<item ident="(?P<ident>[^"]+)" title="(?P<title>[^"]+)">(?P<body>.*?)</item>', re.S)


def canvas_items(xml: str, quiz: Quiz) -> str:
    """text2qti's assessment XML with what it cannot write put right, kind by kind.

    Matching and ordering become self-grading matching items (ordering: each item matched to
    its place); a reflection keeps its essay, with the model answer only in a ``qticomment``
    for the marker, never in the question text.
    """
    by_id = {q.id: q for q in quiz}

    def fix(match):
        q = by_id.get(unescape(match.group("title")))
        if q is None:
            return match.group(0)
        body, ident = match.group("body"), match.group("ident")
        item = q.qti_item(ident)
        if item is not None:
            feedback = body[body.index("<itemfeedback"):] if "<itemfeedback" in body else ""
            body = item[item.index(">") + 1:] + feedback
        comment = q.qti_comment()
        if comment:
            body = f"<qticomment>{escape(comment)}</qticomment>" + body
        return f'<item ident="{ident}" title="{match.group("title")}">{body}</item>'

    return ITEM.sub(fix, xml)


def patch_qti_zip(zip_path: Path, quiz: Quiz) -> None:
    """Rewrite the assessment XML inside text2qti's zip with :func:`canvas_items`."""
    import zipfile

    with zipfile.ZipFile(zip_path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    tmp = zip_path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            if info.filename.endswith(".xml") and b"<assessment " in data:
                data = canvas_items(data.decode("utf-8"), quiz).encode("utf-8")
            archive.writestr(info, data)
    tmp.replace(zip_path)


# --- worksheets ---------------------------------------------------------------------------

def to_markdown(quiz: Quiz) -> str:
    out = [f"# {md_safe(quiz.title)}: worksheet", "",
           "Name: ______________________   Date: __________", "",
           "Answer every question. Give numbers with their unit.", ""]
    for i, q in enumerate(quiz):
        out += [f"**{i + 1}. {md_safe(q.prompt)}**  ({q.label()})", ""]
        out += q.worksheet_markdown()
        out.append("")
    out += ['<div style="page-break-before: always"></div>', "", f"# {md_safe(quiz.title)}: answer key", ""]
    for i, q in enumerate(quiz):
        out += [f"**{i + 1}. {q.id}**", "", f"**Answer:** {md_safe(q.answer_text())}", "",
                md_safe(q.explanation), "", f"*{md_safe(q.cite_text())}*", ""]
    return "\n".join(out)


def to_html(quiz: Quiz) -> str:
    questions = [f"<li><p><strong>{inline_html(q.prompt)}</strong> "
                 f"<small>({escape(q.label())})</small></p>{q.worksheet_html()}</li>" for q in quiz]
    key = "".join(
        f"<li><p><strong>{escape(q.id)}</strong>: {inline_html(q.answer_text())}</p>"
        f"<p>{inline_html(q.explanation)}</p><p><small>{escape(q.cite_text())}</small></p></li>"
        for q in quiz)
    style = ("body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.4}"
             "li{margin-bottom:1.2em}.choices{list-style:none}.line{display:inline-block;"
             "border-bottom:1px solid #000;width:16em}.box{border:1px solid #999;height:6em}"
             ".key{page-break-before:always;break-before:page}small{color:#555}")
    title = escape(quiz.title)
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}: "
            f"worksheet</title><style>{style}</style></head><body><h1>{title}: worksheet</h1>"
            "<p>Name: <span class='line'></span> Date: <span class='line'></span></p>"
            f"<ol>{''.join(questions)}</ol><section class='key'><h1>{title}: answer key</h1>"
            f"<ol>{key}</ol></section></body></html>\n")


# --- entry point --------------------------------------------------------------------------

TARGETS = {"gift": ".gift.txt", "qti": ".text2qti.txt", "markdown": ".worksheet.md",
           "html": ".worksheet.html"}


def export_bank(bank: str, fmt: str, out_dir: Path, *, force: bool = False) -> list[Path]:
    """Write one bank in one format into ``out_dir``; returns the files written.

    Refuses to replace an existing file (an instructor may have edited it) unless ``force``.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    quiz = Quiz.from_bank(bank, save_progress=False)
    stem = quiz.bank_id
    target = out_dir / f"{stem}{TARGETS[fmt]}"
    if target.exists() and not force:
        raise ExportError(f"{target} already exists; use --force to replace it")
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt == "gift":
        paths = [_write(out_dir / f"{stem}.gift.txt", to_gift(quiz))]
    elif fmt == "qti":
        text = _write(out_dir / f"{stem}.text2qti.txt", to_text2qti(quiz))
        paths = [text]
        zipped = build_qti_zip(text)
        if zipped:
            patch_qti_zip(zipped, quiz)
            paths.append(zipped)
    elif fmt == "markdown":
        paths = [_write(out_dir / f"{stem}.worksheet.md", to_markdown(quiz))]
    else:
        paths = [_write(out_dir / f"{stem}.worksheet.html", to_html(quiz))]
    return paths


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
