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

from commitments.models import data_last_updated

__all__ = ["EMPTY", "data_last_updated", "version_text"]

# The version of a database that holds no fact and never did.
EMPTY = "empty"


def version_text(version: datetime.datetime | None) -> str:
    """The data version `version` (a time, or None for an empty database) as it is printed."""
    if version is None:
        return EMPTY
    return version.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
