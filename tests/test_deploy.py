"""The container set-up matches the project: what the Dockerfile and docker-compose.yml name exists,
imports and runs. No Docker engine is needed: the image's commands are run here directly."""

import contextlib
import http.client
import os
import re
import shlex
import shutil
import socket
import subprocess
import time
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from packaging.requirements import Requirement

from tests.helpers import PYTHON, free_port, production_env

ROOT = Path(settings.BASE_DIR)


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1])
        for line in lines
        if line and not line.startswith("#")
    ]


def instruction(name: str) -> list[str]:
    return [args for kind, args in dockerfile_instructions() if kind == name]


def exec_form(args: str) -> list[str]:
    return yaml.safe_load(args)  # a JSON array is valid YAML


def test_image_is_python_312_slim_and_runs_as_an_unprivileged_user():
    assert instruction("FROM") == ["python:3.12-slim"]
    kinds = [kind for kind, _ in dockerfile_instructions()]
    user_at = kinds.index("USER")
    assert instruction("USER")[0] not in ("root", "0")
    assert user_at < kinds.index("CMD")
    assert user_at < kinds.index("ENTRYPOINT")
    useradd = " ".join(instruction("RUN"))
    assert f"useradd --system --gid {instruction('USER')[0]}" in useradd


def test_files_the_dockerfile_copies_and_runs_exist():
    for args in instruction("COPY"):
        *sources, _destination = shlex.split(args)
        for source in sources:
            assert (ROOT / source).exists(), source
    entrypoint = exec_form(instruction("ENTRYPOINT")[0])
    script = ROOT / entrypoint[0]
    assert script.is_file()
    assert os.access(script, os.X_OK)
    assert script.read_text().startswith("#!/bin/sh")
    healthcheck = instruction("HEALTHCHECK")[0].split("CMD", 1)[1].strip()
    assert (ROOT / exec_form(healthcheck)[1]).is_file()
    command = exec_form(instruction("CMD")[0])
    assert command[0] == "gunicorn"
    assert (ROOT / command[command.index("--config") + 1]).is_file()


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (".env", ".git", ".venv", "db.sqlite3", "staticfiles"):
        assert entry in ignored


@pytest.mark.slow
def test_gunicorn_entry_point_imports_with_production_settings():
    command = exec_form(instruction("CMD")[0])
    module, attribute = command[1].split(":")
    code = f"import {module} as m; assert callable(m.{attribute}); print('ok')"
    result = subprocess.run(
        [PYTHON, "-c", code], cwd=ROOT, env=production_env(), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_runtime_dependencies_are_pinned_in_requirements_lock():
    """The image installs pyproject's dependencies constrained by the lock: every one, and
    everything they pull in, must have its exact version there."""
    lock = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        name, _, version = line.partition("==")
        lock[name.strip().lower().replace("_", "-")] = version.strip()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pending = [Requirement(spec) for spec in project["dependencies"]]
    for requirement in pending:
        name = requirement.name.lower().replace("_", "-")
        assert name in lock, f"{name} is not pinned in requirements.lock"
        pinned = requirement.specifier
        if pinned:
            assert pinned.contains(lock[name]), f"{name}: pyproject {pinned}, lock {lock[name]}"
        for extra_requirement in metadata.requires(requirement.name) or []:
            nested = Requirement(extra_requirement)
            environment = {"extra": next(iter(requirement.extras), "")}
            applies = nested.marker is None or nested.marker.evaluate(environment)
            if applies and nested.name.lower() not in {r.name.lower() for r in pending}:
                pending.append(Requirement(nested.name))


@pytest.mark.slow
def test_collectstatic_at_build_time_succeeds_with_the_dockerfile_environment(tmp_path):
    build_step = next(args for args in instruction("RUN") if "collectstatic" in args)
    assignments = dict(re.findall(r"(\w+)=(\S+)", build_step.split("python", 1)[0]))
    assert assignments["DEBUG"] == "0"
    assert "SECRET_KEY" in assignments
    assert all("SECRET_KEY" not in args for args in instruction("ENV"))
    (tmp_path / "build_settings.py").write_text(
        f"from r2p_tracker.settings import *  # noqa\nSTATIC_ROOT = {str(tmp_path / 'static')!r}\n"
    )
    env = {
        "PATH": os.environ["PATH"],
        **assignments,
        "DJANGO_SETTINGS_MODULE": "build_settings",
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}",
    }
    result = subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "static" / "staticfiles.json").is_file()
    assert list((tmp_path / "static" / "admin" / "css").glob("base.*.css"))


