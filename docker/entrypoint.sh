#!/bin/sh
# Container start: wait for the database, apply migrations, then run the command (gunicorn).
# RUN_MIGRATIONS=0 skips the migrations, e.g. on all but one of several web containers.
set -eu

if [ "${RUN_MIGRATIONS:-1}" = "1" ]; then
    attempts=0
    until python manage.py migrate --noinput; do
        attempts=$((attempts + 1))
        if [ "$attempts" -ge "${MIGRATE_ATTEMPTS:-30}" ]; then
            echo "entrypoint: migrations failed $attempts times; giving up" >&2
            exit 1
        fi
        echo "entrypoint: database not ready, retrying in 2 s ($attempts)" >&2
        sleep 2
    done
fi

exec "$@"
