"""Every validation rule refuses bad input with a clear message, and nothing is written.

Rules are checked the way the admin, the importer and the API write: `full_clean()` then `save()`.
Rules the database also holds are checked by bypassing `clean()`: the row is refused with an
IntegrityError.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from commitments.models import (
    Accreditation,
    FocalPoint,
    InstitutionObservation,
    Law,
    NationalHumanRightsInstitution,
    Source,
    State,
    StatusObservation,
    Treaty,
    TreatyAction,
)
from commitments.vocabularies import Action, Precision
from tests import factories

pytestmark = pytest.mark.django_db

FUTURE_MESSAGE = "is in the future; record facts only once they have happened."


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def record(instance):
    """Validate and save, as every write path does."""
    instance.full_clean()
    instance.save()


def assert_refused(instance, field: str, message: str) -> None:
    """The write is refused with `message` on `field`, and the table is unchanged."""
    model = type(instance)
    before = model.objects.count()
    with pytest.raises(ValidationError) as refused:
        record(instance)
    messages = refused.value.message_dict.get(field, [])
    assert any(message in text for text in messages), refused.value.message_dict
    assert model.objects.count() == before


def assert_database_refuses(save) -> None:
    """The database itself refuses the write (clean() bypassed)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        save()


@pytest.fixture
def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def ap1():
    """Additional Protocol I, adopted on 8 June 1977."""
    return factories.TreatyFactory(key="ap1_test", adopted_on=datetime.date(1977, 6, 8))


# No date in the future.


def test_treaty_action_dated_tomorrow_is_refused(tomorrow):
    action = factories.TreatyActionFactory.build(
        state=factories.StateFactory(), treaty=factories.TreatyFactory(), date=tomorrow
    )
    assert_refused(action, "date", FUTURE_MESSAGE)


def test_status_observation_dated_tomorrow_is_refused(tomorrow):
    observation = factories.StatusObservationFactory.build(
        state=factories.StateFactory(),
        treaty=factories.TreatyFactory(),
        source=factories.SourceFactory(),
        observed_on=tomorrow,
    )
    assert_refused(observation, "observed_on", FUTURE_MESSAGE)


def test_law_enacted_tomorrow_is_refused(tomorrow):
    law = factories.LawFactory.build(
        state=factories.StateFactory(), source=factories.SourceFactory(), enacted_on=tomorrow
    )
    assert_refused(law, "enacted_on", FUTURE_MESSAGE)


def test_accreditation_decided_tomorrow_is_refused(tomorrow):
    accreditation = factories.AccreditationFactory.build(
        nhri=factories.NHRIFactory(),
        source=factories.SourceFactory(),
        decided_on=tomorrow,
        decided_on_precision=Precision.DAY,
    )
    assert_refused(accreditation, "decided_on", FUTURE_MESSAGE)


def test_source_speaking_for_tomorrow_is_refused(tomorrow):
    source = factories.SourceFactory.build(as_of=tomorrow)
    assert_refused(source, "as_of", FUTURE_MESSAGE)


def test_a_law_known_only_as_this_year_is_not_in_the_future():
    this_year = timezone.localdate().replace(month=1, day=1)
    law = factories.LawFactory.build(
        state=factories.StateFactory(),
        source=factories.SourceFactory(),
        enacted_on=this_year,
        enacted_on_precision=Precision.YEAR,
    )
    record(law)
    assert Law.objects.filter(pk=law.pk).exists()


# No action before the treaty's adoption, compared at the precision the date carries.


def signature_of(treaty, date, precision):
    return factories.TreatyActionFactory.build(
        state=factories.StateFactory(),
        treaty=treaty,
        source=factories.SourceFactory(),
        action=Action.SIGNATURE,
        date=date,
        date_precision=precision,
    )


@pytest.mark.parametrize(
    ("date", "precision"),
    [
        (datetime.date(1977, 1, 1), Precision.YEAR),
        (datetime.date(1977, 6, 1), Precision.MONTH),
        (datetime.date(1977, 6, 8), Precision.DAY),
    ],
    ids=["1977", "1977-06", "1977-06-08"],
)
def test_signature_in_the_period_of_adoption_is_not_before_it(ap1, date, precision):
    signature = signature_of(ap1, date, precision)
    record(signature)
    assert TreatyAction.objects.filter(pk=signature.pk).exists()


