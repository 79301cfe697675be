// marsad's page: a small router over the JSON API. Every piece of report text
// goes into the page as a text node (never as HTML), so a report carrying
// markup or <script> shows as the characters it contains.
"use strict";

const EVENT_NAMES = {
  ASSAULT: "هجوم", THREATEN: "تهديد", AGREE: "اتفاق", CONSULT: "مشاورات", RETREAT: "انسحاب/تهدئة",
  CONCEDE: "تنازل", PROTEST: "احتجاج", COERCE: "إكراه", MOBILIZE: "تعبئة", AID: "مساعدة",
  REQUEST: "طلب", ACCUSE: "اتهام", SUPPORT: "دعم", REJECT: "رفض", SANCTION: "عقوبات",
  SEIZE: "احتجاز", COOPERATE: "تعاون", DEMAND: "مطالبة",
  X_STATEMENT: "تصريح", X_TRUCE_END: "إنهاء هدنة", X_TRUCE_DENIED: "نفي هدنة",
};
const ENTITY_TYPES = { PER: "شخص", ORG: "منظمة", LOC: "مكان", FAC: "منشأة", NORP: "جماعة", MISC: "أخرى" };
const FIELD_NAMES = { killed: "القتلى", injured: "الجرحى", date: "التاريخ", place: "المكان", actor: "الفاعل",
                      target: "المستهدف", published: "النشر" };

// -- building the page out of text nodes ------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function svg(tag, attrs, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const c of children.flat(Infinity)) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

// Text with [start, end) ranges marked; `wrap` makes the element for a range.
function marked(text, ranges, wrap) {
  const out = [];
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (r[0] < at) continue;
    out.push(text.slice(at, r[0]), wrap(text.slice(r[0], r[1]), r));
    at = r[1];
  }
  out.push(text.slice(at));
  return out;
}

const link = (href, ...children) => h("a", { href }, ...children);
const storyHref = (id) => "#/story/" + encodeURIComponent(id);
const docHref = (id) => "#/document/" + encodeURIComponent(id);
const entityHref = (key) => "#/entity/" + encodeURIComponent(key);
const eventName = (t) => (EVENT_NAMES[t] ? `${EVENT_NAMES[t]} (${t})` : t);

const date = (text) => h("span", { class: "date" }, text);

// A publication date; an estimate says so, its Arabic words outside the left-to-right dates.
function when(p) {
  if (!p) return h("span", { class: "muted" }, "دون تاريخ");
  const value = p.value.replace("T", " ");
  if (p.estimated && p.window) return h("span", {}, "تقديرًا بين ", date(p.window[0]), " و", date(p.window[1]));
  if (p.estimated) return h("span", {}, "تقديرًا ", date(value));
  return date(value);
}

// -- talking to the API ------------------------------------------------------

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") qs.set(k, v);
  const url = "/api/" + path + (qs.toString() ? "?" + qs : "");
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await res.json();
  if (!res.ok) throw new Error(body.error ? body.error.message : res.statusText);
  return body;
}

function show(...children) {
  const main = document.getElementById("main");
  main.replaceChildren();
  append(main, children);
  window.scrollTo(0, 0);
}

function pager(page, go) {
  const prev = page.offset > 0;
  const next = page.offset + page.limit < page.total;
  if (!prev && !next) return null;
  return h("div", { class: "pager" },
    prev ? link(go(Math.max(0, page.offset - page.limit)), "→ السابق") : null,
    h("span", { class: "muted" }, `${page.offset + 1}–${Math.min(page.total, page.offset + page.limit)} من ${page.total}`),
    next ? link(go(page.offset + page.limit), "التالي ←") : null);
}

// -- pages -------------------------------------------------------------------

async function storiesPage(params) {
  const sort = params.get("sort") === "biggest" ? "biggest" : "newest";
  const offset = +params.get("offset") || 0;
  const [page, stats] = await Promise.all([api("stories", { sort, offset, limit: 20 }), api("stats")]);
  show(
    h("h1", {}, "القصص"),
    h("p", { class: "muted" },
      `${stats.documents} تقريرًا، ${stats.stories} قصة، ${stats.topics} ملفًا، ${stats.entities} اسمًا، ${stats.events} حدثًا`),
    h("div", { class: "tabs" },
      h("a", { href: "#/?sort=newest", class: sort === "newest" ? "on" : "" }, "الأحدث"),
      h("a", { href: "#/?sort=biggest", class: sort === "biggest" ? "on" : "" }, "الأكبر")),
    page.items.length ? null : h("p", { class: "muted" }, "لا قصص في المخزن بعد: أضف تقارير بالأمر marsad ingest."),
    page.items.map(storyCard),
    pager(page, (o) => `#/?sort=${sort}&offset=${o}`));
}

