"""Saving a model instance the one way this project does: validate fully, then save."""

from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def saved(instance: M) -> M:
    """`instance` after `full_clean()` and `save()`; a broken rule raises ValidationError."""
    instance.full_clean()
    instance.save()
    return instance
