"""The course's chart style and chart furniture.

One call, :func:`use_course_style`, sets a colour-blind-safe palette
(Okabe & Ito), readable type and a modest size and resolution (notebooks stay
small). :func:`finish` gives a chart the Our-World-in-Data shape: a title that
states the finding, a subtitle that defines the measure, and a source line
written from the rows' own provenance, never typed by hand.
"""

from __future__ import annotations

import textwrap

import matplotlib as mpl
import pandas as pd

from .sources import cite

# Okabe & Ito (2008), the standard colour-blind-safe qualitative palette.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
CYCLE = ["blue", "orange", "green", "vermillion", "sky", "purple", "black"]

STYLE = {
    "axes.prop_cycle": mpl.cycler(color=[PALETTE[c] for c in CYCLE]),
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 72,
    "savefig.dpi": 72,
    "figure.constrained_layout.use": True,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "svg.hashsalt": "lessons",
    "path.simplify": True,
}


def use_course_style() -> None:
    """Apply the course chart style to every chart drawn after it."""
    mpl.rcParams.update(STYLE)


def source_line(ax, data, *, extra: str | None = None) -> str:
    """Write the source of ``data`` (rows, a dataset name or ids) under the chart.

    Returns the text written, so a notebook can also print it.
    """
    text = cite(data).short()
    if extra:
        text = f"{text}. {extra}"
    fig = ax.figure
    wrapped = "\n".join(textwrap.wrap(text, width=110))
    fig.supxlabel(wrapped, x=0.01, ha="left", fontsize=8, color="#555555")
    return text


def finish(ax, title: str, subtitle: str | None = None, *, data=None,
           extra: str | None = None) -> None:
    """Title (the finding), subtitle (the measure and unit) and source line (from ``data``).

    Returns nothing, so it can end a notebook cell without printing the Axes.
    """
    ax.set_title(title, loc="left", pad=18 if subtitle else 6)
    if subtitle:
        ax.text(
            0, 1.02, subtitle, transform=ax.transAxes, fontsize=9, color="#444444",
            va="bottom", ha="left",
        )
    if data is not None:
        source_line(ax, data, extra=extra)


def timeline_chart(ax, events, *, domains=None):
    """Events as dots by year (x) and domain (y): where the partnership was busy, and when."""
    data = events if domains is None else events[events["domain"].astype(str).isin(domains)]
    order = sorted(map(str, data["domain"].dropna().unique()))
    counts = data.groupby([data["domain"].astype(str), "year"], observed=True).size()
    for i, domain in enumerate(order):
        sub = counts.loc[domain]
        ax.scatter(sub.index.astype(int), [i] * len(sub), s=18 + 22 * (sub.to_numpy() - 1),
                   color=mpl.rcParams["axes.prop_cycle"].by_key()["color"][i % 7], zorder=3)
    ax.set_yticks(range(len(order)), order)
    ax.grid(axis="x", color="#eeeeee")
    ax.set_xlabel("year (bigger dot: more events that year)")
    return ax


def gantt(ax, rows, *, start: str, end: str, label: str, open_end: int | None = None,
          color_by: str | None = None):
    """Bars from ``start`` to ``end`` per row (an empty end runs to ``open_end``)."""
    colours = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    rows = rows.reset_index(drop=True)
    groups = {g: i for i, g in enumerate(dict.fromkeys(rows[color_by]))} if color_by else {}
    for i, r in rows.iterrows():
        s = int(r[start])
        e = int(r[end]) if not pd.isna(r[end]) else (open_end or s + 5)
        colour = colours[groups.get(r[color_by], 0) % len(colours)] if color_by else colours[0]
        hatch = "//" if pd.isna(r[end]) else None
        ax.barh(i, e - s + 1, left=s, color=colour, hatch=hatch, edgecolor="white")
    ax.set_yticks(range(len(rows)), rows[label])
    ax.invert_yaxis()
    ax.grid(axis="x", color="#eeeeee")
    return ax
