"""One association's rows never point into another's.

The relations are not listed here: they are walked from the app registry, so a relation a
later change adds is tried too, and fails here until it is checked (or decided unchecked
below, with a reason).
"""

from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.urls import reverse

from finsam.models import Association
from finsam.tenant_links import crossing_rows, refuse_crossing
from members.models import BoardSeat, Member, Membership, Person

pytestmark = pytest.mark.django_db

# Users are nobody's data: a row may name any user (who changed it, who adopted it).
UNCHECKED_TARGETS = {get_user_model()}
# A membership is what places a shared organisation in an association.
PLACING = {(Membership, "member")}


def _owned(model) -> bool:
    return hasattr(model, "tenant_path")


def _root(model) -> str | None:
    return None if model.tenant_path == "pk" else model.tenant_path.split("__")[0]


def _relations() -> list[tuple[type[models.Model], models.Field]]:
    """Every link from an association-owned row, except the one that places it."""
    found = []
    for model in apps.get_models():
        if not _owned(model):
            continue
        for field in model._meta.get_fields():
            linked = field.is_relation and field.concrete and not field.auto_created
            if linked and field.name != _root(model):
                found.append((model, field))
    return found


RELATIONS = _relations()
CROSSABLE = [
    (model, field)
    for model, field in RELATIONS
    if field.related_model not in UNCHECKED_TARGETS and (model, field.name) not in PLACING
]


def _id(case) -> str:
    model, field = case
    return f"{model._meta.label}.{field.name}"


def test_every_link_is_decided():
    """A link to a model that is neither an association's, nor a member organisation, nor a
    user is a new kind of sharing: decide how it stays inside one association."""
    undecided = [
        _id((model, field))
        for model, field in CROSSABLE
        if not _owned(field.related_model) and field.related_model is not Member
    ]
    assert undecided == []
    # The walk reaches the relations the issue names, in every app.
    names = {_id(case) for case in CROSSABLE}
    for expected in [
        "members.BoardSeat.person",
        "members.BoardSeat.appointed_by",
        "members.Auditor.appointed_by",
        "members.GroupMembership.member",
        "budgets.BudgetLine.members",
        "budgets.BudgetLine.initiative",
        "initiatives.Initiative.members",
        "initiatives.Decision.meeting",
        "initiatives.Goal.initiative",
        "budgets.BudgetAmount.column",
        "reports.ReportSection.initiative",
    ]:
        assert expected in names


def _association_of(row) -> int:
    model = type(row)
    return model._base_manager.filter(pk=row.pk).values_list(model.tenant_path, flat=True)[0]


def _outside(field, association_id):
    """A row `field` may not name from `association_id`: another association's row, or an
    organisation that is no member of it."""
    target = field.related_model
    if target is Member:
        return Member.objects.exclude(memberships__association=association_id).first()
    path = target.tenant_path
    found = target._base_manager.exclude(**{path: association_id}).order_by("pk").first()
    if found is None and path == "association":
        # Only one association has such rows (exit reasons): a copy moved to another one.
        found = target._base_manager.order_by("pk").first()
        if found is not None:
            found.pk = None
            found.association = Association.objects.exclude(pk=association_id).first()
            found.save()
    return found


def _crossing_case(model, field):
    """(row of `model` in some association, a target outside that association)."""
    seen = set()
    for row in model._base_manager.order_by("pk").iterator():
        association_id = _association_of(row)
        if association_id in seen:
            continue
        seen.add(association_id)
        target = _outside(field, association_id)
        if target is not None:
            return row, target
    # No stored row to change: a new one, placed in an association through its first hop.
    root = model._meta.get_field(_root(model))
    for parent in root.related_model._base_manager.order_by("pk").iterator():
        association_id = _association_of(parent)
        target = _outside(field, association_id)
        if target is not None:
            return model(**{root.name: parent}), target
    pytest.fail(f"the demo data has nothing to cross {_id((model, field))} with")


