"""Method 2: sourced absence, not applicable, the coverage rule, ranks, and every method kept.

Rules are checked on unsaved instances; the last tests read the shipped dataset.
"""

import datetime

import pytest

from commitments import scoring
from commitments.models import State, Treaty
from commitments.scoring import StateFacts, score
from commitments.status import Participation
from commitments.vocabularies import IndicatorStatus, Status, TreatyScope
from tests.factories import (
    AccreditationFactory,
    FocalPointFactory,
    InstitutionObservationFactory,
    LawFactory,
    NHRIFactory,
    StateFactory,
    TreatyFactory,
)

TODAY = datetime.date(2026, 11, 27)
M1, M2 = scoring.METHOD_1, scoring.METHOD_2


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def facts(on=TODAY, **kwargs) -> StateFacts:
    return StateFacts(on=on, today=TODAY, **kwargs)


def observed(indicator: str, status: str, on: str | None = "2023-12-21", **kwargs):
    return InstitutionObservationFactory.build(
        indicator=indicator,
        status=status,
        observed_on=d(on) if on else None,
        observed_on_precision="day" if on else "unknown",
        **kwargs,
    )


def result(card: scoring.Scorecard, key: str) -> scoring.IndicatorResult:
    return next(r for r in card.indicators if r.indicator.key == key)


def every_treaty(status: str) -> dict[str, Participation]:
    return {key: Participation(status=status, on=TODAY) for key in M2.treaty_keys}


# Sourced absence.


def test_a_sourced_absence_of_an_nhri_scores_zero_where_silence_stays_unknown():
    absent = facts(institution_observations=[observed("nhri", "none")])

    assert (result(score(absent), "nhri").status, result(score(absent), "nhri").points) == (
        "none",
        0,
    )
    assert result(score(facts()), "nhri").points is None
    assert result(score(absent, M1), "nhri").points is None


def test_the_statement_of_absence_is_the_evidence_and_source_of_the_zero():
    statement = observed("focal_point", "not_designated", "2015-08-12")

    focal = result(score(facts(institution_observations=[statement])), "focal_point")

    assert (focal.status, focal.points) == ("not_designated", 0)
    assert focal.observation is statement and focal.source is statement.source
    assert focal.last_verified.isoformat() == "2015-08-12"


def test_a_statement_speaks_for_its_date_not_before_it():
    statement = observed("nhri", "none", "2023-12-21")

    earlier = score(facts(on=d("2020-01-01"), institution_observations=[statement]))

    assert result(earlier, "nhri").points is None


def test_a_later_decision_overrides_an_earlier_statement_of_absence():
    nhri = NHRIFactory.build(established_on=d("2011-09-05"))
    decision = AccreditationFactory.build(nhri=nhri, status="B", decided_on=d("2015-11-01"))
    statement = observed("nhri", "none", "2012-09-21")

    card = score(
        facts(nhris=[nhri], accreditations=[decision], institution_observations=[statement])
    )

    assert (result(card, "nhri").status, result(card, "nhri").points) == ("B", 0.5)
    assert result(card, "nhri").contradiction is None


def test_a_statement_that_disagrees_with_the_decision_of_its_date_is_a_contradiction():
    nhri = NHRIFactory.build()
    decision = AccreditationFactory.build(nhri=nhri, status="A", decided_on=d("2015-11-01"))
    statement = observed("nhri", "none", "2020-06-01")

    nhri_result = result(
        score(facts(nhris=[nhri], accreditations=[decision], institution_observations=[statement])),
        "nhri",
    )

    assert nhri_result.status == "A"
    assert nhri_result.contradiction is statement


def test_a_removed_accreditation_agrees_with_a_statement_of_no_accredited_nhri():
    nhri = NHRIFactory.build()
    removed = AccreditationFactory.build(nhri=nhri, status="removed", decided_on=d("2025-01-16"))
    statement = observed("nhri", "none", "2025-01-16")

    nhri_result = result(
        score(facts(nhris=[nhri], accreditations=[removed], institution_observations=[statement])),
        "nhri",
    )

    assert nhri_result.points == 0 and nhri_result.contradiction is None


def test_an_undated_statement_speaks_only_for_the_present():
    statement = observed("focal_point", "designated", None)

    assert result(score(facts(institution_observations=[statement])), "focal_point").points == 1
    past = facts(on=d("2015-01-01"), institution_observations=[statement])
    assert result(score(past), "focal_point").points is None


