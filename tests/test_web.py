"""The web page in a real headless Chromium, over the sample corpus as `marsad ingest` stores it."""

import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from conftest import ROOT, SEEDS
from serve_fixtures import SCRIPT_REPORT, Server

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
TOKEN = "web-test-token"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "seeds.db"
    subprocess.run([sys.executable, "-m", "marsad", "ingest", str(SEEDS), "--db", str(db)],
                   check=True, capture_output=True, cwd=ROOT)
    with Server(str(db), token=TOKEN) as s:
        yield s


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1200, "height": 1600}, locale="ar")
    pg = context.new_page()
    outside = []
    pg.on("request", lambda r: None if r.url.startswith(server.url) else outside.append(r.url))
    yield pg
    context.close()
    assert outside == [], f"the page asked for things elsewhere: {outside}"


def open_hash(page, server, fragment: str) -> None:
    page.goto(f"{server.url}/#{fragment}")
    page.wait_for_function("h => document.body.dataset.ready === h", arg="#" + fragment)


def doc_ids(server) -> dict[str, str]:
    items = httpx.get(f"{server.url}/api/documents", params={"limit": 50}).json()["items"]
    return {d["name"]: d["id"] for d in items}


def test_story_page_shows_000_and_004_together_with_outlets_and_timeline(page, server):
    ids = doc_ids(server)
    story_ids = httpx.get(f"{server.url}/api/documents/{ids['000_acdcb25d376a7de1']}").json()["stories"]
    assert story_ids, "report 000 is in no story"
    open_hash(page, server, "/story/" + story_ids[0])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "story.png"), full_page=True)
    assert page.locator("html").get_attribute("dir") == "rtl"
    reports = page.locator("#reports li.report")
    texts = reports.all_inner_texts()
    names = {n for n, i in ids.items() for t in reports.locator("a").all() if i in (t.get_attribute("href") or "")}
    assert {"000_acdcb25d376a7de1", "004_fbf16886c3633287"} <= names, f"the story holds {sorted(names)}"
    outlets = " ".join(texts)
    assert "إرم نيوز" in outlets and ("الدبلوماسي اليوم" in outlets or "موقع السفير" in outlets)
    assert page.locator("#timeline ol.timeline li").count() >= 1, "the story page shows no timeline"
    assert page.locator("#map svg.map path").count() > 10  # country borders, drawn offline


def test_search_finds_every_form_of_hudna(page, server):
    open_hash(page, server, "/search")
    page.fill("#search-form input[name=q]", "هدنة")
    page.press("#search-form input[name=q]", "Enter")
    page.wait_for_function("() => document.body.dataset.ready.includes('q=')")
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    # Every seed report with any form of the word (الهدنة, هدنة, للهدنة, الهدنةَ ...), and only those.
    expected = {p.stem for p in Path(SEEDS).glob("*.txt")
                if re.search(r"هـ?[\u064b-\u0652]*د[\u064b-\u0652]*ن[\u064b-\u0652]*[ةته]", p.read_text("utf-8"))}
    ids = doc_ids(server)
    found = {n for n, i in ids.items()
             for a in page.locator("#results .result h3 a").all() if a.get_attribute("href").endswith(i)}
    assert found == expected
    marks = page.locator("#results mark").all_inner_texts()
    assert marks and all("هدن" in re.sub(r"[\u064b-\u0652\u0640]", "", m) for m in marks)
    # Narrowed to one outlet by the form's filter.
    page.select_option("#search-form select[name=outlet]", "إرم نيوز")
    page.click("#search-form button[type=submit]")
    page.wait_for_function("() => document.body.dataset.ready.includes('outlet=')")
    assert page.locator("#results .result").count() == 1
    assert page.locator("#results .result .outlet").inner_text() == "إرم نيوز"


def test_entity_link_leads_to_the_entity_page(page, server):
    ids = doc_ids(server)
    open_hash(page, server, "/document/" + ids["000_acdcb25d376a7de1"])
    links = page.locator("#doc-text a.ent")
    assert links.count() > 0, "report 000 shows no entity links"
    name = links.first.inner_text()
    links.first.click()
    page.wait_for_function("() => document.body.dataset.ready.startsWith('#/entity/')")
    assert page.locator("#entity-name").inner_text()
    assert page.locator("#documents li").count() >= 1
    assert name in page.locator("main").inner_text()


def test_report_with_script_shows_as_text(page, server):
    r = httpx.post(f"{server.url}/api/documents", json={"reports": [{"text": SCRIPT_REPORT, "name": "evil"}]},
                   headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)
    doc_id = r.json()["documents"][0]["id"]
    open_hash(page, server, "/document/" + doc_id)
    assert "<script>window.__pwned = 1</script>" in page.locator("#doc-text").inner_text()
    assert page.locator("main script, main b").count() == 0
    assert page.evaluate("() => window.__pwned") is None
