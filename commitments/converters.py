"""Path converters: a path parameter that cannot name anything never reaches a view, so NUL bytes,
control characters, odd Unicode or overlong values in an address are a 404 from the resolver."""

from __future__ import annotations

from commitments.models import Treaty

_KEY_LENGTH = Treaty._meta.get_field("key").max_length


class _TextConverter:
    """A string parameter of the shape `regex` gives, passed on as it is."""

    regex: str

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class Iso3Converter(_TextConverter):
    """An ISO 3166 alpha-3 code, in any case: `khm`, `KHM`."""

    regex = "[A-Za-z]{3}"


class KeyConverter(_TextConverter):
    """A treaty key such as `rome_statute_1998`: a slug no longer than the model allows."""

    regex = f"[-a-zA-Z0-9_]{{1,{_KEY_LENGTH}}}"


class ModelNameConverter(_TextConverter):
    """A model's name as Django writes it in addresses: `treatyaction`."""

    regex = "[a-z]{1,50}"


class IdConverter:
    """A row id: digits that fit a 64-bit integer column (at most 18 of them)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
