"""Stores and servers the serve tests share."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

from marsad.records import (
    AnalyzedDocument, Annotation, Discrepancy, Document, Event, Mention, Published, Span, Story, TimelineEntry, Topic,
)
from marsad.store import SQLiteStore

SCRIPT_REPORT = 'عاجل: <script>window.__pwned = 1</script> <b>هدنة</b> & "اقتباس"'


def _doc(doc_id, name, outlet, published, text, mentions=(), events=()):
    d = Document(doc_id, name, f"test:{name}", outlet, "ar", text.split("\n")[0],
                 Published(published, "day") if published else None, text)
    ann = Annotation(mentions=[Mention(text.index(t), text.index(t) + len(t), t, ty, e) for t, ty, e in mentions])
    evs = []
    for ty, sentence, place, coords, date, killed in events:
        s = text.index(sentence)
        evs.append(Event(ty, None, None, None, place, coords, date, killed, None, None, Span(s, s + len(sentence)), 0.8))
    return AnalyzedDocument(d, ann, evs)


def synthetic_store(path: Path) -> SQLiteStore:
    """Three reports with entities, events and one story (as later stages will fill them)."""
    return fill_synthetic(SQLiteStore(path))


def fill_synthetic(store):
    """synthetic_store's reports and stories, into any store."""
    a = _doc("a1", "a", "العربية", "2024-08-20",
             "الفصائل تنهي الهدنة مع أميركا\nقصفت طائرة مسيرة قاعدة في بابل فقتلت 4 من الحشد الشعبي.",
             [("أميركا", "LOC", "Q30"), ("بابل", "LOC", None), ("الحشد الشعبي", "ORG", None)],
             [("ASSAULT", "قصفت طائرة مسيرة قاعدة في بابل فقتلت 4 من الحشد الشعبي.", "بابل",
               (32.5, 44.4), "2024-07-30", 4)])
    b = _doc("b2", "b", "إرم نيوز", "2024-08-22",
             "هل تنهار هدنةُ الفصائل مع الولايات المتحدة؟\nقتل 3 في بابل بضربة أمريكية.",
             [("الولايات المتحدة", "LOC", "Q30"), ("بابل", "LOC", None)],
             [("ASSAULT", "قتل 3 في بابل بضربة أمريكية.", "بابل", (32.5, 44.4), "2024-07-30", 3)])
    c = _doc("c3", "c", "الشرق", "2021-09-12", "محادثات في بغداد حول انسحاب التحالف\n" + SCRIPT_REPORT,
             [("بغداد", "LOC", None)])
    store.add_documents([a, b, c])
    story = Story("s1", ["a1", "b2"], "انهيار الهدنة في العراق", ("2024-08-20", "2024-08-22"), "t1",
                  timeline=[TimelineEntry("2024-07-30", "ضربة على بابل", ["a1", "b2"], "العربية", "ASSAULT")],
                  comparison=[Discrepancy("killed", "ضربة بابل", {"العربية": "4", "إرم نيوز": "3"})],
                  summary=["الفصائل تنهي الهدنة مع أميركا."])
    other = Story("s2", ["c3"], "محادثات الانسحاب", ("2021-09-12", "2021-09-12"), "t1")
    store.replace_stories([story, other], [Topic("t1", "الهدنة بين الفصائل والقوات الأميركية", ["s1", "s2"])])
    return store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn serving `create_app(db)` on 127.0.0.1 in a thread."""

    def __init__(self, db: str, token: str | None = None):
        import uvicorn

        from marsad.serve.api import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db, token=token), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
