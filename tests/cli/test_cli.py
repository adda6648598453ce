"""The command line: thin, readable, exit 0 with a roster (holes included), 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from solver.cli import main
from solver.io.loading import load_company

EXAMPLE = str(Path(__file__).resolve().parents[2] / "data" / "westlandia")
DAY = "2026-12-02"


def test_validate_example(capsys):
    assert main(["validate", EXAMPLE]) == 0
    printed = capsys.readouterr()
    assert "15 enclaves" in printed.out
    # validate lists every warning; the morning's solve only counts them.
    _, warnings = load_company(EXAMPLE)
    assert len(warnings) > 2 and printed.err.count("waarschuwing:") == len(warnings)
    assert main(["solve", EXAMPLE, "--date", DAY]) == 0
    err = capsys.readouterr().err
    assert "waarschuwing:" not in err and f"{len(warnings)} waarschuwingen over" in err


def test_show_lists_absences_by_kind_only(capsys):
    assert main(["show", EXAMPLE, "--date", DAY]) == 0
    out = capsys.readouterr().out
    assert "E05" in out and "Afwezig" in out
    assert any(word in out for word in ("ziek", "verlof", "ADV-dag"))


def test_validate_and_show_write_json_for_machines(tmp_path, capsys):
    verdict, facts = tmp_path / "validate.json", tmp_path / "show.json"
    assert main(["validate", EXAMPLE, "--json", str(verdict)]) == 0
    data = json.loads(verdict.read_text())
    company, warnings = load_company(EXAMPLE)
    assert data["ok"] and data["sites"] == len(company.sites)
    assert [p["line"] for p in data["problems"]] == [w.line for w in warnings]
    broken = tmp_path / "broken"
    broken.mkdir()
    for f in Path(EXAMPLE).iterdir():
        (broken / f.name).write_bytes(f.read_bytes())
    (broken / "company.yaml").write_text("name: [unclosed\n")
    assert main(["validate", str(broken), "--json", str(verdict)]) == 2
    data = json.loads(verdict.read_text())
    assert not data["ok"] and data["problems"][0]["file"] == "company.yaml"
    assert main(["show", EXAMPLE, "--date", DAY, "--absent", "C06", "--json", str(facts)]) == 0
    day = json.loads(facts.read_text())
    assert day["date"] == DAY and day["absent"]["C06"] == "sick"
    e06 = next(s for s in day["sites"] if s["id"] == "E06")
    assert "C06" in e06["expected_coaches"]
    assert set(e06["present_workers"]) <= set(e06["expected_workers"])
    capsys.readouterr()


def test_solve_writes_json_that_the_checker_accepts(tmp_path, capsys):
    target = tmp_path / "roster.json"
    assert main(["solve", EXAMPLE, "--date", DAY, "--absent", "C06", "--json", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Wie bellen" in out
    roster = json.loads(target.read_text())
    e06 = next(s for s in roster["enclaves"] if s["id"] == "E06")
    assert "C06" not in e06["coaches"]
    assert main(["check", EXAMPLE, str(target), "--absent", "C06"]) == 0
    # The checker is not fooled by an edited roster.
    e06["present"] += 1
    target.write_text(json.dumps(roster))
    assert main(["check", EXAMPLE, str(target), "--absent", "C06"]) == 1


def test_replan_with_previous_keeps_the_published_roster(tmp_path, capsys):
    published = tmp_path / "published.json"
    assert main(["solve", EXAMPLE, "--date", DAY, "--json", str(published)]) == 0
    replan = tmp_path / "replan.json"
    args = ["solve", EXAMPLE, "--date", DAY, "--absent", "C07", "--previous", str(published)]
    assert main([*args, "--json", str(replan)]) == 0
    before = json.loads(published.read_text())["enclaves"]
    after = json.loads(replan.read_text())["enclaves"]
    changed = [a["id"] for a, b in zip(after, before, strict=True) if a["coaches"] != b["coaches"]]
    assert changed == ["E07"]  # only the site of the late call


def test_english_output(capsys):
    assert main(["--lang", "en", "solve", EXAMPLE, "--date", DAY, "--absent", "C07"]) == 0
    assert "Who to call" in capsys.readouterr().out


def test_suggest_ranks_people_for_a_hole(capsys):
    assert main(["suggest", EXAMPLE, "--date", DAY, "--site", "E07", "--absent", "C07"]) == 0
    out = capsys.readouterr().out
    assert "Δ1" in out
    # Each row a person who may work at E07 (which of equally good rosters is the best one
    # decides who is already there, so no one person is named).
    company = load_company(EXAMPLE)[0]
    rows = [line.split()[0] for line in out.splitlines()[2:] if line[:1] in ("W", "V", "C")]
    assert rows
    for person in rows:
        someone = company.workers.get(person) or company.coaches[person]
        assert someone.knows("E07"), person


def test_bad_input_is_exit_2_without_traceback(tmp_path, capsys):
    company = load_company(EXAMPLE)[0]
    vlinder, site = next(
        (c.id, s)
        for c in company.coaches.values()
        if c.role == "vlinder"
        for s in sorted(company.sites)
        if company.sites[s].kind == "enclave" and not c.knows(s)
    )
    bad_json = tmp_path / "prev.json"
    bad_json.write_text('{"enclaves": [\n  {"id": "E01",, }\n]}')
    cases = [
        (["solve", EXAMPLE, "--date", "2026-13-01"], "--date"),
        (["solve", EXAMPLE, "--date", DAY, "--absent", "NOBODY"], "onbekende persoon 'NOBODY'"),
        (["solve", EXAMPLE, "--date", DAY, "--pin", "W001"], "verwacht PERSOON=ENCLAVE"),
        (
            ["solve", EXAMPLE, "--date", DAY, "--pin", f"{vlinder}={site}"],
            f"{vlinder}={site}: {vlinder} mag niet werken in {site}: niet opgeleid",
        ),
        (["solve", EXAMPLE, "--date", DAY, "--previous", str(bad_json)], f"{bad_json}:2: kolom"),
        (["suggest", EXAMPLE, "--date", DAY, "--site", "E99"], "onbekende enclave 'E99'"),
        (["validate", str(tmp_path / "missing")], "geen map"),
    ]
    for argv, message in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err, (argv, err)


def test_workday_resolves_to_a_day_the_company_works(capsys):
    assert main(["solve", EXAMPLE, "--date", "workday", "--time-limit", "10"]) == 0
    out = capsys.readouterr().out
    assert "Geen enkele enclave draait" not in out


def test_pins_hold(tmp_path):
    import datetime as dt

    from solver.roster.day import build_day

    day = build_day(load_company(EXAMPLE)[0], dt.date.fromisoformat(DAY))
    # A vlinder who could go somewhere today, pinned to the last such site.
    vlinder = next(c for c, opts in day.coach_options.items() if c.startswith("V") and opts)
    site = day.coach_options[vlinder][-1].site
    target = tmp_path / "r.json"
    pin = f"{vlinder}={site}"
    assert main(["solve", EXAMPLE, "--date", DAY, "--pin", pin, "--json", str(target)]) == 0
    pinned = next(s for s in json.loads(target.read_text())["enclaves"] if s["id"] == site)
    assert vlinder in pinned["coaches"]
