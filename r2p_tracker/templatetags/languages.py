"""The language switcher and the `hreflang` alternates of a public page."""

from __future__ import annotations

from django import template
from django.utils import translation

from r2p_tracker import language

register = template.Library()


@register.simple_tag(takes_context=True)
def page_in_languages(context, url: str = "") -> tuple[language.Alternate, ...]:
    """This page (or `url`, e.g. its absolute canonical address) in every published language."""
    request = context.get("request")
    if request is None:
        return ()
    return language.alternates(url or request.get_full_path(), translation.get_language())
