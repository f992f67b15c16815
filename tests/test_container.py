"""The container files, checked as text (no YAML parser is installed; `make container-smoke`
runs them where podman can): compose.yaml names PostgreSQL, the web and the worker with the
media volume and only settings that finsam/settings.py reads; the image installs the lock
file with hashes, collects static files, has WeasyPrint's libraries and runs as non-root."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _block(text: str, name: str, indent: str = "") -> str:
    """The lines under the key `name` at `indent`, up to the next key at that indent."""
    match = re.search(rf"^{indent}{name}:[^\n]*\n((?:{indent} +.*\n|\n)*)", text, re.MULTILINE)
    assert match, name
    return match.group(1)


def test_compose_runs_the_database_the_web_and_the_worker():
    compose = (ROOT / "compose.yaml").read_text()
    services = _block(compose, "services")
    names = re.findall(r"^  (\w+):$", services, re.MULTILINE)
    assert names == ["db", "web", "worker"]
    assert 'command: ["web"]' in _block(services, "web", "  ")
    assert 'command: ["worker"]' in _block(services, "worker", "  ")
    assert re.findall(r"^  (\w+):$", _block(compose, "volumes"), re.MULTILINE) == [
        "pgdata",
        "media",
    ]
    app = _block(compose, "x-app")
    assert "- media:/data" in app and "condition: service_healthy" in app


def test_compose_sets_only_what_the_settings_read():
    compose = (ROOT / "compose.yaml").read_text()
    environment = _block(_block(compose, "x-app"), "environment", "  ")
    names = re.findall(r"^ +([A-Z_]+):", environment, re.MULTILINE)
    settings = (ROOT / "finsam" / "settings.py").read_text()
    unread = [n for n in names if f'"{n}"' not in settings and n != "DATABASE_URL"]
    assert unread == [] and {"SECRET_KEY", "ALLOWED_HOSTS", "MEDIA_ROOT"} <= set(names)
    assert "DATABASE_URL: postgres://" in environment  # dj_database_url reads it


def test_the_image_installs_the_lock_with_hashes_and_runs_as_non_root():
    image = (ROOT / "Containerfile").read_text()
    assert "--require-hashes -r requirements-production.lock" in image
    assert "collectstatic --noinput" in image
    for library in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"):
        assert library in image
    users = re.findall(r"^USER (\S+)$", image, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    entry = (ROOT / "deploy" / "entrypoint.sh").read_text()
    assert entry.index("migrate --noinput") < entry.index("exec gunicorn")
    assert "exec python manage.py db_worker" in entry