function storyCard(s) {
  return h("div", { class: "card story-card" },
    h("h3", {}, link(storyHref(s.id), s.title || "(دون عنوان)")),
    h("div", { class: "meta" },
      h("span", { class: "badge" }, `${s.size} تقرير`),
      s.span ? date(s.span[0] === s.span[1] ? s.span[0] : `${s.span[0]} – ${s.span[1]}`) : null,
      h("span", {}, s.outlets.join("، "))));
}

async function storyPage(id) {
  const s = await api("stories/" + encodeURIComponent(id));
  const byId = Object.fromEntries(s.reports.map((r) => [r.id, r]));
  show(
    h("h1", { id: "story-title" }, s.title || "(دون عنوان)"),
    h("div", { class: "meta" },
      s.span ? date(`${s.span[0]} – ${s.span[1]}`) : null,
      h("span", { class: "badge" }, `${s.reports.length} تقرير`),
      s.topic ? link("#/topic/" + encodeURIComponent(s.topic), "الملف") : null,
      link("#/search?story=" + encodeURIComponent(s.id), "ابحث في هذه القصة")),
    section("الخلاصة", "summary",
      s.summary && s.summary.length ? h("ul", {}, s.summary.map((x) => h("li", {}, x)))
        : h("p", { class: "muted" }, "لا خلاصة لهذه القصة بعد.")),
    section("الخط الزمني", "timeline", timeline(s.timeline || [], byId)),
    h("div", { class: "grid" },
      section("التقارير ومصادرها", "reports", h("ol", {}, s.reports.map((r) => h("li", { class: "report" },
        link(docHref(r.id), r.title || h("bdi", {}, r.name || r.id)), " — ",
        h("span", { class: "outlet" }, r.outlet || "مصدر غير معروف"), " ", when(r.published))))),
      section("الأسماء الأبرز", "entities", s.top_entities.length
        ? h("ul", { class: "plain" }, s.top_entities.map((e) => h("li", {},
            link(entityHref(e.key), e.name), " ", h("span", { class: "muted" }, `${ENTITY_TYPES[e.type] || ""} · ${e.mentions}`))))
        : h("p", { class: "muted" }, "لم تُستخرج أسماء بعد."))),
    section("مقارنة المصادر", "comparison", comparison(s)),
    section("خريطة الأحداث", "map", await eventMap(s.events)),
    section("الأحداث", "events", eventList(s.events),
      h("p", { class: "meta" }, "تصدير أحداث القصة: ", ["plover", "acled", "geojson"].map((f) =>
        [h("a", { href: `/api/export/events?format=${f}&story=${encodeURIComponent(s.id)}`, class: "ltr" }, f), " "]))));
}

function section(title, id, ...body) {
  return h("section", { id }, h("h2", {}, title), body);
}

function timeline(entries, byId) {
  if (!entries.length) return h("p", { class: "muted" }, "لم يُبنَ خط زمني لهذه القصة بعد.");
  return h("ol", { class: "timeline" }, entries.map((t) => h("li", {},
    date(t.date), " ", t.event_type ? h("span", { class: "badge" }, eventName(t.event_type)) : null,
    h("div", {}, t.text),
    h("div", { class: "meta" },
      t.first_outlet ? h("span", {}, "أول من أورده: ", t.first_outlet) : null,
      (t.documents || []).map((d) => link(docHref(d), (byId[d] && byId[d].outlet) || "تقرير"))))));
}

function comparison(s) {
  const first = s.reports.filter((r) => r.published && !r.published.estimated);
  const parts = [];
  if (first.length) {
    parts.push(h("p", {}, "أول من نشر: ", h("strong", {}, first[0].outlet || "مصدر غير معروف"), " ",
      when(first[0].published)));
  }
  if (s.comparison && s.comparison.length) {
    parts.push(h("table", {},
      h("thead", {}, h("tr", {}, h("th", {}, "ما يختلفون فيه"), h("th", {}, "الموضوع"), h("th", {}, "ما يقوله كل مصدر"))),
      h("tbody", {}, s.comparison.map((d) => h("tr", {},
        h("td", {}, FIELD_NAMES[d.field] || d.field), h("td", {}, EVENT_NAMES[d.subject] ? eventName(d.subject) : d.subject),
        h("td", {}, h("ul", { class: "plain" }, Object.entries(d.claims).map(([o, c]) => h("li", {}, h("strong", {}, o), ": ", c)))))))));
  } else {
    parts.push(h("p", { class: "muted" }, "لا خلاف مسجّل بين المصادر في هذه القصة."));
  }
  return parts;
}

