"""A page kept as a shell is the page the template renders, with only its fresh parts rendered
again for each request."""

import pytest
from django.template import TemplateSyntaxError, engines
from django.test import RequestFactory, override_settings

from r2p_tracker import shells

PARENT = (
    "{% load fresh %}<main>{% block content %}{% endblock %}</main>"
    '<footer>{% fresh "footer" %}edited {{ edited }}{% endfresh %}</footer>'
)
CHILD = (
    '{% extends "parent.html" %}{% load fresh %}{% block content %}'
    "<h1>{{ title }}</h1>{% for item in items %}<p>{{ item }}</p>{% endfor %}"
    '{% fresh "citation" %}<cite>{{ title|upper }}, version {{ version }}</cite>{% endfresh %}'
    "{% endblock %}"
)
LOCMEM = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {"parent.html": PARENT, "child.html": CHILD},
                )
            ],
            "context_processors": ["django.template.context_processors.request"],
        },
    }
]


@pytest.fixture
def request_():
    with override_settings(TEMPLATES=LOCMEM):
        shells._fresh_nodes.cache_clear()
        yield RequestFactory().get("/page/")
    shells._fresh_nodes.cache_clear()


def _rendered(context: dict, request) -> str:
    return engines["django"].get_template("child.html").render(context, request)


def test_a_filled_shell_is_the_page_the_template_renders(request_):
    context = {"title": "Scorecard <b>", "items": ["a", "b & c"], "version": 7, "edited": "today"}

    shell = shells.render("child.html", context, request_)

    assert shell.fill(context, request_) == _rendered(context, request_)
    assert "Scorecard &lt;b&gt;" in shell.fill(context, request_)


def test_a_shell_renders_its_fresh_parts_again_from_the_new_context(request_):
    shell = shells.render(
        "child.html", {"title": "T", "items": ["kept"], "version": 1, "edited": "monday"}, request_
    )

    # The kept text stays as it was rendered (the items); the fresh parts, in the child and in
    # the template it extends, read the context they are filled with.
    page = shell.fill({"title": "T", "items": ["new"], "version": 2, "edited": "tuesday"}, request_)

    assert page == _rendered(
        {"title": "T", "items": ["kept"], "version": 2, "edited": "tuesday"}, request_
    )
    assert "<p>kept</p>" in page
    assert "version 2" in page and "edited tuesday" in page


def test_text_that_looks_like_a_mark_is_kept_as_text(request_):
    # A mark holds a random token: data cannot name a fresh part.
    forged = "\ue000" + "0" * 16 + ":footer\ue001"
    context = {"title": forged, "items": [], "version": 1, "edited": "x"}

    shell = shells.render("child.html", context, request_)

    assert shell.fill(context, request_) == _rendered(context, request_)
    assert len(shell.pieces) == 5


def test_outside_a_shell_a_fresh_part_renders_its_content(request_):
    assert "<cite>T, version 3</cite>" in _rendered(
        {"title": "t", "items": [], "version": 3, "edited": "x"}, request_
    )


def test_a_fresh_part_needs_one_quoted_name():
    with pytest.raises(TemplateSyntaxError, match="one quoted name"):
        engines["django"].from_string("{% load fresh %}{% fresh citation %}{% endfresh %}")


@pytest.mark.parametrize(
    "template",
    ["{% csrf_token %}", "{{ csp_nonce }}", "{{ user.username }}"],
    ids=["CSRF token", "CSP nonce", "user"],
)
def test_a_page_that_read_the_readers_own_is_personal(template):
    from django.contrib.auth.models import AnonymousUser
    from django.middleware.csrf import CsrfViewMiddleware
    from django.utils.csp import LazyNonce
    from django.utils.functional import SimpleLazyObject

    own = {"own.html": template, "plain.html": "<p>{{ title }}</p>"}
    templates = [
        {
            **LOCMEM[0],
            "OPTIONS": {
                "loaders": [("django.template.loaders.locmem.Loader", own)],
                "context_processors": [
                    "django.template.context_processors.csp",
                    "django.contrib.auth.context_processors.auth",
                ],
            },
        }
    ]

    def reader():
        request = RequestFactory().get("/page/")
        CsrfViewMiddleware(lambda r: None).process_request(request)
        request._csp_nonce = LazyNonce()
        request.user = SimpleLazyObject(AnonymousUser)
        return request

    with override_settings(TEMPLATES=templates):
        assert shells.render("own.html", {}, reader()).personal
        assert not shells.render("plain.html", {"title": "T"}, reader()).personal
