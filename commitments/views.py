"""The public pages. Each view reads through `State.objects.for_scorecard()`, scores with
`commitments.scoring`, and hands the result to a template; none of them writes anything."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from commitments import (
    medians,
    previews,
    promises,
    quality,
    scoring,
    state_parts,
    version_parts,
    versioning,
    wording,
)
from commitments.feeds import (
    LogFilter,
    change_anchor,
    change_position,
    change_rows,
    describe,
    log_kinds,
)
from commitments.filters import ChangesForm, ScoreForm
from commitments.freshness import data_dates
from commitments.models import (
    Engagement,
    NationalMechanism,
    RegionalEvent,
    Release,
    State,
    Treaty,
    UprRecommendation,
    choice_label,
)
from commitments.status import CONSENT_ACTIONS
from commitments.vocabularies import (
    UNGA_STATEMENT_KINDS,
    EngagementKind,
    FollowThrough,
    LawCategory,
    RegionalBody,
    RegionalEventKind,
    Status,
    TreatyCategory,
    UprResponse,
    UprTargetKind,
)
from r2p_tracker import shells

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
    today = versioning.freshness(request).today
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
    # Every known row has a value.
    return sorted(known, key=lambda row: cast(float, value(row)), reverse=descending) + unknown


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


@dataclass(frozen=True)
class Asean:
    """Every state scored on one date, with the medians and ranks the scores make."""

    version: versioning.Version
    treaties: list[Treaty]
    rows: list[StateRow]
    medians: medians.Medians


def _asean(request: HttpRequest, dated: DatedRequest, with_promises: bool = False) -> Asean:
    """Every state's scorecard on the date asked for (the eight queries of
    `State.objects.for_scorecard()` and the treaties; with `with_promises`, the three more of
    `State.objects.for_promises()`); the medians and ranks they make are kept for the
    scorecards."""
    # Read before the facts (versioning.freshness), so medians are never kept under a version
    # older than their data.
    version = versioning.freshness(request).version
    treaties = _treaties()
    if with_promises:
        # The actions of the indicator treaties, which the scores read, and of the treaties a
        # UPR recommendation names, which the promises read.
        states = list(State.objects.for_promises(treaty_keys=dated.method.treaty_keys))
    else:
        states = list(State.objects.for_scorecard(treaty_keys=dated.method.treaty_keys))
    rows = _scorecards(states, scoring.scored_treaties(treaties, dated.method), dated)
    asean = medians.Medians.of(
        {row.state.iso3: row.card for row in rows},
        names={row.state.iso3: row.state.short_name for row in rows},
    )
    entry = medians.key(version, dated.on, dated.today, dated.method)
    medians.put(entry, asean)
    medians.share(entry, asean)
    return Asean(version, treaties, rows, asean)


def overview(request: HttpRequest) -> HttpResponse:
    """The ASEAN comparison: every state's rank, total, group scores and indicator statuses."""
    dated = _dated(request)
    scored = _asean(request, dated, with_promises=True)
    version, treaties, rows, asean = scored.version, scored.treaties, scored.rows, scored.medians
    sort = request.GET.get("sort", DEFAULT_SORT)
    if sort.lstrip("-") not in SORTS:
        sort = DEFAULT_SORT
    sections = _sections(rows, sort)
    sort_keep = {} if sort == DEFAULT_SORT else {"sort": sort}
    context = {
        "dated": dated,
        "sections": sections,
        "rows": rows,
        "row_count": len(rows),
        "groups": dated.method.groups,
        "indicator_count": len(dated.method.indicators),
        "medians": asean.groups,
        "ranks": asean.ranks,
        "treaties_by_key": {t.key: t for t in treaties},
        "sort": sort,
        "form_keep": {**dated.method_query, **sort_keep},
        "sort_links": _sort_links(sort, dated),
        **_version_context(version, dated.method),
        "measures": scoring.MEASURES,
        "does_not_measure": scoring.DOES_NOT_MEASURE,
        "engagement_figures": _engagement_figures([row.state for row in rows], treaties, dated),
        "resolution_75_277": RESOLUTION_75_277,
        "unga_since": UNGA_DEBATES_SINCE,
    }
    return render(request, "commitments/overview.html", context, status=dated.status)


