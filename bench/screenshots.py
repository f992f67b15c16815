"""Screenshots of the main pages, per role, on a desktop and a phone, to look at by eye.

Run from the project folder (it is not part of the test suite):

    PYTHONPATH=. .venv/bin/python bench/screenshots.py                 # into /work/shots
    PYTHONPATH=. .venv/bin/python bench/screenshots.py --out /tmp/shots --roles kansli

1. Makes a fresh SQLite database in a temporary folder, migrates it and loads the demo
   (`manage.py load_demo`); nothing of an existing database is touched.
2. Starts `manage.py runserver` on a free port of 127.0.0.1 with DEBUG off (static files are
   served with --insecure), as production would show the pages.
3. Signs each role's demo user in with Chromium (/usr/bin/chromium, as the browser tests do)
   and saves a full-page PNG of every main page at 1366 × 900 and 390 × 844:
   `<out>/<width>/<user>-<page>.png`. The error pages are taken too: 404 (an unknown
   address), 403 (a page the role may not open) and 500 (Django's 500.html as the server
   renders it, with an empty context, served in place of a page).
4. Downloads the report PDFs of the demo association and turns each first page into a PNG
   (`pdftoppm -png -r 50`): `<out>/pdf/<name>.png`.
5. Prints each file it wrote, and stops the server (also on Ctrl-C).

See docs/screenshots.md for what was looked at and what it found.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
PASSWORD = "finsam-demo"
SIZES = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}
ROLES = ["admin", "kansli", "styrelse", "revisor"]
# The main pages, by a short name: {slug}, {budget}, {year}, {initiative} and {report} are
# filled from the demo association. A page the role may not open shows the 403 page.
PAGES = {
    "start": "/",
    "overview": "/{slug}/",
    "funding": "/{slug}/finansiering/{year}/",
    "members": "/{slug}/medlemmar/",
    "board": "/{slug}/styrelsen/",
    "budget-list": "/{slug}/budget/",
    "budget-grid": "/{slug}/budget/{budget}/",
    "follow-up": "/{slug}/budget/{budget}/uppfoljning/",
    "structure": "/{slug}/budget/{budget}/struktur/",
    "statements": "/{slug}/bokforing/",
    "imports": "/{slug}/importer/",
    "initiatives": "/{slug}/insatser/",
    "initiative": "/{slug}/insatser/{initiative}/",
    "reports": "/{slug}/rapporter/",
    "report": "/{slug}/rapporter/{report}/",
    "history": "/{slug}/historik/",
    "facts": "/{slug}/uppgifter/",
    "two-factor": "/konto/tvastegsverifiering/",
    "users": "/{slug}/anvandare/",
    "error-404": "/{slug}/finns-inte/",
    "error-500": "/fel/",
}
FORBIDDEN = "/{slug}/anvandare/"  # the admin's page: a 403 for the other roles
SERVER_ERROR = "/fel/"


def main() -> int:
    options = _arguments()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, signal.default_int_handler)
    folder = options.work or Path(tempfile.mkdtemp(prefix="finsam-shots-"))
    folder.mkdir(parents=True, exist_ok=True)
    # DEBUG off, and WhiteNoise serving the static files from the source folders (DEBUG off,
    # it serves only collected ones, and runserver's own serving is switched off for it).
    (folder / "shot_settings.py").write_text(
        "from finsam.settings import *  # noqa: F403\nWHITENOISE_USE_FINDERS = True\n"
    )
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "shot_settings",
        "PYTHONPATH": f"{folder}{os.pathsep}{ROOT}",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    if not (folder / "db.sqlite3").exists():  # a folder of an earlier run keeps its demo
        for step in (["migrate", "--verbosity", "0"], ["load_demo"]):
            subprocess.run(manage + step, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base)
        names = _demo_names(env, options.association)
        written = _screenshots(base, names, options)
        written += _pdfs(base, names, options.out)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{len(written)} files in {options.out}")
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/work/shots"))
    parser.add_argument("--association", default="finnveden", help="the demo association's slug")
    parser.add_argument(
        "--work", type=Path, help="folder of the database (kept; a second run reuses its demo)"
    )
    parser.add_argument("--roles", nargs="*", default=ROLES, help="demo users to sign in as")
    parser.add_argument("--pages", nargs="*", default=list(PAGES), help="page names (PAGES)")
    return parser.parse_args()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(base: str) -> None:
    for _attempt in range(100):
        try:
            httpx.get(base + "/konto/login/", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def _demo_names(env: dict[str, str], slug: str) -> dict[str, str]:
    """The ids to fill the page addresses with, read from the fresh database."""
    script = (
        "import django; django.setup()\n"
        "from finsam.models import Association\n"
        "from budgets.models import BudgetDocument\n"
        "from initiatives.models import Initiative\n"
        "from reports.models import Report\n"
        "from members.models import FundingYear\n"
        f"a = Association.objects.get(slug={slug!r})\n"
        "b = BudgetDocument.objects.filter(association=a).order_by('-year', '-pk').first()\n"
        "i = Initiative.objects.filter(association=a).order_by('pk').first()\n"
        "r = Report.objects.filter(association=a).order_by('-pk').first()\n"
        "f = FundingYear.objects.filter(association=a).order_by('-year').first()\n"
        "print(b.pk, f.year, i.pk, r.pk)\n"
    )
    answer = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, check=True, capture_output=True
    )
    budget, year, initiative, report = answer.stdout.decode().split()
    return {
        "slug": slug,
        "budget": budget,
        "year": year,
        "initiative": initiative,
        "report": report,
    }


def _server_error_page() -> str:
    """500.html as Django's server_error view renders it: no context, no request."""
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "finsam.settings"
    django.setup()
    from django.template import loader

    return loader.get_template("500.html").render()


