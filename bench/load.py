"""Load test: people editing budgets, reading pages and downloading report PDFs in 80
associations at the same time, against gunicorn, PostgreSQL and the worker on this machine,
for a bounded time. Run from the project folder:

    PYTHONPATH=. .venv/bin/python bench/load.py                  # 80 + 120 people, 120 s
    PYTHONPATH=. .venv/bin/python bench/load.py --associations 8 --editors 8 --readers 12 \\
        --seconds 20 --keep-template

1. Builds a template database (`--database` + `_template`): migrated, the demo, and copies
   of the four demo associations restored from their exports under other names, up to
   `--associations` (bench/load_servers.py). Each run copies it into `--database`, dropped at
   the end; the template too unless `--keep-template` (then the next run reuses it).
2. Starts gunicorn on 127.0.0.1 (gthread: `--workers` processes of `--threads` threads) with
   persistent database connections, DEBUG off, and `manage.py db_worker` beside it at the
   niceness `--worker-nice`.
3. In this process, `--editors` staff and `--readers` board members, spread over the
   associations (editor i and reader i in association i modulo their number), each with a
   role in that one association, work for `--seconds`: an editor types figures into its
   budget's grid and sometimes downloads the draft PDF of the report showing that budget
   (rendered by the worker, since the figures changed); a reader reads pages and sometimes
   downloads a report's PDF (an adopted one is stored; a draft is rendered by the worker).
4. Stops, checks, prints the figures, and stops gunicorn and the worker (also on Ctrl-C).

Think times (uniform between the two figures given; docs/benchmarks.md says why): a reader
reads a page for 10-30 s; an editor types a figure every 2-6 s, two to eight in a round,
and between rounds reads or does other work for 10-30 s.

Checks (the exit status is 1 if one fails): no request failed; no lost update (each editor
writes a counter into a figure of its own: at the end the figure is its last confirmed value
and the figure's history holds every confirmed save, in order); refusals only for saves
genuinely stale; and the targets for pages (sign-in and PDF requests excluded): median under
100 ms, 95th percentile under 300 ms, both while the worker renders a PDF and while it does
not.
"""

import argparse
import os
import resource
import signal
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import load_servers as servers
from load_people import Editor, Hit, Page, Reader, Recorder

PASSWORD = "load-test-password"
TARGET_MEDIAN_MS, TARGET_P95_MS = 100, 300
# What readers open in their association; {budget}, {year}, {initiative} and {report} are
# filled from its data (an association without one skips those pages). Add a line to read
# another page.
READER_PAGES = [
    Page("overview", "/{slug}/"),
    Page("budget list", "/{slug}/budget/"),
    Page("budget grid", "/{slug}/budget/{budget}/"),
    Page("follow-up", "/{slug}/budget/{budget}/uppfoljning/"),
    Page("funding", "/{slug}/finansiering/{year}/"),
    Page("statements", "/{slug}/bokforing/"),
    Page("initiatives", "/{slug}/insatser/"),
    Page("initiative", "/{slug}/insatser/{initiative}/"),
    Page("report list", "/{slug}/rapporter/"),
    Page("report", "/{slug}/rapporter/{report}/"),
]
# The PDF a reader downloads: the latest report's, adopted (stored) or a draft (rendered by
# the worker). Every kind with "pdf" in its name is left out of the page targets.
READER_PDFS = [Page("report pdf", "/{slug}/rapporter/{report}/pdf/")]


def main() -> int:
    options = _arguments()
    # Ctrl-C and `kill` go through the same clean-up (also when started in the background,
    # where a shell would have Ctrl-C ignored).
    for stop_signal in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop_signal, signal.default_int_handler)
    url = f"{options.postgres.rstrip('/')}/{options.database}"
    media, logs = (Path(tempfile.mkdtemp(prefix=f"finsam-load-{p}-")) for p in ("media", "logs"))
    env = os.environ | {
        "DATABASE_URL": url,
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "CONN_MAX_AGE": "60",
        "MEDIA_ROOT": str(media),
    }
    os.environ["MEDIA_ROOT"] = str(media)  # the set-up's own Django, in this process
    processes = []
    try:
        servers.build_template(options, env)
        servers.clone(options, media)
        editors, readers, sessions = _people(options, url)
        processes.append(servers.start_gunicorn(options, env, logs))
        processes.append(servers.start_worker(options, env, logs))
        print(f"gunicorn and the worker on 127.0.0.1:{options.port} (logs: {logs}) ...")
        groups = {"web": processes[0].pid, "worker": processes[1].pid}
        return _run(options, editors, readers, sessions, url, groups)
    except KeyboardInterrupt:
        print("\nStopped (Ctrl-C); cleaning up.")
        return 130
    finally:
        for process in processes:
            servers.stop(process)
        if not options.keep_db:
            servers.drop(options, options.database)
        if not options.keep_template:
            servers.drop_template(options)


