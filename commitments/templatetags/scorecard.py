"""Template helpers for the scorecard pages: score formatting, status styling and SVG charts."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from commitments import scoring, wording
from commitments.dates import PartialDate
from commitments.status import CONSENT_ACTIONS
from commitments.vocabularies import Action, Status

register = template.Library()

# Chart geometry, in SVG user units (the SVG scales to its container).
BAR_CHART_WIDTH = 340
BAR_TRACK_X = 0
BAR_TRACK_WIDTH = 270
BAR_ROW_HEIGHT = 44
TIMELINE_WIDTH = 640
TIMELINE_HEIGHT = 72
TIMELINE_MARGIN = 24


@register.filter
def score(value: float | None) -> str:
    """A 0-100 score rounded to a whole number, or words saying there is none."""
    if value is None:
        return _("no score")
    return f"{value:.0f}"


@register.filter
def points(value: float) -> str:
    return f"{value:g}"


@register.filter
def partial_date(value: PartialDate | datetime.date | None) -> str:
    if value is None:
        return _("date unknown")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value.isoformat()


@register.filter
def status_class(result) -> str:
    """The CSS class of an indicator result or a treaty status: the colour beside its text."""
    status = getattr(result, "status", result)
    if status == Status.UNKNOWN:
        return "status-unknown"
    if status == Status.NOT_APPLICABLE:
        return "status-not-applicable"
    if status == Status.WITHDRAWN:
        return "status-withdrawn"
    value = getattr(result, "points", None)
    if value is None:
        value = scoring.CURRENT.treaty_points.get(status)
    if value is None:
        return "status-unknown"
    if value >= 1:
        return "status-full"
    if value > 0:
        return "status-partial"
    return "status-none"


@register.filter
def status_label(status: str) -> str:
    return str(scoring.STATUS_LABELS.get(status, status))


@register.filter
def action_kind(action) -> str:
    """`consent`, `signature` or `withdrawal`: the shape of a timeline marker."""
    if action.action in CONSENT_ACTIONS:
        return "consent"
    if action.action == Action.SIGNATURE:
        return "signature"
    return "withdrawal"


@register.filter
def source_link(source) -> SafeString:
    """A link to a fact's source, with the date it speaks for; says so when there is none."""
    if source is None:
        return format_html('<span class="meta">{}</span>', _("no source"))
    link = format_html('<a href="{}" rel="external noopener">{}</a>', source.url, source.label)
    as_of = source.partial_as_of
    if as_of is None:
        return link
    return format_html(
        '{} <span class="meta">({})</span>', link, _("as of %(date)s") % {"date": as_of.isoformat()}
    )


@register.inclusion_tag("commitments/_bar_chart.html")
def group_bar_chart(card: scoring.Scorecard, medians: dict | None = None, title_id: str = ""):
    """Horizontal bars for each group score, with the ASEAN median marked when given."""
    scale = BAR_TRACK_WIDTH / 100
    bars = []
    for index, group in enumerate(card.groups):
        y = index * BAR_ROW_HEIGHT
        median = (medians or {}).get(group.group.key)
        bars.append(
            {
                "group": group,
                "label_y": y + 14,
                "bar_y": y + 20,
                "text_y": y + 34,
                "width": 0 if group.score is None else round(group.score * scale, 1),
                "median_x": None if median is None else round(BAR_TRACK_X + median * scale, 1),
                "median": median,
            }
        )
    return {
        "bars": bars,
        "width": BAR_CHART_WIDTH,
        "height": len(bars) * BAR_ROW_HEIGHT + 4,
        "track_x": BAR_TRACK_X,
        "track_width": BAR_TRACK_WIDTH,
        "value_x": BAR_TRACK_X + BAR_TRACK_WIDTH + 8,
        "title_id": title_id,
        "with_median": bool(medians),
    }


@register.inclusion_tag("commitments/_timeline.html")
def timeline_chart(events: Sequence[tuple[str, object]], end: datetime.date, title_id: str = ""):
    """Markers on a line of years for each (label, treaty action); a table beside it lists them."""
    if not events:
        return {"empty": True}
    start_year = min(action.date.year for _label, action in events)
    end_year = max(end.year, start_year + 1)
    span = end_year + 1 - start_year
    inner = TIMELINE_WIDTH - 2 * TIMELINE_MARGIN

    def x(day: datetime.date) -> float:
        fraction = (day.year - start_year + (day.timetuple().tm_yday - 1) / 366) / span
        return round(TIMELINE_MARGIN + fraction * inner, 1)

    step = next(s for s in (1, 2, 5, 10, 20, 25, 50) if span / s <= 8)
    first_tick = start_year + (-start_year) % step
    ticks = [
        {"x": x(datetime.date(year, 1, 1)), "label": year}
        for year in range(first_tick, end_year + 1, step)
    ]
    markers = []
    for label, event in events:
        kind = action_kind(event)
        cx = x(event.date)
        cy = {"signature": 14, "consent": 28, "withdrawal": 42}[kind]
        markers.append(
            {
                "x": cx,
                "y": cy,
                "left": round(cx - 4, 1),
                "top": cy - 4,
                "path": f"M{cx} {cy - 6} l6 10 h-12 z",
                "kind": kind,
                "title": f"{label}: {event.get_action_display()} "
                f"({event.partial_date.isoformat()})",
            }
        )
    return {
        "empty": False,
        "width": TIMELINE_WIDTH,
        "height": TIMELINE_HEIGHT,
        "axis_y": 56,
        "axis_start": TIMELINE_MARGIN,
        "axis_end": TIMELINE_WIDTH - TIMELINE_MARGIN,
        "ticks": ticks,
        "markers": markers,
        "title_id": title_id,
        "start_year": start_year,
        "end_year": end_year,
        "count": len(events),
    }


@register.filter
def in_sentence(name: str) -> str:
    """A state's name as it reads inside a sentence: "the Philippines"."""
    return wording.in_sentence(str(name))


@register.filter
def possessive(name: str) -> str:
    """A state's name in the possessive: "Cambodia's", "the Philippines'"."""
    return wording.possessive(str(name))


@register.filter
def lookup(mapping: dict, key: str):
    return mapping.get(key)
