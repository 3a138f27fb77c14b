"""Container health check: GET /healthz on the local gunicorn; exit 0 when it answers 200.

The request carries the first ALLOWED_HOSTS name as its Host (any other host is refused with 400)
and says it came through HTTPS, as the TLS proxy in front would.
"""

import os
import sys
import urllib.request

host = next((h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()), "")
host = host.lstrip(".") if host not in ("", "*") else "localhost"
request = urllib.request.Request(
    f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz",
    headers={"Host": host, "X-Forwarded-Proto": "https"},
)
try:
    with urllib.request.urlopen(request, timeout=4) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception as exc:
    print(f"healthcheck: {exc}", file=sys.stderr)
    sys.exit(1)