function eventList(events, none = "لم تُستخرج أحداث بعد.") {
  if (!events.length) return h("p", { class: "muted" }, none);
  return h("table", { class: "events" },
    h("thead", {}, h("tr", {}, ["التاريخ", "النوع", "الفاعل", "المستهدف", "المكان", "قتلى/جرحى", "المصدر"].map((x) => h("th", {}, x)))),
    h("tbody", {}, events.map((e) => h("tr", {},
      h("td", {}, date(e.date || "")), h("td", {}, eventName(e.type)), h("td", {}, e.actor || ""),
      h("td", {}, e.target || ""), h("td", {}, e.place || ""),
      h("td", {}, [e.killed, e.injured].map((n) => (n === null || n === undefined ? "–" : n)).join(" / ")),
      h("td", {}, link(docHref(e.document), e.outlet || "تقرير"))))));
}

let borders = null;
async function eventMap(events) {
  if (!borders) borders = await (await fetch("/static/borders.json")).json();
  const pts = events.filter((e) => e.coordinates);
  // The frame: the events with a margin, at least 8 degrees across; the region when none.
  let [w, s, e, n] = [25, 12, 63, 42];
  if (pts.length) {
    const lats = pts.map((p) => p.coordinates[0]), lons = pts.map((p) => p.coordinates[1]);
    const cx = (Math.min(...lons) + Math.max(...lons)) / 2, cy = (Math.min(...lats) + Math.max(...lats)) / 2;
    const half = Math.max(4, (Math.max(...lons) - Math.min(...lons)) / 2 + 2, (Math.max(...lats) - Math.min(...lats)) / 2 + 2);
    [w, s, e, n] = [cx - half * 1.4, cy - half, cx + half * 1.4, cy + half];
  }
  const k = Math.cos(((s + n) / 2) * Math.PI / 180);
  const x = (lon) => (lon - w) * k, y = (lat) => n - lat;
  const width = (e - w) * k, height = n - s;
  const paths = borders.features.map((f) => {
    const d = f.geometry.coordinates.map((poly) => poly.map((ring) =>
      "M" + ring.map(([lon, lat]) => `${x(lon).toFixed(3)},${y(lat).toFixed(3)}`).join("L") + "Z").join("")).join("");
    return svg("path", { d }, svg("title", {}, f.properties.ar || f.properties.name));
  });
  const labels = borders.features.filter((f) => f.properties.ar).map((f) => {
    const [lon, lat] = labelPoint(f.geometry.coordinates);
    if (lon < w || lon > e || lat < s || lat > n) return null;
    return svg("text", { x: x(lon), y: y(lat), "font-size": width / 55, "text-anchor": "middle" }, f.properties.ar);
  }).filter(Boolean);
  const r = Math.max(width, height) / 90;
  const dots = pts.map((p) => svg("circle", { cx: x(p.coordinates[1]), cy: y(p.coordinates[0]), r },
    svg("title", {}, `${eventName(p.type)} — ${p.place || ""} ${p.date || ""}`)));
  return [
    svg("svg", { class: "map", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "خريطة الأحداث" }, paths, labels, dots),
    pts.length ? null : h("p", { class: "muted" }, "لا أحداث ذات إحداثيات في هذه القصة بعد."),
  ];
}

// Where a country's name goes: the middle of the bounding box of its largest polygon.
function labelPoint(polygons) {
  let best = null, bestArea = -1;
  for (const poly of polygons) {
    const lons = poly[0].map((p) => p[0]), lats = poly[0].map((p) => p[1]);
    const box = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
    const area = (box[2] - box[0]) * (box[3] - box[1]);
    if (area > bestArea) [best, bestArea] = [box, area];
  }
  return [(best[0] + best[2]) / 2, (best[1] + best[3]) / 2];
}

