"""A company as it arrives over HTTP (zip of the folder, company.xlsx + company.yaml, or JSON),
turned into the files of a company folder and loaded with `solver.io.loading.load_company`.

The service stores the files exactly as received (JSON is stored as the CSV files it stands for),
so what the solver reads is what the planner sent, and `enclaveplan validate` on a downloaded copy
gives the same answer as the API.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from api.core.errors import ApiError, company_error, problem_dict
from solver.domain import Company
from solver.io import safe_io
from solver.io.loading import COLUMNS, REQUIRED_TABLES, TABLES, CompanyError, Problem, load_company

SETTINGS_FILE = "company.yaml"
XLSX_FILE = "company.xlsx"
CSV_FILES = tuple(f"{table}.csv" for table in TABLES)
KNOWN_FILES = (SETTINGS_FILE, XLSX_FILE, *CSV_FILES)


def fingerprint(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def source_of(files: dict[str, bytes]) -> str:
    return "xlsx" if XLSX_FILE in files else "csv"


# --- uploads ---------------------------------------------------------------------------------


def _is_xlsx(archive: zipfile.ZipFile) -> bool:
    return "[Content_Types].xml" in archive.namelist()


def files_from_upload(data: bytes, settings_text: str | None, max_bytes: int) -> dict[str, bytes]:
    """A zip of the company folder, or company.xlsx with company.yaml as text beside it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise ApiError(
            422,
            "service.error.not_zip",
            "$.file",
            "service.hint.not_zip",
        ) from None
    with archive:
        files = {XLSX_FILE: data} if _is_xlsx(archive) else _files_from_zip(archive, max_bytes)
    if settings_text is not None:
        if SETTINGS_FILE in files:
            raise ApiError(
                422,
                "service.error.settings_twice",
                "$.settings",
                "service.hint.settings_twice",
            )
        files[SETTINGS_FILE] = settings_text.encode("utf-8")
    if SETTINGS_FILE not in files:
        raise ApiError(
            422,
            "service.error.no_settings",
            "$.settings",
            "service.hint.no_settings",
        )
    return files


def _files_from_zip(archive: zipfile.ZipFile, max_bytes: int) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    total = 0
    for info in archive.infolist():
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if info.is_dir() or "__MACOSX" in path.parts or path.name.startswith("."):
            continue
        if path.name not in KNOWN_FILES:
            continue  # a README or a backup beside the data is not the company
        if path.name in files:
            raise ApiError(
                422,
                "service.error.file_twice",
                f"$.file: {info.filename}",
                "service.hint.one_folder",
                params={"file": path.name},
            )
        try:
            # The real bytes are counted while they unpack: the declared size can lie.
            files[path.name] = safe_io.read_member(archive, info, max_bytes - total)
        except safe_io.UnsafeInput:
            raise ApiError(
                413,
                "service.error.zip_too_large",
                "$.file",
                "service.hint.zip_too_large",
                params={"bytes": str(max_bytes)},  # as ENCLAVEPLAN_MAX_REQUEST_BYTES is written
            ) from None
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError):
            raise ApiError(
                422,
                "service.error.cannot_unpack",
                "$.file",
                "service.hint.zip_again",
                params={"file": path.name},
            ) from None
        total += len(files[path.name])
    if not files:
        raise ApiError(
            422,
            "service.error.no_company_files",
            "$.file",
            "service.hint.no_company_files",
            params={"files": ", ".join(KNOWN_FILES)},
        )
    return files


# --- JSON ------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return ";".join(_cell(v) for v in value)
    return str(value)


def _csv_text(table: str, rows: list[dict[str, Any]]) -> str:
    header: list[str] = []
    for row in rows:
        for key in row:
            if key not in header:
                header.append(key)
    if not header:
        header = [c.name for c in COLUMNS[table] if c.required]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(row.get(key)) for key in header])
    return out.getvalue()


