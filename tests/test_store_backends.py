"""One schema, two back ends: the same corpus gives the same store on SQLite and PostgreSQL."""

import pytest

from conftest import SEEDS
from marsad.contract import analyzed_from_json, document_json
from marsad.pipeline import analyze_paths
from marsad.store import SQLiteStore, open_store
from marsad.store.migrations import LATEST, MIGRATIONS
from marsad.stories import cluster

QUERIES = ["الفصائل", "الهدنة", "القوات الأمريكية", "عين الأسد", "انسحاب التحالف", "الْفَصَائِل", '"عين الأسد"',
           '"القوات الأمريكية" انسحاب', "كلمة-لا-توجد"]


@pytest.fixture(scope="module")
def seeds():
    return list(analyze_paths([SEEDS]))


def found_ids(store, query: str) -> set[str]:
    page = store.search(query, None, 200)
    assert page["total"] == len(page["items"])
    return {r["id"] for r in page["items"]}


def fill(url, docs):
    store = open_store(url)
    assert store.add_documents(docs) == len(docs)
    assert store.add_documents(docs) == 0  # same content, nothing new
    stories, topics = cluster([analyzed_from_json(a) for a in store.analyses()])
    store.replace_stories(stories, topics)
    return store


def test_open_store_reads_every_url_form(tmp_path):
    for url in (str(tmp_path / "a.db"), f"sqlite:///{tmp_path / 'b.db'}"):
        with open_store(url) as store:
            assert isinstance(store, SQLiteStore)
    with pytest.raises(ValueError, match="unsupported store URL"):
        open_store("mysql://x/y")


def test_migrations_are_recorded_and_applied_once(url):
    with open_store(url) as store:
        assert store.schema_version() == LATEST == len(MIGRATIONS)
    with open_store(url) as store:  # opening again applies nothing and fails nothing
        assert store.schema_version() == LATEST


def test_an_old_sqlite_store_is_migrated_in_place(tmp_path, seeds):
    path = tmp_path / "old.db"
    import sqlite3
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0].sqlite)  # a store made before schema_version existed
    db.close()
    with open_store(str(path)) as store:
        assert store.schema_version() == LATEST
        assert store.add_documents(seeds) == len(seeds)


def test_sqlite_and_postgresql_hold_the_same_documents_stories_and_search_results(tmp_path, pg_url, seeds):
    lite, pg = fill(str(tmp_path / "m.db"), seeds), fill(pg_url, seeds)
    assert lite.count_documents() == pg.count_documents() == len(seeds)
    assert list(lite.analyses()) == list(pg.analyses()) == sorted(
        (document_json(a) for a in seeds), key=lambda d: ((d["published"] or {}).get("value") or "", d["id"]))
    assert lite.cluster_stories() == pg.cluster_stories() and len(lite.cluster_stories()) >= 1
    hits = 0
    for q in QUERIES:
        found = found_ids(lite, q)
        assert found == found_ids(pg, q), q
        hits += len(found)
    assert hits > 0
    for store in (lite, pg):
        assert store.search("كلمة-لا-توجد")["total"] == 0 and store.search("")["items"] == []


def test_search_matches_spelling_variants(url, seeds):
    store = fill(url, seeds)
    assert found_ids(store, "الأمريكية") == found_ids(store, "الامريكيّة") == found_ids(store, "الأميركية") != set()


def test_source_keys_are_stored_with_their_batch(url, seeds):
    with open_store(url) as store:
        store.add_documents(seeds[:2], ["k0", "k1"])
        assert store.known_sources(["k0", "k1", "k2"]) == {"k0", "k1"}
        with pytest.raises(ValueError):
            store.add_documents(seeds[2:], ["k2"])


def test_ingest_gives_the_same_store_on_both_back_ends(tmp_path, pg_url):
    """`marsad ingest` (stories placed batch by batch from the stored state) through each back end."""
    from marsad.serve.commands.ingest_run import run_ingest
    from scale_corpus import write_corpus

    corpus = write_corpus(tmp_path / "reports.jsonl", 24, repeat_every=6)
    lite = str(tmp_path / "m.db")
    for url in (lite, pg_url):
        assert run_ingest([corpus, SEEDS], url, batch_size=7) == 0
        assert run_ingest([SEEDS], url, batch_size=7) == 0  # again: nothing new, state reloaded
    with open_store(lite) as a, open_store(pg_url) as b:
        assert a.count_documents() == b.count_documents() == 21 + 5
        assert list(a.analyses()) == list(b.analyses())
        assert a.cluster_stories() == b.cluster_stories()
        assert a.story_counts() == b.story_counts()
        assert {d for s in a.cluster_stories() for d in s["documents"]} == {d["id"] for d in a.analyses()}
        for q in QUERIES:
            assert found_ids(a, q) == found_ids(b, q), q


def without_scores(page: dict) -> dict:
    """A search page as both back ends agree on it: the same hits, snippets and total; the rank
    (BM25 on SQLite, ts_rank on PostgreSQL) may order them differently."""
    items = [{k: v for k, v in item.items() if k != "score"} for item in page["items"]]
    return {**page, "items": sorted(items, key=lambda item: item["id"])}


def test_every_read_query_answers_the_same_on_both_back_ends(tmp_path, pg_url):
    """What the API and the web page ask (store/queries.py), over reports with entities, events and stories."""
    from marsad.store.queries import Filters
    from serve_fixtures import fill_synthetic

    a, b = fill_synthetic(open_store(str(tmp_path / "s.db"))), fill_synthetic(open_store(pg_url))
    calls = [
        lambda s: s.documents(), lambda s: s.documents(Filters(date_from="2024-08", outlet="العربية")),
        lambda s: s.documents(Filters(entity="Q30")), lambda s: s.documents(Filters(event_type="ASSAULT")),
        lambda s: s.documents(Filters(story="s1"), limit=1, offset=1), lambda s: s.document("a1"),
        lambda s: s.document("missing"), lambda s: s.stories(), lambda s: s.stories("biggest"),
        lambda s: s.story("s1"), lambda s: s.topics(), lambda s: s.topic("t1"),
        lambda s: s.entities(), lambda s: s.entities("بابل"), lambda s: s.entities(type="LOC", limit=2),
        lambda s: s.entity("Q30"), lambda s: s.entity("~بابل"), lambda s: s.events(), lambda s: s.events(type="ASSAULT"),
        lambda s: s.outlets(), lambda s: s.event_types(), lambda s: s.stats(),
        lambda s: without_scores(s.search("هدنة")), lambda s: without_scores(s.search('"طائرة مسيرة" بابل')),
        lambda s: without_scores(s.search("الهدنة", Filters(date_to="2024-08-21"))),
        lambda s: s.search("بابل", limit=1, offset=1)["total"],
    ]
    for i, call in enumerate(calls):
        assert call(a) == call(b), i
    assert a.search("هدنة")["total"] == 3 and a.entity("~بابل")["events"]
