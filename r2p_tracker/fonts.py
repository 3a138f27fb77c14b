"""The web fonts the site ships for scripts a reader's device may lack (docs/translating.md).

Each script's Noto Sans face (Regular and Bold) is subset to that script's Unicode blocks, with
every OpenType layout feature kept, since Khmer and Thai need shaping (stacked consonants, vowel
and tone marks), and saved as WOFF2 under static/fonts/. static/css/site.css loads them with
`@font-face` and a `unicode-range`, so a page downloads a face only when it shows that script.
The sources are Debian's fonts-noto-core package; the licence (SIL OFL 1.1) is in LICENSES/.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

NOTO_DIR = Path("/usr/share/fonts/truetype/noto")


@dataclass(frozen=True)
class Script:
    """A script the site ships a subsetted font for."""

    family: str
    # Inclusive ranges of code points; the same ranges go in the CSS `unicode-range`.
    ranges: tuple[tuple[int, int], ...]

    @property
    def unicodes(self) -> list[int]:
        return [point for low, high in self.ranges for point in range(low, high + 1)]

    @property
    def unicode_range(self) -> str:
        return ", ".join(f"U+{low:04X}-{high:04X}" for low, high in self.ranges)


# Joiners and the dotted circle (shown for a mark without a base) belong to every complex script.
_SHARED = ((0x200B, 0x200D), (0x25CC, 0x25CC))

SCRIPTS = (
    Script("NotoSansKhmer", ((0x1780, 0x17FF), (0x19E0, 0x19FF), *_SHARED)),
    Script("NotoSansThai", ((0x0E01, 0x0E5B), *_SHARED)),
)
WEIGHTS = ("Regular", "Bold")


def subset(script: Script, weight: str, source_dir: Path, target_dir: Path) -> Path:
    """Write `script`'s face of `weight` as a subsetted WOFF2 and return its path."""
    from fontTools import subset as ft_subset

    # fontTools reports every table it touches at INFO.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    options = ft_subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    font = ft_subset.load_font(str(source_dir / f"{script.family}-{weight}.ttf"), options)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=script.unicodes)
    subsetter.subset(font)
    target = target_dir / f"{script.family}-{weight}.subset.woff2"
    ft_subset.save_font(font, str(target), options)
    return target


def subset_all(source_dir: Path = NOTO_DIR, target_dir: Path | None = None) -> list[Path]:
    """Every shipped face, subsetted into `target_dir` (static/fonts/ by default)."""
    from django.conf import settings

    target_dir = target_dir or Path(settings.BASE_DIR) / "static" / "fonts"
    target_dir.mkdir(parents=True, exist_ok=True)
    return [
        subset(script, weight, source_dir, target_dir) for script in SCRIPTS for weight in WEIGHTS
    ]
