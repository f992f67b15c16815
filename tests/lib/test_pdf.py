"""WeasyPrint fetches only the application's static files and data: URIs for a PDF."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from finsam.pdf import StaticOnlyFetcher, html_to_pdf, laid_out

SMALL_PAGE = b"@page { size: 100mm 100mm }"
A4_WIDTH = pytest.approx(210 * 96 / 25.4, abs=0.5)  # CSS pixels
SMALL_WIDTH = pytest.approx(100 * 96 / 25.4, abs=0.5)
STATIC = Path(django_settings.BASE_DIR) / "static"


def _width(html: str) -> float:
    return laid_out(html, base_url=STATIC).pages[0].width


def _document(*links: str) -> str:
    heads = "".join(f'<link rel="stylesheet" href="{link}">' for link in links)
    return f"<html><head>{heads}</head><body><p>Hej</p></body></html>"


@pytest.fixture
def local_server():
    """A web server on this machine that counts the requests it gets."""
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(SMALL_PAGE)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()


def test_a_file_outside_the_static_folders_is_not_read(tmp_path):
    outside = tmp_path / "page.css"
    outside.write_bytes(SMALL_PAGE)
    assert _width(_document(outside.as_uri())) == A4_WIDTH
    markup = '<img src="file:///etc/passwd"><link rel="stylesheet" href="file:///etc/passwd">'
    assert html_to_pdf(markup, base_url=STATIC).startswith(b"%PDF")
    with pytest.raises(ValueError):
        StaticOnlyFetcher().fetch("file:///etc/passwd")
    with pytest.raises(ValueError):  # .. does not lead out of the static folder
        StaticOnlyFetcher().fetch((STATIC / ".." / "finsam" / "settings.py").as_uri())


def test_no_request_leaves_for_a_url(local_server):
    base, requests = local_server
    markup = _document(f"{base}/page.css") + f'<img src="{base}/bild.png">'
    assert _width(markup) == A4_WIDTH
    assert _width(f"<style>@import url({base}/import.css);</style><p>x</p>") == A4_WIDTH
    assert requests == []
    with pytest.raises(ValueError):
        StaticOnlyFetcher().fetch("https://example.com/x.css")


def test_the_static_files_and_data_uris_are_served(settings, tmp_path):
    (tmp_path / "page.css").write_bytes(SMALL_PAGE)
    settings.STATICFILES_DIRS = [tmp_path]
    assert laid_out(_document("page.css"), base_url=tmp_path).pages[0].width == SMALL_WIDTH
    data = "data:text/css;base64,QHBhZ2UgeyBzaXplOiAxMDBtbSAxMDBtbSB9"  # SMALL_PAGE
    assert _width(_document(data)) == SMALL_WIDTH


def test_the_reports_font_is_served_from_the_static_folder():
    font = StaticOnlyFetcher().fetch((STATIC / "fonts" / "LiberationSans-Regular.ttf").as_uri())
    assert font.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
