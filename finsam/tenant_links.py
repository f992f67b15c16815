"""One association's rows never point into another's.

Every link from an association's row (a model with a `tenant_path`) is checked here, found in
the model's `_meta` rather than listed, so a relation a later app adds is checked without a
change here:

- a link to another association-owned row (a board seat's person, a budget line's initiative)
  must reach the same association along the target's `tenant_path`;
- a link to a shared row that declares `shared_path` (a member organisation, which several
  associations share) must reach this association along it: the organisation must be a member
  of this association (have a membership, of any dates: old documents name former members);
- links to other shared rows (users) are not checked: a user is not anybody's data.

The link that *places* the row in its association (the first hop of `tenant_path`) and the link
that makes the shared row belong (a membership's member) are what the others are checked
against, so they are not checked themselves.

The checks run in `full_clean()` (`TenantOwned`, shared by the owned models: the back office's
forms, services and imports all validate), again in `save()` unless the same links were just
validated, on every many-to-many add (`m2m_changed`), and over a whole association at once
(`crossing_rows`) where rows are bulk-written (restore, account imports).

No database constraint holds this: Django has no composite foreign keys, a check constraint
cannot look into another table, and a trigger per relation would be SQL to keep in step with
every new relation by hand, on PostgreSQL only. The model layer, which every write path here
passes through, is the one place that sees every relation.
"""

from collections.abc import Iterable
from functools import cache
from typing import Any

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models.signals import m2m_changed, pre_save
from django.utils.translation import gettext as _

Link = models.ForeignKey | models.OneToOneField | models.ManyToManyField


def is_owned(model: object) -> bool:
    return hasattr(model, "tenant_path")


def is_shared(model: object) -> bool:
    return hasattr(model, "shared_path")


def _inside_path(target: type[models.Model]) -> str:
    """The lookup from a row of `target` to the association(s) it is inside."""
    if is_owned(target):
        return target.tenant_path  # type: ignore[attr-defined]
    return target.shared_path  # type: ignore[attr-defined]


def _root_field(model: type[models.Model]) -> str | None:
    path = model.tenant_path  # type: ignore[attr-defined]
    return None if path == "pk" else path.split("__")[0]


def _is_placing(model: type[models.Model], field: Any) -> bool:
    """The link that makes a shared row belong to an association (a membership's member)."""
    target = field.related_model
    hop = target.shared_path.split("__")[0]
    return target._meta.get_field(hop).remote_field is field


@cache
def checked_links(model: Any) -> tuple[Any, ...]:
    """The forward links of an owned `model` that must stay inside its association (read
    once per model: it runs on every save)."""
    if not is_owned(model):
        return ()
    root = _root_field(model)
    found = []
    for field in model._meta.get_fields():
        if not (field.is_relation and field.concrete and not field.auto_created):
            continue
        if not (field.many_to_one or field.one_to_one or field.many_to_many):
            continue
        if field.name == root:
            continue
        target = field.related_model
        if is_owned(target) or (is_shared(target) and not _is_placing(model, field)):
            found.append(field)
    return tuple(found)


def association_id_of(instance: models.Model) -> Any:
    """The id of the association `instance` belongs to, or None while it belongs to none."""
    path = type(instance).tenant_path  # type: ignore[attr-defined]
    if path == "pk":
        return instance.pk
    hops = path.split("__")
    current: Any = instance
    for hop in hops[:-1]:
        field = current._meta.get_field(hop)
        if getattr(current, field.attname) is None:
            return None
        try:
            current = getattr(current, hop)
        except field.related_model.DoesNotExist:
            return None
    return getattr(current, current._meta.get_field(hops[-1]).attname)


def _belongs(target: type[models.Model], pks: Iterable[Any], association_id: Any) -> set:
    """Those of `pks` (rows of `target`) that are inside the association."""
    pks = {pk for pk in pks if pk is not None}
    if not pks:
        return set()
    path = _inside_path(target)
    if path == "pk":
        return {pk for pk in pks if pk == association_id}
    rows = target._base_manager.filter(pk__in=pks, **{path: association_id})
    return set(rows.values_list("pk", flat=True).distinct())


