"""Structured logs: one JSON object per line, per request and per background task.

Each line says what happened, in which association, for which user id and how long it took;
nothing else about the person (no name, address, query string or form data), so the logs
can be kept and searched without holding personal data beyond an id.
"""

import json
import logging
import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponseBase

request_log = logging.getLogger("finsam.requests")
task_log = logging.getLogger("finsam.tasks")


class JsonFormatter(logging.Formatter):
    """The record's `event` (a dict given as `extra`) with its time, level and logger."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
        }
        line.update(getattr(record, "event", None) or {"message": record.getMessage()})
        return json.dumps(line, ensure_ascii=False, default=str)


def log_event(logger: logging.Logger, level: int, **event: Any) -> None:
    logger.log(level, event.get("event", ""), extra={"event": event})


class RequestLogMiddleware:
    """Logs every request once it is answered: method, path without query string, status,
    duration, association and user id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.monotonic()
        response = self.get_response(request)
        tenant = getattr(request, "tenant", None)
        user = getattr(request, "user", None)
        log_event(
            request_log,
            logging.INFO,
            event="request",
            method=request.method,
            path=request.path,
            status=response.status_code,
            duration_ms=round((time.monotonic() - started) * 1000, 1),
            association=tenant.association.slug if tenant else None,
            user_id=user.pk if user is not None and user.is_authenticated else None,
        )
        return response
