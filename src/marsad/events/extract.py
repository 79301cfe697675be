"""Sentence by sentence: triggers, modality, arguments, date, and one Event per happening.

A sentence's triggers come from the lexicon (first rule wins where spans
overlap, so "لا هدنة" is a truce denied before "هدنة" is anything else). Each
trigger's modality decides what it becomes: an attack under a threat ("خيارات
استهداف القواعد أصبحت متاحة", "قد يستهدف") is THREATEN, an attack denied or
hypothetical is nothing, an end of truce under "التلويح ب" is THREATEN.
Attack triggers in one sentence are one event; "الهجوم" in a later sentence
with nothing new refers back and adds its counts to the previous attack.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta
from itertools import repeat

from marsad.alternation import finditer_at
from marsad.arabic import normalize
from marsad.events import arguments as ar
from marsad.events import lexicon as lx
from marsad.events import places
from marsad.kb.matcher import norm  # normalize, cached per word
from marsad.records import Annotation, Document, Event, Mention, Quote, Sentence, Span, Timex

_SPEECH = {"THREATEN", "ACCUSE", "REJECT", "DEMAND", "REQUEST", "SUPPORT", "X_STATEMENT", "X_TRUCE_END",
           "X_TRUCE_DENIED", "CONCEDE"}
_TRUCE = {"X_TRUCE_END", "X_TRUCE_DENIED", "CONCEDE", "RETREAT"}
_SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
_PLACE_TYPES = ("LOC", "FAC", "GPE")
_TIME = re.compile(r"^(?:ال)?(?:يوم|امس|اليوم|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت|الاحد|مساء|صباح|ليل|فجر"
                   r"|حينها|ايضا|مجددا|رسميا)$")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class _Hit:
    type: str
    mode: str | None
    start: int
    end: int
    pre: str
    form: str
    noun: bool
    phrase: bool = False


def extract_events(doc: Document, annotation: Annotation) -> list[Event]:
    text = doc.text
    ftt = lx.fold_ta(text)
    ft = ftt.replace("ة", "ه")  # fold(text): fold_ta is fold with ta marbuta kept
    starts = lx.trigger_starts(ftt)
    sentences = annotation.sentences or _lines(text)
    mentions = sorted(annotation.mentions, key=ar.START)
    published = _latest(doc)
    events: list[Event] = []
    last_assault: tuple[int, Event] | None = None
    told: dict[str, tuple[int, Event]] = {}  # the last event of each type, for a happening told again
    for i, sent in enumerate(sentences):
        hits = _hits(ftt, sent, starts)
        if not hits or text[sent.start:sent.end].rstrip().endswith(("?", "؟")):
            continue  # no trigger, or a question, which asserts nothing: "هل تنهار الهدنة؟"
        made: dict[str, Event] = {}
        for hit in hits:
            if "ACCUSE" in made and hit.pre.lstrip("وف").startswith("ب"):
                continue  # "اتهم ... الولايات المتحدة باستقدام قوات": what is alleged is not reported as done
            etype, mode = _modal_type(ft, sent, hit)
            if etype is None or etype in made:
                if etype == "ASSAULT" and etype in made:
                    _fill_assault(made[etype], text, ft, sent, hit, mentions)
                continue
            ev = _event(etype, mode, hit, text, ft, sent, mentions, annotation.quotes)
            if etype == "ASSAULT":
                _fill_assault(ev, text, ft, sent, hit, mentions)
            made[etype] = ev
        if "X_STATEMENT" in made and len(made) > 1:
            del made["X_STATEMENT"]
        for etype, ev in made.items():
            (ev.actor, ev.actor_entity), (ev.target, ev.target_entity) = ar.tidy(
                (ev.actor, ev.actor_entity), (ev.target, ev.target_entity))
            ev.actor, ev.target = _fullest(ev.actor, ev.actor_entity, mentions), _fullest(
                ev.target, ev.target_entity, mentions)
            near = sent if etype == "ASSAULT" else _window(sent, ev, hits)
            _place(ev, text, ft, near, mentions)
            if ev.place is None and etype in _ON_THE_GROUND:
                _place_of_previous(ev, events, ft, sent)
            _date(ev, _trigger_pos(ev, hits), ft, sent, annotation.timexes, published, events)
            if etype == "ASSAULT":
                if _refers_back(ev, ft, sent) and last_assault and i - last_assault[0] <= 4:
                    _merge(last_assault[1], ev)
                    continue
                if _generic(ev, ft, sent) or _weak(ev):
                    continue
                same = _same_attack(ev, events, i, last_assault)
                if same is not None:
                    _merge(same, ev)
                    continue
                last_assault = (i, ev)
            if etype != "ASSAULT":
                again = _told_again(ev, events, i, told)
                if again is not None:
                    _merge(again, ev)
                    continue
                told[etype] = (i, ev)
            ev.confidence = _confidence(ev)
            events.append(ev)
    return events


def _latest(doc: Document) -> str | None:
    """The latest day the report can have been written: its date, or its estimated window's end."""
    p = doc.published
    if p is None:
        return None
    if p.estimated and p.window:
        return p.window[1]
    return p.value[:10] if len(p.value) >= 10 else None


