"""Forms of the budgets app: they parse what people type; rules across rows live in services."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.models import (
    BudgetColumn,
    BudgetComment,
    BudgetDocument,
    BudgetLine,
    ColumnKind,
    LineKind,
    SectionKind,
    ShareEntry,
    Unit,
)
from budgets.presentation import DisplayOptions
from budgets.services.cells import CellEdit
from finsam.forms import AmountField, PercentField, YearField, model_choice_field
from finsam.lib.numbers import (
    AmountError,
    fits_money,
    format_amount,
    is_blank_amount,
    is_whole_kronor,
    parse_amount,
    too_large_message,
    whole_number,
)
from finsam.lib.years import FIRST_YEAR
from finsam.versions import VersionField

# Longer than any figure that fits, written with spaces between every digit group.
_GRID_TEXT_LIMIT = 40


def grid_amount(
    text: str, *, line: BudgetLine, column: BudgetColumn, options: DisplayOptions
) -> Decimal | None:
    """The kronor a figure typed in the grid's cell of `line` and `column` stands for (None:
    blank), read in the unit and sign the grid showed; refused with a message naming the cell.

    The one reading of a grid figure: the cell save and the paste of a block both use it."""
    where = f"{line.label}, {column.label}"
    if is_blank_amount(text):
        return None
    if len(text) > _GRID_TEXT_LIMIT:
        raise forms.ValidationError(too_large_message(where))
    try:
        typed = parse_amount(text)
    except AmountError as error:
        raise forms.ValidationError(f"{where}: {_grid_hint(text, options)}") from error
    sign = -1 if line.section.is_cost and options.costs_negative else 1
    amount = typed * options.factor * sign
    if not is_whole_kronor(amount):
        raise forms.ValidationError(
            _("%(line)s, %(column)s: ange hela kronor (%(value)s %(unit)s).")
            % {"line": line.label, "column": column.label, "value": text, "unit": options.unit}
        )
    if not fits_money(amount):
        raise forms.ValidationError(too_large_message(where))
    return amount


def _grid_hint(text: str, options: DisplayOptions) -> str:
    """What the grid accepts: whole kronor, or tkr with at most three decimals."""
    if options.factor == 1:
        return _("”%(text)s” är inte ett belopp. Skriv hela kronor, t.ex. 302 600.") % {
            "text": text
        }
    return _("”%(text)s” är inte ett belopp. Skriv tkr, t.ex. 302 eller 302,6.") % {"text": text}


class CellForm(forms.Form):
    """One figure typed in the grid, in the unit and sign the grid showed it in."""

    line = forms.IntegerField()
    column = forms.IntegerField()
    value = forms.CharField(required=False, strip=False)
    was = forms.CharField(required=False, max_length=40)
    enhet = forms.CharField(required=False)
    kostnader = forms.CharField(required=False)

    def __init__(self, *args, document: BudgetDocument, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.document = document

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if self.errors:
            raise forms.ValidationError(_("Ofullständig sparning: rad eller kolumn saknas."))
        line = self.document.lines.select_related("section").filter(pk=data["line"]).first()
        column = self.document.columns.filter(pk=data["column"]).first()
        if line is None or column is None:
            raise forms.ValidationError(_("Raden eller kolumnen finns inte längre i budgeten."))
        options = DisplayOptions.from_query(self.document, data)
        amount = grid_amount(data["value"], line=line, column=column, options=options)
        data.update(line=line, column=column, amount=amount, expected=_expected(data["was"]))
        return data


@dataclass(frozen=True)
class PastedCell:
    """One cell of a pasted block as the page sent it, and what became of its text."""

    key: str
    edit: CellEdit | None
    error: str = ""


# Cells one paste may fill: a budget's whole grid (lines x columns) stays well below it.
PASTE_LIMIT = 2000


class PasteForm(forms.Form):
    """A block pasted from a spreadsheet: per cell the line, column, text and starting figure
    (a JSON list), in the unit and sign the grid showed. A cell whose text is no figure is
    refused with its own message; the rest of the block is still saved."""

    cells = forms.JSONField()
    enhet = forms.CharField(required=False)
    kostnader = forms.CharField(required=False)

    def __init__(self, *args, document: BudgetDocument, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.document = document

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        cells = data.get("cells")
        if self.errors or not isinstance(cells, list) or not cells:
            raise forms.ValidationError(_("Inklistringen gick inte att läsa; ladda om sidan."))
        if len(cells) > PASTE_LIMIT:
            raise forms.ValidationError(
                _("Högst %(count)s belopp kan klistras in på en gång.") % {"count": PASTE_LIMIT}
            )
        wanted = [_pasted_ids(cell) for cell in cells]
        lines = self.document.lines.select_related("section").in_bulk({i[0] for i in wanted})
        columns = self.document.columns.in_bulk({i[1] for i in wanted})
        options = DisplayOptions.from_query(self.document, data)
        data["pasted"] = [
            _pasted(cell, lines.get(ids[0]), columns.get(ids[1]), options)
            for cell, ids in zip(cells, wanted, strict=True)
        ]
        data["options"] = options
        return data


def _pasted_ids(cell: object) -> tuple[int, int]:
    if not isinstance(cell, dict):
        raise forms.ValidationError(_("Inklistringen gick inte att läsa; ladda om sidan."))
    line, column = (
        whole_number(str(cell.get("line", ""))),
        whole_number(str(cell.get("column", ""))),
    )
    if line is None or column is None:
        raise forms.ValidationError(_("Inklistringen gick inte att läsa; ladda om sidan."))
    return line, column


def _pasted(
    cell: dict,
    line: BudgetLine | None,
    column: BudgetColumn | None,
    options: DisplayOptions,
) -> PastedCell:
    key = f"c{cell.get('column')}-l{cell.get('line')}"
    if line is None or column is None:
        return PastedCell(key, None, str(_("Raden eller kolumnen finns inte längre i budgeten.")))
    try:
        amount = grid_amount(str(cell.get("value", "")), line=line, column=column, options=options)
        expected = _expected(str(cell.get("was", "")))
    except forms.ValidationError as error:
        return PastedCell(key, None, " ".join(error.messages))
    return PastedCell(key, CellEdit(line, column, amount, expected))


def _expected(text: str) -> Decimal | None:
    try:
        value = Decimal(text) if text.strip() else None
    except ArithmeticError as error:
        message = _("Sidan skickade ett felaktigt utgångsvärde; ladda om.")
        raise forms.ValidationError(message) from error
    if value is not None and not value.is_finite():
        raise forms.ValidationError(_("Sidan skickade ett felaktigt utgångsvärde; ladda om."))
    return value


class _MemberIds(forms.TypedMultipleChoiceField):
    """Which members exist is the service's rule; here only whole numbers are accepted."""

    def valid_value(self, value) -> bool:
        return whole_number(str(value)) is not None


