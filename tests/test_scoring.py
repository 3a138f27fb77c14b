"""The scoring method, on unsaved instances: each rule, coverage, past dates and the version."""

import csv
import dataclasses
import datetime
from fractions import Fraction

import pytest

from commitments import scoring
from commitments.models import State, Treaty
from commitments.scoring import StateFacts, score
from commitments.status import Participation, derive
from commitments.vocabularies import (
    Action,
    GanhriStatus,
    IndicatorStatus,
    LawCategory,
    Precision,
    Status,
)
from tests.factories import (
    AccreditationFactory,
    FocalPointFactory,
    LawFactory,
    NHRIFactory,
    TreatyActionFactory,
)
from tests.helpers import DATASET

TODAY = datetime.date(2026, 11, 27)


def facts(on=TODAY, **kwargs) -> StateFacts:
    return StateFacts(on=on, today=TODAY, **kwargs)


def statuses(**by_key: str) -> dict[str, Participation]:
    return {key: Participation(status=status, on=TODAY) for key, status in by_key.items()}


def indicator(card: scoring.Scorecard, key: str) -> scoring.IndicatorResult:
    return next(result for result in card.indicators if result.indicator.key == key)


# Treaties


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.PARTY, 100),
        (Status.SIGNATORY, 50),
        (Status.WITHDRAWN, 0),
        (Status.NO_ACTION, 0),
    ],
)
def test_treaty_status_earns_its_points(status, expected):
    card = score(facts(participation=statuses(genocide_1948=status, rome_statute_1998=status)))

    assert card.group("atrocity_crimes").score == expected


def test_group_score_is_the_mean_of_its_known_indicators():
    card = score(
        facts(participation=statuses(genocide_1948=Status.PARTY, rome_statute_1998="signatory"))
    )

    assert card.group("atrocity_crimes").score == 75


def test_unknown_treaty_counts_in_no_denominator_and_lowers_coverage():
    card = score(
        facts(participation=statuses(genocide_1948=Status.PARTY, rome_statute_1998="unknown"))
    )

    group = card.group("atrocity_crimes")
    assert group.score == 100
    assert (group.coverage.known, group.coverage.total) == (1, 2)
    assert indicator(card, "rome_statute_1998").points is None
    assert indicator(card, "rome_statute_1998").status == Status.UNKNOWN


def test_treaty_missing_from_the_facts_is_unknown():
    card = score(facts(participation=statuses(genocide_1948=Status.PARTY)))

    assert indicator(card, "rome_statute_1998").status == Status.UNKNOWN


def test_group_without_any_known_indicator_has_no_score_and_no_weight_in_the_total():
    card = score(
        facts(participation=statuses(genocide_1948=Status.PARTY, gc_1949="no_action")),
        scoring.METHOD_1,
    )

    assert card.group("weapons").score is None
    assert card.group("atrocity_crimes").score == 100
    assert card.group("ihl").score == 0
    assert card.total == 50


def test_total_is_the_mean_of_the_group_scores_not_of_the_indicators():
    # One known indicator in the atrocity group, three in IHL: each group still weighs the same.
    card = score(
        facts(
            participation=statuses(
                genocide_1948=Status.PARTY,
                gc_1949=Status.NO_ACTION,
                ap1_1977=Status.NO_ACTION,
                ap2_1977=Status.NO_ACTION,
            )
        ),
        scoring.METHOD_1,
    )

    assert card.total == 50


def test_state_with_nothing_on_record_has_no_total_and_zero_coverage():
    card = score(facts())

    assert card.total is None
    assert card.coverage.known == 0
    assert card.coverage.total == len(scoring.INDICATORS)


def test_coverage_adds_up_across_groups():
    card = score(
        facts(
            participation=statuses(genocide_1948=Status.PARTY, cat_1984=Status.SIGNATORY),
            laws=[LawFactory.build(category=LawCategory.TRAFFICKING)],
        )
    )

    assert card.coverage.known == 3
    assert card.coverage.known == sum(g.coverage.known for g in card.groups)


