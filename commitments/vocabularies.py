"""Every closed vocabulary of the tracker, in one module that imports no model.

The models, the status derivation, the scoring method, the filters, the serializers, the templates'
legends and the importer all read these constants; none of them spells a value out again.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("unknown")


class Action(models.TextChoices):
    SIGNATURE = "signature", _("signature")
    RATIFICATION = "ratification", _("ratification")
    ACCESSION = "accession", _("accession")
    SUCCESSION = "succession", _("succession")
    ACCEPTANCE = "acceptance", _("acceptance")
    APPROVAL = "approval", _("approval")
    DEFINITIVE_SIGNATURE = "definitive_signature", _("definitive signature")
    DENUNCIATION = "denunciation", _("denunciation (withdrawal from the treaty)")
    WITHDRAWAL_OF_INSTRUMENT = (
        "withdrawal_of_instrument",
        _("withdrawal of an instrument before entry into force"),
    )
    WITHDRAWAL_OF_SIGNATURE = "withdrawal_of_signature", _("withdrawal of signature")


class Status(models.TextChoices):
    PARTY = "party", _("party")
    SIGNATORY = "signatory", _("signatory")
    WITHDRAWN = "withdrawn", _("withdrawn")
    NO_ACTION = "no_action", _("no action")
    UNKNOWN = "unknown", _("unknown")
    NOT_APPLICABLE = "not_applicable", _("not applicable")


class ObservedStatus(models.TextChoices):
    """What a source can state; `unknown` is the absence of a statement, never one."""

    PARTY = "party", _("party")
    SIGNATORY = "signatory", _("signatory")
    WITHDRAWN = "withdrawn", _("withdrawn")
    NO_ACTION = "no_action", _("no action")


class Confidence(models.TextChoices):
    """How directly a fact's source records it; a property of the reading, not of the document."""

    PRIMARY = "primary", _("primary: the depositary's record or a faithful copy of it")
    SECONDARY = "secondary", _("secondary: monitor, government, IO, academic or press source")
    INFERRED = "inferred", _("inferred: derived from a statement that implies it")


class SourceKind(models.TextChoices):
    """Who wrote a source; a faithful copy keeps its author's kind."""

    DEPOSITARY = "depositary", _("depositary record")
    DEPOSITARY_SCRAPE = "depositary_scrape", _("copy of a depositary record")
    OFFICIAL = "official", _("official (government)")
    INTERGOVERNMENTAL = "intergovernmental", _("intergovernmental organisation")
    NHRI = "nhri", _("national human rights institution")
    MONITOR = "monitor", _("specialist monitor")
    ACADEMIC = "academic", _("academic")
    PRESS = "press", _("press")
    OTHER = "other", _("other")


# Kinds of source that cannot carry a fact alone: the data-quality page lists facts resting only
# on them.
WEAK_SOURCE_KINDS = frozenset({SourceKind.PRESS, SourceKind.OTHER})


class TreatyScope(models.TextChoices):
    """Which states may join a treaty; a regional treaty applies to a state once it is a member."""

    UNIVERSAL = "universal", _("open to every state")
    ASEAN = "asean", _("open to ASEAN member states")


class TreatyCategory(models.TextChoices):
    ATROCITY_CRIMES = "atrocity_crimes", _("atrocity crimes")
    IHL = "ihl", _("international humanitarian law")
    WEAPONS = "weapons", _("arms and weapons")
    HUMAN_RIGHTS = "human_rights", _("human rights")
    REFUGEES_STATELESSNESS = "refugees_statelessness", _("refugees and statelessness")
    TRAFFICKING = "trafficking", _("trafficking")


class LawCategory(models.TextChoices):
    ROME_STATUTE = "rome_statute_implementation", _("Rome Statute implementation")
    IHL = "ihl_implementation", _("IHL implementation")
    ATROCITY_DENIAL = "atrocity_denial", _("atrocity denial")
    CHILD_RECRUITMENT = "child_recruitment", _("child recruitment")
    VIOLENCE_AGAINST_WOMEN = "violence_against_women", _("violence against women")
    TRAFFICKING = "trafficking", _("trafficking")
    OTHER = "other", _("other")


class GanhriStatus(models.TextChoices):
    A = "A", _("A: fully compliant")
    B = "B", _("B: partially compliant")
    C = "C", _("C: not compliant")
    DEFERRED = "deferred", _("deferred")
    SUSPENDED = "suspended", _("suspended")
    REMOVED = "removed", _("removed")