class LineForm(forms.Form):
    label = forms.CharField(label=_("Text"), max_length=300)
    footnotes = forms.CharField(
        label=_("Fotnoter"), required=False, max_length=60, help_text=_("Nummer, t.ex. 1, 3")
    )
    members = _MemberIds(required=False, coerce=int, empty_value=None)
    initiative = forms.IntegerField(required=False)
    exempt_from_share = forms.BooleanField(required=False)
    # Empty: unchanged (only initiative lines send it).
    share_entry = forms.TypedChoiceField(
        required=False, choices=ShareEntry.choices, empty_value=None
    )
    version = VersionField()

    def clean_footnotes(self) -> list[int]:
        parts = [p for p in self.cleaned_data["footnotes"].replace(" ", ",").split(",") if p]
        numbers = [whole_number(p) for p in parts]
        if None in numbers:
            raise forms.ValidationError(
                _("Skriv fotnoternas nummer med komma emellan, t.ex. 1, 3.")
            )
        return [n for n in numbers if n is not None]


class NewLineForm(forms.Form):
    section = forms.IntegerField(widget=forms.HiddenInput)
    label = forms.CharField(label=_("Ny rad"), max_length=300)
    kind = forms.ChoiceField(label=_("Slag"), choices=LineKind.choices, initial=LineKind.AMOUNT)


