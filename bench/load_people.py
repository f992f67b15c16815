"""The people of the load test (bench/load.py): editors and readers over HTTP, and what
they record. Plain threads with one httpx client each (its own cookies and connection), so
the checks a load tool would not know about stay simple Python: every save remembered,
every refusal compared with what was stored.

A PDF is fetched as a browser does: a stored one (adopted, or a draft already rendered)
comes at once; otherwise the answer is the job's page, whose script asks for the job's
status every second and reloads the page when the worker has finished; the person then
follows the page's link to the file.
"""

import random
import re
import threading
import time
from dataclasses import dataclass, field

import httpx

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Hit:
    """One request: its kind, how long it took (seconds) and whether it was what we expected."""

    kind: str
    seconds: float
    ok: bool
    detail: str = ""
    at: float = 0.0  # when it was sent (Unix time), to set it beside the worker's renders


class Recorder:
    """Every request of every person; list.append is safe across threads."""

    def __init__(self) -> None:
        self.hits: list[Hit] = []

    def timed(self, kind: str, send, expect) -> httpx.Response | None:
        """Send, time it, and record whether `expect(response)` held (an exception: not ok)."""
        at, start = time.time(), time.perf_counter()
        try:
            response = send()
        except httpx.HTTPError as error:
            where = f"{error.request.method} {error.request.url.path}: " if error._request else ""
            seconds = time.perf_counter() - start
            self.hits.append(Hit(kind, seconds, False, f"{where}{error!r}", at))
            return None
        seconds = time.perf_counter() - start
        ok = expect(response)
        detail = "" if ok else f"{response.request.method} {response.request.url.path}: "
        detail += "" if ok else f"{response.status_code} {response.text[:200]!r}"
        self.hits.append(Hit(kind, seconds, ok, detail, at))
        return response

    def add(self, hit: Hit) -> None:
        self.hits.append(hit)


@dataclass
class Person:
    """A signed-in person with a random but reproducible rhythm (seeded per person)."""

    base_url: str
    username: str
    password: str
    seed: int
    think_range: tuple[float, float]  # seconds between requests: uniform between the two
    client: httpx.Client = field(init=False)
    rng: random.Random = field(init=False)
    changed_meanwhile: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        # gunicorn closes a connection idle for 2 s (its --keep-alive); a request sent on it at
        # that moment fails. Browsers retry such a request, httpx does not: the client lets go
        # of idle connections first.
        self.client = httpx.Client(
            base_url=self.base_url, timeout=30.0, limits=httpx.Limits(keepalive_expiry=1.0)
        )
        self.rng = random.Random(self.seed)

    def sign_in(self, recorder: Recorder) -> bool:
        page = self.client.get("/konto/login/")
        token = CSRF_FIELD.search(page.text)
        data = {"username": self.username, "password": self.password}
        data["csrfmiddlewaretoken"] = token.group(1) if token else ""
        answer = recorder.timed(
            "sign-in",
            lambda: self.client.post("/konto/login/", data=data),
            lambda response: response.status_code == 302,
        )
        return answer is not None and answer.status_code == 302

    def use_session(self, session: str, csrf: str) -> None:
        """The cookies a browser holds after signing in (the session made by the set-up)."""
        self.client.cookies.set("sessionid", session, domain="127.0.0.1")
        self.client.cookies.set("csrftoken", csrf, domain="127.0.0.1")

    def think(self, stop: threading.Event, within: tuple[float, float] | None = None) -> bool:
        """Pause as a person does; False once the run is over."""
        return not stop.wait(self.rng.uniform(*(within or self.think_range)))

    def fetch_pdf(self, recorder: Recorder, kind: str, path: str, stop: threading.Event) -> None:
        """Ask for a PDF and wait for it as a person at the job's page does. The whole wait,
        from asking to the file, is recorded as `<kind> wait`; one still waiting when the run
        ends is recorded as cut short (not an error: the run ended). A draft whose figures
        changed while it was rendered is rendered again when its link is followed: that is
        followed as a browser does (a new job's page), a few times at most."""
        asked, started = time.time(), time.perf_counter()

        def waited(ok: bool, detail: str = "") -> None:
            recorder.add(Hit(f"{kind} wait", time.perf_counter() - started, ok, detail, asked))

        answer = recorder.timed(kind, lambda: self.client.get(path), _pdf_or_job)
        for _round in range(3):
            if answer is None or not _to_job(answer):
                break
            link = self._follow_job(recorder, answer.headers["location"], stop)
            if link is None:
                return waited(True, "cut")
            if not link:
                return waited(False)
            answer = recorder.timed(
                f"{kind} (rendered)", lambda link=link: self.client.get(link), _pdf_or_job
            )
            # The figures changed while it was rendered: it is rendered anew.
            if answer is not None and _to_job(answer):
                self.changed_meanwhile += 1
        chased = answer is not None and _to_job(answer)
        waited(
            answer is not None and _is_pdf(answer), "rendered 3 times, changed each time" * chased
        )

    def _follow_job(self, recorder: Recorder, job: str, stop: threading.Event) -> str | None:
        """The job's page, its status every second until it has finished, the page again:
        the link to the file ("" if the job failed; None if the run ended meanwhile)."""
        page = recorder.timed("pdf job page", lambda: self.client.get(job), _is_page)
        state: dict = {}
        while page is not None and not state.get("finished"):
            if stop.wait(1.0):  # the page's script asks every second
                return None
            answer = recorder.timed(
                "pdf job status",
                lambda: self.client.get(f"{job}status/"),
                lambda r: r.status_code == 200 and r.json()["status"] != "failed",
            )
            if answer is None or answer.status_code != 200 or answer.json()["status"] == "failed":
                return ""
            state = answer.json()
        if page is None or not state.get("link"):
            return ""
        recorder.timed("pdf job page", lambda: self.client.get(job), _is_page)
        return state["link"]


