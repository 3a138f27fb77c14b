"""How a state's name reads inside an English sentence: "the Philippines", "the Philippines'".

A short name as stored ("Philippines", "Cambodia") is right in a heading or a table cell. Inside a
sentence some names take the article ("the Philippines"), and the possessive of a name ending in
"s" takes an apostrophe alone ("the Philippines'", not "Philippines's"). Templates use the
`in_sentence` and `possessive` filters (commitments/templatetags/scorecard.py); Python code calls
these functions. No query: they read the name only.
"""

from __future__ import annotations

from django.utils import translation

# Names that English writes with "the" inside a sentence: plural names and those naming a union,
# a kingdom or a republic by its kind.
NAMES_WITH_THE = frozenset(
    {
        "Bahamas",
        "Comoros",
        "Czech Republic",
        "Dominican Republic",
        "Gambia",
        "Maldives",
        "Marshall Islands",
        "Netherlands",
        "Philippines",
        "Seychelles",
        "Solomon Islands",
        "United Arab Emirates",
        "United Kingdom",
        "United States",
    }
)


def local_name(name: str) -> str:
    """A state's or treaty's name in the reader's language: its translation in the catalogue
    (commitments/names.py marks them), or the name as stored when there is none."""
    return translation.gettext(name) if name else name


def _english() -> bool:
    return (translation.get_language() or "en").split("-")[0] == "en"


def in_sentence(name: str) -> str:
    """The name as it reads after a word, e.g. "data for the Philippines". Other languages place
    articles and possessives in the translated sentence itself, so they get the translated name."""
    if not _english():
        return local_name(name)
    return f"the {name}" if name in NAMES_WITH_THE else name


def possessive(name: str) -> str:
    """The possessive of a name inside a sentence: "Cambodia's", "the Philippines'"."""
    if not _english():
        return local_name(name)
    name = in_sentence(name)
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"