def countries(request: HttpRequest) -> HttpResponse:
    """Every state, A to Z, with its total, rank and coverage on the date asked for."""
    dated = _dated(request)
    scored = _asean(request, dated)
    context = {
        "dated": dated,
        "rows": _sorted(scored.rows, "name"),
        "ranks": scored.medians.ranks,
        **_version_context(scored.version, dated.method),
    }
    return render(request, "commitments/countries.html", context, status=dated.status)


@dataclass(frozen=True)
class TreatyCount:
    """How the ASEAN states stand on one treaty: how many are party, how many could be (the
    treaty and the state existed), and how many statuses nobody has verified."""

    treaty: Treaty
    party: int
    applicable: int
    unknown: int


def treaties(request: HttpRequest) -> HttpResponse:
    """Every treaty the tracker follows, by category, with how many ASEAN states are party."""
    dated = _dated(request)
    version = versioning.freshness(request).version
    treaties = _treaties()
    states = list(State.objects.for_participation())
    statuses = [state.participation(treaties, dated.on, dated.today) for state in states]

    def count(treaty: Treaty) -> TreatyCount:
        found = [by_treaty[treaty.pk].status for by_treaty in statuses]
        return TreatyCount(
            treaty,
            party=found.count(Status.PARTY),
            applicable=sum(1 for s in found if s != Status.NOT_APPLICABLE),
            unknown=found.count(Status.UNKNOWN),
        )

    categories = [
        {
            "key": category.value,
            "label": category.label,
            "counts": [count(t) for t in treaties if t.category == category],
        }
        for category in TreatyCategory
    ]
    context = {
        "dated": dated,
        "categories": [c for c in categories if c["counts"]],
        "state_count": len(states),
        "treaty_count": len(treaties),
        **_version_context(version, dated.method),
    }
    return render(request, "commitments/treaties.html", context, status=dated.status)


def _state_or_404(rows: list[StateRow], iso3: str) -> StateRow:
    code = iso3.upper()
    row = next((row for row in rows if row.state.iso3 == code), None)
    if row is None:
        raise Http404(_("No state with the code %(code)s.") % {"code": code})
    return row


def _timeline(state: State, treaties: list[Treaty], on: datetime.date) -> list[tuple]:
    """(treaty name, action) for the state's treaty actions dated by `on`, oldest first."""
    names = {t.pk: wording.local_name(t.short_name) for t in treaties}
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


def _version_context(
    version: versioning.Version,
    method: scoring.Method,
    parts: version_parts.VersionParts | None = None,
) -> dict:
    """What the pages print about the data and method versions, and the edition a citation
    names: two queries (the latest release, the newest source date), none with `parts`."""
    return {
        "last_updated": version.changed_at,
        "data_version": version.label,
        "method_version": method.version,
        "edition": parts.edition if parts else Release.objects.edition_of(version, method.version),
        "data_dates": parts.data_dates if parts else data_dates(version),
    }


def _version_parts(
    version: versioning.Version, method: scoring.Method
) -> version_parts.VersionParts:
    """The treaties, the edition, the data's dates and the states' records of `version`: kept,
    or read (four queries) and kept."""

    def read() -> version_parts.VersionParts:
        return version_parts.VersionParts(
            treaties=_treaties(),
            edition=Release.objects.edition_of(version, method.version),
            data_dates=data_dates(version),
            states={s.iso3: s for s in State.objects.select_related("independence_source")},
        )

    return version_parts.kept_or_read(version_parts.key(version, method.version), read)


