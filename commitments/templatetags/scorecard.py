"""Template helpers for the scorecard pages: score formatting, status styling and SVG charts."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commitments import scoring, wording
from commitments.dates import PartialDate
from commitments.status import CONSENT_ACTIONS
from commitments.vocabularies import Action, Status, TreatyScope

if TYPE_CHECKING:
    from commitments.models import TreatyAction

register = template.Library()

# Chart geometry, in SVG user units (the SVG scales to its container).
BAR_CHART_WIDTH = 340
BAR_TRACK_X = 0
BAR_TRACK_WIDTH = 270
BAR_ROW_HEIGHT = 44
TOTALS_ROW_HEIGHT = 42
TOTALS_HEADING_HEIGHT = 34
TIMELINE_HEIGHT = 72
# The line of years leaves this share of the width free at each end, for the first and last
# year labels; at most this many labels fit a phone's width.
TIMELINE_MARGIN_PERCENT = 6
TIMELINE_MAX_TICKS = 7
# One marker of the timeline chart: a nested svg places it at its percentage, and the shape is
# drawn around that point. The title is put in last, escaped.
TIMELINE_MARKER = '\n  \n  <svg x="{x:g}%" y="{y}" overflow="visible">\n  {shape}\n  </svg>\n  '
TIMELINE_MARKER_Y = {"signature": 14, "consent": 28, "withdrawal": 42}
TIMELINE_MARKER_SHAPES = {
    "consent": '<circle class="marker marker-consent" cx="0" cy="0" r="5">'
    "<title>{title}</title></circle>\n  ",
    "signature": '<rect class="marker marker-signature" x="-4" y="-4" width="8" height="8">'
    "<title>{title}</title></rect>\n  ",
    "withdrawal": '<path class="marker marker-withdrawal" d="M0 -6 l6 10 h-12 z">'
    "<title>{title}</title></path>",
}


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


def _external_link(url: str, text: str) -> SafeString:
    if not url:
        return format_html("{}", text)
    return format_html('<a href="{}" rel="external noopener">{}</a>', url, text)


@register.filter
def source_link(source) -> SafeString:
    """A fact's source as a reader can judge it: its title (a link), its publisher, the date it
    speaks for and its kind. A copy of another document names the original first and the copy it
    was read through after it: "UN Treaty Collection, Chapter XVIII-10, read via <copy>
    (2016-03-08)"; a copy of several documents lists each. Says so when there is no source."""
    if source is None:
        return format_html('<span class="meta">{}</span>', _("no source"))
    as_of = source.partial_as_of
    date = as_of.isoformat() if as_of is not None else _("date not stated")
    if source.is_copy:
        originals = format_html_join(
            "; ", "{}", ((_external_link(u, t),) for t, u in source.origins)
        )
        text = format_html(
            _("{originals}, read via {copy} ({date})"),
            originals=originals,
            copy=_external_link(source.url, source.copy_label),
            date=date,
        )
    elif source.publisher and source.publisher != source.label:
        text = format_html(
            _("{title}, {publisher} ({date})"),
            title=_external_link(source.url, source.label),
            publisher=source.publisher,
            date=date,
        )
    else:
        text = format_html(
            _("{title} ({date})"), title=_external_link(source.url, source.label), date=date
        )
    kind = source.get_kind_display()
    if not kind:
        return format_html('<span class="source">{}</span>', text)
    return format_html(
        '<span class="source">{} <span class="source-kind">{}</span></span>', text, kind
    )


@register.filter
def stale_since(fact, cutoff: datetime.date) -> PartialDate | None:
    """When a fact's newest evidence (`last_verified` of an indicator result or a treaty
    participation) speaks for a day before `cutoff`: that date; otherwise None. A date known
    only to the month or year counts to the end of its period, as on the data-quality page."""
    verified = getattr(fact, "last_verified", None)
    if verified is None or cutoff is None or verified.last_day() >= cutoff:
        return None
    return verified


def _status_span(status: str) -> SafeString:
    return format_html(
        '<span class="status {}">{}</span>', status_class(status), status_label(status)
    )


@register.filter
def not_known(group: scoring.GroupScore) -> str:
    """Why a group has no score although indicators apply: "not known (0 of 2 indicators)"."""
    return ngettext(
        "not known (%(known)s of %(applicable)s indicator)",
        "not known (%(known)s of %(applicable)s indicators)",
        group.coverage.applicable,
    ) % {"known": group.coverage.known, "applicable": group.coverage.applicable}


@register.filter
def group_score(group: scoring.GroupScore) -> SafeString:
    """A group's score as a table cell shows it: the number, or the words saying why there is
    none, styled as the status they name (no indicator applicable, or none known)."""
    if group.coverage.applicable == 0:
        return _status_span(Status.NOT_APPLICABLE)
    if group.score is None:
        return format_html('<span class="status status-unknown">{}</span>', not_known(group))
    return format_html("{}", score(group.score))


