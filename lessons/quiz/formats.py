"""Text helpers the export methods of every kind share (GIFT, text2qti, worksheets).

Bank text is Markdown-ish. Exports keep its bold, italics and code, and escape any
HTML in it, so a bank's ``<script>`` reaches Moodle, Canvas or paper as text,
never as markup.
"""

from __future__ import annotations

import re
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
    bank text always follows one and cannot be mistaken for syntax. Inside a code span
    (`` `<NA>` ``) nothing is escaped: Markdown escapes code itself, and escaping it twice would
    show ``&lt;NA&gt;`` in Canvas.
    """
    parts = re.split(r"(`[^`\n]+`)", " ".join(str(text).split()))
    return "".join(p if p.startswith("`") and p.endswith("`") and len(p) > 1 else escape(p, quote=False)
                   for p in parts)


def qti_matching_item(ident: str, title: str, prompt_html: str, pairs: list[tuple[str, str]],
                      rights: list[str]) -> str:
    """A Canvas QTI 1.2 ``matching_question`` item (it grades itself, a share per pair).

    ``pairs`` are (left, right) in bank Markdown; ``rights`` the right-hand texts in the
    order they are offered. Texts are HTML-escaped inside the XML (bold and code kept in the
    prompt, which is HTML already). The explanation is added by the caller as feedback.
    """
    from ..markup import plain

    ids = {right: f"{ident}_r{n + 1}" for n, right in enumerate(dict.fromkeys(rights))}
    share = f"{100 / len(pairs):.2f}"
    lids, conds = [], []
    for n, (left, right) in enumerate(pairs):
        labels = "".join(f'<response_label ident="{ids[r]}"><material><mattext texttype="text/plain">'
                         f"{escape(plain(r))}</mattext></material></response_label>" for r in ids)
        lids.append(f'<response_lid ident="response_{ident}_{n + 1}"><material><mattext '
                    f'texttype="text/plain">{escape(plain(left))}</mattext></material>'
                    f"<render_choice>{labels}</render_choice></response_lid>")
        conds.append(f'<respcondition><conditionvar><varequal respident="response_{ident}_{n + 1}">'
                     f'{ids[right]}</varequal></conditionvar><setvar varname="SCORE" action="Add">'
                     f"{share}</setvar></respcondition>")
    meta = "".join(f"<qtimetadatafield><fieldlabel>{k}</fieldlabel><fieldentry>{v}</fieldentry>"
                   "</qtimetadatafield>" for k, v in (("question_type", "matching_question"),
                                                      ("points_possible", "1")))
    return (f'<item ident="{ident}" title="{escape(title)}"><itemmetadata><qtimetadata>{meta}'
            f'</qtimetadata></itemmetadata><presentation><material><mattext texttype="text/html">'
            f"{escape(prompt_html)}</mattext></material>{''.join(lids)}</presentation>"
            '<resprocessing><outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" '
            f'vartype="Decimal"/></outcomes>{"".join(conds)}<respcondition continue="Yes">'
            '<conditionvar><other/></conditionvar><displayfeedback feedbacktype="Response" '
            'linkrefid="general_fb"/></respcondition></resprocessing>')