async function documentPage(id) {
  const d = await api("documents/" + encodeURIComponent(id));
  const ranges = d.entities.map((m) => [m.start, m.end, m]);
  show(
    h("h1", {}, d.title || h("bdi", {}, d.name || d.id)),
    h("div", { class: "meta" },
      h("span", { class: "outlet" }, d.outlet || "مصدر غير معروف"), when(d.published),
      d.stories.map((sid) => link(storyHref(sid), "القصة")),
      h("span", { class: "ltr muted" }, d.source)),
    h("div", { class: "text", id: "doc-text" }, marked(d.text, ranges, (text, r) =>
      h("a", { href: entityHref(r[2].key), class: `ent ent-${r[2].type}`, title: ENTITY_TYPES[r[2].type] || r[2].type }, text))),
    d.quotes.length ? section("الاقتباسات", "quotes", h("ul", {}, d.quotes.map((q) => h("li", {},
      h("strong", {}, q.speaker.text), q.role ? ` (${q.role})` : "", q.outlet ? ` لـ${q.outlet}` : "", ": ",
      "«", d.text.slice(q.content.start, q.content.end), "»")))) : null,
    d.events.length ? section("الأحداث", "events", eventList(d.events.map((e) => ({ ...e, document: d.id, outlet: d.outlet })))) : null,
    d.removed.length ? section("ما حُذف من الصفحة", "removed", h("ul", {}, d.removed.map((r) =>
      h("li", {}, r.line, " ", h("span", { class: "muted" }, `(${r.reason})`))))) : null);
}

async function entityPage(key) {
  const e = await api("entities/" + encodeURIComponent(key));
  show(
    h("h1", { id: "entity-name" }, e.name),
    h("div", { class: "meta" }, h("span", { class: "badge" }, ENTITY_TYPES[e.type] || e.type || ""),
      e.names.length > 1 ? h("span", {}, "يُكتب أيضًا: ", e.names.slice(1).join("، ")) : null),
    section("عبر الزمن", "over-time", bars(e.by_month)),
    section("القصص", "stories", e.stories.length ? e.stories.map(storyCard) : h("p", { class: "muted" }, "لا قصص.")),
    section("الأحداث", "events", eventList(e.events, "لا أحداث تذكر هذا الاسم.")),
    section("التقارير", "documents", h("ul", {}, e.documents.map((d) => h("li", {},
      link(docHref(d.id), d.title || h("bdi", {}, d.name || d.id)), " — ", d.outlet || "", " ", when(d.published))))));
}

function bars(byMonth) {
  const months = Object.keys(byMonth);
  if (!months.length) return h("p", { class: "muted" }, "لا تواريخ.");
  const max = Math.max(...Object.values(byMonth));
  const bw = 34, height = 110;
  return svg("svg", { class: "bars", viewBox: `0 0 ${months.length * bw + 10} ${height + 20}`, width: Math.min(1000, months.length * bw + 10) },
    months.map((m, i) => {
      const bh = (byMonth[m] / max) * height;
      return [svg("rect", { x: 5 + i * bw, y: height - bh, width: bw - 6, height: bh }, svg("title", {}, `${m}: ${byMonth[m]}`)),
              svg("text", { x: 5 + i * bw, y: height + 14 }, m)];
    }));
}

async function entitiesPage(params) {
  const q = params.get("q") || "";
  const offset = +params.get("offset") || 0;
  const page = await api("entities", { q, offset, limit: 50 });
  show(
    h("h1", {}, "الأسماء"),
    h("form", { class: "filters", onsubmit: (ev) => { ev.preventDefault(); location.hash = "#/entities?q=" + encodeURIComponent(ev.target.q.value); } },
      h("label", { class: "wide" }, "اسم", h("input", { name: "q", value: q }))),
    page.items.length ? h("table", {}, h("tbody", {}, page.items.map((e) => h("tr", {},
      h("td", {}, link(entityHref(e.key), e.name)), h("td", {}, ENTITY_TYPES[e.type] || e.type || ""),
      h("td", {}, `${e.documents} تقرير`), h("td", {}, `${e.mentions} ذكر`)))))
      : h("p", { class: "muted" }, "لا أسماء مستخرجة بعد."),
    pager(page, (o) => `#/entities?q=${encodeURIComponent(q)}&offset=${o}`));
}

async function topicsPage() {
  const page = await api("topics", { limit: 100 });
  show(h("h1", {}, "الملفات"), page.items.map((t) => h("div", { class: "card" },
    h("h3", {}, link("#/topic/" + encodeURIComponent(t.id), t.title || "(دون عنوان)")),
    h("span", { class: "badge" }, `${t.size} قصة`))));
}

async function topicPage(id) {
  const t = await api("topics/" + encodeURIComponent(id));
  show(h("h1", {}, t.title || "(دون عنوان)"), t.story_list.map(storyCard));
}

const FILTERS = ["q", "from", "to", "outlet", "entity", "event_type", "story"];

