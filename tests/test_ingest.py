"""ingest: every format and encoding, and bad inputs reported while the batch goes on.

Fixtures are written into tmp_path by the tests themselves.
"""

import gzip
import io
import json
import subprocess
import sys
import time
import tracemalloc

import pytest

from conftest import SEEDS
from marsad.ingest import read_paths
from marsad.pipeline import analyze_paths
from marsad.records import IngestFailure, RawDocument

REPORT = (
    "قال قائد فصيل إن الفصائل المسلحة في العراق أعلنت انتهاء الهدنة غير الرسمية مع الولايات المتحدة، "
    "وهددت بشن هجمات تستهدف قواعد الجيش.\n"
    "وأوضح القائد العسكري أن قرار إنهاء الهدنة يرجع إلى عدم جدية الحكومتين في جدولة انسحاب القوات من العراق."
)
TITLE = "الفصائل المسلحة في العراق تنهي الهدنة مع أمريكا"


def read(*paths):
    items = list(read_paths(paths))
    return [i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, IngestFailure)]


def page(body: str = REPORT, head: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.splitlines())
    return (f"<!DOCTYPE html><html lang='ar'><head><meta charset='utf-8'>{head}<title>{TITLE} | العربية</title>"
            f"</head><body><nav><a href='/'>الرئيسية</a></nav><article><h1>{TITLE}</h1>{paras}</article>"
            "<footer>جميع الحقوق محفوظة © 2024</footer></body></html>")


# ---- encodings ----------------------------------------------------------------


@pytest.mark.parametrize("encoding, data", [
    ("utf-8", REPORT.encode("utf-8")),
    ("utf-8-sig", b"\xef\xbb\xbf" + REPORT.encode("utf-8")),
    ("utf-16-le", b"\xff\xfe" + REPORT.encode("utf-16-le")),
    ("utf-16-be", b"\xfe\xff" + REPORT.encode("utf-16-be")),
    ("utf-16-le", REPORT.encode("utf-16-le")),
    ("utf-16-be", REPORT.encode("utf-16-be")),
    ("cp1256", REPORT.encode("cp1256")),
    ("iso8859-6", REPORT.encode("iso-8859-6")),
])
def test_arabic_comes_out_right_in_every_encoding(tmp_path, encoding, data):
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    docs, failures = read(path)
    assert not failures
    assert docs[0].content == REPORT
    assert docs[0].encoding.replace("_", "-") == encoding.replace("iso8859", "iso-8859")


def test_a_seed_saved_as_windows_1256_analyzes_like_the_original(tmp_path):
    seed = SEEDS / "003_495832e6572bb9ff.txt"
    (tmp_path / "003.txt").write_bytes(seed.read_text("utf-8").encode("cp1256"))
    [original] = analyze_paths([seed])
    [converted] = analyze_paths([tmp_path / "003.txt"])
    assert converted.document.text == original.document.text
    assert converted.document.id == original.document.id
    assert converted.document.title == original.document.title


def test_html_page_declaring_windows_1256(tmp_path):
    html = page().replace("charset='utf-8'", "charset='windows-1256'")
    (tmp_path / "p.html").write_bytes(html.encode("cp1256"))
    [a] = analyze_paths([tmp_path / "p.html"])
    assert "وأوضح القائد العسكري" in a.document.text


def test_html_page_declaring_the_wrong_charset(tmp_path):
    html = page().replace("charset='utf-8'", "charset='windows-1256'")
    (tmp_path / "p.html").write_bytes(html.encode("utf-8"))  # says Windows-1256, is UTF-8
    [raw] = read_paths([tmp_path / "p.html"])
    assert raw.encoding == "utf-8" and REPORT.splitlines()[1] in raw.content


# ---- formats ------------------------------------------------------------------


