"""How current the data is, as a reader needs to know it, in one query.

Two dates answer different questions:

- *checked up to*: the newest date any source speaks for (its "as at" date, publication or
  scrape), at the precision the source gives it. It says how recent the facts are.
- *last edited*: the latest change to any fact, deletions included (`data_last_updated()`). It is
  the dataset's version: citations, caches and ETags read it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from commitments.dates import PartialDate, partial
from commitments.models import Source, _last_change_sql
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


def data_dates() -> DataDates:
    """Both dates in one query; either is None while the database holds no such row."""
    newest = (
        Source.objects.exclude(as_of=None)
        .exclude(as_of_precision=Precision.UNKNOWN)
        .order_by("-as_of", _FINEST_FIRST, "pk")[:1]
    )
    as_of_sql, as_of_params = newest.values("as_of").query.sql_with_params()
    precision_sql, precision_params = newest.values("as_of_precision").query.sql_with_params()
    sql = f"SELECT ({as_of_sql}), ({precision_sql}), ({_last_change_sql(connection.vendor)})"
    with connection.cursor() as cursor:
        cursor.execute(sql, (*as_of_params, *precision_params))
        as_of, precision, edited = cursor.fetchone()
    return DataDates(
        checked_up_to=_partial(as_of, precision),
        last_edited=_aware(edited),
    )


def _partial(value: datetime.date | str | None, precision: str | None) -> PartialDate | None:
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    return partial(value, precision)


def _aware(value: datetime.datetime | str | None) -> datetime.datetime | None:
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value
