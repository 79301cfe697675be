"""Quote attribution: who said what, to which outlet.

A quote is found from its cue verb (قال، أضاف، أكد، اعتبر، مضيفا ...), then
its content marker (إن/أن, a colon, or an opening quotation mark), its speaker
(named after the cue, or before it as the subject, or carried over from the
previous quote when the cue has none: "وأضاف"), the speaker's role, the
outlet spoken to ("لصحيفة “ذا ناشيونال”", "في مقابلة مع شبكة رووداو") and the
content span: inside the quotation marks for a direct quote (which may run
across sentences), else the reported clause. Lexicons live in
annotate/data/quotes.json. Entity mentions, when the entity stage gives them,
name the speaker and link it; without them the speaker is split from its role
by the shape of Arabic names.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.alternation import alt, finditer_at, start_scan, starts
from marsad.arabic import fold, normalize
from marsad.kb import outlets
from marsad.kb.matcher import norm  # normalize, cached per word
from marsad.records import Mention, Quote, Sentence, Span, Speaker

MARKS = "[\u064b-\u0652\u0640]*"
_OPEN = {"«": "»", "“": "”", '"': '"', "„": "”"}
_NOT_WORD = r"(?<![\w\u064b-\u0652])"
_END_WORD = r"(?![\w\u064b-\u0652])"
_MAX_GAP = 260
_CONNECTIVES = re.compile(fold(r"(?:^|\s)(?:فيما|بينما|كما|و?بهذا الصدد|إلى ذلك|إلا أنه|إلا أنها|من جهته|من جهتها"
                               r"|من جانبه|من جانبها|بدوره|بدورها|في المقابل)(?:[،,\s]|$)"))
_QMARKS = "«»“”\"„"  # blanked where a speaker is looked for (_unquoted)
# "ل" opening a word: _NOT_WORD + "ل" with the look behind put after the letter, so that the regex begins with a
# letter `re` skips to instead of trying the look behind at every position (same matches)
_LAM = r"ل(?<![\w\u064b-\u0652]ل)"


def _alt(forms) -> str:
    """The forms as one alternation over folded text, marks allowed after every letter, factored by their shared
    beginnings (marsad.alternation): at each position of a report the regex engine tests one branch per next
    letter, not every form. A form is tried before any shorter form it extends (longest first)."""
    return alt((fold(normalize(f)) for f in forms), lambda c: (r"\s+" if c == " " else re.escape(c)) + MARKS)


@lru_cache(maxsize=1)
def _lex() -> dict:
    return json.loads(resources.files("marsad.annotate").joinpath("data/quotes.json").read_text("utf-8"))


_TIME_WORD = (_NOT_WORD + r"(?:ال)?(?:يوم|اليوم|امس|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت|الاحد"
              r"|مساء|صباح|ليل|الليله|حينها)" + _END_WORD)
_TIME_LEFT = r"[\s\d/:.-]"  # what a time phrase holds besides its time words
_KINDS = ("cue", "part", "acc", "act", "said")  # the regexes of _res() that find a quote's cue


@lru_cache(maxsize=1)
def _res() -> dict:
    lx = _lex()
    kind = _alt(lx["outlet_kinds"])
    cue_forms = lx["cues"] + lx["participles"] + lx["according_to"] + lx["speech_acts"] + lx["reported_by"]
    return {
        # where a cue of any kind can start: the one scan of a whole report (_cues)
        "any": start_scan(r"[وف]?(?:" + _alt(cue_forms) + ")"),
        "cue": re.compile(_NOT_WORD + r"(?P<pre>[وف]?)(?P<cue>" + _alt(lx["cues"]) + ")" + _END_WORD),
        "part": re.compile(_NOT_WORD + r"(?P<pre>[وف]?)(?P<cue>" + _alt(lx["participles"]) + ")" + _END_WORD),
        "acc": re.compile(_NOT_WORD + r"(?P<pre>و?)(?P<cue>" + _alt(lx["according_to"]) + ")" + r"(?=\s|ل|$)"),
        # "ونقلت رويترز عن المسؤول التركي قوله: ..." — the speaker is after عن
        "said": re.compile(_NOT_WORD + r"(?P<pre>)(?P<cue>" + _alt(lx["reported_by"]) + ")" + _END_WORD),
        "act": re.compile(_NOT_WORD + r"(?P<pre>[وف]?)(?P<cue>" + _alt(lx["speech_acts"]) + ")" + _END_WORD),
        # إن / أن / بأن / فإن with an attached pronoun, or a colon, or an opening mark
        "marker": re.compile(
            _NOT_WORD + r"(?:[فب]?" + MARKS + r"ا" + MARKS + r"ن" + MARKS + r"(?:ه|ها|هم|هما|نا|ني)?)" + _END_WORD
            + r"|:|[«“\"„]"
        ),
        "cut": re.compile(_NOT_WORD + "(?:" + _alt(lx["cut_before"]) + ")" + _END_WORD),
        "role": re.compile(r"^\s*و?(?:" + _alt(lx["role_heads"]) + ")" + _END_WORD),
        "described": re.compile(r"^\s*(?:" + _alt(lx["quantifiers"]) + r")?\s*(?:" + _alt(lx["described_heads"]) + ")"
                                + _END_WORD),
        "kind": kind,
        # the outlet spoken to: "لصحيفة “ذا ناشيونال”", "مع شبكة رووداو" (_outlet), before a quoted name (_is_label)
        "outlet_quoted": re.compile(
            r"(?:" + _LAM + r"(?:ـ)?\s*(?:(?:" + kind + r")\s*)?|مع\s+(?:(?:" + kind + r")\s*)?)"
            r"([«“\"])([^«»“”\"]{2,40})[»”\"]"),
        "outlet_bare": re.compile(
            r"(?:" + _LAM + r"|مع\s+)(?:" + kind + r")\s+((?:(?!ال)[\w\u064b-\u0652]+\s*){1,3})"),
        "to_outlet": re.compile(r"(?:" + _NOT_WORD + r"(?:مع|ل)|" + _NOT_WORD + r"ل?(?:" + kind + r"))\s*ـ?\s*$"),
        "time": re.compile(_TIME_WORD),
        # a phrase of time words alone ("الاثنين", "مساء اليوم"): each of its words a time word (they are whole
        # words), or what _TIME_LEFT allows; the match stops at the first other word
        "only_time": re.compile(r"(?:" + _TIME_LEFT + "|" + _TIME_WORD + ")*"),
    }


@dataclass
class _Who:
    speaker: Speaker
    role: str | None
    outlet: str | None


_NEGATED = re.compile(r"(?:عدم|دون|بدون|لم|لن|لا|بعدم)\s*$")


def find_quotes(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Quote]:
    ft = fold(text)
    at = starts(_res()["any"], ft)  # where a cue can start
    hits = _cues(ft, at)
    quotes: list[Quote] = []
    last: _Who | None = None
    covered_to = -1  # end of the last direct quote: cues inside it are the quoted speaker's words
    seen_start = -1
    for start, end, kind, m in hits:
        if start < covered_to or start < seen_start:
            continue
        seen_start = end
        if _NEGATED.search(ft[max(0, start - 8):start]):
            continue  # "شريطة عدم ذكر اسمه": a negated cue reports no words
        sent = _sentence_of(sentences, start, len(text))
        mark = _marker(ft, end, min(sent.end, end + _MAX_GAP))
        if kind == "act" or mark is None:
            if kind in ("act", "cue"):  # no words here, but whoever is named may speak on ("وأضاف")
                who = _who(text, ft, end, min(sent.end, end + 120), mentions, stop_at_object=True)
                if who and who.speaker.text and _named(who, mentions):
                    last = who
            continue
        mstart, mend = mark
        cue = text[start:end]
        if ft[mstart] in _OPEN and norm(cue) in _object_cues():
            continue  # "أعلنت الوزارة مقتل ... ضمن احتجاجات “مسيرة العودة”": an object, not words
        if kind == "acc":
            if re.match(r"\s*ما\s", ft[end:end + 5]):
                continue  # "وفق ما أوضح المرصد": the verb after ما is the cue (_trailing)
            who = _who(text, ft, end, mstart, mentions)
            if who is None or not who.speaker.text:
                continue
        elif kind == "said":
            an = list(re.finditer(_NOT_WORD + "عن\\s+", ft[max(sent.start, start - 120):start]))
            if not an:
                continue
            who = _who(text, ft, max(sent.start, start - 120) + an[-1].end(), start, mentions)
            if who is None or not who.speaker.text:
                continue
            who = _inherit(who, last, quotes)
        elif kind == "part":
            if last is None or not quotes or _sentence_of(sentences, _quote_pos(quotes[-1]), len(text)) != sent:
                if last is None or not _cue_before(ft, sent.start, start):
                    continue
            who = _Who(last.speaker, last.role, last.outlet)
        else:
            if norm(cue) in ("يذكر", "بين") and ft[end:mstart].strip():
                continue  # "يذكر أن" is impersonal; "بين" is a cue only right before its إن/أن
            who = _who(text, ft, end, mstart, mentions)
            if who is not None and not who.speaker.text and m.group("pre") == "" and start > sent.start:
                before = _who(text, ft, sent.start, start, mentions, before=True)
                if before is not None and before.speaker.text:
                    who = _Who(before.speaker, before.role, who.outlet or before.outlet)
            if who is None or (norm(cue) == "يذكر" and not who.speaker.text):
                continue
            if not who.speaker.text:
                if last is None:
                    continue
                outlet = who.outlet if who and who.outlet else last.outlet
                who = _Who(last.speaker, last.role, outlet)
            else:
                who = _inherit(who, last, quotes)
        content, direct = _content(text, ft, at, mstart, mend, sent.end)
        if content is None or direct and len(text[content.start:content.end].split()) < 2:
            continue  # one word in quote marks is a name ("حسب وكالة الأنباء الأردنية “بترا”"), not words
        if direct:
            covered_to = content.end
        quotes.append(Quote(who.speaker, _role(who.role), who.outlet, cue, content, direct))
        last = who
    return quotes + _trailing(text, ft, sentences, mentions, quotes)


def _cues(ft: str, at: list[int]) -> list[tuple[int, int, str, re.Match]]:
    """(start, end, kind, match) of every cue, by position: what each kind's regex finds scanning the report,
    each tried only at `at`, where one scan for all kinds found that a cue can start."""
    res = _res()
    hits = [(m.start("cue"), m.end("cue"), kind, m) for kind in _KINDS for m in finditer_at(res[kind], ft, at, len(ft))]
    hits.sort(key=lambda h: (h[0], -h[1]))
    return hits


_AS_SAID = re.compile(fold("وفقا لما|وفق ما|حسبما|بحسب ما|حسب ما|طبقا لما"))
_AS_SAID_WORDS = ("وفق", "حسب", "طبقا لما")  # one is in each of its phrases: a substring test is quicker than it
_TRAIL = re.compile(fold(r"[،,]?\s*(?:" + _AS_SAID.pattern + r")\s+"
                         r"(?P<cue>قاله|قالته|قالت|قال|قالوا|ذكره|ذكرته|ذكرت|ذكر|أفاد|أفادت|أعلنت|أعلن|أوردت|أورد"
                         r"|أوضحه|أوضحت|أوضح|أكده|أكدت|أكد|نقلته|نقلت|نقل|أشار|أشارت)"
                         r"(?=\s|[.،,]|$)"))


def _trailing(text: str, ft: str, sentences: list[Sentence], mentions: list[Mention], found: list[Quote]) -> list[Quote]:
    """"سقط 7 قتلى ... ، وفقا لما قاله نصرت رحيمي لـCNN.": the words come first, the speaker after them."""
    out = []
    if not any(w in ft for w in _AS_SAID_WORDS) or not _AS_SAID.search(ft):
        return out  # as in most reports
    for sent in sentences:
        if not _AS_SAID.search(ft, sent.start, sent.end):
            continue  # a quick look for the phrase first: few sentences have one, and _TRAIL is slow to scan
        m = _TRAIL.search(ft, sent.start, sent.end)
        if m is None or m.start() - sent.start < 15:
            continue
        if any(sent.start <= q.content.start < m.start() for q in found):
            continue  # the sentence already holds a quote with its own cue
        who = _who(text, ft, m.end(), sent.end, mentions)
        if who is None or not who.speaker.text:
            continue
        end = m.start()
        while end > sent.start and (text[end - 1].isspace() or text[end - 1] in "،,"):
            end -= 1
        out.append(Quote(who.speaker, who.role, who.outlet, text[m.start("cue"):m.end("cue")], Span(sent.start, end),
                         False))
    return out


@lru_cache(maxsize=1)
def _object_cues() -> frozenset:
    return frozenset(normalize(c) for c in _lex()["object_cues"])


def _quote_pos(q: Quote) -> int:
    return q.content.start


def _cue_before(ft: str, start: int, end: int) -> bool:
    seg = ft[start:end]
    return bool(_res()["cue"].search(seg) or _res()["act"].search(seg))


def _named(who: _Who, mentions: list[Mention]) -> bool:
    return who.speaker.entity is not None or who.role is not None


def _sentence_of(sentences: list[Sentence], pos: int, n: int) -> Sentence:
    for s in sentences:
        if s.start <= pos < s.end:
            return s
    return Sentence(pos, n)


_RELATIVE = re.compile(_NOT_WORD + r"(?:الذي|التي|الذين)" + _END_WORD)


def _marker(ft: str, start: int, limit: int) -> tuple[int, int] | None:
    """The first content marker after a cue, skipping a relative clause ("الذي حذر من أن ...، ")."""
    res = _res()
    pos = start
    while pos < limit:
        m = res["marker"].search(ft, pos, limit)
        if m is None:
            return None
        if ft[m.start()] in _OPEN and _is_label(ft, m.start(), limit):
            pos = _close(ft, m.start()) + 1
            continue
        rel = _RELATIVE.search(ft[start:m.start()])
        if rel and ft[m.start()] not in _OPEN:
            comma = ft.find(",", m.end(), limit)
            if comma < 0:
                return None
            pos = comma + 1
            start = pos
            continue
        return m.start(), m.end()
    return None


def _is_label(ft: str, pos: int, limit: int) -> bool:
    """A short quoted name inside the attribution ("لصحيفة “ذا ناشيونال” إن"), not the quote itself."""
    close = _close(ft, pos)
    if close is None or close >= limit or len(ft[pos + 1:close].split()) > 4:
        return False
    rest = ft[close + 1:limit].strip()
    if _res()["to_outlet"].search(ft[max(0, pos - 30):pos]) and re.match(r"[،,]?\s*(?:ان|بان|:)", rest):
        return True  # "في حديث مع “سكاي نيوز عربية”، إن": the outlet spoken to, then the words
    return bool(rest) and rest[0] not in ".،,:"


def _content(text: str, ft: str, at: list[int], mstart: int, mend: int, sent_end: int) -> tuple[Span | None, bool]:
    pos = mend if text[mstart] not in _OPEN else mstart
    while pos < len(text) and text[pos] in " \t،,:":
        pos += 1
    if pos < len(text) and text[pos] in _OPEN:
        close = _close(text, pos)
        if close is not None and _mostly_quoted(text, ft, at, pos, close, sent_end):
            return Span(pos + 1, close), True
    end = sent_end
    nxt = _participle(ft, at, pos, end)
    if nxt:
        end = nxt.start()
    source = _SOURCE.search(ft, pos, end)
    if source:
        end = source.start()  # "...، حسب وكالة الأنباء": who relayed the words is not part of them
    while end > pos and text[end - 1] in " .،,؛;\n":
        end -= 1
    if end - pos < 3:
        return None, False
    return Span(pos, end), False


_SOURCE = re.compile(fold(r"[،,]\s*(?:حسب|بحسب|وفقا ل|وفقاً ل|وفق|طبقا ل|نقلا عن|نقلاً عن)"))


def _mostly_quoted(text: str, ft: str, at: list[int], pos: int, close: int, sent_end: int) -> bool:
    if close >= sent_end:
        return True
    clause_end = sent_end
    nxt = _participle(ft, at, close, sent_end)
    if nxt:
        clause_end = nxt.start()
    tail = re.sub(r"[\s.،,؛;\"”»]", "", text[close + 1:clause_end])
    return len(tail) < 0.4 * (close - pos)


def _participle(ft: str, at: list[int], pos: int, end: int) -> re.Match | None:
    """The first participle cue ("مضيفا") from `pos` to `end`: its regex's search, tried only where a cue can
    start (`at`)."""
    return next(finditer_at(_res()["part"], ft, at[bisect_left(at, pos):bisect_left(at, end)], end), None)


def _close(text: str, pos: int) -> int | None:
    """Where the quotation opened at `pos` closes, within its paragraph (it may span sentences)."""
    o = text[pos]
    c = _OPEN[o]
    para_end = text.find("\n", pos)
    para_end = len(text) if para_end < 0 else para_end
    if o == c:
        i = text.find(c, pos + 1, para_end)
        return i if i > pos + 1 else None
    depth, last = 1, None
    for i in range(pos + 1, para_end):
        ch = text[i]
        if ch == c:
            depth -= 1
            last = i
            if depth == 0:
                return i
        elif ch == o or (o == "“" and ch == "„"):
            depth += 1
    return last  # unbalanced marks (an outlet's typo): the last closing mark in the paragraph


# ---- speaker, role, outlet ----------------------------------------------------------------------


_LATIN_OUTLET = re.compile(_LAM + r"(?:ـ)?\s*([A-Za-z][A-Za-z0-9.\- ]{1,30}?)(?=\s*(?:[،,.:]|ان|بان|$))")
_THAT = re.compile(r"\s(?:ان|بان)" + _END_WORD)
_TO_NAME = re.compile(_LAM + r"(?:ـ)?(?!ل)(\w+(?:\s+\w+){0,2})")


def _outlet(text: str, ft: str, start: int, end: int) -> tuple[str | None, tuple[int, int] | None]:
    res = _res()
    seg = ft[start:end]
    quoted = res["outlet_quoted"].search(seg)
    if quoted:
        s = start + quoted.start(2)
        return text[s:s + len(quoted.group(2))].strip(), (start + quoted.start(), start + quoted.end())
    latin = _LATIN_OUTLET.search(seg)
    if latin:
        s = start + latin.start(1)
        return text[s:start + latin.end(1)].strip(), (start + latin.start(), start + latin.end())
    bare = res["outlet_bare"].search(seg)
    if bare:
        name = bare.group(1).strip()
        name = _THAT.split(name)[0].strip()
        s = start + bare.start(1)
        return text[s:s + len(name)], (start + bare.start(), start + bare.end())
    return _known_outlet(text, seg, start)


def _known_outlet(text: str, seg: str, start: int) -> tuple[str | None, tuple[int, int] | None]:
    """"قال مسؤول إيراني لرويترز": لـ + an outlet the knowledge base knows, with no kind word before it."""
    for m in _TO_NAME.finditer(seg):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            if _is_outlet(name):
                s = start + m.start(1)
                return text[s:s + len(name)], (start + m.start(), s + len(name))
    return None, None


@lru_cache(maxsize=4096)  # the words after ل in attributions, asked of again and again
def _is_outlet(name: str) -> bool:
    return outlets.by_name(name) is not None


@lru_cache(maxsize=1)
def _unquoted(ft: str) -> str:
    """`ft` with its quote marks as spaces (same length): made once for all of a report's cues."""
    for mark in _QMARKS:
        ft = ft.replace(mark, " ")  # a C scan each, faster over a whole report than a regex substitution
    return ft