@pytest.mark.parametrize(
    ("date", "precision"),
    [
        (datetime.date(1976, 1, 1), Precision.YEAR),
        (datetime.date(1977, 5, 1), Precision.MONTH),
        (datetime.date(1977, 6, 7), Precision.DAY),
    ],
    ids=["1976", "1977-05", "1977-06-07"],
)
def test_signature_before_the_treatys_adoption_is_refused(ap1, date, precision):
    assert_refused(
        signature_of(ap1, date, precision),
        "date",
        "was adopted on 1977-06-08; no state can act on it before then.",
    )


# A withdrawal needs something earlier to withdraw.


def an_action(state, treaty, action, date, **fields):
    return factories.TreatyActionFactory.build(
        state=state,
        treaty=treaty,
        source=factories.SourceFactory(),
        action=action,
        date=date,
        **fields,
    )


@pytest.fixture
def state_and_treaty():
    return factories.StateFactory(), factories.TreatyFactory()


def denunciation_after(state, treaty, earlier_action, earlier_date):
    """A denunciation deposited on 2005-01-01, with one earlier-recorded action."""
    factories.TreatyActionFactory(
        state=state, treaty=treaty, action=earlier_action, date=d(earlier_date)
    )
    return an_action(
        state, treaty, Action.DENUNCIATION, d("2005-01-01"), effective_on=d("2006-01-01")
    )


@pytest.mark.parametrize(
    ("earlier_action", "earlier_date"),
    [(Action.SIGNATURE, "2000-01-10"), (Action.RATIFICATION, "2010-01-10")],
    ids=["only a signature", "consent after the notice"],
)
def test_denunciation_without_earlier_consent_is_refused(
    state_and_treaty, earlier_action, earlier_date
):
    denunciation = denunciation_after(*state_and_treaty, earlier_action, earlier_date)
    assert_refused(
        denunciation,
        "action",
        "A denunciation needs an earlier ratification, accession or other consent.",
    )


def test_denunciation_after_ratification_is_recorded(state_and_treaty):
    denunciation = denunciation_after(*state_and_treaty, Action.RATIFICATION, "2000-01-10")
    record(denunciation)
    assert TreatyAction.objects.filter(pk=denunciation.pk).exists()


def test_withdrawal_of_instrument_without_an_instrument_is_refused(state_and_treaty):
    state, treaty = state_and_treaty
    withdrawal = an_action(
        state, treaty, Action.WITHDRAWAL_OF_INSTRUMENT, datetime.date(2019, 4, 29)
    )
    assert_refused(withdrawal, "action", "Only an instrument recorded before this date")


def test_withdrawal_of_signature_without_a_signature_is_refused(state_and_treaty):
    state, treaty = state_and_treaty
    withdrawal = an_action(state, treaty, Action.WITHDRAWAL_OF_SIGNATURE, datetime.date(2002, 5, 6))
    assert_refused(withdrawal, "action", "Only a signature recorded before this date")


def test_withdrawal_of_signature_after_consent_is_refused(state_and_treaty):
    state, treaty = state_and_treaty
    for action, day in [(Action.SIGNATURE, 1), (Action.RATIFICATION, 2)]:
        factories.TreatyActionFactory(
            state=state, treaty=treaty, action=action, date=datetime.date(2000, 1, day)
        )
    withdrawal = an_action(state, treaty, Action.WITHDRAWAL_OF_SIGNATURE, datetime.date(2002, 5, 6))
    assert_refused(withdrawal, "action", "without consent, can be withdrawn")


# The day a denunciation takes effect.


def test_effective_on_before_the_date_of_deposit_is_refused(state_and_treaty):
    state, treaty = state_and_treaty
    ratification = an_action(
        state,
        treaty,
        Action.RATIFICATION,
        datetime.date(2011, 8, 30),
        effective_on=datetime.date(2011, 8, 1),
    )
    assert_refused(
        ratification,
        "effective_on",
        "The day it takes effect cannot be before the date of deposit (2011-08-30).",
    )


