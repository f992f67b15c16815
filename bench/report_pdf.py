"""Benchmark: the PDF of Finnveden's verksamhetsplan 2014 and Växjö's delårsrapport
January–August 2014, from the demo data. Run: python bench/report_pdf.py

For each report, the median over ROUNDS runs of: building the data object (every query and
figure), rendering the print HTML, WeasyPrint's layout of that HTML and its writing of the
PDF. "Our part" is the builder plus the template; the target is that it stays under 20 % of
WeasyPrint's own layout of the same HTML. Targets for the whole PDF: Finnveden < 1.5 s,
Växjö < 3 s.

Then the draft's download as a user gets it (through the view, tasks run at once): the first
download renders and keeps the PDF (reports.drafts), a repeated one of the unchanged draft is
served from storage. Target for the repeated download: < 50 ms.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "finsam.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from weasyprint import HTML  # noqa: E402

ROUNDS = 7
TARGETS = {"finnveden": 1.5, "vaxjo": 3.0}


def timed(function):
    """The median seconds of `function` over ROUNDS runs, and its last result."""
    times, result = [], None
    for _ in range(ROUNDS):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(report) -> dict:
    from reports.builders import build_report
    from reports.rendering import STATIC_SOURCE, print_html

    build, data = timed(lambda: build_report(report))
    template, html = timed(lambda: print_html(data))
    layout, document = timed(lambda: HTML(string=html, base_url=str(STATIC_SOURCE)).render())
    write, pdf = timed(lambda: document.write_pdf())
    with CaptureQueriesContext(connection) as queries:
        build_report(report)
    return {
        "build": build,
        "template": template,
        "layout": layout,
        "write": write,
        "pages": len(document.pages),
        "bytes": len(pdf),
        "queries": len(queries),
    }


def report_line(name: str, figures: dict) -> str:
    ours = figures["build"] + figures["template"]
    total = ours + figures["layout"] + figures["write"]
    share = 100 * ours / figures["layout"]
    return (
        f"{name:32} {figures['pages']:3} sidor {figures['queries']:3} frågor | "
        f"bygga {1000 * figures['build']:6.1f} ms, mall {1000 * figures['template']:6.1f} ms, "
        f"WeasyPrint layout {1000 * figures['layout']:7.1f} ms, "
        f"skriva {1000 * figures['write']:6.1f} ms | "
        f"PDF totalt {total:5.2f} s (mål < {TARGETS[name.split()[0]]} s), "
        f"vår del {share:4.1f} % av layouten (mål < 20 %)"
    )


def measure_download(report) -> tuple[float, float]:
    """Seconds of the first draft download (rendered) and the median of repeated ones."""
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings
    from django.urls import reverse

    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client = Client()
    client.force_login(get_user_model().objects.get(username="kansli"))
    url = reverse("reports:draft_pdf", args=[report.association.slug, report.pk])
    with override_settings(TASKS=immediate):
        start = time.perf_counter()
        first = client.get(url)
        rendered = time.perf_counter() - start
        assert first["Content-Type"] == "application/pdf", first.status_code
        repeated, again = timed(lambda: client.get(url))
    assert again.content == first.content
    return rendered, repeated


def main() -> None:
    setup_test_environment()
    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="bench-media-"))
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from finsam.demo import load_demo
        from reports.models import Report

        load_demo(report=lambda _line: None)
        chosen = [
            ("finnveden verksamhetsplan 2014", dict(association__slug="finnveden", year=2014)),
            ("vaxjo delarsrapport 2014-08", dict(association__slug="vaxjo", kind="delarsrapport")),
        ]
        print(f"Median av {ROUNDS} körningar ({connection.vendor}):")
        for name, lookup in chosen:
            report = Report.objects.filter(**lookup).first()
            if report is None:
                print(f"{name:32} saknas i demodata")
                continue
            print(report_line(name, measure(report)))
            rendered, repeated = measure_download(report)
            print(
                f"{'':32} utkast: första nedladdningen {1000 * rendered:7.1f} ms, "
                f"oförändrat utkast igen {1000 * repeated:6.1f} ms (mål < 50 ms)"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
