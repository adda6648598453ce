"""How often coaches, vlinders and workers are away: the absence model behind pool sizing.

Defaults come from the hearing (DOMAIN.md): the director of Westlandia sized his vlinder pool on
"10 free leave days, about 7 rimpeldagen (adv) and about 15 sick days" per coach a year, 416
days for 13 coaches. The model turns those three numbers into days: leave taken in blocks,
clustered in school holidays, adv as single days, sickness as spells (about 1.6 a year, a
median of about 3 working days, a long tail, more in winter, some people more often than
others), and the vlinders' own training days on the shop floor. Everything is configurable
under `absence_model:` in company.yaml; a simplified mode (`mode: independent`,
`daily_probability: P`) makes everyone absent each working day independently, for checking the
simulation against closed forms.

Only kinds are modelled (leave, adv, sick, training), never a reason.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path

import numpy as np
from dateutil.easter import easter

from solver.io.loading import CompanyError, Problem, yaml_key_lines

MODES = ("spells", "independent")
# Simulated year y uses calendar year BASE_YEAR + y % CALENDAR_CYCLE: real Belgian public
# holidays and Easter dates move from year to year. A fixed base keeps results independent of
# the date the simulation runs on (same seed, same numbers).
BASE_YEAR = 2027
CALENDAR_CYCLE = 10


@dataclass(frozen=True)
class AbsenceModel:
    """The absence model's parameters; the defaults are the hearing's figures (per FTE)."""

    mode: str = "spells"
    daily_probability: float | None = None  # only for mode independent
    leave_days: float = 10.0  # "10 free leave days" a year
    leave_block_max_days: int = 5  # leave comes in blocks of 1..max working days
    # A leave block is this many times likelier to start on a school-holiday day (Reading).
    school_holiday_weight: float = 3.0
    # HR's optional rule: at most this many regular coaches on planned leave (leave, adv) a day.
    max_on_leave_same_day: int | None = None
    adv_days: float = 7.0  # "about 7 rimpeldagen", single days
    sick_spells_per_year: float = 1.6
    # Person-to-person spread: coefficient of variation of a person's spell rate (gamma).
    sick_spell_spread: float = 0.6
    sick_median_days: float = 3.0  # median spell length in working days
    sick_days: float = 15.0  # "about 15 sick days": with spells and median it fixes the tail
    # A longer spell is bridged by hiring, not by the pool (Reading): spells are cut here.
    sick_max_days: int = 120
    sick_winter_peak: float = 2.0  # spell start rate in midwinter / in midsummer
    # Vlinders "need continuous training at each enclave": refresher days per site a year.
    vlinder_training_days_per_site: float = 1.0

    @property
    def independent(self) -> bool:
        return self.mode == "independent"

    @cached_property
    def sick_sigma(self) -> float:
        """The lognormal's sigma for which the mean spell (rounded to whole working days, at
        least 1, cut at sick_max_days) times the spell rate gives `sick_days` a year."""
        target = self.sick_days / self.sick_spells_per_year
        low, high = 1e-3, 6.0
        if _mean_spell(self.sick_median_days, high, self.sick_max_days) < target:
            return high  # the cap does not allow that many days: take the longest tail
        for _ in range(80):
            mid = (low + high) / 2
            if _mean_spell(self.sick_median_days, mid, self.sick_max_days) < target:
                low = mid
            else:
                high = mid
        return (low + high) / 2

    @cached_property
    def spell_cdf(self) -> np.ndarray:
        """Cumulative probabilities of spell lengths 1..sick_max_days (discretised lognormal)."""
        _, probs = _spell_distribution(self.sick_median_days, self.sick_sigma, self.sick_max_days)
        return np.cumsum(probs)[:-1]


def _norm_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def _spell_distribution(median: float, sigma: float, cap: int) -> tuple[np.ndarray, np.ndarray]:
    mu = math.log(median)
    lengths = np.arange(1, cap + 1)
    cdf = [0.0]
    for k in range(1, cap):
        cdf.append(_norm_cdf((math.log(k + 0.5) - mu) / sigma))
    cdf.append(1.0)
    probs = np.diff(np.array(cdf))
    return lengths, probs / probs.sum()


def _mean_spell(median: float, sigma: float, cap: int) -> float:
    lengths, probs = _spell_distribution(median, sigma, cap)
    return float((lengths * probs).sum())


# --- company.yaml -------------------------------------------------------------------------------

_RANGES: dict[str, tuple[type, float, float]] = {
    "daily_probability": (float, 0.0, 1.0),
    "leave_days": (float, 0.0, 200.0),
    "leave_block_max_days": (int, 1, 60),
    "school_holiday_weight": (float, 0.0, 100.0),
    "max_on_leave_same_day": (int, 0, 10_000),
    "adv_days": (float, 0.0, 100.0),
    "sick_spells_per_year": (float, 0.0, 50.0),
    "sick_spell_spread": (float, 0.0, 5.0),
    "sick_median_days": (float, 1.0, 100.0),
    "sick_days": (float, 0.0, 200.0),
    "sick_max_days": (int, 1, 260),
    "sick_winter_peak": (float, 1.0, 20.0),
    "vlinder_training_days_per_site": (float, 0.0, 20.0),
}


def absence_model(
    settings: dict | None, yaml_path: str | Path | None = None, *, yaml_text: str | None = None
) -> AbsenceModel:
    """Read and validate `absence_model:` from company.yaml (the dict in Settings).

    Raises CompanyError with one `company.yaml:LINE: absence_model.KEY: message` per problem;
    the lines come from company.yaml's text (`yaml_text`, or the file at `yaml_path`), mapped
    by the loader's own key-to-line mapper.
    """
    settings = dict(settings or {})
    if yaml_text is None and yaml_path and Path(yaml_path).exists():
        yaml_text = Path(yaml_path).read_text(encoding="utf-8")
    lines = yaml_key_lines(yaml_text) if yaml_text is not None else {}
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        path = f"absence_model.{key}"
        line = lines.get(path, lines.get("absence_model"))
        problems.append(Problem("company.yaml", line, path, message))

    known = {f.name for f in fields(AbsenceModel)}
    values: dict = {}
    for key, raw in settings.items():
        key = str(key)
        if key not in known:
            problem(key, f"unknown key; expected one of {', '.join(sorted(known))}")
        elif key == "mode":
            if raw not in MODES:
                problem(key, f"expected one of {', '.join(MODES)}, got {raw!r}")
            else:
                values[key] = raw
        elif raw is None and key in ("max_on_leave_same_day", "daily_probability"):
            values[key] = None
        else:
            kind, low, high = _RANGES[key]
            parsed = _number(raw, kind)
            if parsed is None:
                what = "a whole number" if kind is int else "a number"
                problem(key, f"expected {what} from {low:g} to {high:g}, got {raw!r}")
            elif not low <= parsed <= high:
                problem(key, f"expected a value from {low:g} to {high:g}, got {raw!r}")
            else:
                values[key] = parsed
    mode = values.get("mode", "spells")
    if mode == "independent" and values.get("daily_probability") is None and "mode" in values:
        problem("daily_probability", "required with mode independent: a probability 0..1")
    if mode == "spells" and values.get("daily_probability") is not None:
        problem("daily_probability", "only used with mode: independent")
    if values.get("sick_days", 15.0) > 0 and values.get("sick_spells_per_year", 1.6) == 0:
        problem("sick_spells_per_year", "must be above 0 when sick_days is above 0")
    if problems:
        raise CompanyError(problems)
    model = AbsenceModel(**values)
    if model.sick_days > 0 and not model.independent:
        reachable = _mean_spell(model.sick_median_days, 6.0, model.sick_max_days)
        if reachable * model.sick_spells_per_year < model.sick_days * 0.99:
            problem(
                "sick_days",
                f"{model.sick_days:g} sick days a year need longer spells than sick_max_days "
                f"{model.sick_max_days} allows with {model.sick_spells_per_year:g} spells",
            )
            raise CompanyError(problems)
    return model


def _number(raw, kind: type) -> float | int | None:
    if isinstance(raw, bool):
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(value):
        return None
    if kind is int:
        return int(value) if value == int(value) else None
    return value


# --- the calendar --------------------------------------------------------------------------------


def school_holiday(day: dt.date) -> bool:
    """Flemish school holidays, approximately (Reading): autumn and Christmas (two weeks each),
    the spring break around carnival, two weeks around Easter, and July-August."""
    if day.month in (7, 8):
        return True
    if (day.month == 12 and day.day >= 21) or (day.month == 1 and day.day <= 4):
        return True
    if (day.month == 10 and day.day >= 27) or (day.month == 11 and day.day <= 9):
        return True
    e = easter(day.year)
    carnival_monday = e - dt.timedelta(days=48)
    if carnival_monday <= day < carnival_monday + dt.timedelta(days=14):
        return True
    return e - dt.timedelta(days=7) <= day <= e + dt.timedelta(days=8)


def sick_season(day: dt.date, peak: float) -> float:
    """Relative spell start rate: highest mid-January, lowest mid-July, ratio `peak`."""
    a = (peak - 1.0) / (peak + 1.0)
    return 1.0 + a * math.cos(2.0 * math.pi * (day.timetuple().tm_yday - 15) / 365.25)


@dataclass
class YearCalendar:
    """The days of one calendar year on which anybody could work (public holidays removed)."""

    year: int
    dates: list[dt.date]
    weekday: np.ndarray  # 0 = Monday
    school: np.ndarray  # bool
    sick_weight: np.ndarray  # relative spell start rate per day

    @property
    def n_days(self) -> int:
        return len(self.dates)


def year_calendar(year: int, weekdays: set[int], country: str | None, peak: float) -> YearCalendar:
    from solver.domain.calendar import public_holiday

    dates = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        if day.weekday() in weekdays and public_holiday(country, day) is None:
            dates.append(day)
        day += dt.timedelta(days=1)
    return YearCalendar(
        year=year,
        dates=dates,
        weekday=np.array([d.weekday() for d in dates], dtype=np.int8),
        school=np.array([school_holiday(d) for d in dates], dtype=bool),
        sick_weight=np.array([sick_season(d, peak) for d in dates]),
    )


# --- drawing one year ----------------------------------------------------------------------------

KINDS = ("leave", "adv", "sick")


@dataclass(frozen=True)
class PersonYear:
    """Who is drawn: the weekdays a person works (0 = Monday) and whether planned leave counts
    against the company's cap (the regular coaches)."""

    workdays: tuple[int, ...]
    capped: bool = False

    @property
    def fte(self) -> float:
        return len(self.workdays) / 5


