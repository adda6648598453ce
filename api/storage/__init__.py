"""What the service keeps: the tables (`tables`) and their Alembic migrations
(`migrations/`), reading and writing companies, solves and publications (`store`), and a
company's files as JSON, uploads and zip (`company_files`). Functions return None on a miss;
the route decides the HTTP error.
"""

from __future__ import annotations

from solver import lazy_door

# What the rest of the code may call, and the module that holds it.
_DOOR = {
    "Base": "api.storage.tables",
    "CompanyCache": "api.storage.store",
    "save_company": "api.storage.store",
    "publish": "api.storage.store",
    "record_solve": "api.storage.store",
    "get_solve": "api.storage.store",
    "load_files": "api.storage.company_files",
    "files_from_json": "api.storage.company_files",
    "zip_of": "api.storage.company_files",
}
__all__ = sorted(_DOOR)


__getattr__ = lazy_door(__name__, _DOOR)