def test_a_designation_in_force_answers_before_a_statement():
    designation = FocalPointFactory.build(designated_on=d("2016-06-20"))
    statement = observed("focal_point", "not_designated", "2018-01-01")

    focal = result(
        score(facts(focal_points=[designation], institution_observations=[statement])),
        "focal_point",
    )

    assert focal.status == "designated"
    assert focal.contradiction is statement


def test_no_law_needs_a_sourced_absence_for_every_category_the_indicator_accepts():
    rome = observed("law:rome_statute_implementation", "no_law", "2019-01-01")
    ihl = observed("law:ihl_implementation", "no_law", "2020-01-01")

    one = result(score(facts(institution_observations=[rome])), "law_atrocity_crimes")
    both = result(score(facts(institution_observations=[rome, ihl])), "law_atrocity_crimes")

    assert one.points is None
    assert (both.status, both.points) == (IndicatorStatus.NO_LAW, 0)
    assert both.source is ihl.source


def test_a_law_in_force_answers_before_a_statement_of_absence():
    law = LawFactory.build(category="trafficking", enacted_on=d("2008-02-15"))
    statement = observed("law:trafficking", "no_law", "2010-01-01")

    law_result = result(
        score(facts(laws=[law], institution_observations=[statement])), "law_trafficking"
    )

    assert law_result.points == 1
    assert law_result.contradiction is statement


# Not applicable.


def test_a_treaty_before_it_could_bind_the_state_is_not_applicable_not_zero():
    card = score(
        facts(
            on=d("2005-01-01"),
            participation={"att_2013": Participation(status=Status.NO_ACTION, on=d("2005-01-01"))},
            treaty_applicable_from={"att_2013": d("2013-04-02")},
        )
    )

    att = result(card, "att_2013")
    assert (att.status, att.points, att.is_applicable) == ("not_applicable", None, False)
    weapons = card.group("weapons").coverage
    assert weapons.applicable == weapons.total - 1


def test_method_1_reads_the_same_cell_as_the_record_says():
    card = score(
        facts(
            on=d("2005-01-01"),
            participation={"att_2013": Participation(status=Status.NO_ACTION, on=d("2005-01-01"))},
            treaty_applicable_from={"att_2013": d("2013-04-02")},
        ),
        M1,
    )

    assert (result(card, "att_2013").status, result(card, "att_2013").points) == ("no_action", 0)


@pytest.mark.parametrize(
    ("key", "first_day"),
    [("nhri", d("1993-12-20")), ("focal_point", d("2005-09-16"))],
)
def test_an_institution_indicator_before_its_commitment_existed_is_not_applicable(key, first_day):
    before = result(score(facts(on=first_day - datetime.timedelta(days=1))), key)
    on_the_day = result(score(facts(on=first_day)), key)

    assert before.status == "not_applicable"
    assert on_the_day.status == "unknown"


def test_a_state_before_its_independence_has_no_score_and_nothing_applicable():
    card = score(
        facts(
            on=d("1990-01-01"),
            participation=every_treaty(Status.NO_ACTION),
            independent_on=d("2002-05-20"),
        )
    )

    assert not card.applicable
    assert card.total is None and not card.insufficient
    assert {r.status for r in card.indicators} == {"not_applicable"}
    assert card.coverage.applicable == 0


@pytest.mark.django_db
def test_a_regional_treaty_applies_from_the_states_admission_to_asean():
    treaty = TreatyFactory.build(adopted_on=d("2015-11-21"), scope=TreatyScope.ASEAN)
    member = StateFactory.build(asean_admission_date=d("1967-08-08"))
    newcomer = StateFactory.build(asean_admission_date=d("2025-10-26"))
    outsider = StateFactory.build(asean_admission_date=None)

    assert treaty.applicable_from(member) == d("2015-11-21")
    assert treaty.applicable_from(newcomer) == d("2025-10-26")
    assert treaty.applicable_from(outsider) == datetime.date.max


# Totals only where coverage allows.


def _known(count: int, indicators=M2.indicators) -> dict[str, Participation]:
    treaty_keys = [i.key for i in indicators if i.kind == scoring.TREATY][:count]
    return {key: Participation(status=Status.PARTY, on=TODAY) for key in treaty_keys}


