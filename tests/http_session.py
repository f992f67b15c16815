"""A signed-in person over real HTTP (httpx against `live_server`), who reads forms as a
browser would: every field of the form with the values the page filled in."""

from html.parser import HTMLParser

import httpx

from finsam.demo import DEMO_PASSWORD


class _Forms(HTMLParser):
    """The fields of every <form> of a page, as name -> list of values a browser would send."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, list[str]]] = []
        self.actions: list[str | None] = []  # a POST form's action ("" the page), GET: None
        self.buttons: list[dict[str, list[str]]] = []  # each form's first named button
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append({})
            post = found.get("method", "").lower() == "post"
            self.actions.append(found.get("action", "") if post else None)
            self.buttons.append({})
        elif tag == "button" and self.forms and found.get("name") and not self.buttons[-1]:
            self.buttons[-1][found["name"]] = [found.get("value", "")]
        elif tag == "option" and self._select is not None and "selected" in found:
            self.forms[-1][self._select].append(found.get("value", ""))
        elif not self.forms or "name" not in found or "disabled" in found:
            return
        elif tag == "input":
            self._input(found)
        elif tag == "select":
            self._select = found["name"]
            self.forms[-1].setdefault(self._select, [])
        elif tag == "textarea":
            self._textarea = found["name"]
            self.forms[-1][self._textarea] = [""]

    def _input(self, found: dict[str, str]) -> None:
        kind = found.get("type", "text")
        if kind in ("submit", "button", "file") or (
            kind in ("checkbox", "radio") and "checked" not in found
        ):
            return
        self.forms[-1].setdefault(found["name"], []).append(found.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # As browsers do: a newline right after <textarea> is not part of the value.
            text = self.forms[-1][self._textarea][0]
            self.forms[-1][self._textarea][0] = text.removeprefix("\n")
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None and self.forms:
            self.forms[-1][self._textarea][0] += data


def posted_forms(html: str) -> list[tuple[str, dict[str, list[str]]]]:
    """(action, fields as a browser would send them, its first named button pressed) of
    every POST form of the page."""
    parser = _Forms()
    parser.feed(html)
    triples = zip(parser.actions, parser.forms, parser.buttons, strict=True)
    return [(action, fields | button) for action, fields, button in triples if action is not None]


def form_in(html: str, *, containing: str) -> dict[str, list[str]]:
    """The fields of the page's form that has a field named `containing`."""
    parser = _Forms()
    parser.feed(html)
    return next(form for form in parser.forms if containing in form)


class Session:
    """One person's browser session: its own cookies, CSRF token and connection."""

    def __init__(self, base_url: str) -> None:
        self.client = httpx.Client(base_url=base_url, timeout=30.0, follow_redirects=False)

    def sign_in(self, username: str, password: str = DEMO_PASSWORD) -> "Session":
        fields = self.form("/konto/login/", containing="username")
        fields.update(username=[username], password=[password])
        answer = self.client.post("/konto/login/", data=fields)
        assert answer.status_code == 302, f"{username} could not sign in"
        return self

    def form(self, path: str, *, containing: str) -> dict[str, list[str]]:
        return form_in(self.get(path).text, containing=containing)

    def get(self, path: str) -> httpx.Response:
        answer = self.client.get(path)
        answer.raise_for_status()
        return answer

    def post(self, path: str, data: dict[str, list[str]], **headers: str) -> httpx.Response:
        return self.client.post(path, data=data, headers=headers)

    @property
    def csrf_token(self) -> str:
        return self.client.cookies["csrftoken"]

    def close(self) -> None:
        self.client.close()
