"""Field values as JSON and back, exactly: amounts as decimal strings, times to the
microsecond, binary data as base64."""

import base64
import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import models


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):  # BinaryField: base64, as Django serialises it
        return base64.b64encode(bytes(value)).decode("ascii")
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