@register.filter
def total_score(card: scoring.Scorecard) -> SafeString:
    """A state's total as tables show it: the number, "insufficient data" below the method's
    coverage rule, or "not applicable" before the state existed."""
    if not card.applicable:
        return _status_span(Status.NOT_APPLICABLE)
    if card.total is None:
        return format_html('<span class="status status-unknown">{}</span>', _("insufficient data"))
    return format_html("{}", score(card.total))


@register.simple_tag
def rank_label(rank: scoring.Rank | None, ranks: dict | None = None) -> str:
    """ "3 of 11", "3 of 11, tied" when another state shares the rank, or "no rank"."""
    if rank is None or rank.position is None:
        return _("no rank")
    shared = sum(1 for other in (ranks or {}).values() if other.position == rank.position)
    if shared > 1:
        return _("%(position)s of %(of)s, tied") % {"position": rank.position, "of": rank.of}
    return _("%(position)s of %(of)s") % {"position": rank.position, "of": rank.of}


# How a coverage floor reads in a sentence; any other share is written as a percentage.
_SHARES = {Fraction(1, 2): gettext_lazy("half"), Fraction(2, 3): gettext_lazy("two thirds")}


@register.simple_tag
def coverage_rule(method: scoring.Method) -> str:
    """The method's coverage rule in a phrase: "a total needs two thirds of the applicable
    indicators known and one in every group"; empty for a method without one."""
    if method.coverage_floor is None:
        return ""
    floor = method.coverage_floor
    share = _SHARES.get(floor) or f"{float(floor) * 100:.0f}%"
    if method.every_group_known:
        return _(
            "a total needs %(share)s of the applicable indicators known and one in every group"
        ) % {"share": share}
    return _("a total needs %(share)s of the applicable indicators known") % {"share": share}


@dataclass(frozen=True)
class NotApplicable:
    """Why a cell is not applicable, and the source of the date that makes it so: a `Source`,
    or for an institution indicator the address of the document that made it a commitment."""

    reason: str
    source: object = None
    document: str = ""
    document_url: str = ""


@register.simple_tag
def why_not_applicable(
    state, on: datetime.date, method: scoring.Method, indicator=None, treaty=None
) -> NotApplicable | None:
    """Why a cell is not applicable on `on`: the state, the treaty or the commitment did not yet
    exist, or the state had not joined ASEAN (for a treaty open only to its members)."""
    independent = state.partial_independent_on
    if independent is not None and on < state.independent_on:
        reason = _("%(state)s was not yet independent (independent from %(date)s)") % {
            "state": wording.local_name(state.short_name),
            "date": independent.isoformat(),
        }
        return NotApplicable(reason, state.independence_source)
    if treaty is not None:
        if on < treaty.adopted_on:
            reason = _("the treaty was adopted later, on %(date)s") % {
                "date": treaty.adopted_on.isoformat()
            }
            return NotApplicable(reason, treaty.source)
        if treaty.scope == TreatyScope.ASEAN:
            joined = state.asean_admission_date
            if joined is None:
                return NotApplicable(_("the treaty is open only to ASEAN members"), treaty.source)
            if on < joined:
                reason = _("open only to ASEAN members; %(state)s joined ASEAN on %(date)s") % {
                    "state": wording.local_name(state.short_name),
                    "date": joined.isoformat(),
                }
                return NotApplicable(reason, state.source)
    kind = getattr(indicator, "kind", "")
    origin = method.indicator_origins.get(kind)
    if origin is not None and on < origin:
        document, url = scoring.INDICATOR_ORIGIN_DOCUMENTS[kind]
        reason = _("before %(document)s of %(date)s") % {
            "document": document,
            "date": origin.isoformat(),
        }
        return NotApplicable(reason, document=str(document), document_url=url)
    return None


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


@dataclass(frozen=True)
class TotalsBar:
    """One state's row in the chart of totals; `width` is the bar's length in per cent."""

    row: object
    rank: scoring.Rank | None
    width: float
    label_y: int
    bar_y: int


@dataclass(frozen=True)
class TotalsPart:
    """The ranked states, those with insufficient data, or those not applicable: drawn apart."""

    key: str
    heading: str
    heading_y: int
    bars: tuple[TotalsBar, ...]


