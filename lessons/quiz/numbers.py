"""Reading a number a learner typed, and deciding whether the words after it fit the question.

``parse_number("$95.3bn")`` reads the value and keeps what stood around it;
:func:`unit_problem` then says whether those words (a scale such as "million",
a unit such as "bcm", a currency) belong to the question's unit. "38 million" is
not an answer in bcm, and the learner is told what was read and why it is not
accepted.
"""

from __future__ import annotations

import math
import re
import unicodedata
from itertools import permutations

__all__ = ["parse_number", "read_number", "unit_problem"]

MAX_CHARS = 64
_NUMBER = re.compile(
    r"""^(?P<sign>[+-])?\s*
        (?P<cur>US\$|\$|€|£|¥|₽|USD|EUR|RUB|CNY)?\s*
        (?P<int>\d{1,3}(?:[,\u00a0\u202f _]\d{3})+|\d+)?
        (?P<frac>\.\d+)?
        (?P<exp>[eE][+-]?\d+)?
        \s*(?P<unit>[^\d]*)$""",
    re.X,
)
_MINUS = {"\u2212": "-", "\u2012": "-", "\u2013": "-", "\ufe63": "-", "\uff0d": "-"}

# Words that mean the same thing after a number. A scale word changes the number's size.
SYNONYMS = [
    {"bn", "billion", "billions", "bln", "b"},
    {"m", "mn", "mln", "million", "millions"},
    {"k", "thousand", "thousands"},
    {"tn", "trn", "trillion", "trillions"},
    {"usd", "$", "us$", "dollar", "dollars", "us dollars"},
    {"eur", "€", "euro", "euros"},
    {"rub", "₽", "rouble", "roubles", "ruble", "rubles"},
    {"cny", "¥", "yuan", "renminbi", "rmb"},
    {"%", "percent", "per cent", "pct"},
    {"pp", "percentage points", "percentage point", "points", "point"},
    {"bcm", "billion cubic metres", "billion cubic meters", "bn cubic metres", "bn m3"},
    {"mt", "million tonnes", "million tons", "mn tonnes"},
    {"mb/d", "million barrels a day", "million barrels per day"},
    {"km", "kilometres", "kilometers", "kilometre", "kilometer"},
    {"year", "years"},
]
SCALES = [SYNONYMS[0], SYNONYMS[1], SYNONYMS[2], SYNONYMS[3]]
CURRENCY = {"$": "usd", "us$": "usd", "usd": "usd", "€": "eur", "eur": "eur", "£": "gbp",
            "¥": "cny", "cny": "cny", "₽": "rub", "rub": "rub"}


def _norm(text: str) -> str:
    text = text.casefold().replace("\u00a0", " ").strip()
    text = re.sub(r"[.,;:!?()]+$", "", text)
    return " ".join(text.split())


def _group(word: str) -> set[str]:
    for group in SYNONYMS:
        if word in group:
            return group
    return {word, word.rstrip("s"), word + "s"}


def _accepted(unit: str) -> set[str]:
    """Every way of writing the question's unit, or part of it, after a number."""
    whole = _norm(unit)
    if not whole:
        return set()
    out = set(_group(whole))
    words = [w for w in re.split(r"[\s()]+", whole) if w]
    groups = [_group(w) for w in words]
    for size in range(1, len(groups) + 1):
        for chosen in permutations(groups, size):
            forms = [""]
            for group in chosen:
                forms = [f"{f} {g}".strip() for f in forms for g in group]
            out.update(forms)
            out.update(f.replace(" ", "") for f in forms)
    return out


def _scale_of(text: str) -> str | None:
    for word in re.split(r"\s+", text):
        for scale in SCALES:
            if word in scale:
                return sorted(scale, key=len)[-1].rstrip("s")  # 'billion', 'million', ...
    return None


def unit_problem(currency: str, suffix: str, unit: str) -> str | None:
    """Why the currency sign or the words typed after a number do not fit ``unit`` (or None)."""
    suffix_n = _norm(suffix)
    accepted = _accepted(unit)
    if currency:
        code = CURRENCY.get(currency.casefold(), currency.casefold())
        if not any(code == CURRENCY.get(w, w) for w in accepted):
            return (f"the answer is in {unit or 'plain numbers'}, not in {currency}; "
                    "type the number alone")
    if not suffix_n or suffix_n in accepted:
        return None
    scale = _scale_of(suffix_n)
    if scale and (not unit or _scale_of(_norm(unit)) != scale):
        return (f"'{suffix.strip()}' makes it a number of {scale}s, while the answer is in "
                f"{unit or 'plain numbers'}; type the number of {unit or 'units'} alone")
    return (f"'{suffix.strip()}' is not the unit of this answer ({unit or 'a plain number'}); "
            "type the number alone")


def read_number(answer) -> tuple[float | None, str, str, str | None]:
    """``(value, currency, suffix, None)`` or ``(None, '', '', reason)``; never raises.

    Accepts ``1200``, ``1,200``, ``1 200``, ``1.2e3``, ``-3.5``, ``$95.3bn``, ``46%`` and
    digits from any script; refuses decimal commas, NaN, infinity and numbers too large.
    """
    if isinstance(answer, bool) or answer is None:
        return None, "", "", f"could not read {answer!r} as a number"
    if isinstance(answer, int):
        if abs(answer) > 10**300:
            return None, "", "", "could not read that as a number: it is too large"
        return float(answer), "", "", None
    if isinstance(answer, float):
        if not math.isfinite(answer):
            return None, "", "", f"could not read {answer!r} as a number: give a finite value"
        return answer, "", "", None
    if not isinstance(answer, str):
        return None, "", "", f"could not read a {type(answer).__name__} as a number"
    text = answer.strip()
    if not text:
        return None, "", "", "could not read an empty answer as a number: type a value"
    if len(text) > MAX_CHARS:
        return None, "", "", (f"could not read that as a number: it is too long (at most "
                              f"{MAX_CHARS} characters)")
    text = "".join(_MINUS.get(ch, ch) for ch in text)
    text = "".join(str(unicodedata.decimal(ch)) if ch.isdigit() and unicodedata.decimal(ch, None)
                   is not None else ch for ch in text)
    match = _NUMBER.match(text)
    if not match or not (match["int"] or match["frac"]):
        shown = text if len(text) <= 30 else text[:27] + "..."
        extra = " (use a point for decimals: 95.3)" if re.search(r"\d,\d{1,2}(?!\d)", text) else ""
        return None, "", "", f"could not read {shown!r} as a number{extra}"
    digits = re.sub(r"[,\u00a0\u202f _]", "", match["int"] or "0")
    number = f"{match['sign'] or ''}{digits}{match['frac'] or ''}{match['exp'] or ''}"
    value = float(number)  # the pattern admits only what float() reads
    if not math.isfinite(value):
        return None, "", "", f"could not read {text[:30]!r} as a number: it is too large"
    return value, match["cur"] or "", match["unit"] or "", None


def parse_number(answer) -> tuple[float | None, str | None]:
    """Read a learner's number, ignoring what surrounds it: ``(value, None)`` or ``(None, reason)``."""
    value, _, _, reason = read_number(answer)
    return value, reason
