"""The REST API: every endpoint, pagination, the write token, size limits, JSON errors."""

import json

import pytest
from fastapi.testclient import TestClient

from marsad.serve.api import create_app
from serve_fixtures import SCRIPT_REPORT, synthetic_store

TOKEN = "s3cret-token"


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "api.db"
    synthetic_store(path).close()
    return str(path)


@pytest.fixture()
def client(db):
    return TestClient(create_app(db))


@pytest.fixture()
def writer(db):
    return TestClient(create_app(db, token=TOKEN, max_body=20_000))


def test_stats_and_documents_paginate(client):
    assert client.get("/api/stats").json() == {"documents": 3, "stories": 2, "topics": 1, "entities": 4, "events": 2}
    page = client.get("/api/documents", params={"limit": 2}).json()
    assert (page["total"], page["limit"], page["offset"]) == (3, 2, 0)
    assert [d["id"] for d in page["items"]] == ["b2", "a1"]  # newest first
    rest = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    assert [d["id"] for d in rest["items"]] == ["c3"]


def test_document_filters(client):
    ids = lambda **p: [d["id"] for d in client.get("/api/documents", params=p).json()["items"]]  # noqa: E731
    assert ids(outlet="العربية") == ["a1"]
    assert ids(**{"from": "2024-08-21"}) == ["b2"]
    assert ids(to="2024-08") == ["b2", "a1", "c3"]  # inclusive month
    assert ids(to="2021") == ["c3"]
    assert ids(entity="Q30") == ["b2", "a1"]
    assert ids(event_type="ASSAULT") == ["b2", "a1"]
    assert ids(story="s2") == ["c3"]


def test_document_detail_is_the_contract_object_plus_links(client):
    d = client.get("/api/documents/a1").json()
    assert d["outlet"] == "العربية" and d["stories"] == ["s1"]
    assert {m["text"]: m["key"] for m in d["entities"]}["بابل"] == "~بابل"
    assert d["events"][0]["type"] == "ASSAULT"


def test_stories_sorted_newest_and_biggest(client):
    newest = client.get("/api/stories").json()["items"]
    assert [s["id"] for s in newest] == ["s1", "s2"]
    assert newest[0]["size"] == 2 and newest[0]["outlets"] == sorted(["العربية", "إرم نيوز"])
    biggest = client.get("/api/stories", params={"sort": "biggest"}).json()["items"]
    assert biggest[0]["id"] == "s1"
    assert client.get("/api/stories", params={"sort": "oldest"}).status_code == 422


def test_story_detail(client):
    s = client.get("/api/stories/s1").json()
    assert [r["id"] for r in s["reports"]] == ["a1", "b2"]
    assert s["timeline"][0]["date"] == "2024-07-30"
    assert s["comparison"][0]["claims"] == {"العربية": "4", "إرم نيوز": "3"}
    assert s["summary"] == ["الفصائل تنهي الهدنة مع أميركا."]
    assert [e["killed"] for e in s["events"]] == [4, 3] and s["events"][0]["coordinates"] == [32.5, 44.4]
    assert {e["key"]: e["mentions"] for e in s["top_entities"]} == {"Q30": 2, "~بابل": 2, "~الحشد الشعبي": 1}


def test_topics(client):
    page = client.get("/api/topics").json()
    assert page["items"][0]["id"] == "t1" and page["items"][0]["size"] == 2
    t = client.get("/api/topics/t1").json()
    assert [s["id"] for s in t["story_list"]] == ["s1", "s2"]


def test_entities_and_entity_page(client):
    page = client.get("/api/entities").json()
    assert [(e["key"], e["documents"]) for e in page["items"][:2]] == [("Q30", 2), ("~بابل", 2)]
    # Either spelling finds the linked entity; its page gathers both names, its stories and events.
    assert [e["key"] for e in client.get("/api/entities", params={"q": "الولايات"}).json()["items"]] == ["Q30"]
    e = client.get("/api/entities/Q30").json()
    assert sorted(e["names"]) == sorted(["أميركا", "الولايات المتحدة"])
    assert [s["id"] for s in e["stories"]] == ["s1"]
    assert e["by_month"] == {"2024-08": 2}
    place = client.get("/api/entities/~بابل").json()
    assert [ev["document"] for ev in place["events"]] == ["a1", "b2"]  # named as the place


def test_events(client):
    page = client.get("/api/events", params={"type": "ASSAULT"}).json()
    assert page["total"] == 2 and {e["outlet"] for e in page["items"]} == {"العربية", "إرم نيوز"}
    assert client.get("/api/events", params={"outlet": "إرم نيوز"}).json()["total"] == 1
    assert client.get("/api/event-types").json() == [{"type": "ASSAULT", "events": 2}]
    assert client.get("/api/outlets").json()[0]["documents"] == 1


