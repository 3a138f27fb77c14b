"""Cutting a release: the whole dataset as it is now, stored for good under a calendar version.

`publish_release()` builds the bundle (`commitments.api.bundle`) from one consistent snapshot of
the database, names it after the release, and stores its bytes, digest and size with a count of
what changed since the previous release. When the latest release already holds the same data and
scoring method, nothing is cut: a release is a new edition, never a copy.

Releases are cut deliberately, by `manage.py publish_release`, not each time a change is saved or
approved: a release is what a report cites, so it should mark a reviewed, coherent state of the
data, and there should be few of them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from commitments import scoring, versioning
from commitments.api.bundle import build_dataset, consistent_reads, sha256
from commitments.api.deletions import COLLECTIONS
from commitments.models import FACT_MODELS
from commitments.release_models import Edition, Release

HISTORY_KINDS = {"+": "added", "~": "changed", "-": "deleted"}


def changes_between(
    after: datetime.datetime | None, until: datetime.datetime | None
) -> dict[str, dict[str, int]]:
    """Per collection, how many rows were added, changed (and not also added or deleted) and
    deleted by the changes recorded after `after` (from the start when None) up to `until`."""
    changes: dict[str, dict[str, int]] = {}
    for model in FACT_MODELS:
        records = model.history.all()
        if after is not None:
            records = records.filter(history_date__gt=after)
        if until is not None:
            records = records.filter(history_date__lte=until)
        rows: dict[str, set[int]] = defaultdict(set)
        for row_id, kind in records.order_by().values_list("id", "history_type"):
            rows[HISTORY_KINDS[kind]].add(row_id)
        rows["changed"] -= rows["added"] | rows["deleted"]
        counts = {kind: len(rows[kind]) for kind in HISTORY_KINDS.values() if rows[kind]}
        if counts:
            changes[str(COLLECTIONS[model][0])] = counts
    return changes


def publish_release(notes: str = "", now: datetime.datetime | None = None) -> Release | None:
    """Cut a release of the data as it is `now` (default: the current time) and store it; None
    when the latest release already holds the same data and scoring method."""
    now = now or timezone.now()
    with consistent_reads(), transaction.atomic():
        version = versioning.current()
        latest = Release.objects.latest_listed()
        if (
            latest is not None
            and latest.data_version == version.label
            and latest.method_version == scoring.METHOD_VERSION
        ):
            return None
        day = now.astimezone(datetime.UTC).date()
        taken = list(Release.objects.values_list("version", flat=True))
        label = Release.version_after(day.strftime("%Y.%m.%d"), taken)
        content = build_dataset(Edition(version, label, day), now, day)
        release = Release(
            version=label,
            published_at=now,
            data_version=version.label,
            data_changed_at=version.changed_at,
            method_version=scoring.METHOD_VERSION,
            sha256=sha256(content),
            size=len(content),
            changes=changes_between(latest.data_changed_at if latest else None, version.changed_at),
            notes=notes,
            content=content,
        )
        release.full_clean()
        release.save()
        # The pages' citations name the latest release: what they keep must be made again.
        versioning.announce_release(label)
    return release
