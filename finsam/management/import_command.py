"""The shared shape of the import commands: read, show problems or the plan, apply."""

import sys
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from finsam.imports.batches import import_confirm, import_drop, import_upload
from finsam.models import Association


class ImportCommand(BaseCommand):
    kind: str = ""
    needs_period_end = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help=_("xlsx- eller csv-fil"))
        parser.add_argument("--association", required=True, help=_("förbundets kortnamn (slug)"))
        parser.add_argument("--user", help=_("användarnamn som står som uppladdare"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("visa bara vad som skulle ändras")
        )
        parser.add_argument(
            "--confirm",
            action="store_true",
            help=_("bekräfta att data som filen inte ersätter tas bort"),
        )
        parser.add_argument(
            "--choice",
            action="append",
            default=[],
            help=_("val som häver en vägran, t.ex. replace_vouchers (ersätt exakt dessa)"),
        )
        if self.needs_period_end:
            parser.add_argument(
                "--period-end", required=True, type=date.fromisoformat, help=_("ÅÅÅÅ-MM-DD")
            )

    def handle(self, *args, **options) -> None:
        association = self._association(options["association"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Filen %(path)s finns inte.") % {"path": path})
        self._progress(_("Läser %(name)s …") % {"name": path.name})
        with path.open("rb") as stream:
            batch, plan = import_upload(
                association=association,
                kind=self.kind,
                filename=path.name,
                content=stream,
                user=self._user(options.get("user")),
                period_end=options.get("period_end"),
                choices=frozenset(options["choice"]),
            )
        if batch is None:  # a file with problems is not kept
            lines = "\n".join(f"  {problem}" for problem in plan.problems)
            raise CommandError(
                _("%(name)s lästes inte in; inget ändrades:") % {"name": path.name} + "\n" + lines
            )
        for number, change in enumerate(plan.changes, start=1):
            self._progress(
                _("Granskar rad %(number)s av %(count)s")
                % {"number": number, "count": len(plan.changes)}
            )
            self.stdout.write(f"  {change.subject}: {change.what} {change.before} → {change.after}")
        for line in plan.confirm:
            self.stdout.write("  " + _("Tas bort: %(what)s") % {"what": line})
        for line in plan.warnings:
            self.stdout.write("  " + _("Varning: %(what)s") % {"what": line})
        for line in plan.facts:
            self.stdout.write("  " + line)
        for option in plan.options:
            self.stdout.write(
                "  "
                + option.reason
                + " "
                + _("Ange --choice %(c)s för det.") % {"c": option.choice}
            )
        if options["dry_run"]:
            import_drop(batch=batch)
            self.stdout.write(_("Provkörning: inget sparades."))
            return
        refusal = self._refusal(plan, options)
        if refusal:
            import_drop(batch=batch)
            raise CommandError(refusal)
        try:
            applied = import_confirm(
                batch=batch, confirmed=options["confirm"], choices=frozenset(options["choice"])
            )
        except ValidationError as error:
            import_drop(batch=batch)
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(f"{path.name}: {applied.summary} (SHA-256 {applied.sha256})")
        )

    @staticmethod
    def _refusal(plan, options) -> str:
        """Why the file is not read in without the user's word, and how to give it."""
        offers = [o for o in plan.offers if o.choice not in options["choice"]]
        if offers:
            return "\n".join(
                f"{o.reason} " + _("Ange --choice %(choice)s för det.") % {"choice": o.choice}
                for o in offers
            )
        if plan.needs_confirming and not options["confirm"]:
            return (
                _("Inläsningen tar bort mer än filen för in eller har varningar; inget ändrades:")
                + "\n"
                + "\n".join(f"  {line}" for line in plan.confirm + plan.warnings)
                + "\n"
                + _("Kör igen med --confirm för att läsa in ändå.")
            )
        return ""

    def _association(self, slug: str) -> Association:
        try:
            return Association.objects.get(slug=slug)
        except Association.DoesNotExist as error:
            raise CommandError(
                _("Det finns inget förbund med kortnamnet ”%(slug)s”.") % {"slug": slug}
            ) from error

    def _user(self, username: str | None):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                _("Det finns ingen användare ”%(username)s”.") % {"username": username}
            )
        return user

    def _progress(self, text: str) -> None:
        if sys.stderr.isatty():  # a progress line only where someone watches
            sys.stderr.write(f"\r{text:<60}")
            sys.stderr.flush()
