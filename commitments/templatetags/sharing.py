"""Template helpers for sharing a page: the embed code, the canonical address, and a block's text
read twice (the page title in <title> and in the Open Graph tags)."""

from __future__ import annotations

import re

from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from commitments.wording import in_sentence

register = template.Library()

# The frame the embed code suggests. At this size the embed shows everything without scrolling
# for every state, on any date (tests/test_browser.py checks it in Chromium); its own script can
# also tell the host page its exact height (static/js/embed.js).
EMBED_WIDTH = 360
EMBED_HEIGHT = 540

# What a host page adds, once, to fit every R2P Tracker frame on it to the height the frame reports
# (static/js/embed.js); ORIGIN is this site's. Without it the frame keeps its suggested size.
HOST_SCRIPT = """<script>
window.addEventListener("message", function (event) {
  var data = event.data;
  if (event.origin !== "ORIGIN" || !data || data.type !== "r2p-tracker:embed-height") return;
  document.querySelectorAll("iframe").forEach(function (frame) {
    if (frame.contentWindow === event.source && data.height > 0 && data.height < 5000) {
      frame.height = Math.ceil(data.height);
    }
  });
});
</script>"""

# The query parameters that make a different page, with the shape of a value that does; any other
# parameter (a sort order) shows the same page.
CANONICAL_PARAMETERS = {"as_of": re.compile(r"\d{4}-\d{2}-\d{2}"), "page": re.compile(r"\d{1,6}")}


@register.inclusion_tag("commitments/_embed_code.html", takes_context=True)
def embed_code(context, state) -> dict:
    """The HTML another site pastes to show `state`'s compact scorecard, and the optional script
    that fits the frame to it."""
    request: HttpRequest = context["request"]
    origin = f"{request.scheme}://{request.get_host()}"
    src = origin + reverse("commitments:country_embed", args=[state.iso3.lower()])
    title = _("R2P scorecard of %(state)s") % {"state": in_sentence(state.short_name)}
    return {
        "src": src,
        "iframe": format_html(
            '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy"></iframe>',
            src,
            title,
            EMBED_WIDTH,
            EMBED_HEIGHT,
        ),
        "script": HOST_SCRIPT.replace("ORIGIN", origin),
    }


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's one absolute address: its path and the parameters that change what it shows."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return ""
    kept = [
        (name, request.GET[name])
        for name, shape in CANONICAL_PARAMETERS.items()
        if shape.fullmatch(request.GET.get(name, ""))
    ]
    query = f"?{urlencode(kept)}" if kept else ""
    return request.build_absolute_uri(request.path) + query


class CaptureNode(template.Node):
    # Lets template inheritance find the blocks inside, so a child template still fills them.
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist: template.NodeList, name: str):
        self.nodelist = nodelist
        self.name = name

    def render(self, context) -> str:
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token) -> CaptureNode:
    """`{% capture name %}...{% endcapture %}`: renders the enclosed template (blocks included)
    once, on one line, into the variable `name` instead of the page."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% capture %} takes one variable name.")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])
