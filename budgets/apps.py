from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = _("Budgetar och bokföring")

    def ready(self) -> None:
        from budgets import waiting
        from budgets.accounts.import_kinds import BookImportKind, looks_like_sie
        from budgets.accounts.importing import apply_ledger, read_sie_upload, read_trial_balance
        from budgets.initiative_panel import initiative_budget_lines
        from budgets.services.import_file import budget_file_apply, budget_file_read
        from finsam.imports.batches import Importer, register_importer
        from finsam.uploads import check_sie_file, check_workbook
        from initiatives.panels import Panel, register_panel

        waiting.register()
        register_panel(Panel("budgets/_initiative_lines.html", initiative_budget_lines))

        # SIE files of a whole year with every voucher can be large; they are read as a stream.
        register_importer(
            BookImportKind.SIE,
            Importer(
                BookImportKind.SIE.label,
                read_sie_upload,
                apply_ledger,
                check=check_sie_file,
                sie=True,
                recognise=looks_like_sie,
                recognised_as=_("en SIE-fil (bokföring)"),
            ),
        )
        register_importer(
            BookImportKind.TRIAL_BALANCE,
            Importer(BookImportKind.TRIAL_BALANCE.label, read_trial_balance, apply_ledger),
        )
        # A budget workbook (docs/budget-xlsx.md): office staff import it on the budget's
        # own pages, and it becomes a draft, so those pages preview and take it.
        register_importer(
            BUDGET_FILE,
            Importer(
                _("Budget (xlsx)"),
                budget_file_read,
                budget_file_apply,
                check=check_workbook,
                preview_view="budgets:import_preview",
                upload_view="budgets:upload",
                done_view="budgets:list",
                done_label=_("Till budgetarna"),
            ),
        )


# The stored kind of an imported budget workbook (`ImportBatch.kind`).
BUDGET_FILE = "budget"