@pytest.mark.slow
def test_entrypoint_applies_migrations_then_runs_the_command(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = production_env(DATABASE_URL=f"sqlite:///{database}")
    result = subprocess.run(
        [str(ROOT / "docker" / "entrypoint.sh"), PYTHON, "-c", "print('web started')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("web started")
    check = subprocess.run(
        [PYTHON, "manage.py", "migrate", "--check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr


@contextlib.contextmanager
def container_server(tmp_path, **env: str):
    """gunicorn as the image's CMD runs it, on a loopback port; yields (port, environment)."""
    port = free_port()
    environment = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PORT=str(port),
        WEB_CONCURRENCY="1",
        GUNICORN_CMD_ARGS=f"--bind 127.0.0.1:{port}",
        **env,
    )
    command = exec_form(instruction("CMD")[0])
    gunicorn = Path(PYTHON).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), *command[1:]],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield port, environment
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for_health(environment: dict) -> subprocess.CompletedProcess:
    probe = [PYTHON, "docker/healthcheck.py"]
    deadline = time.monotonic() + 30
    while True:
        result = subprocess.run(probe, cwd=ROOT, env=environment, capture_output=True, text=True)
        if result.returncode == 0 or time.monotonic() > deadline:
            return result
        time.sleep(0.3)


@pytest.mark.slow
def test_container_command_serves_the_health_check(tmp_path):
    """gunicorn with the image's config answers the image's HEALTHCHECK (here on loopback)."""
    with container_server(tmp_path) as (_port, environment):
        result = wait_for_health(environment)
        assert result.returncode == 0, result.stderr


def half_sent_request(port: int) -> socket.socket:
    """A connection that has sent the start of a request's headers, and then nothing."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=10)
    connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: r2p.example.org\r\nX-Slow: ")
    return connection


def answered_within(port: int, seconds: float) -> bool:
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=seconds)
    try:
        connection.request("GET", "/healthz", headers={"Host": "r2p.example.org"})
        return connection.getresponse().status == 200 and time.monotonic() - started < seconds
    except OSError:
        return False
    finally:
        connection.close()


@pytest.mark.slow
def test_two_half_sent_requests_stall_neither_other_readers_nor_a_worker_for_long(tmp_path):
    with container_server(tmp_path, GUNICORN_HEADER_TIMEOUT="3") as (port, environment):
        assert wait_for_health(environment).returncode == 0
        slow = [half_sent_request(port), half_sent_request(port)]
        time.sleep(0.5)
        try:
            assert all(answered_within(port, seconds=2) for _ in range(5))
            # Past the header deadline the server hangs up on them.
            for connection in slow:
                connection.settimeout(10)
                assert connection.recv(1024) == b""
        finally:
            for connection in slow:
                connection.close()


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_postgres_15_with_a_named_volume_and_a_healthcheck():
    spec = compose()
    db = spec["services"]["db"]
    assert db["image"] == "postgres:15"
    volume = db["volumes"][0].split(":")[0]
    assert volume in spec["volumes"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])


def test_compose_web_waits_for_a_healthy_database_and_uses_redis():
    web = compose()["services"]["web"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["depends_on"]["redis"]["condition"] == "service_healthy"
    assert web["environment"]["CACHE_URL"].startswith("redis://redis:")
    assert web["environment"]["DEBUG"] == "0"
    test = web["healthcheck"]["test"]
    assert (ROOT / test[2]).is_file()
    assert "healthz" in (ROOT / test[2]).read_text()


def test_compose_file_commits_no_secret():
    web = compose()["services"]["web"]["environment"]
    db = compose()["services"]["db"]["environment"]
    assert web["SECRET_KEY"] == "${SECRET_KEY}"
    assert db["POSTGRES_PASSWORD"] == "${POSTGRES_PASSWORD}"
    assert "${POSTGRES_PASSWORD}@" in web["DATABASE_URL"]


def test_every_setting_compose_passes_is_documented_in_env_example():
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    passed = set(compose()["services"]["web"]["environment"])
    assert passed - documented == set()


@pytest.mark.skipif(
    shutil.which("docker-compose") is None and os.environ.get("CI") != "true",
    reason="docker-compose is not installed (apt-get install docker-compose)",
)
def test_docker_compose_accepts_the_file_with_and_without_an_env_file(tmp_path):
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    bare = subprocess.run(
        ["docker-compose", "config", "-q"], cwd=tmp_path, capture_output=True, text=True
    )
    assert bare.returncode == 0, bare.stderr
    assert "SECRET_KEY variable is not set" in bare.stderr
    (tmp_path / ".env").write_text("SECRET_KEY=s3cret\nPOSTGRES_PASSWORD=pw\n")
    configured = subprocess.run(
        ["docker-compose", "config"], cwd=tmp_path, capture_output=True, text=True
    )
    assert configured.returncode == 0, configured.stderr
    web = yaml.safe_load(configured.stdout)["services"]["web"]["environment"]
    assert web["DATABASE_URL"] == "postgres://r2p:pw@db:5432/r2p"
    assert web["SECRET_KEY"] == "s3cret"


def test_a_new_worker_fingerprints_the_release_and_loads_every_catalogue_before_serving():
    from django.utils.translation import trans_real

    from commitments import versioning
    from r2p_tracker.workers import warm_up

    versioning.release.cache_clear()
    trans_real._translations.clear()

    warm_up()

    assert versioning.release.cache_info().currsize == 1
    assert set(trans_real._translations) >= {code for code, _ in settings.LANGUAGES}
