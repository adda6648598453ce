"""Hostile input, sent for real: each test sends one attack of issue 18 and asserts the bounded
answer (status, the size of the answer, and memory measured with tracemalloc, never time).

Items 1 (an answer that grows without bound), 2 (YAML aliases), 3 (compressed bombs), 6 (numbers
no company has) and the non-UTF-8 file that must be named."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import struct
import tracemalloc
import zipfile
import zlib
from contextlib import contextmanager

import openpyxl
import pytest
from support import MONDAY, WESTLANDIA, assert_checked, small_json

from solver.cli import main as cli_main
from solver.io import safe_io
from solver.io.loading import CompanyError, load_company

MiB = 1024 * 1024


@contextmanager
def peak_memory():
    """Yields a dict that holds, after the block, the peak of Python allocations in bytes."""
    found = {}
    tracemalloc.start()
    try:
        yield found
    finally:
        found["peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def lying_zip(name: str, real_bytes: int, declared_bytes: int, others: dict | None = None) -> bytes:
    """A zip whose one member says it holds `declared_bytes` but unpacks to `real_bytes` zeros
    (compressed by streaming, so the test never holds the bomb itself)."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(MiB)
    compressed = b"".join(squeeze.compress(block) for _ in range(real_bytes // MiB))
    compressed += squeeze.flush()
    crc = 0
    encoded = name.encode()
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(compressed), declared_bytes,
        len(encoded), 0,
    )  # fmt: skip
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(compressed),
        declared_bytes, len(encoded), 0, 0, 0, 0, 0, 0,
    )  # fmt: skip
    body = local + encoded + compressed
    directory = central + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(directory), len(body), 0)
    return body + directory + end


