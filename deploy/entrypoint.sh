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
    exec python manage.py db_worker
    ;;
*)
    exec "$@"
    ;;
esac
