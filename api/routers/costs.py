"""The enclaves in euros (issue 15): subsidised against deployed coach FTE, revenue, subsidy,
coach cost and result per enclave, for directors and HR. Thin: the facts come from
`solver.analysis.costs`, the words and the euros ("€ 1.234,56") from `solver.reports`.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from api.core.auth import Caller
from api.core.deps import CompanyId, Lang, SessionDep, allow
from api.schemas import responses_with
from api.schemas.views import xlsx_response, xlsx_responses
from solver.analysis.costs import enclave_table
from solver.reports.costs_report import (
    enclave_headers,
    enclave_rows,
    enclave_summary,
    write_enclaves_xlsx,
)

router = APIRouter(tags=["analysis"])
# The shape of the answer, abridged (one enclave); the figures are the placeholders'.
COSTS_EXAMPLE = {
    "year": 2027,
    "placeholder": True,
    "enclaves": [
        {
            "enclave": "E01",
            "workers": 7,
            "subsidised_fte": 0.6,
            "deployed_fte": 1.0,
            "revenue": 62230.0,
            "subsidy": 31200.0,
            "coach_cost": 60000.0,
            "result": 33430.0,
        }
    ],
    "shown": {"summary": "...", "headers": ["Enclave", "..."], "rows": [["E01", "..."]]},
}
AsDirectorOrHR = Annotated[Caller, Depends(allow("director", "hr"))]
Year = Annotated[
    int | None,
    Query(ge=1900, le=2200, description="the year (default: this year)", examples=[2027]),
]


def _table(request: Request, s, company_id: str, year: int | None) -> dict:
    company = request.app.state.companies.load(s, company_id).company  # or 404
    return enclave_table(company, year if year is not None else dt.date.today().year)


@router.get(
    "/companies/{company_id}/costs",
    summary="The enclaves in euros a year: subsidised against deployed coach FTE, revenue, "
    "subsidy, coach cost and result; which pay for themselves and which a shared coach under "
    "the pilot rules makes pay. `shown` holds the same table in words and euros ('€ 1.234,56'); "
    "`placeholder` is true while company.yaml's costs are the defaults",
    responses=responses_with("application/json", COSTS_EXAMPLE, 404),
)
def read_costs(
    request: Request,
    company_id: CompanyId,
    _caller: AsDirectorOrHR,
    s: SessionDep,
    year: Year = None,
    lang: Lang = "nl",
) -> dict:
    table = _table(request, s, company_id, year)
    table["shown"] = {
        "summary": enclave_summary(table, lang),
        "headers": enclave_headers(lang),
        "rows": enclave_rows(table, lang),
    }
    return table


@router.get(
    "/companies/{company_id}/costs/export.xlsx",
    summary="The enclaves in euros as an Excel workbook (Dutch headers; ?lang=en for English)",
    response_class=Response,
    responses=xlsx_responses(404),
)
def export_costs_xlsx(
    request: Request,
    company_id: CompanyId,
    _caller: AsDirectorOrHR,
    s: SessionDep,
    year: Year = None,
    lang: Lang = "nl",
) -> Response:
    table = _table(request, s, company_id, year)
    buffer = io.BytesIO()
    write_enclaves_xlsx(table, buffer, lang)
    return xlsx_response(buffer.getvalue(), f"enclaves-{company_id}-{table['year']}.xlsx")