def test_txt_and_html_and_htm(tmp_path):
    (tmp_path / "a.txt").write_text(TITLE + "\n\n" + REPORT, "utf-8")
    (tmp_path / "b.html").write_text(page(), "utf-8")
    (tmp_path / "c.htm").write_text(page(), "utf-8")
    results = {a.document.name: a.document for a in analyze_paths([tmp_path])}
    assert set(results) == {"a", "b", "c"}
    for doc in results.values():
        assert doc.title == TITLE
        assert "وأوضح القائد العسكري أن قرار إنهاء الهدنة" in doc.text
        assert "جميع الحقوق محفوظة" not in doc.text
    assert results["b"].outlet == "العربية"  # from the page title's site suffix


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>سكاي نيوز عربية</title><link>https://www.skynewsarabia.com</link>
<item><title>{title}</title><link>https://www.skynewsarabia.com/middle-east/1</link>
<pubDate>Sun, 18 Feb 2018 21:35:43 +0400</pubDate><description><![CDATA[{html}]]></description></item>
<item><title>خبر ثان</title><link>https://www.skynewsarabia.com/middle-east/2</link>
<pubDate>Mon, 19 Feb 2018 08:00:00 GMT</pubDate>
<description>وقال الوزير إن المفاوضات مستمرة بين الطرفين منذ أسابيع.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>فرانس 24</title><id>urn:f24</id><updated>2018-02-18T15:38:57Z</updated>
<entry><title>{title}</title><id>urn:f24:1</id><link href="https://www.france24.com/ar/1"/>
<updated>2018-02-18T15:38:57+01:00</updated><content type="html">{html}</content></entry></feed>"""


def test_rss_feed(tmp_path):
    html = "".join(f"<p>{p}</p>" for p in REPORT.splitlines())
    (tmp_path / "feed.rss").write_text(RSS.format(title=TITLE, html=html), "utf-8")
    docs = [a.document for a in analyze_paths([tmp_path / "feed.rss"])]
    assert len(docs) == 2
    first = docs[0]
    assert first.title == TITLE and first.outlet == "سكاي نيوز عربية"
    assert first.text == REPORT
    assert (first.published.value, first.published.timezone) == ("2018-02-18T21:35", "+04:00")
    assert (docs[1].published.value, docs[1].published.timezone) == ("2018-02-19T08:00", "+00:00")


def test_atom_feed(tmp_path):
    from xml.sax.saxutils import escape

    html = escape("".join(f"<p>{p}</p>" for p in REPORT.splitlines()))
    (tmp_path / "feed.xml").write_text(ATOM.format(title=TITLE, html=html), "utf-8")
    [a] = analyze_paths([tmp_path / "feed.xml"])
    assert a.document.outlet == "فرانس 24"
    assert a.document.text == REPORT
    assert (a.document.published.value, a.document.published.timezone) == ("2018-02-18T15:38", "+01:00")


def test_feed_with_a_plain_doctype_is_read(tmp_path):
    rss = RSS.format(title=TITLE, html=REPORT).replace(
        '<rss version="2.0">',
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="2.0">')
    (tmp_path / "old.rss").write_text(rss, "utf-8")
    docs, failures = read(tmp_path / "old.rss")
    assert len(docs) == 2 and not failures


def jsonl_lines():
    return [
        json.dumps({"text": REPORT, "title": TITLE, "src": "alarabia", "docno": "AL-1",
                    "time": "Sun, 18 Feb 2018 21:35:43 +0400", "url": "http://www.alarabiya.net/ar/1"},
                   ensure_ascii=False),
        "{not json",
        json.dumps({"html": page(), "name": "page-one"}, ensure_ascii=False),
        json.dumps({"title": "بلا نص"}, ensure_ascii=False),
        "",
        json.dumps(["a list"]),
    ]


@pytest.mark.parametrize("name", ["reports.jsonl", "reports.jsonl.gz"])
def test_jsonl_plain_and_gzipped_with_bad_lines(tmp_path, name):
    data = ("\n".join(jsonl_lines()) + "\n").encode("utf-8")
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    docs, failures = read(path)
    assert [d.name for d in docs] == ["AL-1", "page-one"]
    assert docs[0].outlet == "alarabia" and docs[0].media_type == "text/plain"
    assert docs[1].media_type == "text/html"
    assert sorted(f.source for f in failures) == [f"{path}:2", f"{path}:4", f"{path}:6"]
    assert "invalid JSON" in next(f.reason for f in failures if f.source.endswith(":2"))
    analyzed = [a for a in analyze_paths([path]) if not isinstance(a, IngestFailure)]
    assert analyzed[0].document.outlet == "العربية"
    assert analyzed[0].document.published.timezone == "+04:00"


def test_jsonl_line_that_is_not_utf8_is_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": REPORT}, ensure_ascii=False).encode("utf-8")
    path.write_bytes(good + b"\n" + json.dumps({"text": "x"}).encode()[:-2] + "عربي\"}".encode("cp1256") + b"\n" + good)
    docs, failures = read(path)
    assert len(docs) == 2
    assert failures[0].source == f"{path}:2" and "not UTF-8" in failures[0].reason


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    lines = "".join(json.dumps({"text": f"{REPORT} {i}"}, ensure_ascii=False) + "\n" for i in range(200))
    data = gzip.compress(lines.encode("utf-8"))
    path.write_bytes(data[: len(data) * 2 // 3])
    docs, failures = read(path)
    assert 0 < len(docs) < 200
    assert len(failures) == 1 and "cannot read further" in failures[0].reason


def test_warc_written_with_warcio(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body, ctype in [
            ("https://www.alarabiya.net/ar/1", page().encode("utf-8"), "text/html; charset=utf-8"),
            ("https://www.alarabiya.net/ar/2", page().replace("charset='utf-8'", "").encode("cp1256"),
             "text/html; charset=windows-1256"),
            ("https://www.alarabiya.net/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    docs = [a.document for a in analyze_paths([path])]
    assert [d.source for d in docs] == ["https://www.alarabiya.net/ar/1", "https://www.alarabiya.net/ar/2"]
    assert docs[0].id == docs[1].id  # the same report, whatever its bytes
    assert all(d.outlet == "العربية" and "وأوضح القائد العسكري" in d.text for d in docs)


# ---- bad inputs ---------------------------------------------------------------


def bad_inputs(folder):
    (folder / "good.txt").write_text(REPORT, "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\n ")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (folder / "archive.txt").write_bytes(gzip.compress(REPORT.encode("utf-8")))
    (folder / "latin1.txt").write_bytes("Le café était fermé à Bagdad, déclare le ministère.".encode("latin-1"))
    (folder / "broken-bom.txt").write_bytes(b"\xef\xbb\xbf" + REPORT.encode("utf-8")[:40] + b"\xff\xfe\xfd")
    (folder / "laughs.xml").write_text(BILLION_LAUGHS.format(body="&lol9;"), "utf-8")
    (folder / "laughs.html").write_text(BILLION_LAUGHS_HTML, "utf-8")
    (folder / "malformed.html").write_text(MALFORMED_HTML, "utf-8")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">""" + "".join(
    f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
) + """]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>t</title><description>{body}</description></item></channel></rss>"""

