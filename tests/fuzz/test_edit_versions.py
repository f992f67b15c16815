"""No lost update: every form that edits stored data carries the version it read, and a save
from a page read before someone else's is refused and changes nothing.

The forms are the fuzz catalogue's (every POST form of every page, found from the URL
resolver and the pages, catalogue.py), so a new editing form is checked without a change
here: one posting without a version field fails the first test unless it is listed below
with the reason; one whose view ignores the version it posts fails the second.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from tests.fuzz.catalogue import FILE, FormSpec, routes
from tests.fuzz.guard import exchange
from tests.http_session import posted_forms

pytestmark = pytest.mark.django_db

# How a form names the version it read: a counter (`version`); in the budget grid, its
# follow-up and the structure page's ordering, the stored value the form showed (`was`...);
# in a budget file's preview, the budget as the preview read it (`basis`).
VERSION_FIELD = re.compile(r"^(version|was|was_\w+|basis)$")
STALE = re.compile(r"någon annan|har ändrats", re.IGNORECASE)

# Forms posting no version, and why none is needed. Keep this short: a form that changes a
# stored row belongs here only if nothing it shows can have been changed by someone else.
NO_VERSION = {
    # Creating: a new row, nothing stored yet that another person could have changed.
    "initiatives:new": "skapar en ny insats",
    "budgets:comment_add": "skriver en ny kommentar eller ett svar; ändrar inget lagrat",
    "initiatives:association_goal_add": "skapar ett nytt mål",
    "initiatives:goal_add": "skapar ett nytt mål",
    "initiatives:decision_add": "registrerar ett nytt beslut (reglerna prövas under lås)",
    "initiatives:follow_up_add": "skapar en ny uppföljningsperiod",
    "initiatives:status": "ett steg i livscykeln, prövat mot nuvarande status under lås",
    "budgets:new": "skapar en ny budget",
    "budgets:new_from": "skapar en ny budget utifrån en tidigare, som bara läses",
    "budgets:line_add": "lägger till en rad",
    "budgets:columns": "lägger till eller tar bort en kolumn (inget värde att skriva över)",
    "budgets:adopt": "fastställer; ett fastställt utkast kan inte fastställas igen",
    "reports:create": "skapar en ny rapport",
    "budgets:footnotes": "formuläret för en ny fotnot (de sparade har version)",
    "budgets:sections": "formuläret för ett nytt avsnitt (de sparade har version)",
    "members:funding_year_new": "lägger till ett finansieringsår",
    "members:membership_new": "lägger till ett medlemskap (och kanske en ny organisation)",
    "members:import_decide": "beslut om en förhandsgranskad import (prövas mot den)",
    "members:board_seat_new": "utser till en ny styrelseplats (reglerna prövas under lås)",
    "members:auditor_new": "lägger till ett nytt revisorsuppdrag",
    "members:office_post_new": "lägger till en ny tjänst i kansliet",
    # Roles: granted or taken away whole, no value typed over another's.
    "members:user_roles": "lägger till en användare med en roll",
    "members:user_role_update": "tar bort en roll",
    "members:invitation_new": "skickar en ny inbjudan",
    "members:invitation_remove": "drar tillbaka en inbjudan; en redan antagen vägras under lås",
    # Work in the background that writes a file and changes nothing stored.
    "members:association_export": "gör en exportfil av förbundet; ändrar inget lagrat",
}


def _stale(name: str, value: str) -> str:
    """A version someone else's save has since replaced (a counter one higher, another
    stored value than the one the page showed)."""
    if name == "version" or value.isdigit() or not value:
        return str(int(value) + 1) if value.isdigit() else "1"
    return f"{value} (ändrad av någon annan)"


def _editing_forms(catalogue) -> list[tuple[str, FormSpec]]:
    """Forms that post fields other than files (uploads have their own previews)."""
    return [
        (name, spec)
        for name, specs in sorted(catalogue.forms.items())
        for spec in specs
        if spec.fields and not any(FILE in values for values in spec.fields.values())
    ]


def test_every_editing_form_carries_the_version_it_read(catalogue):
    unversioned = sorted(
        {
            f"{name} ({', '.join(sorted(spec.fields))})"
            for name, spec in _editing_forms(catalogue)
            if name not in NO_VERSION
            and name.split(":")[0] in {"members", "initiatives", "budgets", "reports"}
            and not any(VERSION_FIELD.match(field) for field in spec.fields)
        }
    )
    assert not unversioned, "forms that edit stored data without the version they read:\n" + (
        "\n".join(unversioned)
    )
    # An exception for a form that no longer exists is an exception nobody needs.
    assert set(NO_VERSION) <= set(catalogue.forms), set(NO_VERSION) - set(catalogue.forms)


def _versioned_forms(client) -> list[tuple[str, dict[str, list[str]]]]:
    """(action, fields) of every versioned POST form of every page, as the page fills it
    in (read now: the samples' objects of the catalogue's reading are gone)."""
    found = []
    for route in routes():
        url = route.url()
        if url is None:
            continue
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for action, fields in posted_forms(response.content.decode()):
            if any(VERSION_FIELD.match(name) for name in fields):
                found.append((urlsplit(urljoin(url, action)).path, fields))
    return found


def test_a_form_posted_with_a_stale_version_is_refused_and_changes_nothing(fuzz_client):
    """Each form is posted as its page filled it in, once with the versions it read (rolled
    back) and once with stale ones. A form the page fills in too little to save (a blank form
    for new figures) says nothing about its version check, and is left out."""
    lost, checked = [], 0
    for action, fields in _versioned_forms(fuzz_client):
        data = {name: values for name, values in fields.items() if name != "csrfmiddlewaretoken"}
        if exchange(fuzz_client, "POST", action, data).refused:
            continue
        for name in [name for name in data if VERSION_FIELD.match(name)]:
            data[name] = [_stale(name, (data[name] or [""])[0])]
        sent = exchange(fuzz_client, "POST", action, data)
        shown = sent.text + " ".join(text for _tag, text in sent.messages)
        checked += 1
        if sent.changed or not sent.refused or not STALE.search(shown):
            lost.append(sent.describe())
    assert checked > 20, f"only {checked} forms could be checked"
    assert not lost, "a stale save was taken (or refused without saying why):\n" + "\n".join(lost)
