"""Security settings as a visitor, an attacker and an operator meet them."""

import datetime
import io
import json
import logging
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone

from r2p_tracker.logging import JsonFormatter, RequestIdFilter
from tests.helpers import PASSWORD, production_env

ROOT = settings.BASE_DIR
PYTHON = sys.executable

pytestmark = pytest.mark.usefixtures("dataset")

PUBLIC_PAGES = [
    "/",
    "/countries/khm/",
    "/treaties/rome_statute_1998/",
    "/methodology/",
    "/changes/",
    "/data/",
    "/api/v1/states/",
    "/api/v1/participation/?as_of=2015-01-01",
]


def run_manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_deploy_check_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_warns_when_the_page_cache_is_not_shared():
    env = production_env()
    del env["CACHE_URL"]
    result = run_manage("check", "--deploy", env=env)
    assert "r2p_tracker.W001" in result.stdout + result.stderr


def test_deploy_check_warns_when_citations_would_name_no_address():
    env = production_env()
    del env["SITE_URL"]
    result = run_manage("check", "--deploy", env=env)
    assert "r2p_tracker.W002" in result.stdout + result.stderr


def test_app_refuses_to_start_without_secret_key_when_debug_is_off():
    env = production_env()
    del env["SECRET_KEY"]
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_admin_path_is_configurable():
    code = (
        "import django; django.setup(); from django.urls import reverse; "
        "print(reverse('admin:index'))"
    )
    env = production_env(
        ADMIN_PATH="backoffice-7f3a/", DJANGO_SETTINGS_MODULE="r2p_tracker.settings"
    )
    result = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "/backoffice-7f3a/"


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_and_api_send_the_protective_headers(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


@pytest.mark.parametrize("url", PUBLIC_PAGES[:3])
def test_cached_answers_send_the_same_protective_headers(client, url):
    first, second = client.get(url), client.get(url)
    for header in ("X-Frame-Options", "Content-Security-Policy", "Referrer-Policy"):
        assert second[header] == first[header]


def test_embed_page_alone_may_be_framed_by_other_sites(client):
    response = client.get("/countries/khm/embed/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors 'none'" not in response.get("Content-Security-Policy", "")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_admin_pages_send_a_policy_without_unsafe_inline_scripts(admin_client):
    response = admin_client.get(f"/{settings.ADMIN_PATH}commitments/treatyaction/add/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy


def test_page_text_that_looks_like_markup_is_escaped(client):
    from commitments.models import State

    cambodia = State.objects.get(iso3="KHM")
    cambodia.official_name = '<script>alert("x")</script> Kingdom'
    cambodia.save()
    body = client.get("/countries/khm/").content.decode()
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;" in body


# Admin login: brute force, passwords, sessions.


def login(client, username: str, password: str):
    return client.post(
        f"/{settings.ADMIN_PATH}login/",
        {"username": username, "password": password, "next": f"/{settings.ADMIN_PATH}"},
        REMOTE_ADDR="203.0.113.7",
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_admin_login_locks_out_after_the_failure_limit(client, researcher):
    statuses = [
        login(client, researcher.username, "wrong password").status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    response = login(client, researcher.username, PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)


def lock_out(client, researcher) -> HttpResponse:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, researcher.username, "wrong password")
    assert response.status_code == 429
    return response


def lockout_started(researcher) -> datetime.datetime:
    return AccessAttempt.objects.get(username=researcher.username).attempt_time


def test_the_locked_out_researcher_is_told_when_to_try_again(client, researcher):
    response = lock_out(client, researcher)
    until = lockout_started(researcher) + datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    body = response.content.decode()
    assert "Too many failed sign-ins" in body
    assert f"{until.astimezone(datetime.UTC):%Y-%m-%d %H:%M} UTC" in body
    assert 0 < int(response["Retry-After"]) <= settings.AXES_COOLOFF_TIME * 3600 + 1


def test_a_client_asking_for_json_is_told_when_to_try_again_in_json(client, researcher):
    lock_out(client, researcher)
    response = client.post(
        f"/{settings.ADMIN_PATH}login/",
        {"username": researcher.username, "password": "wrong password"},
        REMOTE_ADDR="203.0.113.7",
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 429
    until = lockout_started(researcher) + datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    assert datetime.datetime.fromisoformat(response.json()["retry_after"]) == until


def test_failures_during_a_lockout_do_not_extend_it(client, researcher):
    lock_out(client, researcher)
    # Move the lockout back to one minute before it ends, as if the hour had almost passed.
    almost_over = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=-1)
    AccessAttempt.objects.update(attempt_time=almost_over)

    for _ in range(3):
        assert login(client, researcher.username, "wrong password").status_code == 429
    assert lockout_started(researcher) == almost_over

    AccessAttempt.objects.update(attempt_time=almost_over - datetime.timedelta(minutes=2))
    assert login(client, researcher.username, PASSWORD).status_code == 302


def test_lockout_is_per_account_and_address(client, researcher, django_user_model):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, researcher.username, "wrong password")
    django_user_model.objects.create_user(
        username="colleague", password="another-long-passphrase", is_staff=True
    )
    response = login(client, "colleague", "another-long-passphrase")
    assert response.status_code == 302
    assert logged_in(client)


def test_fewer_failures_than_the_limit_do_not_lock_out(client, researcher):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, researcher.username, "wrong password")
    response = login(client, researcher.username, PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


@pytest.mark.parametrize(
    "password",
    ["short1!", "password1234", "123456789012", "researcher2024"],
    ids=["too-short", "common", "numeric", "like-the-user-name"],
)
def test_weak_passwords_are_refused(password, django_user_model):
    with pytest.raises(ValidationError):
        validate_password(password, user=django_user_model(username="researcher"))


def test_a_long_uncommon_password_is_accepted(researcher):
    validate_password("correct horse battery staple", user=researcher)


def test_admin_session_ends_with_the_browser_and_within_hours(client, researcher):
    response = login(client, researcher.username, PASSWORD)
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_an_expired_session_is_asked_to_log_in_again(client, researcher):
    from django.contrib.sessions.models import Session

    login(client, researcher.username, PASSWORD)
    session = Session.objects.get(session_key=client.session.session_key)
    session.expire_date = timezone.now() - timezone.timedelta(seconds=1)
    session.save()
    response = client.get(f"/{settings.ADMIN_PATH}")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


# Logs.


@pytest.fixture
def json_log():
    """Everything logged during the test, formatted as in production (one JSON object a line)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_logs_never_contain_passwords_tokens_or_cookies(client, researcher, json_log):
    secrets = {
        "password": "my-secret-passphrase-123",
        "token": "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b",
        "session": "sessionvalue0123456789abcdef",
        "query_token": "querytoken0123456789",
    }
    client.cookies[settings.SESSION_COOKIE_NAME] = secrets["session"]
    login(client, researcher.username, secrets["password"])
    client.get(
        f"/api/v1/states/?token={secrets['query_token']}",
        HTTP_AUTHORIZATION=f"Token {secrets['token']}",
    )
    client.post(
        "/api/v1/laws/",
        data=json.dumps({"title": "x"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {secrets['token']}",
    )
    output = json_log.getvalue()
    assert output, "nothing was logged"
    for value in secrets.values():
        assert value not in output
    for line in output.splitlines():
        entry = json.loads(line)
        assert not {"authorization", "cookie", "password", "token"} & set(entry)


def test_each_request_is_logged_once_with_its_id_and_status(client, json_log):
    response = client.get("/countries/khm/", HTTP_X_REQUEST_ID="abc123")
    entries = [json.loads(line) for line in json_log.getvalue().splitlines()]
    requests = [e for e in entries if e["logger"] == "r2p_tracker.request"]
    assert response["X-Request-ID"] == "abc123"
    assert [(e["request_id"], e["path"], e["status"]) for e in requests] == [
        ("abc123", "/countries/khm/", 200)
    ]
    assert requests[0]["duration_ms"] >= 0


def test_a_forged_request_id_is_replaced(client, json_log):
    response = client.get("/", HTTP_X_REQUEST_ID='x" injected\n{"level": "CRITICAL"}')
    assert response["X-Request-ID"].isalnum()
    for line in json_log.getvalue().splitlines():
        assert json.loads(line)["request_id"] != 'x" injected'


def test_env_example_holds_no_secret_values():
    lines = (ROOT / ".env.example").read_text().splitlines()
    values = dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))
    assert values["SECRET_KEY"] == ""
    assert values["POSTGRES_PASSWORD"] == ""


# The admin in a real browser, under the content security policy.


@pytest.mark.browser
def test_admin_scripts_run_under_the_content_security_policy(site, page, django_user_model):  # noqa: F811
    django_user_model.objects.create_superuser("csp-admin", password=PASSWORD)
    admin = f"{site}/{settings.ADMIN_PATH}"
    page.goto(f"{admin}login/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    page.goto(f"{admin}commitments/treatyaction/add/")
    # The calendar shortcuts and the autocomplete boxes exist only if the admin's scripts ran.
    page.wait_for_selector(".datetimeshortcuts")
    assert page.locator(".select2-container").count() >= 3
    page.goto(f"{admin}commitments/treatyaction/?q=rome")
    assert page.locator("#result_list tbody tr").count() > 0
    page.goto(f"{admin}commitments/state/")
    assert page.csp_errors == []
