"""An event's arguments from its sentence: actor, target, place, counts, instrument.

Everything works on the folded sentence (one character per character of the
clean text), so every offset found here is an offset into `Document.text`.
Entity mentions, when the entity stage gives them, name and link actors,
targets and places; without them the phrase after the trigger stands in.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from marsad.arabic import normalize
from marsad.events import lexicon as lx
from marsad.events import places
from marsad.kb.matcher import norm  # normalize, cached per word
from marsad.records import Mention

WORD = re.compile(r"[^\s،,.؛;:\"«»“”()\[\]]+")
# words that end a noun phrase after a trigger
_STOP = set(normalize(w) for w in (
    "إثر اثر عقب جراء جرّاء نتيجة لدى في على من إلى الى عن ضد داخل خارج بعد قبل منذ خلال حيث التي الذي الذين مما ما أن إن بأن لأن وفق حسب "
    "بسبب رغم عبر أمام بين لكن بينما فيما كما أي أيضا حتى مع عند لدى إذ ثم").split())
# time words end a phrase ("المحتجين الثلاثاء") and are skipped before one ("يوم الجمعة")
_TIME = set(normalize(w) for w in (
    "يوم اليوم أمس الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد مساء صباح ليلة الليلة فجر ظهر الأسبوع "
    "الشهر العام الماضي الماضية المقبل حاليا حينها").split())
# words that cannot open an argument: "على الأقل", "آخرين", "عندما"
_NOT_ARG = set(normalize(w) for w in "الأقل آخرين آخر أخرى عندما بينما حين كما أيضا إنها إنه بأنه بأنها هذا هذه ذلك".split())
_PRONOUN_PP = set(normalize(w) for w in "فيه فيها فيهم عليه عليها منه منها له لها لهم خلاله".split())
_PLATFORMS = set(normalize(w) for w in "طائرات طائرة مقاتلات مقاتلة مروحيات مروحية بوارج سفن زوارق مدفعية".split())
_ADVERBS = set(normalize(w) for w in "مجددا مجدداً كذلك أيضا أيضاً مرة ثانية فعلا فعلاً رسميا رسمياً".split())
_QUANT = set(normalize(w) for w in "جميع كل بعض عدد عدة كافة".split())
# words that cannot end a name or a noun phrase: the phrase was cut inside one ("عبد | الملك", "أو | ...")
_DANGLING = set(normalize(w) for w in "أو و عبد أبو أبي ابن بن بنت أم آل ذي ذو بقيادة أحدهما أحدهم إحداهما".split())
# "اتهمه بالتزوير", "طالب بتوفير وظائف", "عدم نشر اسمه": what is alleged or asked, not who
_COMPLEMENT = re.compile(r"^(?:بال\w{3,}|بت\w{2}ي\w+|باست\w{3,}|با[تن]\w{3,}|بم\w{3,}|عدم)$")
# verbs that point back at a deed, their agent after them: "غارات نفذتها قوات النظام"
RELATIVE_VERBS = "شن|نفذ|اطلق|زرع|فجر"
_RELATIVE_VERB = re.compile(r"^(?:" + RELATIVE_VERBS + r"|تبني)(?:ت)?(?:ه|ها|هم)$")
# nouns that start with ب as a letter, not the preposition: any other unnamed "ب..." phrase is a complement
# ("هددت تركيا بشن عمليات"), never who acts or what is acted on
_BA_NOUNS = set(normalize(w) for w in (
    "بلدية بلدة بلاد بلد بيت بنك برلمان بعثة برنامج برج بطل بابا بحرية بقية بنو بني بيان بئر بحر").split())


@dataclass
class Arg:
    text: str
    entity: str | None = None
    start: int | None = None
    end: int | None = None
    name: str | None = None  # a place's bare name for the knowledge base ("بابل" of "محافظة بابل")


def mentions_in(mentions: list[Mention], start: int, end: int, types=None) -> list[Mention]:
    """The mentions from `start` to `end`; `mentions` sorted by start, as extract_events sorts them."""
    return [m for m in starting_in(mentions, start, end) if m.end <= end and (types is None or m.type in types)]


def starting_in(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions that start from `start` to `end` (both in); `mentions` sorted by start."""
    return mentions[bisect_left(mentions, start, key=START):bisect_right(mentions, end, key=START)]


