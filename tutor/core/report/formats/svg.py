"""Horizontal bar charts as inline SVG: drawn by the browser, no script, no file beside the page."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

ROW = 22          # px per bar
LABEL = 230       # px for the labels at the left
BAR = 360         # px for the longest bar
VALUE = 90        # px for the value text at the right
MAX_LABEL = 34    # characters: a longer label is cut (the table beside the chart has it whole)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str                 # the value as shown, e.g. "42%" or "17"
    tone: str = "bar"         # a CSS class: bar, warn, bad


def bar_chart(bars: list[Bar], title: str, maximum: float | None = None) -> str:
    """An SVG element with one labelled bar per item (the caller has ordered them)."""
    top = max([maximum or 0.0] + [b.value for b in bars]) or 1.0
    height = ROW * len(bars) + 8
    width = LABEL + BAR + VALUE
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             f"<title>{escape(title)}</title>"]
    for i, b in enumerate(bars):
        y = 4 + i * ROW
        length = max(1.0, BAR * b.value / top) if b.value > 0 else 0.0
        label = b.label if len(b.label) <= MAX_LABEL else b.label[: MAX_LABEL - 1] + "…"
        parts.append(f'<text class="label" x="{LABEL - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect class="{escape(b.tone)}" x="{LABEL}" y="{y + 3}" width="{length:.1f}" height="{ROW - 6}" rx="2">'
                     f"<title>{escape(b.label)}: {escape(b.text)}</title></rect>")
        parts.append(f'<text class="value" x="{LABEL + length + 6:.1f}" y="{y + 15}">{escape(b.text)}</text>')
    parts.append("</svg>")
    return "".join(parts)