def test_every_treaty_in_the_dataset_is_an_indicator_in_exactly_one_group():
    with open(DATASET / "treaties.csv", newline="") as handle:
        keys = {row["key"] for row in csv.DictReader(handle)}

    assert sorted(scoring.TREATY_KEYS) == sorted(keys)
    assert sorted(scoring.METHOD_1.treaty_keys) == sorted(keys - {"actip_2015"})


def test_there_are_six_groups_in_the_r2p_order():
    assert [g.key for g in scoring.GROUPS] == [
        "atrocity_crimes",
        "ihl",
        "weapons",
        "protection",
        "institutions",
        "domestic_law",
    ]


# Institutions: focal point


def test_focal_point_in_force_counts_as_designated():
    card = score(
        facts(focal_points=[FocalPointFactory.build(designated_on=datetime.date(2015, 5, 1))])
    )

    result = indicator(card, "focal_point")
    assert (result.status, result.points) == (IndicatorStatus.DESIGNATED, 1)


def test_no_focal_point_on_record_is_unknown_not_zero():
    card = score(facts())

    assert indicator(card, "focal_point").points is None
    assert card.group("institutions").score is None


def test_focal_point_that_ended_counts_as_not_designated():
    ended = FocalPointFactory.build(
        designated_on=datetime.date(2015, 5, 1), ended_on=datetime.date(2020, 1, 1)
    )

    result = indicator(score(facts(focal_points=[ended])), "focal_point")

    assert (result.status, result.points) == (IndicatorStatus.NOT_DESIGNATED, 0)


def test_focal_point_before_its_first_recorded_designation_is_unknown():
    later = FocalPointFactory.build(designated_on=datetime.date(2015, 5, 1))

    result = indicator(
        score(facts(on=datetime.date(2010, 1, 1), focal_points=[later])), "focal_point"
    )

    assert result.points is None


def test_undated_focal_point_speaks_only_for_the_present():
    undated = FocalPointFactory.build(designated_on=None, designated_on_precision=Precision.UNKNOWN)

    now = indicator(score(facts(focal_points=[undated])), "focal_point")
    past = indicator(
        score(facts(on=datetime.date(2010, 1, 1), focal_points=[undated])), "focal_point"
    )

    assert now.points == 1
    assert past.points is None


# Institutions: NHRI


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (GanhriStatus.A, 1),
        (GanhriStatus.B, 0.5),
        (GanhriStatus.C, 0),
        (GanhriStatus.SUSPENDED, 0),
        (GanhriStatus.REMOVED, 0),
    ],
)
def test_nhri_earns_points_for_its_ganhri_status(status, expected):
    nhri = NHRIFactory.build()
    accreditation = AccreditationFactory.build(nhri=nhri, status=status)

    result = indicator(score(facts(nhris=[nhri], accreditations=[accreditation])), "nhri")

    assert result.points == expected


def test_latest_ganhri_decision_in_force_answers():
    nhri = NHRIFactory.build()
    decisions = [
        AccreditationFactory.build(nhri=nhri, status="B", decided_on=datetime.date(2015, 11, 1)),
        AccreditationFactory.build(
            nhri=nhri, status="removed", decided_on=datetime.date(2025, 1, 16)
        ),
    ]

    now = indicator(score(facts(nhris=[nhri], accreditations=decisions)), "nhri")
    before = indicator(
        score(facts(on=datetime.date(2020, 1, 1), nhris=[nhri], accreditations=decisions)), "nhri"
    )

    assert now.points == 0
    assert before.points == 0.5


def test_deferred_review_keeps_the_earlier_status():
    nhri = NHRIFactory.build()
    decisions = [
        AccreditationFactory.build(nhri=nhri, status="B", decided_on=datetime.date(2015, 11, 1)),
        AccreditationFactory.build(
            nhri=nhri, status="deferred", decided_on=datetime.date(2020, 12, 1)
        ),
    ]

    result = indicator(score(facts(nhris=[nhri], accreditations=decisions)), "nhri")

    assert (result.status, result.points) == ("B", 0.5)


