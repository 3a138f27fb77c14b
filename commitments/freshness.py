"""How current the data is, as a reader needs to know it, in one query.

Two dates answer different questions:

- *checked up to*: the newest date any source speaks for (its "as at" date, publication or
  scrape), at the precision the source gives it. It says how recent the facts are.
- *last edited*: the latest change to any fact, deletions included: the time of the data version
  (`commitments.versioning`), which citations, caches and ETags read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Value, When

from commitments.dates import PartialDate, partial
from commitments.models import Source
from commitments.versioning import Version
from commitments.vocabularies import Precision

# Of two sources speaking for the same first day, the finer precision says more.
_FINEST_FIRST = Case(
    When(as_of_precision=Precision.DAY, then=Value(0)),
    When(as_of_precision=Precision.MONTH, then=Value(1)),
    When(as_of_precision=Precision.YEAR, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


@dataclass(frozen=True)
class DataDates:
    """The newest date a source speaks for, and the time of the latest edit to any fact."""

    checked_up_to: PartialDate | None
    last_edited: datetime.datetime | None


def data_dates(version: Version) -> DataDates:
    """Both dates, the newest source date in one query; either is None while the database holds
    no such row."""
    newest = (
        Source.objects.exclude(as_of=None)
        .exclude(as_of_precision=Precision.UNKNOWN)
        .order_by("-as_of", _FINEST_FIRST, "pk")
        .values_list("as_of", "as_of_precision")
        .first()
    )
    return DataDates(
        checked_up_to=partial(*newest) if newest else None,
        last_edited=version.changed_at,
    )
