"""`manage.py report verksamhetsplan SLUG YEAR` / `report arsredovisning SLUG YEAR` /
`report delarsrapport SLUG --period-end DATE`.

With `--adopted` the command writes the PDF the board adopted, byte for byte as frozen at
adoption (the file auditors download), instead of rendering today's data as a draft; with
`--format docx` too, the Word copy written at the adoption.
"""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from finsam.models import Association
from finsam.pdf import sha256_hex
from reports.builders import build_report
from reports.data import ReportData
from reports.docx_export import report_docx
from reports.models import ReportKind
from reports.rendering import report_pdf, standalone_html
from reports.selectors import latest_adoption, report_named

RENDERERS: dict[str, Callable[[ReportData], bytes]] = {
    "pdf": report_pdf,
    "html": lambda data: standalone_html(data).encode(),
    "docx": report_docx,
}


class Command(BaseCommand):
    help = "Skriver ut en verksamhetsplan, delårsrapport eller årsredovisning (PDF, HTML, Word)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=[k.value for k in ReportKind])
        parser.add_argument("slug", help="Förbundets kortnamn, t.ex. finnveden.")
        parser.add_argument(
            "year", nargs="?", type=int, help="Verksamhetsplanens eller årsredovisningens år."
        )
        parser.add_argument("--period-end", help="Delårsrapportens sista dag, ÅÅÅÅ-MM-DD.")
        parser.add_argument("--format", choices=["pdf", "html", "docx"], default="pdf")
        parser.add_argument("--output", help="Fil att skriva till (standard: rapport.<format>).")
        parser.add_argument(
            "--adopted",
            action="store_true",
            help=(
                "Skriv den fastställda PDF-filen, exakt som den låstes vid fastställelsen "
                "(med --format docx: Word-kopian från fastställelsen)."
            ),
        )

    def handle(self, *args, **options) -> None:
        report = self._report(options)
        if options["adopted"]:
            content = self._adopted(report, options)
        else:
            data = build_report(report)
            for warning in data.warnings:
                self.stderr.write(f"Varning: {warning}")
            content = RENDERERS[options["format"]](data)
        output = Path(
            options["output"] or f"{report.kind}-{report.association.slug}.{options['format']}"
        )
        output.write_bytes(content)
        self.stdout.write(f"{report.title}: {output} ({len(content)} byte)")

    def _adopted(self, report, options) -> bytes:
        if options["format"] == "html":
            raise CommandError(
                "Den fastställda rapporten finns bara som PDF (och Word-kopia); ange --format pdf."
            )
        adoption = latest_adoption(report)
        if adoption is None:
            raise CommandError(f"{report.title} är inte fastställd; det finns ingen låst PDF.")
        if options["format"] == "docx":
            return self._adopted_docx(adoption)
        with adoption.pdf.open("rb") as frozen:
            content = frozen.read()
        if sha256_hex(content) != adoption.sha256:
            raise CommandError(
                f"Den sparade PDF-filen stämmer inte med kontrollsumman {adoption.sha256}."
            )
        self.stderr.write(f"Fastställd {adoption.adopted_on:%Y-%m-%d}, SHA-256 {adoption.sha256}.")
        return content

    def _adopted_docx(self, adoption) -> bytes:
        if not adoption.docx:
            raise CommandError(
                "Rapporten fastställdes innan Word-kopior sparades; det finns ingen fastställd "
                "Word-kopia. Utan --adopted skrivs en Word-fil med dagens uppgifter."
            )
        self.stderr.write(
            f"Word-kopia av rapporten fastställd {adoption.adopted_on:%Y-%m-%d}; "
            "originalet är den fastställda PDF-filen."
        )
        with adoption.docx.open("rb") as frozen:
            return frozen.read()

    def _report(self, options):
        association = Association.objects.filter(slug=options["slug"]).first()
        if association is None:
            raise CommandError(f"Inget förbund med kortnamnet {options['slug']!r}.")
        kind = options["kind"]
        if kind == ReportKind.DELARSRAPPORT:
            report = report_named(association, kind, period_end=self._period_end(options))
        elif options["year"] is None:
            raise CommandError(
                "Ange årsredovisningens år, t.ex. report arsredovisning vaxjo 2013."
                if kind == ReportKind.ARSREDOVISNING
                else "Ange verksamhetsplanens år, t.ex. report verksamhetsplan finnveden 2014."
            )
        else:
            report = report_named(association, kind, year=options["year"])
        if report is None:
            raise CommandError(f"{association.name} har ingen sådan rapport.")
        return report

    def _period_end(self, options) -> date:
        text = options["period_end"]
        if not text:
            raise CommandError("Ange periodens sista dag med --period-end ÅÅÅÅ-MM-DD.")
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"--period-end {text!r} är inget datum (ÅÅÅÅ-MM-DD).") from None