def _asean_medians(
    version: versioning.Version, treaties: list[Treaty], dated: DatedRequest
) -> medians.Medians:
    """The medians of every state's scores for the data `version`: kept, or computed and kept.

    Computing them reads every state's summary kept since its latest change (state_parts), and
    scores only the states that have none: their treaty indicators' actions and observations,
    focal points, institutions and laws (eight queries, none when every summary is kept). After
    a change to one state's facts, that state alone is scored again.
    """

    def compute() -> medians.Medians:
        numbers = versioning.state_numbers(version)
        states = list(State.objects.order_by("iso3").values_list("pk", "iso3", "short_name"))
        keys = {
            pk: state_parts.summary_key(
                version, version.of_state(numbers, pk), pk, dated.on, dated.today, dated.method
            )
            for pk, _, _ in states
        }
        found = state_parts.summaries(keys.values())
        missing = [pk for pk, key in keys.items() if key not in found]
        if missing:
            scored = State.objects.for_scorecard(treaty_keys=dated.method.treaty_keys)
            rows = _scorecards(
                scored.filter(pk__in=missing),
                scoring.scored_treaties(treaties, dated.method),
                dated,
            )
            computed = {keys[row.state.pk]: state_parts.Summary.of(row.card) for row in rows}
            state_parts.keep_summaries(computed)
            found.update(computed)
        return medians.Medians.of(
            {iso3: found[keys[pk]].card(dated.method, dated.on) for pk, iso3, _ in states},
            names={iso3: name for _, iso3, name in states},
        )

    return medians.kept_or_computed(
        medians.key(version, dated.on, dated.today, dated.method), compute
    )


def country(request: HttpRequest, iso3: str) -> HttpResponse:
    """One state's scorecard on a date, with the ASEAN median beside every group score.

    The state's own sections and scores are kept until its own facts change (state_parts), the
    medians per data version, computed from every state's kept scores, and the page itself as a
    shell (r2p_tracker/shells.py) until its sections or what it shows of the other states change:
    only its citation and data dates, which name the data version, are rendered on every request.
    What is not kept is computed for this state alone. A scorecard therefore costs the same
    whatever the number of states, and after a change to another state's facts it runs no query
    of its own and is rendered again only where the change shows on it.
    """
    dated = _dated(request)
    # Read before the facts (versioning.freshness), so nothing is kept under a version older
    # than its data.
    version = versioning.freshness(request).version
    parts = _version_parts(version, dated.method)
    treaties = parts.treaties
    numbers = versioning.state_numbers(version)
    state = parts.states.get(iso3.upper())
    if state is None:
        raise Http404(_("No state with the code %(code)s.") % {"code": iso3.upper()})
    number = version.of_state(numbers, state.pk)
    asean = _asean_medians(version, treaties, dated)
    facts_key = state_parts.facts_key(
        version, number, state.pk, dated.on, dated.today, dated.method, get_language()
    )
    # What the page's fresh parts read: the citation and the data dates.
    context = {
        "dated": dated,
        "state": state,
        **_version_context(version, dated.method, parts),
        "page_url": request.build_absolute_uri(request.path),
        "cite_query": urlencode({"as_of": dated.on.isoformat(), **dated.method_query}),
    }
    page_key = state_parts.page_key(facts_key, asean.beside(state.iso3), request)
    shell = state_parts.page(page_key)
    if shell is None:
        shell = _scorecard_shell(
            request, version, number, facts_key, state, treaties, dated, asean, context
        )
        if not shell.personal:
            state_parts.keep_page(page_key, shell)
    return HttpResponse(shell.fill(context, request), status=shell.status)


def _scorecard_shell(
    request: HttpRequest,
    version: versioning.Version,
    number: int,
    facts_key: str,
    state: State,
    treaties: list[Treaty],
    dated: DatedRequest,
    asean: medians.Medians,
    context: dict,
) -> shells.Shell:
    """The scorecard rendered around its state's sections (kept under `facts_key`, or rendered
    and kept), with what it shows of the other states: everything but its fresh parts."""
    facts = state_parts.facts(facts_key)
    if facts is None:
        facts = _state_facts(request, state.pk, treaties, dated)
        summary_key = state_parts.summary_key(
            version, number, state.pk, dated.on, dated.today, dated.method
        )
        state_parts.keep_facts(facts_key, facts, summary_key)
    card = facts.summary.card(dated.method, dated.on)
    page = {
        **context,
        "card": card,
        "facts": facts.html,
        "medians": asean.groups,
        "rank": asean.ranks.get(state.iso3),
        "neighbours": asean.neighbours(state.iso3),
        "ranks": asean.ranks,
        "state_count": asean.state_count,
        "not_applicable_count": card.coverage.total - card.coverage.applicable,
        "unknown_groups": [
            g.group for g in card.groups if g.coverage.applicable and not g.coverage.known
        ],
    }
    return shells.render("commitments/country.html", page, request, status=dated.status)