def _message(model: type[models.Model], field: Any, targets: list, association_id: Any) -> str:
    label = str(field.verbose_name)
    tenant = next(m for m in apps.get_models() if getattr(m, "tenant_path", None) == "pk")
    name = str(tenant._base_manager.filter(pk=association_id).first() or association_id)
    names = ", ".join(str(t) for t in targets)
    if is_shared(field.related_model):
        return _("%(field)s: %(targets)s är inte medlem i %(association)s.") % {
            "field": label.capitalize(),
            "targets": names,
            "association": name,
        }
    return _("%(field)s: %(targets)s hör till ett annat samordningsförbund än %(association)s.") % {
        "field": label.capitalize(),
        "targets": names,
        "association": name,
    }


def _outside(field: Any, pks: Iterable[Any], association_id: Any) -> list:
    pks = [pk for pk in pks if pk is not None]
    inside = _belongs(field.related_model, pks, association_id)
    # A target that does not exist at all is the foreign key's own error, not this one.
    missing = [pk for pk in pks if pk not in inside]
    return list(field.related_model._base_manager.filter(pk__in=missing)) if missing else []


def link_errors(instance: models.Model, *, with_many: bool = True) -> dict[str, list[str]]:
    """Field name -> messages, for each link of `instance` that leaves its association.

    Many-to-many links are read from the database, so only a saved row has any to check."""
    association_id = association_id_of(instance)
    if association_id is None:
        return {}
    model = type(instance)
    errors: dict[str, list[str]] = {}
    for field in checked_links(model):
        if field.many_to_many:
            if not with_many or instance.pk is None:
                continue
            pks = list(getattr(instance, field.name).values_list("pk", flat=True))
        else:
            pks = [getattr(instance, field.attname)]
        outside = _outside(field, pks, association_id)
        if outside:
            errors[field.name] = [_message(model, field, outside, association_id)]
    return errors


def many_errors(instance: models.Model, field: Any, pks: Iterable[Any]) -> list[str]:
    """What is wrong with linking `instance` through the many-to-many `field` to `pks`."""
    association_id = association_id_of(instance)
    if association_id is None:
        return []
    outside = _outside(field, pks, association_id)
    return [_message(type(instance), field, outside, association_id)] if outside else []


def check_many(instance: models.Model, field: Any, pks: Iterable[Any]) -> None:
    """Refuse to link `instance` through the many-to-many `field` to rows outside its
    association."""
    errors = many_errors(instance, field, pks)
    if errors:
        raise ValidationError({field.name: errors})


def inside_rows(field: Any, association_id: Any) -> models.QuerySet:
    """The rows `field` may name from a row of the association."""
    target = field.related_model
    return target._base_manager.filter(**{_inside_path(target): association_id}).distinct()


def _fingerprint(instance: models.Model) -> tuple:
    return tuple(
        getattr(instance, f.attname) for f in checked_links(type(instance)) if not f.many_to_many
    ) + (association_id_of(instance),)


class TenantOwned(models.Model):
    """Shared by the association-owned models: `full_clean()` refuses a link that leaves the
    row's association, next to the field when the form has it, else for the whole form."""

    class Meta:
        abstract = True

    def full_clean(
        self,
        exclude: Iterable[str] | None = None,
        validate_unique: bool = True,
        validate_constraints: bool = True,
    ) -> None:
        excluded = set(exclude or ())
        errors: dict = {}
        try:
            super().full_clean(exclude, validate_unique, validate_constraints)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name, messages in link_errors(self).items():
            key = NON_FIELD_ERRORS if name in excluded else name
            errors.setdefault(key, []).extend(messages)
        if errors:
            raise ValidationError(errors)
        self._tenant_links_checked = _fingerprint(self)