def alias_bomb(levels: int = 8) -> str:
    """A few hundred bytes that a plain YAML loader expands to 10**levels items."""
    lines = ['l0: &l0 ["x","x","x","x","x","x","x","x","x","x"]']
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ",".join([f"*l{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def small_files() -> dict[str, bytes]:
    from api.storage.company_files import files_from_json

    data = small_json()
    return files_from_json(data["settings"], data)


# --- 1. an answer that grows without bound ------------------------------------------------------


def test_a_zip_of_millions_of_bad_lines_gets_a_bounded_answer(api):
    files = small_files()
    # ~1.9 MiB of "x" lines: four errors each, a million lines, well within the upload limit.
    files["workers.csv"] = b"id,name,need,home\n" + b"x\n" * 950_000
    upload = zip_of(files)
    assert len(upload) < 100_000
    with peak_memory() as memory:
        response = api.post("/companies/validate/files", "admin", files={"file": ("c.zip", upload)})
    assert response.status_code == 200, response.text[:500]
    body = response.json()
    assert body["ok"] is False
    problems = body["problems"]
    assert len(problems) <= safe_io.MAX_PROBLEMS_PER_FILE + 2
    assert any("probleem/problemen in dit bestand" in p["what"] for p in problems)
    assert len(response.content) < 100_000
    assert memory["peak"] < 150 * MiB, memory


def test_a_table_is_read_up_to_its_row_bound_and_says_so(tmp_path):
    folder = tmp_path / "big"
    shutil.copytree(WESTLANDIA, folder)
    rows = safe_io.MAX_ROWS * 3
    with (folder / "absences.csv").open("w", encoding="utf-8") as handle:
        handle.write("person,start,end\n")
        for _ in range(rows):
            handle.write("nobody,2026-12-07,2026-12-07\n")
    with peak_memory() as memory, pytest.raises(CompanyError) as raised:
        load_company(folder)
    messages = [p.render("en") for p in raised.value.problems if p.file == "absences.csv"]
    assert len(messages) <= safe_io.MAX_PROBLEMS_PER_FILE + 2
    assert any(f"more than {safe_io.MAX_ROWS:,} rows" in m for m in messages)
    # Counted up to the row bound, not listed: the answer says how many were left out.
    assert any(f"{safe_io.MAX_ROWS - safe_io.MAX_PROBLEMS_PER_FILE:,} more" in m
               for m in messages), messages[-3:]  # fmt: skip
    assert memory["peak"] < 100 * MiB, memory


def test_a_trusted_caller_may_read_a_longer_table_and_is_still_bounded(tmp_path, monkeypatch):
    """The benchmarks load companies they wrote themselves (x160: 918,748 absence rows) with a
    larger bound; the default stays the service's, and past the larger bound the same error."""
    monkeypatch.setattr(safe_io, "MAX_ROWS", 1_000)
    folder = tmp_path / "long"
    shutil.copytree(WESTLANDIA, folder)
    with (folder / "absences.csv").open("w", encoding="utf-8") as handle:
        handle.write("person,start,end\n")
        for i in range(1_500):  # one adv day each, on distinct dates
            day = dt.date(2030, 1, 1) + dt.timedelta(days=i)
            handle.write(f"C01,{day},{day}\n")

    def too_many(problems) -> list[str]:
        return [p.render("en") for p in problems if p.code == "problem.too_many_rows"]

    with pytest.raises(CompanyError) as raised:
        load_company(folder)
    assert any("more than 1,000 rows" in m for m in too_many(raised.value.problems))
    company, warnings = load_company(folder, max_rows=2_000)
    assert not too_many(warnings)
    assert sum(1 for a in company.absences if a.person == "C01") >= 1_500
    with pytest.raises(CompanyError) as raised:
        load_company(folder, max_rows=1_200)
    assert any("more than 1,200 rows" in m for m in too_many(raised.value.problems))


def test_an_overlong_cell_is_refused_not_split_into_millions(tmp_path):
    folder = tmp_path / "long"
    shutil.copytree(WESTLANDIA, folder)
    text = (folder / "coaches.csv").read_text(encoding="utf-8").splitlines()
    header, first = text[0].split(","), text[1].split(",")
    first[header.index("trained_at")] = ";".join(["E01"] * 500_000)
    (folder / "coaches.csv").write_text(
        "\n".join([text[0], ",".join(first), *text[2:]]) + "\n", encoding="utf-8"
    )
    with peak_memory() as memory, pytest.raises(CompanyError) as raised:
        load_company(folder)
    assert any("characters" in p.message or "CSV" in p.message for p in raised.value.problems)
    assert memory["peak"] < 60 * MiB, memory


# --- 2. YAML aliases ----------------------------------------------------------------------------


def test_a_scenario_with_aliases_is_refused_before_anything_is_built(api):
    api.upload_small("aliases")
    bomb = "name: bom\nfrom: 2026-12-07\nto: 2026-12-08\n" + alias_bomb(8)
    assert len(bomb) < 1_000
    with peak_memory() as memory:
        response = api.client.post(
            "/api/v1/companies/aliases/scenarios",
            content=bomb.encode(),
            headers={**api.headers("director"), "Content-Type": "application/yaml"},
        )
    assert response.status_code == 422, response.text
    assert "aliases" in response.json()["error"]["what"]
    assert memory["peak"] < 20 * MiB, memory
    assert api.get("/health").status_code == 200


def test_a_company_yaml_with_aliases_is_refused_by_upload_and_command_line(api, tmp_path, capsys):
    files = small_files()
    files["company.yaml"] = b"name: bom\n" + alias_bomb(9).encode()
    with peak_memory() as memory:
        response = api.put(
            "/companies/aliases2/files", "admin", files={"file": ("c.zip", zip_of(files))}
        )
    assert response.status_code == 422
    assert "aliases" in response.json()["error"]["what"]
    assert response.json()["error"]["where"].startswith("company.yaml:")
    assert memory["peak"] < 20 * MiB, memory

    folder = tmp_path / "aliased"
    shutil.copytree(WESTLANDIA, folder)
    settings = (folder / "company.yaml").read_text(encoding="utf-8")
    (folder / "company.yaml").write_text(settings + alias_bomb(9), encoding="utf-8")
    assert cli_main(["validate", str(folder)]) == 2
    captured = capsys.readouterr()
    assert "company.yaml:" in captured.err and "aliases" in captured.err


def test_a_scenario_file_with_aliases_is_refused_on_the_command_line(tmp_path, capsys):
    scenario = tmp_path / "bom.yaml"
    scenario.write_text(
        f"company: {WESTLANDIA}\nfrom: 2026-12-07\nto: 2026-12-08\n" + alias_bomb(9),
        encoding="utf-8",
    )
    with peak_memory() as memory:
        code = cli_main(["scenario", str(scenario)])
    assert code == 2
    captured = capsys.readouterr()
    assert "aliases" in captured.out + captured.err
    assert memory["peak"] < 60 * MiB, memory


def test_deep_nesting_is_refused_too():
    with pytest.raises(Exception, match="nested"):
        safe_io.load_yaml("a: " + "[" * 500 + "]" * 500)


# --- 3. compressed bombs ------------------------------------------------------------------------


def test_a_zip_entry_that_lies_about_its_size_is_cut_while_unpacking(api):
    upload = lying_zip("workers.csv", real_bytes=512 * MiB, declared_bytes=100)
    assert len(upload) < 2 * MiB
    with peak_memory() as memory:
        response = api.put("/companies/bomb/files", "admin", files={"file": ("c.zip", upload)})
    assert response.status_code in (413, 422), response.text
    assert memory["peak"] < 40 * MiB, memory


def test_a_zip_entry_that_unpacks_past_the_limit_is_refused(api):
    limit = api.app.state.settings.max_request_bytes
    upload = lying_zip("workers.csv", real_bytes=64 * MiB, declared_bytes=64 * MiB)
    with peak_memory() as memory:
        response = api.put("/companies/bomb2/files", "admin", files={"file": ("c.zip", upload)})
    assert response.status_code == 413, response.text
    assert str(limit) in response.json()["error"]["hint"]
    assert memory["peak"] < 40 * MiB, memory


def _workbook_with_sheet(sheet_xml_rows: int) -> bytes:
    """A real workbook whose first sheet is replaced by `sheet_xml_rows` rows of XML, streamed."""
    book = openpyxl.Workbook()
    book.active.title = "enclaves"
    book.active.append(["id", "name", "lat", "lon", "headcount"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    row = b'<row><c t="inlineStr"><is><t>E</t></is></c></row>'
    header = (
        b"<row>"
        + b"".join(
            b'<c t="inlineStr"><is><t>%s</t></is></c>' % name
            for name in (b"id", b"name", b"lat", b"lon", b"headcount")
        )
        + b"</row>"
    )
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, src.read(info))
                continue
            with dst.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxml'
                            b'formats.org/spreadsheetml/2006/main"><sheetData>')  # fmt: skip
                sheet.write(header)
                chunk = row * 10_000
                for _ in range(sheet_xml_rows // 10_000):
                    sheet.write(chunk)
                sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def test_an_xlsx_bomb_is_refused_on_its_real_unpacked_bytes(api):
    upload = _workbook_with_sheet(2_000_000)  # ~100 MiB of XML in a few hundred KB
    assert len(upload) < 2 * MiB
    with peak_memory() as memory:
        response = api.put(
            "/companies/xlsxbomb/files",
            "admin",
            files={"file": ("company.xlsx", upload)},
            data={"settings": "name: bom\n"},
        )
    assert response.status_code == 422, response.text
    assert "unpacks to more than" in json.dumps(response.json())
    assert memory["peak"] < 40 * MiB, memory


def test_a_workbook_is_read_only_up_to_the_row_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_io, "MAX_ROWS", 1_000)
    folder = tmp_path / "wb"
    folder.mkdir()
    (folder / "company.yaml").write_text("name: groot\n", encoding="utf-8")
    (folder / "company.xlsx").write_bytes(_workbook_with_sheet(20_000))
    with pytest.raises(CompanyError) as raised:
        load_company(folder)
    assert any("meer dan 1.000 rijen" in str(p) for p in raised.value.problems)


# --- 6. numbers no company has ------------------------------------------------------------------


def test_a_headcount_of_ten_to_the_eighteen_is_refused_with_its_bound(api):
    company = small_json()
    company["enclaves"][0]["headcount"] = 10**18
    response = api.put("/companies/huge", "admin", json=company)
    assert response.status_code == 422
    problem = response.json()["error"]["problems"][0]
    assert problem["where"] == "$.enclaves[0].headcount"
    assert "<= 1.000" in problem["what"]  # Dutch by default: a thousands point


@pytest.mark.parametrize(
    "settings",
    [
        {"ratio_norms": {"low": 10**9}},
        {"policy": {"max_sites_per_shared_coach": 10**9}},
        {"policy": {"small_site_max_headcount": 10**18}},
        {"travel": {"speed_kmh": 1e300}},
    ],
)
def test_every_setting_number_has_a_bound(api, settings):
    company = small_json()
    company["settings"].update(settings)
    response = api.post("/companies/validate?lang=en", "admin", json=company)
    assert response.status_code == 200
    assert response.json()["ok"] is False
    assert "expected a number" in response.json()["problems"][0]["what"]


def test_a_company_at_every_bound_validates_and_solves_without_500(api):
    from solver.io.loading import MAX_HEADCOUNT, MAX_RATIO, MAX_SITE_COACHES

    company = small_json()
    company["settings"]["ratio_norms"] = {"low": MAX_RATIO, "medium": MAX_RATIO, "high": 1}
    company["settings"]["policy"] = {"shared_coach": "small", "small_site_max_headcount": 1000}
    for site in company["enclaves"]:
        site["headcount"] = MAX_HEADCOUNT
        site["min_headcount"] = MAX_HEADCOUNT
        site["coaches"] = MAX_SITE_COACHES
    company["demand"] = [{"date": MONDAY, "enclave": "E1", "headcount": MAX_HEADCOUNT}]
    stored = api.put("/companies/bounds", "admin", json=company)
    assert stored.status_code == 200, stored.text
    solved = api.post("/companies/bounds/solve", "planner", json={"date": MONDAY})
    assert solved.status_code == 200, solved.text
    with api.app.state.sessions() as session:
        loaded = api.app.state.companies.load(session, "bounds").company
    assert_checked(loaded, solved.json()["roster"])


# --- 8. the non-UTF-8 file is named -------------------------------------------------------------


@pytest.mark.parametrize("name", ["workers.csv", "company.yaml"])
def test_a_file_that_is_not_utf8_is_named(api, name):
    files = small_files()
    files[name] = files[name].replace(b"e", "\xe9".encode("latin-1"), 3)
    response = api.post(
        "/companies/validate/files", "admin", files={"file": ("c.zip", zip_of(files))}
    )
    assert response.status_code == 200
    problem = response.json()["problems"][0]
    assert problem["where"].startswith(name), problem
    assert "UTF-8" in problem["what"]


def test_a_workbook_of_thousands_of_parts_is_refused_before_it_is_opened(api):
    plain = io.BytesIO()
    openpyxl.Workbook().save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        for index in range(safe_io.MAX_ARCHIVE_MEMBERS + 1):
            dst.writestr(f"xl/extra/{index}.xml", b"")
    response = api.put(
        "/companies/parts/files",
        "admin",
        files={"file": ("company.xlsx", out.getvalue())},
        data={"settings": "name: delen\n"},
    )
    assert response.status_code == 422
    assert "parts" in json.dumps(response.json())


def test_a_scenario_of_thousands_of_bad_changes_gets_a_bounded_answer(api):
    from api.core.errors import MAX_PROBLEMS

    api.upload_small("manybad")
    variants = "".join(
        f"  - name: v{i}\n    changes:\n      - remove_coach: [ZZ{i}]\n" for i in range(3_000)
    )
    text = "name: veel\nfrom: 2026-12-07\nto: 2026-12-08\nvariants:\n" + variants
    with peak_memory() as memory:
        response = api.client.post(
            "/api/v1/companies/manybad/scenarios",
            content=text.encode(),
            headers={**api.headers("director"), "Content-Type": "application/yaml"},
        )
    assert response.status_code == 422
    problems = response.json()["error"]["problems"]
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1]["what"] == "…en nog 2.500 probleem/problemen"
    assert memory["peak"] < 100 * MiB, memory
