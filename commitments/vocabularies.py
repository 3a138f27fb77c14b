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


class ReviewStatus(models.TextChoices):
    """Where a fact stands in review: only a published fact is shown, counted or scored."""

    PENDING = "pending", _("pending review")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")
