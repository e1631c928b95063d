"""Interactive explorers over the data (ipywidgets), each with a static fallback.

    >>> from lessons.explore import TimelineExplorer
    >>> TimelineExplorer(load_dataset("events"))     # filter events by domain and years

Like quizzes, an explorer displays as a widget in JupyterLab and as a plain
HTML table elsewhere (GitHub, nbconvert), with a stable text repr for nbval.
"""

from __future__ import annotations

from html import escape

import pandas as pd


def _events_html(events: pd.DataFrame) -> str:
    rows = "".join(
        f"<tr><td>{escape(str(e.date))}</td><td>{escape(str(e.domain))}</td>"
        f"<td><strong>{escape(str(e.title))}</strong><br>{escape(str(e.summary))}</td>"
        f"<td><small>{escape(str(e.source_id))}</small></td></tr>"
        for e in events.itertuples()
    )
    return ("<table class='lessons-timeline'><thead><tr><th>Date</th><th>Domain</th>"
            f"<th>Event</th><th>Source</th></tr></thead><tbody>{rows}</tbody></table>")


class TimelineExplorer:
    """Events filtered by domain and by a span of years."""

    def __init__(self, events: pd.DataFrame, domains=None, years=None):
        self.events = events.sort_values(["date", "event_id"]).reset_index(drop=True)
        self.all_domains = sorted(map(str, self.events["domain"].dropna().unique()))
        self.domains = list(domains) if domains else list(self.all_domains)
        lo, hi = int(self.events["year"].min()), int(self.events["year"].max())
        self.years = tuple(years) if years else (lo, hi)
        self._bounds = (lo, hi)

    def selection(self) -> pd.DataFrame:
        e = self.events
        mask = e["domain"].astype(str).isin(self.domains) & e["year"].between(*self.years)
        return e[mask.fillna(False)]

    def __repr__(self) -> str:
        sel = self.selection()
        return (f"Timeline: {len(sel)} of {len(self.events)} events, {self.years[0]}-"
                f"{self.years[1]}, domains: {', '.join(self.domains)}")

    def _repr_html_(self) -> str:
        return f"<p>{escape(repr(self))}</p>{_events_html(self.selection())}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": repr(self), "text/html": self._repr_html_()}
        try:
            widget = self.widget()
            bundle.update({k: v for k, v in (widget._repr_mimebundle_() or {}).items()
                           if k.startswith("application/vnd.jupyter.widget")})
        except Exception:  # no widget support: the static table stands alone
            pass
        return bundle

    def widget(self):
        import ipywidgets as w

        pick = w.SelectMultiple(options=self.all_domains, value=tuple(self.domains),
                                rows=min(12, len(self.all_domains)), description="Domains")
        # Two labelled number boxes, not a range slider: the slider's handles carry no
        # accessible name (axe-core: aria-input-field-name), and typed years are exact.
        low, high = self._bounds
        start = w.BoundedIntText(value=self.years[0], min=low, max=high, description="From year")
        end = w.BoundedIntText(value=self.years[1], min=low, max=high, description="To year")
        table = w.HTML(self._repr_html_())

        def update(_change=None):
            self.domains = list(pick.value) or list(self.all_domains)
            self.years = (min(start.value, end.value), max(start.value, end.value))
            table.value = self._repr_html_()

        pick.observe(update, names="value")
        start.observe(update, names="value")
        end.observe(update, names="value")
        self._controls = (pick, start, end, table)
        return w.VBox([w.HBox([pick, w.VBox([start, end])]), table])
