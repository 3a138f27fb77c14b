"""Rows deleted from the API's collections, read from the history tables, for incremental sync.

A client that keeps a copy asks for the rows changed since its last sync (`updated_since` on each
collection) and for the rows deleted since then, here. Each deletion is the history record that
django-simple-history writes when a row is deleted (`history_type` "-"), so nothing else needs to
remember it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Cast

from commitments.models import (
    Accreditation,
    Engagement,
    Fact,
    FactModel,
    FocalPoint,
    InstitutionObservation,
    Law,
    NationalHumanRightsInstitution,
    NationalMechanism,
    RegionalEvent,
    Source,
    State,
    StatusObservation,
    Treaty,
    TreatyAction,
    UprRecommendation,
)
from commitments.vocabularies import Resource, ReviewStatus

DELETED = "-"

# The collection each fact model is listed in, and the field that names a row in its URL.
COLLECTIONS: dict[type[FactModel], tuple[str, str]] = {
    Source: (Resource.SOURCES, "id"),
    State: (Resource.STATES, "iso3"),
    Treaty: (Resource.TREATIES, "key"),
    TreatyAction: (Resource.TREATY_ACTIONS, "id"),
    StatusObservation: (Resource.STATUS_OBSERVATIONS, "id"),
    FocalPoint: (Resource.FOCAL_POINTS, "id"),
    NationalHumanRightsInstitution: (Resource.NHRIS, "id"),
    Accreditation: (Resource.ACCREDITATIONS, "id"),
    Law: (Resource.LAWS, "id"),
    InstitutionObservation: (Resource.INSTITUTION_OBSERVATIONS, "id"),
    Engagement: (Resource.ENGAGEMENTS, "id"),
    UprRecommendation: (Resource.UPR_RECOMMENDATIONS, "id"),
    NationalMechanism: (Resource.NATIONAL_MECHANISMS, "id"),
    RegionalEvent: (Resource.REGIONAL_EVENTS, "id"),
}


def _deleted(model: type[FactModel], since: datetime.datetime | None) -> models.QuerySet:
    resource, lookup = COLLECTIONS[model]
    rows = model.history.model.objects.filter(history_type=DELETED)
    if issubclass(model, Fact):
        # A fact deleted before it was published was never in a public copy of the data.
        rows = rows.filter(review_status=ReviewStatus.PUBLISHED)
    if since is not None:
        rows = rows.filter(history_date__gte=since)
    return rows.order_by().values(
        resource=Value(str(resource), output_field=models.CharField()),
        row_id=F("id"),
        lookup=Cast(lookup, output_field=models.TextField()),
        deleted_at=F("history_date"),
    )


def deletions(
    since: datetime.datetime | None = None, resources: Iterable[str] = ()
) -> models.QuerySet:
    """Every deletion at or after `since` from the chosen collections (all when none are chosen),
    oldest first: one query whatever the number of collections."""
    chosen = set(resources)
    parts = [
        _deleted(model, since)
        for model, (resource, _lookup) in COLLECTIONS.items()
        if not chosen or resource in chosen
    ]
    return parts[0].union(*parts[1:], all=True).order_by("deleted_at", "resource", "row_id")