START = attrgetter("start")  # a mention's start: the key mentions are sorted by


def skip_weapons(text: str, ft: str, pos: int, limit: int) -> int:
    """Past a subject that is a weapon: "استهدفت ثلاثة صواريخ قاعدة ..." → the object starts at "قاعدة"."""
    while True:
        m = WORD.search(text, pos, limit)
        if m is None or text[pos:m.start()].strip():
            return pos
        if lx.number_value(m.group()) is None and not lx.any_instrument().fullmatch(ft, m.start(), m.end()):
            return pos
        pos = m.end()


def phrase_after(text: str, ft: str, pos: int, limit: int, max_words: int = 4, through_fac: bool = False,
                 names: list[Mention] | None = None) -> Arg | None:
    """The noun phrase starting at `pos`: words up to a preposition, relative pronoun or punctuation; with
    `names`, also up to a place or person named after its first word ("وفد إيراني | واشنطن")."""
    words = []
    starts = {m.start for m in names or () if m.type in ("LOC", "GPE", "PER", "ORG")}
    for m in WORD.finditer(text, pos, limit):
        if words and (m.start() in starts or m.start() + 1 in starts):
            break
        if text[pos:m.start()].strip(" ") and words:
            break  # punctuation between words ends the phrase
        key, kind = _word(m.group())
        if words and kind & _OPENS:
            break  # "قوات الحشد الشعبي بضربة ...": the next trigger or weapon starts another phrase
        if kind & _ENDS:
            if through_fac and key == "في" and words and _is_facility(words[0][2]):
                nxt = WORD.search(text, m.end(), limit)
                if nxt and _is_place_head(norm(nxt.group())):
                    words.append((m.start(), m.end(), key))
                    pos = m.end()
                    continue
            break
        if not words and kind & _SKIPPED:
            pos = m.end()
            continue
        if kind & _TIME_WORD or (not words and kind & (_NO_ARG | _CLAUSE)) or (words and kind & _COMPLEMENT_WORD):
            break  # ... or "المتظاهرون | بإسقاط الحكومة": what they call for starts another phrase; or "وتعرضت"
        words.append((m.start(), m.end(), key))
        pos = m.end()
        if len(words) >= max_words + (2 if through_fac else 0):
            break
    while words and words[-1][2] == "في":
        words.pop()
    if not words:
        return None
    s, e = words[0][0], words[-1][1]
    return Arg(text[s:e], None, s, e)


# what phrase_after asks of a word (_word), as bits
_OPENS, _ENDS, _SKIPPED, _TIME_WORD, _NO_ARG, _CLAUSE, _COMPLEMENT_WORD = (1 << i for i in range(7))


@lru_cache(maxsize=1 << 14)  # common words: asked of every word of every phrase
def _word(word: str) -> tuple[str, int]:
    """A word's key (`norm`) and its kinds for phrase_after: a trigger, weapon or number opens another phrase;
    a preposition, relative pronoun and the like ends one (also after و); a quantity, pronoun, time word or
    adverb is skipped before one; a time word ends one; a word that opens no argument ("الأقل", "عندما"); a
    new clause ("وتعرضت"); a complement ("بإسقاط")."""
    key = norm(word)
    kinds = (
        lx.is_trigger_word(word) or lx.number_value(word) is not None,
        key in _STOP or key.startswith("و") and key[1:] in _STOP,
        key in _QUANT or key in _PRONOUN_PP or key in _TIME or key in _ADVERBS,
        key in _TIME,
        key in _NOT_ARG,
        key.startswith("و") and key[1:2] in ("ت", "ي") and len(key) > 4,
        _complement_next(key, word),
    )
    return key, sum(1 << i for i, k in enumerate(kinds) if k)


def _complement_next(key: str, word: str) -> bool:
    """A ب-phrase after a noun: a verbal noun ("بإسقاط", "بانسحاب", "بالوقوف"), not a name (باكستان)."""
    return bool(_COMPLEMENT.match(key) or re.match(r"با\w{4,}$", key) and places.country_named(word) is None)


