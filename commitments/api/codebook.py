"""What every field of the API and every column of the bundle means: the one home of their titles,
descriptions, text patterns and references.

The serializers take each field's title and description from here (so the OpenAPI schema shows
them), and the bundle's `datapackage.json` and README codebook read the same serializer fields, so
the three never disagree. A field missing from this module is an error when its serializer is
first used, not an undocumented column.

Dates known only to a month or a year follow one convention everywhere: a *date* column holds
the first day of the period, and its *precision* column says `day`, `month` or `year` (`unknown`
when there is no date). Derived columns that write such a date as text (`since`, `event_date`,
`last_verified`) write only what is known, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, which
`PARTIAL_DATE_PATTERN` describes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from commitments import scoring
from commitments.vocabularies import ObservedStatus, Precision, Resource, Status

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# A date written as precisely as it is known: a year, a year and month, or a full date.
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


@dataclass(frozen=True)
class FieldDoc:
    """A field's title and description; `references` names the table its values identify a row
    of (by that table's primary key), and `pattern` the form of a text value."""

    title: StrOrPromise
    description: StrOrPromise
    references: str | None = None
    pattern: str | None = None


_joined = lazy(lambda *parts: " ".join(str(p) for p in parts), str)


_PRECISIONS = {precision.name.lower(): precision.value for precision in Precision}


def partial_date(title, meaning, precision_field: str) -> tuple[FieldDoc, FieldDoc]:
    """A date column that may be known only to a month or a year, and its precision column."""
    date = FieldDoc(
        title,
        _joined(
            meaning,
            format_lazy(
                _(
                    "Known only to a month or a year, it is the first day of that period, and "
                    "{precision} says so; empty when not known."
                ),
                precision=precision_field,
            ),
        ),
    )
    precision = FieldDoc(
        format_lazy(_("{title}: precision"), title=title),
        format_lazy(
            _(
                "How precisely the date beside it is known: {day}, {month} or {year}; {unknown} "
                "when it is not known at all (the date is then empty)."
            ),
            **_PRECISIONS,
        ),
    )
    return date, precision


def partial_date_text(title, meaning) -> FieldDoc:
    """A derived date written as text only as precisely as it is known."""
    return FieldDoc(
        title,
        _joined(meaning, _("Written as precisely as it is known: YYYY, YYYY-MM or YYYY-MM-DD.")),
        pattern=PARTIAL_DATE_PATTERN,
    )


COMMON: dict[str, FieldDoc] = {
    "id": FieldDoc(_("Id"), _("The row's number in this table; it never changes or returns.")),
    "state": FieldDoc(
        _("State"), _("The state's ISO 3166 alpha-3 code, e.g. KHM."), references="states"
    ),
    "treaty": FieldDoc(
        _("Treaty"), _("The treaty's key, e.g. rome_statute_1998."), references="treaties"
    ),
    "source": FieldDoc(
        _("Source"),
        _("The id of the source the fact was read from (see the sources table)."),
        references="sources",
    ),
    "source_url": FieldDoc(_("Source URL"), _("The address of that source.")),
    "confidence": FieldDoc(
        _("Confidence"),
        _(
            "How directly the source records this fact: primary (the depositary's record or a "
            "faithful copy), secondary (a monitor, government, IO, academic or press source) or "
            "inferred (derived from a statement that implies it); empty when not assessed."
        ),
    ),
    "notes": FieldDoc(
        _("Notes"),
        _("The researchers' notes: other sources, disagreements between them, caveats."),
    ),
    "created_at": FieldDoc(
        _("Created at"), _("When the row was added to R2P Tracker (UTC, ISO 8601).")
    ),
    "updated_at": FieldDoc(
        _("Updated at"), _("When the row last changed in R2P Tracker (UTC, ISO 8601).")
    ),
}

_source_as_of, _source_as_of_precision = partial_date(
    _("Speaks for"),
    _("The date the source speaks for: its 'as at' date, publication or scrape."),
    "as_of_precision",
)
_action_date, _action_date_precision = partial_date(
    _("Date"),
    _("The deposit of the instrument or notice."),
    "date_precision",
)
_observed_on, _observed_on_precision = partial_date(
    _("As of"),
    _("The date the statement speaks for: the status is known to hold on that date."),
    "observed_on_precision",
)
_designated_on, _designated_on_precision = partial_date(
    _("Designated on"), _("When the focal point was designated."), "designated_on_precision"
)
_decided_on, _decided_on_precision = partial_date(
    _("Decided on"), _("When GANHRI took the decision."), "decided_on_precision"
)
_independent_on, _independent_on_precision = partial_date(
    _("Independent since"),
    _(
        "The state's independence (or statehood). Before it, every indicator is not applicable "
        "and the state has no score."
    ),
    "independent_on_precision",
)
_enacted_on, _enacted_on_precision = partial_date(
    _("Enacted on"), _("When the law was enacted."), "enacted_on_precision"
)

# The columns a scorecard gives: a state's total, rank and coverage on a date under a method.
_SCORE_FIELDS: dict[str, FieldDoc] = {
    "state_name": FieldDoc(_("State name"), _("The state's short name.")),
    "as_of": FieldDoc(_("As of"), _("The day the scores are given for.")),
    "method_version": FieldDoc(
        _("Scoring method"),
        _("The scoring method's full version, e.g. 2.0+179183d6 (docs/methodology.md)."),
    ),
    "total": FieldDoc(
        _("Total"),
        _(
            "0-100 to one decimal place; empty when the state did not exist on the date or when "
            "too little is known (see insufficient_data)."
        ),
    ),
    "rank": FieldDoc(
        _("Rank"),
        _("1 is the highest total; equal totals share a rank; empty without a total."),
    ),
    "ranked_of": FieldDoc(_("Ranked of"), _("How many states existed on the date.")),
    "insufficient_data": FieldDoc(
        _("Insufficient data"),
        _("true when the state is scored but below the method's coverage rule: no total, no rank."),
    ),
    "state_existed": FieldDoc(
        _("State existed"),
        _("false before the state's independence: then nothing is applicable."),
    ),
    "coverage_known": FieldDoc(
        _("Indicators known"), _("Indicators with a known status on the date.")
    ),
    "coverage_applicable": FieldDoc(
        _("Indicators applicable"),
        _("Indicators applicable on the date: the coverage's denominator."),
    ),
}


def _group_fields() -> dict[str, FieldDoc]:
    """Each scored group's score, known and applicable columns (the same under every method)."""
    fields = {}
    for group in scoring.CURRENT.groups:
        fields[f"{group.key}_score"] = FieldDoc(
            format_lazy(_("{group}: score"), group=group.label),
            format_lazy(
                _("{group}: score 0-100; empty when no indicator is known."), group=group.label
            ),
        )
        fields[f"{group.key}_known"] = FieldDoc(
            format_lazy(_("{group}: known"), group=group.label),
            format_lazy(_("{group}: indicators with a known status."), group=group.label),
        )
        fields[f"{group.key}_applicable"] = FieldDoc(
            format_lazy(_("{group}: applicable"), group=group.label),
            format_lazy(_("{group}: indicators applicable on the date."), group=group.label),
        )
    return fields


_YEAR = FieldDoc(
    _("Year"),
    _(
        "The year of the panel. Each year is read on its reference date: 31 December, or today "
        "for the current year (as_of)."
    ),
)
_REFERENCE_DATE = FieldDoc(
    _("Reference date"),
    _("The day the year is read on: 31 December, or today for the current year."),
)

RESOURCES: dict[str, dict[str, FieldDoc]] = {
    "sources": {
        "url": FieldDoc(_("URL"), _("The address of the document or page.")),
        "title": FieldDoc(_("Title"), _("The document's title; empty when not recorded.")),
        "publisher": FieldDoc(_("Publisher"), _("Who published it; empty when not recorded.")),
        "kind": FieldDoc(
            _("Kind"),
            _(
                "Who wrote the source: a depositary, a copy of a depositary's record, a "
                "government, an intergovernmental organisation, a national human rights "
                "institution, a specialist monitor, an academic, the press, or other. A copy keeps "
                "its author's kind; empty when not yet assessed."
            ),
        ),
        "as_of": _source_as_of,
        "as_of_precision": _source_as_of_precision,
        "origin_url": FieldDoc(
            _("Original's URL"),
            _(
                "For a copy, mirror or scrape: the address of the document it copies; several "
                "are separated by ' | '. Empty for an original."
            ),
        ),
        "origin_title": FieldDoc(
            _("Original's title"),
            _(
                "For a copy: the title of the document it copies, e.g. 'UN Treaty Collection, "
                "Chapter XVIII-10'; several are separated by ' | ', in the order of the addresses."
            ),
        ),
    },
    "states": {
        "iso3": FieldDoc(_("ISO 3166 alpha-3"), _("The state's three-letter code, e.g. KHM.")),
        "iso2": FieldDoc(_("ISO 3166 alpha-2"), _("The state's two-letter code, e.g. KH.")),
        "short_name": FieldDoc(_("Short name"), _("The name used on the pages, e.g. Viet Nam.")),
        "official_name": FieldDoc(
            _("Official name"),
            _("The full name in UN terminology, e.g. Socialist Republic of Viet Nam."),
        ),
        "asean_admission_date": FieldDoc(
            _("Admitted to ASEAN"), _("The day the state joined ASEAN; empty when not recorded.")
        ),
        "source": FieldDoc(
            _("Source"),
            _("The id of the source of the admission date (see the sources table)."),
            references="sources",
        ),
        "independent_on": _independent_on,
        "independent_on_precision": _independent_on_precision,
        "independence_source": FieldDoc(
            _("Source of independence"),
            _("The id of the source of the independence date; empty when there is no date."),
            references="sources",
        ),
        "un_member_since": FieldDoc(
            _("UN member since"), _("The day the state joined the United Nations.")
        ),
        "un_member_source": FieldDoc(
            _("Source of UN membership"),
            _("The id of the source of the UN admission date; empty when there is no date."),
            references="sources",
        ),
    },
    "treaties": {
        "key": FieldDoc(
            _("Key"), _("A stable identifier used in URLs and the API, e.g. rome_statute_1998.")
        ),
        "short_name": FieldDoc(_("Short name"), _("The name used on the pages.")),
        "title": FieldDoc(_("Full title"), _("The treaty's full title.")),
        "category": FieldDoc(_("Category"), _("The kind of commitment the treaty is.")),
        "scope": FieldDoc(
            _("Open to"),
            _(
                "Which states may join: every state, or ASEAN member states only (then the treaty "
                "applies to a state from its admission to ASEAN)."
            ),
        ),
        "adopted_on": FieldDoc(_("Adopted on"), _("The day the treaty was adopted.")),
        "entry_into_force_on": FieldDoc(
            _("Entered into force on"),
            _("The day it entered into force; empty when it has not (or is not recorded)."),
        ),
        "depositary": FieldDoc(_("Depositary"), _("Who keeps the treaty's record of actions.")),
        "untc_ref": FieldDoc(
            _("UN Treaty Collection reference"), _("The chapter and number in the UN collection.")
        ),
        "url": FieldDoc(_("URL"), _("The treaty's page at its depositary.")),
        "source": FieldDoc(
            _("Source"),
            _("The id of the source of the adoption and entry-into-force dates."),
            references="sources",
        ),
    },
    "treaty_actions": {
        "action": FieldDoc(
            _("Action"),
            _(
                "The kind of event: a signature; a consent to be bound (ratification, accession, "
                "succession, acceptance, approval, definitive signature); a denunciation (notice "
                "of withdrawal from the treaty); the withdrawal of an instrument before entry into "
                "force; or the withdrawal of a signature."
            ),
        ),
        "date": _action_date,
        "date_precision": _action_date_precision,
        "effective_on": FieldDoc(
            _("Takes effect on"),
            _(
                "For a denunciation, the day the withdrawal takes effect (it counts from then, not "
                "from the notice). For consent, the entry into force for the state, where the "
                "source gives it."
            ),
        ),
        "reservations": FieldDoc(
            _("Reservations and declarations"), _("Reservations and declarations made with it.")
        ),
    },
    "status_observations": {
        "status": FieldDoc(
            _("Status stated"),
            format_lazy(
                _(
                    "The status the source states. A statement of {no_action} as of a date is "
                    "how a sourced absence is recorded."
                ),
                no_action=ObservedStatus.NO_ACTION.value,
            ),
        ),
        "observed_on": _observed_on,
        "observed_on_precision": _observed_on_precision,
    },
    "focal_points": {
        "office": FieldDoc(
            _("Office"), _("The office that holds the designation, or 'not stated'.")
        ),
        "person_name": FieldDoc(
            _("Person"), _("The name of the person designated; empty when not recorded.")
        ),
        "designated_on": _designated_on,
        "designated_on_precision": _designated_on_precision,
        "ended_on": FieldDoc(
            _("Ended on"), _("The day the designation ended; empty while it lasts.")
        ),
        "network": FieldDoc(_("Network"), _("The network of focal points it belongs to.")),
    },
    "nhris": {
        "name": FieldDoc(_("Name"), _("The institution's name.")),
        "acronym": FieldDoc(_("Acronym"), _("Its acronym, unique within the state.")),
        "established_on": FieldDoc(
            _("Established on"), _("The day it was established; empty when not recorded.")
        ),
        "legal_basis": FieldDoc(_("Legal basis"), _("The law or decree that established it.")),
        "accreditations": FieldDoc(
            _("Accreditations"),
            _("GANHRI decisions, oldest first; write them through accreditations/."),
        ),
    },
    "accreditations": {
        "nhri": FieldDoc(
            _("Institution"),
            _("The id of the national human rights institution (see the nhris table)."),
            references="nhris",
        ),
        "status": FieldDoc(
            _("GANHRI status"),
            _(
                "The status GANHRI decided: how far the institution complies with the Paris "
                "Principles, or a deferral, suspension or removal."
            ),
        ),
        "decided_on": _decided_on,
        "decided_on_precision": _decided_on_precision,
    },
    "institution_observations": {
        "indicator": FieldDoc(
            _("Indicator"),
            _(
                "What the statement is about: the national human rights institution, the R2P "
                "focal point, the Group of Friends of R2P, or a law category (law:<category>)."
            ),
        ),
        "status": FieldDoc(
            _("Status stated"),
            _(
                "The status the source states for the indicator: a GANHRI grade or none for the "
                "institution, designated or not for the focal point, member or not for the Group "
                "of Friends, a law in force or none for a law category. A statement of absence as "
                "of a date is how a sourced absence is recorded."
            ),
        ),
        "observed_on": _observed_on,
        "observed_on_precision": _observed_on_precision,
    },
    "laws": {
        "title": FieldDoc(_("Title"), _("The law's title, unique within the state.")),
        "number": FieldDoc(_("Number"), _("Its number; empty when it has none.")),
        "enacted_on": _enacted_on,
        "enacted_on_precision": _enacted_on_precision,
        "category": FieldDoc(_("Category"), _("What the law is about.")),
    },
    "participation": {
        "state_name": FieldDoc(_("State name"), _("The state's short name.")),
        "treaty_name": FieldDoc(_("Treaty name"), _("The treaty's short name.")),
        "category": FieldDoc(_("Treaty category"), _("The kind of commitment the treaty is.")),
        "as_of": FieldDoc(_("As of"), _("The day the status is given for.")),
        "status": FieldDoc(
            _("Status"),
            format_lazy(
                _(
                    "The status derived from the dated events (or, where none answers, the "
                    "latest sourced observation) on as_of. {unknown} means nobody has verified "
                    "it; it never means {no_action}. {not_applicable}: the treaty did not exist "
                    "yet, the state was not yet independent, or (for a treaty open only to ASEAN "
                    "members) had not yet joined ASEAN."
                ),
                unknown=Status.UNKNOWN.value,
                no_action=Status.NO_ACTION.value,
                not_applicable=Status.NOT_APPLICABLE.value,
            ),
        ),
        "since": partial_date_text(_("Since"), _("When the status began; empty when unknown.")),
        "since_precision": FieldDoc(
            _("Since: precision"),
            format_lazy(
                _("{day}, {month} or {year}; empty when since is not known."), **_PRECISIONS
            ),
        ),
        "event_id": FieldDoc(
            _("Event"),
            _("The id of the treaty action the status rests on; empty when none does."),
            references="treaty_actions",
        ),
        "event_action": FieldDoc(_("Event action"), _("The kind of that treaty action.")),
        "event_date": partial_date_text(_("Event date"), _("The date of that treaty action.")),
        "observation_id": FieldDoc(
            _("Observation"),
            _("The id of the latest status observation on or before as_of; empty when none."),
            references="status_observations",
        ),
        "source_id": FieldDoc(
            _("Source"),
            _("The id of the source of that event or, failing one, of that observation."),
            references="sources",
        ),
        "source_url": FieldDoc(_("Source URL"), _("The address of that source.")),
        "last_verified": partial_date_text(
            _("Last verified"), _("The latest date a source speaks for, on or before as_of.")
        ),
        "contradiction": FieldDoc(
            _("Contradiction"),
            _(
                "true when a source's statement disagrees with the event log; the events still "
                "answer, and the statement is named for a researcher to weigh."
            ),
        ),
        "contradicting_observation_id": FieldDoc(
            _("Contradicting observation"),
            _("The id of the status observation that disagrees; empty when none does."),
            references="status_observations",
        ),
        "pending_denunciation_effective_on": FieldDoc(
            _("Pending denunciation takes effect on"),
            _("A denunciation has been notified and takes effect on this day (not yet in effect)."),
        ),
        "updated_at": FieldDoc(
            _("Updated at"),
            _(
                "The latest change to anything the row is derived from: the state, the treaty, "
                "the pair's events and observations (deletions included) and their sources."
            ),
        ),
    },
    "scores": {
        **_SCORE_FIELDS,
        **_group_fields(),
        "indicators": FieldDoc(
            _("Indicators"), _("Every indicator of the method with its status, points and source.")
        ),
    },
    "panel_totals": {
        **_SCORE_FIELDS,
        **_group_fields(),
        "year": _YEAR,
        "as_of": _REFERENCE_DATE,
    },
    "panel": {
        "year": _YEAR,
        "as_of": _REFERENCE_DATE,
        "method_version": _SCORE_FIELDS["method_version"],
        "indicator": FieldDoc(
            _("Indicator"),
            _(
                "The indicator's key: a treaty key, focal_point, nhri, or law_ and the category "
                "of a law (docs/methodology.md)."
            ),
        ),
        "group": FieldDoc(_("Group"), _("The group of indicators it is scored in.")),
        "kind": FieldDoc(
            _("Kind"), _("What the indicator reads: a treaty, the focal point, the NHRI or a law.")
        ),
        "status": FieldDoc(
            _("Status"),
            format_lazy(
                _(
                    "The indicator's status on the reference date. {unknown} means nobody has "
                    "verified it and scores nothing; {not_applicable}: the treaty did not exist "
                    "yet or the state was not yet independent."
                ),
                unknown=Status.UNKNOWN.value,
                not_applicable=Status.NOT_APPLICABLE.value,
            ),
        ),
        "points": FieldDoc(
            _("Points"),
            _("0 to 1 under the method; empty when the status is unknown or not applicable."),
        ),
        "known": FieldDoc(_("Known"), _("true when the status is known.")),
        "applicable": FieldDoc(_("Applicable"), _("false when the status is not applicable.")),
    },
    "deletions": {
        "resource": FieldDoc(
            _("Resource"),
            format_lazy(
                _("The API collection the row was listed in, e.g. {example}."),
                example=Resource.TREATY_ACTIONS.value,
            ),
        ),
        "id": FieldDoc(_("Id"), _("The deleted row's id.")),
        "lookup": FieldDoc(
            _("Lookup"),
            _(
                "The value that named the row in its collection's URL: the ISO code of a state, "
                "the key of a treaty, otherwise the id."
            ),
        ),
        "deleted_at": FieldDoc(_("Deleted at"), _("When the row was deleted (UTC, ISO 8601).")),
    },
    "releases": {
        "version": FieldDoc(
            _("Release"),
            _(
                "The release's version: the UTC date it was published as YYYY.MM.DD, with .2, .3 "
                "and so on for further releases on the same day."
            ),
        ),
        "published_at": FieldDoc(_("Published at"), _("When the release was cut (UTC).")),
        "data_version": FieldDoc(
            _("Data version"),
            _("The data version the release holds, e.g. 2026-11-30.1043."),
        ),
        "method_version": FieldDoc(
            _("Scoring method"), _("The version of the scoring method when it was cut.")
        ),
        "sha256": FieldDoc(_("SHA-256"), _("The SHA-256 digest of the release's zip, in hex.")),
        "size": FieldDoc(_("Size"), _("The size of the release's zip, in bytes.")),
        "changes": FieldDoc(
            _("Changes"),
            _(
                "Per table, how many rows were added, changed and deleted since the previous "
                "release (every row, for the first)."
            ),
        ),
        "summary": FieldDoc(_("Summary"), _("The changes since the previous release, in words.")),
        "notes": FieldDoc(_("Notes"), _("What the publisher said about the release.")),
        "dataset_url": FieldDoc(
            _("Download"), _("The address of the release's zip, the same bytes for good.")
        ),
    },
}


def field_doc(resource: str, name: str) -> FieldDoc:
    """The documentation of field `name` of `resource`: its own, or the one every table shares.

    Raises KeyError for a field documented nowhere."""
    own = RESOURCES[resource]
    if name in own:
        return own[name]
    if name in COMMON:
        return COMMON[name]
    raise KeyError(f"{resource}.{name} is not described in commitments/api/codebook.py")