def _window(sent: Sentence, ev: Event, hits: list[_Hit]) -> Sentence:
    """Around the trigger: a talk's place is the one next to "المفاوضات", not any in a long sentence."""
    hit = next((h for h in hits if h.type == ev.type), hits[0])
    return Sentence(max(sent.start, hit.start - 50), min(sent.end, hit.end + 50))


def _lines(text: str) -> list[Sentence]:
    from marsad.annotate.sentences import split_sentences

    return split_sentences(text)


def _hits(ft: str, sent: Sentence, starts: list[int]) -> list[_Hit]:
    """The sentence's triggers, the lexicon's first where spans overlap; `ft`: the text as `lexicon.fold_ta`,
    `starts`: where in it a trigger can start (ascending)."""
    starts = starts[bisect_left(starts, sent.start):bisect_left(starts, sent.end)]
    if not starts:
        return []  # no trigger can start in it, as in most sentences
    taken: list[tuple[int, int]] = []
    hits = []
    amb = _not_before()
    # a trigger's anchor is inside its match, which begins at one of `starts`
    for trig in lx.possible(lx.bare(ft[starts[0]:sent.end])):
        if trig.requires is not None and not trig.requires.search(ft, sent.start, sent.end):
            continue
        for m in finditer_at(trig.regex, ft, starts, sent.end):
            s, e = m.start("form"), m.end()
            if any(s < te and e > ts for ts, te in taken):
                continue
            form = norm(m.group("form"))
            if form in amb and normalize(ft[e:e + 20]).strip().startswith(amb[form]):
                continue  # "تصفية الحسابات": the word after it says the form is no trigger here
            if norm(m.group()) in _not_words():
                continue
            if trig.noun and trig.type != "ASSAULT" and not _supported(ft, sent, m.start(), e):
                continue
            taken.append((m.start(), e))
            hits.append(_Hit(trig.type, trig.mode, m.start(), e, m.group("pre"), form, trig.noun, trig.phrase))
    hits.sort(key=lambda h: h.start)
    return hits


@lru_cache(maxsize=1)
def _not_before() -> dict[str, tuple[str, ...]]:
    """An ambiguous trigger form -> the words after which it is no trigger."""
    return {normalize(k): tuple(normalize(w) for w in v) for k, v in lx.lexicon()["ambiguous"]["not_before"].items()}


@lru_cache(maxsize=1)
def _not_words() -> frozenset:
    return frozenset(normalize(w) for w in lx.lexicon()["not_words"])


_ROUND = re.compile(r"جول(?:ه|ة|ات)")  # "جولة محادثات": a talk held


def _supported(ft: str, sent: Sentence, start: int, end: int) -> bool:
    """A verbal noun names an event when a support verb carries it: "بدأت العراق محادثات", "جرت مفاوضات"."""
    support = lx.compiled("support_verbs", which=False)
    window = ft[max(sent.start, start - 30):start]
    return bool(support.search(ft, max(sent.start, start - 60), start) or support.search(ft, end, min(sent.end, end + 25))
                or _ROUND.search(window))


def _before(ft: str, sent: Sentence, pos: int, n: int) -> list[str]:
    return list(map(norm, ar.WORD.findall(ft[max(sent.start, pos - 80):pos])[-n:]))


def _after(ft: str, sent: Sentence, pos: int, n: int) -> list[str]:
    return list(map(norm, ar.WORD.findall(ft[pos:min(sent.end, pos + 80)])[:n]))


def _has(words: list[str], key: str) -> bool:
    """Whether a form of the lexicon list `key` is among the words (a one-word form also after و, ف or ل)."""
    phrases, one_word, several = lx.word_forms(key)
    if not one_word.isdisjoint(words) or not one_word.isdisjoint(map(str.lstrip, words, repeat("وفل"))):
        return True
    joined = " ".join(words)
    if joined.count(" ") >= len(words) > 0:  # NFKC spells some signs with spaces ("ﷺ"): a form may be in one
        return bool(phrases.search(" " + joined + " "))
    return several is not None and bool(several.search(" " + joined + " "))  # no one-word form: a longer one?


_TOLL = re.compile(r"\d|مقتل|اصابه|قتلي|جرحي")
_ANONYMOUS = re.compile(r"\S*\s+(?:عدم\s+)?(?:ذكر|الكشف\s+عن|كشف|نشر|الافصاح\s+عن)\s+(?:اسم|هويت)")