def _span(text: str) -> tuple[float, float]:
    low, _, high = text.partition("-")
    return float(low), float(high or low)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--associations", type=int, default=80)
    parser.add_argument("--editors", type=int, default=80)
    parser.add_argument("--readers", type=int, default=120)
    parser.add_argument("--sign-ins", type=int, default=10, help="people who sign in by form")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--worker-nice", type=int, default=19, help="0: as the web")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--reader-think", type=_span, default=(10.0, 30.0), metavar="S-S")
    parser.add_argument("--editor-think", type=_span, default=(2.0, 6.0), metavar="S-S")
    parser.add_argument("--editor-pause", type=_span, default=(10.0, 30.0), metavar="S-S")
    parser.add_argument("--reader-pdf", type=float, default=0.05, help="share of requests")
    parser.add_argument("--editor-pdf", type=float, default=0.1, help="share of rounds")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="finsam_load")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--keep-template", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    if not 0 < options.seconds <= 600:
        parser.error("--seconds must be more than 0 and at most 600")
    if options.associations < 4:
        parser.error("--associations: at least the four of the demo")
    return options


def _people(options: argparse.Namespace, url: str) -> tuple[list[Editor], list[Reader], dict]:
    """Users, the editors' figures and the readers' pages, entered through Django here."""
    import setup_load

    places = setup_load.prepare(url, READER_PAGES, READER_PDFS)
    base = f"http://127.0.0.1:{options.port}"
    editors, readers, roles = [], [], {}
    for i in range(options.editors):
        place = places[i % len(places)]
        if i // len(places) >= len(place.cells):
            raise SystemExit(f"{place.slug}'s draft budget has {len(place.cells)} figures only.")
        seed = options.seed * 10000 + i
        editor = Editor(base, f"load-kansli-{i:03}", PASSWORD, seed, options.editor_think)
        editor.cell = place.cells[i // len(places)]
        editor.pause_range, editor.pdf_share = options.editor_pause, options.editor_pdf
        editor.draft_pdf = place.draft_pdfs.get(editor.cell.document, "")
        editors.append(editor)
        roles[editor.username] = (place.slug, "staff")
    for i in range(options.readers):
        place = places[i % len(places)]
        seed = options.seed * 10000 + 5000 + i
        reader = Reader(base, f"load-styrelse-{i:03}", PASSWORD, seed, options.reader_think)
        reader.pages, reader.pdfs, reader.pdf_share = place.pages, place.pdfs, options.reader_pdf
        readers.append(reader)
        roles[reader.username] = (place.slug, "board")
    signing = {p.username for p in editors[: options.sign_ins // 2]}
    signing |= {p.username for p in readers[: options.sign_ins - len(signing)]}
    sessions = setup_load.users(roles, PASSWORD, set(roles) - signing)
    return editors, readers, sessions


def _run(options, editors: list[Editor], readers: list[Reader], sessions: dict, url, groups) -> int:
    people = [*editors, *readers]
    signing = Recorder()
    for person in people:
        if person.username in sessions:
            person.use_session(*sessions[person.username])
        elif not person.sign_in(signing):
            print(f"{person.username} could not sign in.")
            return 1
    _warm_up(readers)
    recorder, stop = Recorder(), threading.Event()
    threads = [
        threading.Thread(target=person.run, args=(recorder, stop), daemon=True) for person in people
    ]
    loads: list[float] = []
    threads.append(threading.Thread(target=_watch_load, args=(loads, stop), daemon=True))
    print(
        f"{len(editors)} editors and {len(readers)} readers in {options.associations} "
        f"associations for {options.seconds:g} s against gunicorn ({options.workers} workers x "
        f"{options.threads} threads) and a worker (nice {options.worker_nice}) on 127.0.0.1 ..."
    )
    cpu_before, client_before = servers.cpu_seconds(options, groups), _client_cpu()
    started = time.monotonic()
    for thread in threads:
        thread.start()
    try:
        stop.wait(options.seconds)
    finally:
        stop.set()
        deadline = time.monotonic() + 35  # a request under way ends within its 30 s timeout
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
    elapsed = time.monotonic() - started
    cpu = servers.cpu_seconds(options, groups)
    cpu = {name: cpu[name] - cpu_before[name] for name in cpu}
    cpu["load test (client)"] = _client_cpu() - client_before
    import setup_load

    stored, renders = setup_load.stored(url, editors), setup_load.renders(url)
    code = _report(recorder, signing, people, stored, renders, loads, elapsed)
    print(
        "CPU used during the run: "
        + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in cpu.items())
        + f"; together {sum(cpu.values()) / elapsed:.2f} of the 2 cores"
    )
    return code


def _client_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _warm_up(readers: list[Reader]) -> None:
    """Every page kind once, not counted: a process's first request of a page loads its
    code and templates, which no person waits for on a server that has been running."""
    warming = Recorder()
    for reader in readers[:8]:
        for page in reader.pages:
            warming.timed("warm-up", lambda r=reader, p=page: r.client.get(p.path), bool)


def _watch_load(loads: list[float], stop: threading.Event) -> None:
    """The one-minute load average every five seconds: how busy the two cores were."""
    while True:
        loads.append(os.getloadavg()[0])
        if stop.wait(5.0):
            return


def _ms(values: list[float]) -> tuple[float, float]:
    if not values:
        return 0.0, 0.0
    if len(values) == 1:
        return values[0] * 1000, values[0] * 1000
    return (
        statistics.median(values) * 1000,
        statistics.quantiles(values, n=20, method="inclusive")[18] * 1000,
    )


def _overlaps(hit: Hit, renders: list[tuple[float, float, str]]) -> bool:
    """Whether the worker was rendering a PDF at some moment of the request."""
    return any(start < hit.at + hit.seconds and hit.at < end for start, end, _ in renders)


def _report(recorder, signing, people, stored, renders, loads, elapsed: float) -> int:
    editors = [person for person in people if isinstance(person, Editor)]
    hits = recorder.hits
    requests = [h for h in hits if not h.kind.endswith(" wait")]
    print(f"\n{len(requests)} requests in {elapsed:.1f} s ({len(requests) / elapsed:.1f}/s)\n")
    print(f"{'kind':<26}{'requests':>9}{'errors':>8}{'median ms':>11}{'p95 ms':>9}")
    for kind in sorted({hit.kind for hit in hits}) + ["sign-in"]:
        chosen = [h for h in (signing.hits if kind == "sign-in" else hits) if h.kind == kind]
        median, p95 = _ms([h.seconds for h in chosen])
        errors = sum(not h.ok for h in chosen)
        print(f"{kind:<26}{len(chosen):>9}{errors:>8}{median:>11.0f}{p95:>9.0f}")
    pages = [h for h in hits if "pdf" not in h.kind]
    during = [h.seconds for h in pages if _overlaps(h, renders)]
    apart = [h.seconds for h in pages if not _overlaps(h, renders)]
    met = True
    print("\npages (sign-in and PDF requests excluded):")
    parts = [
        ("all", [h.seconds for h in pages]),
        ("while the worker renders a PDF", during),
        ("while it does not", apart),
    ]
    for what, chosen in parts:
        median, p95 = _ms(chosen)
        met &= not chosen or (median < TARGET_MEDIAN_MS and p95 < TARGET_P95_MS)
        print(f"  {what}: {len(chosen)} requests, median {median:.0f} ms, p95 {p95:.0f} ms")
    print(
        f"  targets (median < {TARGET_MEDIAN_MS} ms, p95 < {TARGET_P95_MS} ms, in each): "
        f"{'met' if met else 'MISSED'}"
    )
    busy = sum(min(end, renders_end(hits)) - start for start, end, _ in renders if start < end)
    unfinished = sum(1 for h in hits if h.kind.endswith(" wait") and h.detail == "cut")
    print(
        f"PDF renders by the worker: {len(renders)} ({sum(s == 'done' for *_, s in renders)} "
        f"done), busy {busy:.0f} s of {elapsed:.0f} s; PDF waits cut short by the end: "
        f"{unfinished}; drafts whose figures changed while rendered (rendered again): "
        f"{sum(p.changed_meanwhile for p in people)}"
    )
    if loads:
        print(
            f"load average (1 min) during the run: {min(loads):.1f}-{max(loads):.1f}, "
            f"mean {statistics.mean(loads):.1f} (2 cores)"
        )
    errors = [h for h in hits + signing.hits if not h.ok]
    lost = _lost_updates(editors, stored)
    print(f"errors: {len(errors)}" + "".join(f"\n  {e.kind}: {e.detail}" for e in errors[:10]))
    saves, refused = sum(len(e.acked) for e in editors), sum(e.refused for e in editors)
    print(
        f"no lost update: {saves} confirmed saves by {len(editors)} editors, each in the figure's "
        f"history in order and the last one in its figure: {'yes' if not lost else 'NO'}"
    )
    wrongly = sum(e.wrongly_refused for e in editors)
    print(f"stale saves refused with the current figure: {refused}; other refusals: {wrongly}")
    for problem in lost[:10]:
        print(f"  {problem}")
    return 0 if met and not errors and not lost else 1


def renders_end(hits: list[Hit]) -> float:
    """The end of the run as the requests saw it (a render still running is counted to it)."""
    return max((h.at + h.seconds for h in hits), default=time.time())


def _lost_updates(editors: list[Editor], stored: dict[str, tuple[int, list[int]]]) -> list[str]:
    problems = [surprise for editor in editors for surprise in editor.surprises]
    for editor in editors:
        figure, logged = stored[editor.username]
        confirmed = editor.acked
        if editor.unanswered is not None and figure == editor.unanswered:
            confirmed = [*confirmed, figure]  # the last save's answer never came; it was stored
        if figure != (confirmed[-1] if confirmed else editor.last) or logged != confirmed:
            problems.append(
                f"{editor.username}: stored {figure}, last confirmed {editor.last}; "
                f"{len(logged)} logged of {len(editor.acked)} confirmed"
            )
    return problems


if __name__ == "__main__":
    sys.exit(main())
