"""Static SVG bar charts for the annual summaries, in the reader's language.

Each chart is an image with a title; the page prints the same figures as a table beside it,
so nothing is only in the picture.
"""

from __future__ import annotations

from annexsite.render.escape import svg_text as escape

from annexsite.derive.changes import Chart

BAR, GAP, LABEL_W, WIDTH = 16, 14, 230, 640
PALETTE = ("#1a237e", "#b71c1c", "#6a1b9a", "#e65100")  # WCAG AA against white for the value text


def bar_chart(chart: Chart, text, number, percent) -> str:
    """``text(value)`` translates a label; ``number``/``percent`` format a value."""
    series = [text(s) for s in chart.series]
    groups = len(chart.rows)
    per_group = BAR * len(series) + GAP
    legend_h = 22 if len(series) > 1 else 0
    height = 30 + legend_h + groups * per_group + 10
    top = max((v for _, values in chart.rows for v in values), default=0)
    scale = 1.0 if chart.percent else (top or 1)
    plot = WIDTH - LABEL_W - 70
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
           f'height="{height}" font-family="system-ui, sans-serif" font-size="13">',
           f"<title>{escape(text(chart.title))}</title>",
           f'<text x="0" y="18" font-weight="bold" fill="#212121">{escape(text(chart.title))}</text>']
    if legend_h:
        x = 0
        for i, name in enumerate(series):
            out.append(f'<rect x="{x}" y="28" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>')
            out.append(f'<text x="{x + 16}" y="39" fill="#212121">{escape(name)}</text>')
            x += 16 + 8 * len(name) + 18
    y = 30 + legend_h
    for label, values in chart.rows:
        out.append(f'<text x="0" y="{y + BAR * len(series) / 2 + 4:.0f}" fill="#212121">{escape(text(label)[:34])}</text>')
        for i, value in enumerate(values):
            w = round(plot * value / scale) if scale else 0
            colour = PALETTE[i % len(PALETTE)]
            out.append(f'<rect x="{LABEL_W}" y="{y}" width="{max(w, 1)}" height="{BAR - 3}" fill="{colour}"/>')
            shown = percent(value) if chart.percent else number(value)
            out.append(f'<text x="{LABEL_W + max(w, 1) + 6}" y="{y + BAR - 5}" fill="#212121">{escape(shown)}</text>')
            y += BAR
        y += GAP
    out.append("</svg>\n")
    return "\n".join(out)
