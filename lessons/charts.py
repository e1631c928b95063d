"""The course's chart style and chart furniture.

One call, :func:`use_course_style`, sets a colour-blind-safe palette (Okabe &
Ito) whose series also differ by marker and line style, readable type, and the
way charts are shown: as a sharp SVG image with alt text and, under it, the
chart's data in words, so a screen reader reaches both in JupyterLab and in
nbconvert HTML (the output stays byte-for-byte the same for nbval).
:func:`finish` gives a chart the Our-World-in-Data shape: a title that states the
finding, a subtitle that defines the measure, and a source line written from the
rows' own provenance, never typed by hand. The alt text is built from those.
"""

from __future__ import annotations

import textwrap
from html import escape

import matplotlib as mpl
import matplotlib.text
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

MARKERS = ["o", "s", "^", "D", "v", "P", "X"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 1))]

STYLE = {
    # colour, marker and line style change together: no series is told apart by colour alone
    "axes.prop_cycle": (mpl.cycler(color=[PALETTE[c] for c in CYCLE])
                        + mpl.cycler(marker=MARKERS) + mpl.cycler(linestyle=LINESTYLES)),
    "lines.markersize": 5,
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 96,
    "savefig.dpi": 96,
    "figure.constrained_layout.use": True,
    "font.size": 11,
    "legend.fontsize": 10,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "svg.hashsalt": "lessons",
    "svg.fonttype": "none",
    "path.simplify": True,
}
SMALLEST_TEXT = 9  # points: what source lines and annotations may not go below


# Links are told apart from text by an underline, not by colour alone (WCAG 1.4.1):
# JupyterLab's and nbconvert's own style sheets do not underline them.
PAGE_CSS = ".jp-RenderedHTMLCommon a[href] { text-decoration: underline; text-underline-offset: 0.15em; }"


class CourseStyle:
    """What :func:`use_course_style` returns: shown as the course's small page style sheet."""

    def __repr__(self) -> str:
        return "Course style on: charts are described SVG images, and links are underlined."

    def _repr_html_(self) -> str:
        return f"<style>{PAGE_CSS}</style>"


def use_course_style() -> CourseStyle:
    """Apply the course chart style to every chart drawn after it, and show charts as
    described SVG images (in IPython). Displayed (the last line of a cell), the result
    underlines links in the notebook, in JupyterLab and in nbconvert HTML."""
    mpl.rcParams.update(STYLE)
    show_charts_with_descriptions()
    return CourseStyle()


def show_charts_with_descriptions() -> None:
    """In IPython, display every Matplotlib figure as :func:`chart_html` instead of a PNG."""
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing is displayed
        return
    shell = get_ipython()
    if shell is None:
        return
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    # Load the backend now: the inline backend resets every figure format when it loads.
    plt._get_backend_mod()
    formatters = shell.display_formatter.formatters
    formatters["text/html"].for_type(Figure, chart_html)
    formatters["text/html"].for_type(pd.DataFrame, table_html)
    for mime in ("image/png", "image/jpeg", "image/svg+xml", "application/pdf"):
        formatters[mime].type_printers.pop(Figure, None)


def table_html(frame: pd.DataFrame) -> str:
    """A table as pandas shows it, inside a named region that the keyboard can reach and
    scroll (a wide table scrolls inside it, not the whole output)."""
    columns = [str(c) for c in frame.columns]
    shown = ", ".join(columns[:8]) + (f" and {len(columns) - 8} more" if len(columns) > 8 else "")
    label = f"Table of {len(frame)} rows; columns: {shown}"
    return (f'<div class="lessons-table" role="region" tabindex="0" aria-label="{escape(label)}" '
            f'style="overflow-x: auto">{frame._repr_html_()}</div>')


def source_line(ax, data, *, extra: str | None = None) -> str:
    """Write the source of ``data`` (rows, a dataset name or ids) under the chart.

    Returns the text written, so a notebook can also print it.
    """
    text = cite(data).short()
    if extra:
        text = f"{text}. {extra}"
    fig = ax.figure
    wrapped = "\n".join(textwrap.wrap(text, width=100))
    fig.supxlabel(wrapped, x=0.01, ha="left", fontsize=SMALLEST_TEXT, color="#555555")
    fig._lessons_source = text  # for the alt text
    return text


def finish(ax, title: str, subtitle: str | None = None, *, data=None,
           extra: str | None = None) -> None:
    """Title (the finding), subtitle (the measure and unit) and source line (from ``data``).

    Returns nothing, so it can end a notebook cell without printing the Axes.
    """
    fig = ax.figure
    width_pt = ax.get_position().width * fig.get_figwidth() * 72
    title_lines = textwrap.wrap(title, width=max(20, int(width_pt / (0.62 * 13))))
    sub_lines = textwrap.wrap(subtitle, width=max(30, int(width_pt / (0.55 * 10)))) if subtitle else []
    ax.set_title("\n".join(title_lines), loc="left", pad=6 + 14 * len(sub_lines))
    if sub_lines:
        ax.text(
            0, 1.02, "\n".join(sub_lines), transform=ax.transAxes, fontsize=10, color="#444444",
            va="bottom", ha="left",
        )
    fig._lessons_text = [*getattr(fig, "_lessons_text", []), (title, subtitle)]
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


