"""What every router needs: settings, a database session, the pools, path parameters, and the
mapping from the pool's answers (busy, down, impossible pin) to HTTP."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal

from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session

from api.core.auth import READERS, ROLES, Caller, allow
from api.core.errors import ApiError
from api.runtime.inputs import check_date, pin_where
from api.runtime.jobs import Busy, Unavailable
from api.runtime.work import InfeasiblePins
from solver.reports.explain import pin_refusal
from solver.reports.words import translate
from solver.roster.day import ImpossiblePin

CompanyId = Annotated[
    str,
    Path(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$",
        description="the company's id, chosen when it is uploaded",
        examples=["westlandia"],
    ),
]
Day = Annotated[dt.date, Path(description="the roster's date, YYYY-MM-DD", examples=["2026-12-01"])]
Lang = Annotated[Literal["nl", "en"], Query(description="language of the words", examples=["nl"])]


def session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as s:
        yield s


SessionDep = Annotated[Session, Depends(session)]
# Who may call an endpoint: each endpoint takes exactly one of these.
AsAnyone = Annotated[Caller, Depends(allow(*ROLES))]
AsReader = Annotated[Caller, Depends(allow(*READERS))]
AsReaderOrAdmin = Annotated[Caller, Depends(allow(*READERS, "admin"))]
AsPlanner = Annotated[Caller, Depends(allow("planner"))]
AsPlannerOrAdmin = Annotated[Caller, Depends(allow("planner", "admin"))]
AsDirector = Annotated[Caller, Depends(allow("director"))]
AsHR = Annotated[Caller, Depends(allow("hr"))]
AsAdmin = Annotated[Caller, Depends(allow("admin"))]


def day(date: dt.date) -> dt.date:
    return check_date(date, "path.date")


def busy_error(exc: Busy) -> ApiError:
    return ApiError(
        429,
        exc.msgid,
        "",
        "service.hint.retry_after",
        params={"seconds": exc.retry_after},
        headers={"Retry-After": str(exc.retry_after)},
    )


def in_pool(
    request: Request,
    session: Session,
    fn: Callable[..., Any],
    *args: Any,
    timeout: float,
    pins: list | None = None,
    lang: str = "nl",
) -> Any:
    """Run one piece of solver work in the bounded pool; every refusal becomes a JSON error.

    The request's read transaction ends first: no database lock is held while the solver works
    (on SQLite one held lock would make every other planner wait for this solve).
    """
    session.commit()
    try:
        return request.app.state.pool.run(fn, *args, timeout=timeout)
    except Busy as exc:
        raise busy_error(exc) from None
    except Unavailable as exc:
        raise ApiError(
            503, exc.msgid, "", "service.hint.moment", headers={"Retry-After": "5"}
        ) from None
    except ImpossiblePin as exc:  # said in the caller's language from its code
        what = translate("pin.refused", lang, problem=pin_refusal(exc.code, exc.params, lang))
        hint = translate("pin.refused_hint", lang)
        raise ApiError(422, what, pin_where(pins or [], str(exc)), hint) from None
    except InfeasiblePins:
        raise ApiError(
            422, "service.error.pins_contradict", "$.pins", "service.hint.pins_contradict"
        ) from None
