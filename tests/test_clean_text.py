"""Clean text in: control characters other than tab and line breaks are refused, with the same
message, in the admin, the API and the importer; nothing is written."""

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from commitments.importers import DatasetError, load_dataset
from commitments.models import FACT_MODELS, Law, Source
from commitments.validators import validate_clean_text
from tests.helpers import form_data, token_client, write_small_dataset

pytestmark = pytest.mark.django_db

MESSAGE = "Remove the invisible character U+000B (vertical tab) at character 8"


def footprint() -> dict[str, tuple[int, int]]:
    return {m.__name__: (m.objects.count(), m.history.count()) for m in FACT_MODELS}


def test_every_free_text_field_of_the_app_refuses_control_characters():
    unguarded = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config("commitments").get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and not field.name.startswith("history_")  # the history's bookkeeping, not typed text
        and validate_clean_text not in field.validators
    ]
    assert unguarded == []


def test_the_admin_refuses_a_vertical_tab_in_a_title_beside_the_field(researcher_client):
    source = Source.objects.first()
    url = reverse("admin:commitments_source_change", args=[source.pk])
    data = form_data(researcher_client.get(url))
    before = footprint()

    response = researcher_client.post(url, {**data, "title": "Gazette\x0bNo. 7"})

    assert response.status_code == 200
    assert MESSAGE in str(response.context["adminform"].form.errors["title"])
    assert footprint() == before


def test_the_api_refuses_a_form_feed_in_notes_with_a_400(researcher):
    law = Law.objects.first()
    before = footprint()

    response = token_client(researcher).patch(
        f"/api/v1/laws/{law.pk}/", {"notes": "Enacted\x0cin 2013"}, format="json"
    )

    assert response.status_code == 400
    assert "U+000C (form feed) at character 8" in response.content.decode()
    assert footprint() == before


def test_tabs_and_line_breaks_are_text(editor):
    law = Law.objects.first()
    notes = "Enacted:\t2013\r\nPromulgated:\t2013"
    response = token_client(editor).patch(
        f"/api/v1/laws/{law.pk}/", {"notes": notes}, format="json"
    )
    assert response.status_code == 200, response.json()
    law.refresh_from_db()
    assert law.notes == notes


def test_the_importer_refuses_a_control_character_with_file_and_row(empty_database, tmp_path):
    folder = write_small_dataset(
        tmp_path,
        [{"title": "Penal Code"}, {"title": "Gazette\x0bNo. 7"}, {"title": "Law\x1b[31m"}],
    )
    with pytest.raises(DatasetError) as refused:
        load_dataset(folder)
    assert refused.value.errors == [
        f"laws.csv, row 3: title: {MESSAGE}: text may hold tabs and line breaks, but no other "
        "control characters.",
        "laws.csv, row 4: title: Remove the invisible character U+001B (escape) at character 4: "
        "text may hold tabs and line breaks, but no other control characters.",
    ]
    assert not Law.objects.exists()
