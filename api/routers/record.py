"""The record of a month from the published rosters (issue 15): each worker's days of temporary
unemployment, and per enclave and day the coaches, the load against the norm and the status.

For each date of the month the newest published version counts (earlier ones are named as set
aside). Parse, read the store, call `solver.analysis.record`, format. Every rule lives in `solver`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from api.core.deps import AsReader, CompanyId, Lang, SessionDep
from api.schemas import responses_with
from api.schemas.views import download, xlsx_response, xlsx_responses
from api.storage import store
from solver.analysis.record import (
    MonthRecord,
    RosterSource,
    month_days,
    month_record,
    parse_month,
    parts_given,
)
from solver.reports.record_report import csv_name, csv_text, xlsx_bytes

router = APIRouter(tags=["rosters"])
Month = Annotated[
    str,
    Path(
        pattern=r"^[12][0-9]{3}-(0[1-9]|1[0-2])$",
        description="the month, YYYY-MM",
        examples=["2026-12"],
    ),
]
CSV = "text/csv"
EXAMPLE = {
    "company": "Westlandia (example)",
    "month": "2026-12",
    "days": [{"date": "2026-12-07", "source": "v2", "set_aside": ["v1"]}],
    "missing_dates": ["2026-12-08"],
    "temporary_unemployment_days": 1.5,
    "workers": [
        {"worker": "W011", "name": "Els Jacobs", "home": "E01", "days": 1.5,
         "no_coach_days": 1.0, "sent_home_days": 0.5,
         "dates": [{"worker": "W011", "date": "2026-12-07", "part": "day", "days": 1.0,
                    "cause": "no_coach"}]}
    ],
    "site_days": [
        {"date": "2026-12-07", "site": "E01", "name": "WZC Sint-Jozef Ieper", "part": "day",
         "status": "no_coach", "coaches": [], "coach_names": [], "headcount": 3, "present": 3,
         "coach_load": 0.23, "coach_capacity": 0.0, "contract_coaches": 1,
         "coach_shortfall": 1.0, "without_coach": 3}
    ],
    "site_summary": {"E01": {"no_coach": 1.0}},
}  # fmt: skip


def _record(request: Request, s: Session, company_id: str, month: str) -> MonthRecord:
    """The record from the newest published version of each date of the month."""
    company = request.app.state.companies.load(s, company_id).company  # or 404
    first = parse_month(month)  # the path's pattern already holds it to YYYY-MM
    last = month_days(first)[-1]
    sources = []
    for date, _version, _at in store.published_days(s, company_id, first, last):
        rows = store.publications(s, company_id, date)
        newest = rows[-1]
        aside = tuple(f"v{r.version}" for r in rows[:-1])
        # The absences the planner gave with the day: which half each covers (never its kind).
        parts = parts_given((newest.request or {}).get("absences", []), company)
        sources.append(RosterSource(date, newest.roster, f"v{newest.version}", aside, parts))
    return month_record(company, sources, first)


@router.get(
    "/companies/{company_id}/record/{month}",
    summary="The record of a month from the published rosters: temporary unemployment per "
    "worker, and per enclave and day the coaches, the load against the norm and the status",
    responses=responses_with("application/json", EXAMPLE, 404),
)
def read_record(
    request: Request, company_id: CompanyId, month: Month, _caller: AsReader, s: SessionDep
) -> dict:
    return _record(request, s, company_id, month).to_json()


@router.get(
    "/companies/{company_id}/record/{month}/export.xlsx",
    summary="The record of a month as an Excel workbook (Dutch headers; ?lang=en for English)",
    response_class=Response,
    responses=xlsx_responses(404),
)
def export_record_xlsx(
    request: Request,
    company_id: CompanyId,
    month: Month,
    _caller: AsReader,
    s: SessionDep,
    lang: Lang = "nl",
) -> Response:
    record = _record(request, s, company_id, month)
    name = f"registratie-{company_id}-{month}.xlsx"
    return xlsx_response(xlsx_bytes(record, lang), name)


@router.get(
    "/companies/{company_id}/record/{month}/export.csv",
    summary="One table of the record as CSV: `unemployment` (per worker) or `sites` (per "
    "enclave and day); Dutch: `;` and decimal commas, English: `,` and decimal points",
    response_class=Response,
    responses=responses_with(CSV, "medewerker;naam;thuisenclave;...\r\n", 404),
)
def export_record_csv(
    request: Request,
    company_id: CompanyId,
    month: Month,
    _caller: AsReader,
    s: SessionDep,
    table: Annotated[
        Literal["unemployment", "sites"], Query(description="which table", examples=["sites"])
    ] = "unemployment",
    lang: Lang = "nl",
) -> Response:
    record = _record(request, s, company_id, month)
    # A byte order mark first, so Excel reads the accents of a name.
    content = "\ufeff" + csv_text(record, table, lang)
    name = f"{company_id}-{csv_name(record, table, lang)}"
    return download(content.encode("utf-8"), f"{CSV}; charset=utf-8", name)
