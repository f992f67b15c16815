"""The shared shape of the import commands: read, show problems or the plan, apply."""

import sys
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from members.imports.batches import import_confirm, import_upload
from members.models import Association


class ImportCommand(BaseCommand):
    kind: str = ""
    needs_period_end = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="xlsx- eller csv-fil")
        parser.add_argument("--association", required=True, help="förbundets kortnamn (slug)")
        parser.add_argument("--user", help="användarnamn som står som uppladdare")
        parser.add_argument(
            "--dry-run", action="store_true", help="visa bara vad som skulle ändras"
        )
        if self.needs_period_end:
            parser.add_argument(
                "--period-end", required=True, type=date.fromisoformat, help="ÅÅÅÅ-MM-DD"
            )

    def handle(self, *args, **options) -> None:
        association = self._association(options["association"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen {path} finns inte.")
        self._progress(f"Läser {path.name} …")
        with path.open("rb") as stream:
            batch, plan = import_upload(
                association=association,
                kind=self.kind,
                filename=path.name,
                content=stream,
                user=self._user(options.get("user")),
                period_end=options.get("period_end"),
            )
        if plan.problems:
            lines = "\n".join(f"  {problem}" for problem in plan.problems)
            raise CommandError(f"{path.name} lästes inte in; inget ändrades:\n{lines}")
        for number, change in enumerate(plan.changes, start=1):
            self._progress(f"Granskar rad {number} av {len(plan.changes)}")
            self.stdout.write(f"  {change.subject}: {change.what} {change.before} → {change.after}")
        if options["dry_run"]:
            batch.delete()
            self.stdout.write("Provkörning: inget sparades.")
            return
        try:
            applied = import_confirm(batch=batch)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(f"{path.name}: {applied.summary} (SHA-256 {applied.sha256})")
        )

    def _association(self, slug: str) -> Association:
        try:
            return Association.objects.get(slug=slug)
        except Association.DoesNotExist as error:
            raise CommandError(f"Det finns inget förbund med kortnamnet ”{slug}”.") from error

    def _user(self, username: str | None):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Det finns ingen användare ”{username}”.")
        return user

    def _progress(self, text: str) -> None:
        if sys.stderr.isatty():  # a progress line only where someone watches
            sys.stderr.write(f"\r{text:<60}")
            sys.stderr.flush()
