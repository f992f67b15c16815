"""One request of the fuzz suite, and what must hold for it.

Every request runs in a savepoint that is rolled back afterwards, so each example starts from
the demo data. What must hold:

- no 500 (any status below 500 is an answer);
- input that is refused says so (a 4xx status, an error message, a form error, or a JSON
  "error"), and nothing is written: the tables of the application's apps, compared by a
  digest of every row, are as they were, and no imported file was kept;
- a form's page answering 200 to a POST without changing anything shows a message.
A GET that is answered may write (a download may be logged); a refused one may not.

The digest is computed only when the request wrote to the database at all (every statement
is watched); then it is taken once after the request and once after the rollback, which restores
exactly the state before it.
"""

import copy
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection, transaction

APPS = {"members", "initiatives", "budgets", "reports", "auth", "otp_totp", "otp_static"}
# Fields that record activity rather than content: signing in, and django-otp's count of
# wrong codes (which a refused code is meant to raise).
ACTIVITY = {
    "last_login",
    "throttling_failure_timestamp",
    "throttling_failure_count",
    "last_used_at",
}
WRITE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?P<table>"?\w+"?)', re.IGNORECASE
)
ERROR_MARK = re.compile(r'class="[^"]*\b(error|errorlist)\b|role="alert"')
SUCCESS_TAGS = {"success", "info"}


def _tables() -> list[tuple[str, str]]:
    """(table, SELECT of its content columns ordered by key) for the application's tables."""
    quote = connection.ops.quote_name
    found = []
    models = apps.get_models(include_auto_created=True)  # many-to-many tables too
    for model in sorted(models, key=lambda m: m._meta.db_table):
        meta = model._meta
        if meta.app_label not in APPS or meta.proxy or not meta.managed:
            continue
        columns = [quote(f.column) for f in meta.concrete_fields if f.attname not in ACTIVITY]
        order = quote(meta.pk.column)
        select = f"SELECT {', '.join(columns)} FROM {quote(meta.db_table)} ORDER BY {order}"
        found.append((meta.db_table, select))
    return found


TABLES: list[tuple[str, str]] = []


def digest() -> str:
    """A hash of every row of the application's tables (activity fields left out); plain SQL,
    since it runs twice for every example that writes."""
    TABLES[:] = TABLES or _tables()
    hasher = hashlib.sha256()
    with connection.cursor() as cursor:
        for table, select in TABLES:
            cursor.execute(select)
            hasher.update(f"{table}:{cursor.fetchall()!r}".encode())
    return hasher.hexdigest()


class _WriteWatch:
    """Sees every statement the connection runs (no query log, so no limit) and notes one
    that writes to the application's tables."""

    def __init__(self) -> None:
        TABLES[:] = TABLES or _tables()
        self.names = {table for table, _select in TABLES}
        self.wrote = False

    def __call__(self, execute, sql, params, many, context):
        found = None if self.wrote else WRITE.match(sql)
        if found and found["table"].strip('"`') in self.names:
            self.wrote = True
        return execute(sql, params, many, context)


def kept_files() -> set[Path]:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    if not folder.exists():
        return set()
    return {p for p in folder.rglob("*") if p.is_file() and "incoming" not in p.parts}


@dataclass
class Exchange:
    """A request, its answer, and whether it changed anything."""

    method: str
    url: str
    data: dict
    response: object
    changed: bool
    new_files: set

    @property
    def messages(self) -> list[tuple[str, str]]:
        return [(m.level_tag, str(m)) for m in get_messages(self.response.wsgi_request)]

    @property
    def text(self) -> str:
        kind = self.response.get("Content-Type", "")
        if "html" not in kind and "json" not in kind:
            return ""
        return self.response.content.decode(errors="replace")

    @property
    def refused(self) -> bool:
        """The answer says the input was not taken."""
        if self.response.status_code >= 400:
            return True
        if any(tag == "error" for tag, _text in self.messages):
            return True
        return self.response.status_code == 200 and bool(ERROR_MARK.search(self.text))

    @property
    def says_something(self) -> bool:
        # A file handed over (an export made at once) is the answer itself.
        handed_over = "attachment" in self.response.get("Content-Disposition", "")
        return (
            bool(self.messages)
            or bool(ERROR_MARK.search(self.text))
            or self._json_answer
            or handed_over
        )

    @property
    def _json_answer(self) -> bool:
        """A JSON answer with an error, or one that confirms ("ok") what the page shows."""
        if "json" not in self.response.get("Content-Type", ""):
            return False
        answer = json.loads(self.response.content)
        return "error" in answer or answer.get("ok") is True

    def describe(self) -> str:
        shown = {k: (v if len(str(v)) < 80 else f"{str(v)[:80]}…") for k, v in self.data.items()}
        return f"{self.method} {self.url} {shown} -> {self.response.status_code}"


def watched(action):
    """Run `action` in a savepoint rolled back afterwards: its result, and whether it changed
    the application's tables."""
    watch = _WriteWatch()
    with transaction.atomic():
        with connection.execute_wrapper(watch):
            result = action()
        after = digest() if watch.wrote else None
        transaction.set_rollback(True)
    return result, after is not None and digest() != after


def exchange(client, method: str, url: str, data: dict | None = None) -> Exchange:
    """Send one request in a savepoint rolled back afterwards (cookies restored too)."""
    cookies = copy.deepcopy(client.cookies)
    files_before = kept_files()
    send = client.post if method == "POST" else client.get
    response, changed = watched(lambda: send(url, data or {}))
    client.cookies = cookies
    return Exchange(method, url, data or {}, response, changed, kept_files() - files_before)


def check(sent: Exchange, *, form_page: bool = False) -> None:
    status = sent.response.status_code
    assert status < 500, f"server error: {sent.describe()}"
    if sent.refused:
        assert not sent.changed, f"refused but written: {sent.describe()}"
        assert not sent.new_files, f"refused but a file kept: {sent.describe()}"
        if status in (200, 302, 400, 409):
            assert sent.says_something, f"refused without a message: {sent.describe()}"
    elif form_page and status == 200 and sent.method == "POST" and not sent.changed:
        assert sent.says_something, f"nothing saved and nothing said: {sent.describe()}"