def _modal_type(ft: str, sent: Sentence, hit: _Hit) -> tuple[str | None, str | None]:
    """What a trigger becomes under its sentence's negation and modality."""
    if _ANONYMOUS.match(ft, hit.end):
        return None, None  # "طالبا عدم ذكر اسمه": a source asking not to be named, no demand
    clause = _before(ft, sent, hit.start, 8)
    near = clause[-2:]
    negated = _has(near, "negation") and hit.type not in ("X_TRUCE_DENIED",)
    bare = hit.pre[:-2] if hit.pre.endswith("ال") else hit.pre
    purpose = hit.noun and (bare.endswith("ل") or hit.pre.endswith("لل"))  # "للمطالبة ب", "لإنهاء"
    t = hit.type
    if t in ("THREATEN", "REQUEST", "DEMAND", "X_TRUCE_DENIED", "X_STATEMENT"):  # the rest is not asked of these
        return (None, None) if (negated or purpose) and t != "X_TRUCE_DENIED" else (t, hit.mode)
    if t == "ASSAULT" and (_mishap(ft, sent.start, sent.end) or near[-1:] == ["اي"]):
        return None, None  # an accident is not an attack; "لم تشهد أي هجوم" reports none
    if t == "ASSAULT" and hit.noun and _has(clause[-1:], "background"):
        window = ft[hit.start:min(sent.end, hit.end + 60)]
        if not _TOLL.search(window):
            return None, None  # "بعد هجوم عين الأسد": a reference to an attack told elsewhere
    after = _after(ft, sent, hit.end, 6)
    last = near[-1].lstrip("وف") if near else ""
    # "قد قتلت" is past, "قد يستهدف" (imperfect) not
    future = "س" in hit.pre or last in ("سوف", "لن") or (
        last == "قد" and norm(ft[hit.start:hit.end]).lstrip("وف")[:1] in ("ي", "ت", "ن"))
    threat = _has(clause, "threat_modal") or _has(after, "threat_modal") or future
    request = _has(clause[-4:], "request_modal")
    conditional = bool(set(after[:4]) & {"اذا", "لو"})  # "الهجمات ضدها، إذا حدثت"
    irrealis = _has(clause[-4:], "irrealis") or purpose or conditional
    if t == "ASSAULT":
        if negated:
            return None, None
        if threat:
            return "THREATEN", "violence"
        if request or irrealis:
            return None, None
        return t, hit.mode
    if t == "X_TRUCE_END":
        if negated:
            return None, None
        if _has(clause, "threat_modal"):
            return "THREATEN", "truce-end"
        if request:
            return "REQUEST", None
        if irrealis:
            return None, None
        return t, None
    if t in ("CONCEDE", "RETREAT") and hit.mode == "ceasefire":
        if negated:
            return "X_TRUCE_DENIED", None
        return (t, hit.mode) if not irrealis else (None, None)
    if negated or irrealis or future or request:
        return None, None
    if t == "RETREAT" and hit.mode == "withdraw" and re.search(
            "(?:" + lx.alternation(lx.lexicon()["rejected_from"]) + ")", ft[hit.end:min(sent.end, hit.end + 80)]):
        return "REJECT", None  # "انسحب من الاتفاق النووي": leaving an agreement rejects it
    return t, hit.mode


def _quote_at(quotes: list[Quote], pos: int, sent: Sentence) -> Quote | None:
    for q in quotes:
        if q.content.start <= pos < q.content.end:
            return q
    for q in quotes:  # a cue in this sentence whose content starts later in it
        if sent.start <= q.content.start <= sent.end and q.speaker.start is not None and q.speaker.start < pos:
            return q
    return None


def _event(etype, mode, hit, text, ft, sent, mentions, quotes) -> Event:
    ev = Event(type=etype, mode=mode, actor=None, target=None, place=None, coordinates=None, date=None, killed=None,
               injured=None, instrument=None, evidence=Span(sent.start, sent.end), confidence=0.0)
    if etype == "ASSAULT":
        return ev
    actor = target = None
    between = re.search(r"بين\s+(.{2,40}?)\s+و(.{2,40}?)(?=\s+(?:في|على|من|حول|بشان)\s|[،,.]|$)",
                        ft[sent.start:sent.end]) if etype in _SYMMETRIC else None
    if between:
        s1, e1 = sent.start + between.start(1), sent.start + between.end(1)
        s2, e2 = sent.start + between.start(2), sent.start + between.end(2)
        actor, target = ar.Arg(text[s1:e1], None, s1, e1), ar.Arg(text[s2:e2], None, s2, e2)
        if not (_is_agent(actor, mentions) or _is_agent(target, mentions)):
            # "بين الجانبين خرقا لاتفاق وقف": the و of وقف is no "and", and these are no parties
            between, actor, target = None, None, None
    if not between:
        verb = not hit.noun and not hit.phrase
        after = ar.phrase_after(text, ft, hit.end, sent.end, names=ar.starting_in(mentions, hit.end, sent.end))
        governs = norm(hit.form).endswith((" علي", " مع"))
        transformed = hit.type != etype  # an attack turned threat: who threatens is the speaker, not a subject
        if verb and not transformed and not governs and not _pronoun_subject(hit, ft) and _subject(after, mentions):
            actor = ar.link(after, mentions)
            target = ar.phrase_after(text, ft, actor.end, sent.end)
        elif governs:
            target = after
        elif hit.noun:
            actor = _support_subject(text, ft, sent, hit, mentions)
        if hit.phrase:
            target = None  # what follows a fixed phrase ("لا هدنة أو اتفاقا") is not its object
        if actor is None and etype in _SPEECH:
            q = _quote_at(quotes, hit.start, sent)
            if q is not None:
                actor = ar.Arg(q.speaker.text, q.speaker.entity, q.speaker.start, q.speaker.end)
        if actor is None and hit.type != etype:
            # "تلويح الفصائل والميليشيات العراقية بإنهاء الهدنة": who threatens is the threat noun's genitive
            threat = list(lx.compiled("threat_modal").finditer(ft, max(sent.start, hit.start - 80), hit.start))
            if threat:
                cand = ar.phrase_after(text, ft, threat[-1].end(), hit.start)
                if cand is not None and _is_agent(cand, mentions):
                    actor = cand
        if actor is None:
            actor = _agent_before(text, ft, sent, hit.start, mentions, nisba=etype not in _TRUCE)
        with_ = re.search(r"(?:^|\s)(?:مع|ضد)\s+" if etype in _SYMMETRIC | _TRUCE else r"(?:^|\s)(?:مع|ضد|علي)\s+",
                          ft[hit.end:min(sent.end, hit.end + 40)])
        if target is None and with_:
            target = ar.phrase_after(text, ft, hit.end + with_.end(), sent.end)
        if target is None and etype in ("ACCUSE", "THREATEN", "REJECT", "DEMAND", "REQUEST") and after is not actor:
            target = after
    actor = _country(ar.link(_titled(actor, text, mentions), mentions))
    if actor is not None and actor.entity is None and actor.start is not None:
        state = ar.demonym_actor(text, actor.start, actor.end)
        if state is not None and state.entity:
            actor = ar.Arg(actor.text, state.entity, actor.start, actor.end)  # "وفد عراقي": as written, coded to Iraq
    ev.actor, ev.actor_entity = _named(actor)
    ev.target, ev.target_entity = _named(ar.link(target, mentions))
    return ev


