"""company.yaml: the company's settings, each problem on the line of its key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from solver.domain import Atelier, Place, Policy, RatioNorms, Settings, Shift, TravelSettings
from solver.io import safe_io
from solver.io.loading.costs import read_costs
from solver.io.loading.problems import Collector, problem_of
from solver.io.loading.tables import _LAT, _LON
from solver.io.loading.values import (
    MAX_HEADCOUNT,
    MAX_RATIO,
    MAX_SITES_PER_SHARED_COACH,
    MAX_SPARE_PLACES,
    MAX_SPEED_KMH,
    _alias,
    _whole,
    parse_bool,
    parse_float,
    parse_time,
)

_YAML_KEYS = {
    "name": None,
    "depot": {"name", "lat", "lon"},
    "shift": {"start", "end", "roster_deadline", "midday"},
    "ratio_norms": {"low", "medium", "high"},
    # On line-work sites a coach may take this many workers more than the norm (default 0: off).
    "ratio_tolerance": {"line_work"},
    "travel": {"speed_kmh", "road_factor", "shared_coach_max_minutes"},
    "policy": {
        "shared_coach",
        "max_sites_per_shared_coach",
        "interim_coaches",
        "small_site_max_headcount",
        "ratio_norms_as",
        "shared_coach_max_need",
    },
    "atelier": {"spare_places"},  # the company's own workshop
    "public_holidays": None,
    "absence_model": None,  # read by pool sizing, which validates its own keys
    "labels": {"skills"},  # the company's own words for its codes, for people to read
    "costs": None,  # money as data: `solver.io.loading.costs` checks its own keys
}


def _yaml_lines(node: yaml.Node, prefix: str = "") -> dict[str, int]:
    """Map 'a.b' key paths to their 1-based line in the file."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = f"{prefix}{key_node.value}"
            lines[path] = key_node.start_mark.line + 1
            lines.update(_yaml_lines(value_node, path + "."))
    return lines


def _yaml_scalars(node: yaml.Node, prefix: str = "") -> dict[str, str]:
    """Map 'a.b' key paths to their value's text as written: YAML 1.1 reads `12:00` unquoted as
    the number 720 (base 60), while a planner wrote a time."""
    texts: dict[str, str] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = f"{prefix}{key_node.value}"
            if isinstance(value_node, yaml.ScalarNode):
                texts[path] = value_node.value
            texts.update(_yaml_scalars(value_node, path + "."))
    return texts


def yaml_key_lines(text: str) -> dict[str, int]:
    """'a.b' key paths of a YAML text -> their line, for problems found after loading (the
    absence model's keys); empty when the text does not compose."""
    try:
        return _yaml_lines(safe_io.compose_yaml(text))
    except yaml.YAMLError:
        return {}


