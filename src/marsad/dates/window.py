"""When was an undated report written? A window from its own dated mentions.

Every dated mention says something about the publication day P: "30 يوليو
الماضي" puts P after July 30 and within a year of it, "سبتمبر المقبل" puts P
in the twelve months before a September, "حتى سبتمبر 2026" puts P before that
deadline. Each statement is a set of days (a union of intervals over the
candidate years); the estimate is their intersection. The rules, and why they
hold for news in general, are in docs/dates.md:

1. Frame: P lies from a year before to three years after the latest year
   the report names, or in the two years before it when that year is a
   deadline.
2. A past event dated with its year happened before P; a deadline dated
   with its year ("حتى/بحلول ...") lies after P.
3. "X الماضي" is within the year before P (a day called so is at least a
   week old: a newer one would be named by its weekday); "X المقبل" within
   the year after P; a month named both "X المقبل" and "X <year>" means two
   different Xs; an "X الماضي" and a "Y المقبل" in one report lie within a
   year of each other (news looks at the recent past and the near future).
4. News style (AP): a past month written with its year ("في يناير 2020";
   full dates often carry the year anyway) is not in P's year;
   a bare past month ("في أبريل، أعلن") is in P's year; a year-less "X
   الماضي" month follows the latest event the report dates with a year.
5. A weekday in the lede's past tense ("قالت ...، الثلاثاء") is the day of
   the news: P is that day or the next.
6. A year-less date with its weekday ("الخميس 15 مارس") lies within a year
   of P, in a year where that day is that weekday.

Rules are added strongest first; one that would leave no day at all is
skipped (the report broke a convention). Of the stretches left, the earliest
is kept: a report is written as soon after the events it dates as the
evidence allows.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from marsad.dates.calendar import add_months, month_end
from marsad.dates.grammar import find
from marsad.dates.spec import Spec
from marsad.records import Published

Intervals = list[tuple[int, int]]  # inclusive day ordinals, sorted, disjoint

_LEDE_END = re.compile(r"[.!?؟\n]")


def estimate_publication(text: str) -> Published | None:
    """A window for an undated report, from its own dated mentions."""
    specs = find(text)
    window = estimate_window(specs, _lede_end(text))
    if window is None:
        return None
    return Published(window_middle(window), "day", estimated=True, window=window)


def estimate_window(specs: list[Spec], lede_end: int) -> tuple[str, str] | None:
    # a year far off ("12/9999") says nothing of the report's time, and the
    # rules' arithmetic (a year on, twelve months back) would leave the calendar
    dated = [s for s in specs
             if s.kind in ("date", "year") and not s.hijri and (s.year is None or 1000 <= s.year <= 2200)]
    years = [s.year for s in dated if s.year and 1900 <= s.year <= 2100]
    if not years or not any(s.year is None and s.month and s.rel is not None for s in dated):
        # without a year nothing places the report in time, and without a
        # month said relative to the report ("X الماضي/المقبل") the years it
        # names may be history or plans, not its own time
        return None
    latest = max((s for s in dated if s.year and 1900 <= s.year <= 2100),
                  key=lambda s: (s.year, s.tense != "future"))
    # ANT 2018: P's year minus the latest year named is 0, 1 or 2 for most
    # reports (and -1 for some); a deadline is a year or two ahead
    if latest.tense == "future":
        frame_lo, frame_hi = latest.year - 2, latest.year
    else:
        frame_lo, frame_hi = latest.year - 1, latest.year + 3
    cands = range(frame_lo - 1, frame_hi + 2)
    days: Intervals = [(date(frame_lo, 1, 1).toordinal(), date(frame_hi, 12, 31).toordinal())]
    for constraint in _constraints(dated, cands):
        narrowed = _intersect(days, constraint)
        if narrowed:
            days = narrowed
    # a stretch shorter than a week is an edge effect of rules not finer than that
    stretches = [iv for iv in days if iv[1] - iv[0] >= 6] or days
    first, last = stretches[0]
    if len(stretches) > 1 and not _tied(date.fromordinal(first).year, dated):
        # the mentions fit several years and no dated event or deadline ties the
        # earliest to the report: on the 2018 corpus taking it anyway was right
        # 2 times in 200, and no estimate beats a confident wrong one
        return None
    first, last = _lede_weekday(specs, lede_end, first, last)
    return date.fromordinal(first).isoformat(), date.fromordinal(last).isoformat()


def _tied(year: int, dated: list[Spec]) -> bool:
    """A past event dated in `year`, or a deadline dated within two years after it."""
    return any(s.year and s.month and (s.year == year if s.tense == "past" else
                                       s.tense == "future" and year <= s.year <= year + 2) for s in dated)


def _constraints(dated: list[Spec], cands: range) -> list[Intervals]:
    """Statements about P, strongest first."""
    # a year alone is as often a plan as an event; a dated month or day in a
    # past-tense clause is an event
    past_explicit = [s for s in dated if s.year and s.month and s.tense == "past"]
    deadlines = [s for s in dated if s.year and s.month and s.tense == "future"]
    out: list[Intervals] = []
    for s in past_explicit:  # rule 2
        out.append([(_start(s).toordinal(), date.max.toordinal())])
    for s in deadlines:
        out.append([(date.min.toordinal(), _end(s).toordinal())])
    latest_event = max((_start(s) for s in past_explicit if s.month), default=None)
    explicit_months = {(s.month, s.year) for s in dated if s.month and s.year}
    for s in dated:  # rule 3
        if s.year or not s.month or s.month_rel is not None:
            continue
        if s.rel == -1:
            if s.day is None and latest_event is not None:
                # rule 4: the year-less month right after the latest dated event
                y = latest_event.year + (1 if s.month < latest_event.month else 0)
                out.append(_after_within_year(date(y, s.month, 1), month_end(y, s.month)))
            else:
                out.append(_union(_past_rel(s, y) for y in cands))
        elif s.rel == 1:
            out.append(_union(_next_rel(s, y) for y in cands if (s.month, y) not in explicit_months))
        elif s.rel == 0:  # "مارس الجاري": P is in that month
            out.append([(_day_of(y, s.month, s.day).toordinal(), month_end(y, s.month).toordinal())
                        for y in cands])
    for s in past_explicit:  # rule 4: a month's year is given because it is not P's
        if s.kind == "date" and s.month and not s.day:
            out.append([(date(s.year + 1, 1, 1).toordinal(), date.max.toordinal())])
    for s in dated:  # rule 6: "الخميس 15 مارس" happens on a Thursday only every few years
        if s.weekday is not None and s.day and s.month and s.year is None:
            out.append(_union(_near(d, s) for d in _weekday_dates(s, cands)))
    past_rel = [s for s in dated if s.month and s.year is None and s.month_rel is None and s.rel == -1]
    next_rel = [s for s in dated if s.month and s.year is None and s.month_rel is None and s.rel == 1]
    for before in past_rel:  # rule 3: "X الماضي" and "Y المقبل" in one report lie within a year
        for after in next_rel:
            out.append(_union(_between(before, after, y, explicit_months) for y in cands))
    qualified = {s.month for s in dated if s.month and (s.rel is not None or s.year)}
    for s in dated:  # rule 4: a bare past month is in P's year
        if (s.kind == "date" and s.month and s.year is None and s.rel is None and s.month_rel is None
                and s.tense == "past" and s.month not in qualified):
            out.append(_union([(month_end(y, s.month).toordinal() + 1, date(y, 12, 31).toordinal())]
                              for y in cands if s.month < 12))
    return out


def _day_of(y: int, m: int, d: int | None) -> date:
    """The day, kept inside its month ("30 فبراير" is the month's last day)."""
    last = month_end(y, m)
    return last.replace(day=min(d, last.day)) if d else date(y, m, 1)


def _start(s: Spec) -> date:
    if s.kind == "year" or not s.month:
        return date(s.year, 1, 1)
    return _day_of(s.year, s.month, s.day)


def _end(s: Spec) -> date:
    if s.kind == "year" or not s.month:
        return date(s.year, 12, 31)
    return _day_of(s.year, s.month, s.day) if s.day else month_end(s.year, s.month)


def _after_within_year(first: date, last: date) -> Intervals:
    """P after the stretch [first, last] and no more than a year after it."""
    return [(last.toordinal() + 1, month_end(*_ym(add_months(first, 12))).toordinal())]


def _ym(d: date) -> tuple[int, int]:
    return d.year, d.month


def _past_rel(s: Spec, y: int) -> Intervals:
    if s.day:
        try:
            d = date(y, s.month, s.day)
        except ValueError:
            return []
        return [((d + timedelta(days=7)).toordinal(), add_months(d, 12).toordinal())]
    return _after_within_year(date(y, s.month, 1), month_end(y, s.month))


def _next_rel(s: Spec, y: int) -> Intervals:
    """P in the twelve months before month X of year y (or before day D X)."""
    if s.day:
        try:
            d = date(y, s.month, s.day)
        except ValueError:
            return []
        return [(add_months(d, -12).toordinal(), d.toordinal() - 1)]
    first = date(y, s.month, 1)
    return [(add_months(first, -12).toordinal(), first.toordinal() - 1)]


def _between(before: Spec, after: Spec, y: int, explicit: set) -> Intervals:
    """P after "X الماضي" of year y and before the first "Y المقبل" following it."""
    try:
        x = date(y, before.month, before.day) + timedelta(days=7) if before.day else \
            month_end(y, before.month) + timedelta(days=1)
        y_next = y if after.month > before.month else y + 1
        if (after.month, y_next) in explicit:
            return []
        limit = date(y_next, after.month, after.day or 1)
    except ValueError:
        return []
    return [(x.toordinal(), limit.toordinal() - 1)] if x < limit else []


def _weekday_dates(s: Spec, cands: range) -> list[date]:
    out = []
    for y in cands:
        try:
            d = date(y, s.month, s.day)
        except ValueError:
            continue
        if d.weekday() == s.weekday:
            out.append(d)
    return out


def _near(d: date, s: Spec) -> Intervals:
    """P within a year of a dated day: after it when past, before it when ahead."""
    past = s.rel == -1 or (s.rel is None and s.tense == "past")
    ahead = s.rel == 1 or (s.rel is None and s.tense == "future")
    lo = d if past else add_months(d, -12)
    hi = d if ahead else add_months(d, 12)
    return [(lo.toordinal(), hi.toordinal())]


def _union(parts) -> Intervals:
    flat = sorted(iv for part in parts for iv in part)
    out: Intervals = []
    for a, b in flat:
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _intersect(x: Intervals, y: Intervals) -> Intervals:
    out, i, j = [], 0, 0
    while i < len(x) and j < len(y):
        a, b = max(x[i][0], y[j][0]), min(x[i][1], y[j][1])
        if a <= b:
            out.append((a, b))
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    return out


def _lede_end(text: str) -> int:
    m = _LEDE_END.search(text)
    return m.start() if m else len(text)


def _lede_weekday(specs: list[Spec], lede_end: int, first: int, last: int) -> tuple[int, int]:
    """Rule 5: the lede's past-tense weekday is the news day; P is it or the next day."""
    for s in specs:
        if (s.start < lede_end and s.kind == "weekday" and s.tense == "past" and s.rel is None
                and s.week_rel is None and s.days is None and s.day is None and s.nth is None):
            wd = s.weekday
            start = first + (wd - date.fromordinal(first).weekday()) % 7
            if date.fromordinal(first).weekday() == (wd + 1) % 7:
                start = first  # the day after a weekday at the window's start
            end = last - (date.fromordinal(last).weekday() - (wd + 1)) % 7
            if date.fromordinal(last).weekday() == wd:
                end = last
            if start <= end:
                return start, end
    return first, last


def window_middle(window: tuple[str, str]) -> str:
    a, b = date.fromisoformat(window[0]), date.fromisoformat(window[1])
    return date.fromordinal((a.toordinal() + b.toordinal()) // 2).isoformat()


def intersect_windows(*windows: tuple[str, str] | None) -> tuple[str, str] | None:
    """The days all given windows share (None ones ignored); None when they share none.

    For the stories stage: reports of one story narrow each other's estimates.
    """
    given = [w for w in windows if w]
    if not given:
        return None
    start, end = max(w[0] for w in given), min(w[1] for w in given)
    return (start, end) if start <= end else None