def _fullest(name: str | None, entity: str | None, mentions: list[Mention]) -> str | None:
    """A person by the fullest name the report gives them: "هيلي" → "نيكي هيلي"."""
    if not name or not entity:
        return name
    same = [m.text for m in mentions if m.entity == entity and m.type == "PER"]
    longest = max(same, key=lambda t: len(t.split()), default=name)
    return longest if len(longest.split()) > len(name.split()) else name


def _titled(arg: ar.Arg | None, text: str, mentions: list[Mention]) -> ar.Arg | None:
    """"الرئيس الفلسطيني محمود عباس": a role is the person named right after it."""
    if arg is None or arg.end is None or any(m.type == "PER" for m in ar.mentions_in(mentions, arg.start, arg.end)):
        return arg
    for m in ar.starting_in(mentions, arg.start, arg.end + 2):
        if m.type == "PER" and arg.start <= m.start and m.start - arg.end <= 2 \
                and not text[arg.end:m.start].strip(" ،,"):
            return ar.Arg(m.text, m.entity, m.start, m.end)
    return arg


def _country(arg: ar.Arg | None) -> ar.Arg | None:
    if arg is not None and arg.entity is None:
        found = places.country_named(arg.text)
        if found:
            return ar.Arg(arg.text, found[0], arg.start, arg.end)
    return arg


def _named(arg: ar.Arg | None) -> tuple[str | None, str | None]:
    if arg is None:
        return None, None
    return arg.text.strip(" \"«»“”"), arg.entity


_ATTACK_WORD = re.compile(r"ارهابي|اطلاق نار|هجوم|انتحاري|تفجير")


@lru_cache(maxsize=8)  # asked again for each attack trigger of a sentence
def _mishap(ft: str, start: int, end: int) -> bool:
    """An accident or a disaster ("حصيلة الزلزال", "بحادث دهس قطار") is not an attack, unless the sentence says one."""
    if _ATTACK_WORD.search(ft[start:end]):
        return False
    return _has(list(map(norm, ar.WORD.findall(ft[start:end]))), "mishaps")


def _pronoun_subject(hit: _Hit, ft: str) -> bool:
    """"ناقشا", "اتفقوا": the subject is in the verb; what follows is its object."""
    word = norm(ft[hit.start:hit.end])
    rest = word[word.find(hit.form) + len(hit.form):] if hit.form in word else ""
    return rest in ("ا", "وا", "تا")


def _support_subject(text, ft, sent, hit: _Hit, mentions, attack: bool = False) -> ar.Arg | None:
    """"نفذت قوات الجيش اليمني هجوما", "أجرى زعيما البلدين محادثات": the support verb's subject."""
    verbs = lx.compiled("attack_support") if attack else lx.compiled("support_verbs")
    support = list(verbs.finditer(ft, max(sent.start, hit.start - 100), hit.start))
    if not support:
        return None
    cand = ar.phrase_after(text, ft, support[-1].end(), hit.start)
    return cand if _subject(cand, mentions) else None


def _subject(arg: ar.Arg | None, mentions: list[Mention]) -> bool:
    """The phrase right after a verb is its subject (Arabic news is verb-first), unless it is a time or number."""
    if arg is None:
        return False
    if _is_agent(arg, mentions):
        return True
    first = norm(arg.text.split()[0])
    return not (_TIME.match(first) or lx.number_value(arg.text.split()[0]) is not None or first in ("ان", "الي", "علي"))


def _is_agent(arg: ar.Arg, mentions: list[Mention]) -> bool:
    words = norm(arg.text).split()
    inside = ar.mentions_in(mentions, arg.start - 1, arg.end + 1)
    if words and words[0].lstrip("و") in _place_nouns() and not any(m.type in ("ORG", "PER") for m in inside):
        return False  # "استهدفت بلدة تفتناز": a town named is what is hit, not who hits
    if inside:
        return True
    heads = lx.normalized("agent_heads")
    return bool(words) and (words[0].lstrip("و") in heads or places.country_named(arg.text) is not None)


_LISTED = re.compile(r"\s*[،,]?\s*و?")