def test_deferral_without_an_earlier_status_is_unknown():
    nhri = NHRIFactory.build()
    deferred = AccreditationFactory.build(nhri=nhri, status="deferred")

    result = indicator(score(facts(nhris=[nhri], accreditations=[deferred])), "nhri")

    assert result.points is None


def test_no_nhri_on_record_is_unknown_not_zero():
    assert indicator(score(facts()), "nhri").points is None


def test_nhri_before_its_first_recorded_decision_is_unknown():
    # Thailand's first decision on record is a 2020 deferral; it held B and A status before.
    nhri = NHRIFactory.build(established_on=datetime.date(2001, 6, 24))
    first = AccreditationFactory.build(
        nhri=nhri, status="deferred", decided_on=datetime.date(2020, 12, 1)
    )

    result = indicator(
        score(facts(on=datetime.date(2013, 1, 1), nhris=[nhri], accreditations=[first])), "nhri"
    )

    assert result.points is None


def test_nhri_founded_after_the_date_counts_as_none():
    nhri = NHRIFactory.build(established_on=datetime.date(2011, 9, 5))

    result = indicator(score(facts(on=datetime.date(2005, 1, 1), nhris=[nhri])), "nhri")

    assert (result.status, result.points) == (IndicatorStatus.NO_NHRI, 0)


def test_nhri_without_any_decision_on_record_is_unknown():
    nhri = NHRIFactory.build(established_on=datetime.date(2011, 9, 5))

    assert indicator(score(facts(nhris=[nhri])), "nhri").points is None


# Domestic law


def test_law_in_force_counts_and_its_absence_stays_unknown():
    law = LawFactory.build(category=LawCategory.TRAFFICKING, enacted_on=datetime.date(2008, 2, 15))

    card = score(facts(laws=[law]))

    assert indicator(card, "law_trafficking").points == 1
    assert indicator(card, "law_child_recruitment").points is None
    assert card.group("domestic_law").coverage.known == 1


@pytest.mark.parametrize("category", [LawCategory.ROME_STATUTE, LawCategory.IHL])
def test_rome_statute_or_ihl_implementing_law_counts_for_atrocity_crimes_law(category):
    card = score(facts(laws=[LawFactory.build(category=category)]))

    assert indicator(card, "law_atrocity_crimes").points == 1


def test_law_of_category_other_is_not_scored():
    card = score(facts(laws=[LawFactory.build(category=LawCategory.OTHER)]))

    assert card.group("domestic_law").coverage.known == 0


def test_law_enacted_after_the_date_is_unknown_on_that_date():
    law = LawFactory.build(category=LawCategory.TRAFFICKING, enacted_on=datetime.date(2008, 2, 15))

    card = score(facts(on=datetime.date(2000, 1, 1), laws=[law]))

    assert indicator(card, "law_trafficking").points is None


def test_undated_law_counts_today_but_not_on_a_past_date():
    law = LawFactory.build(
        category=LawCategory.ROME_STATUTE, enacted_on=None, enacted_on_precision=Precision.UNKNOWN
    )

    assert indicator(score(facts(laws=[law])), "law_atrocity_crimes").points == 1
    assert (
        indicator(
            score(facts(on=datetime.date(2015, 1, 1), laws=[law])), "law_atrocity_crimes"
        ).points
        is None
    )


# Past dates


def _philippines_rome_statute(on: datetime.date) -> Participation:
    actions = [
        TreatyActionFactory.build(action=Action.SIGNATURE, date=datetime.date(2000, 12, 28)),
        TreatyActionFactory.build(action=Action.RATIFICATION, date=datetime.date(2011, 8, 30)),
        TreatyActionFactory.build(
            action=Action.DENUNCIATION,
            date=datetime.date(2018, 3, 17),
            effective_on=datetime.date(2019, 3, 17),
        ),
    ]
    return derive(actions, [], on, TODAY)


