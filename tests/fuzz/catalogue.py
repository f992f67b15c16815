"""What the fuzz suite sends things to, found without a list kept by hand.

- Routes: every URL pattern of the project (the URL resolver, walked as the access sweep walks
  it), except Django's own admin. A new view, such as the reports' pages, is fuzzed as soon as
  its URL exists; an association URL with arguments gets them from the access sweep's samples
  (`tests/access_samples*.py`), which the sweep already insists on.
- Forms: every page is fetched once as an admin of the home association and its HTML forms are
  read: action, fields, the values the page offers (hidden values, options, buttons). A form
  posts to a route; the fuzzer starts from those values and breaks them.
- Query parameters: the names of GET forms' fields and of links' query strings on the pages,
  plus the names views are known to read.
"""

import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import NoReverseMatch, Resolver404, get_resolver, resolve, reverse

from finsam.models import Association
from tests.test_access_sweep import SAMPLES, _walk

HOME = "finnveden"
# Pages are also read in Växjö, the demo association with books (its chart of accounts has
# a form per account); the fuzzer posts each form to its own association.
ALSO_READ = ["vaxjo"]


class _FileInput:
    """The value of a file input: the fuzzer sends bytes. One object, compared by identity,
    and pickled by name so that a catalogue read by another process (-n) holds the same."""

    def __reduce__(self) -> str:
        return "FILE"


FILE = _FileInput()
# Endpoints that only JavaScript posts to have no HTML form; their fields, and where the page
# keeps the values (data attributes of the grid's inputs).
SCRIPT_FORMS = {
    "budgets:cell": {
        "line": "data-line",
        "column": "data-column",
        "was": "data-stored",
        "value": "value",
        "enhet": None,
        "kostnader": None,
    },
}
# Query names views read that no page offers as a link (pagination beyond a first page).
KNOWN_QUERY_NAMES = {"sida", "next"}
# A page slower than this (a PDF) is fuzzed with fewer examples, to keep the suite's time.
SLOW_SECONDS = 0.4
ARGUMENT = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class Route:
    name: str
    template: str  # e.g. "<slug:association>/finansiering/<int:year>/"

    @property
    def arguments(self) -> list[tuple[str, str]]:
        """(name, converter) of each argument in the path."""
        return [(m["name"], m["converter"] or "str") for m in ARGUMENT.finditer(self.template)]

    def url(self, association: Association | None = None) -> str | None:
        """A real URL of the route (in the home association unless another is given); None
        when it needs arguments no sample gives."""
        kwargs = {}
        if "<slug:association>" in self.template:
            association = association or Association.objects.get(slug=HOME)
            extra = SAMPLES[self.name](association) if self.name in SAMPLES else {}
            kwargs = {"association": association.slug, **extra}
        try:
            return reverse(self.name, kwargs=kwargs)
        except NoReverseMatch:  # arguments no sample gives (a password-reset link's token)
            return None

    def with_arguments(self, values: dict[str, str]) -> str:
        """The path with the arguments replaced by any text (no converter's check)."""
        return "/" + ARGUMENT.sub(lambda m: values[m["name"]], self.template)


def routes() -> list[Route]:
    found = {}
    for name, route, _callback in _walk(get_resolver().url_patterns):
        if not route.startswith("admin/"):
            found.setdefault(name, Route(name, route))
    return sorted(found.values(), key=lambda r: r.name)


@dataclass
class FormSpec:
    """One HTML form: where it posts and the values the page offers for each field; a FILE
    field takes bytes. The first value of each field is what the page would send."""

    action: str
    fields: dict[str, list] = field(default_factory=dict)

    def offer(self, name: str, value) -> None:
        self.fields.setdefault(name, [])
        if value not in self.fields[name]:
            self.fields[name].append(value)