def _agent_before(text, ft, sent, pos, mentions, nisba: bool = True) -> ar.Arg | None:
    """The nearest named actor before a trigger in its sentence: a mention, or a nisba ("وفد عراقي")."""
    before = [m for m in ar.starting_in(mentions, sent.start, pos)
              if sent.start <= m.start and m.end <= pos and m.type in ("PER", "ORG", "GPE", "LOC", "NORP")]
    if before:
        k = len(before) - 1
        # "إسرائيل وسوريا والأمم المتحدة اتفقت": the first of the parties listed heads the event
        while k > 0 and before[k].type == before[k - 1].type and _LISTED.fullmatch(
                ft, before[k - 1].end, before[k].start):
            k -= 1
        m = before[k]
        if m.type in ("PER", "ORG", "NORP") or not ar.preceded_by_direction(ft, m.start):
            if not _after_preposition(ft, m.start):
                return ar.Arg(m.text, m.entity, m.start, m.end)
    return ar.demonym_actor(text, max(sent.start, pos - 60), pos) if nisba else None


_PREPOSITION_END = re.compile(r"(?:^|\s)(?:في|الي|من|داخل|ب)\s*$")


def _after_preposition(ft: str, pos: int) -> bool:
    return bool(_PREPOSITION_END.search(ft[max(0, pos - 8):pos]))


# who did it, named after the deed: "برصاص القوات", "من قبل تنظيم داعش"
_AGENT_MARKERS = "من قبل|علي يد|برصاص|بنيران"
_BY = re.compile(r"\s*(?:" + _AGENT_MARKERS + r"|بقصف)\s+")
# ... or after a verb pointing back at it: "هجوم شنه", "غارات نفذتها"
_BY_OR_RELATIVE = re.compile(r"(?:" + _AGENT_MARKERS + r"|(?:" + ar.RELATIVE_VERBS + r")(?:ت)?(?:ه|ها))\s+")


_ON = re.compile(r"(?:^|\s)(?:علي|ضد)\s+")


def _fill_assault(ev, text, ft, sent, hit, mentions) -> None:
    if ev.mode is None and hit.mode:
        ev.mode = hit.mode
    claim = ar.claimed_by(text, ft, sent.start, sent.end)
    if claim and ev.actor is None:
        ev.actor, ev.actor_entity = _named(ar.link(claim, mentions))
        ev.claimed_by = ev.actor
    after = ar.phrase_after(text, ft, hit.end, sent.end)
    verb = not hit.noun and not hit.phrase
    target = None
    if after is not None:
        by = _BY.search(ft, after.end, sent.end) if verb else None
        if by and ev.actor is None and not text[after.end:by.start()].strip(" ،,"):
            # "قتل شاب فلسطيني برصاص القوات الإسرائيلية": passive; the victim first, then who
            ev.actor, ev.actor_entity = _named(ar.link(ar.phrase_after(text, ft, by.end(), sent.end), mentions))
            target = after
        elif verb:
            obj = ar.skip_weapons(text, ft, hit.end, sent.end)
            if obj == hit.end and _is_agent(after, mentions):
                if ev.actor is None:
                    ev.actor, ev.actor_entity = _named(ar.link(after, mentions))
                obj = after.end
            target = ar.phrase_after(text, ft, obj, sent.end, through_fac=True)
        else:
            lam = re.match(r"(?:\s+\S+){0,4}?\s+لل?(?=\S)", ft[after.end:sent.end])
            nisba = ar.demonym_actor(text, hit.start, after.end)
            by_lam = _lam_agent(text, ft, after, mentions)
            if by_lam is not None and ev.actor is None:
                ev.actor, ev.actor_entity = _named(_country(ar.link(by_lam, mentions)))
            elif lam and _is_agent(after, mentions) and ev.actor is None:
                ev.actor, ev.actor_entity = _named(_country(ar.link(after, mentions)))
                target = ar.phrase_after(text, ft, after.end + lam.end(), sent.end, max_words=8)
            elif nisba and ev.actor is None and not ar.forces_target(text, ft, after.start, after.end):
                ev.actor, ev.actor_entity = nisba.text, nisba.entity
            elif not ar.instrument(ft, after.start, after.end) and _construct(hit, ft) and not _adjective(after.text):
                target = ar.phrase_after(text, ft, after.start, sent.end, through_fac=True)
    if ev.actor is None and hit.noun:
        sub = _support_subject(text, ft, sent, hit, mentions, attack=True)
        if sub is not None and _is_agent(sub, mentions):
            ev.actor, ev.actor_entity = _named(_country(ar.link(sub, mentions)))
    if ev.actor is None:
        by = _BY_OR_RELATIVE.search(ft[sent.start:sent.end])
        if by:
            ev.actor, ev.actor_entity = _named(ar.link(ar.phrase_after(text, ft, sent.start + by.end(), sent.end),
                                                       mentions))
    if ev.actor is None and verb:
        sub = _subject_before(text, ft, sent, hit, mentions)
        if sub is not None:
            ev.actor, ev.actor_entity = _named(_country(ar.link(sub, mentions)))
    victims = re.search(r"(?:مقتل|قتل|مصرع|اصابه)\s+(?:(?:اكثر|اقل|نحو|حوالي)\s+من\s+)?\S+(?:\s+علي\s+الاقل)?"
                        r"\s+من\s+", ft[sent.start:sent.end])
    clause_end = _clause_end(ft, hit.end, sent.end)
    forces = ar.forces_target(text, ft, hit.start, clause_end)
    if victims:
        target = ar.phrase_after(text, ft, sent.start + victims.end(), sent.end) or target
    elif forces and (target is None or _facility(target.text)):
        target = forces
    on = _ON.search(ft[hit.end:min(sent.end, hit.end + 40)])
    if target is None and on:
        target = ar.phrase_after(text, ft, hit.end + on.end(), sent.end, through_fac=True)
    if ev.target is None and target is not None:
        ev.target, ev.target_entity = _named(ar.link(target, mentions))
        ev.target = _strip_quantity(ev.target)
    if ev.instrument is None:
        ev.instrument = ar.instrument(ft, sent.start, sent.end)
        if ev.mode is None and ev.instrument:
            ev.mode = lx.lexicon()["instrument_modes"].get(ev.instrument)
    killed, injured = ar.killed_injured(text, ft, sent.start, sent.end)
    ev.killed = ev.killed if ev.killed is not None else killed
    ev.injured = ev.injured if ev.injured is not None else injured
    if ev.count is None and ev.instrument in ("drone", "rockets"):
        ev.count = ar.projectile_count(text, ft, sent.start, sent.end)