def test_a_total_needs_two_thirds_of_the_applicable_indicators():
    applicable = len(M2.indicators)
    needed = -(-2 * applicable // 3)
    sources = {
        "focal_point": [FocalPointFactory.build(designated_on=d("2016-01-01"))],
        "laws": [LawFactory.build(category=c, title=c) for c in ("trafficking", "atrocity_denial")],
    }
    # Every group known, then treaties until the threshold.
    enough = score(
        facts(
            participation=_known(needed - 3),
            **{"focal_points": sources["focal_point"], "laws": sources["laws"]},
        )
    )
    short = score(
        facts(
            participation=_known(needed - 4),
            **{"focal_points": sources["focal_point"], "laws": sources["laws"]},
        )
    )

    assert enough.coverage.known == needed and enough.total is not None
    assert short.coverage.known == needed - 1
    assert short.total is None and short.insufficient
    assert short.raw_total == 100


def test_a_total_needs_one_known_indicator_in_every_group():
    # Every treaty known, nothing about institutions or laws.
    card = score(facts(participation=every_treaty(Status.PARTY)))

    assert card.coverage.known >= 2 * card.coverage.applicable / 3
    assert card.total is None and card.insufficient


def test_method_1_publishes_a_total_whatever_its_coverage():
    card = score(facts(participation=_known(1, M1.indicators)), M1)

    assert card.total == 100


# Ranks.


def _card(total: float | None, applicable: bool = True) -> scoring.Scorecard:
    return scoring.Scorecard(
        on=TODAY,
        method=M2,
        total=total,
        raw_total=total,
        coverage=scoring.Coverage(0, 0, 0),
        groups=(),
        applicable=applicable,
    )


def test_ranks_put_the_best_first_and_ties_share_a_rank():
    ranks = scoring.ranks(
        {
            "A": _card(90.0),
            "B": _card(80.04),
            "C": _card(79.96),
            "D": _card(70.0),
            "E": _card(None),
            "F": _card(None, applicable=False),
        }
    )

    assert [ranks[k].position for k in "ABCDEF"] == [1, 2, 2, 4, None, None]
    assert {rank.of for rank in ranks.values()} == {5}


# Choosing a method.


@pytest.mark.parametrize("text", ["1", "1.0", scoring.METHOD_1.version, " 1.0 "])
def test_a_method_is_named_by_its_number_or_its_full_version(text):
    assert scoring.get_method(text) is M1


def test_no_method_named_is_the_current_method():
    assert scoring.get_method("") is scoring.CURRENT is M2


def test_an_unknown_method_is_refused_with_the_choices():
    with pytest.raises(scoring.UnknownMethod, match="choose one of 1.0, 2.0"):
        scoring.get_method("3.1")


# The shipped dataset.


def _scorecards(on: datetime.date, method=M2) -> dict[str, scoring.Scorecard]:
    treaties = list(Treaty.objects.all())
    return {
        state.iso3: scoring.score_state(state, treaties, on, TODAY, method)
        for state in State.objects.for_scorecard()
    }


@pytest.mark.django_db
def test_cambodias_institutions_are_scored_from_sourced_absences(dataset):
    cambodia = _scorecards(TODAY)["KHM"]
    institutions = cambodia.group("institutions")

    assert institutions.score == 0
    assert institutions.coverage.known == 2
    for indicator in institutions.indicators:
        assert indicator.observation is not None and indicator.source is not None
        assert indicator.source.url.startswith("http")


@pytest.mark.django_db
def test_cambodias_total_and_rank_follow_from_the_sourced_absences(dataset):
    method_2 = _scorecards(TODAY)
    method_1 = _scorecards(TODAY, M1)

    assert method_1["KHM"].group("institutions").score is None
    assert method_2["KHM"].total < method_1["KHM"].total
    ranks_1, ranks_2 = scoring.ranks(method_1), scoring.ranks(method_2)
    assert ranks_1["KHM"].position == 1
    assert ranks_2["KHM"].position > 1


@pytest.mark.django_db
def test_timor_leste_in_1990_has_no_score_and_no_rank(dataset):
    cards = _scorecards(d("1990-01-01"))

    assert not cards["TLS"].applicable and cards["TLS"].total is None
    assert scoring.ranks(cards)["TLS"].position is None
    assert scoring.ranks(cards)["TLS"].of == 10