def draw_year(
    rng: np.random.Generator,
    model: AbsenceModel,
    cal: YearCalendar,
    people: list[PersonYear],
) -> np.ndarray:
    """Absence codes, shape (days, people): 0 present or day off, 1 leave, 2 adv, 3 sick.

    Sickness is drawn first; planned leave and adv then go on days the person is not sick
    (sick during planned leave gives the leave day back, as Belgian law has it since 2024)."""
    n, m = cal.n_days, len(people)
    codes = np.zeros((n, m), dtype=np.int8)
    if m == 0:
        return codes
    works = works_matrix(cal, people)
    if model.independent:
        out = rng.random((n, m)) < (model.daily_probability or 0.0)
        codes[out & works] = SICK
        return codes
    order = rng.permutation(m).tolist()
    spread = model.sick_spell_spread
    frailty = rng.gamma(1 / spread**2, spread**2, size=m) if spread > 0 else np.ones(m)
    spells = rng.poisson(model.sick_spells_per_year * frailty)
    total = int(spells.sum())
    season = np.cumsum(cal.sick_weight)
    starts = np.searchsorted(season, rng.random(total) * season[-1]).tolist()
    lengths = np.searchsorted(model.spell_cdf, rng.random(total), side="right") + 1
    lengths = np.minimum(lengths, model.sick_max_days).tolist()
    first = np.concatenate(([0], np.cumsum(spells))).tolist()
    leave_cw = np.cumsum(np.where(cal.school, model.school_holiday_weight, 1.0))
    # All the year's random numbers in a few calls: per person up to BLOCK_DRAWS leave blocks.
    sizes = rng.integers(1, model.leave_block_max_days + 1, size=(m, BLOCK_DRAWS)).tolist()
    block_starts = np.searchsorted(leave_cw, rng.random((m, BLOCK_DRAWS)) * leave_cw[-1])
    block_starts = block_starts.tolist()
    single_days = rng.integers(0, n, size=(m, SINGLE_DRAWS)).tolist()
    on_leave = [0] * n  # capped coaches on planned leave (leave, adv), per day
    cap = model.max_on_leave_same_day
    works_lists = {}
    found = {SICK: [], LEAVE: [], ADV: []}
    for j in order:
        person = people[j]
        if person.workdays not in works_lists:
            works_lists[person.workdays] = works[:, j].tolist()
        free = list(works_lists[person.workdays])
        if first[j + 1] > first[j]:
            sick = [False] * n
            for k in range(first[j], first[j + 1]):
                _mark_spell(sick, starts[k], lengths[k])
            for d in range(n):
                if sick[d] and free[d]:
                    found[SICK].append(d * m + j)
                    free[d] = False
        limit = cap if (cap is not None and person.capped) else None
        leave = _round_half(model.leave_days * person.fte)
        draws = (sizes[j], block_starts[j], single_days[j])
        planned = _leave_blocks(rng, free, draws, leave, on_leave, limit)
        found[LEAVE].extend(d * m + j for d in planned)
        adv = _round_half(model.adv_days * person.fte)
        found[ADV].extend(
            d * m + j for d in _singles(rng, free, single_days[j], adv, on_leave, limit)
        )
    flat = codes.reshape(-1)
    for code, cells in found.items():
        flat[cells] = code
    return codes