def _subject_before(text: str, ft: str, sent: Sentence, hit: _Hit, mentions) -> ar.Arg | None:
    """"إن المسلح أطلق النار", "الجيش الإسرائيلي قصف": an agent right before the verb is its subject."""
    words = []
    end = hit.start
    for w in reversed(list(ar.WORD.finditer(text, max(sent.start, hit.start - 40), hit.start))[-3:]):
        if text[w.end():end].strip():
            break  # punctuation: the words before it belong to another clause
        words.insert(0, w)
        end = w.start()
    heads = lx.normalized("agent_heads")
    for w in words:
        named = [m for m in ar.mentions_in(mentions, w.start(), hit.start) if m.type in ("PER", "ORG", "NORP")]
        if (named and named[0].start <= w.start() + 1) or norm(w.group()).lstrip("و") in heads:
            return ar.Arg(text[w.start():words[-1].end()], None, w.start(), words[-1].end())
    return None


def _lam_agent(text: str, ft: str, after: ar.Arg, mentions) -> ar.Arg | None:
    """"غارات لمقاتلات التحالف العربي", "قصف للجيش السوري": the attack's agent after لـ."""
    if ft[after.start] != "ل" or len(after.text) < 4:
        return None
    if ft.startswith("لل", after.start):  # "للجيش" is ل + الجيش with its alef dropped
        arg = ar.Arg("ال" + text[after.start + 2:after.end], None, after.start + 1, after.end)
    else:
        arg = ar.Arg(text[after.start + 1:after.end], None, after.start + 1, after.end)
    return arg if _is_agent(arg, mentions) else None


_COMMA = re.compile(r"[,؛;]")


def _clause_end(ft: str, pos: int, end: int) -> int:
    """The first comma after the phrase following `pos` (a relative clause "التي تضم قوات" stays in)."""
    comma = _COMMA.search(ft[pos:end])
    return pos + comma.start() if comma else end


def _construct(hit: _Hit, ft: str) -> bool:
    """"استهداف قاعدة" governs a genitive; "الهجوم" or "انفجارين" does not."""
    return "ال" not in hit.pre and norm(ft[hit.start:hit.end]).endswith(hit.form)


def _adjective(phrase: str) -> bool:
    first = norm(phrase.split()[0])
    return bool(_TIME.match(first)) or first in ("الاقل", "نفسه", "نفسها", "اخرين", "كبير", "عنيفا") or \
        first.endswith(("يين", "يون")) or lx.number_value(phrase.split()[0]) is not None


def _strip_quantity(target: str | None) -> str | None:
    if not target:
        return target
    words = target.split()
    while words and (lx.number_value(words[0]) is not None or norm(words[0]) in ("جميع", "كل")):
        words = words[1:]
    return " ".join(words) or target


def _facility(text: str) -> bool:
    return ar._is_facility(norm(text.split()[0])) if text.split() else False


