"""The nginx configuration of docs/deployment.md, run with Debian's nginx in front of the app.

A repeated request is answered from nginx's cache; once the answer's max-age has passed, nginx
asks the app again with the answer's ETag: an unchanged answer costs the app a 304, a change to a
fact makes the next request a miss with the new facts. Without nginx installed the tests skip,
except where it is required (CI, or REQUIRE_NGINX=1): there they fail.
"""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from commitments.models import State
from tests.helpers import free_port

pytestmark = pytest.mark.slow

DEPLOY = Path(django_settings.BASE_DIR) / "deploy" / "nginx"
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
REQUIRED = os.environ.get("REQUIRE_NGINX") == "1" or os.environ.get("CI") == "true"


@pytest.fixture
def nginx_binary():
    if NGINX is None:
        if REQUIRED:
            pytest.fail("nginx is required here (apt-get install nginx-light)")
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    return NGINX


def test_the_production_configuration_is_valid_nginx(nginx_binary, tmp_path):
    """The site file as shipped, with a throw-away certificate and paths under tmp_path."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=r2p.example.org", "-keyout", str(tmp_path / "key.pem")]
        + ["-out", str(tmp_path / "cert.pem")],
        check=True,
        capture_output=True,
    )
    site = (
        (DEPLOY / "r2p-tracker.conf")
        .read_text()
        .replace("/etc/letsencrypt/live/r2p.example.org/fullchain.pem", str(tmp_path / "cert.pem"))
        .replace("/etc/letsencrypt/live/r2p.example.org/privkey.pem", str(tmp_path / "key.pem"))
        .replace("/var/cache/nginx/r2p", str(tmp_path / "cache"))
        .replace("/etc/nginx/r2p-proxy.conf", str(DEPLOY / "r2p-proxy.conf"))
    )
    (tmp_path / "site.conf").write_text(site)
    conf = tmp_path / "nginx.conf"
    conf.write_text(main_config(tmp_path, f"include {tmp_path / 'site.conf'};"))
    checked = subprocess.run(
        [nginx_binary, "-t", "-p", str(tmp_path), "-c", str(conf)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


def main_config(root: Path, http_block: str) -> str:
    for folder in ("logs", "temp"):
        (root / folder).mkdir(exist_ok=True)
    return f"""
user {"root root" if os.geteuid() == 0 else "nobody"};
worker_processes 1;
pid {root / "nginx.pid"};
error_log {root / "logs" / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {root / "temp" / "body"};
    proxy_temp_path {root / "temp" / "proxy"};
    fastcgi_temp_path {root / "temp" / "fastcgi"};
    uwsgi_temp_path {root / "temp" / "uwsgi"};
    scgi_temp_path {root / "temp" / "scgi"};
    {http_block}
}}
"""


@pytest.fixture
def proxy(nginx_binary, live_server, dataset, tmp_path, settings):
    """nginx on a free loopback port, caching with deploy/nginx/r2p-proxy.conf in front of the
    live server; answers may be kept one second."""
    settings.HTTP_CACHE_MAX_AGE = 1
    settings.TRUSTED_PROXY_COUNT = 1
    port = free_port()
    app = live_server.url.removeprefix("http://")
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        main_config(
            tmp_path,
            f"""
    proxy_cache_path {tmp_path / "cache"} levels=1:2 keys_zone=r2p:1m use_temp_path=off;
    upstream r2p_app {{ server {app}; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{ include {DEPLOY / "r2p-proxy.conf"}; }}
    }}
""",
        )
    )
    server = subprocess.Popen(
        [nginx_binary, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"nginx did not start: {server.stderr.read().decode()}")
                time.sleep(0.05)
        yield port
    finally:
        server.send_signal(signal.SIGQUIT)
        server.wait(timeout=10)


def get(port: int, path: str, **headers: str) -> tuple[str, str, bytes]:
    """(X-Cache-Status, status, body) of a GET through nginx."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "localhost", **headers})
        response = connection.getresponse()
        return response.getheader("X-Cache-Status", ""), str(response.status), response.read()
    finally:
        connection.close()


def expire():
    """Wait past the one-second max-age the app gives its answers in these tests (nginx counts
    whole seconds, so an answer kept for one second may be served for two)."""
    time.sleep(2.1)


def test_a_repeated_request_is_a_hit_and_a_change_to_a_fact_makes_the_next_one_a_miss(proxy):
    first = get(proxy, "/countries/khm/")
    again = get(proxy, "/countries/khm/")
    assert first[:2] == ("MISS", "200")
    assert again[:2] == ("HIT", "200")
    assert again[2] == first[2]

    expire()
    unchanged = get(proxy, "/countries/khm/")
    assert unchanged[:2] == ("REVALIDATED", "200")
    assert unchanged[2] == first[2]

    cambodia = State.objects.get(iso3="KHM")
    cambodia.official_name = "Kingdom of Cambodia (renamed through the admin)"
    cambodia.save()
    expire()
    changed = get(proxy, "/countries/khm/")
    assert changed[:2] == ("EXPIRED", "200")
    assert b"renamed through the admin" in changed[2]
    assert get(proxy, "/countries/khm/")[:2] == ("HIT", "200")


def test_api_answers_are_cached_per_format(proxy):
    json_answer = get(proxy, "/api/v1/states/")
    csv_answer = get(proxy, "/api/v1/states/", Accept="text/csv")
    assert json_answer[2] != csv_answer[2]
    assert get(proxy, "/api/v1/states/")[0] == "HIT"
    assert get(proxy, "/api/v1/states/", Accept="text/csv")[2] == csv_answer[2]


def test_signed_in_readers_and_token_clients_bypass_the_cache(proxy):
    get(proxy, "/countries/khm/")
    assert get(proxy, "/countries/khm/", Cookie="sessionid=abc")[0] == "BYPASS"
    assert get(proxy, "/api/v1/states/", Authorization="Token abc")[0] == "BYPASS"
