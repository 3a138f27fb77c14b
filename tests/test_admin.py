"""The researchers' admin: roles, validation, history, the state page and the data-quality page."""

import datetime
import re
from html import unescape

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from commitments import quality
from commitments.models import Law, Source, State, StatusObservation, Treaty, TreatyAction
from commitments.vocabularies import Action
from tests import factories
from tests.helpers import PASSWORD, form_data, group

pytestmark = pytest.mark.usefixtures("dataset")

REASON = "Corrected from the depositary record"


def admin_url(name, *args):
    return reverse(f"admin:commitments_{name}", args=args)


def action_of(iso3, treaty_key, action):
    return TreatyAction.objects.get(state__iso3=iso3, treaty__key=treaty_key, action=action)


def action_form(action: TreatyAction, **changes) -> dict:
    data = {
        "state": action.state_id,
        "treaty": action.treaty_id,
        "action": action.action,
        "date": action.date.isoformat(),
        "date_precision": action.date_precision,
        "effective_on": action.effective_on.isoformat() if action.effective_on else "",
        "reservations": action.reservations,
        "source": action.source_id,
        "notes": action.notes,
        "change_reason": "",
    }
    return {**data, **changes}


def table_rows(html: str, table_id: str) -> list[str]:
    """The text of each body row of the table with this id, cells separated by ' | '."""
    match = re.search(rf'<table id="{table_id}".*?</table>', html, re.S)
    assert match, f"no table {table_id!r}"
    rows = re.findall(r"<tbody>(.*?)</tbody>", match.group(0), re.S)[0]
    texts = []
    for row in re.findall(r"<tr>(.*?)</tr>", rows, re.S):
        cells = [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        ]
        texts.append(unescape(" | ".join(cells)))
    return texts


# Roles.


def expected_codenames(actions):
    models = [
        "source",
        "state",
        "treaty",
        "treatyaction",
        "statusobservation",
        "focalpoint",
        "nationalhumanrightsinstitution",
        "accreditation",
        "law",
        "institutionobservation",
        "engagement",
        "uprrecommendation",
        "nationalmechanism",
        "regionalevent",
    ]
    return {f"{action}_{model}" for model in models for action in actions} | {
        f"view_historical{model}" for model in models
    }


def test_migrations_create_the_groups_with_exactly_the_intended_permissions():
    for name, actions in [
        ("Researchers", ["add", "change", "view"]),
        ("Editors", ["add", "change", "delete", "view"]),
    ]:
        permissions = group(name).permissions.all()
        assert {p.content_type.app_label for p in permissions} == {"commitments"}
        assert {p.codename for p in permissions} == expected_codenames(actions)


def test_researcher_adds_a_treaty_action_through_the_admin(researcher_client, researcher):
    brunei = State.objects.get(iso3="BRN")
    ap1 = Treaty.objects.get(key="ap1_1977")
    source = factories.SourceFactory()
    response = researcher_client.post(
        admin_url("treatyaction_add"),
        {
            "state": brunei.pk,
            "treaty": ap1.pk,
            "action": Action.ACCESSION,
            "date": "1991-10-14",
            "date_precision": "day",
            "effective_on": "",
            "reservations": "",
            "source": source.pk,
            "notes": "",
            "change_reason": "Read from the ICRC treaty database",
        },
    )
    assert response.status_code == 302
    added = TreatyAction.objects.get(state=brunei, treaty=ap1)
    created = added.history.get()
    assert created.history_user == researcher
    assert created.history_change_reason == "Read from the ICRC treaty database"


def test_researchers_change_in_the_admin_waits_for_review_beside_the_published_fact(
    researcher_client,
):
    signature = action_of("KHM", "rome_statute_1998", Action.SIGNATURE)
    published_notes = signature.notes
    response = researcher_client.post(
        admin_url("treatyaction_change", signature.pk),
        action_form(signature, notes="Checked against the UNTC record"),
        follow=True,
    )
    assert "waits for an Editor" in response.content.decode()
    signature.refresh_from_db()
    assert signature.notes == published_notes
    assert signature.proposed_changes["notes"] == "Checked against the UNTC record"