def _place(ev, text, ft, sent, mentions) -> None:
    candidates: list[tuple[int, ar.Arg]] = []
    for m in ar.starting_in(mentions, sent.start, sent.end):
        if not (sent.start <= m.start and m.end <= sent.end) or m.type not in _PLACE_TYPES:
            continue
        if _is_direction(m.text):
            continue
        # "جنوب بغداد" locates by another place (kept last); "المقربة من طهران" is no place at all
        aside = ar.preceded_by_direction(ft, m.start)
        visited = ev.mode == "visit" and ev.target and norm(m.text) in norm(ev.target)
        if not aside and not visited and not _locative(ft, m):
            continue
        if any(x and norm(m.text) in norm(x) for x in (ev.actor, ev.target)) and not _after_in(ft, m.start) \
                and not visited:
            continue  # "محادثات مع الولايات المتحدة": a party, not where it happened ("زار واشنطن" is both)
        ent = places.entity(m.entity)
        rank = 0 if m.type == "FAC" else 2 if places.is_country(ent) else 1
        if aside and not visited:
            rank += 3
        candidates.append((rank, ar.Arg(m.text, m.entity, m.start, m.end, m.text)))
    for p in ar.place_phrases(text, ft, sent.start, sent.end):
        if ar.preceded_by_direction(ft, p.start):
            continue
        if places.known() and not _facility(p.text) and places.lookup(p.name or p.text) is None:
            continue  # "الناحية العسكرية": a head noun before a word the gazetteer does not know
        candidates.append((0 if _facility(p.text) else 1, p))
    if not candidates and re.search(r"(?:في|داخل)\s+البلاد", ft[sent.start:sent.end]):
        home = _home_country(mentions)
        if home:
            candidates.append((2, ar.Arg(home.text, home.entity, None, None, home.text)))
    if not candidates:
        return
    candidates.sort(key=lambda c: (c[0], c[1].start if c[1].start is not None else 0))
    best = candidates[0][1]
    ev.place = "ال" + best.text[2:] if best.text.startswith("لل") else best.text  # "لليمن": the لل is no part of it
    ent = places.entity(best.entity) if best.entity else None
    if ent is None and best.name:
        ent = places.lookup(best.name)
    if ent is not None:
        ev.place_entity = ent.id
        ev.coordinates = tuple(ent.coordinates) if ent.coordinates else None
        ev.country = ent.country
        ev.admin1 = ent.admin1
    if ev.type in _SYMMETRIC and ev.target is None and ev.place_entity:
        # "زار وفد عراقي واشنطن": the host government is the other party (a capital codes to its country)
        other = places.government(ev.place_entity)
        if other and other != ev.actor_entity and other != ev.place_entity:
            host = places.entity(other)
            ev.target = host.names.get("ar", [ev.place])[0] if host else ev.place
            ev.target_entity = other


_ON_THE_GROUND = frozenset({"ASSAULT", "COERCE", "PROTEST"})


_ELSEWHERE = re.compile(r"\W*(?:و|ف)?(?:في|علي|من)\s+(?:سياق|صعيد|جهه|ناحيه)\s+(?:اخر|اخري|متصل)")


def _place_of_previous(ev: Event, events: list[Event], ft: str, sent: Sentence) -> None:
    """A clash told on without its place ("وأسفرت المواجهات عن ...") happened where the one just told did,
    unless the report turns elsewhere ("وفي سياق آخر")."""
    prev = next((e for e in reversed(events) if e.type in _ON_THE_GROUND and e.place), None)
    if prev is not None and sent.start - prev.evidence.end <= 300 and not _ELSEWHERE.match(ft, sent.start):
        ev.place, ev.place_entity, ev.coordinates = prev.place, prev.place_entity, prev.coordinates
        ev.country, ev.admin1 = prev.country, prev.admin1


_BI_END = re.compile(r"(?:^|\s)و?(?:ب|لل)$")


def _locative(ft: str, m: Mention) -> bool:
    """A place mention in a locative slot: after في/ب/داخل/قرب/إلى, possibly through place nouns ("في ريف دير
    الزور", "في مدن وبلدات الغوطة", "ببلدة دوما"), or a facility; not after من/عن/مع ("المقربة من طهران")."""
    if m.type == "FAC":
        return True
    before = ft[max(0, m.start - 40):m.start]
    if _BI_END.search(before):
        return True
    if ft[m.start - 1:m.start] == "ك" and m.start > 1 and ft[m.start - 2].isspace():
        return False  # "كبير" read as ك + a place named "بير"
    nouns = _place_nouns()
    for w in reversed([norm(w) for w in ar.WORD.findall(before)][-3:]):
        if w in ("في", "داخل", "قرب", "الي", "علي", "نحو", "باتجاه", "وفي") or (w.startswith(("ب", "وب")) and len(w) > 3):
            return True
        if w.lstrip("و") not in nouns:
            return False  # only place nouns stand between the preposition and the name
    return False


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset:
    words = lx.lexicon()["place_heads"] + lx.lexicon()["place_nouns"]
    return frozenset(k for w in words for k in (normalize(w), normalize("ال" + w)))


def _is_direction(word: str) -> bool:
    return norm(word) in lx.normalized("directions")


_IN_END = re.compile(r"(?:^|\s)(?:في|داخل)\s*$|(?:^|\s)ب$")


def _after_in(ft: str, pos: int) -> bool:
    return bool(_IN_END.search(ft[max(0, pos - 8):pos]))


def _home_country(mentions: list[Mention]) -> ar.Arg | None:
    """The country a report is mostly about, for "في البلاد"."""
    counts: dict[str, tuple[int, Mention]] = {}
    for m in mentions:
        if m.entity and m.entity.startswith("country:") and m.type in _PLACE_TYPES:
            n, first = counts.get(m.entity, (0, m))
            counts[m.entity] = (n + 1, first)
    if not counts:
        return None
    _, m = max(counts.values(), key=lambda v: v[0])
    return ar.Arg(m.text, m.entity, m.start, m.end, m.text)


def _trigger_pos(ev: Event, hits: list[_Hit]) -> int:
    return next((h.start for h in hits if h.type == ev.type), hits[0].start)