def _screenshots(base: str, names: dict[str, str], options) -> list[Path]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    server_error, written = _server_error_page(), []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for username in options.roles:
            for size, viewport in SIZES.items():
                context = browser.new_context(viewport=viewport, locale="sv-SE")
                page = context.new_page()
                page.set_default_timeout(60_000)
                page.route(
                    base + SERVER_ERROR,
                    lambda route: route.fulfill(
                        status=500, body=server_error, content_type="text/html; charset=utf-8"
                    ),
                )
                _sign_in(page, base, username)
                pages = {name: PAGES[name] for name in options.pages}
                if username != "admin":
                    pages["error-403"] = FORBIDDEN
                for name, address in pages.items():
                    try:
                        page.goto(base + address.format(**names))
                    except PlaywrightError as error:  # one page's failure is printed, not fatal
                        print(f"{username} {name}: {error.message.splitlines()[0]}")
                        continue
                    path = options.out / size / f"{username}-{name}.png"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=path, full_page=True)
                    print(path)
                    written.append(path)
                context.close()
        browser.close()
    return written


def _sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/konto/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def _pdfs(base: str, names: dict[str, str], out: Path) -> list[Path]:
    """The demo association's report PDF (as the board reads it), first page as a PNG."""
    written = []
    with httpx.Client(base_url=base, follow_redirects=True, timeout=120) as client:
        login = client.get("/konto/login/")
        client.post(
            "/konto/login/",
            data={
                "username": "kansli",
                "password": PASSWORD,
                "csrfmiddlewaretoken": login.cookies["csrftoken"],
            },
            headers={"Referer": base + "/konto/login/"},
        )
        for name, address in {
            "report": "/{slug}/rapporter/{report}/pdf/",
            "report-draft": "/{slug}/rapporter/{report}/pdf/utkast/",
        }.items():
            answer = client.get(address.format(**names))
            if answer.headers.get("content-type") != "application/pdf":
                print(f"{name}: no PDF ({answer.status_code})")
                continue
            folder = out / "pdf"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.pdf").write_bytes(answer.content)
            prefix = folder / name
            subprocess.run(
                ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile"]
                + [str(folder / f"{name}.pdf"), str(prefix)],
                check=True,
            )
            print(f"{prefix}.png")
            written.append(Path(f"{prefix}.png"))
    return written


if __name__ == "__main__":
    sys.exit(main())