def _state_facts(
    request: HttpRequest, pk: int, treaties: list[Treaty], dated: DatedRequest
) -> state_parts.Facts:
    """The state's own sections of its scorecard, rendered from its facts (eleven queries), and
    its summary. They read nothing of other states (templates/commitments/_country_facts.html)."""
    state = State.objects.for_promises().get(pk=pk)
    card = scoring.score_state(state, treaties, dated.on, dated.today, dated.method)
    promise_rows, promise_tally = _promise_rows(state, treaties, dated)
    context = {
        "dated": dated,
        "state": state,
        "card": card,
        "measures": scoring.MEASURES,
        "does_not_measure": scoring.DOES_NOT_MEASURE,
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
        "promises": promise_rows,
        "promise_tally": promise_tally,
        "engagement": _engagement(state, dated.on),
    }
    html = render_to_string("commitments/_country_facts.html", context, request)
    return state_parts.Facts(SafeString(html), state_parts.Summary.of(card))


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
        **_version_context(versioning.freshness(request).version, dated.method),
    }
    return render(request, "commitments/embed.html", context, status=dated.status)


def country_preview(request: HttpRequest, iso3: str) -> HttpResponse:
    """The scorecard's preview image (PNG, 1200x630) for links shared on other sites.

    Kept per data version, date and day (commitments.previews): one query when kept, the
    scorecard's nine when it must be drawn.
    """
    dated = _dated(request)
    if not dated.is_valid:
        return HttpResponse(
            " ".join(str(e) for e in dated.form.errors["as_of"]),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    fresh = versioning.freshness(request)

    def draw() -> bytes:
        treaties = _treaties()
        rows = _scorecards(State.objects.for_scorecard().by_code(iso3), treaties, dated)
        row = _state_or_404(rows, iso3)
        rank = _asean_medians(fresh.version, treaties, dated).ranks.get(row.state.iso3)
        return previews.scorecard_png(previews.ScorecardPreview.of(row.state, row.card, rank))

    key = ("country", iso3.upper(), dated.on, dated.method.version, fresh.token)
    return HttpResponse(previews.cached(key, draw), content_type="image/png")


def site_preview(request: HttpRequest) -> HttpResponse:
    """The preview image of the pages that have none of their own."""
    return HttpResponse(previews.cached(("site",), previews.site_png), content_type="image/png")


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
        "timeline": [(wording.local_name(state.short_name), action) for state, action in consents],
        "ratifications": [
            (state, action) for state, action in consents if action.action in CONSENT_ACTIONS
        ],
        **_version_context(versioning.freshness(request).version, dated.method),
        "state_count": len(states),
        "recommendations": _treaty_recommendations(found, states, dated),
    }
    return render(request, "commitments/treaty.html", context, status=dated.status)


# Promises at the UN, engagement with R2P and ASEAN's own commitments: context beside the score.

# The General Assembly's resolution on R2P of 18 May 2021, the one recorded vote the overview shows.
RESOLUTION_75_277 = "A/RES/75/277"
# The year of the first General Assembly debate on R2P (July 2009): statements are counted since.
UNGA_DEBATES_SINCE = 2009


def target_label(target: str, treaties_by_key: dict[str, Treaty]) -> str:
    """A UPR target in words: the treaty's short name, the institution, or the law's category."""
    if target in treaties_by_key:
        return wording.local_name(treaties_by_key[target].short_name)
    if target.startswith(promises.LAW_PREFIX):
        category = choice_label(LawCategory, target.removeprefix(promises.LAW_PREFIX))
        return _("a law: %(category)s") % {"category": category}
    return choice_label(UprTargetKind, target)


@dataclass(frozen=True)
class PromiseRow:
    """One target's promises in one state, as the scorecard lists them."""

    summary: promises.TargetSummary
    label: str
    treaty: Treaty | None