def _is_place_head(key: str) -> bool:
    heads = lx.normalized("place_heads")
    return key in heads or key[2:] in heads


def _is_facility(key: str) -> bool:
    return any(key.lstrip("و").lstrip("ب").startswith(h) or key.endswith(h) for h in ("قاعد", "مطار", "مقر", "معسكر", "قاعده"))


def link(arg: Arg | None, mentions: list[Mention]) -> Arg | None:
    """The entity a phrase names, from the mentions inside it; `mentions` sorted by start."""
    if arg is None or arg.start is None:
        return arg
    # those starting before its end: a prefix of them
    inside = [m for m in mentions[:bisect_left(mentions, arg.end, key=START)] if m.end > arg.start and m.entity]
    if inside:
        m = inside[0]
        ent = places.government(m.entity) if m.type in ("LOC", "GPE", "FAC", "NORP") else m.entity
        if m.start <= arg.start + 2 or all(norm(w) in _PLATFORMS for w in arg.text[:m.start - arg.start].split()):
            # the phrase opens with the name: the name is the argument ("تتهم واشنطن غالبا الفصائل" → واشنطن);
            # so does a platform before it ("مقاتلات التحالف العربي" → the coalition attacks)
            return Arg(m.text, ent, m.start, m.end)
        return Arg(arg.text, ent, arg.start, arg.end)
    return arg


def demonym_actor(text: str, start: int, end: int) -> Arg | None:
    """"بضربة طائرة أميركية" → the United States: the first nisba adjective in a window."""
    prev: list[re.Match] = []
    state = lx.normalized("state_heads")
    groups = lx.normalized("group_heads")

    def is_state(w: re.Match) -> bool:
        key = norm(w.group())
        return key in state or key[1:] in state or key[2:] in state

    for m in WORD.finditer(text, start, end):
        found = places.demonym(m.group())
        if found:
            if prev and not any(is_state(w) for w in prev[-2:]):
                if norm(prev[-1].group()).lstrip("و") in groups:
                    # "ميليشيات عراقية" is not Iraq: the group is the actor, unlinked
                    return Arg(text[prev[-1].start():m.end()], None, prev[-1].start(), m.end())
                prev.append(m)
                continue
            return Arg(found[1], found[0], m.start(), m.end())
        prev.append(m)
    return None


def forces_target(text: str, ft: str, start: int, end: int) -> Arg | None:
    """"تضم قوات أمريكية", "خمسة أفراد أمريكيين", "حيث تتمركز القوات الأمريكية" → القوات الأمريكية."""
    forces = lx.compiled("forces")
    for m in forces.finditer(ft, start, end):
        nxt = WORD.search(text, m.end(), end)
        if nxt and text[m.end():nxt.start()].strip() == "":
            found = places.demonym(nxt.group())
            if found:
                label = "القوات " + _definite_nisba(nxt.group())
                return Arg(label, None, m.start(), nxt.end())
    return None


def _definite_nisba(word: str) -> str:
    w = word if word.startswith("ال") else "ال" + word
    for plural in ("يين", "يون"):
        if w.endswith(plural):
            return w[: -len(plural)] + "ية"
    return w


@lru_cache(maxsize=8)  # asked again for each attack trigger of a sentence
def killed_injured(text: str, ft: str, start: int, end: int) -> tuple[int | None, int | None]:
    killed = injured = None
    if lx.compiled("no_casualties", clitics=False, which=False).search(ft, start, end):
        injured = 0
        seg = ft[start:end]
        if re.search(r"ضحايا|خسائر بشريه", seg):
            killed = 0
    for kind, verbs, nouns, pats in _casualty_patterns():
        named = verbs.search(ft, start, end), nouns.search(ft, start, end)
        for i, p in enumerate(pats):
            if not named[i == 1]:
                continue  # most sentences name no dead or no wounded: a pattern without its word is not searched
            m = p.search(ft[start:end])
            if m:
                value = 2 if i == 2 else lx.number_value(text[start + m.start("num"):start + m.end("num")])
                if value is not None:
                    if kind == "k" and killed is None:
                        killed = value
                    elif kind == "i" and injured is None:
                        injured = value
                    break
    return killed, injured