_AUXILIARY = re.compile(fold(r"\s*(?:و|ف)?(?:كان|كانت|قد|وقد)\s+"))
_ADVERBIAL = re.compile(fold(r"\s*(?:و|في|من|بعد|منذ|خلال|بشأن|حول|على|عن)"))
_POINTS_AT = re.compile(fold(r"\s*(?:إلى|على)\s+\S+"))
_PREPOSITION_ONLY = re.compile(fold(r"\s*(?:إلى|على)\s*$"))
_TRAILING_PREPOSITION = re.compile(fold(r"(?:^|\s)(?:إلى|على|من)\s*$"))


def _who(text: str, ft: str, start: int, end: int, mentions: list[Mention],
         before: bool = False, stop_at_object: bool = False) -> _Who | None:
    outlet, ospan = _outlet(text, ft, start, end)
    if ospan:
        end = min(end, ospan[0])
    res = _res()
    ft = _unquoted(ft)
    if before:
        # the subject before a cue: from the last clause boundary ("فيما", "،" followed by a non-role) to the cue
        seg = ft[start:end]
        m = list(_CONNECTIVES.finditer(seg))
        aux = _AUXILIARY.match(seg)
        if m:
            start += m[-1].end()
        elif aux:
            start += aux.end()
        elif _ADVERBIAL.match(seg):
            return None  # an adverbial or a clause joined by و, not the cue's subject
    else:
        cut = res["cut"].search(ft, start, end)
        if cut:
            end = cut.start()
        if _POINTS_AT.match(ft[start:end]) and not _PREPOSITION_ONLY.match(ft[start:end]):
            return None  # "أشارت إلى ثلاثة قادة": what the cue points at, not who speaks
        trail = _TRAILING_PREPOSITION.search(ft[start:end])
        if trail:
            end = start + trail.start()
    segments = _segments(text, ft, start, end)
    if not segments:
        return _Who(Speaker("", None), None, outlet)
    if before:
        # "رئيس كتلة ...، الممثل السياسي ...، حبيب الحلاوي،": the name is the segment without a role head
        names = [s for s in segments if not res["role"].match(ft[s[0]:s[1]])]
        roles = [s for s in segments if res["role"].match(ft[s[0]:s[1]])]
        head = names[-1] if names else segments[-1]
        speaker, role = _split(text, ft, head, mentions)
        if role is None and roles:
            role = text[roles[0][0]:roles[0][1]]
        if len(speaker.text.split()) > 8:
            return None
        return _Who(speaker, role, outlet)
    head = segments[0]
    speaker, role = _split(text, ft, head, mentions)
    if role is None and speaker.entity is None and len(segments) > 1 and _titled(ft, head):
        # "الرئيس الفلسطيني، محمود عباس، الاثنين": the role, then the name between commas
        name = segments[1]
        words = ft[name[0]:name[1]].split()
        if 1 < len(words) <= 4 and not res["time"].match(ft[name[0]:name[1]]) and not res["role"].match(
                ft[name[0]:name[1]]):
            ent = next((m.entity for m in mentions if m.start >= name[0] and m.end <= name[1] and m.type == "PER"),
                       None)
            speaker, role = Speaker(text[name[0]:name[1]], ent, name[0], name[1]), text[head[0]:head[1]]
            segments = segments[1:]
    for s in segments[1:]:
        if res["role"].match(ft[s[0]:s[1]]) and role is None:
            role = text[s[0]:s[1]].lstrip("و ").strip()
        elif stop_at_object or not res["time"].match(ft[s[0]:s[1]]):
            break
    if len(speaker.text.split()) > (10 if role or res["described"].match(ft[head[0]:head[1]])
                                    or res["role"].match(ft[head[0]:head[1]]) else 5):
        return None
    return _Who(speaker, role, outlet)


