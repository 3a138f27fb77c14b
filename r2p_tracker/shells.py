"""A page rendered once and reused while only small parts of it change: a shell.

Some pages stay the same across many data versions but for a few words: a scorecard, after a
change to another state's facts, differs from its last rendering only in its citation (which
names the data version) and its footer (the date of the latest edit). A template marks such parts
with `{% fresh "name" %}...{% endfresh %}` (r2p_tracker/templatetags/fresh.py). `render` renders
the page once with a mark in their place and keeps the text between them (`Shell`);
`Shell.fill` renders only the fresh parts, with the context of the request at hand, and joins
them with the kept text. The caller keeps the shell under a key naming everything else the page
read (commitments/state_parts.py for the scorecard).

A filled shell is byte for byte the page the template renders, as long as the fresh parts read
nothing but the view's context, the request and the context processors. A page that read anything
of its reader's own while rendered (a CSP nonce, the CSRF token, the signed-in user) is
`personal`, and is not to be kept.
"""

from __future__ import annotations

import functools
import re
import secrets
from dataclasses import dataclass

from django.http import HttpRequest
from django.template import Context, loader
from django.template.base import FilterExpression, Template
from django.template.context import make_context
from django.template.loader_tags import ExtendsNode
from django.utils.functional import SimpleLazyObject, empty
from django.utils.safestring import SafeString

from r2p_tracker.templatetags.fresh import MARKS, FreshNode


class Marks:
    """What a fresh part prints while a shell is rendered: a mark no data can contain (a private
    use character around a random token and the part's name)."""

    def __init__(self) -> None:
        self._token = secrets.token_hex(8)
        self._pattern = re.compile("\ue000" + self._token + ":([^\ue001]*)\ue001")

    def mark(self, name: str) -> str:
        return SafeString(f"\ue000{self._token}:{name}\ue001")

    def split(self, html: str) -> tuple[str, ...]:
        """The text between the marks, with the name of each mark between: text, name, text,
        ..., text."""
        return tuple(self._pattern.split(html))


@dataclass(frozen=True)
class Shell:
    """A page without its fresh parts: `pieces` alternate kept text and a fresh part's name,
    starting and ending with text."""

    template_name: str
    pieces: tuple[str, ...]
    status: int = 200
    # Rendered with something of the reader's own (a CSP nonce, a CSRF token, the user): to be
    # shown to that reader only, never kept.
    personal: bool = False

    def __len__(self) -> int:
        # What a memory cache counts the shell's size by: its characters.
        return sum(map(len, self.pieces))

    def fill(self, context: dict, request: HttpRequest) -> str:
        """The page, its fresh parts rendered with `context` for `request`."""
        if len(self.pieces) == 1:
            return self.pieces[0]
        backend_template = loader.get_template(self.template_name)
        page: Template = backend_template.template  # type: ignore[attr-defined]
        nodes = _fresh_nodes(page)
        bound = make_context(context, request, autoescape=page.engine.autoescape)
        out = list(self.pieces)
        with bound.render_context.push_state(page), bound.bind_template(page):
            for at in range(1, len(out), 2):
                out[at] = nodes[out[at]].nodelist.render(bound)
        return "".join(out)


def render(template_name: str, context: dict, request: HttpRequest, status: int = 200) -> Shell:
    """The shell of `template_name` rendered with `context` for `request`; `personal` when the
    rendering read something of the reader's own, which no other request may be shown."""
    marks = Marks()
    before = _reader_s_own(request)
    html = loader.render_to_string(template_name, {**context, MARKS: marks}, request)
    return Shell(template_name, marks.split(html), status, _reader_s_own(request) != before)


def _reader_s_own(request: HttpRequest) -> tuple[bool, bool, bool]:
    """Whether this request's CSP nonce, CSRF token and user have been read."""
    user = getattr(request, "user", None)
    return (
        bool(getattr(request, "_csp_nonce", None)),
        bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")),
        isinstance(user, SimpleLazyObject) and user._wrapped is not empty,
    )


@functools.lru_cache(maxsize=64)
def _fresh_nodes(page: Template) -> dict[str, FreshNode]:
    """The fresh parts of `page` and of the templates it extends, by name (a child's part of a
    name replaces its parent's)."""
    found: dict[str, FreshNode] = {}
    for extends in page.nodelist.get_nodes_by_type(ExtendsNode):
        assert isinstance(extends, ExtendsNode)
        # A page is shelled only when the template it extends is named in it.
        assert isinstance(extends.parent_name, FilterExpression)
        parent = page.engine.get_template(extends.parent_name.resolve(Context()))
        found.update(_fresh_nodes(parent))
    for node in page.nodelist.get_nodes_by_type(FreshNode):
        assert isinstance(node, FreshNode)
        found[node.name] = node
    return found
