"""Reading what a stranger sent, and writing what a planner opens, without surprises.

A company folder, a scenario file or a workbook may come from anyone who holds a token, or from a
mail attachment. Each reader here keeps its work bounded by the size of the answer a real company
needs, not by what the file claims about itself:

- YAML: no aliases (`&a` / `*a`): a file of a few hundred bytes could otherwise expand to millions
  of items; no company.yaml or scenario needs one. Nesting is bounded too.
- zip archives (an uploaded folder, and every .xlsx, which is a zip): the bytes are counted while
  they are decompressed, never taken from the archive's own header, which can lie.
- workbooks: read row by row (openpyxl read-only), at most `MAX_ROWS` rows and `MAX_COLUMNS`
  columns per sheet, after the archive passed the check above.

And the writer: every text cell of an exported workbook is a text cell, never a formula (the OWASP
rule on formula injection: a site called `=HYPERLINK(...)` must stay a name).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import yaml

# Bounds a real company never reaches (the largest Flemish custom-work company has a few thousand
# target-group workers); docs/security.md lists them all.
# Absences are the long table: a company of 3,000 target-group workers keeps some 100,000 rows
# over two years (the x10 generated company, 1,700 people: 56,600). Read at this bound the
# loader stays under 100 MiB (tests/io/test_security_inputs.py measures it).
MAX_ROWS = 200_000  # data rows per table (CSV file or sheet)
# Only for a company the caller wrote itself, never for an upload: the benchmarks' generated x160
# company (27,000 workers) has 918,748 absence rows. `load_company(folder, max_rows=...)`.
MAX_ROWS_TRUSTED = 2_000_000
MAX_COLUMNS = 60  # columns per table
MAX_CELL_CHARS = 4_000  # characters in one cell
MAX_PROBLEMS_PER_FILE = 100  # problems listed per file; the rest are counted
MAX_YAML_BYTES = 1024 * 1024
MAX_YAML_DEPTH = 40
# A workbook of MAX_ROWS rows unpacks to some tens of MiB of XML; nothing honest needs more.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 1_000  # a workbook of five sheets has about twenty
_CHUNK = 64 * 1024


class UnsafeInput(ValueError):
    """The input is refused before anything is built from it; the message says why."""


# --- YAML -----------------------------------------------------------------------------------


class NoAliasLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader that refuses aliases and deep nesting while it composes the tree, so
    nothing is ever expanded or built from such a file."""

    def __init__(self, stream: Any):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None,
                None,
                f"aliases (*{event.anchor}) are not accepted: write the value out in full",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    f"nested more than {MAX_YAML_DEPTH} levels deep",
                    self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _yaml_size(text: str) -> None:
    if len(text) > MAX_YAML_BYTES:
        raise yaml.YAMLError(f"the file is larger than {MAX_YAML_BYTES // 1024} KiB")


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of `text` (for line numbers); yaml.YAMLError on aliases, depth or size."""
    _yaml_size(text)
    return yaml.compose(text, Loader=NoAliasLoader)


def load_yaml(text: str) -> Any:
    """`yaml.safe_load` without aliases, deep nesting or a large file (yaml.YAMLError)."""
    _yaml_size(text)
    return yaml.load(text, Loader=NoAliasLoader)  # noqa: S506 - a SafeLoader subclass


# --- zip archives ---------------------------------------------------------------------------


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """One member's bytes, counted while they are decompressed: UnsafeInput past `budget`."""
    out = io.BytesIO()
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            if out.tell() + len(chunk) > budget:
                raise UnsafeInput(f"{info.filename} unpacks to more than {budget} bytes")
            out.write(chunk)
    return out.getvalue()


def check_archive(source: str | Path | bytes | IO[bytes], budget: int = MAX_UNPACKED_BYTES) -> None:
    """Decompress every member of a zip (an xlsx) once, counting real bytes, keeping none.

    UnsafeInput when all members together unpack to more than `budget` bytes;
    zipfile.BadZipFile when it is not a zip.
    """
    handle = io.BytesIO(source) if isinstance(source, bytes) else source
    total = 0
    with zipfile.ZipFile(handle) as archive:
        members = archive.infolist()
        if len(members) > MAX_ARCHIVE_MEMBERS:
            raise UnsafeInput(f"the workbook holds more than {MAX_ARCHIVE_MEMBERS} parts")
        for info in members:
            with archive.open(info) as member:
                while chunk := member.read(_CHUNK):
                    total += len(chunk)
                    if total > budget:
                        raise UnsafeInput(
                            f"the workbook unpacks to more than {budget // (1024 * 1024)} MiB"
                        )
    if hasattr(handle, "seek"):
        handle.seek(0)


# --- workbooks ------------------------------------------------------------------------------


def read_workbook(
    source: str | Path | bytes, max_rows: int | None = None
) -> dict[str, Iterator[tuple[int, list[Any]]]]:
    """The sheets of a workbook as (row number, cells) iterators, read lazily and bounded.

    The archive is checked first (check_archive). Each sheet yields its header (row 1) and at most
    `max_rows` data rows, then one `(row, None)` marker when more rows follow; cells past
    MAX_COLUMNS are not read.
    """
    import openpyxl

    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    check_archive(data)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    rows = MAX_ROWS if max_rows is None else max_rows
    return {sheet.title: _sheet_rows(sheet, rows) for sheet in book.worksheets}


def _sheet_rows(sheet: Any, max_rows: int) -> Iterator[tuple[int, list[Any]]]:
    rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    for number, row in enumerate(rows, start=1):
        if number > max_rows + 1:
            yield number, None
            return
        yield number, list(row)


# --- export ---------------------------------------------------------------------------------


def text_only(book: Any) -> Any:
    """Every cell of an openpyxl workbook that would be written as a formula becomes text.

    openpyxl writes any string starting with `=` as a live formula; our exports never hold a
    formula, so a cell typed so is a name, a reason or a label that must stay what it says.
    """
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return book
