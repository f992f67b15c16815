"""Form fields shared by every app: amounts and percentages as Swedish users type them."""

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from finsam.lib import years
from finsam.lib.numbers import AmountError, parse_amount


class AmountField(forms.CharField):
    """An amount typed as "12 639 324", "12639324" or "-1 399 400"; cleaned to a Decimal."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value: str | None) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if text is None or text in self.empty_values:
            return None
        try:
            return parse_amount(text)
        except AmountError as error:
            raise forms.ValidationError(str(error), code="invalid_amount") from error


class YearField(forms.IntegerField):
    """A budget, funding or report year in the one range of `finsam.lib.years`; `first`
    raises the lower bound for a year that must come after another (a successor budget)."""

    def __init__(self, *args, first: int | None = None, **kwargs) -> None:
        first = years.FIRST_YEAR if first is None else first
        super().__init__(*args, min_value=first, max_value=years.LAST_YEAR, **kwargs)


def year_range_message(what: str | None = None) -> str:
    """ "Ange ett år mellan <first> och <last>." with the range's bounds; `what` names the
    year another way ("ett årtal", "rubrik och ett budgetår")."""
    return _("Ange %(what)s mellan %(first)s och %(last)s.") % {
        "what": what or _("ett år"),
        "first": years.FIRST_YEAR,
        "last": years.LAST_YEAR,
    }


class PercentField(forms.CharField):
    """A percentage typed with a decimal comma or point: "40,455" or "40.455"."""

    def to_python(self, value: str | None) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if text is None or text in self.empty_values:
            return None
        try:
            number = Decimal(text.replace("%", "").replace(",", ".").strip())
        except InvalidOperation as error:
            raise forms.ValidationError(
                _("”%(text)s” är inte en procentsats.") % {"text": text}
            ) from error
        if not number.is_finite():  # "NaN" and "Infinity" read as Decimals, but are no shares
            raise forms.ValidationError(_("”%(text)s” är inte en procentsats.") % {"text": text})
        if not 0 <= number <= 100:
            raise forms.ValidationError(_("En andel måste ligga mellan 0 och 100 procent."))
        return number


class DateRangeEndField(forms.DateField):
    """A date bounding a search (from, until): years FIRST_YEAR to LAST_YEAR only.

    A day outside them finds nothing anyway, and at the edges of the calendar the day's start
    in Swedish time, or the day after, does not exist (9999-12-31, 0001-01-01): the database
    query would fail instead of saying what is wrong."""

    FIRST_YEAR, LAST_YEAR = 1900, 2999

    def __init__(self, *args, **kwargs) -> None:
        attrs = {
            "type": "date",
            "min": f"{self.FIRST_YEAR}-01-01",
            "max": f"{self.LAST_YEAR}-12-31",
        }
        kwargs.setdefault("widget", forms.DateInput(attrs=attrs, format="%Y-%m-%d"))
        super().__init__(*args, **kwargs)

    def validate(self, value) -> None:
        super().validate(value)
        if value is not None and not self.FIRST_YEAR <= value.year <= self.LAST_YEAR:
            raise forms.ValidationError(
                _("%(day)s ligger utanför åren %(first)s–%(last)s.")
                % {"day": value.isoformat(), "first": self.FIRST_YEAR, "last": self.LAST_YEAR},
                code="date_out_of_range",
            )


# A form's fields are typed only as `Field`: these give the kind a form narrows at run time
# (its queryset, its choices), and fail loudly if a field is not of that kind.


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField), name
    return field


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField), name
    return field


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's refusal shown on the form: each field's message next to its field, the
    rest above the form. The one place a view or form maps a service's refusal to fields."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def service_check(
    form: forms.BaseForm, check: Callable[..., None], *needs: str, new_fields_only: bool = False
) -> None:
    """Run a service's check from the form's `clean()` once the fields it reads (`needs`,
    passed to it in that order) are valid, even if other fields are not.

    The user then learns the service's problems in the same answer as the form's own, each
    at its field, instead of in a second round after fixing those. The rule stays in the
    service, which checks it again when it saves. `new_fields_only`: a field the form has
    already told keeps its words (the check would say the same problem again, otherwise)."""
    data = form.cleaned_data
    if all(name in data for name in needs):
        try:
            check(*(data[name] for name in needs))
        except ValidationError as error:
            if new_fields_only and hasattr(error, "error_dict"):
                told = form.errors
                error = ValidationError(
                    {f: e for f, e in error.error_dict.items() if f not in told}
                )
            add_errors(form, error)