@register.inclusion_tag("commitments/_totals_chart.html")
def totals_chart(rows: Sequence, ranks: dict, median: float | None = None, chart_id: str = ""):
    """Every state's total as a bar, best rank first, with its coverage written beside it; the
    states with insufficient data and those not applicable below, each part under its heading.

    Lengths are percentages of the chart's width and text is set in pixels, so the text keeps
    its size on any screen (a viewBox would shrink it with the chart).
    """

    def name(row) -> str:
        return row.state.short_name

    ranked = sorted(
        (row for row in rows if row.card.total is not None),
        key=lambda row: (ranks[row.state.iso3].position, name(row)),
    )
    parts_in_order = [
        ("ranked", "", ranked),
        (
            "insufficient",
            _("Insufficient data: no total and no rank"),
            sorted((row for row in rows if row.card.insufficient), key=name),
        ),
        (
            "not-applicable",
            _("Not applicable: not yet independent on this date"),
            sorted((row for row in rows if not row.card.applicable), key=name),
        ),
    ]
    y = 0
    parts = []
    for key, heading, members in parts_in_order:
        if not members:
            continue
        heading_y = 0
        if heading:
            heading_y = y + TOTALS_HEADING_HEIGHT - 8
            y += TOTALS_HEADING_HEIGHT
        bars = []
        for row in members:
            total = scoring.published(row.card.total)
            bars.append(
                TotalsBar(
                    row=row,
                    rank=ranks.get(row.state.iso3),
                    width=100 if total is None else total,
                    label_y=y + 14,
                    bar_y=y + 20,
                )
            )
            y += TOTALS_ROW_HEIGHT
        parts.append(TotalsPart(key, heading, heading_y, tuple(bars)))
    return {
        "parts": parts,
        "height": y + 2,
        "median": None if median is None else round(median, 1),
        "chart_id": chart_id or "totals",
        "ranked_count": len(ranked),
    }


@register.inclusion_tag("commitments/_timeline.html")
def timeline_chart(
    events: Sequence[tuple[str, TreatyAction]], end: datetime.date, title_id: str = ""
):
    """Markers on a line of years for each (label, treaty action); a table beside it lists them.

    Positions along the line are percentages of the chart's width and text is set in pixels, so
    the year labels keep their size on a phone instead of shrinking with the chart.
    """
    if not events:
        return {"empty": True}
    start_year = min(action.date.year for _label, action in events)
    end_year = max(end.year, start_year + 1)
    span = end_year + 1 - start_year
    inner = 100 - 2 * TIMELINE_MARGIN_PERCENT

    def x(day: datetime.date) -> float:
        fraction = (day.year - start_year + (day.timetuple().tm_yday - 1) / 366) / span
        return round(TIMELINE_MARGIN_PERCENT + fraction * inner, 2)

    step = next(s for s in (1, 2, 5, 10, 20, 25, 50) if span / s <= TIMELINE_MAX_TICKS)
    first_tick = start_year + (-start_year) % step
    ticks = [
        {"x": x(datetime.date(year, 1, 1)), "label": year}
        for year in range(first_tick, end_year + 1, step)
    ]
    markers = []
    for label, event in events:
        kind = action_kind(event)
        title = escape(f"{label}: {event.get_action_display()} ({event.partial_date.isoformat()})")
        markers.append(
            TIMELINE_MARKER.format(
                x=x(event.date), y=TIMELINE_MARKER_Y[kind], shape=TIMELINE_MARKER_SHAPES[kind]
            ).replace("{title}", title)
        )
    return {
        "empty": False,
        "height": TIMELINE_HEIGHT,
        "axis_y": 56,
        "axis_start": TIMELINE_MARGIN_PERCENT,
        "axis_end": 100 - TIMELINE_MARGIN_PERCENT,
        "ticks": ticks,
        "markers": mark_safe("".join(markers)),
        "title_id": title_id,
        "start_year": start_year,
        "end_year": end_year,
        "count": len(events),
    }


@register.simple_tag
def timeline_rows(events: Sequence[tuple[str, TreatyAction]]) -> SafeString:
    """The table rows beside the timeline chart: date, treaty, action, when it takes effect and
    source of each (label, treaty action).

    Built in Python rather than in a template loop: a state can have hundreds of actions, and
    the loop's lookups and per-row translations made most of a scorecard's rendering time.
    """
    labels = [escape(label) for label in (_("Date"), _("Action"), _("Takes effect"), _("Source"))]
    row = (
        '\n      <tr><td class="date" data-label="{0}">{date}</td><th scope="row">{label}</th>'
        '<td data-label="{1}">{action}</td><td class="date" data-label="{2}">{effective}</td>'
        '<td data-label="{3}">{source}</td></tr>\n    '
    )
    links: dict[int | None, SafeString] = {}
    rows = []
    for label, event in events:
        source_id = event.source_id
        link = links.get(source_id)
        if link is None:
            link = links[source_id] = source_link(event.source)
        rows.append(
            row.format(
                *labels,
                date=escape(event.partial_date.isoformat()),
                label=escape(label),
                action=escape(event.get_action_display()),
                effective=event.effective_on.isoformat() if event.effective_on else "",
                source=link,
            )
        )
    return mark_safe("".join(rows))


@register.filter
def local_name(name: str) -> str:
    """A state's or treaty's name in the reader's language (commitments/wording.py)."""
    return wording.local_name(name)


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