@lru_cache(maxsize=1)
def _casualty_patterns() -> tuple[tuple[str, re.Pattern, re.Pattern, tuple[re.Pattern, ...]], ...]:
    """For the killed ("k") then the injured ("i"): their verbs, their nouns, and the patterns: a verb then a
    number ("قتل 5"), a number then a noun ("5 قتلى"), a verb then a dual ("قتل شخصين")."""
    lex = lx.lexicon()
    num = lx.number_re()
    around = r"(?:\s+(?:على\s+الاقل|نحو|حوالي|قرابه|اكثر\s+من))?"
    out = []
    for words, nouns, kind in (("killed_words", "killed_nouns", "k"), ("injured_words", "injured_nouns", "i")):
        w = lx.alternation(lex[words])
        n = lx.alternation(lex[nouns])
        persons = lx.alternation(lex["persons"])
        pats = [
            lx.START + r"[وب]?(?:ال)?(?:" + w + r")" + around + r"\s+" + num + around + r"(?:\s+(?:" + persons + r"))?",
            num + around + r"\s+(?:" + n + r")" + lx.END,
            lx.START + r"[وب]?(?:" + w + r")\s+(?:" + lx.pattern("شخصين") + "|" + lx.pattern("جنديين") + "|"
            + lx.pattern("عنصرين") + ")",
        ]
        out.append((kind, re.compile(lx.factored(lex[words])), re.compile(lx.factored(lex[nouns])),
                    tuple(re.compile(p) for p in pats)))
    return tuple(out)


@lru_cache(maxsize=8)  # asked again for each attack trigger of a sentence
def instrument(ft: str, start: int, end: int) -> str | None:
    if not lx.any_instrument().search(ft, start, end):
        return None  # as in most sentences: one search for all weapons
    # the lexicon lists weapons most specific first: "انفجار" follows many strikes, a drone carries rockets
    return next((name for name, rx in lx.instruments() if rx.search(ft, start, end)), None)


def projectile_count(text: str, ft: str, start: int, end: int) -> int | None:
    number_first, number_after, dual = _projectile_patterns()
    m = number_first.search(ft[start:end])
    if m:
        return lx.number_value(text[start + m.start("num"):start + m.end("num")])
    m = number_after.search(ft[start:end])
    if m:
        return lx.number_value(text[start + m.start("num"):start + m.end("num")])
    if dual.search(ft[start:end]):
        return 2
    return None


@lru_cache(maxsize=1)
def _projectile_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """"5 صواريخ", "صواريخ 5", "صاروخين"."""
    proj = lx.alternation(lx.lexicon()["projectiles"])
    return (re.compile(lx.number_re() + r"\s+(?:من\s+(?:ال)?)?(?:" + proj + r")"),
            re.compile(r"(?:" + proj + r")\s+" + lx.number_re() + lx.END),
            re.compile(lx.START + r"[وب]?(?:ال)?(?:صاروخين|قذيفتين|طائرتين|مسيرتين)" + lx.END))


def claimed_by(text: str, ft: str, start: int, end: int) -> Arg | None:
    """"أعلنت جماعة تسمى الثوار مسؤوليتها عنه" → الثوار; "تبنت X الهجوم" → X."""
    seg = ft[start:end]
    m = None
    # the words each regex holds looked for first: substring tests are quick, the regexes scan every position
    if "اعلن" in seg and "مسوولي" in seg:
        m = re.search(r"(?<!\S)و?اعلن(?:ت)?\s+(.{2,60}?)\s+(?:مسووليت(?:ها|ه|هم)|المسووليه)", seg)
    if not m and "تبن" in seg:
        m = re.search(r"(?<!\S)و?تبن(?:ت|ي|ّت)\s+(.{2,40}?)\s+(?:الهجوم|العمليه|الهجمات|التفجير|الضربه)", seg)
    if not m or re.search(r"(?:^|\s)(?:لا|لم|لن)\s*$", seg[:m.start()]):
        return None  # "لا تتبنى أي جهة مثل تلك الهجمات": no one claims
    s, e = start + m.start(1), start + m.end(1)
    inner = re.search(r"(?:تسمي|تطلق علي نفسها اسم|يطلق عليها|المسماه|ما يسمي|ما تسمي)\s+(?:ب)?", ft[s:e])
    if inner:
        s = s + inner.end()
    return Arg(text[s:e].strip(" \"«»“”"), None, s, e)


