"""HTTP behaviour integrators rely on: errors, CORS, caching, conditional bulk GETs, framing."""

import pytest

from tests.directory.factories import profile


@pytest.fixture
def supplier(pages):
    return profile(name="Grøn Rengøring", cpv=["90911200"], municipalities=[751])


def test_filters_mirror_the_directory(client, supplier):
    profile(name="Andet sted", delivery_scope="municipalities", municipalities=[101])
    names = lambda url: [s["name"] for s in client.get(url).json()["items"]]  # noqa: E731
    assert names("/api/v1/suppliers/?cpv=90000000") == ["Grøn Rengøring"]
    assert names("/api/v1/suppliers/?municipality=101") == ["Grøn Rengøring", "Andet sted"]
    assert names("/api/v1/suppliers/?q=rengøring") == ["Grøn Rengøring"]
    assert names("/api/v1/suppliers/?rsv_verified=true") == []


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/suppliers/?cpv=12", "cpv"),
        ("/api/v1/suppliers/?cpv=99999999", "cpv"),
        ("/api/v1/suppliers/?municipality=9999", "municipality"),
        ("/api/v1/suppliers/?limit=0", "limit"),
        ("/api/v1/tenders/?status=sleeping", "status"),
    ],
)
def test_bad_parameters_are_json_400s(client, supplier, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    assert parameter in [e["parameter"] for e in response.json()["errors"]]


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("/api/v1/suppliers/?cpv=12", "“12” is not an 8-digit CPV code."),
        ("/api/v1/suppliers/?cpv=99999999&cpv=12", "“12” is not an 8-digit CPV code."),
        ("/api/v1/suppliers/?cpv=99999999", "Unknown CPV code: 99999999."),
        ("/api/v1/suppliers/?cpv=12&municipality=9999", "Unknown municipality code: 9999."),
        ("/api/v1/suppliers/?region=0", "Unknown region code: 0."),
        ("/api/v1/tenders/?cpv=99999999", "Unknown CPV code: 99999999."),
        ("/api/v1/tenders/?region=7", "Unknown region code: 7."),
        ("/api/v1/events/?region=7", "Unknown region code: 7."),
    ],
)
def test_bad_codes_are_named_in_the_400(client, supplier, url, detail):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["detail"] == detail


def test_unknown_objects_and_routes_are_json_404s(client, supplier):
    for url in ("/api/v1/suppliers/123456/", "/api/v1/nothing/", "/api/v1/cpv-codes/11111111/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


def test_cors_and_cache_headers(client, supplier):
    response = client.get("/api/v1/suppliers/", HTTP_ORIGIN="https://kommune.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response["Cache-Control"]
    preflight = client.options("/api/v1/suppliers/", HTTP_ORIGIN="https://kommune.example")
    assert preflight.status_code == 204
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]


def test_rate_limit_answers_429_with_retry_after(client, supplier, settings):
    settings.API_RATE_LIMIT = (3, 60)
    statuses = [client.get("/api/v1/regions/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/regions/")
    assert int(response["Retry-After"]) > 0
    assert "Too many requests" in response.json()["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_clients_behind_a_trusted_proxy_have_their_own_rate_limit(client, supplier, settings):
    settings.API_RATE_LIMIT = (2, 60)
    settings.TRUSTED_PROXY_COUNT = 1

    def status(forwarded):
        return client.get(
            "/api/v1/regions/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    assert [status("203.0.113.9") for _ in range(3)] == [200, 200, 429]
    assert status("198.51.100.7") == 200
    assert status("198.51.100.7, 203.0.113.9") == 429


def test_without_trusted_proxies_a_forged_header_does_not_escape_the_limit(
    client, supplier, settings
):
    settings.API_RATE_LIMIT = (2, 60)
    statuses = [
        client.get("/api/v1/regions/", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code
        for i in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_bulk_conditional_get(client, supplier):
    first = client.get("/api/v1/suppliers.jsonl")
    assert first.status_code == 200
    b"".join(first.streaming_content)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/api/v1/suppliers.jsonl", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/api/v1/suppliers.csv", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    supplier.summary = "Ændret"
    supplier.save_revision().publish()
    assert client.get("/api/v1/suppliers.jsonl", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_bulk_csv_has_one_row_per_live_supplier(client, supplier):
    profile(name="Kladde", live=False)
    text = b"".join(client.get("/api/v1/suppliers.csv").streaming_content).decode()
    lines = text.strip().splitlines()
    assert lines[0].startswith("id,slug,name,url,cvr")
    assert len(lines) == 2 and "Grøn Rengøring" in lines[1] and "90911200" in lines[1]


def test_only_the_widget_may_be_framed(client, supplier):
    widget = client.get("/leverandoerer/widget/?cpv=90000000&heading=Lokale+leverandører")
    assert widget.status_code == 200
    assert not widget.has_header("X-Frame-Options")
    assert "frame-ancestors *" in widget["Content-Security-Policy"].split("; ")
    html = widget.content.decode()
    assert "Grøn Rengøring" in html and "Lokale leverandører" in html
    for url in ("/leverandoerer/", "/", "/api/v1/docs"):
        response = client.get(url)
        assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN"), url
        assert "frame-ancestors *" not in response.get("Content-Security-Policy", "")


def test_widget_uses_the_directory_filters(client, supplier):
    profile(name="Cykelværkstedet", cpv=["50000000"])
    html = client.get("/leverandoerer/widget/?cpv=50000000&rows=garbage").content.decode()
    assert "Cykelværkstedet" in html and "Grøn Rengøring" not in html


def test_docs_are_served_from_our_own_static_files(client):
    import re

    from django.contrib.staticfiles import finders

    html = client.get("/api/v1/docs").content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(url.startswith("/static/") for url in urls)
    assert "cdn" not in html.lower()
    assert all(finders.find(url.removeprefix("/static/")) for url in urls)
