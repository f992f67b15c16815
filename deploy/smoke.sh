#!/usr/bin/env bash
# Smoke test of the image: builds it, runs PostgreSQL, the web and the worker in one podman pod
# (what compose.yaml describes, without needing podman-compose), waits for the web, fetches the
# sign-in page (and /healthz where it exists), then removes everything it made.
#   FINSAM_BASE=localhost/debian:bookworm FINSAM_POSTGRES_IMAGE=... deploy/smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."

base=${FINSAM_BASE:-docker.io/library/python:3.11-slim-bookworm}
postgres=${FINSAM_POSTGRES_IMAGE:-docker.io/library/postgres:16-bookworm}
port=${FINSAM_SMOKE_PORT:-18000}
pod=finsam-smoke-$$
image=localhost/finsam:smoke
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

echo "== waiting for the web"
for _ in $(seq 120); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/konto/login/"; then
        break
    fi
    sleep 1
done
curl -fsS "http://127.0.0.1:$port/konto/login/" | grep -q 'name="password"' \
    || { podman logs "$pod-web" | tail -40; echo "FAIL: no sign-in page"; exit 1; }
echo "ok: the sign-in page answers"
if [[ $(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz") == 200 ]]; then
    echo "ok: /healthz"
fi
podman exec "$pod-web" id -u | grep -qv '^0$' && echo "ok: the web runs as a non-root user"
podman ps --pod --filter "pod=$pod" --format '{{.Names}} {{.Status}}'
podman ps --filter "name=$pod-worker" --format '{{.Status}}' | grep -q '^Up' \
    || { podman logs "$pod-worker" | tail -40; echo "FAIL: the worker stopped"; exit 1; }
echo "ok: the worker runs"
