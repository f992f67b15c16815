"""Exceptions every app's services share."""

from typing import Any


class StaleEditError(Exception):
    """Someone else saved the same thing after this form was opened.

    The save is refused instead of silently overwriting; `current` is what is stored now, so
    the page can show it.
    """

    def __init__(self, message: str, current: Any = None) -> None:
        super().__init__(message)
        self.current = current
