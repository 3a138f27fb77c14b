"""The releases: their list, each one's record, and each one's zip, byte for byte, for good."""

from __future__ import annotations

import datetime
import hashlib
import re

from django.db.models import Count, Max
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import condition
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from commitments.api import serializers
from commitments.api.renderers import ZipRenderer
from commitments.api.views import (
    READ_ERRORS,
    APIViewMixin,
    ZipDownloadView,
    zip_download_schema,
)
from commitments.release_models import VERSION_PATTERN, Release

SAFE = ("GET", "HEAD")

# What a release version can look like: `2026.11.30`, `2026.11.30.2`. Anything else names no
# release, and is answered without asking the database (which refuses a NUL byte outright).
_VERSION_SHAPE = re.compile(r"[0-9]{4}\.[0-9]{2}\.[0-9]{2}(\.[0-9]{1,6})?")


def _release_or_none(queryset, version: str):
    if not _VERSION_SHAPE.fullmatch(version):
        return None
    return queryset.filter(version=version).first()


VERSION_PARAMETER = OpenApiParameter(
    "version",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    pattern=f"^{VERSION_PATTERN}$",
    description=_("The release's version, e.g. 2026.11.30."),
)

# A release never changes: caches may keep its zip for a year without asking again.
FOR_GOOD = 365 * 24 * 3600


def _releases_state(request) -> dict:
    """How many releases there are and when the latest was cut, read once per request."""
    if not hasattr(request, "_releases_state"):
        request._releases_state = Release.objects.aggregate(
            count=Count("pk"), latest=Max("published_at")
        )
    return request._releases_state


def _list_etag(request, *args, **kwargs) -> str | None:
    if request.method not in SAFE:
        return None
    state = _releases_state(request)
    latest = state["latest"].isoformat() if state["latest"] else ""
    parts = [
        str(state["count"]),
        latest,
        request.get_full_path(),
        request.headers.get("Accept", ""),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def _list_last_modified(request, *args, **kwargs) -> datetime.datetime | None:
    return _releases_state(request)["latest"] if request.method in SAFE else None


@method_decorator(
    condition(etag_func=_list_etag, last_modified_func=_list_last_modified), name="dispatch"
)
@extend_schema_view(
    list=extend_schema(
        summary=_("List the releases, newest first"),
        description=_(
            "Each release is the whole dataset as it was when the release was cut, kept for "
            "good: its version, date, data version, scoring method, the SHA-256 and size of its "
            "zip, and what changed since the previous release."
        ),
        responses={200: serializers.ReleaseSerializer(many=True), **READ_ERRORS},
    ),
    retrieve=extend_schema(
        summary=_("One release, by its version"),
        parameters=[VERSION_PARAMETER],
        responses={200: serializers.ReleaseSerializer, **READ_ERRORS},
    ),
)
class ReleaseViewSet(APIViewMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Release.objects.listed()
    serializer_class = serializers.ReleaseSerializer
    permission_classes = [AllowAny]
    filter_backends = []
    lookup_field = "version"
    # Any value reaches the view, so that a malformed version is a JSON 404 like an unknown one.
    lookup_value_regex = "[^/]+"
    renderer_classes = [JSONRenderer]

    def get_object(self):
        found = _release_or_none(self.get_queryset(), self.kwargs["version"])
        if found is None:
            raise NotFound(_("No release has the version %(version)s.") % self.kwargs)
        return found


class ReleaseDatasetView(ZipDownloadView):
    """A release's zip, the same bytes on every request, for good."""

    @zip_download_schema(
        "releases_dataset_download",
        _("Download a release"),
        _(
            "The zip of the release, byte for byte as it was published: its SHA-256 is the "
            "release's `sha256` and its ETag. Cite the release's version."
        ),
        [VERSION_PARAMETER],
    )
    def get(self, request, version: str):
        found = _release_or_none(Release.objects.values_list("sha256", "published_at"), version)
        if found is None:
            raise NotFound(_("No release has the version %(version)s.") % {"version": version})
        digest, published_at = found
        etag = f'"{digest}"'
        not_modified = get_conditional_response(
            request._request, etag=etag, last_modified=int(published_at.timestamp())
        )
        if not_modified is not None:
            return not_modified
        release = Release.objects.only("content", "version").get(version=version)
        response = HttpResponse(bytes(release.content), content_type=ZipRenderer.media_type)
        response["Content-Disposition"] = f'attachment; filename="{release.filename}"'
        response["ETag"] = etag
        response["Last-Modified"] = http_date(published_at.timestamp())
        patch_cache_control(response, public=True, max_age=FOR_GOOD, immutable=True)
        return response
