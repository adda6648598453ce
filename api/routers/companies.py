"""Companies: upload (zip of the folder, company.xlsx + company.yaml, or JSON), validate, read.

An upload is validated by the solver's own loader before it is stored; a company with errors is
refused with every problem at once, each with its file:line (or JSON path). Replacing a company
adds a version; earlier versions stay, as the rosters published with them do.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from api.core.auth import Caller
from api.core.deps import AsAdmin, AsPlannerOrAdmin, AsReaderOrAdmin, CompanyId, Lang, SessionDep
from api.core.errors import ApiError, bounded
from api.schemas import (
    CompanyIn,
    CompanyListOut,
    CompanyOut,
    PeopleOut,
    ValidateOut,
    VersionsOut,
    responses,
    responses_with,
)
from api.schemas.views import download, iso
from api.storage import store
from api.storage.company_files import (
    files_as_json,
    files_from_json,
    files_from_upload,
    load_files,
    source_of,
    zip_of,
)

router = APIRouter(tags=["companies"])

SettingsField = Annotated[
    str | None,
    Form(
        description="company.yaml as text (when `file` is company.xlsx, or a zip without it)",
        examples=["name: Westlandia (example)\npolicy: {shared_coach: pilot}\n"],
    ),
]
FileField = Annotated[
    UploadFile,
    File(description="a .zip of the company folder (company.yaml + CSV files), or company.xlsx"),
]
# The answer of GET /companies/{id}/data, abridged: the example the OpenAPI page shows.
DATA_EXAMPLE = {
    "settings": {"name": "Kleine Vlinder"},
    "enclaves": [{"id": "E01", "name": "Bakkerij Noord", "headcount": "2"}],
}


def _json_files(body: CompanyIn) -> dict[str, bytes]:
    tables = {t: getattr(body, t) for t in ("enclaves", "coaches", "workers", "absences", "demand")}
    return files_from_json(body.settings, tables)


def hhmm(moment) -> str:
    return moment.strftime("%H:%M")


def _summary(loaded: store.LoadedCompany, row, changed: bool | None = None) -> dict:
    company = loaded.company
    shift = company.settings.shift
    return {
        "id": loaded.id,
        "name": company.name,
        "version": loaded.version,
        "source": loaded.source,
        "created_at": iso(row.created_at),
        "counts": {
            "sites": len(company.sites),
            "coaches": len(company.coaches),
            "workers": len(company.workers),
            "absences": len(company.absences),
            "demand": len(company.demand),
        },
        # The day's clock, for the board: the call time it fills in once the shift has started,
        # and when each site's morning and afternoon begin (how long it waits for its coach).
        "shift": {
            "start": hhmm(shift.start),
            "midday": hhmm(shift.midday),
            "end": hhmm(shift.end),
            "roster_deadline": hhmm(shift.roster_deadline),
        },
        "sites": [
            {
                "id": s.id,
                "name": s.name,
                "kind": s.kind,
                "headcount": s.headcount,
                "start": hhmm(s.start or shift.start),
                "end": hhmm(s.end or shift.end),
            }
            for s in sorted(company.sites.values(), key=lambda s: s.id)
        ],
        "warnings": loaded.warnings,
        "changed": changed,
    }


def _store(
    s: Session, company_id: str, files: dict, source: str, caller: Caller, lang: str = "nl"
) -> dict:
    company, warnings = load_files(files, source, lang)  # refuses a company with errors (422)
    row, changed = store.save_company(s, company_id, files, source, company.name, caller)
    loaded = store.LoadedCompany(company_id, row.version, source, company, warnings)
    return _summary(loaded, row, changed)


def _uploaded(request: Request, file: UploadFile, settings: str | None) -> dict[str, bytes]:
    """The company's files from an upload (a zip, or company.xlsx + settings), within the size
    the service accepts."""
    limit = request.app.state.settings.max_request_bytes
    return files_from_upload(file.file.read(), settings, limit)


def _validate(files: dict, source: str, lang: str) -> dict:
    try:
        _company, warnings = load_files(files, source, lang)
    except ApiError as exc:
        if exc.problems is None:
            raise
        return {"ok": False, "problems": bounded(exc.problems, lang)}
    return {"ok": True, "problems": bounded(warnings, lang)}


@router.get(
    "/companies",
    response_model=CompanyListOut,
    summary="The companies stored here (id, name, version)",
    responses=responses(),
)
def list_companies(caller: AsReaderOrAdmin, s: SessionDep) -> dict:
    rows = [r for r in store.all_companies(s) if caller.may_use(r.company_id)]
    return {"companies": [{"id": r.company_id, "name": r.name, "version": r.version} for r in rows]}


@router.post(
    "/companies/validate",
    response_model=ValidateOut,
    summary="Validate a company sent as JSON, without storing it",
    responses=responses(413),
)
def validate_json(body: CompanyIn, _caller: AsAdmin, lang: Lang = "nl") -> dict:
    return _validate(_json_files(body), "json", lang)


@router.post(
    "/companies/validate/files",
    response_model=ValidateOut,
    summary="Validate an uploaded company (zip of the folder, or company.xlsx), without storing it",
    responses=responses(413),
)
def validate_files(
    request: Request,
    file: FileField,
    _caller: AsAdmin,
    settings: SettingsField = None,
    lang: Lang = "nl",
) -> dict:
    files = _uploaded(request, file, settings)
    return _validate(files, source_of(files), lang)


@router.put(
    "/companies/{company_id}",
    response_model=CompanyOut,
    summary="Create or replace a company from JSON (a new version; earlier ones are kept)",
    responses=responses(409, 413),
)
def put_company_json(
    company_id: CompanyId,
    body: CompanyIn,
    caller: AsAdmin,
    s: SessionDep,
    lang: Lang = "nl",
) -> dict:
    return _store(s, company_id, _json_files(body), "json", caller, lang)


@router.put(
    "/companies/{company_id}/files",
    response_model=CompanyOut,
    summary="Create or replace a company from a zip of its folder, or company.xlsx + settings",
    responses=responses(409, 413),
)
def put_company_files(
    request: Request,
    company_id: CompanyId,
    file: FileField,
    caller: AsAdmin,
    s: SessionDep,
    settings: SettingsField = None,
    lang: Lang = "nl",
) -> dict:
    files = _uploaded(request, file, settings)
    return _store(s, company_id, files, source_of(files), caller, lang)


@router.get(
    "/companies/{company_id}",
    response_model=CompanyOut,
    summary="A company's summary: name, version, counts, sites",
    responses=responses(404),
)
def get_company(
    request: Request,
    company_id: CompanyId,
    _caller: AsReaderOrAdmin,
    s: SessionDep,
) -> dict:
    loaded = request.app.state.companies.load(s, company_id)
    return _summary(loaded, store.require_company(s, company_id))


@router.get(
    "/companies/{company_id}/data",
    summary="A company's settings and tables as JSON (the format PUT accepts)",
    responses=responses_with("application/json", DATA_EXAMPLE, 404),
)
def get_company_data(company_id: CompanyId, _caller: AsAdmin, s: SessionDep) -> dict:
    row = store.require_company(s, company_id)
    return files_as_json(store.company_files(s, row))


@router.get(
    "/companies/{company_id}/files",
    summary="A company's files exactly as stored, as a zip (open it with `enclaveplan validate`)",
    response_class=Response,
    responses=responses_with("application/zip", "(zip: company.yaml, enclaves.csv, ...)", 404),
)
def get_company_files(company_id: CompanyId, _caller: AsAdmin, s: SessionDep) -> Response:
    row = store.require_company(s, company_id)
    name = f"{company_id}-v{row.version}.zip"
    return download(zip_of(store.company_files(s, row)), "application/zip", name)


@router.get(
    "/companies/{company_id}/versions",
    response_model=VersionsOut,
    summary="Every stored version of a company",
    responses=responses(404),
)
def get_company_versions(company_id: CompanyId, _caller: AsAdmin, s: SessionDep) -> dict:
    store.require_company(s, company_id)
    rows = store.company_versions(s, company_id)
    return {
        "id": company_id,
        "versions": [
            {
                "version": r.version,
                "name": r.name,
                "source": r.source,
                "sha256": r.sha256,
                "created_at": iso(r.created_at),
            }
            for r in rows
        ],
    }


@router.get(
    "/companies/{company_id}/people",
    response_model=PeopleOut,
    summary="Coaches and workers with names, for search and the call list (planner, admin)",
    responses=responses(404),
)
def get_people(
    request: Request,
    company_id: CompanyId,
    _caller: AsPlannerOrAdmin,
    s: SessionDep,
) -> dict:
    company = request.app.state.companies.load(s, company_id).company
    return {
        "coaches": [
            {
                "id": c.id,
                "name": c.name,
                "role": c.role,
                "home": c.home,
                "trained_at": ["*"] if c.trained_everywhere else list(c.trained_at),
                "skills": list(c.skills),
                "days": list(c.days),
            }
            for c in sorted(company.coaches.values(), key=lambda c: c.id)
        ],
        "workers": [
            {
                "id": w.id,
                "name": w.name,
                # The planner balances coach load against the ratio norms, which follow need.
                "need": w.need,
                "home": w.home,
                "trained_at": list(w.trained_at),
                "days": list(w.days),
            }
            for w in sorted(company.workers.values(), key=lambda w: w.id)
        ],
    }