@pytest.mark.parametrize(
    ("on", "status", "points"),
    [
        (datetime.date(2005, 1, 1), Status.SIGNATORY, 0.5),
        (datetime.date(2015, 1, 1), Status.PARTY, 1),
        (datetime.date(2018, 6, 1), Status.PARTY, 1),
        (datetime.date(2019, 3, 17), Status.WITHDRAWN, 0),
        (TODAY, Status.WITHDRAWN, 0),
    ],
)
def test_same_computation_answers_for_any_past_date(on, status, points):
    card = score(facts(on=on, participation={"rome_statute_1998": _philippines_rome_statute(on)}))

    result = indicator(card, "rome_statute_1998")
    assert (result.status, result.points) == (status, points)
    assert card.on == on


def test_scorecard_names_the_event_and_source_behind_a_treaty_status():
    participation = _philippines_rome_statute(TODAY)

    result = indicator(
        score(facts(participation={"rome_statute_1998": participation})), "rome_statute_1998"
    )

    assert result.source is participation.event.source
    assert result.since.isoformat() == "2019-03-17"


# Version


def test_method_1_keeps_the_version_it_was_published_under():
    # Printed beside every score from 27 November 2026: a figure cited with it must reproduce.
    assert scoring.METHOD_1.version == "1.0+c38577a3"


def test_each_method_version_starts_with_its_semantic_version():
    for method in scoring.METHODS:
        assert method.version.startswith(method.semantic_version + "+")
    assert scoring.METHOD_VERSION == scoring.CURRENT.version == scoring.METHOD_2.version


def test_changing_a_weight_changes_the_method_version():
    heavier_signature = {**scoring.METHOD_2.treaty_points, Status.SIGNATORY: 0.75}
    changed = dataclasses.replace(scoring.METHOD_2, treaty_points=heavier_signature)

    assert changed.version != scoring.METHOD_2.version


def test_changing_nhri_points_changes_the_method_version():
    generous_b = {**scoring.METHOD_2.nhri_points, "B": 1.0}

    assert dataclasses.replace(scoring.METHOD_2, nhri_points=generous_b).version != (
        scoring.METHOD_2.version
    )


def test_changing_the_coverage_rule_changes_the_method_version():
    laxer = dataclasses.replace(scoring.METHOD_2, coverage_floor=Fraction(1, 2))

    assert laxer.version != scoring.METHOD_2.version


def test_moving_an_indicator_between_groups_changes_the_method_version():
    first, second, *rest = scoring.GROUPS
    moved = (
        dataclasses.replace(first, indicators=first.indicators[:1]),
        dataclasses.replace(second, indicators=second.indicators + first.indicators[1:]),
        *rest,
    )

    assert dataclasses.replace(scoring.METHOD_2, groups=moved).version != scoring.METHOD_VERSION


def test_scorecard_carries_the_method_version():
    assert score(facts()).version == scoring.METHOD_VERSION


# Medians and the real dataset


def test_group_median_ignores_states_without_a_score():
    cards = [
        score(facts(participation=statuses(genocide_1948=s)))
        for s in (Status.PARTY, Status.NO_ACTION, Status.SIGNATORY)
    ] + [score(facts())]

    medians = scoring.group_medians(cards)

    assert medians["atrocity_crimes"] == 50
    assert medians["weapons"] is None


@pytest.mark.django_db
def test_scoring_a_prefetched_state_runs_no_query(dataset, django_assert_num_queries):
    states = list(State.objects.for_scorecard())
    treaties = list(Treaty.objects.all())

    with django_assert_num_queries(0):
        cards = [scoring.score_state(state, treaties, TODAY, TODAY) for state in states]

    assert len(cards) == len(states) > 0
