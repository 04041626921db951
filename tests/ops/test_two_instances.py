"""Two gunicorn instances behind nginx, sharing PostgreSQL, Redis and the media directory:
what one instance wrote, the other serves."""

import io
import re
import subprocess
import sys
import time

import pytest
from PIL import Image as PILImage

from .conftest import ROOT, App, Nginx, Visitor, build_site, production_env
from .sitedata import PASSWORD


@pytest.fixture
def site(ops_database, shared_state, static_root, tmp_path):
    env = production_env(
        DATABASE_URL=ops_database,
        STATIC_ROOT=str(static_root),
        TRUSTED_PROXY_COUNT="1",
        **shared_state,
    )
    data = build_site(ops_database)
    first, second = App(env, tmp_path / "app1.log"), App(env, tmp_path / "app2.log")
    nginx = Nginx(tmp_path, [first, second], static_root, shared_state["MEDIA_ROOT"])
    for app in (first, second):  # nginx passes the host name without the test's port
        app.env["CSRF_TRUSTED_ORIGINS"] = nginx.url
    with first, second, nginx:
        yield {"apps": (first, second), "nginx": nginx, "env": env, **data}


def division_count(visitor, url, code):
    html = visitor.get(f"{url}/leverandoerer/").text
    option = re.search(rf'<option value="{code}"[^>]*>[^<]*\((\d+)\)</option>', html)
    return int(option.group(1)) if option else 0


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 80), (20, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def test_session_rate_limit_counts_and_media_agree_across_instances(site):
    nginx, (first, second) = site["nginx"], site["apps"]
    editor = Visitor(verify=False)
    login = editor.log_in(nginx.url, "redaktoer", PASSWORD)
    assert login.status_code == 302
    # The session: every request lands on the next instance, and each knows the editor.
    for _ in range(4):
        assert editor.get(f"{nginx.url}/admin/").status_code == 200
    for app in (first, second):
        assert editor.get(f"{app.url}/admin/").status_code == 200

    # One log line per request, with nginx's request id, in nginx's log and the app's.
    request_id = editor.get(f"{nginx.url}/healthz").headers["x-request-id"]

    def app_lines():
        logs = first.logged() + second.logged()
        return [line for line in logs.splitlines() if request_id in line]

    for _ in range(50):  # gunicorn writes the line just after the response
        if app_lines():
            break
        time.sleep(0.1)
    assert len(app_lines()) == 1
    assert f"request_id={request_id}" in app_lines()[0]
    assert '"GET /healthz HTTP/1.1" 200' in app_lines()[0]
    for _ in range(50):  # nginx, too, writes its line after the response
        if f"request_id={request_id}" in (nginx.directory / "access.log").read_text():
            break
        time.sleep(0.1)
    assert f"request_id={request_id}" in (nginx.directory / "access.log").read_text()

    # The rate limit: ten wrong passwords spread over both instances, five are tried.
    attacker = Visitor(verify=False)
    statuses = [attacker.log_in(nginx.url, "ejer", "forkert").status_code for _ in range(10)]
    assert statuses == [200] * 5 + [429] * 5
    owner = Visitor(address="198.51.100.7")
    assert owner.log_in(second.url, "ejer", PASSWORD).status_code == 302

    # Facet counts: cached by both instances, and both follow an edit made elsewhere.
    visitor = Visitor(verify=False)
    assert [division_count(visitor, app.url, "55000000") for app in (first, second)] == [1, 1]
    edit = (
        "from directory.models import SupplierProfile;"
        f"p = SupplierProfile.objects.get(pk={site['profile_id']});"
        "p.cpv_codes.set(['90911200']); p.save()"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", edit],
        cwd=ROOT,
        env=site["env"],
        check=True,
        capture_output=True,
    )
    for app in (first, second):
        assert division_count(visitor, app.url, "55000000") == 0
        assert division_count(visitor, app.url, "90000000") == 1

    # An uploaded image: stored through one instance, listed by both, served by nginx.
    form = editor.get(f"{nginx.url}/admin/images/add/").text
    collection = re.search(r'name="collection"[^>]*>\s*<option value="(\d+)"', form)
    uploaded = editor.post(
        f"{nginx.url}/admin/images/add/",
        {"title": "Logo fra kantinen", **({"collection": collection[1]} if collection else {})},
        files={"file": ("logo.png", png(), "image/png")},
    )
    assert uploaded.status_code == 302, uploaded.text[:500]
    listings = [editor.get(f"{app.url}/admin/images/").text for app in (first, second)]
    assert all("Logo fra kantinen" in listing for listing in listings)
    thumbnail = re.search(r"/media/images/logo[^\"' ]*\.png", listings[1])
    assert thumbnail, "the image listing shows a thumbnail"
    served = editor.get(f"{nginx.url}{thumbnail[0]}")
    assert served.status_code == 200
    assert served.headers["content-type"] == "image/png"