class FocalPointNetwork(models.TextChoices):
    GLOBAL = "global_network", _("Global Network of R2P Focal Points")
    NONE = "none", _("not a member of a network")


class InstitutionIndicator(models.TextChoices):
    """What an institution observation speaks about: an indicator that is not a treaty.

    A law category's indicator is `law:<category>`: "no law of this category in force".
    """

    NHRI = "nhri", _("national human rights institution (GANHRI status)")
    FOCAL_POINT = "focal_point", _("national R2P focal point")
    GROUP_OF_FRIENDS = "group_of_friends", _("Group of Friends of R2P (New York)")
    LAW_ROME_STATUTE = "law:rome_statute_implementation", _("law: Rome Statute implementation")
    LAW_IHL = "law:ihl_implementation", _("law: IHL implementation")
    LAW_ATROCITY_DENIAL = "law:atrocity_denial", _("law: atrocity denial")
    LAW_CHILD_RECRUITMENT = "law:child_recruitment", _("law: child recruitment")
    LAW_VIOLENCE_AGAINST_WOMEN = (
        "law:violence_against_women",
        _("law: violence against women"),
    )
    LAW_TRAFFICKING = "law:trafficking", _("law: trafficking")


def law_indicator(category: str) -> str:
    """The institution-observation indicator of a law category."""
    return f"law:{category}"


class IndicatorStatus(models.TextChoices):
    """The status of an indicator that is not a treaty: what a source states, or what scoring
    derives. `unknown` and `not_applicable` are derived, never stated."""

    A = "A", _("A status")
    B = "B", _("B status")
    C = "C", _("C status")
    NO_NHRI = "none", _("no accredited NHRI")
    SUSPENDED = "suspended", _("accreditation suspended")
    REMOVED = "removed", _("accreditation removed")
    DESIGNATED = "designated", _("designated")
    NOT_DESIGNATED = "not_designated", _("not designated")
    MEMBER = "member", _("member")
    NOT_MEMBER = "not_member", _("not a member")
    LAW_IN_FORCE = "law_in_force", _("law in force")
    NO_LAW = "no_law", _("no such law in force")
    UNKNOWN = "unknown", _("unknown")
    NOT_APPLICABLE = "not_applicable", _("not applicable")


# What an institution observation may state, per indicator.
OBSERVABLE_STATUSES: dict[str, tuple[str, ...]] = {
    InstitutionIndicator.NHRI: (
        IndicatorStatus.A,
        IndicatorStatus.B,
        IndicatorStatus.C,
        IndicatorStatus.NO_NHRI,
    ),
    InstitutionIndicator.FOCAL_POINT: (IndicatorStatus.DESIGNATED, IndicatorStatus.NOT_DESIGNATED),
    InstitutionIndicator.GROUP_OF_FRIENDS: (IndicatorStatus.MEMBER, IndicatorStatus.NOT_MEMBER),
    **{
        indicator: (IndicatorStatus.LAW_IN_FORCE, IndicatorStatus.NO_LAW)
        for indicator in InstitutionIndicator
        if indicator.startswith("law:")
    },
}


class EngagementKind(models.TextChoices):
    """A dated act of a state's engagement with R2P at the United Nations."""

    UNGA_STATEMENT = (
        "unga_r2p_dialogue_statement",
        _("statement at the General Assembly's R2P dialogue or debate"),
    )
    UNGA_GROUP_STATEMENT = (
        "unga_r2p_dialogue_group_statement",
        _("part of a group statement at the General Assembly's R2P dialogue or debate"),
    )
    UNGA_VOTE = "unga_vote", _("recorded vote in the General Assembly")
    FOCAL_POINT_NETWORK_MEETING = (
        "focal_point_network_meeting",
        _("hosted or attended a meeting of the Global Network of R2P Focal Points"),
    )
    GROUP_OF_FRIENDS_JOIN = "group_of_friends_join", _("joined the Group of Friends of R2P")
    HRC_PLEDGE = "hrc_pledge", _("R2P pledge in a Human Rights Council candidacy")


# Engagements that are statements at the General Assembly, the overview counts these.
UNGA_STATEMENT_KINDS = frozenset(
    {EngagementKind.UNGA_STATEMENT, EngagementKind.UNGA_GROUP_STATEMENT}
)


