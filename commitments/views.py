"""The public pages. Each view reads through `State.objects.for_scorecard()`, scores with
`commitments.scoring`, and hands the result to a template; none of them writes anything."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from commitments import medians, quality, scoring
from commitments.feeds import change_rows, describe
from commitments.filters import ScoreForm
from commitments.models import State, Treaty, data_last_updated
from commitments.status import CONSENT_ACTIONS
from commitments.vocabularies import Status

CHANGES_PER_PAGE = 50


@dataclass(frozen=True)
class DatedRequest:
    """The `as_of` date and the scoring method a page speaks for, and the form that read them."""

    form: ScoreForm
    on: datetime.date
    today: datetime.date
    method: scoring.Method = scoring.CURRENT

    @property
    def is_valid(self) -> bool:
        return not self.form.errors

    @property
    def is_past(self) -> bool:
        return self.on != self.today

    @property
    def is_current_method(self) -> bool:
        return self.method is scoring.CURRENT

    @property
    def query(self) -> dict[str, str]:
        """The query parameters that keep this date and method on links to other pages."""
        query = {}
        if self.is_past:
            query["as_of"] = self.on.isoformat()
        if not self.is_current_method:
            query["method"] = self.method.semantic_version
        return query

    @property
    def querystring(self) -> str:
        """`query` as it follows a link's path: `?as_of=2015-01-01&method=1.0`, or nothing."""
        return f"?{urlencode(self.query)}" if self.query else ""

    @property
    def method_query(self) -> dict[str, str]:
        """The method parameter alone, for a form that chooses the date."""
        return {"method": self.method.semantic_version} if not self.is_current_method else {}

    def method_links(self) -> list[dict]:
        """Every published method, with this page's address recomputed under it."""
        links = []
        for method in scoring.METHODS:
            query = {k: v for k, v in self.query.items() if k != "method"}
            if method is not scoring.CURRENT:
                query["method"] = method.semantic_version
            links.append(
                {
                    "method": method,
                    "query": f"?{urlencode(query)}" if query else "",
                    "current": method is scoring.CURRENT,
                    "shown": method is self.method,
                }
            )
        return links

    @property
    def stale_before(self) -> datetime.date:
        """Evidence speaking for a day before this is stale for the date shown: older than
        `STALE_SOURCE_MONTHS` months before it."""
        return quality.months_before(self.on, settings.STALE_SOURCE_MONTHS)

    @property
    def status(self) -> int:
        # A date the reader cannot have meant is their mistake: say so, and show today instead.
        return 200 if self.is_valid else 400


def _dated(request: HttpRequest) -> DatedRequest:
    today = timezone.localdate()
    form = ScoreForm(request.GET)
    form.is_valid()
    return DatedRequest(
        form=form,
        on=form.cleaned_data.get("as_of", today),
        today=today,
        method=form.cleaned_data.get("method", scoring.CURRENT),
    )


def _treaties() -> list[Treaty]:
    return list(Treaty.objects.select_related("source"))


@dataclass(frozen=True)
class StateRow:
    state: State
    card: scoring.Scorecard


def _scorecards(states, treaties, dated: DatedRequest) -> list[StateRow]:
    return [
        StateRow(state, scoring.score_state(state, treaties, dated.on, dated.today, dated.method))
        for state in states
    ]


SORTS = {
    "name": gettext_lazy("name"),
    "total": gettext_lazy("rank and total score"),
    "coverage": gettext_lazy("coverage"),
    **{group.key: group.label for method in scoring.METHODS for group in method.groups},
}
# Best rank first, as a ranking is read.
DEFAULT_SORT = "-total"


