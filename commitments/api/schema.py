"""The OpenAPI schema as a client generator reads it.

drf-spectacular describes each view; this module adds what a generated client needs to work
without a token and with every format the API serves:

- reads declare anonymous access (`{}` beside the token and session schemes);
- every list that is also served as CSV has a second operation at `<list>.csv` (the same route
  with a format suffix), whose 200 is `text/csv` text, so that a client has a typed call for the
  CSV beside the one for JSON pages; the JSON list also declares `text/csv` as a plain string;
- errors are `application/json` only, whatever the format asked for;
- ids in paths are integers;
- the `ETag` and `Last-Modified` headers on every read, `Link` on every page and `Retry-After`
  on a 429 are declared.
"""

from __future__ import annotations

import copy

from drf_spectacular import openapi
from rest_framework.permissions import SAFE_METHODS, AllowAny, DjangoModelPermissionsOrAnonReadOnly

from commitments.api.renderers import CSV_CONTENT_TYPE

CSV = CSV_CONTENT_TYPE.split(";")[0]
JSON = "application/json"
# Paths that describe the API rather than serve its data.
NOT_DATA = ("/api/v1/schema/", "/api/v1/docs/")

HEADERS = {
    "ETag": {
        "description": "Changes when the answer changes; send it back as If-None-Match.",
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "When the data last changed; send it back as If-Modified-Since.",
        "schema": {"type": "string"},
    },
    "Link": {
        "description": 'The next and previous pages (RFC 8288): <url>; rel="next".',
        "schema": {"type": "string"},
    },
    "Retry-After": {
        "description": "Seconds to wait before the next request.",
        "schema": {"type": "integer"},
    },
}


class AutoSchema(openapi.AutoSchema):
    def get_auth(self):
        auth = super().get_auth()
        anonymous_reads = all(
            # DRF permission classes overload `|`, so a tuple, not a union.
            isinstance(permission, (AllowAny, DjangoModelPermissionsOrAnonReadOnly))  # noqa: UP038
            for permission in self.view.get_permissions()
        )
        if self.method in SAFE_METHODS and anonymous_reads and {} not in auth:
            auth.append({})
        return auth


def ordering_parameter(fields: list[str], default: str) -> dict:
    """The `ordering` query parameter over `fields`, each also reversed with `-`."""
    return {
        "name": "ordering",
        "in": "query",
        "required": False,
        "description": (
            f"Fields to order by, comma-separated or the parameter repeated; prefix - to "
            f"reverse. Default: {default}."
        ),
        "schema": {
            "type": "array",
            "items": {"type": "string", "enum": [f"{p}{f}" for f in fields for p in ("", "-")]},
        },
    }


def _headers(names: list[str]) -> dict:
    return {name: HEADERS[name] for name in names}


def _csv_operation(path: str, operation: dict) -> tuple[str, dict]:
    """The list operation `operation` of `path`, as the `<list>.csv` route serves it."""
    csv = copy.deepcopy(operation)
    csv["operationId"] = f"{operation['operationId']}_csv"
    csv["summary"] = f"{operation.get('summary', '')} (CSV, every row)".strip()
    csv["parameters"] = [
        parameter
        for parameter in csv.get("parameters", [])
        if parameter["name"] not in ("format", "page", "page_size")
    ]
    ok = csv["responses"]["200"]
    ok["content"] = {CSV: {"schema": {"type": "string"}}}
    ok["description"] = "Every row of the filtered result, as CSV with a header row."
    ok["headers"] = _headers(["ETag", "Last-Modified"])
    return path.rstrip("/") + ".csv", csv


def postprocess(result, generator, request, public):
    """Adds to drf-spectacular's schema what the module docstring lists."""
    paths = result["paths"]
    added = {}
    for path, item in paths.items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] == "id":
                    parameter["schema"] = {"type": "integer"}
            responses = operation.get("responses", {})
            for code, response in responses.items():
                content = response.get("content")
                if content and int(code) >= 400:
                    response["content"] = {JSON: content.get(JSON) or next(iter(content.values()))}
                elif content and CSV in content:
                    content[CSV] = {"schema": {"type": "string"}}
            if method != "get" or path in NOT_DATA:
                continue
            ok = responses.get("200", {})
            json_schema = ok.get("content", {}).get(JSON, {}).get("schema", {})
            paginated = json_schema.get("$ref", "").split("/")[-1].startswith("Paginated")
            ok["headers"] = _headers(["ETag", "Last-Modified", *(["Link"] if paginated else [])])
            if "304" in responses:
                responses["304"]["headers"] = _headers(["ETag", "Last-Modified"])
            if "429" in responses:
                responses["429"]["headers"] = _headers(["Retry-After"])
            if paginated and CSV in ok.get("content", {}):
                csv_path, csv_operation = _csv_operation(path, operation)
                added[csv_path] = {"get": csv_operation}
    paths.update(added)
    result["paths"] = dict(sorted(paths.items()))
    return result