def _refused_for(error: ValidationError, field) -> str:
    messages = error.message_dict.get(field.name, [])
    found = [m for m in messages if "samordningsförbund" in m or "inte medlem" in m]
    assert found, error.message_dict
    assert str(field.verbose_name).lower() in found[0].lower()
    return found[0]


FOREIGN_KEYS = [case for case in CROSSABLE if not case[1].many_to_many]
MANY = [case for case in CROSSABLE if case[1].many_to_many]


@pytest.mark.parametrize("case", FOREIGN_KEYS, ids=_id)
def test_full_clean_refuses_a_link_into_another_association(case):
    model, field = case
    row, target = _crossing_case(model, field)
    setattr(row, field.name, target)
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    _refused_for(refused.value, field)


@pytest.mark.parametrize("case", FOREIGN_KEYS, ids=_id)
def test_save_refuses_a_link_into_another_association(case):
    model, field = case
    row, target = _crossing_case(model, field)
    if row.pk is None:
        pytest.skip("only a stored row is changed and saved here")
    setattr(row, field.name, target)
    with pytest.raises(ValidationError) as refused:
        row.save()
    _refused_for(refused.value, field)


@pytest.mark.parametrize("case", FOREIGN_KEYS, ids=_id)
def test_a_field_the_form_lacks_is_refused_for_the_whole_form(case):
    """The back office's forms validate with their missing fields excluded; an error on one
    of them would be an error page, so it is the whole form's."""
    model, field = case
    row, target = _crossing_case(model, field)
    setattr(row, field.name, target)
    with pytest.raises(ValidationError) as refused:
        row.full_clean(exclude=[field.name])
    assert any(
        str(field.verbose_name).lower() in m.lower()
        for m in refused.value.message_dict.get(NON_FIELD_ERRORS, [])
    )


@pytest.mark.parametrize("case", MANY, ids=_id)
def test_many_to_many_refuses_a_link_into_another_association(case):
    model, field = case
    row, target = _crossing_case(model, field)
    if row.pk is None:
        pytest.skip("the demo data has no stored row to link")
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        getattr(row, field.name).add(target)
    _refused_for(refused.value, field)
    if not field.remote_field.hidden:  # from the other side too
        reverse = field.remote_field.get_accessor_name()
        with pytest.raises(ValidationError), transaction.atomic():
            getattr(target, reverse).add(row)
    # Written past the signals (a bulk write): full_clean and the association's check see it.
    through = field.remote_field.through
    through._base_manager.bulk_create(
        [through(**{field.m2m_field_name(): row, field.m2m_reverse_field_name(): target})]
    )
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    _refused_for(refused.value, field)
    assert (model, field.name, row.pk) in crossing_rows(_association_of(row), [model])


def test_the_demo_associations_stay_inside_themselves():
    for association in Association.objects.all():
        assert crossing_rows(association.pk) == [], association.slug
        refuse_crossing(association.pk)


# Through the services -----------------------------------------------------------------------


@pytest.fixture
def finnveden():
    return Association.objects.get(slug="finnveden")


@pytest.fixture
def vaxjo():
    return Association.objects.get(slug="vaxjo")


def _vaxjo_kommun(finnveden, vaxjo) -> Member:
    return Member.objects.filter(memberships__association=vaxjo).exclude(
        memberships__association=finnveden
    )[0]