def _sorted(rows: list[StateRow], sort: str) -> list[StateRow]:
    """Rows ordered by `sort` (a key of SORTS, `-` for descending); rows without a value last."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    rows = sorted(rows, key=lambda row: row.state.short_name)
    if key == "name":
        return rows[::-1] if descending else rows

    def value(row: StateRow) -> float | None:
        if key == "total":
            return scoring.published(row.card.total)
        if key == "coverage":
            return row.card.coverage.share
        return row.card.group(key).score

    known = [row for row in rows if value(row) is not None]
    unknown = [row for row in rows if value(row) is None]
    return sorted(known, key=value, reverse=descending) + unknown


@dataclass(frozen=True)
class Section:
    """A part of the overview's table: the ranked states, those with too little known for a
    total, and those that did not exist on the date."""

    key: str
    label: str
    rows: list[StateRow]


def _sections(rows: list[StateRow], sort: str) -> list[Section]:
    """The ranked states first, in the order asked for; then the states with insufficient data;
    then the states that did not yet exist. Empty parts are left out."""
    ranked = [row for row in rows if row.card.total is not None]
    insufficient = [row for row in rows if row.card.insufficient]
    absent = [row for row in rows if not row.card.applicable]
    sections = [
        Section("ranked", _("Ranked"), _sorted(ranked, sort)),
        Section(
            "insufficient",
            _("Insufficient data: no total and no rank"),
            _sorted(insufficient, sort),
        ),
        Section(
            "not-applicable",
            _("Not applicable: not yet independent on this date"),
            _sorted(absent, "name"),
        ),
    ]
    return [section for section in sections if section.rows]


def _sort_links(current: str, dated: DatedRequest) -> list[dict]:
    links = []
    for key, label in SORTS.items():
        # Scores read best-first by default; names read A to Z.
        default = key if key == "name" else f"-{key}"
        active = current.lstrip("-") == key
        target = (f"-{key}" if current == key else key) if active else default
        query = {**dated.query, "sort": target}
        descending = current.startswith("-")
        if not active:
            direction = ""
        elif key == "name":
            direction = _("Z to A") if descending else _("A to Z")
        else:
            direction = _("highest first") if descending else _("lowest first")
        links.append(
            {
                "key": key,
                "label": label,
                "query": urlencode(query),
                "active": active,
                "direction": direction,
            }
        )
    return links


def overview(request: HttpRequest) -> HttpResponse:
    """The ASEAN comparison: every state's rank, total, group scores and indicator statuses."""
    dated = _dated(request)
    # Read before the facts, so a median is never kept under a version older than its data.
    version = data_last_updated()
    treaties = _treaties()
    states = State.objects.for_scorecard(treaty_keys=dated.method.treaty_keys)
    rows = _scorecards(states, scoring.scored_treaties(treaties, dated.method), dated)
    asean = medians.Medians.of({row.state.iso3: row.card for row in rows})
    medians.put(medians.key(version, dated.on, dated.today, dated.method), asean)
    sort = request.GET.get("sort", DEFAULT_SORT)
    if sort.lstrip("-") not in SORTS:
        sort = DEFAULT_SORT
    sections = _sections(rows, sort)
    sort_keep = {} if sort == DEFAULT_SORT else {"sort": sort}
    context = {
        "dated": dated,
        "sections": sections,
        "row_count": len(rows),
        "groups": dated.method.groups,
        "indicator_count": len(dated.method.indicators),
        "medians": asean.groups,
        "ranks": asean.ranks,
        "treaties_by_key": {t.key: t for t in treaties},
        "sort": sort,
        "form_keep": {**dated.method_query, **sort_keep},
        "sort_links": _sort_links(sort, dated),
        "last_updated": version,
        "method_version": dated.method.version,
        "measures": scoring.MEASURES,
        "does_not_measure": scoring.DOES_NOT_MEASURE,
    }
    return render(request, "commitments/overview.html", context, status=dated.status)


def _state_or_404(rows: list[StateRow], iso3: str) -> StateRow:
    code = iso3.upper()
    row = next((row for row in rows if row.state.iso3 == code), None)
    if row is None:
        raise Http404(_("No state with the code %(code)s.") % {"code": code})
    return row


def _timeline(state: State, treaties: list[Treaty], on: datetime.date) -> list[tuple]:
    """(treaty name, action) for the state's treaty actions dated by `on`, oldest first."""
    names = {t.pk: t.short_name for t in treaties}
    return [
        (names.get(action.treaty_id, ""), action)
        for action in state.treaty_actions.all()
        if _by(on, action.date)
    ]


