"""The data version as readers see it: one string, written by one function.

The data version is the time of the latest change to any fact, deletions included
(`data_last_updated()`). Wherever it is printed (the bundle's folder, file name and metadata, the
citations on the pages, the API's release list), it is written by `version_text()`: the UTC time
in ISO 8601 basic format with microseconds, e.g. `20261130T093150.522041Z`. That form is exact (two
changes a second apart never share a version), sorts as the versions were made, and is safe in
file names and URLs on every system.

Releases (`commitments/release_models.py`) have their own, human-readable versions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from commitments.models import data_last_updated

__all__ = ["EMPTY", "Edition", "data_last_updated", "version_text"]

# The version of a database that holds no fact and never did.
EMPTY = "empty"


def version_text(version: datetime.datetime | None) -> str:
    """The data version `version` (a time, or None for an empty database) as it is printed."""
    if version is None:
        return EMPTY
    return version.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%S.%fZ")


@dataclass(frozen=True)
class Edition:
    """Which data a citation or a bundle names: its data version and, when it is one, the
    release (with the day it was published); otherwise the latest release, if there is one."""

    data_version: datetime.datetime | None
    release: str | None = None
    released_on: datetime.date | None = None
    latest_release: str | None = None

    @property
    def data_version_text(self) -> str:
        return version_text(self.data_version)

    @property
    def label(self) -> str:
        """The name of a bundle of this edition: its release, or else its data version."""
        return self.release or self.data_version_text

    def describe(self) -> str:
        """How a citation names this edition, e.g. "release 2026.11.30 (data version ...)"."""
        values = {"version": self.data_version_text, "release": self.release}
        if self.release:
            return _("release %(release)s (data version %(version)s)") % values
        if self.latest_release:
            values["release"] = self.latest_release
            return _("data version %(version)s (the latest release is %(release)s)") % values
        return _("data version %(version)s") % values
