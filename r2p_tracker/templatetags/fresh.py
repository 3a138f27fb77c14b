"""`{% fresh "name" %}...{% endfresh %}`: a part of a page that is rendered on every request,
while the rest of the page may be kept and reused (r2p_tracker/shells.py).

Outside a shell it renders its content, as if the tag were not there. While a shell is rendered
it leaves a mark instead, and its content is rendered again for each request the shell answers,
from the view's context alone: it must not read variables that tags outside it set (`as`,
`with`, `for`, `capture`).
"""

from __future__ import annotations

from django import template
from django.template.base import Node, NodeList, Parser, Token
from django.template.context import Context

register = template.Library()

# The context variable a shell is rendered with (shells.Marks).
MARKS = "_fresh_marks"


class FreshNode(Node):
    child_nodelists = ("nodelist",)

    def __init__(self, name: str, nodelist: NodeList):
        self.name = name
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        marks = context.get(MARKS)
        if marks is None:
            return self.nodelist.render(context)
        return marks.mark(self.name)


@register.tag
def fresh(parser: Parser, token: Token) -> FreshNode:
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one quoted name")
    nodelist = parser.parse(("endfresh",))
    parser.delete_first_token()
    return FreshNode(bits[1][1:-1], nodelist)