def test_database_refuses_effective_on_before_the_date_of_deposit(state_and_treaty):
    state, treaty = state_and_treaty
    ratification = an_action(
        state,
        treaty,
        Action.RATIFICATION,
        datetime.date(2011, 8, 30),
        effective_on=datetime.date(2011, 8, 1),
    )
    ratification.source.save()
    assert_database_refuses(ratification.save)
    assert not TreatyAction.objects.filter(state=state).exists()


def test_denunciation_without_the_day_it_takes_effect_is_refused(state_and_treaty):
    state, treaty = state_and_treaty
    factories.TreatyActionFactory(
        state=state, treaty=treaty, action=Action.RATIFICATION, date=datetime.date(2011, 8, 30)
    )
    denunciation = an_action(state, treaty, Action.DENUNCIATION, datetime.date(2018, 3, 17))
    assert_refused(
        denunciation,
        "effective_on",
        "A denunciation needs the day it takes effect as well as the day of notice.",
    )
    denunciation.source.save()
    assert_database_refuses(denunciation.save)


# No duplicate event.


def test_the_same_event_twice_is_refused(state_and_treaty):
    state, treaty = state_and_treaty
    first = factories.TreatyActionFactory(state=state, treaty=treaty)
    again = an_action(state, treaty, first.action, first.date)
    assert_refused(
        again, "__all__", "This event is already recorded for this state, treaty and date."
    )
    again.source.save()
    assert_database_refuses(again.save)


# ISO codes well formed and known.


def a_state(iso3, iso2):
    return State(
        iso3=iso3,
        iso2=iso2,
        short_name="Test",
        official_name="Test state",
        source=factories.SourceFactory(),
    )


def test_lower_case_iso3_code_is_refused():
    assert_refused(a_state("fra", "FR"), "iso3", "Use three capital letters, e.g. KHM.")


def test_iso3_code_that_iso_3166_does_not_know_is_refused():
    assert_refused(a_state("ZZZ", "ZZ"), "iso3", "ZZZ is not an ISO 3166 alpha-3 country code.")


def test_iso2_code_that_does_not_match_iso3_is_refused():
    assert_refused(a_state("FRA", "DE"), "iso2", "FRA's alpha-2 code is FR.")


@pytest.mark.parametrize(("iso3", "iso2"), [("FR1", "FR"), ("fra", "FR"), ("FRA", "f")])
def test_database_refuses_malformed_iso_codes(iso3, iso2):
    assert_database_refuses(a_state(iso3, iso2).save)
    assert not State.objects.filter(short_name="Test").exists()


# Closed vocabularies, in clean() and in the database.


def saved_fact(model):
    state = factories.StateFactory()
    return {
        TreatyAction: lambda: factories.TreatyActionFactory(state=state),
        StatusObservation: lambda: factories.StatusObservationFactory(state=state),
        Accreditation: lambda: factories.AccreditationFactory(
            nhri=factories.NHRIFactory(state=state)
        ),
        Law: lambda: factories.LawFactory(state=state),
        Treaty: factories.TreatyFactory,
        Source: factories.SourceFactory,
    }[model]()


VOCABULARIES = [
    (TreatyAction, "action"),
    (Accreditation, "status"),
    (StatusObservation, "status"),
    (Law, "category"),
    (Treaty, "category"),
    (Treaty, "scope"),
    (Source, "kind"),
    (TreatyAction, "confidence"),
    (Law, "confidence"),
]
VOCABULARY_IDS = [f"{model.__name__}.{field}" for model, field in VOCABULARIES]


@pytest.mark.parametrize(("model", "field"), VOCABULARIES, ids=VOCABULARY_IDS)
def test_a_value_outside_the_vocabulary_is_refused(model, field):
    fact = saved_fact(model)
    setattr(fact, field, "bogus")
    with pytest.raises(ValidationError) as refused:
        fact.full_clean()
    assert "Value 'bogus' is not a valid choice." in refused.value.message_dict[field]
    fact.refresh_from_db()
    assert getattr(fact, field) != "bogus"


@pytest.mark.parametrize(("model", "field"), VOCABULARIES, ids=VOCABULARY_IDS)
def test_database_refuses_a_value_outside_the_vocabulary(model, field):
    fact = saved_fact(model)
    assert_database_refuses(lambda: model.objects.filter(pk=fact.pk).update(**{field: "bogus"}))
    assert not model.objects.filter(**{field: "bogus"}).exists()