LEAVE, ADV, SICK, TRAINING = 1, 2, 3, 4
BLOCK_DRAWS, SINGLE_DRAWS = 24, 48


def works_matrix(cal: YearCalendar, people: list[PersonYear]) -> np.ndarray:
    """(days, people): the person works that weekday (no people: (days, 0))."""
    week = np.zeros((7, len(people)), dtype=bool)
    for j, p in enumerate(people):
        week[list(p.workdays), j] = True
    return week[cal.weekday]


def _round_half(x: float) -> int:
    return int(math.floor(x + 0.5))


def _mark_spell(sick: list[bool], start: int, length: int) -> None:
    """Mark `length` days from `start`, skipping days already sick, around the year (a spell in
    late December runs on into January: every simulated year is one turn of a stationary
    calendar, so no days are lost at the year's edge)."""
    n = len(sick)
    if sum(sick) + length >= n:
        sick[:] = [True] * n
        return
    i = start % n
    while length:
        if not sick[i]:
            sick[i] = True
            length -= 1
        i += 1
        if i == n:
            i = 0


def _leave_blocks(rng, free, draws, days, on_leave, limit) -> list[int]:
    """Leave in blocks of consecutive free working days of the person (around the year's end),
    a block likelier to start in school holidays; with a cap, no block goes where the cap is
    already reached. Days left over go as single days. `free` is updated."""
    n = len(free)
    sizes, starts, singles = draws
    placed: list[int] = []
    left = days
    for size, i in zip(sizes, starts, strict=True):
        if left <= 0:
            break
        size = min(size, left)
        block = []
        for step in range(n):
            d = (i + step) % n
            if free[d]:
                if limit is not None and on_leave[d] >= limit:
                    break
                block.append(d)
                if len(block) == size:
                    break
        if len(block) < size:
            continue
        for d in block:
            free[d] = False
            if limit is not None:
                on_leave[d] += 1
        placed.extend(block)
        left -= size
    if left > 0:
        placed.extend(_singles(rng, free, singles[::-1], left, on_leave, limit))
    return placed