def _by(on: datetime.date, value: datetime.date | None) -> bool:
    """Whether a fact dated `value` belongs on a page about `on`; undated facts always do."""
    return value is None or value <= on


def _accreditation_history(state: State, on: datetime.date) -> list:
    return sorted(
        (
            (nhri, accreditation)
            for nhri in state.nhris.all()
            for accreditation in nhri.accreditations.all()
            if _by(on, accreditation.decided_on)
        ),
        key=lambda pair: (pair[1].decided_on or datetime.date.max, pair[1].pk),
    )


def _asean_medians(
    version: datetime.datetime | None, treaties: list[Treaty], dated: DatedRequest
) -> medians.Medians:
    """The medians of every state's scores for the data `version`: kept, or computed and kept.

    Computing them loads every state's scored facts only: the treaty indicators' actions and
    observations, focal points, institutions and laws (seven queries).
    """
    key = medians.key(version, dated.on, dated.today, dated.method)
    asean = medians.get(key)
    if asean is None:
        states = State.objects.for_scorecard(treaty_keys=dated.method.treaty_keys)
        scored = scoring.scored_treaties(treaties, dated.method)
        asean = medians.Medians.of(
            {row.state.iso3: row.card for row in _scorecards(states, scored, dated)}
        )
        medians.put(key, asean)
    return asean


def country(request: HttpRequest, iso3: str) -> HttpResponse:
    """One state's scorecard on a date, with the ASEAN median beside every group score.

    Only this state is loaded with all its facts; the medians come from `_asean_medians`, so a
    scorecard costs the same whatever the number of states, once the medians of the data version
    are kept.
    """
    dated = _dated(request)
    # Read before the facts, so a median is never kept under a version older than its data.
    version = data_last_updated()
    treaties = _treaties()
    rows = _scorecards(State.objects.for_scorecard().by_code(iso3), treaties, dated)
    row = _state_or_404(rows, iso3)
    state = row.state
    asean = _asean_medians(version, treaties, dated)
    card = row.card
    context = {
        "dated": dated,
        "state": state,
        "card": card,
        "medians": asean.groups,
        "rank": asean.ranks.get(state.iso3),
        "ranks": asean.ranks,
        "state_count": asean.state_count,
        "not_applicable_count": card.coverage.total - card.coverage.applicable,
        "unknown_groups": [
            g.group for g in card.groups if g.coverage.applicable and not g.coverage.known
        ],
        "results": {result.indicator.key: result for result in card.indicators},
        "treaties_by_key": {t.key: t for t in treaties},
        "timeline": _timeline(state, treaties, dated.on),
        "focal_points": [f for f in state.focal_points.all() if _by(dated.on, f.designated_on)],
        "nhris": [n for n in state.nhris.all() if _by(dated.on, n.established_on)],
        "accreditations": _accreditation_history(state, dated.on),
        "laws": [law for law in state.laws.all() if _by(dated.on, law.enacted_on)],
        "statements": [
            o for o in state.institution_observations.all() if _by(dated.on, o.observed_on)
        ],
        "last_updated": version,
        "method_version": dated.method.version,
        "page_url": request.build_absolute_uri(request.path),
        "cite_query": urlencode({"as_of": dated.on.isoformat(), **dated.method_query}),
    }
    return render(request, "commitments/country.html", context, status=dated.status)


EMBED_CSP = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}


@xframe_options_exempt
@csp_override(EMBED_CSP)
def country_embed(request: HttpRequest, iso3: str) -> HttpResponse:
    """A compact scorecard for other sites' iframes: the only page that may be framed."""
    dated = _dated(request)
    treaties = _treaties()
    states = State.objects.for_scorecard().by_code(iso3)
    rows = _scorecards(states, treaties, dated)
    row = _state_or_404(rows, iso3)
    context = {
        "dated": dated,
        "state": row.state,
        "card": row.card,
        "last_updated": data_last_updated(),
        "method_version": dated.method.version,
    }
    return render(request, "commitments/embed.html", context, status=dated.status)