BILLION_LAUGHS_HTML = BILLION_LAUGHS.replace("<rss", "<html><body><p>&lol9;</p></body></html><!--").replace(
    "</rss>", "-->")

MALFORMED_HTML = (
    "<html><head><title>" + TITLE + "</title><body><div class=article><h1>" + TITLE
    + "<p>" + REPORT.splitlines()[0] + "<p>" + REPORT.splitlines()[1].replace("جدولة", "<b>جدولة <i>")
    + "</b></div><div><span>زر الذهاب إلى الأعلى"
)


def test_bad_inputs_each_reported_and_the_batch_goes_on(tmp_path):
    bad_inputs(tmp_path)
    missing = tmp_path / "nowhere.txt"
    results = list(analyze_paths([tmp_path, missing]))
    failures = {f.source.rsplit("/", 1)[-1]: f.reason for f in results if isinstance(f, IngestFailure)}
    docs = {a.document.name: a.document for a in results if not isinstance(a, IngestFailure)}
    assert set(docs) == {"good", "malformed"}
    assert failures["empty.txt"] == "empty file"
    assert failures["blank.txt"] == "empty file"
    assert "PNG image" in failures["photo.txt"]
    assert "gzip" in failures["archive.txt"]
    assert "cannot decode" in failures["latin1.txt"]
    assert "invalid utf-8-sig" in failures["broken-bom.txt"]
    assert "entity" in failures["laughs.xml"] and "entity" in failures["laughs.html"]
    assert failures["nowhere.txt"] == "no such file or folder"
    # a malformed page still gives the report, whole
    assert docs["malformed"].title == TITLE
    assert docs["malformed"].text == REPORT


def test_billion_laughs_is_refused_fast_and_small(tmp_path):
    path = tmp_path / "attack.rss"
    path.write_text(BILLION_LAUGHS.format(body="&lol9;" * 50), "utf-8")
    tracemalloc.start()
    started = time.perf_counter()
    results = list(analyze_paths([path]))
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(results) == 1 and isinstance(results[0], IngestFailure)
    assert "entit" in results[0].reason
    assert peak < 20_000_000 and elapsed < 5  # expanded, it would be gigabytes


def test_folder_with_nothing_readable(tmp_path):
    (tmp_path / "notes.md").write_text("x", "utf-8")
    [failure] = list(read_paths([tmp_path]))
    assert isinstance(failure, IngestFailure) and "no readable report files" in failure.reason


# ---- through the CLI ----------------------------------------------------------


def test_cli_reports_bad_files_on_stderr_and_good_ones_on_stdout(tmp_path):
    bad_inputs(tmp_path)
    out = subprocess.run([sys.executable, "-m", "marsad", "analyze", str(tmp_path), str(tmp_path / "nowhere.txt")],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 1
    names = sorted(json.loads(line)["name"] for line in out.stdout.splitlines())
    assert names == ["good", "malformed"]
    for bad in ("empty.txt", "blank.txt", "photo.txt", "archive.txt", "latin1.txt", "broken-bom.txt",
                "laughs.xml", "laughs.html", "nowhere.txt"):
        line = next(line for line in out.stderr.splitlines() if bad in line)
        assert str(tmp_path / bad) in line and ": " in line.split(bad, 1)[1]


def test_one_corrupt_byte_in_utf8_is_reported_not_read_as_another_code_page(tmp_path):
    data = (SEEDS / "002_36023599d9510de5.txt").read_bytes()
    at = data.index(b"\n") + 1
    (tmp_path / "corrupt.txt").write_bytes(data[:at] + b"\xff" + data[at:])
    [failure] = list(read_paths([tmp_path / "corrupt.txt"]))
    assert isinstance(failure, IngestFailure)
    assert f"not UTF-8 (byte 0xff at offset {at})" in failure.reason
