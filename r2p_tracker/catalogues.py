"""Whether the translation catalogue of each published language is complete and compiled.

`tests/test_translations.py` and `manage.py check_translations` read every `locale/<code>/
LC_MESSAGES/django.po`: a message with an empty translation, or marked fuzzy (a guess by
`makemessages` that nobody has checked), is missing; a `django.mo` whose messages differ from
what `compilemessages` would make of the `.po` file now is stale. docs/translating.md explains how
to fix either.
"""

from __future__ import annotations

import ast
import gettext
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class Message:
    msgid: str
    msgid_plural: str
    context: str
    translations: tuple[str, ...]
    fuzzy: bool

    @property
    def missing(self) -> bool:
        return self.fuzzy or not self.translations or not all(self.translations)


def _text(quoted: str) -> str:
    # A .po string is a C string literal; Python's own literal rules read it the same way.
    return ast.literal_eval(quoted)


def read_po(path: Path) -> list[Message]:
    """Every message of a .po file except the header."""
    messages = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        field = ""
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,"):
                fuzzy = "fuzzy" in line
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                fields[field] += _text(line)
            elif line.strip():
                field, _, value = line.partition(" ")
                fields[field] = _text(value)
        if fields.get("msgid"):
            translations = tuple(
                value for key, value in sorted(fields.items()) if key.startswith("msgstr")
            )
            messages.append(
                Message(
                    msgid=fields["msgid"],
                    msgid_plural=fields.get("msgid_plural", ""),
                    context=fields.get("msgctxt", ""),
                    translations=translations,
                    fuzzy=fuzzy,
                )
            )
    return messages


def catalogue(language: str, suffix: str = ".po") -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / f"django{suffix}"


def missing(language: str) -> list[str]:
    """The messages of `language` still to translate or to check, as their English text."""
    return [message.msgid for message in read_po(catalogue(language)) if message.missing]


def _compiled(mo: Path) -> dict:
    with mo.open("rb") as file:
        # The compiled messages, as the translation machinery reads them.
        return dict(vars(gettext.GNUTranslations(file))["_catalog"])


def stale(language: str) -> bool:
    """Whether the committed .mo differs from what the .po compiles to now."""
    mo = catalogue(language, ".mo")
    if not mo.exists():
        return True
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / "django.mo"
        subprocess.run(
            ["msgfmt", "--check-format", "-o", str(fresh), str(catalogue(language))],
            check=True,
            capture_output=True,
        )
        return _compiled(fresh) != _compiled(mo)


def translated_languages() -> list[str]:
    """The published languages that need a catalogue: all but the one the code is written in."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
