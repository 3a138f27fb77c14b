import datetime
from collections import Counter
from urllib.parse import urlsplit

import pycountry
import pytest
from django.core.management import CommandError, call_command

from commitments.models import (
    FACT_MODELS,
    Accreditation,
    FocalPoint,
    Law,
    NationalHumanRightsInstitution,
    RegionalEvent,
    Source,
    State,
    StatusObservation,
    Treaty,
    TreatyAction,
)
from commitments.synthetic import (
    NAME_PREFIX,
    SYNTHETIC_HOST,
    SYNTHETIC_PUBLISHER,
    Generator,
    generate,
)
from commitments.vocabularies import Action, Status

pytestmark = pytest.mark.slow

ASEAN = {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "TLS", "VNM"}


def _rows(model):
    return list(model.objects.filter(source__publisher=SYNTHETIC_PUBLISHER))


def _fields(instance) -> tuple:
    return tuple(
        getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if not f.is_relation and f.attname not in {"id", "created_at", "updated_at"}
    )


def test_every_generated_row_passes_the_model_rules(db, today):
    generate(states=12, treaties=25, seed=7, today=today)

    checked = Counter()
    for model in FACT_MODELS:
        rows = list(model.objects.filter(**_synthetic_filter(model)).order_by("pk"))
        if model is TreatyAction:
            # Every withdrawal and denunciation (checked against the events before it), and a
            # spread of the signatures and consents.
            common = {Action.SIGNATURE, Action.RATIFICATION, Action.ACCESSION}
            rows = [a for a in rows if a.action not in common] + [
                a for a in rows if a.action in common
            ][::4]
        for instance in rows[:300]:
            instance.full_clean()
            checked[model.__name__] += 1

    assert checked["State"] == 12
    assert checked["Treaty"] == 25
    assert checked["TreatyAction"] > 50
    assert checked["StatusObservation"] > 50
    assert checked["Accreditation"] > 0


def _synthetic_filter(model) -> dict:
    if model is Source:
        return {"publisher": SYNTHETIC_PUBLISHER}
    if model is Accreditation:
        return {"nhri__state__short_name__startswith": NAME_PREFIX}
    if model is Treaty:
        return {"key__startswith": "synthetic_"}
    if model is State:
        return {"short_name__startswith": NAME_PREFIX}
    if model is RegionalEvent:
        return {"source__publisher": SYNTHETIC_PUBLISHER}
    return {"state__short_name__startswith": NAME_PREFIX}


def test_every_generated_fact_is_marked_synthetic_and_the_real_data_is_untouched(db, today):
    real_states = set(State.objects.values_list("iso3", flat=True))
    real_actions = TreatyAction.objects.count()

    generate(states=40, treaties=10, seed=3, today=today)

    synthetic_states = State.objects.filter(short_name__startswith=NAME_PREFIX)
    assert synthetic_states.count() == 40
    assert not set(synthetic_states.values_list("iso3", flat=True)) & real_states
    assert all(s.official_name.startswith(NAME_PREFIX) for s in synthetic_states)
    for state in synthetic_states:
        assert pycountry.countries.get(alpha_3=state.iso3).alpha_2 == state.iso2
    for source in Source.objects.filter(publisher=SYNTHETIC_PUBLISHER):
        assert urlsplit(source.url).hostname == SYNTHETIC_HOST
    # Synthetic facts point only at synthetic sources and synthetic states.
    for model in (TreatyAction, StatusObservation, FocalPoint, NationalHumanRightsInstitution, Law):
        facts = model.objects.filter(state__in=synthetic_states)
        assert not facts.exclude(source__publisher=SYNTHETIC_PUBLISHER).exists()
        assert (
            not model.objects.filter(source__publisher=SYNTHETIC_PUBLISHER)
            .exclude(state__in=synthetic_states)
            .exists()
        )
    assert TreatyAction.objects.filter(state__iso3__in=real_states).count() == real_actions
    assert State.objects.filter(iso3__in=ASEAN).count() == 11


def test_generated_facts_have_history_rows(db, today):
    report = generate(states=3, treaties=4, seed=1, today=today)

    actions = _rows(TreatyAction)
    assert report.counts["treaty actions"] == len(actions)
    assert TreatyAction.history.filter(id__in=[a.pk for a in actions]).count() == len(actions)