class _FormParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[tuple[str, FormSpec]] = []  # (method, spec)
        self.date_names: set[str] = set()  # fields that take a date (<input type="date">)
        self.links: list[str] = []
        self.cells: list[dict] = []  # the grid's inputs, for SCRIPT_FORMS
        self.save_url = ""
        self._form: FormSpec | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v if v is not None else "" for k, v in attrs}
        if tag == "form":
            action = urljoin(self.page, a.get("action") or self.page)
            self._form = FormSpec(urlsplit(action).path)
            self.forms.append((a.get("method", "get").lower(), self._form))
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "input" and "cell" in a.get("class", "").split():
            self.cells.append(a)
        if "data-save-url" in a:
            self.save_url = a["data-save-url"]
        if self._form is None or not a.get("name"):
            return
        self._field(tag, a)

    def _field(self, tag: str, a: dict) -> None:
        name, kind = a["name"], a.get("type", "text").lower()
        if tag == "input" and kind == "date":
            self.date_names.add(name)
        if tag == "input" and kind == "file":
            self._form.offer(name, FILE)
        elif tag == "input" and kind in ("checkbox", "radio"):
            self._form.offer(name, a.get("value", "on"))
        elif tag in ("input", "button"):
            self._form.offer(name, a.get("value", ""))
        elif tag == "select":
            self._select = name
        elif tag == "textarea":
            self._textarea = name
            self._form.offer(name, "")
        elif tag == "option" and self._select:
            self._form.offer(self._select, a.get("value", ""))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._textarea and self._form is not None and data.strip():
            self._form.fields[self._textarea][0] = data.strip()

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


@dataclass
class Catalogue:
    """Forms by the route they post to, and query names by the route of the page."""

    forms: dict[str, list[FormSpec]] = field(default_factory=dict)
    query_names: set[str] = field(default_factory=lambda: set(KNOWN_QUERY_NAMES))
    date_names: set[str] = field(default_factory=set)  # query names that take a date
    post_only: set[str] = field(default_factory=set)  # routes answering a GET with 405
    slow: set[str] = field(default_factory=set)  # pages taking long to make (PDFs)
    broken: dict[str, str] = field(default_factory=dict)  # route -> URL that answered 500

    def posts_to(self, route: "Route") -> bool:
        return route.name in self.forms or route.name in self.post_only

    def read_page(self, path: str, html: str) -> None:
        parser = _FormParser(path)
        parser.feed(html)
        for method, spec in parser.forms:
            if method == "post":
                self._add(spec)
            else:
                self.query_names |= set(spec.fields)
                self.date_names |= parser.date_names & set(spec.fields)
        for href in parser.links:
            self.query_names |= {name for name, _ in parse_qsl(urlsplit(href).query)}
        if parser.cells and parser.save_url:
            self._add_script_form(parser.save_url, parser.cells)

    def _add(self, spec: FormSpec) -> None:
        try:
            name = resolve(spec.action).view_name
        except Resolver404:
            return
        known = self.forms.setdefault(name, [])
        if all(set(f.fields) != set(spec.fields) for f in known):
            known.append(spec)

    def _add_script_form(self, save_url: str, cells: list[dict]) -> None:
        for name, attributes in SCRIPT_FORMS.items():
            spec = FormSpec(save_url)
            for cell in cells[:3]:
                for field_name, attribute in attributes.items():
                    spec.offer(field_name, cell.get(attribute, "") if attribute else "")
            spec.offer("enhet", "tkr")
            spec.offer("kostnader", "negativa")
            self._add_named(name, spec)

    def _add_named(self, name: str, spec: FormSpec) -> None:
        try:
            if resolve(spec.action).view_name == name:
                self.forms.setdefault(name, []).append(spec)
        except Resolver404:
            return


def discover(client) -> Catalogue:
    """Fetch every route's page (arguments from the samples) and read its forms. A page that
    fails (a 500) is noted, and its route's tests fail saying so; the client must answer with
    the 500 rather than raise (raise_request_exception=False)."""
    catalogue = Catalogue()
    for slug in [HOME, *ALSO_READ]:
        association = Association.objects.get(slug=slug)
        for route in routes():
            url = _url_or_none(route, association)
            if url is None:
                continue
            started = time.perf_counter()
            response = client.get(url)
            if time.perf_counter() - started > SLOW_SECONDS:
                catalogue.slow.add(route.name)
            if response.status_code >= 500:
                catalogue.broken[route.name] = url
            elif response.status_code == 405:
                catalogue.post_only.add(route.name)
            elif response.status_code == 200 and "html" in response.get("Content-Type", ""):
                catalogue.read_page(url, response.content.decode())
    return catalogue


def _url_or_none(route: Route, association: Association) -> str | None:
    try:
        return route.url(association)
    except AttributeError:  # a sample finds nothing there (Växjö has no budget)
        return None
