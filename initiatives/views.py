"""Pages of the initiatives app: the list, one initiative, the association's goals, and the
small edit forms staff use in place on the initiative page.

Every edit form posts to its own URL. A GET of that URL shows the same form alone (it works
without JavaScript); an invalid entry is shown there again with the message, nothing saved.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from finsam.errors import StaleEditError
from finsam.forms import add_errors
from finsam.lib.numbers import whole_number
from finsam.lib.years import is_year
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from initiatives import figures, forms, selectors, services
from initiatives.models import FollowUp, Goal, Initiative, ReferralYear


def _edit(
    request: HttpRequest,
    form,
    save: Callable[[], object],
    *,
    title: str,
    back: str,
    done: str,
    again: str | None = None,
) -> HttpResponse:
    """Validate, save through a service, go back; or show the form with what is wrong."""
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except StaleEditError as stale:
            # The bound form would show this person's own values again; the page shown
            # after the redirect holds what is stored now, the other person's change.
            messages.error(request, str(stale))
            return redirect(again or request.path)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(back)
    return render(request, "initiatives/edit.html", {"form": form, "title": title, "back": back})


def _year_from(request: HttpRequest, tenant: Tenant) -> int:
    text = request.GET.get("ar", "")
    year = whole_number(text)
    if year is not None and is_year(year):
        return year
    if text:
        messages.error(request, _("”%(text)s” är inget år; skriv t.ex. 2014.") % {"text": text})
    return selectors.default_year(tenant.association, timezone.localdate())


@tenant_view()
def initiative_list(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    year = _year_from(request, tenant)
    rows = selectors.initiative_rows(tenant.association, year)
    return render(request, "initiatives/list.html", {"rows": rows, "year": year})


@tenant_view()
def association_goals(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    page = selectors.association_goals(tenant.association)
    form = (
        forms.GoalForm(association=tenant.association, initiative=None) if tenant.can_edit else None
    )
    return render(request, "initiatives/goals.html", {"page": page, "goal_form": form})


@tenant_view()
def initiative_detail(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    initiative = get_scoped_or_404(Initiative.objects.select_related("owner"), tenant, pk=pk)
    context = {"page": selectors.initiative_page(initiative)}
    if tenant.can_edit:
        context.update(_edit_forms(initiative))
    return render(request, "initiatives/detail.html", context)


def _edit_forms(initiative: Initiative) -> dict:
    """The in-place forms of the initiative page; ids prefixed so they stay unique."""
    association = initiative.association
    return {
        "facts_form": forms.InitiativeForm(
            association=association,
            initial=forms.InitiativeForm.initial_for(initiative),
            auto_id="facts_%s",
        ),
        "status_form": forms.StatusForm(
            initiative=initiative, initial={"on": timezone.localdate()}, auto_id="status_%s"
        ),
        "decision_form": forms.DecisionForm(initiative=initiative, auto_id="decision_%s"),
        "goal_form": forms.GoalForm(
            association=association, initiative=initiative, auto_id="goal_%s"
        ),
        "follow_up_form": forms.FollowUpForm(auto_id="follow_up_%s"),
        "referral_form": forms.ReferralYearForm(association=association, auto_id="referral_%s"),
    }


def _back(initiative: Initiative) -> str:
    return reverse("initiatives:detail", args=[initiative.association.slug, initiative.pk])


def _goals_page(tenant: Tenant) -> str:
    return reverse("initiatives:goals", args=[tenant.association.slug])


@tenant_view(Perm.EDIT)
def initiative_new(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    form = forms.InitiativeForm(request.POST or None, association=tenant.association)
    created: list[Initiative] = []

    def save() -> None:
        created.append(
            services.initiative_create(association=tenant.association, facts=form.facts())
        )

    response = _edit(
        request, form, save, title=_("Ny insats"), back=request.path, done=_("Insatsen är sparad.")
    )
    return redirect(_back(created[0])) if created else response


@tenant_view(Perm.EDIT)
def initiative_edit(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    initiative = get_scoped_or_404(Initiative, tenant, pk=pk)
    form = forms.InitiativeForm(
        request.POST or None,
        association=tenant.association,
        initiative=initiative,
        initial=forms.InitiativeForm.initial_for(initiative),
    )

    def save() -> None:
        services.initiative_update(
            initiative=initiative,
            expected_version=form.cleaned_data["version"] or 0,
            facts=form.facts(),
        )

    return _edit(
        request,
        form,
        save,
        title=_("Ändra %(name)s") % {"name": initiative},
        back=_back(initiative),
        done=_("Uppgifterna om insatsen är sparade."),
    )


@tenant_view(Perm.EDIT)
def initiative_status(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    initiative = get_scoped_or_404(Initiative, tenant, pk=pk)
    form = forms.StatusForm(request.POST or None, initiative=initiative)

    def save() -> None:
        services.initiative_set_status(initiative=initiative, by=request.user, **form.cleaned_data)

    return _edit(
        request,
        form,
        save,
        title=_("Ändra status: %(name)s") % {"name": initiative},
        back=_back(initiative),
        done=_("Statusen är ändrad."),
    )


@tenant_view(Perm.EDIT)
def decision_add(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    initiative = get_scoped_or_404(Initiative, tenant, pk=pk)
    form = forms.DecisionForm(request.POST or None, initiative=initiative)

    def save() -> None:
        services.decision_record(initiative=initiative, data=form.data_object(), by=request.user)

    return _edit(
        request,
        form,
        save,
        title=_("Nytt beslut: %(name)s") % {"name": initiative},
        back=_back(initiative),
        done=_("Beslutet är registrerat."),
    )


@tenant_view(Perm.EDIT)
def goal_add(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    initiative = get_scoped_or_404(Initiative, tenant, pk=pk)
    form = forms.GoalForm(
        request.POST or None, association=tenant.association, initiative=initiative
    )

    def save() -> None:
        services.goal_create(
            association=tenant.association, initiative=initiative, data=form.data_object()
        )

    return _edit(
        request,
        form,
        save,
        title=_("Nytt mål: %(name)s") % {"name": initiative},
        back=_back(initiative),
        done=_("Målet är sparat."),
    )


@tenant_view(Perm.EDIT)
def goal_edit(request: HttpRequest, tenant: Tenant, goal: int) -> HttpResponse:
    found = get_scoped_or_404(Goal.objects.select_related("initiative"), tenant, pk=goal)
    form = forms.GoalEditForm(
        request.POST or None,
        association=tenant.association,
        initiative=found.initiative,
        goal=found,
        initial=forms.GoalForm.initial_for(found),
    )
    back = _back(found.initiative) if found.initiative else _goals_page(tenant)

    def save() -> None:
        services.goal_update(
            goal=found,
            data=form.data_object(order=found.order),
            expected_version=form.cleaned_data["version"],
        )

    return _edit(
        request,
        form,
        save,
        title=_("Ändra mål: %(name)s") % {"name": found},
        back=back,
        done=_("Målet är sparat."),
    )


@tenant_view(Perm.EDIT)
def association_goal_add(request: HttpRequest, tenant: Tenant) -> HttpResponse:
    form = forms.GoalForm(request.POST or None, association=tenant.association, initiative=None)

    def save() -> None:
        services.goal_create(association=tenant.association, data=form.data_object())

    return _edit(
        request,
        form,
        save,
        title=_("Nytt mål för förbundet"),
        back=_goals_page(tenant),
        done=_("Målet är sparat."),
    )


@tenant_view(Perm.EDIT)
def outcome_add(request: HttpRequest, tenant: Tenant, goal: int) -> HttpResponse:
    found = get_scoped_or_404(Goal.objects.select_related("initiative"), tenant, pk=goal)
    form = forms.OutcomeForm(request.POST or None, goal=found, initial={"version": found.version})
    back = _back(found.initiative) if found.initiative else _goals_page(tenant)

    def save() -> None:
        services.outcome_record(
            goal=found, data=form.data_object(), expected_version=form.cleaned_data["version"]
        )

    return _edit(
        request,
        form,
        save,
        title=_("Utfall: %(name)s") % {"name": found},
        back=back,
        done=_("Utfallet är sparat."),
    )


@tenant_view(Perm.EDIT)
def follow_up_add(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    initiative = get_scoped_or_404(Initiative, tenant, pk=pk)
    form = forms.FollowUpForm(request.POST or None)

    def save() -> None:
        figures.follow_up_create(initiative=initiative, **form.cleaned_data)

    return _edit(
        request,
        form,
        save,
        title=_("Ny uppföljningsperiod: %(name)s") % {"name": initiative},
        back=_back(initiative),
        done=_("Uppföljningsperioden är skapad."),
    )


def _follow_up(tenant: Tenant, pk: int) -> FollowUp:
    return get_scoped_or_404(
        FollowUp.objects.select_related("initiative__association"), tenant, pk=pk
    )


@tenant_view(Perm.EDIT)
def head_count_add(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    follow_up = _follow_up(tenant, pk)
    form = forms.HeadCountForm(request.POST or None, initial={"version": follow_up.version})

    def save() -> None:
        figures.head_count_record(
            follow_up=follow_up,
            data=form.data_object(),
            expected_version=form.cleaned_data["version"],
        )

    return _edit(
        request,
        form,
        save,
        title=_("Antal deltagare, %(name)s") % {"name": follow_up},
        back=_back(follow_up.initiative),
        done=_("Antalet är sparat."),
    )


@tenant_view(Perm.EDIT)
def exits_edit(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    follow_up = _follow_up(tenant, pk)
    form = forms.ExitsForm(
        request.POST or None, association=tenant.association, follow_up=follow_up
    )

    def save() -> None:
        figures.exits_record(
            follow_up=follow_up,
            counts=form.counts(),
            printed_total=form.cleaned_data["printed_total"],
            expected_version=form.cleaned_data["version"],
        )

    return _edit(
        request,
        form,
        save,
        title=_("Anledning till avslut, %(name)s") % {"name": follow_up},
        back=_back(follow_up.initiative),
        done=_("Avsluten är sparade."),
    )


@tenant_view(Perm.EDIT)
def standings_edit(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    follow_up = _follow_up(tenant, pk)
    form = forms.StandingsForm(request.POST or None, follow_up=follow_up)

    def save() -> None:
        figures.standings_record(
            follow_up=follow_up,
            counts=form.counts(),
            printed_total=form.cleaned_data["printed_total"],
            expected_version=form.cleaned_data["version"],
        )

    return _edit(
        request,
        form,
        save,
        title=_("Inskrivna deltagares läge, %(name)s") % {"name": follow_up},
        back=_back(follow_up.initiative),
        done=_("De inskrivnas läge är sparat."),
    )


@tenant_view(Perm.EDIT)
def referrals_edit(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    initiative = get_scoped_or_404(Initiative, tenant, pk=pk)
    # The year to change comes from the link (?ar=2014), or on a post from the form itself, so
    # a refused save shows that year's stored counts again.
    year = request.POST.get("year") or request.GET.get("ar", "")
    column = ReferralYear.objects.filter(
        initiative=initiative, year=whole_number(year) or 0
    ).first()
    form = forms.ReferralYearForm(
        request.POST or None, association=tenant.association, column=column
    )

    def save() -> None:
        data = form.cleaned_data
        figures.referral_year_record(
            initiative=initiative,
            year=data["year"],
            through=data["through"],
            counts=form.counts(),
            printed_total=data["printed_total"],
            expected_version=data["version"],
        )

    return _edit(
        request,
        form,
        save,
        title=_("Intresseanmälningar: %(name)s") % {"name": initiative},
        back=_back(initiative),
        done=_("Årets intresseanmälningar är sparade."),
        again=f"{request.path}?ar={year}" if column else None,
    )