def place_phrases(text: str, ft: str, start: int, end: int) -> list[Arg]:
    """Place names introduced by a head noun: "محافظة بابل", "قاعدة عين الأسد", "مطار إربيل"."""
    out = []
    for m in _place_head().finditer(ft[start:end]):
        head_key = norm(m.group(1))
        pos = start + m.end()
        words = []
        for w in WORD.finditer(text, pos, min(end, pos + 60)):
            if text[pos:w.start()].strip() or lx.is_trigger_word(w.group()):
                break
            key = norm(w.group())
            if key in _STOP or key in lx.normalized("directions") or words and key.startswith("و"):
                break  # "مطار النجف وإقالة مسؤول": what follows و is another thing
            nisba = key.endswith(("يه", "ي", "يين")) and (words or not key.startswith("ال"))
            if nisba and (words or not key.startswith("ال")):
                if not words:
                    words = None
                break
            words.append((w.start(), w.end()))
            pos = w.end()
            if len(words) >= 3:
                break
        if not words:
            continue
        s, e = words[0][0], words[-1][1]
        facility = head_key in ("قاعده", "مطار", "مخيم", "معبر", "ميناء")
        full_s = start + m.start(1) if facility else s
        out.append(Arg(text[full_s:e], None, full_s, e, text[s:e]))
    return out


@lru_cache(maxsize=1)
def _place_head() -> re.Pattern:
    # a head is one word, a space after it: of heads matching at one place all end there, so the factored
    # alternation finds the same spans as the list
    return re.compile(lx.START + r"[وبل]?(?:ال)?(" + lx.factored(lx.lexicon()["place_heads"]) + r")\s+")


def preceded_by_direction(ft: str, pos: int) -> bool:
    return _direction_before().search(ft[max(0, pos - 14):pos]) is not None


@lru_cache(maxsize=1)
def _direction_before() -> re.Pattern:
    return re.compile(r"(?:" + lx.alternation(lx.lexicon()["directions"]) + r")\s*(?:ل)?$")


def tidy(actor: tuple[str | None, str | None], target: tuple[str | None, str | None]):
    """(text, entity) of actor and target as an analyst reads them, or (None, None) where one is no argument."""
    actor, target = _tidy_one(*actor), _tidy_one(*target)
    if actor[0] and target[0] and _same(actor, target):
        target = (None, None)  # "ترامب → ترامب": a phrase read twice, not a self-directed act
    return actor, target


def _tidy_one(text: str | None, entity: str | None) -> tuple[str | None, str | None]:
    if not text:
        return text, entity
    words = text.split()
    if len(words) > 1 and _RELATIVE_VERB.match(norm(words[0])):
        words = words[1:]  # "غارات نفذتها قوات النظام": the agent, after the verb that points back
    if _COMPLEMENT.match(norm(words[0])):
        return None, None  # a name inside ("عدم نشر اسمه لرويترز") does not make it an argument
    heads = lx.normalized("agent_heads")
    # "حكومة جنوب السودان وقوات": a second party cut off after its first word
    while len(words) > 1 and (norm(words[-1]) in _DANGLING or words[-1].startswith("و")
                              and norm(words[-1][1:]) in heads):
        words.pop()
    first = norm(words[0])
    if first in _DANGLING or not entity and first.startswith("وال"):
        return None, None  # a lone function word, or the second half of "للحقوق والحريات"
    if not entity and first.startswith("ب") and len(first) >= 3 and first not in _BA_NOUNS:
        return None, None
    if first.startswith("لل") and len(first) > 4:
        words[0] = "ال" + words[0][2:]  # "للقوى الأوروبية", "للجيش السوري": the preposition is not the name
    return " ".join(words), entity


def _same(a: tuple[str, str | None], b: tuple[str, str | None]) -> bool:
    if a[1] and b[1]:
        return a[1] == b[1]
    x, y = normalize(a[0]), normalize(b[0])
    return x == y or x in y or y in x
