"""The pages: the planner's morning board, the director's scenarios, HR's pool sizing (issue 7).

Static HTML, CSS and plain JavaScript served by the same app, so the page works offline on the
company's own network (no CDN, no build step). The page holds no data of its own: it calls the
API under /api/v1 with the token the person typed, kept in sessionStorage for the tab only.

Every word of the page comes from the one message catalogue (`/app/words.json`: the page's own
`web.*` entries, and the statuses, absence kinds and scenario metrics of the solver), so the board
says exactly what the reports and the CLI say and a translator edits one .po file.
"""

from __future__ import annotations

import functools
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from solver.analysis.pool.designs import SHOWN_DESIGNS, design_label
from solver.analysis.scenario import METRIC_WORDS
from solver.reports.day_report import STATUS_WORDS
from solver.reports.explain import absence_words
from solver.reports.pool_report import COLOURS as DESIGN_COLOURS
from solver.reports.pool_report import WORDS as POOL_WORDS
from solver.reports.words import catalogue, translate

STATIC = Path(__file__).resolve().parent / "static"
# Statuses the board says although the printed day may not list them yet (issue 13).
BOARD_STATUS_IDS = ("status.understaffed",)
BASE = "/app"
# Everything from this origin only: no CDN can be reached by accident, no inline script runs
# (a roster names people; a stray third-party script must not be able to read it).
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
        "form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class SecureStatic(StaticFiles):
    """Static files with the page's security headers."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await super().__call__(scope, receive, with_headers)


def page_words(lang: str) -> dict:
    """The page's own words (`web.*` in the catalogue, so one .po file is what a translator
    edits), as the templates the page fills in itself; training designs by the labels the
    reports use."""
    page: dict = {}
    for msgid, text in catalogue(lang).items():
        if msgid.startswith("web."):
            # `web.solver_status.optimal`: a table of words the page looks up by a code.
            *tables, key = msgid.removeprefix("web.").split(".")
            table = page
            for name in tables:
                table = table.setdefault(name, {})
            table[key] = text
    page["design_words"] = {name: design_label(name, lang) for name in SHOWN_DESIGNS}
    return page


def status_words(lang: str) -> dict[str, str]:
    """Every status the board may meet, in words: the report's and the board's own."""
    extra = {msgid.removeprefix("status."): translate(msgid, lang) for msgid in BOARD_STATUS_IDS}
    return {**STATUS_WORDS[lang], **extra}


def cost_words(lang: str) -> dict[str, str]:
    """The words of money: a yearly cost's parts, its heading, the placeholder warning."""
    from solver.reports.costs_report import PART_WORDS

    return {
        **{key: translate(msgid, lang) for key, msgid in PART_WORDS.items()},
        "title": translate("report.cost.title", lang),
        "placeholder": translate("report.cost.placeholder", lang),
        "enclaves": translate("report.cost.enclaves_load", lang),
    }


@functools.cache
def words() -> dict:
    """The page's, the solver's and the HR report's words, in both languages, for the page.
    Built once: the catalogue does not change while the service runs, and every page load asks."""
    return {
        lang: {
            "page": page_words(lang),
            "status": status_words(lang),
            "absence": absence_words(lang),
            "metric": METRIC_WORDS[lang],
            "pool": POOL_WORDS[lang],
            "cost": cost_words(lang),
            "design_colours": DESIGN_COLOURS,
        }
        for lang in ("nl", "en")
    }


def mount(app: FastAPI) -> None:
    """Add the pages to the app: `/` leads to `/app/`, the files live under `/app/static/`."""

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(f"{BASE}/")

    @app.get(f"{BASE}/", include_in_schema=False)
    def page() -> FileResponse:
        # no-store: a new version of the page is picked up at once on the next morning.
        headers = {**SECURITY_HEADERS, "Cache-Control": "no-store"}
        return FileResponse(STATIC / "index.html", media_type="text/html", headers=headers)

    @app.get(f"{BASE}/words.json", include_in_schema=False)
    def page_words() -> JSONResponse:
        return JSONResponse(words(), headers=SECURITY_HEADERS)

    app.mount(f"{BASE}/static", SecureStatic(directory=STATIC), name="web-static")