def test_search_any_form_ranked_with_snippets(client):
    page = client.get("/api/search", params={"q": "الهدنة"}).json()
    assert {r["id"] for r in page["items"]} == {"a1", "b2", "c3"}  # الهدنة, هدنةُ, هدنة
    b = next(r for r in page["items"] if r["id"] == "b2")
    s, e = b["title_highlights"][0]
    assert b["title"][s:e] == "هدنةُ"  # highlighted as the outlet wrote it
    sn = b["snippet"]
    assert [sn["text"][s:e] for s, e in sn["highlights"]] == ["هدنةُ"]
    one = client.get("/api/search", params={"q": "أمريكا", "outlet": "العربية"}).json()
    assert [r["id"] for r in one["items"]] == ["a1"]  # written أميركا
    assert client.get("/api/search", params={"q": "هدنة", "story": "s2"}).json()["total"] == 1


def test_export_documents_jsonl(client):
    r = client.get("/api/export/documents.jsonl", params={"story": "s1"})
    assert r.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert {row["id"] for row in rows} == {"a1", "b2"} and "stories" not in rows[0]


def test_export_events(client):
    plover = client.get("/api/export/events", params={"format": "plover", "outlet": "العربية"})
    assert plover.headers["content-type"].startswith("application/json")
    assert [e["event_type"] for e in plover.json()] == ["ASSAULT"]
    acled = client.get("/api/export/events", params={"format": "acled"})
    assert acled.headers["content-type"].startswith("text/csv")
    assert acled.text.splitlines()[0].startswith("event_date,event_type") and len(acled.text.splitlines()) == 3
    geo = client.get("/api/export/events", params={"format": "geojson", "story": "s1"}).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 2
    assert geo["features"][0]["geometry"]["coordinates"] == [44.4, 32.5]  # longitude first
    assert client.get("/api/export/events", params={"format": "kml"}).status_code == 422


def test_openapi_and_docs_served(client):
    spec = client.get("/openapi.json").json()
    for path in ["/api/documents", "/api/stories/{story_id}", "/api/search", "/api/entities/{key}", "/api/events"]:
        assert path in spec["paths"]
    assert client.get("/docs", follow_redirects=False).headers["location"] == "/#/api"


def test_errors_are_json(client):
    r = client.get("/api/stories/nope")
    assert r.status_code == 404 and r.json() == {"error": {"status": 404, "message": "no story 'nope'"}}
    r = client.get("/api/search", params={"q": "x", "from": "last week"})
    assert r.status_code == 422 and "query.from" in r.json()["error"]["message"]
    assert client.get("/api/documents", params={"limit": 5000}).status_code == 422
    assert client.get("/api/nothing").json()["error"]["status"] == 404


def test_read_only_without_a_token(client):
    r = client.post("/api/documents", json={"reports": [{"text": "هدنة جديدة"}]})
    assert r.status_code == 403 and "token" in r.json()["error"]["message"]
    assert client.get("/api/stats").json()["documents"] == 3


def test_write_needs_the_right_token(writer):
    body = {"reports": [{"text": "أعلنت الفصائل هدنة جديدة في بغداد.", "name": "new", "outlet": "الشرق"}]}
    assert writer.post("/api/documents", json=body).status_code == 401
    assert writer.post("/api/documents", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = writer.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201 and r.json()["added"] == 1 and r.json()["failures"] == []
    assert writer.get("/api/search", params={"q": "الهدنة", "outlet": "الشرق"}).json()["total"] == 2
    again = writer.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["added"] == 0  # same content, same report


def test_request_size_and_shape_limits(writer):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"reports": [{"text": "هدنة " * 10_000}]}
    r = writer.post("/api/documents", json=big, headers=auth)
    assert r.status_code == 413 and r.json()["error"]["status"] == 413

    def chunked():  # no Content-Length: counted as it arrives
        yield b'{"reports": [{"text": "'
        yield from [b"x" * 1000] * 30
        yield b'"}]}'

    r = writer.post("/api/documents", content=chunked(), headers={**auth, "content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["status"] == 413
    r = writer.post("/api/documents", json={"reports": [{"name": "no text"}]}, headers=auth)
    assert r.status_code == 422 and "text" in r.json()["error"]["message"]


def test_a_report_carrying_script_stays_inert(writer, client):
    r = writer.post("/api/documents", json={"reports": [{"text": SCRIPT_REPORT, "name": "evil"}]},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    doc_id = r.json()["documents"][0]["id"]
    got = writer.get(f"/api/documents/{doc_id}")
    assert got.headers["content-type"] == "application/json"
    assert "<script>window.__pwned = 1</script>" in got.json()["text"]  # kept as the report's characters
    page = writer.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert "<script" not in page.text.replace('<script src="/static/app.js" defer></script>', "")
    assert page.headers["x-content-type-options"] == "nosniff"