def _promise_rows(
    state: State, treaties: list[Treaty], dated: DatedRequest
) -> tuple[list[PromiseRow], promises.PromiseTally]:
    """The state's UPR promises per target by `dated.on`, and its tally of treaty promises.

    Reads a state loaded by `State.objects.for_promises()`; runs no query."""
    by_key = {t.key: t for t in treaties}
    facts = promises.PromiseFacts.from_state(state, treaties, dated.today)
    summaries = promises.summaries(state.upr_recommendations.all(), facts, dated.on)
    rows = [PromiseRow(s, target_label(s.target, by_key), by_key.get(s.target)) for s in summaries]
    return rows, promises.treaty_tally(summaries, set(by_key))


def _engagement(state: State, on: datetime.date) -> list:
    """The state's engagements and national mechanisms dated by `on`, oldest first; undated ones
    (the date is not known) last."""
    found: list[Engagement | NationalMechanism] = [
        e for e in state.engagements.all() if _by(on, e.date)
    ]
    found += [m for m in state.national_mechanisms.all() if _by(on, m.date)]
    return sorted(found, key=lambda e: (e.date is None, e.date or datetime.date.min, e.title))


@dataclass(frozen=True)
class EngagementFigures:
    """One state's line in the overview's figures on promises and engagement."""

    state: State
    tally: promises.PromiseTally
    unga_statements: int
    vote: object


def _engagement_figures(
    states: list[State], treaties: list[Treaty], dated: DatedRequest
) -> list[EngagementFigures]:
    """Per state, by `dated.on`: treaty promises delivered, UNGA R2P statements since 2009, and
    the vote on resolution 75/277 (None when none is recorded: unknown, not absent).

    Reads states loaded by `State.objects.for_promises()`; runs no query."""
    figures = []
    for state in states:
        _rows, tally = _promise_rows(state, treaties, dated)
        engagements = [e for e in state.engagements.all() if _by(dated.on, e.date)]
        statements = [
            e
            for e in engagements
            if e.kind in UNGA_STATEMENT_KINDS and e.date and e.date.year >= UNGA_DEBATES_SINCE
        ]
        vote = next(
            (
                e
                for e in engagements
                if e.kind == EngagementKind.UNGA_VOTE and e.title.startswith(RESOLUTION_75_277)
            ),
            None,
        )
        figures.append(EngagementFigures(state, tally, len(statements), vote))
    return sorted(figures, key=lambda f: f.state.short_name)


def _treaty_recommendations(found: Treaty, states: list[State], dated: DatedRequest) -> list[dict]:
    """Per state, how often the treaty was recommended to it in the UPR by `dated.on`, the
    responses, and what followed the first supported and the first noted recommendation.

    Reads the states' actions and observations of this treaty, already loaded, and the
    recommendations (one query)."""
    recommendations: dict[int, list] = {}
    made = UprRecommendation.objects.published().filter(target=found.key).made_by(dated.on)
    for recommendation in made.order_by("review_date", "cycle", "pk"):
        recommendations.setdefault(recommendation.state_id, []).append(recommendation)
    rows = []
    for state in states:
        mine = recommendations.get(state.pk)
        if not mine:
            continue
        facts = promises.PromiseFacts(
            today=dated.today,
            actions={found.key: list(state.treaty_actions.all())},
            observations={found.key: list(state.status_observations.all())},
            treaty_applicable_from={found.key: found.applicable_from(state)},
        )
        (summary,) = promises.summaries(mine, facts, dated.on)
        responses = {
            response: sum(1 for r in mine if r.response == response) for response in UprResponse
        }
        rows.append({"state": state, "summary": summary, "responses": responses})
    return rows


# The sections of the /asean/ page: ASEAN's bodies, then ASEAN's own events split in two.
ASEAN_PANEL_KINDS = frozenset(
    {
        RegionalEventKind.ADVISORY_PANEL,
        RegionalEventKind.REPORT,
        RegionalEventKind.ACTIVITY,
        RegionalEventKind.PUBLICATION,
    }
)
ACTIP = "actip_2015"


