"""Moving quizzes out of the notebooks: Moodle GIFT, Canvas (text2qti) and paper worksheets.

Every export starts from the same :class:`lessons.quiz.Quiz`, so the answers,
feedback and shuffled order are those a learner sees in the notebook.

    >>> export_bank("02_trade", "gift", Path("exports"))
    [PosixPath('exports/02_trade.gift.txt')]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from html import escape
from pathlib import Path

from .markup import inline_html, plain
from .quiz import LETTERS, Quiz

FORMATS = ("gift", "qti", "markdown", "html")
# Moodle accepts only these percentages as answer weights.
MOODLE_WEIGHTS = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                  16.66667, 14.28571, 12.5, 11.11111, 10, 5]


class ExportError(ValueError):
    """An export could not be written; the message says which bank and why."""


# --- GIFT ---------------------------------------------------------------------------------

def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (~ = # { } :) and fold newlines."""
    out = str(text).replace("\\", "\\\\")
    for ch in "~=#{}:":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def _weight(n: int) -> str:
    value = min(MOODLE_WEIGHTS, key=lambda w: abs(w - 100 / n))
    return f"{value:g}"


def _gift_question(q) -> str:
    title = f"::{gift_escape(q.id)}::"
    prompt = f"[markdown]{gift_escape(q.prompt)}"
    fb = f"####{gift_escape(q.explanation)}"
    if q.kind == "single":
        lines = [f"{'=' if o.get('correct') else '~'}{gift_escape(o['text'])}"
                 + (f"#{gift_escape(o['feedback'])}" if o.get("feedback") else "")
                 for o in q.options]
        return f"{title}{prompt} {{\n" + "\n".join(f"  {line}" for line in lines) + f"\n  {fb}\n}}"
    if q.kind == "multiple":
        n_right = sum(1 for o in q.options if o.get("correct"))
        plus, minus = _weight(n_right), _weight(n_right)
        lines = [f"~%{plus if o.get('correct') else '-' + minus}%{gift_escape(o['text'])}"
                 + (f"#{gift_escape(o['feedback'])}" if o.get("feedback") else "")
                 for o in q.options]
        return f"{title}{prompt} {{\n" + "\n".join(f"  {line}" for line in lines) + f"\n  {fb}\n}}"
    if q.kind == "truefalse":
        notes = q.spec.get("feedback") or {}
        right = notes.get("true" if q.correct_answer else "false", "")
        wrong = notes.get("false" if q.correct_answer else "true", "")
        return (f"{title}{prompt} {{{'TRUE' if q.correct_answer else 'FALSE'}"
                f"#{gift_escape(wrong)}#{gift_escape(right)}{fb}}}")
    if q.kind == "numeric":
        unit = f" ({gift_escape(q.unit)})" if q.unit else ""
        return f"{title}{prompt}{unit} {{#\n  ={q.correct_answer:g}:{q.tolerance():g}\n  {fb}\n}}"
    if q.kind in ("matching", "ordering"):
        if q.kind == "matching":
            pairs = list(q.pairs.items())
        else:  # GIFT has no ordering type: match each item to its position
            pairs = [(item, f"position {i + 1}") for i, item in enumerate(q.items)]
            prompt += gift_escape(" (Match each item to its place in the order.)")
        if len(pairs) < 3:  # Moodle needs three pairs; fall back to an essay with a note
            return (f"// {q.id}: fewer than 3 pairs, exported as an essay for hand marking\n"
                    f"{title}{prompt} {{\n  {fb}\n}}")
        lines = [f"={gift_escape(left)} -> {gift_escape(right)}" for left, right in pairs]
        return f"{title}{prompt} {{\n" + "\n".join(f"  {line}" for line in lines) + f"\n  {fb}\n}}"
    if q.kind == "reflection":
        return (f"// {q.id}: reflection (not graded in the course); model answer in the feedback\n"
                f"{title}{prompt} {{\n  ####{gift_escape('Model answer: ' + q.model_answer)}\n}}")
    raise ExportError(f"{q.id}: no GIFT form for question type {q.kind!r}")


def to_gift(quiz: Quiz) -> str:
    head = [f"// {quiz.title} (bank {quiz.bank_id}), exported from the course's question bank",
            f"$CATEGORY: $course$/{quiz.bank_id}", "", ""]
    return "\n".join(head) + "\n\n".join(_gift_question(q) for q in quiz) + "\n"


# --- text2qti (Canvas) --------------------------------------------------------------------

def _qti_text(text: str) -> str:
    return " ".join(plain(text).split())


