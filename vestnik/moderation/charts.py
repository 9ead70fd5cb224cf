"""Server-rendered SVG charts for the transparency report (no JavaScript, no CDN)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#1f5f8b", "#c0392b", "#d68910", "#239b56", "#7d3c98", "#5d6d7e", "#a6acaf"]


def stacked_bars(
    labels: list[str], series: list[tuple[str, list[int]]], *, title: str
) -> SafeString:
    """Weekly counts stacked by rule; an accessible <svg> with a <title> and legend."""
    width, height, left, bottom, top = 720, 260, 40, 40, 20
    plot_w, plot_h = width - left - 10, height - top - bottom
    totals = [sum(values[i] for _, values in series) for i in range(len(labels))]
    peak = max(totals or [0]) or 1
    n = max(len(labels), 1)
    bar_w = plot_w / n * 0.7
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 20 * ((len(series) + 3) // 4)}" '
        f'role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" stroke="#888"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="10">{peak}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" font-size="10">0</text>',
    ]
    for i, label in enumerate(labels):
        x = left + i * (plot_w / n) + (plot_w / n - bar_w) / 2
        y: float = top + plot_h
        for s_index, (name, values) in enumerate(series):
            value = values[i]
            if not value:
                continue
            h = value / peak * plot_h
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[s_index % len(PALETTE)]}"><title>{escape(name)}: {value} '
                f"(week of {escape(label)})</title></rect>"
            )
        if n <= 16 or i % 2 == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle" '
                f'font-size="9">{escape(label)}</text>'
            )
    for s_index, (name, _values) in enumerate(series):
        lx = left + (s_index % 4) * 170
        ly = height + 4 + 20 * (s_index // 4)
        parts.append(
            f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{PALETTE[s_index % len(PALETTE)]}"/>'
            f'<text x="{lx + 14}" y="{ly}" font-size="11">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label is escaped above


def horizontal_bars(
    rows: list[tuple[str, float | None, str]], *, title: str
) -> SafeString:
    """One bar per row, 0..1 (e.g. agreement per rule); `None` draws "no data"."""
    row_h, left, width = 22, 170, 760
    height = row_h * max(len(rows), 1) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>'
    ]
    for i, (label, value, caption) in enumerate(rows):
        y = 5 + i * row_h
        parts.append(
            f'<text x="{left - 8}" y="{y + 14}" text-anchor="end" font-size="11">{escape(label)}</text>'
        )
        if value is None:
            parts.append(
                f'<text x="{left}" y="{y + 14}" font-size="11" fill="#777">no data</text>'
            )
            continue
        bar = max(0.0, min(1.0, value)) * (width - left - 300)
        parts.append(
            f'<rect x="{left}" y="{y + 3}" width="{bar:.1f}" height="14" fill="#1f5f8b"/>'
            f'<text x="{left + bar + 6:.1f}" y="{y + 14}" font-size="11">{escape(caption)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label is escaped above