def asean(request: HttpRequest) -> HttpResponse:
    """ASEAN's own commitments: AICHR, ACWC and AIPR with their dated milestones, ASEAN's
    declarations and plans of action, the High-Level Advisory Panel on R2P, and the ASEAN
    trafficking convention across the member states."""
    dated = _dated(request)
    events = [
        e
        for e in RegionalEvent.objects.published().select_related("source")
        if _by(dated.on, e.date)
    ]
    events.sort(key=lambda e: (e.date is None, e.date or datetime.date.min, e.title))
    bodies = [
        {
            "body": body,
            "label": body.label,
            "events": [e for e in events if e.body == body],
        }
        for body in (RegionalBody.AICHR, RegionalBody.ACWC, RegionalBody.AIPR)
    ]
    own = [e for e in events if e.body == RegionalBody.ASEAN]
    actip = Treaty.objects.select_related("source").filter(key=ACTIP).first()
    standings = []
    if actip is not None:
        states = State.objects.for_participation(treaty_keys=[ACTIP])
        standings = [
            (state, state.participation([actip], dated.on, dated.today)[actip.pk])
            for state in states
        ]
    context = {
        "dated": dated,
        "bodies": bodies,
        "declarations": [e for e in own if e.kind not in ASEAN_PANEL_KINDS],
        "panel": [e for e in own if e.kind in ASEAN_PANEL_KINDS],
        "actip": actip,
        "standings": standings,
        **_version_context(versioning.freshness(request).version, dated.method),
    }
    return render(request, "commitments/asean.html", context, status=dated.status)


def methodology(request: HttpRequest) -> HttpResponse:
    """The scoring method, printed from the constants and rules the code scores with: the chosen
    method (`?method=`, default the current one) and every published version."""
    dated = _dated(request)
    method = dated.method

    def points(table: Mapping[str, float]) -> list[tuple]:
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
        "follow_through": [
            (FollowThrough(value).label, meaning) for value, meaning in promises.MEANINGS.items()
        ],
    }
    # The page speaks for no date: only an unknown method is the reader's mistake here.
    status = 400 if dated.form.errors.get("method") else 200
    return render(request, "commitments/methodology.html", context, status=status)


def changes(request: HttpRequest) -> HttpResponse:
    """The public log of published changes, newest first, fifty to a page, filtered by state,
    treaty, kind of fact and period; a filter that cannot be read is a 400 with its message."""
    form = ChangesForm(request.GET or None, kinds=log_kinds())
    valid = form.is_valid() if form.is_bound else True
    chosen = LogFilter()
    if valid and form.is_bound:
        data = form.cleaned_data
        chosen = LogFilter(
            state=data["state"],
            treaty=data["treaty"],
            kinds=(data["kind"],) if data["kind"] else (),
            since=data["since"],
            until=data["until"],
        )
    paginator: Paginator = Paginator(change_rows(chosen=chosen) if valid else [], CHANGES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    filters = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {
        "form": form,
        "page": page,
        "changes": describe(list(page.object_list), form.states.values(), form.treaties.values()),
        "elided_range": paginator.get_elided_page_range(page.number),
        "filter_query": urlencode(filters) if valid else "",
        "filtered": bool(filters),
    }
    return render(request, "commitments/changes.html", context, status=200 if valid else 400)


def change(request: HttpRequest, model: str, history_id: int) -> HttpResponse:
    """The permanent address of one change: a redirect to the page of the log that holds it now.

    Newer changes push older ones to later pages, so the page is found on each visit (a 302).
    """
    position = change_position(model, history_id)
    if position is None:
        raise Http404(_("No such change is recorded."))
    page = position // CHANGES_PER_PAGE + 1
    anchor = change_anchor(model, history_id)
    return HttpResponseRedirect(f"{reverse('commitments:changes')}?page={page}#{anchor}")


def data(request: HttpRequest) -> HttpResponse:
    """Where to get the data: the bulk bundle, the releases, the API, the licence and how to
    cite."""
    context = _version_context(versioning.freshness(request).version, scoring.CURRENT)
    return render(request, "commitments/data.html", context)
