#!/usr/bin/env bash
# Smoke test of the image: builds it, runs PostgreSQL, the web and the worker in one podman pod
# (what compose.yaml describes, without needing podman-compose), waits for the web's sign-in page
# and for /healthz to report the database and a live worker, loads the demo data, signs in as a
# demo user and downloads a report's draft PDF: a job the worker renders. Then it removes the
# pod and its volume (the image stays, for the next run's cache).
#   FINSAM_BASE=localhost/debian:bookworm FINSAM_POSTGRES_IMAGE=... deploy/smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."

base=${FINSAM_BASE:-docker.io/library/python:3.11-slim-bookworm}
postgres=${FINSAM_POSTGRES_IMAGE:-docker.io/library/postgres:16-bookworm}
port=${FINSAM_SMOKE_PORT:-18000}
pod=finsam-smoke-$$
image=localhost/finsam:smoke
url=http://127.0.0.1:$port
# A demo association, its staff user (finsam.demo) and the report whose draft the worker renders.
slug=finnveden
user=kansli
password=finsam-demo
# Extra podman flags where the host needs them, e.g. in a container without cgroup v2:
#   FINSAM_PODMAN_FLAGS="--runtime runc --ulimit nofile=4096:4096 --ulimit nproc=4096:4096"
read -r -a flags <<<"${FINSAM_PODMAN_FLAGS:-}"
# FINSAM_BUILD_FLAGS go to the build only, e.g. a proxy's CA bundle (see Containerfile, EXTRA_CA).
read -r -a build_flags <<<"${FINSAM_BUILD_FLAGS:-}"

cleanup() {
    podman pod rm -f "$pod" >/dev/null 2>&1 || true
    podman volume rm -f "$pod-media" >/dev/null 2>&1 || true
}
trap cleanup EXIT

elapsed() { echo "${SECONDS}s"; }
fail() {
    # The message, then the tail of the named container's log.
    echo "FAIL: $1"
    [[ -n ${2:-} ]] && podman logs "$2" 2>&1 | tail -40
    exit 1
}

echo "== build ($base)"
podman build "${flags[@]}" "${build_flags[@]}" --build-arg "BASE=$base" -f Containerfile -t "$image" .

podman volume create "$pod-media" >/dev/null
app_env=(
    -e DJANGO_ENV=production -e SECRET_KEY=smoke-test-key-not-secret-0123456789abcdefghij
    -e ALLOWED_HOSTS=127.0.0.1,localhost -e SECURE_SSL_REDIRECT=false
    -v "$pod-media:/data"
)
net=()
if [[ -n "${FINSAM_SMOKE_DATABASE_URL:-}" ]]; then
    # Where no PostgreSQL image can be pulled: the host's server, the pod on the host's network.
    echo "== pod on the host network: web, worker; PostgreSQL of the host"
    podman pod create --name "$pod" --infra=false >/dev/null
    app_env+=(-e "DATABASE_URL=$FINSAM_SMOKE_DATABASE_URL" -e "PORT=$port")
    net=(--network host)