def test_editors_change_in_the_admin_is_published(client, editor):
    client.force_login(editor)
    signature = action_of("KHM", "rome_statute_1998", Action.SIGNATURE)
    response = client.post(
        admin_url("treatyaction_change", signature.pk),
        action_form(signature, notes="Checked against the UNTC record"),
    )
    assert response.status_code == 302
    signature.refresh_from_db()
    assert signature.notes == "Checked against the UNTC record"


def test_researcher_gets_403_on_delete_and_the_row_still_exists(researcher_client):
    signature = action_of("KHM", "rome_statute_1998", Action.SIGNATURE)
    url = admin_url("treatyaction_delete", signature.pk)
    assert researcher_client.get(url).status_code == 403
    assert researcher_client.post(url, {"post": "yes"}).status_code == 403
    assert TreatyAction.objects.filter(pk=signature.pk).exists()


def test_researcher_is_not_offered_bulk_delete(researcher_client):
    response = researcher_client.get(admin_url("treatyaction_changelist"))
    assert "delete_selected" not in response.content.decode()


def test_editor_deletes_a_treaty_action(client, editor):
    client.force_login(editor)
    signature = action_of("KHM", "rome_statute_1998", Action.SIGNATURE)
    response = client.post(admin_url("treatyaction_delete", signature.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not TreatyAction.objects.filter(pk=signature.pk).exists()
    assert signature.history.latest().history_type == "-"


def test_staff_without_a_group_cannot_see_the_facts(client, db):
    user = get_user_model().objects.create_user("guest", password=PASSWORD, is_staff=True)
    client.force_login(user)
    assert client.get(admin_url("treatyaction_changelist")).status_code == 403
    assert client.get(admin_url("data_quality")).status_code == 403


def test_data_quality_page_asks_anonymous_visitors_to_log_in(client):
    response = client.get(admin_url("data_quality"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


# Validation through the admin.


def test_denunciation_without_consent_shows_the_models_message_and_writes_nothing(
    researcher_client,
):
    brunei = State.objects.get(iso3="BRN")
    ap1 = Treaty.objects.get(key="ap1_1977")
    before = (TreatyAction.objects.count(), TreatyAction.history.count())
    response = researcher_client.post(
        admin_url("treatyaction_add"),
        {
            "state": brunei.pk,
            "treaty": ap1.pk,
            "action": Action.DENUNCIATION,
            "date": "2020-01-01",
            "date_precision": "day",
            "effective_on": "2021-01-01",
            "source": Source.objects.first().pk,
        },
    )
    assert response.status_code == 200
    assert "A denunciation needs an earlier ratification, accession or other consent." in (
        response.content.decode()
    )
    assert (TreatyAction.objects.count(), TreatyAction.history.count()) == before


def test_a_treaty_action_without_a_source_is_refused_in_the_admin(researcher_client):
    signature = action_of("KHM", "rome_statute_1998", Action.SIGNATURE)
    response = researcher_client.post(
        admin_url("treatyaction_change", signature.pk), action_form(signature, source="")
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    signature.refresh_from_db()
    assert signature.source_id is not None


# History.


def confirm_cambodias_signature(client) -> TreatyAction:
    """Notes Cambodia's Rome Statute signature as confirmed through the admin, with a reason
    (signed in as an Editor, so that the change is published at once)."""
    signature = action_of("KHM", "rome_statute_1998", Action.SIGNATURE)
    client.post(
        admin_url("treatyaction_change", signature.pk),
        action_form(signature, notes="Deposit confirmed", change_reason=REASON),
    )
    return signature


def test_history_shows_the_user_and_the_reason_after_an_admin_edit(client, editor):
    client.force_login(editor)
    signature = confirm_cambodias_signature(client)
    response = client.get(admin_url("treatyaction_history", signature.pk))
    assert response.status_code == 200
    latest = table_rows(response.content.decode(), "change-history")[0]
    assert "edgar" in latest
    assert REASON in latest
    assert "Deposit confirmed" in latest


def test_an_inline_edit_on_the_state_page_keeps_the_reason_in_the_rows_history(
    researcher_client, researcher
):
    cambodia = State.objects.get(iso3="KHM")
    url = admin_url("state_change", cambodia.pk)
    data = form_data(researcher_client.get(url))
    signature = action_of("KHM", "rome_statute_1998", Action.SIGNATURE)
    [prefix] = [
        key.removesuffix("-id")
        for key, item in data.items()
        if key.startswith("treaty_actions-") and key.endswith("-id") and item == signature.pk
    ]
    depositary_record = factories.SourceFactory(url="https://treaties.un.org/rome-statute")
    data[f"{prefix}-source"] = depositary_record.pk
    data["change_reason"] = REASON
    response = researcher_client.post(url, data)
    assert response.status_code == 302
    latest = signature.history.latest()
    # A Researcher's change: proposed beside the published source, which stays until reviewed.
    assert latest.source_id == signature.source_id
    assert latest.proposed_changes == {"source": depositary_record.pk}
    assert (latest.history_user, latest.history_change_reason) == (researcher, REASON)


# The state page.


def test_state_page_shows_the_status_today_per_treaty(researcher_client):
    philippines = State.objects.get(iso3="PHL")
    response = researcher_client.get(admin_url("state_change", philippines.pk))
    html = response.content.decode()
    rows = table_rows(html.replace('<table class="status-today">', '<table id="s">'), "s")
    assert len(rows) == Treaty.objects.count()
    [rome] = [row for row in rows if row.startswith("Rome Statute |")]
    assert rome.startswith("Rome Statute | withdrawn | 2019-03-17")


def test_state_page_flags_a_contradiction(researcher_client):
    cambodia = State.objects.get(iso3="KHM")
    factories.StatusObservationFactory(
        state=cambodia,
        treaty=Treaty.objects.get(key="rome_statute_1998"),
        status="no_action",
        observed_on=datetime.date(2026, 9, 1),
    )
    response = researcher_client.get(admin_url("state_change", cambodia.pk))
    html = response.content.decode()
    rows = table_rows(html.replace('<table class="status-today">', '<table id="s">'), "s")
    [rome] = [row for row in rows if row.startswith("Rome Statute |")]
    assert "party" in rome
    assert "Contradiction: a source says no action as of 2026-09-01." in rome


def test_state_page_links_to_the_institution_where_accreditations_are_edited(
    researcher_client,
):
    nhri = State.objects.get(iso3="PHL").nhris.get()
    response = researcher_client.get(admin_url("state_change", nhri.state_id))
    assert admin_url("nationalhumanrightsinstitution_change", nhri.pk) in (
        response.content.decode()
    )


@pytest.mark.parametrize("iso3", ["PHL", "NZL"], ids=["many facts", "two facts"])
def test_status_summary_costs_the_same_queries_whatever_the_facts(iso3, django_assert_num_queries):
    if iso3 == "NZL":
        new_zealand = factories.StateFactory(iso3="NZL")
        factories.TreatyActionFactory(state=new_zealand, treaty=Treaty.objects.first())
        # An institution, so that the prefetch of accreditations runs as it does for PHL.
        factories.NHRIFactory(state=new_zealand)
    state = State.objects.get(iso3=iso3)
    state_admin = admin.site.get_model_admin(State)
    # The eight queries of State.objects.for_scorecard() and the treaties with their sources.
    with django_assert_num_queries(9):
        summary = state_admin.status_today(state)
    assert summary.count("<tr>") == Treaty.objects.count() + 1


# The data-quality page.


def test_admin_index_links_to_the_data_quality_page(researcher_client):
    response = researcher_client.get(reverse("admin:index"))
    assert admin_url("data_quality") in response.content.decode()


def test_data_quality_page_lists_brunei_additional_protocol_i_as_unknown(researcher_client):
    response = researcher_client.get(admin_url("data_quality"))
    unknown = table_rows(response.content.decode(), "unknown-cells")
    assert "BRN · Brunei | Additional Protocol I" in unknown
    assert len(unknown) == 8
    assert "KHM · Cambodia | Rome Statute" not in unknown


def test_data_quality_page_lists_a_contradiction_with_a_link_to_the_observation(
    researcher_client,
):
    observation = factories.StatusObservationFactory(
        state=State.objects.get(iso3="KHM"),
        treaty=Treaty.objects.get(key="rome_statute_1998"),
        status="no_action",
        observed_on=datetime.date(2026, 9, 1),
    )
    html = researcher_client.get(admin_url("data_quality")).content.decode()
    assert table_rows(html, "contradictions") == [
        "KHM · Cambodia | Rome Statute | party | no action (2026-09-01)"
    ]
    assert admin_url("statusobservation_change", observation.pk) in html


def test_data_quality_page_lists_facts_with_old_or_undated_sources(researcher_client, settings):
    settings.STALE_SOURCE_MONTHS = 24
    brunei = State.objects.get(iso3="BRN")
    old = factories.LawFactory(
        state=brunei, title="Old order", source=factories.SourceFactory(as_of="2001-01-01")
    )
    undated = factories.LawFactory(
        state=brunei,
        title="Undated order",
        source=factories.SourceFactory(as_of=None, as_of_precision="unknown"),
    )
    fresh = factories.LawFactory(
        state=brunei,
        title="Fresh order",
        source=factories.SourceFactory(as_of=datetime.date.today()),
    )
    html = researcher_client.get(admin_url("data_quality")).content.decode()
    assert admin_url("law_change", old.pk) in html
    assert admin_url("law_change", undated.pk) in html
    assert admin_url("law_change", fresh.pk) not in html


@pytest.mark.parametrize(
    ("today", "months", "cutoff"),
    [
        ("2026-11-27", 24, "2024-11-27"),
        ("2024-02-29", 12, "2023-02-28"),
        ("2026-03-31", 1, "2026-02-28"),
        ("2026-01-15", 1, "2025-12-15"),
    ],
)
def test_the_stale_cutoff_goes_back_whole_months(today, months, cutoff):
    cutoff_day = quality.months_before(datetime.date.fromisoformat(today), months)
    assert cutoff_day == datetime.date.fromisoformat(cutoff)


@pytest.mark.parametrize(
    ("as_of", "precision", "stale"),
    [
        ("2024-11-26", "day", True),
        ("2024-11-27", "day", False),
        ("2024-11-01", "month", False),
        ("2024-01-01", "year", False),
        ("2023-01-01", "year", True),
        (None, "unknown", True),
    ],
)
def test_a_fact_is_stale_when_its_source_speaks_for_a_date_before_the_cutoff(
    as_of, precision, stale
):
    source = Source(as_of=as_of and datetime.date.fromisoformat(as_of), as_of_precision=precision)
    law = Law(title="Penal Code", source=source)
    found = quality.stale_facts([law], cutoff=datetime.date(2024, 11, 27))
    assert [item.fact for item in found] == ([law] if stale else [])


def test_an_observation_is_as_fresh_as_its_own_date():
    undated_source = Source(as_of=None, as_of_precision="unknown")
    recent = StatusObservation(
        status="no_action", observed_on=datetime.date(2026, 8, 22), source=undated_source
    )
    old = StatusObservation(
        status="no_action", observed_on=datetime.date(2016, 3, 8), source=undated_source
    )
    found = quality.stale_facts([recent, old], cutoff=datetime.date(2024, 11, 27))
    assert [item.fact for item in found] == [old]


def keep_one(model, **lookup):
    kept = model.objects.filter(**lookup).order_by("pk").first()
    model.objects.exclude(pk=kept.pk).delete()


# Constant queries: the same count with one row as with the whole dataset.


@pytest.mark.parametrize("rows", ["one", "all"])
def test_treaty_action_changelist_costs_the_same_queries_for_one_row_and_many(
    researcher_client, django_assert_num_queries, rows
):
    if rows == "one":
        keep_one(TreatyAction)
    # session, user, the user's and the group's permissions, the states and the treaties for
    # the filters, the filtered count, the total count, the page of actions with their state,
    # treaty and source, and for the date hierarchy the first and last dates and their years.
    with django_assert_num_queries(11):
        response = researcher_client.get(admin_url("treatyaction_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", ["one", "all"])
def test_state_changelist_costs_the_same_queries_for_one_state_and_many(
    researcher_client, django_assert_num_queries, rows
):
    if rows == "one":
        keep_one(State)
    # session, user, the user's and the group's permissions, the filtered count, the total
    # count, the page of states with their sources, and for the date hierarchy the first and
    # last dates and their years.
    with django_assert_num_queries(9):
        response = researcher_client.get(admin_url("state_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("extra_rows", [0, 40])
def test_state_page_costs_the_same_queries_however_many_rows_its_inlines_hold(
    researcher_client, django_assert_num_queries, extra_rows
):
    philippines = State.objects.get(iso3="PHL")
    for _ in range(extra_rows // 2):
        factories.TreatyActionFactory(state=philippines, treaty=factories.TreatyFactory())
        factories.LawFactory(state=philippines)
    # session, user, the user's and the group's permissions; the state; one query per inline
    # (treaty actions, status observations, focal points, institutions, laws, institution
    # observations), each row with its treaty and source, which its widgets show without a query
    # of their own; the state's own source for its widget; the status summary: the eight
    # queries of State.objects.for_scorecard() and the treaties. (A first visit also fills
    # Django's cache of content types, which a test that recreated the groups emptied.)
    researcher_client.get(admin_url("state_change", philippines.pk))
    with django_assert_num_queries(21):
        response = researcher_client.get(admin_url("state_change", philippines.pk))
    assert response.status_code == 200
    assert response.content.decode().count('name="treaty_actions-') >= extra_rows // 2


def test_an_inline_row_shows_its_treaty_and_source_in_its_widgets(researcher_client):
    action = action_of("PHL", "rome_statute_1998", "denunciation")
    html = researcher_client.get(admin_url("state_change", action.state_id)).content.decode()

    row = html[html.index(f'value="{action.pk}"') :]
    treaty_select = row[row.index('<select name="treaty_actions-') :]
    treaty_select = treaty_select[: treaty_select.index("</select>")]
    assert f'<option value="{action.treaty_id}" selected>{action.treaty}</option>' in treaty_select


@pytest.mark.parametrize("rows", ["one", "all"])
def test_data_quality_page_costs_the_same_queries_for_one_state_and_many(
    researcher_client, django_assert_num_queries, rows
):
    if rows == "one":
        # Timor-Leste holds every kind of fact, so every prefetch still runs.
        keep_one(State, iso3="TLS")
    # session, user, the user's and the group's permissions, the eight queries of
    # State.objects.for_scorecard(), and the treaties with their sources.
    with django_assert_num_queries(13):
        response = researcher_client.get(admin_url("data_quality"))
    assert response.status_code == 200


# Creating accounts (`make researcher`).


def test_create_researcher_makes_a_staff_account_in_the_researchers_group():
    call_command("create_researcher", "--username", "ana", "--password", PASSWORD)
    user = get_user_model().objects.get(username="ana")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Researchers"]
    assert user.check_password(PASSWORD)


def test_create_researcher_with_editor_flag_makes_an_editor():
    call_command("create_researcher", "--username", "eve", "--password", PASSWORD, "--editor")
    user = get_user_model().objects.get(username="eve")
    assert user.has_perm("commitments.delete_treatyaction")


def test_create_researcher_refuses_a_weak_password_and_creates_nobody():
    with pytest.raises(CommandError, match="too short"):
        call_command("create_researcher", "--username", "ana", "--password", "short")
    assert not get_user_model().objects.filter(username="ana").exists()


def test_create_researcher_refuses_a_taken_user_name(researcher):
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_researcher", "--username", "Rachel", "--password", PASSWORD)


def test_create_researcher_asks_again_until_the_password_is_acceptable(monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "ana")
    answers = iter(["password", "password", PASSWORD, "mistyped", PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    call_command("create_researcher")
    assert get_user_model().objects.get(username="ana").check_password(PASSWORD)


def test_data_quality_page_lists_ratifications_with_no_signature_on_record(researcher_client):
    state, treaty = factories.StateFactory(), factories.TreatyFactory(short_name="Test Accord")
    ratification = factories.TreatyActionFactory(
        state=state, treaty=treaty, action=Action.RATIFICATION, date=datetime.date(2004, 2, 3)
    )

    html = researcher_client.get(admin_url("data_quality")).content.decode()

    rows = table_rows(html, "unsigned-consents")
    assert f"{state.iso3} · {state.short_name} | Test Accord | ratification | 2004-02-03" in rows
    assert admin_url("treatyaction_change", ratification.pk) in html


def test_data_quality_page_lists_facts_resting_only_on_press_reports(researcher_client):
    press = factories.SourceFactory(kind="press", title="A newspaper report")
    law = factories.LawFactory(state=factories.StateFactory(), source=press)

    html = researcher_client.get(admin_url("data_quality")).content.decode()

    assert "A newspaper report" in html
    assert admin_url("law_change", law.pk) in html
    official = Law.objects.filter(source__kind="official").first()
    assert (
        official is None
        or admin_url("law_change", official.pk)
        not in html.split('id="weak-heading"')[1].split('id="stale-heading"')[0]
    )


def test_data_quality_page_lists_a_statement_about_an_institution_that_contradicts_the_facts(
    researcher_client,
):
    philippines = State.objects.get(iso3="PHL")
    statement = factories.InstitutionObservationFactory(
        state=philippines,
        indicator="nhri",
        status="none",
        # Later than the dataset's latest statement about the Commission (A, July 2025).
        observed_on=datetime.date(2026, 1, 1),
    )

    html = researcher_client.get(admin_url("data_quality")).content.decode()

    rows = table_rows(html, "institution-contradictions")
    assert any(row.startswith("PHL · Philippines | National human rights") for row in rows)
    assert admin_url("institutionobservation_change", statement.pk) in html


def test_saving_a_ratification_without_a_signature_warns_the_researcher(
    researcher_client, researcher
):
    brunei = State.objects.get(iso3="BRN")
    treaty = factories.TreatyFactory(short_name="Test Accord")
    response = researcher_client.post(
        admin_url("treatyaction_add"),
        {
            "state": brunei.pk,
            "treaty": treaty.pk,
            "action": Action.RATIFICATION,
            "date": "2004-02-03",
            "date_precision": "day",
            "effective_on": "",
            "reservations": "",
            "source": factories.SourceFactory().pk,
            "confidence": "secondary",
            "notes": "",
        },
        follow=True,
    )

    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert any("No signature of Test Accord by Brunei is on record" in m for m in messages)


# No lost updates.


def test_a_stale_change_form_is_refused_showing_what_changed_meanwhile(researcher_client, editor):
    signature = action_of("KHM", "rome_statute_1998", Action.SIGNATURE)
    url = admin_url("treatyaction_change", signature.pk)
    stale = form_data(researcher_client.get(url))
    signature.notes = "Checked by the editor"
    signature._history_user = editor
    signature.save()
    response = researcher_client.post(url, {**stale, "notes": "Checked by the researcher"})
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Someone else changed this treaty action after you opened this page" in page
    assert "edgar changed notes:" in page
    assert "→ Checked by the editor" in page
    signature.refresh_from_db()
    assert signature.notes == "Checked by the editor"


def test_a_form_drawn_from_the_current_row_saves(editor_client):
    signature = action_of("KHM", "rome_statute_1998", Action.SIGNATURE)
    url = admin_url("treatyaction_change", signature.pk)
    data = form_data(editor_client.get(url))
    assert data["row_version"]
    response = editor_client.post(url, {**data, "notes": "Deposit confirmed"})
    assert response.status_code == 302
    signature.refresh_from_db()
    assert signature.notes == "Deposit confirmed"


def test_a_researchers_form_drawn_from_the_current_row_saves_a_proposal(researcher_client):
    signature = action_of("KHM", "rome_statute_1998", Action.SIGNATURE)
    published = signature.notes
    url = admin_url("treatyaction_change", signature.pk)
    response = researcher_client.post(
        url, {**form_data(researcher_client.get(url)), "notes": "Deposit confirmed"}
    )
    assert response.status_code == 302
    signature.refresh_from_db()
    assert signature.notes == published
    assert signature.proposed_changes == {"notes": "Deposit confirmed"}


def test_a_stale_inline_row_on_the_state_page_is_refused_and_both_rows_keep_their_values(
    researcher_client,
):
    cambodia = State.objects.get(iso3="KHM")
    url = admin_url("state_change", cambodia.pk)
    stale = form_data(researcher_client.get(url))
    signature = action_of("KHM", "rome_statute_1998", Action.SIGNATURE)
    signature.confidence = "inferred"
    signature.save()
    law = Law.objects.filter(state=cambodia).order_by("pk").first()
    [law_prefix] = [
        key.removesuffix("-id")
        for key, item in stale.items()
        if key.startswith("laws-") and key.endswith("-id") and item == law.pk
    ]
    response = researcher_client.post(url, {**stale, f"{law_prefix}-number": "NS/0000"})
    assert response.status_code == 200
    assert "Someone else changed this treaty action" in unescape(response.content.decode())
    signature.refresh_from_db()
    law.refresh_from_db()
    assert signature.confidence == "inferred"
    assert law.number != "NS/0000"


def test_reverting_to_an_earlier_version_from_the_history_still_works(editor_client):
    signature = action_of("KHM", "rome_statute_1998", Action.SIGNATURE)
    earlier = signature.history.latest()
    signature.notes = "A later note"
    signature.save()
    url = reverse("admin:commitments_treatyaction_simple_history", args=[signature.pk, earlier.pk])
    response = editor_client.post(url, form_data(editor_client.get(url)))
    assert response.status_code == 302
    signature.refresh_from_db()
    assert signature.notes == earlier.notes


# The admin in a browser.


@pytest.mark.browser
def test_the_state_page_fits_a_1366_pixel_screen(site, browser, researcher):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    admin = f"{site}/{settings.ADMIN_PATH}"
    page.goto(f"{admin}login/")
    page.fill("#id_username", researcher.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    philippines = State.objects.get(iso3="PHL")
    page.goto(f"{site}{admin_url('state_change', philippines.pk)}")
    page.wait_for_selector(".select2-container")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    # What sticks out, to say where to look when it does not fit.
    wide = page.evaluate(
        "[...document.querySelectorAll('#content-main *')]"
        ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)"
        ".slice(0, 8).map(e => e.tagName + '.' + e.className)"
    )
    context.close()
    assert overflow <= 0, wide


def test_errors_are_summarised_at_the_top_naming_each_field(researcher_client):
    signature = action_of("KHM", "rome_statute_1998", Action.SIGNATURE)
    url = admin_url("treatyaction_change", signature.pk)
    response = researcher_client.post(url, action_form(signature, date="2999-01-01", source=""))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    summary = html[html.index('class="error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert 'href="#id_date"' in summary and "is in the future" in summary
    assert 'href="#id_source"' in summary
    # Each message also stands beside its field.
    assert re.search(r'field-date.*?class="errorlist[^>]*>.*?is in the future', html, re.S)


def test_an_error_in_an_inline_row_is_summarised_with_its_row(researcher_client):
    cambodia = State.objects.get(iso3="KHM")
    url = admin_url("state_change", cambodia.pk)
    data = form_data(researcher_client.get(url))
    prefix = next(
        key.removesuffix("-date")
        for key in data
        if key.startswith("treaty_actions-") and key.endswith("-date")
    )
    data[f"{prefix}-date"] = "2999-01-01"
    response = researcher_client.post(url, data)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    summary = html[html.index('class="error-summary"') :]
    assert f'href="#id_{prefix}-date"' in summary[: summary.index("</div>")]
    assert "Treaty actions, row" in summary


def test_a_refused_page_is_a_403_in_the_sites_style(researcher_client):
    signature = action_of("KHM", "rome_statute_1998", Action.SIGNATURE)
    response = researcher_client.get(admin_url("treatyaction_delete", signature.pk))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Not allowed" in html
    assert "css/site.css" in html


# History.


def test_a_states_history_lists_the_changes_to_its_facts(client, editor):
    client.force_login(editor)
    signature = confirm_cambodias_signature(client)
    response = client.get(admin_url("state_history", signature.state_id))
    assert response.status_code == 200
    rows = table_rows(response.content.decode(), "change-history")
    latest = rows[0]
    assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d \| Treaty action: Cambodia · Rome Statute", latest)
    assert "edgar" in latest and REASON in latest
    assert re.search(r"notes: .* → Deposit confirmed", latest)
    laws = Law.objects.filter(state__iso3="KHM").count()
    assert sum(row.split(" | ")[1].startswith("Law: ") for row in rows) == laws


# Lists.


@pytest.mark.parametrize(
    ("changelist", "model", "field"),
    [
        ("state_changelist", State, "asean_admission_date"),
        ("treaty_changelist", Treaty, "entry_into_force_on"),
        ("treatyaction_changelist", TreatyAction, "effective_on"),
    ],
)
def test_lists_show_dates_as_year_month_day(researcher_client, changelist, model, field):
    html = researcher_client.get(admin_url(changelist), {"o": "1"}).content.decode()
    cells = re.findall(rf'<td class="field-{field}[^"]*">(.*?)</td>', html, re.S)
    shown = [cell for cell in cells if cell.strip() not in ("", "-")]
    assert shown
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", cell.strip()) for cell in shown), shown[:3]
    dates = model.objects.exclude(**{field: None}).values_list(field, flat=True)
    assert {cell.strip() for cell in shown} <= {value.isoformat() for value in dates}


def test_a_source_added_from_the_pop_up_with_a_full_date_takes_day_precision(researcher_client):
    response = researcher_client.post(
        admin_url("source_add") + "?_to_field=id&_popup=1",
        {
            "url": "https://treaties.un.org/pages/rome-statute-status",
            "title": "Rome Statute: status",
            "publisher": "United Nations",
            "kind": Source._meta.get_field("kind").choices[0][0],
            "as_of": "2026-11-01",
            "as_of_precision": "unknown",
            "_popup": "1",
        },
    )
    assert response.status_code == 200
    assert "popup_response" in response.content.decode()
    source = Source.objects.get(url="https://treaties.un.org/pages/rome-statute-status")
    assert (source.as_of.isoformat(), source.as_of_precision) == ("2026-11-01", "day")


# Deleting a state.


def test_deleting_a_state_with_facts_lists_them_and_needs_its_code_typed(client, editor):
    client.force_login(editor)
    cambodia = State.objects.get(iso3="KHM")
    url = admin_url("state_delete", cambodia.pk)
    page = unescape(client.get(url).content.decode())
    actions = TreatyAction.objects.filter(state=cambodia).count()
    assert f"{actions} treaty actions" in page
    refused = client.post(url, {"post": "yes"})
    assert refused.status_code == 200
    assert "Type KHM in the box" in unescape(refused.content.decode())
    assert State.objects.filter(iso3="KHM").exists()
    assert client.post(url, {"post": "yes", "confirm_iso3": "khm"}).status_code == 302
    assert not State.objects.filter(iso3="KHM").exists()
    assert not TreatyAction.objects.filter(state_id=cambodia.pk).exists()


def test_states_cannot_be_deleted_in_bulk_from_the_list(client, editor):
    client.force_login(editor)
    html = client.get(admin_url("state_changelist")).content.decode()
    assert "delete_selected" not in html


@pytest.mark.parametrize("iso3", ["PHL", "NZL"], ids=["many facts", "none"])
def test_a_states_history_costs_the_same_queries_however_many_facts_it_has(
    researcher_client, django_assert_num_queries, iso3
):
    if iso3 == "NZL":
        factories.StateFactory(iso3="NZL")
    url = admin_url("state_history", State.objects.get(iso3=iso3).pk)
    researcher_client.get(url)
    # session, user, the user's and the group's permissions; the state; the changes to the state,
    # the treaties and the state's institutions (which name the facts), the changes to each of
    # the ten kinds of fact (STATE_FACTS); and simple-history's own: the state, its records' count
    # and page.
    with django_assert_num_queries(21):
        assert researcher_client.get(url).status_code == 200
