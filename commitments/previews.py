"""Preview images: the picture a link to a scorecard shows when it is shared (Open Graph, Twitter).

Each image is a 1200x630 PNG drawn on the server with Pillow and the vendored DejaVu Sans fonts
(commitments/fonts/), so it needs no browser, no network and no installed font. A scorecard's
image says the state's name, its rank, its total (or that too little is known for one), its
coverage, the date it speaks for and the scoring method's version.

Drawing an image takes tens of milliseconds, so images are kept in Django's cache under a key
that holds the freshness (`commitments.versioning`: the data version and today's date), the date
asked for and the method version: a change to the data, a new day or a new method makes a new
image, and an old one is never served.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache as django_cache
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from commitments import scoring
from commitments.templatetags.scorecard import score

if TYPE_CHECKING:
    from commitments.models import State

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
FONTS = Path(__file__).resolve().parent / "fonts"

# The site's colours (static/css/site.css).
BRAND = "#143d59"
TEXT = "#1a1a1a"
MUTED = "#4d4d4d"
PANEL = "#f4f6f8"
BAR = "#1f6f8b"
TRACK = "#eceff1"

# Bump when the drawing changes, so that kept images are drawn again.
DRAWING_VERSION = "1"
CACHE_PREFIX = "r2p:preview"


@dataclass(frozen=True)
class ScorecardPreview:
    """What a scorecard's preview image says, each line as it is printed."""

    name: str
    total: str
    coverage: str
    known: int
    indicators: int
    date: str
    method: str
    # "rank 3 of 11"; None when the state has no rank (too little known, or not yet a state).
    rank: str | None = None

    @classmethod
    def of(
        cls, state: State, card: scoring.Scorecard, rank: scoring.Rank | None = None
    ) -> ScorecardPreview:
        return cls(
            name=state.short_name,
            total=score(card.total) if not card.insufficient else _("insufficient data"),
            coverage=_("%(known)s of %(total)s indicators known")
            % {"known": card.coverage.known, "total": card.coverage.applicable},
            known=card.coverage.known,
            indicators=card.coverage.applicable,
            date=_("as of %(date)s") % {"date": card.on.isoformat()},
            method=_("scoring method %(version)s") % {"version": card.version},
            rank=rank_line(rank),
        )

    @property
    def lines(self) -> list[str]:
        """Every text the image prints, in reading order."""
        return [
            self.name,
            *([self.rank] if self.rank else []),
            self.total,
            self.coverage,
            self.date,
            self.method,
        ]


def rank_line(rank: scoring.Rank | None) -> str | None:
    """ "rank 3 of 11", or None when the state has no rank."""
    if rank is None or rank.position is None:
        return None
    return _("rank %(position)d of %(of)d") % {"position": rank.position, "of": rank.of}


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def _fitted(draw: ImageDraw.ImageDraw, text: str, size: int, width: int, bold: bool):
    """The largest font no bigger than `size` in which `text` fits in `width` pixels."""
    while size > 24 and draw.textlength(text, font=_font(size, bold)) > width:
        size -= 4
    return _font(size, bold)


def _wrapped(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    """`text` broken between words into lines no wider than `width` pixels."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _canvas() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 96), fill=BRAND)
    draw.text((MARGIN, 48), _("R2P Tracker"), font=_font(40, bold=True), fill="white", anchor="lm")
    subtitle = _("ASEAN Responsibility to Protect commitments")
    draw.text((WIDTH - MARGIN, 48), subtitle, font=_font(24), fill="white", anchor="rm")
    return image, draw


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def scorecard_png(preview: ScorecardPreview) -> bytes:
    """The preview image of one scorecard."""
    image, draw = _canvas()
    inner = WIDTH - 2 * MARGIN
    draw.text(
        (MARGIN, 130),
        preview.name,
        font=_fitted(draw, preview.name, 80, inner, bold=True),
        fill=TEXT,
        anchor="lt",
    )
    scorecard = _("R2P commitments scorecard")
    draw.text((MARGIN, 228), scorecard, font=_font(32), fill=MUTED, anchor="lt")
    if preview.rank:
        draw.text((MARGIN, 290), preview.rank, font=_font(40, bold=True), fill=BRAND, anchor="lt")
    # The total, large, with its scale; "no score" when no group has one.
    total_font = _font(150 if preview.total[:1].isdigit() else 96, bold=True)
    draw.text((MARGIN, 470), preview.total, font=total_font, fill=TEXT, anchor="ls")
    if preview.total[:1].isdigit():
        right = MARGIN + draw.textlength(preview.total, font=total_font)
        draw.text((right + 12, 470), "/100", font=_font(54), fill=MUTED, anchor="ls")
    # Coverage, as words and as a bar, on the right.
    left = 640
    draw.text((left, 330), _("Coverage"), font=_font(30, bold=True), fill=TEXT, anchor="lt")
    draw.text((left, 374), preview.coverage, font=_font(30), fill=TEXT, anchor="lt")
    track = (left, 428, WIDTH - MARGIN, 456)
    draw.rectangle(track, fill=TRACK, outline="#767676")
    if preview.indicators:
        filled = left + (track[2] - left) * preview.known / preview.indicators
        draw.rectangle((left, track[1], filled, track[3]), fill=BAR)
    # What the image speaks for.
    draw.rectangle((0, HEIGHT - 110, WIDTH, HEIGHT), fill=PANEL)
    footer = f"{preview.date} · {preview.method}"
    draw.text((MARGIN, HEIGHT - 55), footer, font=_font(30), fill=TEXT, anchor="lm")
    return _png(image)


def site_png() -> bytes:
    """The preview image of every page that has none of its own."""
    image, draw = _canvas()
    inner = WIDTH - 2 * MARGIN
    title = _("How the 11 ASEAN states keep their R2P commitments")
    font = _font(64, bold=True)
    for number, line in enumerate(_wrapped(draw, title, font, inner)[:2]):
        draw.text((MARGIN, 140 + number * 80), line, font=font, fill=TEXT, anchor="lt")
    for number, line in enumerate(
        [
            _("Treaties, institutions, focal points and laws"),
            _("Every fact with its source, for any date"),
            _("Open data: CC BY 4.0"),
        ]
    ):
        draw.text((MARGIN, 340 + number * 60), line, font=_font(38), fill=MUTED, anchor="lt")
    return _png(image)


def cached(key_parts: tuple, draw: Callable[[], bytes]) -> bytes:
    """The image kept under `key_parts`, drawn and kept when there is none.

    Images are drawn in English for the pages of every language: one image serves them all, and
    DejaVu Sans, which draws them, has no Khmer or Thai glyphs and Pillow shapes neither script.
    """
    digest = hashlib.sha256(repr((DRAWING_VERSION, *key_parts)).encode()).hexdigest()
    key = f"{CACHE_PREFIX}:{digest}"
    png = django_cache.get(key)
    if png is None:
        with translation.override(settings.LANGUAGE_CODE):
            png = draw()
        django_cache.set(key, png, timeout=settings.CACHE_TIMEOUT)
    return png
