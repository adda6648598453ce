"""Small hand-made companies for rule tests: a few lines each, every field defaulted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from solver.domain import Absence, Coach, Company, DayDemand, Policy, Settings, Site, Worker

MONDAY = dt.date(2026, 12, 7)  # a Monday without public holiday
IEPER = (50.851, 2.885)


def site(id, headcount=3, lat=IEPER[0], lon=IEPER[1], **kw) -> Site:
    return Site(
        id=id,
        name=f"Site {id}",
        kind=kw.pop("kind", "enclave"),
        lat=lat,
        lon=lon,
        headcount=headcount,
        **kw,
    )


def coach(id, home=None, role=None, trained_at=(), **kw) -> Coach:
    role = role or ("regular" if home else "vlinder")
    return Coach(
        id=id, name=f"Coach {id}", role=role, home=home, trained_at=tuple(trained_at), **kw
    )


def worker(id, home, need="low", trained_at=(), **kw) -> Worker:
    return Worker(
        id=id, name=f"Worker {id}", need=need, home=home, trained_at=tuple(trained_at), **kw
    )


def absent(person, day=MONDAY, kind="leave", **kw) -> Absence:
    return Absence(person=person, start=day, end=day, kind=kind, **kw)


def team(site_id, n, need="low", start=1, **kw) -> list[Worker]:
    return [worker(f"{site_id}W{i}", site_id, need, **kw) for i in range(start, start + n)]


def company(sites, coaches, workers, absences=(), demand=(), policy=None, **settings) -> Company:
    return Company(
        settings=Settings(name="Test", policy=policy or Policy(), **settings),
        sites={s.id: s for s in sites},
        coaches={c.id: c for c in coaches},
        workers={w.id: w for w in workers},
        absences=tuple(absences),
        demand=tuple(DayDemand(*d) if isinstance(d, tuple) else d for d in demand),
    )


def write_folder(folder: Path, files: dict[str, str]) -> Path:
    """A company folder written from {file name: text}, for tests that go through the loader."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