def figure_svg(fig) -> str:
    """The figure as SVG text, the same bytes every run (fixed ids, no date)."""
    import io

    with mpl.rc_context({"svg.hashsalt": "lessons", "svg.fonttype": "none"}):
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def figure_html(fig, *, alt: str, details: str | None = None) -> str:
    """A chart as an image with alt text (and its data in words, folded), as HTML.

    The image is an SVG inside a data URI: sharp at any zoom, small, the same bytes every
    run, and its ``alt`` reaches a screen reader in JupyterLab and in nbconvert HTML.
    """
    import base64
    from html import escape

    data = base64.b64encode(figure_svg(fig).encode("utf-8")).decode("ascii")
    width = int(round(fig.get_figwidth() * 96))
    more = (f"<details class='lessons-chart-data'><summary>The chart's data in words</summary>"
            f"<p>{escape(details)}</p></details>") if details else ""
    return (f"<figure class='lessons-chart' style='margin:0'>"
            f"<img src='data:image/svg+xml;base64,{data}' alt='{escape(alt, quote=True)}' "
            f"width='{width}' style='max-width:100%;height:auto'>{more}</figure>")


def describe(fig) -> tuple[str, str]:
    """(alt text, data summary) for a figure: what its title, subtitle and source line say,
    then each series in words (its name, how many points, its range)."""
    said = getattr(fig, "_lessons_text", [])
    parts = []
    for title, subtitle in said:
        parts.append(title.rstrip(".") + ".")
        if subtitle:
            parts.append(subtitle.rstrip(".") + ".")
    if not said:
        titles = [ax.get_title(loc="left") or ax.get_title() for ax in fig.axes]
        parts += [t.rstrip(".") + "." for t in titles if t]
    source = getattr(fig, "_lessons_source", None)
    if source:
        parts.append(source.rstrip(".") + ".")
    alt = " ".join(parts) or "A chart without a title."
    return "Chart: " + alt, " ".join(_series_in_words(ax) for ax in fig.axes).strip()


def _fmt(value: float) -> str:
    if float(value).is_integer() and abs(value) < 10_000:
        return str(int(value))  # years stay 2018, not 2,018
    return f"{value:,.4g}"


def _span(values) -> str:
    import math

    numbers = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    if not numbers:
        return "no values"
    low, high = min(numbers), max(numbers)
    return _fmt(low) if low == high else f"from {_fmt(low)} to {_fmt(high)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _series_in_words(ax) -> str:
    """Each line, bar group and scatter of one Axes, in a sentence."""
    import numpy as np

    out = []
    for line in ax.get_lines():
        label = line.get_label()
        x, y = np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float)
        if label.startswith("_") or len(x) < 2:
            continue
        if line.get_transform() != ax.transData:  # a reference line across the chart
            fixed = ("y", y) if len(set(y.tolist())) == 1 else ("x", x)
            out.append(f"Line '{label}': at {fixed[0]} = {_span(fixed[1])}.")
            continue
        keep = np.isfinite(x) & np.isfinite(y)
        out.append(f"Line '{label}': {_plural(int(keep.sum()), 'point')}, x {_span(x[keep])}, "
                   f"y {_span(y[keep])}.")
    for container in ax.containers:
        label = container.get_label()
        heights = [float(b.get_height()) for b in getattr(container, "patches", [])]
        widths = [float(b.get_width()) for b in getattr(container, "patches", [])]
        if not heights:
            continue
        horizontal = getattr(container, "orientation", "vertical") == "horizontal"
        values = widths if horizontal else heights
        name = f"'{label}'" if label and not label.startswith("_") else "bars"
        out.append(f"Bars {name}: {_plural(len(values), 'bar')}, values {_span(values)}.")
    for collection in ax.collections:
        offsets = getattr(collection, "get_offsets", lambda: [])()
        label = collection.get_label()
        if len(offsets) == 0 or label.startswith("_child"):
            continue
        name = f"'{label}'" if label and not label.startswith("_") else "points"
        ys = [float(o[1]) for o in offsets]
        xs = [float(o[0]) for o in offsets]
        out.append(f"Points {name}: {_plural(len(offsets), 'point')}, x {_span(xs)}, y {_span(ys)}.")
    return " ".join(out)


def _legible(fig) -> None:
    """No text smaller than :data:`SMALLEST_TEXT` (a notebook may ask for 7 or 8 points)."""
    for text in fig.findobj(mpl.text.Text):
        if text.get_text() and text.get_fontsize() < SMALLEST_TEXT:
            text.set_fontsize(SMALLEST_TEXT)


def chart_html(fig) -> str:
    """How a figure shows in a notebook: the described SVG image (see :func:`figure_html`)."""
    _legible(fig)
    alt, details = describe(fig)
    return figure_html(fig, alt=alt, details=details)
