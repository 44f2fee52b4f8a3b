"""Budget views drawn at build time: a static SVG bar chart beside the table it shows.

No script and no other host: the SVG is inline, its text is escaped, and the table beside
it carries the same figures for screen readers and for print.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

from ..site.render import baht
from .register import Project

WIDTH, BAR, GAP, LABEL = 640, 22, 8, 220
MAX_BARS = 20


def by_year(projects: Iterable[Project]) -> list[tuple[str, float]]:
    """Budget per fiscal year, oldest first; a plan of several years split evenly."""
    totals: dict[int, float] = defaultdict(float)
    for project in projects:
        years = project.years or [0]
        for year in years:
            totals[year] += (project.budget or 0) / len(years)
    return [(str(y) if y else "ไม่ระบุ", round(v, 2)) for y, v in sorted(totals.items())]


def by_key(projects: Iterable[Project], key: Callable[[Project], str]) -> list[tuple[str, float]]:
    """Budget per value of `key`, largest first."""
    totals: dict[str, float] = defaultdict(float)
    for project in projects:
        totals[key(project) or "ไม่ระบุ"] += project.budget or 0
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))


def chart(title: str, rows: list[tuple[str, float]], note: str = "") -> Markup:
    """A figure: the SVG bars (hidden from screen readers) and the table of the same rows."""
    if not rows:
        return Markup("")
    shown, rest = rows[:MAX_BARS], rows[MAX_BARS:]
    if rest:
        shown = [*shown, (f"อื่น ๆ ({len(rest)})", sum(v for _, v in rest))]
    top = max(v for _, v in shown) or 1
    height = len(shown) * (BAR + GAP) + GAP
    bars = []
    for i, (label, value) in enumerate(shown):
        y = GAP + i * (BAR + GAP)
        width = (WIDTH - LABEL - 120) * value / top
        bars.append(
            f'<text x="{LABEL - 6}" y="{y + BAR * 0.7:.0f}" text-anchor="end">'
            f"{escape(_short(label))}</text>"
            f'<rect x="{LABEL}" y="{y}" width="{width:.1f}" height="{BAR}" class="kb-bar"/>'
            f'<text x="{LABEL + width + 6:.1f}" y="{y + BAR * 0.7:.0f}">{escape(_amount(value))}'
            "</text>")  # fmt: skip
    svg = (f'<svg class="kb-chart__svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
           f'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">'
           + "".join(bars) + "</svg>")  # fmt: skip
    body = "".join(f'<tr><th scope="row">{escape(label)}</th><td class="kb-num">'
                   f"{escape(baht(value))}</td></tr>" for label, value in rows)  # fmt: skip
    caption = escape(title) + (Markup(f'<br><small>{escape(note)}</small>') if note else "")
    return Markup(
        f'<figure class="kb-chart"><figcaption>{caption}</figcaption>{svg}'
        f'<div class="kb-table"><table class="kb-chart__table"><thead><tr><th scope="col">'
        f'รายการ</th><th scope="col">งบประมาณ (บาท)</th></tr></thead><tbody>{body}</tbody>'
        "</table></div></figure>")  # fmt: skip


def _short(label: str) -> str:
    return label if len(label) <= 28 else label[:27] + "…"


def _amount(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:,.1f} ล้านบาท"
    return f"{value:,.0f} บาท"


YEARS_NOTE = "งบประมาณของแผนหลายปีแบ่งเท่ากันตามปีงบประมาณของแผน"