class Vote(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")
    ABSTAIN = "abstain", _("abstained")


class UprResponse(models.TextChoices):
    """A state's response to a UPR recommendation (a pledge of its own counts as supported)."""

    SUPPORTED = "supported", _("supported")
    NOTED = "noted", _("noted")
    UNKNOWN = "unknown", _("response unknown")


class UprTargetKind(models.TextChoices):
    """What a UPR recommendation asks for, besides a treaty (whose key is the target)."""

    NHRI = "nhri", _("a national human rights institution (A status)")
    FOCAL_POINT = "focal_point", _("a national R2P focal point")


def law_target(category: str) -> str:
    """The UPR target of a law category: "adopt a law of this category"."""
    return f"law:{category}"


class FollowThrough(models.TextChoices):
    """What followed a UPR recommendation or pledge, derived from the record on a date."""

    DELIVERED = "delivered", _("delivered")
    ALREADY_MET = "already_met", _("already met")
    IN_PROGRESS = "in_progress", _("in progress")
    NOT_DELIVERED = "not_delivered", _("not delivered")
    REVERSED = "reversed", _("reversed")
    UNKNOWN = "unknown", _("unknown")


class MechanismKind(models.TextChoices):
    NATIONAL_DIALOGUE = "national_dialogue", _("national dialogue, peace or transitional justice")
    EARLY_WARNING = "early_warning", _("early warning")
    ATROCITY_PREVENTION_BODY = "atrocity_prevention_body", _("atrocity-prevention body")


class RegionalBody(models.TextChoices):
    ASEAN = "ASEAN", _("ASEAN")
    AICHR = "AICHR", _("ASEAN Intergovernmental Commission on Human Rights (AICHR)")
    ACWC = (
        "ACWC",
        _(
            "ASEAN Commission on the Promotion and Protection of the Rights of Women and Children "
            "(ACWC)"
        ),
    )
    AIPR = "AIPR", _("ASEAN Institute for Peace and Reconciliation (AIPR)")


class RegionalEventKind(models.TextChoices):
    ACTIVITY = "activity", _("activity")
    ADVISORY_PANEL = "advisory_panel", _("advisory panel")
    APPOINTMENT = "appointment", _("appointment")
    DECLARATION = "declaration", _("declaration")
    ESTABLISHMENT = "establishment", _("establishment")
    HOST_COUNTRY_AGREEMENT = "host_country_agreement", _("host country agreement")
    LAUNCH = "launch", _("launch")
    MEETING = "meeting", _("meeting")
    PLAN_OF_ACTION = "plan_of_action", _("plan of action")
    PUBLICATION = "publication", _("publication")
    REPORT = "report", _("report")
    RULES_OF_PROCEDURE = "rules_of_procedure", _("rules of procedure")
    TERMS_OF_REFERENCE = "terms_of_reference", _("terms of reference")
    TOR_REVIEW = "tor_review", _("review of the terms of reference")
    TREATY_ENTRY_INTO_FORCE = "treaty_entry_into_force", _("treaty entry into force")
    TREATY_SIGNATURE = "treaty_signature", _("treaty signature")


class Resource(models.TextChoices):
    """The API's collections of facts, by the name of their URL (`/api/v1/<name>/`)."""

    SOURCES = "sources", _("sources")
    STATES = "states", _("states")
    TREATIES = "treaties", _("treaties")
    TREATY_ACTIONS = "treaty-actions", _("treaty actions")
    STATUS_OBSERVATIONS = "status-observations", _("status observations")
    FOCAL_POINTS = "focal-points", _("R2P focal points")
    NHRIS = "nhris", _("national human rights institutions")
    ACCREDITATIONS = "accreditations", _("GANHRI accreditations")
    LAWS = "laws", _("laws")
    INSTITUTION_OBSERVATIONS = "institution-observations", _("institution observations")
    ENGAGEMENTS = "engagements", _("engagements with R2P at the UN")
    UPR_RECOMMENDATIONS = "upr-recommendations", _("UPR recommendations and pledges")
    NATIONAL_MECHANISMS = "national-mechanisms", _("national mechanisms")
    REGIONAL_EVENTS = "regional-events", _("ASEAN regional events")


class ReviewStatus(models.TextChoices):
    """Where a fact stands in review: only a published fact is shown, counted or scored."""

    PENDING = "pending", _("pending review")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")
