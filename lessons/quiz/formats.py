"""Text helpers the export methods of every kind share (GIFT, text2qti, worksheets).

Bank text is Markdown-ish. Exports keep its bold, italics and code, and escape any
HTML in it, so a bank's ``<script>`` reaches Moodle, Canvas or paper as text,
never as markup.
"""

from __future__ import annotations

from html import escape

# Moodle accepts only these percentages as answer weights.
MOODLE_WEIGHTS = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                  16.66667, 14.28571, 12.5, 11.11111, 10, 5]


def md_safe(text: str) -> str:
    """Markdown with any HTML in it escaped (``<b>`` shows as text), on one line."""
    return " ".join(escape(str(text), quote=False).split())


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (~ = # { } :) and fold newlines."""
    out = str(text).replace("\\", "\\\\")
    for ch in "~=#{}:":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


def gift_text(text: str) -> str:
    """Bank Markdown for a GIFT ``[markdown]`` field: HTML escaped, GIFT specials escaped."""
    return gift_escape(md_safe(text))


def gift_weight(n: int) -> str:
    value = min(MOODLE_WEIGHTS, key=lambda w: abs(w - 100 / n))
    return f"{value:g}"


def qti_text(text: str) -> str:
    """Bank Markdown for text2qti (which turns Markdown into HTML): HTML escaped, one line.

    Every line text2qti reads starts with its own marker (``1.``, ``a)``, ``...``), so
    bank text always follows one and cannot be mistaken for syntax.
    """
    return md_safe(text)
