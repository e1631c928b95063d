"""Citations from the data's own provenance.

Every data row names a ``source_id`` (seeds/sources.csv) and, when its figure
comes from the source article, a ``claim_id`` (seeds/claims.csv). :func:`cite`
turns the rows a learner is looking at into a reference list, so no citation is
ever typed by hand.

    >>> cite(load_dataset("gas_volumes"))   # the sources behind these rows
    >>> cite("trade_annual")                       # everything behind a dataset
    >>> cite(["article", "tass_2054559"])          # particular sources
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

import pandas as pd

from . import session
from .data import DataError, table

ARTICLE_ID = "article"


def _ordered_unique(values: Iterable) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
            continue
        for part in str(v).split(";"):
            part = part.strip()
            if part:
                seen.setdefault(part, None)
    return list(seen)


def _ids_from(data) -> tuple[list[str], list[str]]:
    """(source ids, claim ids) behind a DataFrame, dataset name, or list of ids."""
    if isinstance(data, str):
        data = table(data)
    if isinstance(data, pd.Series):
        data = data.to_frame().T
    if isinstance(data, pd.DataFrame):
        cols = [c for c in data.columns if c == "source_id" or str(c).endswith("_source_id")]
        if not cols and data.attrs.get("dataset"):
            rows = _original_rows(data)
            return _ids_from(rows if rows is not None else data.attrs["dataset"])
        if not cols:
            raise DataError(
                "cite() needs rows with a 'source_id' column (or a dataset name); "
                "keep source_id when you select columns"
            )
        sources = _ordered_unique(v for _, row in data[cols].iterrows() for v in row)
        claims = _ordered_unique(data["claim_id"]) if "claim_id" in data.columns else []
        return sources, claims
    if isinstance(data, Iterable):
        ids = _ordered_unique(data)
        return [i for i in ids if not _is_claim(i)], [i for i in ids if _is_claim(i)]
    raise DataError(f"cite() takes a DataFrame, a dataset name or a list of ids, not {data!r}")


def _original_rows(frame: pd.DataFrame) -> pd.DataFrame | None:
    """The dataset rows behind a filtered frame whose source columns were dropped.

    Works while the frame keeps the row labels ``load_dataset`` gave it (an unnamed
    integer index); after ``set_index`` or a group-by there is no way back.
    """
    name = frame.attrs.get("dataset")
    if not name or frame.index.name is not None or not pd.api.types.is_integer_dtype(frame.index):
        return None
    full = table(name)
    labels = list(frame.index)
    if not set(labels) <= set(full.index):
        return None
    return full.loc[labels]


def _record(data) -> None:
    """Remember which rows a learner was shown or cited (for sources_used())."""
    if isinstance(data, pd.Series):
        data = data.to_frame()
    if not isinstance(data, pd.DataFrame) or not data.attrs.get("dataset"):
        return
    has_sources = any(c == "source_id" or str(c).endswith("_source_id") for c in data.columns)
    if not has_sources and _original_rows(data) is None:
        return  # an aggregate: the whole dataset stays in the list
    sources, claims = _ids_from(data)
    session.note_cited([*sources, *claims])
    session.note_covered(data.attrs["dataset"])


# Each cell's displayed value tells which rows a learner looked at.
session.observers.append(_record)


def _is_claim(value: str) -> bool:
    return len(value) >= 5 and value[0] == "c" and value[1:4].isdigit()


@dataclass(frozen=True)
class Citation:
    """The sources (and article claims) behind some rows, ready to print."""

    sources: pd.DataFrame
    claims: pd.DataFrame

    def lines(self) -> list[str]:
        out = []
        paragraphs = self.paragraphs()
        for _, s in self.sources.iterrows():
            origin = s["originating_org"]
            who = s["publisher"] if pd.isna(origin) or origin == s["publisher"] else (
                f"{origin}, via {s['publisher']}"
            )
            date = "" if pd.isna(s["date"]) else f" ({s['date']})"
            url = "" if pd.isna(s["url"]) else f" {s['url']}"
            extra = ""
            if s["source_id"] == ARTICLE_ID and paragraphs:
                extra = " - paragraph " + ", ".join(str(p) for p in paragraphs)
            out.append(f"[{s['source_id']}] {who}: {s['title']}{date}.{url}{extra}")
        return out

    def paragraphs(self) -> list[int]:
        if self.claims.empty:
            return []
        return sorted({int(p) for p in self.claims["paragraph"].dropna()})

    def short(self, limit: int = 3) -> str:
        """A one-line source note for under a chart."""
        names = []
        for _, s in self.sources.iterrows():
            if s["source_id"] == ARTICLE_ID:
                paras = self.paragraphs()
                shown = ", ".join(map(str, paras[:6])) + (
                    f" and {len(paras) - 6} more" if len(paras) > 6 else "")
                label = "the course article" + (f" (para. {shown})" if paras else "")
            else:
                origin = s["originating_org"]
                label = s["publisher"] if pd.isna(origin) else origin
            if label not in names:
                names.append(label)
        if len(names) > limit:
            names = names[:limit] + [f"{len(names) - limit} more (cite() lists all)"]
        return "Source: " + "; ".join(names)

    def __repr__(self) -> str:
        if self.sources.empty:
            return "No sources."
        return "Sources:\n" + "\n".join(f"  {line}" for line in self.lines())

    def _repr_markdown_(self) -> str:
        if self.sources.empty:
            return "*No sources.*"
        items = []
        for line, (_, s) in zip(self.lines(), self.sources.iterrows(), strict=True):
            text = line.replace(f" {s['url']}", "") if not pd.isna(s["url"]) else line
            link = "" if pd.isna(s["url"]) else f" [{_link_text(s['url'])}]({s['url']})"
            items.append(f"- {_md_escape(text)}{link}")
        return "**Sources**\n\n" + "\n".join(items)


def _link_text(url: str) -> str:
    """A link named by where it goes ("Read at tass.com"), never just "link"."""
    host = urlsplit(url).hostname or url
    host = host.removeprefix("www.")
    return _md_escape(f"Read at {host}")


def _md_escape(text: str) -> str:
    """Text safe inside Markdown: no emphasis, and no $...$ read as mathematics."""
    return (escape(text, quote=False).replace("*", "\\*").replace("_", "\\_")
            .replace("$", "\\$"))


def cite(data) -> Citation:
    """The sources behind rows, a dataset (by name) or a list of source/claim ids."""
    source_ids, claim_ids = _ids_from(data)
    _record(data)
    claims = table("claims")
    chosen_claims = claims[claims["claim_id"].isin(claim_ids)]
    if not chosen_claims.empty and ARTICLE_ID not in source_ids:
        source_ids = [*source_ids, ARTICLE_ID]
    register = table("sources").set_index("source_id", drop=False)
    unknown = [s for s in source_ids if s not in register.index]
    if unknown:
        raise DataError(
            f"unknown source id(s) {', '.join(map(repr, unknown))}: not in seeds/sources.csv"
        )
    return Citation(register.loc[source_ids].reset_index(drop=True), chosen_claims)


@dataclass(frozen=True)
class ClaimCard:
    """One article claim with who makes it and what kind of voice that is."""

    claim: pd.Series
    actor: pd.Series | None

    def _who(self) -> str:
        if self.actor is None:
            return str(self.claim["attributed_to"])
        a = self.actor
        return f"{a['name']} ({a['kind']}, {a['country']})"

    def __repr__(self) -> str:
        c = self.claim
        value = "" if pd.isna(c["value"]) else f" Value: {c['value']:g} {c['unit'] or ''}".rstrip()
        period = "" if pd.isna(c["period"]) else f" Period: {c['period']}."
        note = "" if pd.isna(c["note"]) else f"\n  Note: {c['note']}"
        return (f"Claim {c['claim_id']} (article paragraph {c['paragraph']}, {c['claim_type']}, "
                f"{c['domain']}):\n  {c['paraphrase']}\n  Who says so: {self._who()}."
                f"{value}{'.' if value else ''}{period}{note}")

    def _repr_markdown_(self) -> str:
        c = self.claim
        lines = [f"> **Who says so?** {_md_escape(c['paraphrase'])}", ">",
                 f"> *Source:* {_md_escape(self._who())}; the course article, paragraph "
                 f"{c['paragraph']} (claim `{c['claim_id']}`, {_a(c['claim_type'])} {c['claim_type']})."]
        if not pd.isna(c["note"]):
            lines += [">", f"> *Note:* {_md_escape(c['note'])}"]
        return "\n".join(lines)


def _a(word: str) -> str:
    return "an" if str(word)[:1].lower() in "aeiou" else "a"


def who_says(claim_id: str) -> ClaimCard:
    """A claim from the article with its speaker and kind of voice (for 'Who says so?' boxes)."""
    claims = table("claims").set_index("claim_id", drop=False)
    if claim_id not in claims.index:
        raise DataError(f"no claim {claim_id!r} in seeds/claims.csv")
    claim = claims.loc[claim_id]
    session.note_cited([claim_id])
    actors = table("actors").set_index("actor_id", drop=False)
    actor = actors.loc[claim["attributed_to"]] if claim["attributed_to"] in actors.index else None
    return ClaimCard(claim, actor)


def sources_used() -> Citation:
    """The sources behind what this session showed: rows charted, cited or displayed,
    claims shown with who_says(), quiz citations, and every row of any dataset loaded
    but only ever used whole (an aggregate, say).

    Ends a notebook's Sources section, so its reference list is generated, never typed.
    """
    ids = list(session.cited)
    for name in session.loaded:
        if name in ("sources", "actors") or name in session.covered:
            continue
        sources, claims = _ids_from(table(name))
        ids += [*sources, *claims]
    return cite(_ordered_unique(ids))
