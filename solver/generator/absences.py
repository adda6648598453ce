"""Absences over the horizon: Belgian public holidays, Flemish school holidays, leave, adv,
training and sickness drawn per person."""

from __future__ import annotations

import bisect
import math
import random
from datetime import date, timedelta

from solver.generator.params import (
    ADV_DAYS,
    HORIZON_DAYS,
    HORIZON_START,
    LEAVE_BLOCK_WEIGHTS,
    SICK_DAYS,
    SICK_MAX_DAYS,
    SICK_MEDIAN_DAYS,
    SICK_SIGMA,
    YEARS,
)


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def belgian_holidays(year: int) -> list[date]:
    """The ten legal public holidays in Belgium: nobody takes leave or falls 'sick' on them."""
    e = easter(year)
    fixed = [(1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)]
    days = [date(year, m, d) for m, d in fixed]
    days += [e + timedelta(days=1), e + timedelta(days=39), e + timedelta(days=50)]
    return sorted(days)


def _school_holiday(d: date) -> bool:
    # Leave is taken more often in the summer, Christmas and Easter school holidays.
    if d.month in (7, 8):
        return True
    if (d.month == 12 and d.day >= 21) or (d.month == 1 and d.day <= 3):
        return True
    e = easter(d.year)
    return e - timedelta(days=6) <= d <= e + timedelta(days=8)


# Sick spells start more often in winter (flu season).
SICK_MONTH_WEIGHT = (1.5, 1.5, 1.3, 1.0, 0.9, 0.8, 0.7, 0.7, 0.9, 1.0, 1.2, 1.3)


class _Calendar:
    """Working days of one weekday pattern over the horizon, with cumulative weights per year."""

    def __init__(self, weekdays: tuple[int, ...], holidays: set[int]) -> None:
        self.work: list[int] = []
        for off in range(HORIZON_DAYS):
            d = HORIZON_START + timedelta(days=off)
            if d.weekday() in weekdays and off not in holidays:
                self.work.append(off)
        self.years: dict[int, tuple[int, int]] = {}
        self.leave_cw: dict[int, list[float]] = {}
        self.sick_cw: dict[int, list[float]] = {}
        for year in YEARS:
            lo_off = (date(year, 1, 1) - HORIZON_START).days
            hi_off = (date(year + 1, 1, 1) - HORIZON_START).days
            lo, hi = bisect.bisect_left(self.work, lo_off), bisect.bisect_left(self.work, hi_off)
            self.years[year] = (lo, hi)
            leave, sick, acc_l, acc_s = [], [], 0.0, 0.0
            for off in self.work[lo:hi]:
                d = HORIZON_START + timedelta(days=off)
                acc_l += 4.0 if _school_holiday(d) else 1.0
                acc_s += SICK_MONTH_WEIGHT[d.month - 1]
                leave.append(acc_l)
                sick.append(acc_s)
            self.leave_cw[year], self.sick_cw[year] = leave, sick