def read_settings(path: Path, out: Collector) -> Settings | None:
    file = path.name
    if not path.exists():
        out.error(file, None, "(file)", "problem.settings_missing")
        return None
    if path.stat().st_size > safe_io.MAX_YAML_BYTES:
        out.error(file, None, "(file)", "problem.too_large", kib=safe_io.MAX_YAML_BYTES // 1024)
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        out.error(file, None, "(file)", "problem.not_utf8", byte=exc.start)
        return None
    try:
        # Aliases refused while composing: nothing is expanded or built from such a file.
        node = safe_io.compose_yaml(text)
        data = safe_io.load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        out.error(file, line, "(syntax)", "problem.yaml_syntax", detail=problem)
        return None
    if not isinstance(data, dict):
        out.error(file, 1, "(file)", "problem.settings_not_mapping")
        return None
    lines = _yaml_lines(node)
    written = _yaml_scalars(node)
    before = len(out.problems)

    def err(key: str, code: str, **params: Any) -> None:
        out.error(file, lines.get(key, lines.get(key.split(".")[0])), key, code, **params)

    for key, value in data.items():
        if key not in _YAML_KEYS:
            err(str(key), "problem.unknown_setting", expected=", ".join(_YAML_KEYS))
            continue
        allowed = _YAML_KEYS[key]
        if allowed is not None:
            if not isinstance(value, dict):
                err(key, "problem.expected_mapping_keys", keys=", ".join(sorted(allowed)))
                continue
            for sub in value:
                if sub not in allowed:
                    err(f"{key}.{sub}", "problem.unknown_key", expected=", ".join(sorted(allowed)))

    def get(key: str, parse: Callable[[str], Any], default: Any) -> Any:
        section, _, sub = key.partition(".")
        container = data.get(section) if sub else data
        if not isinstance(container, dict):
            return default
        raw = container.get(sub or section)
        if raw is None:
            return default
        if parse is parse_time and isinstance(raw, int) and key in written:
            raw = written[key]  # `16:00` unquoted: the time as written, not 960
        try:
            return parse(str(raw))
        except ValueError as exc:
            code, params = problem_of(exc)
            err(key, code, **params)
            return default

    name = data.get("name")
    if not name or not isinstance(name, str):
        err("name", "problem.name_required")
    ratio = _whole(1, MAX_RATIO)
    depot_defaults = Settings(name="").depot
    depot = Place(
        get("depot.name", str, depot_defaults.name),
        get("depot.lat", _LAT.parse, depot_defaults.lat),
        get("depot.lon", _LON.parse, depot_defaults.lon),
    )
    problems_so_far = len(out.problems)
    shift = Shift(
        get("shift.start", parse_time, Shift.start),
        get("shift.end", parse_time, Shift.end),
        get("shift.roster_deadline", parse_time, Shift.roster_deadline),
        get("shift.midday", parse_time, Shift.midday),
    )
    times_read = len(out.problems) == problems_so_far  # else a default would be blamed
    if shift.end <= shift.start:
        err("shift.end", "problem.shift_order")
    elif times_read and not shift.start < shift.midday < shift.end:
        # Midday splits the shift into a morning and an afternoon: each needs some time.
        err(
            "shift.midday",
            "problem.midday_order",
            midday=shift.midday.strftime("%H:%M"),
            start=shift.start.strftime("%H:%M"),
            end=shift.end.strftime("%H:%M"),
        )
    norms = RatioNorms(
        get("ratio_norms.low", ratio, RatioNorms.low),
        get("ratio_norms.medium", ratio, RatioNorms.medium),
        get("ratio_norms.high", ratio, RatioNorms.high),
        get("ratio_tolerance.line_work", _whole(0, MAX_RATIO), RatioNorms.line_work_tolerance),
    )
    travel = TravelSettings(
        get(
            "travel.speed_kmh",
            lambda t: parse_float(t, 1.0, MAX_SPEED_KMH),
            TravelSettings.speed_kmh,
        ),
        get("travel.road_factor", lambda t: parse_float(t, 1.0, 10.0), TravelSettings.road_factor),
        get(
            "travel.shared_coach_max_minutes",
            lambda t: parse_float(t, 0.0, 600.0),
            TravelSettings.shared_coach_max_minutes,
        ),
    )
    policy = Policy(
        get(
            "policy.shared_coach",
            _alias(
                {"never": "never", "pilot": "pilot", "small": "small"},
                "problem.unknown_shared_coach",
            ),
            Policy.shared_coach,
        ),
        get(
            "policy.max_sites_per_shared_coach",
            _whole(1, MAX_SITES_PER_SHARED_COACH),
            Policy.max_sites_per_shared_coach,
        ),
        get("policy.interim_coaches", parse_bool, Policy.interim_coaches),
        get(
            "policy.small_site_max_headcount",
            _whole(1, MAX_HEADCOUNT),
            Policy.small_site_max_headcount,
        ),
        get(
            "policy.ratio_norms_as",
            _alias({"limit": "limit", "target": "target"}, "problem.unknown_ratio_norms_as"),
            Policy.ratio_norms_as,
        ),
        get(
            "policy.shared_coach_max_need",
            # The support needs' Dutch words, as in workers.csv; `low` is no choice here.
            _alias(
                {"medium": "medium", "high": "high", "midden": "medium", "hoog": "high"},
                "problem.unknown_shared_coach_max_need",
            ),
            Policy.shared_coach_max_need,
        ),
    )
    atelier = Atelier(
        get("atelier.spare_places", _whole(0, MAX_SPARE_PLACES), Atelier.spare_places)
    )
    holidays_country = data.get("public_holidays", "BE")
    if holidays_country is False or holidays_country is None:
        holidays_country = None
    elif not isinstance(holidays_country, str):
        err("public_holidays", "problem.holidays_country")
        holidays_country = "BE"
    absence_model = data.get("absence_model") or {}
    if not isinstance(absence_model, dict):
        err("absence_model", "problem.expected_mapping")
        absence_model = {}
    labels = data.get("labels") or {}
    skills = labels.get("skills") if isinstance(labels, dict) else None
    if skills is not None and not (
        isinstance(skills, dict)
        and all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in skills.items())
    ):
        err("labels.skills", "problem.expected_labels")
    costs = read_costs(data.get("costs"), err)
    if len(out.problems) > before:
        return None
    return Settings(
        name=str(name),
        depot=depot,
        shift=shift,
        ratio_norms=norms,
        travel=travel,
        policy=policy,
        atelier=atelier,
        public_holidays=holidays_country,
        absence_model=absence_model,
        labels={"skills": dict(skills)} if isinstance(skills, dict) else {},
        costs=costs,
    )
