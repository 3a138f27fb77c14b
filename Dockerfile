# R2P Tracker: the web image. Build with `docker-compose build`; see docs/deployment.md.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system r2p \
    && useradd --system --gid r2p --home-dir /app --no-create-home --shell /usr/sbin/nologin r2p

WORKDIR /app

# Dependencies first, so code changes do not reinstall them. The runtime dependencies of
# pyproject.toml are installed at exactly the versions pinned in requirements.lock (the lock also
# pins the test tools, which the image does not need).
COPY pyproject.toml requirements.lock README.md ./
RUN pip install --constraint requirements.lock . \
    && rm -rf build r2p_tracker.egg-info

COPY . .

# Static files are collected at build time with the production storage (hashed, compressed names).
# The key below exists only for this one command; the running container needs its own SECRET_KEY.
RUN DEBUG=0 SECRET_KEY=collectstatic-at-build-time-only ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput --verbosity 0

# The code stays owned by root: the application user can read it but not change it.
USER r2p

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "docker/healthcheck.py"]

ENTRYPOINT ["docker/entrypoint.sh"]
CMD ["gunicorn", "r2p_tracker.wsgi:application", "--config", "docker/gunicorn.conf.py"]