def _singles(rng, free, candidates, days, on_leave, limit) -> list[int]:
    """Single days (adv, or leave that did not fit in a block) on free days under the cap,
    tried in the order of `candidates` (uniform random days). `free` is updated."""
    if days <= 0:
        return []
    chosen: list[int] = []

    def may_take(d: int) -> bool:
        return free[d] and (limit is None or on_leave[d] < limit)

    def take(d: int) -> None:
        chosen.append(d)
        free[d] = False
        if limit is not None:
            on_leave[d] += 1

    for d in candidates:
        if may_take(d):
            take(d)
            if len(chosen) == days:
                return chosen
    rest = [d for d in range(len(free)) if may_take(d)]
    for k in rng.permutation(len(rest))[: days - len(chosen)].tolist():
        take(rest[k])
    return chosen


def training_order(rng: np.random.Generator, cal: YearCalendar, people: int) -> np.ndarray:
    """Per vlinder a random ranking of the days (school holidays last: training happens on the
    shop floor when the enclave runs at full strength). The design decides how many training
    days each vlinder has; they take the first free days in this order, so designs with more
    training share the same days (common random numbers across designs)."""
    keys = rng.random((people, cal.n_days)) + cal.school[None, :].astype(float)
    return np.argsort(keys, axis=1).astype(np.int32)


__all__ = [
    "AbsenceModel",
    "KINDS",
    "PersonYear",
    "YearCalendar",
    "absence_model",
    "draw_year",
    "school_holiday",
    "training_order",
    "year_calendar",
]