def test_a_vaxjo_person_appointed_by_vaxjo_is_refused_onto_finnvedens_board(finnveden, vaxjo):
    from members.services import board_seat_save

    person = Person.objects.filter(association=vaxjo).first()
    appointer = _vaxjo_kommun(finnveden, vaxjo)
    seat = BoardSeat(
        association=finnveden,
        person=person,
        appointed_by=appointer,
        kind="ordinary",
        start=date(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as refused:
        board_seat_save(seat=seat)
    assert set(refused.value.message_dict) >= {"person", "appointed_by"}
    assert not BoardSeat.objects.filter(association=finnveden, person=person).exists()


def test_an_initiative_takes_only_the_associations_members(finnveden, vaxjo):
    from initiatives.services import InitiativeFacts, initiative_create

    own = list(Member.objects.filter(memberships__association=finnveden)[:2])
    facts = InitiativeFacts(name="Över gränsen", members=[*own, _vaxjo_kommun(finnveden, vaxjo)])
    with pytest.raises(ValidationError):
        initiative_create(association=finnveden, facts=facts)


def test_a_budget_line_takes_only_the_associations_initiative(finnveden, vaxjo):
    from budgets.models import BudgetLine, DocumentStatus, LineKind
    from budgets.services.structure import line_update
    from initiatives.models import Initiative

    line = BudgetLine.objects.filter(
        document__association=finnveden,
        document__status=DocumentStatus.DRAFT,
        kind=LineKind.INITIATIVE,
    ).first()
    if line is None:
        pytest.skip("no draft initiative line in the demo")
    foreign = Initiative.objects.filter(association=vaxjo).first()
    with pytest.raises(ValidationError):
        line_update(
            line=line, label=line.label, footnote_numbers=[], user=None, initiative_id=foreign.pk
        )


def test_a_report_section_takes_only_the_associations_initiative(finnveden, vaxjo):
    from initiatives.models import Initiative
    from reports.models import Report
    from reports.services import section_save

    report = Report.objects.filter(association=finnveden).first()
    foreign = Initiative.objects.filter(association=vaxjo).first()
    with pytest.raises(ValidationError) as refused:
        section_save(
            report=report,
            version=report.version,
            section=None,
            values={"heading": "Över gränsen", "initiative": foreign},
        )
    assert "initiative" in refused.value.message_dict


# The back office -----------------------------------------------------------------------------


@pytest.fixture
def operator(client):
    root = get_user_model().objects.create_superuser("operator", password="pw-test-123")
    client.force_login(root)
    return client


def test_the_back_office_refuses_an_auditor_appointed_by_a_non_member(operator, finnveden, vaxjo):
    from members.models import Auditor

    before = Auditor.objects.count()
    response = operator.post(
        reverse("admin:members_auditor_add"),
        {
            "association": finnveden.pk,
            "firm": "Revisorerna AB",
            "appointed_by": [_vaxjo_kommun(finnveden, vaxjo).pk],
            "kind": "ordinary",
            "start": "2025-01-01",
        },
    )
    assert response.status_code == 200
    assert "inte medlem i" in response.content.decode()
    assert Auditor.objects.count() == before


def test_the_back_office_refuses_a_vaxjo_person_on_finnvedens_board(operator, finnveden, vaxjo):
    person = Person.objects.filter(association=vaxjo).first()
    response = operator.post(
        reverse("admin:members_boardseat_add"),
        {
            "association": finnveden.pk,
            "person": person.pk,
            "appointed_by": _vaxjo_kommun(finnveden, vaxjo).pk,
            "kind": "ordinary",
            "position": "",
            "start": "2025-01-01",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "hör till ett annat samordningsförbund" in page
    assert "inte medlem i" in page
    assert not BoardSeat.objects.filter(association=finnveden, person=person).exists()


def test_the_back_office_offers_only_the_associations_rows_on_an_existing_row(operator, vaxjo):
    from members.models import Auditor

    auditor = Auditor.objects.filter(association=vaxjo).first()
    response = operator.get(reverse("admin:members_auditor_change", args=[auditor.pk]))
    offered = set(response.context["adminform"].form.fields["appointed_by"].queryset)
    assert offered == set(Member.objects.filter(memberships__association=vaxjo))


def test_a_save_of_some_fields_is_checked_when_they_hold_a_link():
    seat = BoardSeat.objects.order_by("pk").first()
    seat.person = Person.objects.exclude(association=seat.association_id).first()
    with pytest.raises(ValidationError, match="annat samordningsförbund"):
        seat.save(update_fields=["person"])
    with pytest.raises(ValidationError, match="annat samordningsförbund"):
        seat.save(update_fields=["person_id"])
