"""factory_boy factories for unsaved or saved model instances."""

import datetime

import factory

from commitments import models
from commitments.vocabularies import (
    Action,
    Confidence,
    EngagementKind,
    GanhriStatus,
    IndicatorStatus,
    InstitutionIndicator,
    LawCategory,
    MechanismKind,
    ObservedStatus,
    Precision,
    ReviewStatus,
    SourceKind,
    TreatyCategory,
    UprResponse,
)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source

    url = factory.Sequence(lambda n: f"https://example.org/source/{n}")
    title = factory.Sequence(lambda n: f"Source {n}")
    publisher = "Example publisher"
    as_of = datetime.date(2020, 1, 1)
    as_of_precision = Precision.DAY
    kind = SourceKind.OFFICIAL


class StateFactory(factory.django.DjangoModelFactory):
    """Non-ASEAN ISO codes, so factories never collide with the loaded dataset."""

    class Meta:
        model = models.State
        django_get_or_create = ("iso3",)

    iso3 = factory.Iterator(["FRA", "DEU", "JPN", "KOR", "IND", "AUS", "NZL", "CAN", "BRA", "ZAF"])
    iso2 = factory.LazyAttribute(
        lambda o: {
            "FRA": "FR",
            "DEU": "DE",
            "JPN": "JP",
            "KOR": "KR",
            "IND": "IN",
            "AUS": "AU",
            "NZL": "NZ",
            "CAN": "CA",
            "BRA": "BR",
            "ZAF": "ZA",
        }[o.iso3]
    )
    short_name = factory.LazyAttribute(lambda o: f"State {o.iso3}")
    official_name = factory.LazyAttribute(lambda o: f"Republic of {o.iso3}")
    asean_admission_date = None
    source = factory.SubFactory(SourceFactory)


class TreatyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Treaty

    key = factory.Sequence(lambda n: f"test_treaty_{n}")
    short_name = factory.Sequence(lambda n: f"Test Treaty {n}")
    title = factory.LazyAttribute(lambda o: f"Convention on {o.short_name}")
    category = TreatyCategory.HUMAN_RIGHTS
    adopted_on = datetime.date(1990, 6, 15)
    entry_into_force_on = datetime.date(1992, 1, 1)
    depositary = "UN Secretary-General"
    source = factory.SubFactory(SourceFactory)


class FactFactory(factory.django.DjangoModelFactory):
    """A fact as the dataset files or an Editor record it: published."""

    class Meta:
        abstract = True

    review_status = ReviewStatus.PUBLISHED


class TreatyActionFactory(FactFactory):
    class Meta:
        model = models.TreatyAction

    state = factory.SubFactory(StateFactory)
    treaty = factory.SubFactory(TreatyFactory)
    action = Action.SIGNATURE
    date = datetime.date(2000, 1, 10)
    date_precision = Precision.DAY
    confidence = Confidence.PRIMARY
    source = factory.SubFactory(SourceFactory)


class StatusObservationFactory(FactFactory):
    class Meta:
        model = models.StatusObservation

    state = factory.SubFactory(StateFactory)
    treaty = factory.SubFactory(TreatyFactory)
    status = ObservedStatus.NO_ACTION
    observed_on = datetime.date(2016, 3, 8)
    observed_on_precision = Precision.DAY
    source = factory.SubFactory(SourceFactory)


class FocalPointFactory(FactFactory):
    class Meta:
        model = models.FocalPoint

    state = factory.SubFactory(StateFactory)
    office = "Ministry of Foreign Affairs, Human Rights Department"
    designated_on = datetime.date(2015, 5, 1)
    designated_on_precision = Precision.DAY
    source = factory.SubFactory(SourceFactory)


class NHRIFactory(FactFactory):
    class Meta:
        model = models.NationalHumanRightsInstitution

    state = factory.SubFactory(StateFactory)
    name = factory.Sequence(lambda n: f"Human Rights Commission {n}")
    acronym = factory.Sequence(lambda n: f"HRC{n}")
    established_on = datetime.date(1999, 1, 1)
    source = factory.SubFactory(SourceFactory)


class AccreditationFactory(FactFactory):
    class Meta:
        model = models.Accreditation

    nhri = factory.SubFactory(NHRIFactory)
    status = GanhriStatus.A
    decided_on = datetime.date(2015, 11, 1)
    decided_on_precision = Precision.MONTH
    source = factory.SubFactory(SourceFactory)


class LawFactory(FactFactory):
    class Meta:
        model = models.Law

    state = factory.SubFactory(StateFactory)
    title = factory.Sequence(lambda n: f"Act {n} on Crimes against Humanity")
    number = factory.Sequence(lambda n: f"No. {n}")
    enacted_on = datetime.date(2010, 12, 11)
    enacted_on_precision = Precision.DAY
    category = LawCategory.ROME_STATUTE
    source = factory.SubFactory(SourceFactory)


class InstitutionObservationFactory(FactFactory):
    class Meta:
        model = models.InstitutionObservation

    state = factory.SubFactory(StateFactory)
    indicator = InstitutionIndicator.NHRI
    status = IndicatorStatus.NO_NHRI
    observed_on = datetime.date(2016, 2, 8)
    observed_on_precision = Precision.DAY
    confidence = Confidence.SECONDARY
    source = factory.SubFactory(SourceFactory)


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Engagement

    state = factory.SubFactory(StateFactory)
    kind = EngagementKind.UNGA_STATEMENT
    date = datetime.date(2013, 9, 11)
    date_precision = Precision.DAY
    title = factory.Sequence(lambda n: f"Statement {n} at the informal interactive dialogue on R2P")
    confidence = Confidence.PRIMARY
    source = factory.SubFactory(SourceFactory)


class NationalMechanismFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.NationalMechanism

    state = factory.SubFactory(StateFactory)
    kind = MechanismKind.EARLY_WARNING
    date = datetime.date(2019, 3, 21)
    date_precision = Precision.DAY
    title = factory.Sequence(lambda n: f"Early response network {n} launched")
    confidence = Confidence.SECONDARY
    source = factory.SubFactory(SourceFactory)


class UprRecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.UprRecommendation

    state = factory.SubFactory(StateFactory)
    cycle = 1
    review_date = datetime.date(2010, 5, 4)
    recommending_states = "France"
    recommendation = "Accede to the Rome Statute (France);"
    target = "rome_statute_1998"
    response = UprResponse.SUPPORTED
    document = "A/HRC/15/5"
    paragraph = factory.Sequence(lambda n: f"98.{n}")
    confidence = Confidence.PRIMARY
    source = factory.SubFactory(SourceFactory)