else
    echo "== pod: PostgreSQL ($postgres), web, worker"
    podman pod create --name "$pod" -p "127.0.0.1:$port:8000" >/dev/null
    podman run "${flags[@]}" -d --pod "$pod" --name "$pod-db" \
        -e POSTGRES_DB=finsam -e POSTGRES_USER=finsam -e POSTGRES_PASSWORD=finsam "$postgres" >/dev/null
    app_env+=(-e DATABASE_URL=postgres://finsam:finsam@127.0.0.1:5432/finsam)
fi
podman run "${flags[@]}" "${net[@]}" -d --pod "$pod" --name "$pod-web" "${app_env[@]}" "$image" web >/dev/null
podman run "${flags[@]}" "${net[@]}" -d --pod "$pod" --name "$pod-worker" "${app_env[@]}" "$image" worker >/dev/null

echo "== waiting for the web ($(elapsed))"
# The web answers once it has migrated: on a busy machine (2 cores, load 13) an empty
# database took 9 minutes here, so up to 20 minutes are allowed.
for _ in $(seq 1200); do
    if curl -fs -o /dev/null "$url/konto/login/"; then
        break
    fi
    sleep 1
done
curl -fsS "$url/konto/login/" | grep -q 'name="password"' \
    || fail "no sign-in page" "$pod-web"
echo "ok: the sign-in page answers ($(elapsed))"
podman exec "$pod-web" id -u | grep -qv '^0$' || fail "the web runs as root" "$pod-web"
echo "ok: the web runs as a non-root user"

# /healthz is 200 only when the database answers and a worker has beaten recently; the worker
# waits for the web's migrations first, so this may take a while on a fresh database.
health=""
for _ in $(seq 120); do
    health=$(curl -sS "$url/healthz" || true)
    [[ $health == *'"database": "ok"'* && $health == *'"worker": "ok"'* ]] && break
    sleep 1
done
[[ $health == *'"worker": "ok"'* ]] || fail "/healthz: $health" "$pod-worker"
echo "ok: /healthz $health ($(elapsed))"

echo "== a report's draft PDF, rendered by the worker"
podman exec "$pod-web" python manage.py load_demo >/dev/null
# -v 0: the shell's note about the models it imports stays out of the answer.
report=$(podman exec "$pod-web" python manage.py shell -v 0 -c \
    "from reports.models import Report; print(Report.objects.filter(association__slug='$slug').order_by('pk').first().pk)")
[[ $report =~ ^[0-9]+$ ]] || fail "no report of $slug: $report" "$pod-web"
echo "demo loaded; report $report of $slug ($(elapsed))"

jar=$(mktemp)
trap 'rm -f "$jar"; cleanup' EXIT
token=$(curl -fsS -c "$jar" -b "$jar" "$url/konto/login/" \
    | grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
signed_in=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' -e "$url/konto/login/" \
    --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=$user" \
    --data-urlencode "password=$password" "$url/konto/login/")
[[ $signed_in == 302 ]] || fail "signing in as $user answered $signed_in" "$pod-web"
echo "ok: signed in as $user"

# The draft is not rendered yet, so the download starts a job and redirects to its page; a
# PDF here instead would mean no job (and no worker) was involved.
answer=$(curl -sS -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
    "$url/$slug/rapporter/$report/pdf/utkast/")
[[ $answer =~ ^302\ .*/$slug/jobb/([0-9]+)/$ ]] || fail "the draft download answered: $answer" "$pod-web"
job=${BASH_REMATCH[1]}
echo "ok: job $job started over HTTP ($(elapsed))"
state=""
for _ in $(seq 180); do
    state=$(curl -fsS -c "$jar" -b "$jar" "$url/$slug/jobb/$job/status/")
    [[ $state == *'"status": "done"'* || $state == *'"status": "failed"'* ]] && break
    sleep 1
done
[[ $state == *'"status": "done"'* ]] || fail "job $job: $state" "$pod-worker"
echo "ok: job $job done ($(elapsed))"
link=$(grep -o '"link": "[^"]*"' <<<"$state" | sed 's/.*: "//; s/"$//')
pdf=$(mktemp)
curl -fsS -c "$jar" -b "$jar" -o "$pdf" "$url$link"
magic=$(head -c 4 "$pdf")
size=$(wc -c <"$pdf")
rm -f "$pdf"
[[ $magic == %PDF ]] || fail "$link is not a PDF" "$pod-web"
echo "ok: $link is a PDF of $size bytes"
podman logs "$pod-worker" 2>&1 | grep '"event": "task"' | grep '"kind": "report_draft"' \
    | grep -q "\"job\": $job," || fail "the worker's log does not show job $job" "$pod-worker"
echo "ok: the worker's log shows job $job"

podman ps --pod --filter "pod=$pod" --format '{{.Names}} {{.Status}}'
podman ps --filter "name=$pod-worker" --format '{{.Status}}' | grep -q '^Up' \
    || fail "the worker stopped" "$pod-worker"
echo "ok: the worker runs"
echo "== all passed ($(elapsed))"
