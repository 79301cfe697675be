"""What a temporal expression says, before it is resolved to the calendar."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Spec:
    """One expression as said, before resolution."""

    start: int
    end: int
    kind: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    rel: int | None = None  # -1 الماضي, 0 الجاري, 1 المقبل (after month/weekday/unit)
    unit: str | None = None  # D W M Y ... for periods, offsets, durations, sets
    amounts: list[tuple[int, str]] = field(default_factory=list)  # durations: (n, unit)
    direction: int = 0  # offsets: -1 ago, 1 ahead, 0 from tense
    mod: str | None = None
    approx: bool = False
    hijri: bool = False
    nth: int | None = None  # nth weekday/week/day of a month; -1 = last
    month_rel: int | None = None  # "من الشهر الجاري/المقبل"
    year_rel: int | None = None  # "السنة القادمة"
    week_rel: int | None = None  # "الاسبوع الماضي الاحد"
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    part: tuple[int, int] | None = None  # (12-hour offset, default hour) of a part of day
    pod: str | None = None  # TIMEX3 part of day: MO AF EV NI
    days: int | None = None  # relative day: -2 .. 2
    value: str | None = None  # fixed values (PRESENT_REF, decades, holidays' names)
    begin: Spec | None = None  # ranges: first and last
    end_spec: Spec | None = None
    tense: str | None = None  # past | future | None, from the clause around it