def _qti_question(number: int, q) -> str:
    lines = [f"Title: {q.id}", f"{number}.  {_qti_text(q.prompt)}", ""]
    if q.kind in ("single", "truefalse"):
        options = ([{"text": o["text"], "correct": o.get("correct"), "feedback": o.get("feedback")}
                    for o in q.options] if q.kind == "single" else
                   [{"text": t, "correct": (t == "True") == q.correct_answer,
                     "feedback": (q.spec.get("feedback") or {}).get(t.lower())} for t in ("True", "False")])
        for i, o in enumerate(options):
            lines.append(f"{'*' if o['correct'] else ''}{LETTERS[i].lower()})  {_qti_text(o['text'])}")
            if o.get("feedback"):
                lines.append(f"... {_qti_text(o['feedback'])}")
    elif q.kind == "multiple":
        for o in q.options:
            lines.append(f"{'[*]' if o.get('correct') else '[ ]'} {_qti_text(o['text'])}")
    elif q.kind == "numeric":
        lines[1] += f" ({_qti_text(q.unit)})" if q.unit else ""
        value, margin = q.correct_answer, q.tolerance()
        exact = value.is_integer() and margin == 0
        lines.append(f"=   {int(value)}" if exact else f"=   {value:g} +- {max(margin, 1e-9):g}")
    else:  # ordering, matching, reflection: text2qti has no such types; marked by hand
        if q.kind == "ordering":
            how = "Put these in order: " + "; ".join(_qti_text(i) for i in q.shown)
        elif q.kind == "matching":
            how = ("Match: " + "; ".join(_qti_text(x) for x in q.lefts) + " | with: "
                   + "; ".join(_qti_text(x) for x in q.rights))
        else:
            how = "Write a few sentences."
        lines[1] += f" {how} (Marked by hand; model answer: {_qti_text(q.answer_text())})"
        lines.append("____")
    lines[2] = f"... {_qti_text(q.explanation)}"
    return "\n".join(lines)


def to_text2qti(quiz: Quiz) -> str:
    head = [f"Quiz title: {_qti_text(quiz.title)}",
            f"Quiz description: Questions from the course notebook {quiz.notebook or quiz.bank_id}.",
            "Shuffle answers: false", ""]
    body = "\n\n".join(_qti_question(i + 1, q) for i, q in enumerate(quiz))
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


# --- worksheets ---------------------------------------------------------------------------

def _answer_lines(q) -> list[str]:
    return [f"**Answer:** {q.answer_text()}", "", q.explanation, "", f"*{q.cite_text()}*"]


def to_markdown(quiz: Quiz) -> str:
    out = [f"# {quiz.title}: worksheet", "", "Name: ______________________   Date: __________",
           "", "Answer every question. Give numbers with their unit.", ""]
    for i, q in enumerate(quiz):
        out += [f"**{i + 1}. {q.prompt}**  ({q.label()})", ""]
        if q.kind == "matching":
            out += [f"{n + 1}. {left} — ___" for n, left in enumerate(q.lefts)] + [""]
            out += [f"- {LETTERS[n]}. {r}" for n, r in enumerate(q.rights)]
        elif q.kind == "ordering":
            out += [f"- {LETTERS[n]}. {item}" for n, item in enumerate(q.shown)]
            out += ["", "Order (earliest first): ______________________"]
        elif q.choices():
            box = "☐" if q.kind == "multiple" else "○"
            out += [f"- {box} {LETTERS[n]}. {c}" for n, c in enumerate(q.choices())]
        else:
            out += ["Your answer: " + ("_" * 20 if q.kind == "numeric" else "\n\n" + "_" * 60 + "\n\n"
                                  + "_" * 60)]
        out.append("")
    out += ['<div style="page-break-before: always"></div>', "", f"# {quiz.title}: answer key", ""]
    for i, q in enumerate(quiz):
        out += [f"**{i + 1}. {q.id}**", ""] + _answer_lines(q) + [""]
    return "\n".join(out)


def to_html(quiz: Quiz) -> str:
    questions = []
    for q in quiz:
        if q.kind == "matching":
            body = "<table>" + "".join(
                f"<tr><td>{n + 1}. {inline_html(left)} ____</td><td>{LETTERS[n]}. {inline_html(r)}</td></tr>"
                for n, (left, r) in enumerate(zip(q.lefts, q.rights, strict=True))) + "</table>"
        elif q.choices() or q.kind == "ordering":
            body = "<ul class='choices'>" + "".join(
                f"<li>{'☐' if q.kind == 'multiple' else '○'} {LETTERS[n]}. {inline_html(c)}</li>"
                for n, c in enumerate(q.choices())) + "</ul>"
            if q.kind == "ordering":
                body += "<p>Order (earliest first): <span class='line'></span></p>"
        else:
            body = "<p class='write'>Answer: <span class='line'></span></p>" + (
                "<div class='box'></div>" if q.kind == "reflection" else "")
        questions.append(f"<li><p><strong>{inline_html(q.prompt)}</strong> "
                         f"<small>({escape(q.label())})</small></p>{body}</li>")
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
            paths.append(zipped)
    elif fmt == "markdown":
        paths = [_write(out_dir / f"{stem}.worksheet.md", to_markdown(quiz))]
    else:
        paths = [_write(out_dir / f"{stem}.worksheet.html", to_html(quiz))]
    return paths


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