def _check_on_save(
    sender: type[models.Model], instance: models.Model, raw: bool, update_fields: Any, **_: Any
):
    """The last line: a row saved without `full_clean()` is still checked."""
    links = checked_links(sender)
    if raw or not links:
        return
    if update_fields is not None:
        moved = [_root_field(sender)] + [n for f in links for n in (f.name, f.attname)]
        root = sender._meta.get_field(moved[0]) if moved[0] else None
        if root is not None:
            moved.append(getattr(root, "attname", root.name))
        if not set(moved) & set(update_fields):
            return  # a save of other fields (an order, a version) cannot move a link
    if getattr(instance, "_tenant_links_checked", None) == _fingerprint(instance):
        return
    errors = link_errors(instance, with_many=False)
    if errors:
        raise ValidationError(errors)


def _check_many_added(
    sender: Any, instance: models.Model, action: str, reverse: bool, model: Any, pk_set: Any, **_
):
    if action != "pre_add" or not pk_set:
        return
    for owner, field in _many_links():
        if field.remote_field.through is not sender:
            continue
        if not reverse:
            check_many(instance, field, pk_set)
            return
        # Added from the other side (member.initiative_set.add(...)): check each owner row.
        for row in owner._base_manager.filter(pk__in=pk_set):
            check_many(row, field, [instance.pk])
        return


@cache
def _many_links() -> tuple[tuple[type[models.Model], Any], ...]:
    return tuple(
        (model, field)
        for model in apps.get_models()
        for field in checked_links(model)
        if field.many_to_many
    )


def crossing_rows(association_id: Any, only: Iterable[type[models.Model]] | None = None) -> list:
    """(model, field name, row pk) for every row of the association whose link leaves it:
    the check of a whole association at once, for rows written in bulk."""
    models_ = list(only) if only is not None else [m for m in apps.get_models() if is_owned(m)]
    found = []
    for model in models_:
        path = model.tenant_path  # type: ignore[attr-defined]
        rows = model._base_manager.filter(**{path: association_id})
        for field in checked_links(model):
            target = field.related_model
            inside = _inside_path(target)
            if field.many_to_many:
                # Per link row: excluding through the relation would pass a row with one
                # member inside and another outside.
                targets = target._base_manager.filter(**{inside: association_id})
                owner, other = field.m2m_field_name(), field.m2m_reverse_field_name()
                crossing = (
                    field.remote_field.through._base_manager.filter(**{f"{owner}__in": rows})
                    .exclude(**{f"{other}__in": targets})
                    .values_list(owner, flat=True)
                    .distinct()
                )
            else:
                through = f"{field.name}__{inside}" if inside != "pk" else field.name
                crossing = (
                    rows.filter(**{f"{field.name}__isnull": False})
                    .exclude(**{through: association_id})
                    .values_list("pk", flat=True)
                    .distinct()
                )
            found += [(model, field.name, pk) for pk in crossing]
    return found


def connect() -> None:
    for model in apps.get_models():
        if checked_links(model):
            pre_save.connect(_check_on_save, sender=model, dispatch_uid=f"tenant_links_{model}")
    for _owner, field in _many_links():
        m2m_changed.connect(
            _check_many_added,
            sender=field.remote_field.through,
            dispatch_uid=f"tenant_links_m2m_{field.remote_field.through}",
        )


def refuse_crossing(association_id: Any, only: Iterable[type[models.Model]] | None = None) -> None:
    """Raise ValidationError if any row of the association (of `only`) links outside it."""
    crossing = crossing_rows(association_id, only)
    if crossing:
        model, name, pk = crossing[0]
        raise ValidationError(
            _("%(count)s rader pekar utanför förbundet, första %(table)s %(pk)s, fältet %(field)s.")
            % {"count": len(crossing), "table": model._meta.label_lower, "pk": pk, "field": name}
        )