def _is_page(response: httpx.Response) -> bool:
    return response.status_code == 200


def _is_pdf(response: httpx.Response) -> bool:
    return response.status_code == 200 and response.content.startswith(b"%PDF")


def _pdf_or_job(response: httpx.Response) -> bool:
    return _is_pdf(response) or _to_job(response)


def _to_job(response: httpx.Response) -> bool:
    """A redirect to a job's page: the PDF is being rendered in the background."""
    return response.status_code == 302 and "/jobb/" in response.headers.get("location", "")


@dataclass(frozen=True)
class Cell:
    """The one budget figure an editor owns: nobody else writes it during the run."""

    slug: str
    document: int
    line: int
    column: int
    what: str  # how a person names it: "<line> / <column>"
    start: int  # the figure stored when the run began (kronor)


@dataclass
class Editor(Person):
    """Opens the budget grid, types a few figures into its own cell (`think_range` apart),
    now and then sends a save based on an old figure (as a person with a page left open too
    long would); between rounds of typing reads or does other work (`pause_range`), and
    after a round sometimes (`pdf_share`) downloads the draft PDF of the report that shows
    its budget, which the worker renders anew since the figures changed."""

    cell: Cell | None = None
    pause_range: tuple[float, float] = (10.0, 30.0)
    draft_pdf: str = ""  # the draft PDF of the report showing this budget, if any
    pdf_share: float = 0.0
    stale_share: float = 0.1
    acked: list[int] = field(default_factory=list)  # every figure a save was confirmed for
    refused: int = 0  # deliberately stale saves refused with the current figure
    wrongly_refused: int = 0  # saves from the current figure refused: must stay 0
    # A save that got no answer (timed out): it may or may not have been stored. The editor
    # opens the grid again, as a person seeing the error would, and takes what it shows.
    unanswered: int | None = None
    surprises: list[str] = field(default_factory=list)  # anything a lost update would cause

    @property
    def last(self) -> int:
        assert self.cell is not None
        return self.acked[-1] if self.acked else self.cell.start

    def run(self, recorder: Recorder, stop: threading.Event) -> None:
        while self.think(stop, self.pause_range):
            self._open_grid(recorder)
            for _figure in range(self.rng.randint(2, 8)):
                if self.unanswered is not None or not self.think(stop):
                    break  # after a save without answer: the grid again first
                if len(self.acked) >= 2 and self.rng.random() < self.stale_share:
                    self._save_stale(recorder)
                else:
                    self._save(recorder)
            if stop.is_set():
                return
            if self.draft_pdf and self.rng.random() < self.pdf_share:
                if not self.think(stop):
                    return
                self.fetch_pdf(recorder, "draft pdf", self.draft_pdf, stop)

    def _open_grid(self, recorder: Recorder) -> None:
        cell = self.cell
        assert cell is not None
        page = recorder.timed(
            "budget grid",
            lambda: self.client.get(f"/{cell.slug}/budget/{cell.document}/"),
            lambda response: response.status_code == 200,
        )
        if page is None or page.status_code != 200:
            return  # an error, counted as one; the figure is looked at next time
        pattern = rf'data-line="{cell.line}" data-column="{cell.column}" data-stored="(-?\d*)"'
        found = re.search(pattern, page.text)
        shown = found.group(1) if found else "nothing"
        if self.unanswered is not None and shown == str(self.unanswered):
            self.acked.append(self.unanswered)  # stored, though its answer never came
        elif shown != str(self.last):
            self.surprises.append(f"{self.username}: grid shows {shown}, last saved {self.last}")
        self.unanswered = None

    def _post(self, value: int, was: int) -> httpx.Response:
        cell = self.cell
        assert cell is not None
        data = {"line": cell.line, "column": cell.column, "value": value, "was": was}
        return self.client.post(
            f"/{cell.slug}/budget/{cell.document}/belopp/",
            data=data | {"enhet": "kr", "kostnader": "positiva"},
            headers={"X-CSRFToken": self.client.cookies["csrftoken"], "Accept": "application/json"},
        )

    def _save(self, recorder: Recorder) -> None:
        value = self.last + 1  # a counter: each confirmed save is one more than the last
        answer = recorder.timed(
            "cell save",
            lambda: self._post(value, self.last),
            lambda response: response.status_code == 200 and response.json()["ok"],
        )
        if answer is None:
            self.unanswered = value
        elif answer.status_code == 200:
            self.acked.append(value)
        elif answer.status_code == 409:
            self.wrongly_refused += 1
            self.surprises.append(f"{self.username}: a save from the current figure was refused")

    def _save_stale(self, recorder: Recorder) -> None:
        old = self.acked[-2]  # the figure before the last confirmed save: genuinely stale
        answer = recorder.timed(
            "stale save (refused)",
            lambda: self._post(old + 1000, old),
            lambda response: (
                response.status_code == 409 and response.json()["stored"] == str(self.last)
            ),
        )
        if answer is not None and answer.status_code == 409:
            self.refused += 1
        elif answer is not None:
            self.surprises.append(f"{self.username}: a stale save got {answer.status_code}")


@dataclass(frozen=True)
class Page:
    """A page readers open: a kind for the figures and its path within the association."""

    kind: str
    path: str


@dataclass
class Reader(Person):
    """Opens one page after another of its association, reading each for a while; now and
    then (`pdf_share`) downloads a report's PDF instead."""

    pages: list[Page] = field(default_factory=list)
    pdfs: list[Page] = field(default_factory=list)
    pdf_share: float = 0.0

    def run(self, recorder: Recorder, stop: threading.Event) -> None:
        while self.think(stop):
            if self.pdfs and self.rng.random() < self.pdf_share:
                pdf = self.rng.choice(self.pdfs)
                self.fetch_pdf(recorder, pdf.kind, pdf.path, stop)
                continue
            page = self.rng.choice(self.pages)
            recorder.timed(
                page.kind,
                lambda page=page: self.client.get(page.path),
                lambda response: response.status_code == 200,
            )
