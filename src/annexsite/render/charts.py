"""Static SVG bar charts for the annual summaries, in the reader's language.

Each chart is an image with a title; the page prints the same figures as a table beside it,
so nothing is only in the picture.
"""

from __future__ import annotations

import unicodedata

from annexsite.render.escape import svg_text as escape

from annexsite.derive.changes import Chart

BAR, GAP, LABEL_W, WIDTH = 16, 14, 230, 640
LINE, LABEL_CHARS = 15, 30  # a label line: its height, and about how many characters fit in LABEL_W
PALETTE = ("#1a237e", "#b71c1c", "#6a1b9a", "#e65100")  # WCAG AA against white for the value text


def _width(text: str) -> int:
    """Roughly how many Latin characters ``text`` is as wide as (a CJK character counts two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(label: str, width: int = LABEL_CHARS, most: int = 3) -> list[str]:
    """A label wrapped into lines of about ``width`` characters, at spaces where the language has
    them (else anywhere: Chinese, Japanese); never cut unless longer than ``most`` lines."""
    words, lines, line = label.split(" ") if " " in label else list(label), [], ""
    joiner = " " if " " in label else ""
    for word in words:
        candidate = f"{line}{joiner}{word}" if line else word
        if _width(candidate) > width and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    if len(lines) > most:
        rest = joiner.join(lines[most - 1:])
        while _width(rest) > width - 1:
            rest = rest[:-1]
        lines = lines[: most - 1] + [rest + "…"]
    return lines


def bar_chart(chart: Chart, text, number, percent, rtl: bool = False, lang: str = "") -> str:
    """``text(value)`` translates a label; ``number``/``percent`` format a value. A right-to-left
    language gets the chart mirrored: labels on the right, bars growing leftwards."""
    series = [text(s) for s in chart.series]
    labels = [_lines(text(label)) for label, _ in chart.rows]
    per_group = [max(BAR * len(series), LINE * len(lines)) + GAP for lines in labels]
    legend_h = 22 if len(series) > 1 else 0
    height = 30 + legend_h + sum(per_group) + 10
    top = max((v for _, values in chart.rows for v in values), default=0)
    scale = 1.0 if chart.percent else (top or 1)
    plot = WIDTH - LABEL_W - 70

    def x(at: float) -> float:  # a position measured from the start side (left, or right in RTL)
        return WIDTH - at if rtl else at

    start = "start"  # every text runs away from the start side: with direction="rtl", from the right
    language = f' lang="{escape(lang)}"' if lang else ""
    direction = ' direction="rtl"' if rtl else ""
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
           f'height="{height}" font-family="system-ui, sans-serif" font-size="13"{language}{direction}>',
           f"<title>{escape(text(chart.title))}</title>",
           f'<text x="{x(0)}" y="18" text-anchor="{start}" font-weight="bold" fill="#212121">{escape(text(chart.title))}</text>']
    if legend_h:
        at = 0
        for i, name in enumerate(series):
            box = WIDTH - at - 12 if rtl else at
            out.append(f'<rect x="{box}" y="28" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>')
            out.append(f'<text x="{x(at + 16)}" y="39" text-anchor="{start}" fill="#212121">{escape(name)}</text>')
            at += 16 + 7 * _width(name) + 18
    y = 30 + legend_h
    for (label, values), lines, group_h in zip(chart.rows, labels, per_group):
        first = y + (group_h - GAP - LINE * len(lines)) / 2 + LINE - 4
        if len(lines) == 1:
            out.append(f'<text x="{x(0)}" y="{first:.0f}" text-anchor="{start}" fill="#212121">{escape(lines[0])}</text>')
        else:
            spans = "".join(f'<tspan x="{x(0)}" y="{first + LINE * n:.0f}">{escape(line)}</tspan>' for n, line in enumerate(lines))
            out.append(f'<text text-anchor="{start}" fill="#212121">{spans}</text>')
        bar_y = y + (group_h - GAP - BAR * len(values)) / 2
        for i, value in enumerate(values):
            w = max(round(plot * value / scale) if scale else 0, 1)
            colour = PALETTE[i % len(PALETTE)]
            left = WIDTH - LABEL_W - w if rtl else LABEL_W
            out.append(f'<rect x="{left}" y="{bar_y:.0f}" width="{w}" height="{BAR - 3}" fill="{colour}"/>')
            shown = percent(value) if chart.percent else number(value)
            out.append(f'<text x="{x(LABEL_W + w + 6)}" y="{bar_y + BAR - 5:.0f}" text-anchor="{start}" fill="#212121">'
                       f'{escape(shown)}</text>')
            bar_y += BAR
        y += group_h
    out.append("</svg>\n")
    return "\n".join(out)