async function searchPage(params) {
  const [outlets, types] = await Promise.all([api("outlets"), api("event-types")]);
  const v = (k) => params.get(k) || "";
  const form = h("form", { class: "filters", id: "search-form", onsubmit: (ev) => {
      ev.preventDefault();
      const qs = new URLSearchParams();
      for (const k of FILTERS) if (ev.target[k].value) qs.set(k, ev.target[k].value);
      location.hash = "#/search?" + qs;
    } },
    h("label", { class: "wide" }, "كلمات البحث (كل الكلمات بأي صيغة، و\"عبارة\" بين علامتي تنصيص)",
      h("input", { name: "q", type: "search", value: v("q"), autofocus: true })),
    h("label", {}, "من تاريخ", h("input", { name: "from", value: v("from"), placeholder: "2024-08-01", class: "ltr" })),
    h("label", {}, "إلى تاريخ", h("input", { name: "to", value: v("to"), placeholder: "2024-08-31", class: "ltr" })),
    h("label", {}, "المصدر", h("select", { name: "outlet" }, h("option", { value: "" }, "كل المصادر"),
      outlets.map((o) => h("option", { value: o.outlet, selected: o.outlet === v("outlet") }, `${o.outlet} (${o.documents})`)))),
    h("label", {}, "نوع الحدث", h("select", { name: "event_type" }, h("option", { value: "" }, "كل الأنواع"),
      types.map((t) => h("option", { value: t.type, selected: t.type === v("event_type") }, `${eventName(t.type)} (${t.events})`)))),
    h("label", {}, "اسم (مفتاح)", h("input", { name: "entity", value: v("entity") })),
    h("label", {}, "قصة", h("input", { name: "story", value: v("story"), class: "ltr" })),
    h("div", {}, h("button", { type: "submit" }, "ابحث")));
  if (!v("q")) return show(h("h1", {}, "البحث"), form);
  const query = Object.fromEntries(FILTERS.map((k) => [k, v(k)]));
  const offset = +params.get("offset") || 0;
  const page = await api("search", { ...query, offset, limit: 20 });
  show(h("h1", {}, "البحث"), form,
    h("p", { class: "muted", id: "result-count" }, `${page.total} نتيجة`),
    h("div", { id: "results" }, page.items.map((r) => h("div", { class: "card result" },
      h("h3", {}, link(docHref(r.id), r.title ? marked(r.title, r.title_highlights, (t) => h("mark", {}, t)) : r.name || r.id)),
      h("div", { class: "meta" }, h("span", { class: "outlet" }, r.outlet || "مصدر غير معروف"), when(r.published)),
      h("p", { class: "snippet" }, r.snippet.start > 0 ? "… " : "",
        marked(r.snippet.text, r.snippet.highlights, (t) => h("mark", {}, t)), " …")))),
    pager(page, (o) => { const qs = new URLSearchParams(params); qs.set("offset", o); return "#/search?" + qs; }));
}

async function apiPage() {
  const spec = await (await fetch("/openapi.json")).json();
  const rows = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters || []).map((p) => p.name + (p.required ? "*" : "")).join(", ");
      rows.push(h("tr", {}, h("td", { class: "ltr" }, method.toUpperCase()), h("td", { class: "ltr" }, h("code", {}, path)),
        h("td", { class: "ltr" }, op.summary || ""), h("td", { class: "ltr" }, params)));
    }
  }
  show(h("h1", {}, "واجهة البرمجة (REST)"),
    h("p", {}, "المواصفة الكاملة بصيغة OpenAPI: ", link("/openapi.json", "/openapi.json"),
      ". القراءة متاحة للجميع؛ الكتابة (POST /api/documents) تحتاج رمزًا يُعطى للخادم."),
    h("table", {}, h("thead", {}, h("tr", {}, ["", "المسار", "الوصف", "المعاملات"].map((x) => h("th", {}, x)))), h("tbody", {}, rows)));
}

// -- routing -------------------------------------------------------------------

async function route() {
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query || "");
  const parts = (path || "/").split("/").filter(Boolean).map(decodeURIComponent);
  const pages = {
    story: () => storyPage(parts[1]), document: () => documentPage(parts[1]), entity: () => entityPage(parts[1]),
    entities: () => entitiesPage(params), topics: () => topicsPage(), topic: () => topicPage(parts[1]),
    search: () => searchPage(params), api: () => apiPage(),
  };
  try {
    await (pages[parts[0]] || (() => storiesPage(params)))();
  } catch (err) {
    show(h("p", { class: "error" }, "تعذّر العرض: ", err.message));
  }
  document.body.dataset.ready = location.hash;  // tests wait on this
}

window.addEventListener("hashchange", route);
document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("quick-search").addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = "#/search?q=" + encodeURIComponent(ev.target.q.value);
  });
  route();
});