def files_from_json(settings: dict[str, Any], tables: dict[str, list[dict] | None]) -> dict:
    """The company folder a JSON company stands for: company.yaml and one CSV per table."""
    files = {
        SETTINGS_FILE: yaml.safe_dump(settings, sort_keys=False, allow_unicode=True).encode(),
    }
    for table in TABLES:
        rows = tables.get(table)
        if rows is None and table not in REQUIRED_TABLES:
            continue
        files[f"{table}.csv"] = _csv_text(table, rows or []).encode("utf-8")
    return files


def json_where(problem: Problem) -> str:
    """Where a problem lies in the JSON a company was sent as (row i of a table is CSV line i+2)."""
    column = "" if problem.column.startswith("(") else problem.column
    if problem.file == SETTINGS_FILE:
        return "$.settings" + (f".{column}" if column else "")
    table = problem.file.removesuffix(".csv")
    if table in TABLES:
        if problem.line is None:
            return f"$.{table}" + (f"[*].{column}" if column else "")
        if problem.line == 1:
            return f"$.{table}[*]" + (f".{column}" if column else "")
        return f"$.{table}[{problem.line - 2}]" + (f".{column}" if column else "")
    return f"$ ({problem.file})"


# --- loading ---------------------------------------------------------------------------------


def load_files(
    files: dict[str, bytes], source: str = "csv", lang: str = "nl"
) -> tuple[Company, list[dict]]:
    """Load a company from its files through the solver's own loader (a temporary folder).

    Raises ApiError(422) with every problem; returns the company and its warnings.
    """
    with tempfile.TemporaryDirectory(prefix="enclaveplan-") as folder:
        for name, content in files.items():
            if name in KNOWN_FILES:
                (Path(folder) / name).write_bytes(content)
        try:
            company, warnings = load_company(folder)
        except CompanyError as exc:
            raise company_error(problem_list(exc.problems, source, lang), lang=lang) from None
        except UnicodeDecodeError as exc:  # the loader names the file; this is the last guard
            raise ApiError(
                422,
                "service.error.not_utf8",
                "$.file",
                "service.hint.save_utf8",
                params={"byte": exc.start},
            ) from None
        except csv.Error as exc:
            raise ApiError(
                422,
                "service.error.bad_csv",
                "$.file",
                "service.hint.bad_csv",
                params={"problem": str(exc)},
            ) from None
    return company, problem_list(warnings, source, lang)


def problem_list(problems: list[Problem], source: str, lang: str = "nl") -> list[dict[str, str]]:
    """The problems in the caller's language; a company sent as JSON names JSON paths."""
    if source == "json":
        return [problem_dict(p, json_where(p), lang=lang) for p in problems]
    return [problem_dict(p, lang=lang) for p in problems]


def files_as_json(files: dict[str, bytes]) -> dict[str, Any]:
    """The company's tables as JSON rows of text (what an admin sees and may send back)."""
    settings = safe_io.load_yaml(files.get(SETTINGS_FILE, b"").decode("utf-8")) or {}
    data: dict[str, Any] = {"settings": settings}
    if XLSX_FILE in files:
        sheets = safe_io.read_workbook(files[XLSX_FILE])
        lowered = {name.strip().lower(): rows for name, rows in sheets.items()}
        for table in TABLES:
            if table in lowered:
                data[table] = _sheet_records(lowered[table])
        return data
    for table in TABLES:
        content = files.get(f"{table}.csv")
        if content is not None:
            reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
            data[table] = [{k: v for k, v in row.items() if k is not None} for row in reader]
    return data


def _sheet_records(rows) -> list[dict[str, str]]:
    header: list[str] = []
    records = []
    for number, cells in rows:
        if cells is None:
            break
        if number == 1:
            header = ["" if c is None else str(c) for c in cells]
            continue
        if all(_sheet_cell(c) == "" for c in cells):
            continue
        records.append({k: _sheet_cell(v) for k, v in zip(header, cells, strict=False) if k})
    return records


def _sheet_cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "hour"):
        return value.date().isoformat()
    return str(value)


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            archive.writestr(name, files[name])
    return out.getvalue()