def _date(ev, pos, ft, sent, timexes: list[Timex], published, events: list[Event]) -> None:
    """The event's own date: the sentence's resolved date nearest its trigger, never a deadline or a future date."""
    own = []
    for t in timexes:
        if not (sent.start <= t.start and t.end <= sent.end and t.type in ("DATE", "TIME")):
            continue
        value = t.value[:10]
        if not _ISO.match(value) or (published and value[:len(published)] > published[:len(value)]):
            continue
        if re.search(r"(?:بحلول|حتي|لغايه|قبل نهايه|موعد)\s*$", ft[max(sent.start, t.start - 12):t.start]):
            continue
        own.append(t)
    if own:
        own.sort(key=lambda t: abs(t.start - pos))
        ev.date = own[0].value[:10]
        return
    seg = ft[sent.start:sent.end]
    if ev.type != "ASSAULT":
        return
    if re.search(r"بعد\s+(?:اقل\s+من\s+)?(?:اسبوع|ايام|يومين)", seg):
        prev = next((e for e in reversed(events) if e.date and len(e.date) == 10), None)
        if prev is not None:
            ev.date_window = _days_from(date.fromisoformat(prev.date), 1, 7)
            return
    if re.search(r"(?:بعد|قبل)\s+ساعات", seg) and published:
        ev.date_window = _days_from(date.fromisoformat(published), -1, 0)


def _days_from(d: date, first: int, last: int) -> tuple[str, str] | None:
    """The days from d + first to d + last; None where they leave the calendar (near year 1 or 9999)."""
    try:
        return (d + timedelta(days=first)).isoformat(), (d + timedelta(days=last)).isoformat()
    except OverflowError:
        return None


def _refers_back(ev: Event, ft: str, sent: Sentence) -> bool:
    if ev.actor or ev.place or ev.date:
        return False
    anaphora = lx.compiled("anaphora", clitics=False, which=False)
    return bool(anaphora.search(ft, sent.start, sent.end)) and not re.search(
        r"(?:^|\s)هجوم|ضربه|غاره", ft[sent.start:sent.end])


def _same_attack(ev: Event, events: list[Event], i: int, last: tuple[int, Event] | None) -> Event | None:
    """A later sentence telling the same attack: the last attack, close by, agreeing on everything both say and
    sharing its place, target or toll ("مقتل شاب ... في الخليل" then "الشاب ... قتل ... في مدينة الخليل")."""
    if last is None or i - last[0] > 3:
        return None
    prev = last[1]
    for key in ("place", "date", "killed", "mode"):
        a, b = getattr(prev, key), getattr(ev, key)
        if a is not None and b is not None and a != b and not (key == "place" and (a in b or b in a)):
            return None
    if prev.actor_entity and ev.actor_entity and prev.actor_entity != ev.actor_entity:
        return None
    if prev.actor and ev.actor and not prev.actor_entity and norm(prev.actor) != norm(ev.actor):
        return None
    shared = (prev.place and ev.place and (prev.place in ev.place or ev.place in prev.place)) or \
        (prev.killed is not None and prev.killed == ev.killed) or \
        (prev.target and ev.target and norm(prev.target) == norm(ev.target))
    return prev if shared else None


def _told_again(ev: Event, events: list[Event], i: int, told: dict) -> Event | None:
    """The same call, talks or condemnation told again a sentence or two later ("تحدث هاتفيا مع ماكرون" ...
    "ناقش الزعيمان"): same type, close by, parties and date not in conflict."""
    last = told.get(ev.type)
    if last is None or i - last[0] > 2:
        return None
    prev = last[1]
    if prev.date and ev.date and not (prev.date.startswith(ev.date) or ev.date.startswith(prev.date)):
        return None
    for a, b, ea, eb in ((prev.actor, ev.actor, prev.actor_entity, ev.actor_entity),
                         (prev.target, ev.target, prev.target_entity, ev.target_entity)):
        if ea and eb:
            if ea != eb:
                return None
        elif a and b and not (norm(a) in norm(b) or norm(b) in norm(a)
                              or norm(a).split()[-1] == norm(b).split()[-1]):
            return None
    return prev


def _merge(prev: Event, new: Event) -> None:
    for key in ("actor", "actor_entity", "target", "target_entity", "place", "place_entity", "coordinates", "country",
                "admin1", "date", "date_window", "killed", "injured", "count", "instrument", "claimed_by", "mode"):
        if getattr(prev, key) is None and getattr(new, key) is not None:
            setattr(prev, key, getattr(new, key))


def _weak(ev: Event) -> bool:
    """An attack named with nothing about it ("لكن هجوم عين الأسد حدث") is a mention, not a report."""
    return not (ev.actor or ev.instrument or ev.date or ev.killed is not None or ev.injured is not None or ev.count)


def _generic(ev: Event, ft: str, sent: Sentence) -> bool:
    if ev.place or ev.date or ev.date_window or ev.killed is not None or ev.injured is not None or ev.count:
        return False
    generic = lx.compiled("generic", clitics=False, which=False)
    return bool(generic.search(ft, sent.start, sent.end))


def _confidence(ev: Event) -> float:
    c = 0.5
    c += 0.15 if ev.actor else 0
    c += 0.1 if ev.target else 0
    c += 0.1 if ev.place else 0
    c += 0.1 if ev.date or ev.date_window else 0
    return min(c, 0.95)
