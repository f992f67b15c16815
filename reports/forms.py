"""Forms of the reports app: a new report, its options, a section, the adoption.

Each form is given the report's association, so its choices offer only that association's
budgets and columns. Rules spanning objects (one report per period) are the model's
constraints, checked when the service saves.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.models import BudgetColumn, BudgetDocument
from finsam.forms import YearField, model_choice_field
from finsam.models import Association
from finsam.uploads import check_pdf_document, refusal
from initiatives.models import Initiative
from reports.blocks import BLOCKS, block_choices
from reports.models import Report, ReportComment, ReportKind, ReportSection

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Slag"), choices=ReportKind.choices)
    year = YearField(label=_("År"))
    period_end = forms.DateField(
        label=_("Periodens sista dag (delårsrapport)"), required=False, widget=DATE
    )
    title = forms.CharField(label=_("Rubrik"), max_length=200)

    def clean(self):
        data = super().clean()
        end, year = data.get("period_end"), data.get("year")
        if data.get("kind") == ReportKind.DELARSRAPPORT:
            if end is None:
                self.add_error("period_end", _("En delårsrapport behöver periodens sista dag."))
            elif year and end.year != year:
                self.add_error("period_end", _("Periodens sista dag ska ligga i rapportens år."))
        else:
            data["period_end"] = None
        return data


class _ColumnChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class ReportOptionsForm(forms.ModelForm):
    """The cover, the layout options and the adoption line of a report."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Report
        fields = Report.EDITABLE_FIELDS
        widgets = {
            "cover_text": forms.Textarea(attrs={"rows": 3}),
            "exceptional_reasons": forms.Textarea(attrs={"rows": 3}),
            "signing_date": DATE,
            "columns": forms.CheckboxSelectMultiple,
        }
        field_classes = {"columns": _ColumnChoices}

    def __init__(self, *args, association: Association, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "budget").queryset = BudgetDocument.objects.filter(
            association=association
        )
        model_choice_field(self, "columns").queryset = BudgetColumn.objects.filter(
            document__association=association, document=self.instance.budget_id
        ).order_by("order")
        self.initial.setdefault("version", self.instance.version)
        if not self.instance.is_annual:
            for name in Report.ANNUAL_FIELDS:
                del self.fields[name]

    def clean(self):
        data = super().clean()
        budget = data.get("budget")
        if budget and any(column.document_id != budget.pk for column in data.get("columns", [])):
            self.add_error("columns", _("Kolumnerna ska höra till den valda budgeten."))
        return data


class SectionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ReportSection
        fields = ReportSection.EDITABLE_FIELDS
        widgets = {
            "text": forms.Textarea(attrs={"rows": 12}),
            "text_after": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Inga, bara text"))] + block_choices(report.kind)
        self.fields["block"] = forms.ChoiceField(
            label=_("Uppgifter ur systemet"), choices=choices, required=False
        )
        model_choice_field(self, "initiative").queryset = Initiative.objects.filter(
            association=report.association
        )
        self.initial.setdefault("version", report.version)
        # A new section belongs to its report before it is saved: the model's own checks
        # (the initiative is the report's association's) read it.
        if self.instance.report_id is None:
            self.instance.report = report

    def clean(self):
        data = super().clean()
        spec = BLOCKS.get(data.get("block") or "")
        if spec is not None and spec.for_initiative and not data.get("initiative"):
            self.add_error("initiative", _("Välj vilken insats uppgifterna gäller."))
        return data


class AdoptForm(forms.Form):
    """The board's decision date, typed (never filled in for the user), and the diary number,
    then confirmed."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    adopted_on = forms.DateField(
        label=_("Styrelsens beslutsdatum"),
        widget=DATE,
        error_messages={"required": _("Ange datumet då styrelsen fastställde rapporten.")},
    )
    # Printed on the cover with the decision date; the report's own number is shown to start
    # from, since the number is often given when the board decides.
    diary_number = forms.CharField(
        label=_("Diarienummer"), max_length=40, required=False, help_text=_("Tomt: inget.")
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ReportCommentForm(forms.Form):
    """A comment on a report draft: on the whole report, one of its sections, or an answer."""

    text = forms.CharField(label=_("Kommentar"), widget=forms.Textarea(attrs={"rows": 3}))
    section = forms.ModelChoiceField(
        label=_("Avsnitt"),
        queryset=ReportSection.objects.none(),
        required=False,
        empty_label=_("Hela rapporten"),
        error_messages={"invalid_choice": _("Avsnittet finns inte i den här rapporten.")},
    )
    parent = forms.ModelChoiceField(
        queryset=ReportComment.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Kommentaren finns inte i den här rapporten.")},
    )

    def __init__(self, *args, report: Report, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only this report's sections and threads can be chosen: another report's (or
        # association's) is an invalid choice, refused before the service sees it.
        model_choice_field(self, "section").queryset = report.sections.all()
        model_choice_field(self, "parent").queryset = report.comments.filter(parent__isnull=True)


class AuditorsReportForm(forms.Form):
    """The auditors' report on an annual report, as received: a PDF and the day it came."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    pdf = forms.FileField(
        label=_("Revisionsberättelse (PDF)"),
        error_messages={
            "required": _("Välj revisionsberättelsen som PDF-fil."),
            "empty": _("Den valda filen är tom."),
        },
    )
    received_on = forms.DateField(
        label=_("Mottagen"),
        widget=DATE,
        error_messages={"required": _("Ange dagen då revisionsberättelsen kom in.")},
    )

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        problem = refusal(upload, upload.name, upload.size, check=check_pdf_document)
        if problem:
            raise forms.ValidationError(problem)
        return upload
