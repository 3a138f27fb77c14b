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


class ObservedStatus(models.TextChoices):
    """What a source can state; `unknown` is the absence of a statement, never one."""

    PARTY = "party", _("party")
    SIGNATORY = "signatory", _("signatory")
    WITHDRAWN = "withdrawn", _("withdrawn")
    NO_ACTION = "no_action", _("no action")


class Confidence(models.TextChoices):
    PRIMARY = "primary", _("primary: the depositary's record or a faithful copy of it")
    SECONDARY = "secondary", _("secondary: monitor, government, IO, academic or press source")
    INFERRED = "inferred", _("inferred: derived from a statement that implies it")


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
