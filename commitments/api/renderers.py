"""CSV for every list: flat columns a spreadsheet user understands, streamed row by row.

Nested objects become prefixed columns and nested lists are left out (each has its own endpoint);
`state`, `treaty`, `source` and `nhri` are named `state_iso3`, `treaty_key`, `source_id` and
`nhri_id`, so a column says what it holds without the JSON around it; no column name is longer
than 32 characters, so that every statistics package reads them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

COLUMN_NAMES = {
    "state": "state_iso3",
    "treaty": "treaty_key",
    "source": "source_id",
    "independence_source": "independence_source_id",
    "un_member_source": "un_member_source_id",
    "nhri": "nhri_id",
    # Column names are kept to 32 characters, the longest Stata reads.
    "pending_denunciation_effective_on": "denunciation_effective_on",
}

# A cell a spreadsheet would run as a formula is prefixed with an apostrophe (OWASP "CSV
# injection"); plain numbers such as -3 are left alone.
_FORMULA_START = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")

# A streamed CSV reaches the server in strings of about this many characters, not line by line.
CSV_BATCH = 64 * 1024


def cell(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    text = str(value)
    if text[:1] in _FORMULA_START and not _NUMBER.match(text):
        return "'" + text
    return text


def _column(name: str, prefix: str = "") -> str:
    return f"{prefix}{name}" if prefix else COLUMN_NAMES.get(name, name)


def flatten(data: dict, prefix: str = "") -> dict:
    """One level of columns from a serialized row."""
    row: dict = {}
    for name, value in data.items():
        if isinstance(value, list):
            continue
        if isinstance(value, dict):
            row.update(flatten(value, prefix=f"{_column(name, prefix)}_"))
        else:
            row[_column(name, prefix)] = value
    return row


def columns(serializer: serializers.Serializer, prefix: str = "") -> list[str]:
    """The CSV header for a serializer, known before any row is read."""
    header = []
    for name, field in serializer.fields.items():
        if field.write_only or isinstance(field, serializers.ListSerializer):
            continue
        if isinstance(field, serializers.Serializer):
            header += columns(field, prefix=f"{_column(name, prefix)}_")
        else:
            header.append(_column(name, prefix))
    return header


class _Echo:
    def write(self, value: str) -> str:
        return value


def table_lines(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """The header line, then one line per row of values in the header's order, each produced
    only when asked for."""
    return prepared_lines(header, ([cell(value) for value in row] for row in rows))


def prepared_lines(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    """As `table_lines`, for rows whose values `cell` has already made safe (None is written as
    an empty cell, numbers as they print)."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def csv_lines(header: list[str], rows: Iterable[dict]) -> Iterator[str]:
    """The header line, then one line per serialized row."""
    flat_rows = (flatten(row) for row in rows)
    return table_lines(header, ([flat.get(name) for name in header] for flat in flat_rows))


def derived_csv(serializer: serializers.Serializer, rows: Iterable[dict]) -> Iterator[str]:
    """CSV lines for rows that are already plain values under the serializer's field names (a
    derived table's rows), without serializing each one: the same columns, much faster."""
    names = [
        name
        for name, field in serializer.fields.items()
        if not field.write_only and not isinstance(field, serializers.ListSerializer)
    ]
    return table_lines(columns(serializer), ([row[name] for name in names] for row in rows))


def serialized_csv(serializer: serializers.Serializer, objects: Iterable) -> Iterator[str]:
    """CSV lines for `objects`, serialized one at a time by `serializer`."""
    return csv_lines(columns(serializer), (serializer.to_representation(o) for o in objects))


def batched(lines: Iterable[str], size: int = CSV_BATCH) -> Iterator[str]:
    """`lines` joined into strings of at least `size` characters (the last may be shorter), so
    that the server writes, and the response encodes, a few large chunks."""
    batch: list[str] = []
    length = 0
    for line in lines:
        batch.append(line)
        length += len(line)
        if length >= size:
            yield "".join(batch)
            batch = []
            length = 0
    if batch:
        yield "".join(batch)


def csv_response(lines: Iterable[str], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(batched(lines), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CSVRenderer(BaseRenderer):
    """Renders one object or one page as CSV; list views stream whole results instead."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> str:
        if data is None:
            return ""
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        header: list[str] = []
        for row in rows:
            header += [name for name in flatten(row) if name not in header]
        return "".join(csv_lines(header, rows))


class ZipRenderer(BaseRenderer):
    """The dataset bundles: the view hands over the zip's bytes."""

    media_type = "application/zip"
    format = "zip"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data