def test_an_unknown_observation_is_not_a_statement_a_source_can_make():
    observation = factories.StatusObservationFactory.build(
        state=factories.StateFactory(),
        treaty=factories.TreatyFactory(),
        source=factories.SourceFactory(),
        status="unknown",
    )
    assert_refused(observation, "status", "Value 'unknown' is not a valid choice.")


# No fact without a source.


def unsourced(model):
    state = factories.StateFactory()
    treaty = factories.TreatyFactory()
    return {
        TreatyAction: lambda: factories.TreatyActionFactory.build(
            state=state, treaty=treaty, source=None
        ),
        StatusObservation: lambda: factories.StatusObservationFactory.build(
            state=state, treaty=treaty, source=None
        ),
        FocalPoint: lambda: factories.FocalPointFactory.build(state=state, source=None),
        NationalHumanRightsInstitution: lambda: factories.NHRIFactory.build(
            state=state, source=None
        ),
        Accreditation: lambda: factories.AccreditationFactory.build(
            nhri=factories.NHRIFactory(state=state), source=None
        ),
        Law: lambda: factories.LawFactory.build(state=state, source=None),
        InstitutionObservation: lambda: factories.InstitutionObservationFactory.build(
            state=state, source=None
        ),
        Treaty: lambda: factories.TreatyFactory.build(source=None),
        State: lambda: factories.StateFactory.build(iso3="JPN", iso2="JP", source=None),
    }[model]()


@pytest.mark.parametrize(
    "model",
    [
        TreatyAction,
        StatusObservation,
        FocalPoint,
        NationalHumanRightsInstitution,
        Accreditation,
        Law,
        InstitutionObservation,
        Treaty,
        State,
    ],
    ids=lambda model: model.__name__,
)
def test_a_fact_without_a_source_is_refused(model):
    fact = unsourced(model)
    assert_refused(fact, "source", "This field cannot be null.")
    assert_database_refuses(fact.save)


# A consent that confirms a signature cannot come before it.


@pytest.mark.parametrize("consent", [Action.RATIFICATION, Action.ACCEPTANCE, Action.APPROVAL])
def test_consent_dated_before_the_states_own_signature_is_refused(state_and_treaty, consent):
    state, treaty = state_and_treaty
    factories.TreatyActionFactory(state=state, treaty=treaty, date=d("2000-10-02"))
    ratification = an_action(state, treaty, consent, d("1999-05-01"))
    assert_refused(ratification, "date", "cannot be dated 1999-05-01, before that signature")


def test_signature_dated_after_the_states_ratification_is_refused(state_and_treaty):
    state, treaty = state_and_treaty
    factories.TreatyActionFactory(
        state=state, treaty=treaty, action=Action.RATIFICATION, date=d("1999-05-01")
    )
    signature = an_action(state, treaty, Action.SIGNATURE, d("2000-10-02"))
    assert_refused(signature, "date", "would come after the consent it must precede")


def test_accession_needs_no_signature_and_may_come_before_a_later_one(state_and_treaty):
    state, treaty = state_and_treaty
    record(an_action(state, treaty, Action.ACCESSION, d("1999-05-01")))
    assert TreatyAction.objects.filter(state=state, action=Action.ACCESSION).exists()


def test_ratification_in_the_same_year_as_a_signature_known_only_to_the_year_is_accepted(
    state_and_treaty,
):
    state, treaty = state_and_treaty
    factories.TreatyActionFactory(
        state=state, treaty=treaty, date=d("2000-01-01"), date_precision=Precision.YEAR
    )
    record(an_action(state, treaty, Action.RATIFICATION, d("2000-03-05")))
    assert TreatyAction.objects.filter(state=state, action=Action.RATIFICATION).exists()


def test_ratification_without_a_signature_is_saved_with_a_warning(state_and_treaty):
    state, treaty = state_and_treaty
    ratification = an_action(state, treaty, Action.RATIFICATION, d("2003-04-01"))
    record(ratification)
    (warning,) = ratification.warnings()
    assert "No signature" in warning and "record an accession" in warning
    factories.TreatyActionFactory(state=state, treaty=treaty, date=d("2001-01-01"))
    assert ratification.warnings() == []


