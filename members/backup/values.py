"""Field values as JSON and back, exactly: amounts as decimal strings, times to the microsecond."""

import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} kan inte skrivas som JSON")


def dumps(data: Any) -> str:
    return json.dumps(data, default=_plain, ensure_ascii=False, separators=(",", ":"))


def decoded(field: models.Field, value: Any) -> Any:
    """`value` as read from the file, made the field's Python value; refuses a bad one."""
    if value is None:
        return None
    try:
        return field.to_python(value)
    except (ValidationError, ValueError, TypeError) as error:
        message = error.messages[0] if isinstance(error, ValidationError) else str(error)
        raise ValueError(f"{field.model._meta.label_lower}.{field.attname}: {message}") from error
