"""The scenario file: a base company folder, a date or a date range, and variants, each a list
of changes on top of the base; validated as strictly as a company folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from solver.analysis.scenario.changes import ChangeContext, apply_listed
from solver.analysis.scenario.reader import Reader, join_path
from solver.analysis.scenario.terms import (
    BASELINE_NAME,
    DEFAULT_TIME_LIMIT,
    MAX_RANGE_DAYS,
    Scenario,
    ScenarioError,
    Variant,
)
from solver.domain import Company
from solver.domain.calendar import company_works_on
from solver.io.loading import (
    CompanyError,
    Problem,
    load_company,
)
from solver.io.safe_io import compose_yaml

# --- the scenario file ------------------------------------------------------------------------

_TOP_KEYS = ("name", "description", "company", "date", "from", "to", "time_limit", "changes",
             "variants")  # fmt: skip


def load_scenario(path: str | Path, company: Company | None = None) -> Scenario:
    """Read and validate a scenario file; `company` replaces the base folder it names (the HTTP
    service passes a company it keeps)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(
            [Problem(str(path), None, "(file)", "problem.file_not_found")]
        ) from None
    except UnicodeDecodeError:
        raise ScenarioError([Problem(str(path), None, "(file)", "problem.expected_utf8")]) from None
    except OSError as exc:  # a folder, no permission
        problem = Problem(
            str(path), None, "(file)", "problem.unreadable", params={"detail": exc.strerror}
        )
        raise ScenarioError([problem]) from None
    return parse_scenario(text, str(path), base_dir=path.parent, company=company)


def parse_scenario(
    text: str,
    file_name: str,
    base_dir: str | Path | None = None,
    company: Company | None = None,
) -> Scenario:
    """Validate a scenario's text; every problem is collected before ScenarioError is raised."""
    reader = Reader(file_name)
    try:
        # No aliases, bounded depth and size: refused before anything is built.
        node = compose_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        syntax = Problem(
            file_name, line, "(syntax)", "problem.yaml_syntax", params={"detail": problem}
        )
        raise ScenarioError([syntax]) from None
    if node is None:
        raise ScenarioError([Problem(file_name, 1, "(file)", "problem.file_empty")])
    data = reader.plain(node)
    if not isinstance(data, dict):
        reader.error("", "problem.scenario_not_mapping")
        raise ScenarioError(reader.problems)
    reader.mapping(data, "", _TOP_KEYS, ("variants",))

    base, warnings = _base_company(reader, data, base_dir, company, file_name)
    start, end = _range(reader, data)
    time_limit = DEFAULT_TIME_LIMIT
    if "time_limit" in data:
        time_limit = reader.number(data["time_limit"], "time_limit", 0.1, 600) or time_limit
    name = data.get("name") or Path(file_name).stem
    description = data.get("description") or ""
    for key in ("name", "description"):
        if key in data and not isinstance(data[key], str):
            reader.error(key, "problem.expected_text_only")
    if base is None:
        _check_variants_shape(reader, data.get("variants"))
        raise ScenarioError(reader.problems)
    if start is None:
        # Still check every change (a date range is only their default period), then stop.
        start = end = dt.date.today()
        range_broken = True
    else:
        range_broken = False

    ctx = ChangeContext(reader, start, end)
    common = data.get("changes") or []
    baseline_company = apply_listed(ctx, base, data.get("changes"), "changes")
    variants = [
        Variant(
            BASELINE_NAME,
            baseline_company,
            "",
            (),
            baseline=True,
        )
    ]
    for index, entry in enumerate(_check_variants_shape(reader, data.get("variants"))):
        at = f"variants[{index}]"
        variant_name = reader.text(entry.get("name"), join_path(at, "name"))
        if variant_name in [v.name for v in variants]:
            reader.error(join_path(at, "name"), "problem.variant_twice", name=repr(variant_name))
        changed = apply_listed(
            ctx, baseline_company, entry.get("changes"), join_path(at, "changes")
        )
        variants.append(
            Variant(
                variant_name or f"variant {index + 1}",
                changed,
                str(entry.get("description") or ""),
                tuple(_plain_json(entry.get("changes") or [])),
            )
        )
    dates = [] if range_broken else _working_days(baseline_company, start, end)
    if not dates and not range_broken:
        reader.error(
            "from" if "from" in data else "date",
            "problem.no_working_day",
            start=str(start),
            end=str(end),
        )
    if reader.problems:
        raise ScenarioError(reader.problems)
    return Scenario(
        name=str(name),
        description=str(description),
        file=file_name,
        start=start,
        end=end,
        dates=tuple(dates),
        variants=tuple(variants),
        common_changes=tuple(_plain_json(common)) if isinstance(common, list) else (),
        time_limit=time_limit,
        warnings=tuple(warnings),
    )


def _plain_json(value: Any) -> Any:
    """Changes as JSON can carry them: dates as YYYY-MM-DD."""
    if isinstance(value, dict):
        return {str(k): _plain_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _check_variants_shape(reader: Reader, value: Any) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list) or not value:
        reader.error("variants", "problem.expected_variants")
        return []
    good = []
    for index, entry in enumerate(value):
        at = f"variants[{index}]"
        if reader.mapping(entry, at, ("name", "description", "changes"), ("name",)) is not None:
            good.append(entry)
    return good


def _base_company(
    reader: Reader, data: dict, base_dir, company: Company | None, file_name: str
) -> tuple[Company | None, list[Problem]]:
    if company is not None:
        return company, []
    if "company" not in data:
        reader.error("", "problem.company_required")
        return None, []
    folder_text = reader.text(data["company"], "company")
    if folder_text is None:
        return None, []
    folder = Path(base_dir if base_dir is not None else Path(file_name).parent) / folder_text
    if not folder.is_dir():
        reader.error("company", "problem.no_company_folder", folder=str(folder))
        return None, []
    try:
        base, warnings = load_company(folder)
    except CompanyError as exc:
        for p in exc.problems:
            reader.problems.append(replace(p, file=str(folder / p.file)))
        reader.error("company", "problem.company_has_errors", folder=str(folder))
        return None, []
    return base, [replace(p, file=str(folder / p.file)) for p in warnings]


def _range(reader: Reader, data: dict) -> tuple[dt.date | None, dt.date | None]:
    if "date" in data and ("from" in data or "to" in data):
        reader.error("date", "problem.date_or_from_to")
        return None, None
    if "date" in data:
        day = reader.date(data["date"], "date")
        return day, day
    if "from" not in data or "to" not in data:
        reader.error("", "problem.date_or_from_to_missing")
        return None, None
    start = reader.date(data["from"], "from")
    end = reader.date(data["to"], "to")
    if start is None or end is None:
        return None, None
    if end < start:
        reader.error("to", "problem.ends_before", end=str(end), start=str(start))
        return None, None
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        reader.error(
            "to", "problem.range_too_long", most=MAX_RANGE_DAYS, days=(end - start).days + 1
        )
        return None, None
    return start, end


def _working_days(company: Company, start: dt.date, end: dt.date) -> list[dt.date]:
    days = (start + dt.timedelta(days=i) for i in range((end - start).days + 1))
    return [day for day in days if company_works_on(company, day)]
