"""A small, safe Markdown subset for question text shown as HTML.

Bank text is escaped first and only then given a few inline forms, so a shared
bank can never put script or markup of its own into a learner's browser:
``**bold**``, ``*italic*``, ```code```, ``[link](https://...)`` and line breaks.
Links are kept only for http(s) addresses.
"""

from __future__ import annotations

import re
from html import escape

_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^\s)\"'<>]+)\)")


def inline_html(text: str) -> str:
    """Markdown-ish text as safe HTML (paragraph breaks become <br>)."""
    out = escape(str(text), quote=True)
    codes: list[str] = []

    def keep(match):
        codes.append(f"<code>{match.group(1)}</code>")
        return f"\x00{len(codes) - 1}\x00"

    out = _CODE.sub(keep, out)
    out = _LINK.sub(lambda m: f'<a href="{m.group(2)}" rel="noopener" target="_blank">{m.group(1)}</a>', out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _ITALIC.sub(r"<em>\1</em>", out)
    out = re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m.group(1))], out)
    # A lone tag around each dollar sign keeps renderers from reading $...$ as mathematics.
    out = out.replace("$", "<span>$</span>")
    return out.strip().replace("\n\n", "<br><br>").replace("\n", " ")


def plain(text: str) -> str:
    """Markdown-ish text as plain text (markers removed), for text reprs and exports."""
    out = _LINK.sub(r"\1 (\2)", str(text))
    out = _BOLD.sub(r"\1", out)
    out = _ITALIC.sub(r"\1", out)
    out = _CODE.sub(r"\1", out)
    return " ".join(out.split())