class FootnoteForm(forms.Form):
    text = forms.CharField(
        label=_("Fotnot"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    version = VersionField(required=False)  # a stored footnote's; none for a new one


class ColumnForm(forms.Form):
    kind = forms.ChoiceField(label=_("Slag"), choices=ColumnKind.choices)
    year = YearField(label=_("År"))
    label = forms.CharField(label=_("Rubrik"), max_length=60)


class AdoptForm(forms.Form):
    """The board's decision, typed: no date is filled in for the user (the date is the
    board's, not today's). `figures` is the checksum of the figures the page showed."""

    adopted_on = forms.DateField(
        label=_("Styrelsens beslutsdatum"),
        help_text=_("ÅÅÅÅ-MM-DD"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Ange datumet då styrelsen fastställde budgeten.")},
    )
    diary_number = forms.CharField(label=_("Diarienummer"), max_length=40, required=False)
    meeting = forms.IntegerField(label=_("Styrelsemöte"), required=False)
    motivation = forms.CharField(
        label=_("Styrelsens motivering till varningarna"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Krävs när kontrollerna visar varningar; den sparas med fastställelsen."),
    )
    figures = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, meetings, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.meetings = meetings  # the association's: a number from elsewhere is no meeting

    def clean_meeting(self):
        number = self.cleaned_data["meeting"]
        if not number:
            return None
        meeting = self.meetings.filter(pk=number).first()
        if meeting is None:
            raise forms.ValidationError(_("Mötet finns inte i förbundet."))
        return meeting


class FollowUpForm(forms.Form):
    """Outcome to date and full-year forecast per line, with the values the form started from."""

    def __init__(self, *args, line_ids: list[int], entered: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.line_ids = line_ids
        for pk in line_ids:
            start = entered.get(pk)
            for name in ("outcome_to_date", "forecast"):
                value = getattr(start, name, None) if start else None
                decimals = 0 if value is None or value == int(value) else 2
                shown = "" if value is None else format_amount(value, decimals=decimals)
                self.fields[f"{name}_{pk}"] = AmountField(required=False, initial=shown)
                self.fields[f"{name}_{pk}"].widget.attrs["class"] = "amount"
                self.fields[f"was_{name}_{pk}"] = forms.CharField(
                    required=False, widget=forms.HiddenInput, initial=_plain(value)
                )

    def clean(self) -> dict:
        """The hidden starting values are ours; one that does not read is a broken page."""
        super().clean()
        data = self.cleaned_data
        for name in [field for field in self.fields if field.startswith("was_")]:
            try:
                data[name] = _expected(data.get(name, ""))
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("Sidan skickade ett felaktigt utgångsvärde; ladda om sidan och försök igen.")
                ) from error
        return data

    def figures(self) -> tuple[dict, dict]:
        from budgets.followup import Entered

        data = self.cleaned_data
        new = {
            pk: Entered(data[f"outcome_to_date_{pk}"], data[f"forecast_{pk}"])
            for pk in self.line_ids
        }
        was = {
            pk: Entered(data[f"was_outcome_to_date_{pk}"], data[f"was_forecast_{pk}"])
            for pk in self.line_ids
        }
        return new, was


def _plain(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


class NewDocumentForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    year = YearField(label=_("Budgetår"))


class DocumentSettingsForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=200)
    unit = forms.ChoiceField(label=_("Belopp visas i"), choices=Unit.choices)
    costs_negative = forms.BooleanField(label=_("Kostnader med minustecken"), required=False)
    counted_share = PercentField(label=_("Räknad andel av insatsernas beviljade belopp (%)"))
    revenue_total_label = forms.CharField(label=_("Rubrik för summa intäkter"), max_length=100)
    cost_total_label = forms.CharField(label=_("Rubrik för summa kostnader"), max_length=100)
    result_label = forms.CharField(label=_("Rubrik för resultat"), max_length=100)
    result_with_sign = forms.BooleanField(label=_("Plustecken före överskott"), required=False)
    balance_explanation = forms.CharField(
        label=_("Förklaring till obalanserad budget"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = VersionField()


class SectionForm(forms.Form):
    name = forms.CharField(label=_("Rubrik"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Slag"), choices=SectionKind.choices, required=False)
    subtotal_label = forms.CharField(label=_("Rubrik för delsumma"), max_length=200, required=False)
    show_subtotal = forms.BooleanField(label=_("Visa delsumma"), required=False)
    version = VersionField(required=False)  # an existing section's; none for a new one


class NewFromForm(forms.Form):
    """Next year's budget built from an earlier one: the year, and a title if not the moved one."""

    # A successor is for a year after an earlier budget, so never the first year.
    year = YearField(label=_("Budgetår"), first=FIRST_YEAR + 1)
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=200,
        required=False,
        help_text=_("Tomt: den tidigare rubriken med åren flyttade framåt."),
    )

    def __init__(self, *args, source: BudgetDocument, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.source = source
        self.fields["year"].initial = source.year + 1

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year <= self.source.year:
            raise forms.ValidationError(
                _("Välj ett senare år än %(year)s, det år budgeten bygger på.")
                % {"year": self.source.year}
            )
        return year


class CommentForm(forms.Form):
    """A comment on a draft: on the whole budget, on one of its lines, or an answer."""

    text = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}))
    line = forms.ModelChoiceField(
        label=_("Rad"),
        queryset=BudgetLine.objects.none(),
        required=False,
        empty_label=_("Hela budgeten"),
        error_messages={"invalid_choice": _("Raden finns inte i den här budgeten.")},
    )
    parent = forms.ModelChoiceField(
        queryset=BudgetComment.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Kommentaren finns inte i den här budgeten.")},
    )

    def __init__(self, *args, document: BudgetDocument, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only this document's rows can be chosen: another budget's (or association's) line
        # or thread is an invalid choice, refused before any service sees it.
        model_choice_field(self, "line").queryset = document.lines.all()
        parents = document.comments.filter(parent__isnull=True)
        model_choice_field(self, "parent").queryset = parents


class ResolveCommentForm(forms.Form):
    version = VersionField()
