"""What apps above initiatives show on an initiative's page (budgets: the budget lines that
name it). Each registers a panel from its AppConfig.ready: a template and the context it
needs, so initiatives neither queries their tables nor links to their pages."""

from collections.abc import Callable
from dataclasses import dataclass

from initiatives.models import Initiative


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[[Initiative], dict]


PANELS: list[Panel] = []


def register_panel(panel: Panel) -> None:
    PANELS.append(panel)


@dataclass(frozen=True)
class ShownPanel:
    template: str
    context: dict


def panels_for(initiative: Initiative) -> list[ShownPanel]:
    return [ShownPanel(panel.template, panel.context(initiative)) for panel in PANELS]
