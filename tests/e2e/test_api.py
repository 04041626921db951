"""A municipality embeds the supplier widget; an integrator opens the API docs offline."""

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e


@contextmanager
def municipality_site(html):
    """A municipality's own site: another origin (port) on 127.0.0.1 serving one page."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_widget_embeds_in_another_site_and_is_accessible(page, server):
    host_page = f"""<!DOCTYPE html><html lang="da"><head><title>Aarhus Kommune</title></head>
        <body><main><h1>Lokale leverandører</h1>
        <iframe id="widget" title="Socialøkonomiske leverandører" width="400" height="600"
          src="{server.url}/leverandoerer/widget/?rows=5"></iframe>
        <iframe id="directory" title="Leverandørlisten" src="{server.url}/leverandoerer/"></iframe>
        </main></body></html>"""
    with municipality_site(host_page) as host_url:
        page.goto(host_url)
        check_widget(page)


def check_widget(page):
    widget = page.frame_locator("#widget")
    links = widget.locator(".sok-widget__name")
    links.first.wait_for()
    assert links.count() >= 1
    assert "åbner i et nyt vindue" in links.first.inner_text()
    frame = page.frame(url=lambda url: "/leverandoerer/widget/" in url)
    assert_accessible(frame)
    blocked = page.frame(url=lambda url: url.rstrip("/").endswith("/leverandoerer"))
    assert blocked is None or blocked.locator("main").count() == 0


def test_api_docs_load_only_from_our_server(page, server):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Socialøkonomisk open data API" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator("#operations-suppliers-api_v1_list_suppliers").wait_for()
    assert hosts == {urlparse(server.url).netloc}