class _Absences:
    """Places non-overlapping absences: a per-person bytearray marks every calendar day covered
    by one of that person's rows (the loader rejects overlapping absences)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        holidays = set()
        for year in YEARS:
            holidays.update((d - HORIZON_START).days for d in belgian_holidays(year))
        self.holidays = holidays
        self.calendars: dict[tuple[int, ...], _Calendar] = {}
        self.busy: dict[str, bytearray] = {}
        self.rows: list[tuple[str, int, int, str, str]] = []

    def calendar(self, weekdays: tuple[int, ...]) -> _Calendar:
        if weekdays not in self.calendars:
            self.calendars[weekdays] = _Calendar(weekdays, self.holidays)
        return self.calendars[weekdays]

    def place(self, person: str, cal: _Calendar, year: int, length: int, kind: str,
              weights: str = "uniform", part: str = "day", truncate: bool = False,
              ) -> tuple[int, int]:  # fmt: skip
        """Place one absence of `length` working days starting in `year`.

        Returns the working days placed in `year` and those spilling into the next year, so
        that yearly budgets count calendar years (a Christmas leave or a December flu)."""
        busy = self.busy.setdefault(person, bytearray(HORIZON_DAYS))
        lo, hi = cal.years[year]
        if hi <= lo:
            return 0, 0
        cw = cal.leave_cw[year] if weights == "leave" else cal.sick_cw[year]
        for _ in range(12):
            if weights == "uniform":
                i = lo + int(self.rng.random() * (hi - lo))
            else:
                i = lo + min(bisect.bisect(cw, self.rng.random() * cw[-1]), hi - lo - 1)
            j = min(i + length - 1, len(cal.work) - 1)
            start, end = cal.work[i], cal.work[j]
            hit = busy.find(1, start, end + 1)
            if hit == start:
                continue
            if hit != -1:
                if not truncate:
                    continue
                j = bisect.bisect_left(cal.work, hit) - 1
                end = cal.work[j]
            busy[start : end + 1] = b"\x01" * (end - start + 1)
            self.rows.append((person, start, end, part, kind))
            return min(j, hi - 1) - i + 1, max(0, j - hi + 1)
        return 0, 0


_LEAVE_BLOCK_CW = [sum(w for _, w in LEAVE_BLOCK_WEIGHTS[: k + 1]) for k in range(5)]


def _leave_block(rng: random.Random) -> int:
    return LEAVE_BLOCK_WEIGHTS[bisect.bisect(_LEAVE_BLOCK_CW, rng.random() * _LEAVE_BLOCK_CW[-1])][
        0
    ]


def _fte(days: tuple[int, ...]) -> float:
    return len(days) / 5


def _planned_absences(ab: _Absences, person: str, days, leave_days: int, training: int) -> None:
    """Leave, adv, training and the odd appointment: the planned absences."""
    rng, cal, fte = ab.rng, ab.calendar(days), _fte(days)
    spill = 0
    for year in YEARS:
        # Leave in blocks of 1-5 working days, sometimes a half day, counted in half days.
        left = round(2 * leave_days * fte) / 2 - spill
        spill, tries = 0, 0
        while left > 0 and tries < 40:
            tries += 1
            size = min(_leave_block(rng), math.ceil(left))
            if left < 1 or (size == 1 and rng.random() < 0.12):
                placed, _ = ab.place(
                    person, cal, year, 1, "leave", "leave", rng.choice(("am", "pm"))
                )
                left -= 0.5 * placed
            else:
                placed, over = ab.place(person, cal, year, size, "leave", "leave")
                left -= placed
                spill += over
        # Adv days ("rimpeldagen") are single days.
        for _ in range(round(ADV_DAYS * fte)):
            ab.place(person, cal, year, 1, "adv")
        for _ in range(training):
            ab.place(person, cal, year, 1, "training")
        # A doctor's or dentist's appointment now and then: half a day, no reason stored.
        if rng.random() < 0.25:
            ab.place(person, cal, year, 1, "other", part=rng.choice(("am", "pm")))


def _sick_absences(ab: _Absences, group: list[tuple[str, tuple[int, ...]]]) -> None:
    """Sickness for a group of people (the coaches, the vlinders or the workers of a cluster).

    The group's total is fixed at 15 days per FTE a year, the director's planning figure behind
    "416 days for 13 coaches"; who falls ill, when and for how long is random: a personal
    frailty spreads spells unevenly, spell lengths are lognormal with a heavy tail."""
    if not group:
        return
    rng = ab.rng
    frailty = [rng.gammavariate(2.0, 0.5) * _fte(days) for _, days in group]
    cum = []
    acc = 0.0
    for f in frailty:
        acc += f
        cum.append(acc)
    spill = 0
    for year in YEARS:
        # Spells that ran on from December count against the new year's total.
        left = round(SICK_DAYS * sum(_fte(days) for _, days in group)) - spill
        spill, tries = 0, 0
        while left > 0 and tries < 20 * len(group) + 50:
            tries += 1
            k = min(bisect.bisect(cum, rng.random() * cum[-1]), len(group) - 1)
            person, days = group[k]
            length = round(rng.lognormvariate(math.log(SICK_MEDIAN_DAYS), SICK_SIGMA))
            length = min(max(1, length), SICK_MAX_DAYS, left)
            cal = ab.calendar(days)
            placed, over = ab.place(person, cal, year, length, "sick", "sick", truncate=True)
            left -= placed
            spill += over
