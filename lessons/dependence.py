"""Who depends on whom: each side's share of its goods trade that is with the other.

``dependence_shares()`` sets the bilateral trade series (China customs, ``trade_annual``)
against each country's total trade with the world (``world_trade``) and computes, year by
year, what percentage of China's trade is with Russia and what percentage of Russia's trade
is with China. A year where either figure is missing keeps an empty share: the gap stays
visible. Shares that officials published directly (``trade_shares``) are returned beside the
computed ones, never mixed into them.

Both computed shares use the same bilateral figure (China's customs count). Russia's own
count of the same trade differs, so a Russian-side share computed this way is an
approximation; the ``method`` column says so.
"""

from __future__ import annotations

import pandas as pd

from .data import DataError, load_dataset

_FIRMNESS = {"reported": 0, "approx": 1, "derived": 2}


def _preferred_by_year(table: pd.DataFrame, value: str, shown: str, key: list[str]) -> pd.DataFrame:
    """One preferred row per key, or a DataError naming the file, row and field."""
    main = table[table["preferred"].fillna(False).astype(bool)]
    dup = main[main.duplicated(key, keep=False)]
    if len(dup):
        first = dup.index[0]
        what = ", ".join(f"{k} {dup.loc[first, k]}" for k in key)
        raise DataError(f"{shown} row {first + 2}, column 'preferred': more than one preferred row "
                        f"for {what}; mark exactly one of them true")
    bad = main[main[value].notna() & (main[value].astype(float) <= 0)]
    if len(bad):
        first = bad.index[0]
        raise DataError(f"{shown} row {first + 2}, column '{value}': {bad.loc[first, value]} is not "
                        "a positive amount")
    return main


def dependence_shares(trade: pd.DataFrame | None = None,
                      world: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per year: bilateral trade, both world totals and both partner shares (percent).

    Columns: ``year``, ``bilateral_usd_bn``, ``china_world_usd_bn``, ``russia_world_usd_bn``,
    ``russia_in_china_pct`` (Russia's share of China's trade), ``china_in_russia_pct``
    (China's share of Russia's trade) and ``method`` ("computed", "computed from a derived or
    rounded total", or "no world total" when a share cannot be computed). Years come from the
    bilateral series from the first year any world total is recorded.
    """
    trade = load_dataset("trade_annual") if trade is None else trade
    world = load_dataset("world_trade") if world is None else world
    bilateral = _preferred_by_year(trade, "total_usd_bn", "trade_annual.csv", ["year"])
    totals = _preferred_by_year(world, "total_usd_bn", "world_trade.csv", ["reporter", "year"])

    def series(reporter: str) -> tuple[pd.Series, pd.Series]:
        rows = totals[totals["reporter"] == reporter].set_index("year")
        return rows["total_usd_bn"].astype("Float64"), rows["value_status"].astype(str)

    china, china_status = series("China")
    russia, russia_status = series("Russia")
    years = sorted(set(totals["year"].dropna().astype(int)))
    if not years:
        raise DataError("world_trade.csv: no rows, so no share can be computed")
    b = bilateral.set_index("year")["total_usd_bn"].astype("Float64")
    out = pd.DataFrame({"year": [y for y in b.index.astype(int) if y >= years[0]]})
    out["bilateral_usd_bn"] = out["year"].map(b).astype("Float64")
    out["china_world_usd_bn"] = out["year"].map(china).astype("Float64")
    out["russia_world_usd_bn"] = out["year"].map(russia).astype("Float64")
    out["russia_in_china_pct"] = (out["bilateral_usd_bn"] / out["china_world_usd_bn"] * 100).round(2)
    out["china_in_russia_pct"] = (out["bilateral_usd_bn"] / out["russia_world_usd_bn"] * 100).round(2)

    def method(row) -> str:
        if pd.isna(row.russia_in_china_pct) and pd.isna(row.china_in_russia_pct):
            return "no world total"
        used = [s.get(row.year, "") for s, v in ((china_status, row.russia_in_china_pct),
                                                 (russia_status, row.china_in_russia_pct))
                if not pd.isna(v)]
        return ("computed from a derived or rounded total"
                if any(_FIRMNESS.get(u, 0) > 0 for u in used) else "computed")

    out["method"] = out.apply(method, axis=1)
    return out.reset_index(drop=True)


def published_shares() -> pd.DataFrame:
    """Shares officials published directly, with who says so (the ``trade_shares`` table)."""
    shares = load_dataset("trade_shares")
    return shares[["year", "reporter", "partner", "share_pct", "share_qualifier", "who_says",
                   "source_id"]].sort_values(["reporter", "year"]).reset_index(drop=True)


def plot_dependence(ax, computed: pd.DataFrame, published: pd.DataFrame) -> None:
    """Both sides on one chart: computed shares as a line, published shares as markers.

    Years without a world total stay empty, so the line breaks there instead of bridging them.
    """
    from .charts import PALETTE

    cn = computed
    said_cn = published[published["reporter"] == "China"]
    said_ru = published[published["reporter"] == "Russia"]
    ax.plot(cn["year"].astype(int), cn["russia_in_china_pct"].astype("float64"), marker="o",
            color=PALETTE["blue"], label="Russia's share of China's trade (computed)")
    ax.scatter(said_cn["year"].astype(int), said_cn["share_pct"].astype(float), marker="D", s=50,
               zorder=3, color=PALETTE["sky"],
               label="Russia's share of China's trade (China's customs said)")
    ax.scatter(said_ru["year"].astype(int), said_ru["share_pct"].astype(float), marker="s", s=60,
               zorder=3, color=PALETTE["orange"],
               label="China's share of Russia's trade (Russia's customs said)")
    ax.set_ylim(0, 40)
    ax.set_xlim(2013, 2025)
    ax.legend(loc="upper left", fontsize=8)