def treaty(request: HttpRequest, key: str) -> HttpResponse:
    """Where each ASEAN state stands on one treaty, with dates, events and sources."""
    dated = _dated(request)
    found = Treaty.objects.select_related("source").filter(key=key).first()
    if found is None:
        raise Http404(_("No treaty with the key %(key)s.") % {"key": key})
    states = list(State.objects.for_participation(treaty_keys=[found.key]))
    standings = [
        (state, state.participation([found], dated.on, dated.today)[found.pk]) for state in states
    ]
    order = [
        Status.PARTY,
        Status.SIGNATORY,
        Status.WITHDRAWN,
        Status.NO_ACTION,
        Status.UNKNOWN,
        Status.NOT_APPLICABLE,
    ]
    by_status = [
        {
            "status": status,
            "label": Status(status).label,
            "standings": [(s, p) for s, p in standings if p.status == status],
        }
        for status in order
    ]
    consents = sorted(
        (
            (state, action)
            for state in states
            for action in state.treaty_actions.all()
            if action.treaty_id == found.pk and action.date <= dated.on
        ),
        key=lambda pair: (pair[1].date, pair[0].short_name),
    )
    context = {
        "dated": dated,
        "treaty": found,
        "standings": standings,
        "not_applicable": Status.NOT_APPLICABLE,
        "by_status": by_status,
        "timeline": [(state.short_name, action) for state, action in consents],
        "ratifications": [
            (state, action) for state, action in consents if action.action in CONSENT_ACTIONS
        ],
        "last_updated": data_last_updated(),
        "state_count": len(states),
    }
    return render(request, "commitments/treaty.html", context, status=dated.status)


def methodology(request: HttpRequest) -> HttpResponse:
    """The scoring method, printed from the constants and rules the code scores with: the chosen
    method (`?method=`, default the current one) and every published version."""
    dated = _dated(request)
    method = dated.method

    def points(table: dict[str, float]) -> list[tuple]:
        return [
            (scoring.STATUS_LABELS.get(status, status), value) for status, value in table.items()
        ]

    origins = [
        {
            "indicators": [i for i in method.indicators if i.kind == kind],
            "date": date,
            "document": scoring.INDICATOR_ORIGIN_DOCUMENTS[kind][0],
            "url": scoring.INDICATOR_ORIGIN_DOCUMENTS[kind][1],
        }
        for kind, date in method.indicator_origins.items()
    ]
    context = {
        "dated": dated,
        "method": method,
        "methods": [
            {
                "method": m,
                "is_current": m is scoring.CURRENT,
                "query": "" if m is scoring.CURRENT else urlencode({"method": m.semantic_version}),
            }
            for m in reversed(scoring.METHODS)
        ],
        "current": scoring.CURRENT,
        "groups": method.groups,
        "rules": method.rules,
        "origins": origins,
        "measures": scoring.MEASURES,
        "does_not_measure": scoring.DOES_NOT_MEASURE,
        "limits": scoring.LIMITS,
        "method_version": method.version,
        "treaty_points": points(method.treaty_points),
        "nhri_points": points(method.nhri_points),
        "focal_point_points": points(method.focal_point_points),
        "law_points": points(method.law_points),
        "indicator_count": len(method.indicators),
    }
    # The page speaks for no date: only an unknown method is the reader's mistake here.
    status = 400 if dated.form.errors.get("method") else 200
    return render(request, "commitments/methodology.html", context, status=status)


def changes(request: HttpRequest) -> HttpResponse:
    """The public log of data changes, newest first, fifty to a page."""
    paginator = Paginator(change_rows(), CHANGES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "page": page,
        "changes": describe(list(page.object_list)),
        "elided_range": paginator.get_elided_page_range(page.number),
    }
    return render(request, "commitments/changes.html", context)


def data(request: HttpRequest) -> HttpResponse:
    """Where to get the data: the bulk bundle, the API, the licence and how to cite."""
    context = {"last_updated": data_last_updated(), "method_version": scoring.METHOD_VERSION}
    return render(request, "commitments/data.html", context)