def test_the_same_seed_gives_the_same_dataset_and_another_seed_does_not(today):
    country = pycountry.countries.get(alpha_3="FRA")

    def build(seed):
        generator = Generator(seed, today)
        _, treaties = generator.treaties(30)
        facts = generator.state(country, treaties)
        return [_fields(t) for t in treaties], [
            (a.treaty.key, *_fields(a)) for a in facts.actions
        ] + [(o.treaty.key, *_fields(o)) for o in facts.observations]

    assert build(5) == build(5)
    assert build(5) != build(6)


def test_the_mix_holds_every_status_and_the_hard_cases(db, today):
    generate(states=30, treaties=30, seed=11, today=today)

    states = list(State.objects.filter(short_name__startswith=NAME_PREFIX).for_scorecard())
    treaties = list(Treaty.objects.filter(key__startswith="synthetic_"))
    cells = [p for s in states for p in s.participation(treaties, today, today).values()]
    statuses = Counter(p.status for p in cells)
    actions = Counter(TreatyAction.objects.values_list("action", flat=True))

    # Every synthetic treaty is open to every state and adopted before today.
    assert set(statuses) == set(Status.values) - {Status.NOT_APPLICABLE}
    # Roughly the ASEAN dataset's share of unverified cells (18 of 231).
    assert 0.03 < statuses[Status.UNKNOWN] / len(cells) < 0.15
    assert statuses[Status.PARTY] > statuses[Status.SIGNATORY] > statuses[Status.WITHDRAWN]
    assert any(p.is_contradictory for p in cells)
    for kind in (
        Action.SIGNATURE,
        Action.RATIFICATION,
        Action.ACCESSION,
        Action.DENUNCIATION,
        Action.WITHDRAWAL_OF_INSTRUMENT,
        Action.WITHDRAWAL_OF_SIGNATURE,
    ):
        assert actions[kind] > 0, kind
    assert {"day", "month", "year"} <= set(
        TreatyAction.objects.values_list("date_precision", flat=True)
    )
    denunciations = TreatyAction.objects.filter(action=Action.DENUNCIATION)
    assert all(d.effective_on > d.date for d in denunciations)
    assert StatusObservation.objects.filter(
        state__in=states, status="no_action", observed_on__isnull=True
    ).exists()
    assert max(Counter(Accreditation.objects.values_list("nhri", flat=True)).values()) > 2
    assert FocalPoint.objects.filter(state__in=states, ended_on__isnull=False).exists()
    assert Law.objects.filter(state__in=states).exists()


def test_states_take_only_codes_not_yet_in_the_database(db, today):
    free = len(pycountry.countries) - 11

    with pytest.raises(ValueError, match=f"Only {free} ISO 3166 countries"):
        generate(states=free + 1, treaties=1, seed=1, today=today)
    assert not State.objects.filter(short_name__startswith=NAME_PREFIX).exists()


def test_command_refuses_a_database_holding_the_real_dataset(db):
    before = {model: model.objects.count() for model in FACT_MODELS}

    with pytest.raises(CommandError, match="not synthetic .* 11 states, 22 treaties"):
        call_command("generate_synthetic", states=2, treaties=2, seed=1)

    assert {model: model.objects.count() for model in FACT_MODELS} == before


def test_command_refuses_a_database_with_any_real_source(empty_database):
    Source.objects.create(url="https://treaties.un.org/", publisher="United Nations")

    with pytest.raises(CommandError, match="1 sources"):
        call_command("generate_synthetic", states=2, treaties=2, seed=1)
    assert State.objects.count() == 0


def test_command_fills_an_empty_database_and_refuses_to_add_a_second_dataset(
    empty_database, capsys
):
    call_command("generate_synthetic", states=4, treaties=6, seed=2)

    out = capsys.readouterr().out
    assert "Generated 4 synthetic states x 6 treaties (seed 2)." in out
    assert State.objects.count() == 4
    assert Treaty.objects.count() == 6
    assert f"treaty actions: {TreatyAction.objects.count()}" in out

    with pytest.raises(CommandError, match="already holds 6 synthetic treaties"):
        call_command("generate_synthetic", states=1, treaties=1, seed=3)
    assert State.objects.count() == 4


def test_command_rejects_a_negative_size(empty_database):
    with pytest.raises(CommandError, match="cannot be negative"):
        call_command("generate_synthetic", states=-1, treaties=2)


def test_generated_dates_are_never_in_the_future(db):
    today = datetime.date(2026, 11, 27)
    generate(states=15, treaties=20, seed=4, today=today)

    assert not TreatyAction.objects.filter(date__gt=today).exists()
    assert not StatusObservation.objects.filter(observed_on__gt=today).exists()
    assert not Accreditation.objects.filter(decided_on__gt=today).exists()
    assert not Source.objects.filter(as_of__gt=today).exists()
