"""Releases: citable, numbered copies of the whole dataset, kept byte for byte for good.

A release is cut by `manage.py publish_release` (see `commitments.releases`). Its zip is stored in
the database, so it is backed up with the facts and served unchanged for as long as the database
lives: a figure published from release 2026.11.30 can be reproduced from that release years later.

Release versions are calendar versions: the UTC date of publication as `YYYY.MM.DD`, and for a
further release on the same day `YYYY.MM.DD.2`, `.3` and so on. They are for people to cite and
read; the data version (`commitments.versioning`) stays the exact, machine-made identifier of
the data a release holds.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from commitments.validators import LONG_TEXT_VALIDATORS, MAX_LONG_TEXT, TEXT_VALIDATORS
from commitments.versioning import Version
from commitments.vocabularies import Resource

# What the summary of a release counts, per collection.
CHANGE_KINDS = {"added": _("added"), "changed": _("changed"), "deleted": _("deleted")}

VERSION_PATTERN = r"[0-9]{4}\.[0-9]{2}\.[0-9]{2}(\.[0-9]+)?"


@dataclass(frozen=True)
class Edition:
    """Which data a citation or a bundle names: its data version and, when it is one, the
    release (with the day it was published); otherwise the latest release, if there is one."""

    version: Version
    release: str | None = None
    released_on: datetime.date | None = None
    latest_release: str | None = None

    @property
    def label(self) -> str:
        """The name of a bundle of this edition: its release, or else its data version."""
        return self.release or self.version.label

    def describe(self) -> str:
        """How a citation names this edition, e.g. "release 2026.11.30 (data version ...)"."""
        values = {"version": self.version.label, "release": self.release}
        if self.release:
            return _("release %(release)s (data version %(version)s)") % values
        if self.latest_release:
            values["release"] = self.latest_release
            return _("data version %(version)s (the latest release is %(release)s)") % values
        return _("data version %(version)s") % values


class ReleaseQuerySet(models.QuerySet):
    def listed(self) -> ReleaseQuerySet:
        """Releases newest first, without their zips (read only when one is downloaded)."""
        return self.defer("content").order_by("-published_at", "-pk")

    def latest_listed(self) -> Release | None:
        """The newest release, without its zip, or None before the first: one query."""
        return self.listed().first()

    def edition_of(self, version: Version, method_version: str) -> Edition:
        """What a citation of data `version` scored with `method_version` names: the latest
        release when it holds exactly that (same data, same method), else the data version
        beside the latest release. One query."""
        latest = self.latest_listed()
        if latest is None:
            return Edition(version)
        if latest.data_version == version.label and latest.method_version == method_version:
            return Edition(version, latest.version, latest.published_at.date())
        return Edition(version, latest_release=latest.version)


class Release(models.Model):
    version = models.CharField(
        _("version"),
        max_length=20,
        unique=True,
        validators=[
            *TEXT_VALIDATORS,
            RegexValidator(f"^{VERSION_PATTERN}\\Z", _("Use YYYY.MM.DD or YYYY.MM.DD.N.")),
        ],
    )
    published_at = models.DateTimeField(_("published at"))
    data_version = models.CharField(
        _("data version"),
        max_length=40,
        help_text=_("The data version the release holds (commitments/versioning.py)."),
        validators=TEXT_VALIDATORS,
    )
    data_changed_at = models.DateTimeField(
        _("data last changed"),
        null=True,
        help_text=_("The time of the latest change to the facts the release holds."),
    )
    method_version = models.CharField(
        _("scoring method"), max_length=40, validators=TEXT_VALIDATORS
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, validators=TEXT_VALIDATORS)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    changes = models.JSONField(
        _("changes"),
        default=dict,
        help_text=_("Per collection, the rows added, changed and deleted since the last release."),
    )
    notes = models.TextField(
        _("notes"), blank=True, max_length=MAX_LONG_TEXT, validators=LONG_TEXT_VALIDATORS
    )
    content = models.BinaryField(_("zip"))

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(version__regex=f"^{VERSION_PATTERN}$"),
                name="release_version_well_formed",
                violation_error_message=_("Use YYYY.MM.DD or YYYY.MM.DD.N."),
            )
        ]

    def __str__(self) -> str:
        return self.version

    @property
    def filename(self) -> str:
        return f"r2p-tracker-{self.version}.zip"

    @staticmethod
    def version_after(day: str, taken: list[str]) -> str:
        """The version of a release published on `day` (YYYY.MM.DD), after those `taken`."""
        same_day = [v for v in taken if v == day or v.startswith(f"{day}.")]
        if not same_day:
            return day
        # The day's first release is its number 1.
        return f"{day}.{max(int(v[len(day) + 1 :] or 1) for v in same_day) + 1}"

    @property
    def summary(self) -> str:
        """The changes since the previous release, in words, collection by collection."""
        parts = []
        for resource in Resource:
            counts = self.changes.get(resource.value, {})
            said = [
                _("%(count)d %(kind)s") % {"count": counts[kind], "kind": label}
                for kind, label in CHANGE_KINDS.items()
                if counts.get(kind)
            ]
            if said:
                parts.append(f"{resource.label}: {', '.join(str(s) for s in said)}")
        if not parts:
            return str(_("No fact changed since the previous release."))
        return "; ".join(parts) + "."