# Sources: one per address and date; every address can be stored and indexed.


def test_a_second_source_with_the_same_address_and_date_is_refused():
    first = factories.SourceFactory()
    duplicate = factories.SourceFactory.build(url=first.url, as_of=first.as_of)
    assert_refused(duplicate, "__all__", "already recorded; choose it instead")


def test_a_second_undated_source_with_the_same_address_is_refused():
    first = factories.SourceFactory(as_of=None, as_of_precision=Precision.UNKNOWN)
    duplicate = factories.SourceFactory.build(
        url=first.url, as_of=None, as_of_precision=Precision.UNKNOWN
    )
    assert_refused(duplicate, "__all__", "already recorded; choose it instead")
    assert_database_refuses(duplicate.save)


def test_the_same_address_read_as_of_another_date_is_another_source():
    first = factories.SourceFactory()
    record(factories.SourceFactory.build(url=first.url, as_of=d("2024-01-01")))
    assert Source.objects.filter(url=first.url).count() == 2


def test_an_address_too_long_to_index_is_refused_with_its_limit():
    source = factories.SourceFactory.build(url="https://example.org/" + "ก" * 700)
    assert_refused(source, "url", "Shorten the address to 2000 bytes or fewer.")


def test_origin_addresses_are_each_checked():
    source = factories.SourceFactory.build(
        origin_url="https://treaties.un.org/a | not a url", origin_title="A | B"
    )
    assert_refused(source, "origin_url", "not a url is not a URL")


def test_a_copy_names_each_document_it_stands_for():
    source = factories.SourceFactory.build(
        origin_url="https://treaties.un.org/a | https://treaties.unoda.org/t/bwc",
        origin_title="UN Treaty Collection, Chapter XVIII-10",
    )
    assert source.origins == [
        ("UN Treaty Collection, Chapter XVIII-10", "https://treaties.un.org/a"),
        ("treaties.unoda.org", "https://treaties.unoda.org/t/bwc"),
    ]


# Institution observations.


@pytest.mark.parametrize(
    ("indicator", "status"),
    [("nhri", "designated"), ("focal_point", "A"), ("group_of_friends", "none")],
)
def test_an_institution_observation_states_only_what_fits_its_indicator(indicator, status):
    observation = factories.InstitutionObservationFactory.build(
        state=factories.StateFactory(),
        source=factories.SourceFactory(),
        indicator=indicator,
        status=status,
    )
    assert_refused(observation, "status", "a source can state")
    assert_database_refuses(observation.save)


def test_a_sourced_absence_of_a_law_can_be_recorded():
    observation = factories.InstitutionObservationFactory.build(
        state=factories.StateFactory(),
        source=factories.SourceFactory(),
        indicator="law:trafficking",
        status="no_law",
    )
    record(observation)
    assert observation.get_status_display() == "no such law in force"


def test_the_same_undated_statement_twice_is_refused():
    observation = factories.InstitutionObservationFactory(
        state=factories.StateFactory(), observed_on=None, observed_on_precision=Precision.UNKNOWN
    )
    again = factories.InstitutionObservationFactory.build(
        state=observation.state,
        source=observation.source,
        indicator=observation.indicator,
        status=observation.status,
        observed_on=None,
        observed_on_precision=Precision.UNKNOWN,
    )
    assert_refused(again, "__all__", "already recorded for this state and indicator")


def test_two_focal_points_with_the_same_office_and_unknown_date_are_refused():
    state = factories.StateFactory()
    first = factories.FocalPointFactory(
        state=state, designated_on=None, designated_on_precision=Precision.UNKNOWN
    )
    again = factories.FocalPointFactory.build(
        state=state,
        office=first.office,
        source=factories.SourceFactory(),
        designated_on=None,
        designated_on_precision=Precision.UNKNOWN,
    )
    assert_refused(again, "__all__", "already recorded for this state, office and date")


# States: independence and UN admission need their sources.


def test_an_independence_date_without_its_source_is_refused():
    state = factories.StateFactory.build(
        iso3="JPN", iso2="JP", source=factories.SourceFactory(), independent_on=d("1952-04-28")
    )
    assert_refused(state, "independence_source", "Give the source of the independence date.")
