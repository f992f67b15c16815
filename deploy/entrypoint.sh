#!/bin/sh
# `web` (the default): migrate, then gunicorn on :8000 (or $PORT). `worker`: the task worker. Anything
# else runs as given (`manage.py createsuperuser`, a shell).
set -eu

wait_for_database() {
    # DATABASE_URL is postgres://user[:password]@host[:port]/name; pg_isready reads it whole.
    for _ in $(seq 60); do
        pg_isready -q -d "$DATABASE_URL" && return 0
        sleep 1
    done
    echo "finsam: the database at DATABASE_URL does not answer" >&2
    exit 1
}

wait_for_migrations() {
    # The web migrates; the worker starting beside it must not query the queue's tables before
    # they exist (its first poll would fail and the process end). `migrate --check` exits
    # non-zero while any migration is unapplied. Each check starts Django, so not too often:
    # on a busy machine the first migration of an empty database takes minutes.
    for _ in $(seq 120); do
        python manage.py migrate --check >/dev/null 2>&1 && return 0
        sleep 5
    done
    echo "finsam: the database is not migrated (the web migrates it when it starts)" >&2
    exit 1
}

case "${1:-web}" in
web)
    wait_for_database
    python manage.py migrate --noinput
    exec gunicorn finsam.wsgi \
        --bind "0.0.0.0:${PORT:-8000}" \
        --workers "${GUNICORN_WORKERS:-2}" --threads "${GUNICORN_THREADS:-4}" \
        --worker-class gthread --access-logfile - --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
    ;;
worker)
    wait_for_database
    wait_for_migrations
    exec python manage.py db_worker
    ;;
*)
    exec "$@"
    ;;
esac
