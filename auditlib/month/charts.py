"""Charts as inline SVG, drawn by matplotlib: the board report's bar charts and the consistency
dashboard's heat map. Nothing is fetched to show them, and every chart stands beside a table of
its numbers, with each number written on the chart too (colour never carries it alone)."""
from __future__ import annotations

import io
from typing import Any

# grade colours are paired with words and patterns, never used alone
PALETTE = {0: "#00703c", 1: "#1d70b8", 2: "#f47738", 3: "#d4351c"}
HATCHES = {0: "", 1: "//", 2: "..", 3: "xx"}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    return plt


def _svg(fig: Any) -> str:
    """The figure as an ``<svg>`` element (no XML prologue, no date: the same chart gives the
    same text), the figure closed."""
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Creator": None, "Date": None, "Format": None,
                                             "Type": None})
    _pyplot().close(fig)
    svg = out.getvalue()
    return svg[svg.index("<svg"):]


def bar_chart_svg(title: str, labels: list[str], counts: list[int]) -> str:
    """A horizontal bar chart: each bar labelled with its grade and count."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 0.5 + 0.45 * max(1, len(labels))))
    positions = list(range(len(labels)))[::-1]
    bars = ax.barh(positions, counts, color=[PALETTE.get(i % 4) for i in range(len(labels))],
                   hatch=None, edgecolor="#0b0c0c")
    for i, bar in enumerate(bars):
        bar.set_hatch(HATCHES.get(i % 4, ""))
        ax.text(bar.get_width() + 0.1, bar.get_y() + bar.get_height() / 2, str(counts[i]),
                va="center", fontsize=10)
    ax.set_yticks(positions)
    ax.set_yticklabels(labels, fontsize=10)
    ax.set_xlabel("Audits")
    ax.set_title(title, fontsize=11, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(counts + [1]) * 1.2)
    fig.tight_layout()
    return _svg(fig)


def heatmap_svg(levels: list[str], matrix: list[list[int]], labels: dict[str, str],
                title: str) -> str:
    """A grade matrix (rows the auditor's grade, columns the moderator's) as a heat map, each
    cell written with its count."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(1.6 + 1.3 * len(levels), 1.2 + 0.9 * len(levels)))
    ax.imshow(matrix, cmap="Blues")
    names = [labels.get(g, g) for g in levels]
    ax.set_xticks(range(len(levels)), names, rotation=20, ha="right", fontsize=9)
    ax.set_yticks(range(len(levels)), names, fontsize=9)
    ax.set_xlabel("Moderator's grade")
    ax.set_ylabel("Auditor's grade")
    ax.set_title(title, fontsize=10, loc="left")
    peak = max((max(r) for r in matrix), default=0)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            ax.text(j, i, str(value), ha="center", va="center", fontsize=11,
                    color="white" if peak and value > peak * 0.6 else "#0b0c0c")
    fig.tight_layout()
    return _svg(fig)