_COMMA = re.compile(r"([،,])")


def _segments(text: str, ft: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for part in _COMMA.split(text[start:end]):
        s, e = pos, pos + len(part)
        pos = e
        if part in ("،", ","):
            continue
        while s < e and (text[s].isspace() or text[s] in "\"'«»“”()-"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in "\"'«»“”()-.؛;"):
            e -= 1
        if e > s and not _only_time(ft[s:e]):
            out.append((s, e))
    return out


def _only_time(seg: str) -> bool:
    return _res()["only_time"].fullmatch(seg) is not None


def _split(text: str, ft: str, seg: tuple[int, int], mentions: list[Mention]) -> tuple[Speaker, str | None]:
    """A speaker phrase into (speaker, role): mentions first, else the shape of a name."""
    s, e = seg
    inside = [m for m in mentions if m.start >= s and m.end <= e]
    per = [m for m in inside if m.type == "PER"]
    if per:
        m = per[-1]
        role = (text[s:m.start] + " " + text[m.end:e]).strip(" ،,") or None
        return Speaker(m.text, m.entity, m.start, m.end), role
    res = _res()
    phrase = ft[s:e]
    if res["described"].match(phrase) and not res["role"].match(phrase):
        cut = re.search(fold(r"\s(?:في|من)\s+(?:ما|أحد|إحدى)") + _END_WORD, phrase)
        e2 = s + cut.start() if cut else e
        ent = next((m.entity for m in inside if m.start == s and m.end == e2), None)
        return Speaker(text[s:e2].strip(), ent, s, e2), None
    later = _later_role(phrase)
    if later:
        ns, ne = s, s + later
        while ne > ns and text[ne - 1].isspace():
            ne -= 1
        return Speaker(text[ns:ne], None, ns, ne), text[s + later:e].strip(" ،,") or None
    if res["role"].match(phrase):
        name = _trailing_name(text, s, e)
        if name:
            ns, ne = name
            role = text[s:ns].strip(" ،,") or None
            return Speaker(text[ns:ne], None, ns, ne), role
    # "حركة النجباء العراقية": a named body opening the phrase is the speaker's entity
    ent = next((m.entity for m in inside if m.start <= s + 1 and m.type in ("ORG", "LOC", "GPE", "NORP")), None)
    return Speaker(text[s:e], ent, s, e), None


def _titled(ft: str, seg: tuple[int, int]) -> bool:
    """A phrase that is a role or a title with no name in it: "نائب وزير الخارجية الإيراني"."""
    return bool(_res()["role"].match(ft[seg[0]:seg[1]]))


def _later_role(phrase: str) -> int | None:
    """Where a role starts after a leading name: "أمين محمود عثمان الأمين العام للمجلس" → at "الأمين"."""
    res = _res()
    if res["role"].match(phrase) or res["described"].match(phrase):
        return None
    toks = list(re.finditer(r"\S+", phrase))
    for i, t in enumerate(toks[2:], start=2):
        if res["role"].match(phrase[t.start():]) and toks[i].group().startswith("ال"):
            before = [w.group() for w in toks[:i]]
            # only a name stands before the role: "أمين محمود عثمان الأمين العام", not "مفوض الأمم المتحدة ..."
            return t.start() if len(before) <= 4 and not any(w.startswith("ال") for w in before) else None
    return None


def _trailing_name(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The personal name closing a role phrase: "... لحركة النجباء حيدر اللامي", "... الأمريكية ماثيو ميلر"."""
    toks = [(m.start() + s, m.end() + s, norm(m.group())) for m in re.finditer(r"[^\s\"«»“”]+", text[s:e])]
    if len(toks) < 3:
        return None
    i = len(toks) - 1
    if toks[i][2].startswith("ال") and not toks[i - 1][2].startswith(("ال", "ل")):
        i -= 1  # given name + family name "al-..." ("للدراسات الاستراتيجية" is no name)
        while i > 2 and toks[i - 1][2] in ("ابن", "بن", "بنت"):
            i -= 2  # "زيد بن رعد الحسين"
        if i > 1 and toks[i - 1][2] in ("ابو", "ام"):
            i -= 1  # "أبو مهدي المهندس"
    elif toks[i][2].startswith("ل"):
        return None
    elif not toks[i][2].startswith("ال"):
        while i > 1 and not toks[i - 1][2].startswith("ال") and len(toks) - i < 3 and not toks[i - 1][2].startswith("ل"):
            i -= 1
    else:
        return None
    if i == 0:
        return None
    return toks[i][0], toks[-1][1]


_NAMED = re.compile(r"\s+و?(?:يدعي|يدعى|يُدعى|اسمه|اسمها|ويسمي|يسمي)$")


def _role(role: str | None) -> str | None:
    """"أحد التجار ويدعى": the words that introduce the name are no part of the role."""
    return _NAMED.sub("", role) if role else role


def _inherit(who: _Who, last: _Who | None, quotes: list[Quote]) -> _Who:
    """A speaker named again by a short form ("اللامي") keeps the full name's entity and role."""
    key = norm(who.speaker.text)
    for q in reversed(quotes):
        full = norm(q.speaker.text)
        if key and (full == key or full.endswith(" " + key)):
            sp = who.speaker
            if sp.entity is None and q.speaker.entity:
                sp = Speaker(sp.text, q.speaker.entity, sp.start, sp.end)
            return _Who(sp, who.role or q.role, who.outlet)
    return who
