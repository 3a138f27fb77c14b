"""Validators shared by every text field of the app's models.

A model field's validators run in `full_clean()`, and Django's ModelForm (the admin) and DRF's
ModelSerializer (the API) copy them, so one validator on the field covers the admin, the API and the
importer alike.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Line breaks and tabs are text; every other control character is not. A vertical tab or a form
# feed in a title breaks the Atom feeds (XML 1.0 cannot carry them) and the CSV files.
ALLOWED_CONTROLS = frozenset("\t\n\r")

# The longest notes, legal basis or reservations a fact may carry, in characters. It stays below the
# importer's limit for one CSV cell (`csv.field_size_limit()`, 131,072), so every text the admin or
# the API accepts loads back from `export_dataset`.
MAX_LONG_TEXT = 100_000

# Unicode gives most control characters no name; these are the ones pasted text carries.
CONTROL_NAMES = {
    "\x00": _("null"),
    "\x08": _("backspace"),
    "\x0b": _("vertical tab"),
    "\x0c": _("form feed"),
    "\x1b": _("escape"),
    "\x7f": _("delete"),
    "\x85": _("next line"),
}


def _refused(character: str) -> bool:
    category = unicodedata.category(character)
    if category == "Cc":
        return character not in ALLOWED_CONTROLS
    # A lone surrogate or U+FFFE/U+FFFF is not a character at all; no file or feed can carry it.
    return category == "Cs" or character in "\ufffe\uffff"


def validate_clean_text(value: str) -> None:
    """Refuses control characters other than tab, line feed and carriage return."""
    for position, character in enumerate(value or "", start=1):
        if _refused(character):
            name: StrOrPromise = CONTROL_NAMES.get(character) or str(
                unicodedata.name(character, "")
            )
            if not name:
                is_control = unicodedata.category(character) == "Cc"
                name = _("a control character") if is_control else _("not a character")
            raise ValidationError(
                _(
                    "Remove the invisible character U+%(code)04X (%(name)s) at character "
                    "%(position)d: text may hold tabs and line breaks, but no other control "
                    "characters."
                ),
                code="control_character",
                params={"code": ord(character), "name": name, "position": position},
            )


# For every CharField of the app's models (their own max_length adds the length check).
TEXT_VALIDATORS: list[Callable[[Any], None]] = [validate_clean_text]
# For every TextField: no control characters, and at most MAX_LONG_TEXT characters.
LONG_TEXT_VALIDATORS: list[Callable[[Any], None]] = [
    validate_clean_text,
    MaxLengthValidator(MAX_LONG_TEXT),
]
