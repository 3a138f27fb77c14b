"""Dates known to a precision: a day, a month, a year, or not at all.

Sources often give only "1977" or "March 2016". Such a date is stored as the first day of its period
with a precision, and two dates are compared at the coarser of their two precisions, so that a
signature known only as "1977" is not "before" a treaty adopted on 8 June 1977.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from commitments.vocabularies import Precision

_RANK: dict[str, int] = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}

_PARTIAL_ISO = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


@dataclass(frozen=True, order=False)
class PartialDate:
    """A date and the precision it is known to. `value` is the first day of the period."""

    value: datetime.date
    precision: str = Precision.DAY

    @classmethod
    def parse(cls, text: str) -> PartialDate | None:
        """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; an empty string is None. Raises ValueError."""
        text = (text or "").strip()
        if not text:
            return None
        match = _PARTIAL_ISO.match(text)
        if not match:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match["y"], match["m"], match["d"]
        if day:
            return cls(datetime.date(int(year), int(month), int(day)), Precision.DAY)
        if month:
            return cls(datetime.date(int(year), int(month), 1), Precision.MONTH)
        return cls(datetime.date(int(year), 1, 1), Precision.YEAR)

    def truncated(self, precision: str) -> datetime.date:
        """The first day of the period of `precision` that contains this date."""
        if precision == Precision.YEAR:
            return self.value.replace(month=1, day=1)
        if precision == Precision.MONTH:
            return self.value.replace(day=1)
        return self.value

    def last_day(self) -> datetime.date:
        """The last day of the period this date stands for."""
        if self.precision == Precision.YEAR:
            return self.value.replace(month=12, day=31)
        if self.precision == Precision.MONTH:
            days = calendar.monthrange(self.value.year, self.value.month)[1]
            return self.value.replace(day=days)
        return self.value

    def _coarser(self, other: PartialDate) -> str:
        return max(self.precision, other.precision, key=lambda p: _RANK[p])

    def is_before(self, other: PartialDate) -> bool:
        """True only when this date is certainly earlier than `other` at their shared precision."""
        precision = self._coarser(other)
        return self.truncated(precision) < other.truncated(precision)

    def is_after(self, other: PartialDate) -> bool:
        """True only when this date is certainly later than `other` at their shared precision."""
        return other.is_before(self)

    def isoformat(self) -> str:
        if self.precision == Precision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision == Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    def __str__(self) -> str:
        return self.isoformat()


def partial(value: datetime.date | None, precision: str | None) -> PartialDate | None:
    """The PartialDate for a model's (date, precision) pair, or None when the date is unknown."""
    if value is None or precision == Precision.UNKNOWN:
        return None
    return PartialDate(value, precision or Precision.DAY)


def normalise(value: datetime.date | None, precision: str) -> datetime.date | None:
    """Store a date as the first day of its period, so equal facts compare equal."""
    if value is None or precision in (Precision.DAY, Precision.UNKNOWN):
        return value
    return PartialDate(value, precision).truncated(precision)
