"""The published scoring methods. Each stays computable, so a published figure can be reproduced.

Method 1 (November 2026) scored what the record showed as present and left every absence that a
fact did not imply unknown. Method 2 makes every number defensible: a sourced absence scores 0,
nothing counts before it could exist, and a total is published only where enough is known.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from commitments.scoring.core import FOCAL_POINT, LAW, NHRI, TREATY, Group, Indicator, Method
from commitments.scoring.indicators import (
    DESIGNATED,
    LAW_IN_FORCE,
    NO_ACCREDITED_NHRI,
    NO_LAW,
    NOT_DESIGNATED,
)
from commitments.vocabularies import GanhriStatus, LawCategory, Status


def _treaties(*keys_and_labels: tuple[str, Promise | str]) -> tuple[Indicator, ...]:
    return tuple(Indicator(key, TREATY, label) for key, label in keys_and_labels)


_ATROCITY_CRIMES = Group(
    "atrocity_crimes",
    _("Atrocity-crime treaties"),
    _("Treaties that define genocide and the other atrocity crimes and make them punishable."),
    _treaties(
        ("genocide_1948", _("Genocide Convention")),
        ("rome_statute_1998", _("Rome Statute")),
    ),
    _(
        "Pillar one of R2P is each state's own responsibility to protect its population from "
        "genocide, war crimes, ethnic cleansing and crimes against humanity. The Genocide "
        "Convention obliges a state to prevent and punish genocide; the Rome Statute lets the "
        "International Criminal Court try the atrocity crimes when the state does not."
    ),
)
_IHL = Group(
    "ihl",
    _("International humanitarian law"),
    _("The rules that protect civilians and combatants in armed conflict."),
    _treaties(
        ("gc_1949", _("Geneva Conventions I-IV")),
        ("ap1_1977", _("Additional Protocol I")),
        ("ap2_1977", _("Additional Protocol II")),
    ),
    _(
        "War crimes are grave breaches of these treaties; Additional Protocol II is the one "
        "treaty that protects civilians in internal armed conflict, where most atrocities in the "
        "region have happened."
    ),
)
_WEAPONS = Group(
    "weapons",
    _("Arms and weapons"),
    _("Limits on the weapons and arms transfers used to commit atrocities."),
    _treaties(
        ("att_2013", _("Arms Trade Treaty")),
        ("ccm_2008", _("Convention on Cluster Munitions")),
        ("apmbc_1997", _("Mine Ban Convention")),
        ("cwc_1993", _("Chemical Weapons Convention")),
        ("bwc_1972", _("Biological Weapons Convention")),
        ("tpnw_2017", _("Treaty on the Prohibition of Nuclear Weapons")),
    ),
    _(
        "The Arms Trade Treaty forbids transfers that would be used for atrocity crimes; the "
        "weapons bans remove indiscriminate weapons from every conflict."
    ),
)
_PROTECTION_TREATIES = (
    ("iccpr_1966", _("ICCPR")),
    ("cat_1984", _("Convention against Torture")),
    ("cedaw_1979", _("CEDAW")),
    ("opac_2000", _("Child-soldier protocol (OPAC)")),
    ("refugee_1951", _("Refugee Convention")),
    ("refugee_1967", _("Refugee Protocol")),
    ("stateless_1954", _("1954 Statelessness Convention")),
    ("stateless_1961", _("1961 Statelessness Convention")),
    ("palermo_tip_2000", _("Trafficking Protocol")),
    ("cped_2006", _("Enforced Disappearance Convention")),
)
_PROTECTION_DESCRIPTION = _(
    "Human rights, refugee, statelessness and trafficking treaties that protect people."
)
_PROTECTION_RATIONALE = _(
    "Atrocities follow the abuses these treaties forbid: torture, enforced disappearance, the "
    "recruitment of children, the persecution of the stateless and of refugees, trafficking."
)
_INSTITUTIONS = Group(
    "institutions",
    _("Institutions"),
    _("A national R2P focal point, and a national human rights institution and its status."),
    (
        Indicator("focal_point", FOCAL_POINT, _("National R2P focal point")),
        Indicator("nhri", NHRI, _("National human rights institution (GANHRI status)")),
    ),
    _(
        "A focal point is the official who coordinates atrocity prevention inside a government "
        "and with the Global Network of R2P Focal Points; an independent NHRI that meets the "
        "Paris Principles (GANHRI's A status) is the national institution that monitors abuses."
    ),
)
_DOMESTIC_LAW = Group(
    "domestic_law",
    _("Domestic law"),
    _("Laws that bring atrocity prevention and protection commitments into national law."),
    (
        Indicator("law_atrocity_crimes", LAW, _("Rome Statute or IHL implementing law")),
        Indicator("law_atrocity_denial", LAW, _("Law against atrocity denial")),
        Indicator("law_child_recruitment", LAW, _("Law against child recruitment")),
        Indicator("law_violence_against_women", LAW, _("Law against violence against women")),
        Indicator("law_trafficking", LAW, _("Anti-trafficking law")),
    ),
    _(
        "A treaty binds a state; a law lets its courts act. These laws make the atrocity crimes "
        "and the abuses that precede them punishable at home."
    ),
)

_GROUP_SCORE_RULE = _(
    "A group's score is the mean of the points of its known indicators, from 0 to 100. A group "
    "with no known indicator has no score."
)
_UNDATED_RULE = _(
    "Facts without a date (an undated designation, accreditation or law) speak only for the "
    "present; on a past date they are unknown."
)

TREATY_POINTS: dict[str, float] = {
    Status.PARTY: 1.0,
    Status.SIGNATORY: 0.5,
    Status.WITHDRAWN: 0.0,
    Status.NO_ACTION: 0.0,
}
# GANHRI status of the state's NHRI in force on the date. A deferred review leaves the earlier
# status in place; `none` is a date before the state's NHRI was founded, or (method 2) a sourced
# statement that the state has no accredited institution.
NHRI_POINTS: dict[str, float] = {
    GanhriStatus.A: 1.0,
    GanhriStatus.B: 0.5,
    GanhriStatus.C: 0.0,
    GanhriStatus.SUSPENDED: 0.0,
    GanhriStatus.REMOVED: 0.0,
    NO_ACCREDITED_NHRI: 0.0,
}
FOCAL_POINT_POINTS: dict[str, float] = {DESIGNATED: 1.0, NOT_DESIGNATED: 0.0}
# Law categories each law indicator accepts. `other` laws are listed on the pages but name no
# specific commitment, so they are not an indicator.
LAW_INDICATORS: dict[str, tuple[str, ...]] = {
    "law_atrocity_crimes": (LawCategory.ROME_STATUTE, LawCategory.IHL),
    "law_atrocity_denial": (LawCategory.ATROCITY_DENIAL,),
    "law_child_recruitment": (LawCategory.CHILD_RECRUITMENT,),
    "law_violence_against_women": (LawCategory.VIOLENCE_AGAINST_WOMEN,),
    "law_trafficking": (LawCategory.TRAFFICKING,),
}

METHOD_1 = Method(
    semantic_version="1.0",
    published_on=datetime.date(2026, 11, 27),
    groups=(
        _ATROCITY_CRIMES,
        _IHL,
        _WEAPONS,
        Group(
            "protection",
            _("Protection of people"),
            _PROTECTION_DESCRIPTION,
            _treaties(*_PROTECTION_TREATIES),
            _PROTECTION_RATIONALE,
        ),
        _INSTITUTIONS,
        _DOMESTIC_LAW,
    ),
    treaty_points=TREATY_POINTS,
    nhri_points=NHRI_POINTS,
    focal_point_points=FOCAL_POINT_POINTS,
    # Only laws in force are recorded; the absence of a law is never sourced, so it stays unknown.
    law_points={LAW_IN_FORCE: 1.0},
    law_indicators=LAW_INDICATORS,
    rules=(
        _(
            "A treaty's status on the date is derived from the dated record of signatures, "
            "ratifications, accessions and withdrawals; a denunciation counts from the day it "
            "takes effect. Where no event is on record, the latest sourced statement of the "
            "status answers."
        ),
        _(
            "A status that no source establishes is unknown. Unknown indicators earn nothing and "
            "count in no denominator, so missing research never lowers a score; it lowers the "
            "coverage."
        ),
        _GROUP_SCORE_RULE,
        _("The total is the mean of the group scores that exist; every group weighs the same."),
        _(
            "Coverage is the number of indicators with a known status out of all the indicators "
            "a score covers."
        ),
        _(
            "National R2P focal point: a designation in force counts as designated; a "
            "designation that has ended counts as not designated. Before the first recorded "
            "designation, or without any record, the indicator is unknown."
        ),
        _(
            "National human rights institution: the status of the latest GANHRI decision in "
            "force. A deferred review keeps the earlier status. Before the institution was "
            "founded it counts as no accredited NHRI. Before the first recorded decision, or "
            "without any record, the indicator is unknown."
        ),
        _(
            "Domestic law: a law of the indicator's categories in force on the date counts. The "
            "absence of a law is never assumed: without such a law on record the indicator is "
            "unknown. Laws of the category 'other' are listed but not scored."
        ),
        _UNDATED_RULE,
    ),
    changes=(_("The first published method."),),
)

# When each institution indicator came to exist as a commitment a state could keep.
PARIS_PRINCIPLES_ADOPTED = datetime.date(1993, 12, 20)  # UN General Assembly resolution 48/134
WORLD_SUMMIT_OUTCOME_ADOPTED = datetime.date(2005, 9, 16)  # UN General Assembly resolution 60/1
# The documents that made them commitments, as the pages and the methodology cite them.
INDICATOR_ORIGIN_DOCUMENTS: dict[str, tuple[object, str]] = {
    NHRI: (
        _("the Paris Principles (UN General Assembly resolution A/RES/48/134)"),
        "https://undocs.org/A/RES/48/134",
    ),
    FOCAL_POINT: (
        _("the 2005 World Summit Outcome (UN General Assembly resolution A/RES/60/1)"),
        "https://undocs.org/A/RES/60/1",
    ),
}

METHOD_2 = Method(
    semantic_version="2.0",
    published_on=datetime.date(2026, 11, 30),
    groups=(
        _ATROCITY_CRIMES,
        _IHL,
        _WEAPONS,
        Group(
            "protection",
            _("Protection of people"),
            _PROTECTION_DESCRIPTION,
            _treaties(
                *_PROTECTION_TREATIES,
                ("actip_2015", _("ASEAN Trafficking Convention (ACTIP)")),
            ),
            _(
                "Atrocities follow the abuses these treaties forbid: torture, enforced "
                "disappearance, the recruitment of children, the persecution of the stateless and "
                "of refugees, trafficking. ACTIP is ASEAN's own treaty against trafficking, a "
                "commitment the member states made to each other."
            ),
        ),
        _INSTITUTIONS,
        _DOMESTIC_LAW,
    ),
    treaty_points=TREATY_POINTS,
    nhri_points=NHRI_POINTS,
    focal_point_points=FOCAL_POINT_POINTS,
    law_points={LAW_IN_FORCE: 1.0, NO_LAW: 0.0},
    law_indicators=LAW_INDICATORS,
    applicability=True,
    indicator_origins={
        NHRI: PARIS_PRINCIPLES_ADOPTED,
        FOCAL_POINT: WORLD_SUMMIT_OUTCOME_ADOPTED,
    },
    institution_observations=True,
    coverage_floor=Fraction(2, 3),
    every_group_known=True,
    rules=(
        _(
            "A treaty's status on the date is derived from the dated record of signatures, "
            "ratifications, accessions and withdrawals; a denunciation counts from the day it "
            "takes effect. Where no event is on record, the latest sourced statement of the "
            "status answers, and a statement that disagrees with the events is shown as a "
            "contradiction."
        ),
        _(
            "Not applicable: a treaty before its adoption; a treaty open only to ASEAN members "
            "before the state joined ASEAN; every indicator before the state's independence; the "
            "national human rights institution before the Paris Principles (20 December 1993); "
            "the R2P focal point before the World Summit recognised the Responsibility to Protect "
            "(16 September 2005). A cell that is not applicable is neither zero nor unknown: it "
            "counts in no denominator. A state has no score before its independence."
        ),
        _(
            "Absence is scored 0 only where a source establishes it: a dated, sourced statement "
            "that the state had no accredited NHRI, had not designated a focal point, or had no "
            "law of a category in force, or a fact that implies it (a designation that ended). "
            "Such a statement speaks for its own date; a later fact overrides it, and one that "
            "disagrees with the facts of its date is shown as a contradiction."
        ),
        _(
            "A status that no source establishes is unknown. Unknown indicators earn nothing and "
            "count in no denominator; they lower the coverage."
        ),
        _GROUP_SCORE_RULE,
        _(
            "Coverage is the number of indicators with a known status out of the indicators "
            "applicable on the date."
        ),
        _(
            "A total and a rank are published only when at least two thirds of the applicable "
            "indicators are known and at least one indicator is known in every group with an "
            "applicable indicator. Otherwise the state shows 'insufficient data' with its "
            "coverage, and sorts after the ranked states. These are minimums: a total with more "
            "coverage is more reliable."
        ),
        _(
            "The total is the mean of the group scores; every group weighs the same. States are "
            "ranked by their totals to one decimal place, best first; equal totals share a rank."
        ),
        _(
            "National R2P focal point: a designation in force counts as designated; a "
            "designation that has ended, or a sourced statement, as not designated."
        ),
        _(
            "National human rights institution: the status of the latest GANHRI decision in "
            "force (A 1 point, B 0.5, C, suspended or removed 0). A deferred review keeps the "
            "earlier status. Before the institution was founded, or where a source says the "
            "state has no accredited institution, it counts as no accredited NHRI (0)."
        ),
        _(
            "Domestic law: a law of the indicator's categories in force on the date counts 1. A "
            "sourced statement that no law of each of its categories was in force counts 0. "
            "Laws of the category 'other' are listed but not scored."
        ),
        _UNDATED_RULE,
    ),
    changes=(
        _(
            "Sourced absence: sourced statements about national human rights institutions, R2P "
            "focal points and laws now establish absence as well as presence, and an absence "
            "scores 0. Under method 1 an absence could not be sourced, so a state scored higher "
            "the less was known about it."
        ),
        _(
            "Not applicable: nothing counts before a treaty existed, before a state was "
            "independent, or (for the NHRI and the focal point) before the commitment existed. "
            "Method 1 read such cells as 'no action' and scored them 0."
        ),
        _(
            "Coverage rule: a total and a rank need two thirds of the applicable indicators and "
            "one in every group; a state below it shows 'insufficient data'. Under method 1 a "
            "total from a few known indicators ranked beside totals from many."
        ),
        _(
            "ACTIP, the ASEAN Convention Against Trafficking in Persons, is an indicator of the "
            "protection group: think tanks benchmark ASEAN states against ASEAN's own agreements."
        ),
        _("States are ranked, and ties share a rank."),
    ),
)

METHODS: tuple[Method, ...] = (METHOD_1, METHOD_2)
CURRENT = METHOD_2
