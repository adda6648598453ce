"""Words at the edge: the model speaks codes, the edges render them for the reader.

The roster model returns reason codes with ids and numbers only; `solver.reports.explain` renders them
in the reader's language, and a reader who may not see absence kinds gets codes without them.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import fnmatch
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from api import commands
from api.schemas import views
from factory import MONDAY, absent, coach, company, site, team
from solver.analysis.pool.designs import SHOWN_DESIGNS
from solver.analysis.scenario import EXTRA_METRICS, METRICS, describe_change
from solver.checker import check_roster
from solver.cli import main
from solver.io.loading import load_company
from solver.reports import plan_report, pool_report, scenario_report, words
from solver.reports.day_report import REPORT_WORDS, STATUSES
from solver.reports.explain import ABSENCE_KINDS, WEEKDAYS, coachless_half, explain, render
from solver.roster import eligibility
from solver.roster.model import solve
from solver.roster.reasons import CODES
from solver.roster.rules import LEVELS


def _hole():
    return company(
        [site("E1", 6, skills=("forklift",))],
        [coach("C1", "E1", skills=("forklift",)), coach("V1", trained_at=["E1"]), coach("V2")],
        team("E1", 6),
        [absent("C1", kind="sick")],
    )


def _solved(c, **kw):
    """The roster of MONDAY, held by the independent checker."""
    roster = solve(c, MONDAY, **kw)
    result = check_roster(c, roster.to_json(), called_in=kw.get("called_in", ()))
    assert result.ok, [str(v) for v in result.violations]
    return roster


def test_the_model_returns_codes_and_no_words():
    roster = _solved(_hole())
    e1 = roster.site("E1")
    assert e1.reasons == []  # nothing rendered until an edge asks for a language
    codes = [r["code"] for r in e1.reason_codes]
    assert codes == ["no_coach", "absent", "missing_skill", "not_trained_count"]
    assert e1.reason_codes[0] == {"code": "no_coach", "params": {"site": "E1", "n": 6}}
    assert {"code": "absent", "params": {"person": "C1", "kind": "sick"}} in e1.reason_codes
    for r in e1.reason_codes:
        assert set(r["params"]) == set(CODES[r["code"]])
    assert json.loads(roster.dumps())["enclaves"][0]["reason_codes"] == e1.reason_codes


def test_one_renderer_for_every_language_and_role():
    roster = _solved(_hole())
    nl = list(explain(roster, "nl").site("E1").reasons)
    assert (
        nl[0] == "E1 kan vandaag niet draaien: geen begeleider; 6 medewerkers dreigen in "
        "tijdelijke werkloosheid."
    )
    assert "C1 is afwezig (ziek)" in nl
    en = explain(roster, "en").site("E1").reasons
    assert "C1 is absent (sick)" in en and len(en) == len(nl)
    hidden = explain(roster, "nl", kinds=False).site("E1").reasons
    assert "C1 is afwezig" in hidden and not any("ziek" in r for r in hidden)


def test_the_roster_json_carries_the_reasons_in_words_and_as_codes(tmp_path, capsys):
    """`solve --json`: every code is one the model documents, with exactly its parameters, and
    the words are those codes rendered in the language asked for."""
    company_, _ = load_company(EXAMPLE)
    for lang in words.LANGS:
        target = tmp_path / f"{lang}.json"
        argv = ["--lang", lang, "solve", EXAMPLE, "--date", DAY, "--absent", "C06", "C07"]
        assert main([*argv, "--json", str(target)]) == 0
        data = json.loads(target.read_text(encoding="utf-8"))
        result = check_roster(company_, data, called_in=("C06", "C07"))
        assert result.ok, [str(v) for v in result.violations]
        holes = [s for s in data["enclaves"] if s["reason_codes"]]
        assert holes, "the day has holes to explain"
        for s in data["enclaves"]:
            for r in s["reason_codes"]:
                assert set(r["params"]) == set(CODES[r["code"]]), r
            skills = company_.settings.labels["skills"]  # the company's words for its skills
            half = coachless_half(s)  # a site without a coach one half says that half
            assert s["reasons"] == [render(r, lang, skills, half) for r in s["reason_codes"]]
    capsys.readouterr()
    # A skill reads as the company names it (company.yaml `labels`), its code stays in the JSON.
    said = " ".join(r for s in data["enclaves"] for r in s["reasons"])
    coded = [r for s in data["enclaves"] for r in s["reason_codes"] if r["code"] == "missing_skill"]
    assert coded and "food_hygiene" not in said and "voedselhygiëne" in said
    assert any(r["params"]["skill"] == "food_hygiene" for r in coded)


def test_readers_who_may_not_see_kinds_get_codes_without_them():
    from api.schemas.views import roster_for

    roster = explain(_solved(_hole()))
    data = roster.to_json()
    view = roster_for("director", data, {"E1": ["E1 ..."]})
    text = json.dumps([s["reason_codes"] for s in view["enclaves"]])
    assert "sick" not in text and '"kind"' not in text
    assert {"code": "absent", "params": {"person": "C1"}} in view["enclaves"][0]["reason_codes"]
    assert roster_for("planner", data, {}) is data  # the planner reads the kinds


# --- the one message catalogue -----------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "data" / "westlandia")
DAY = "2026-12-02"
MSGID = re.compile(r"[a-z_]+(\.[a-z0-9_]+)+")
HELP_KEY = re.compile(r"""\bh\(\s*["']([a-z0-9_]+)["']\)""")
FIELDS = re.compile(r"\{(\w+)\}|%\((\w+)\)[rsd]|%[sd]")
# The first part of every message id: a string in the code that starts with one is an id.
FAMILIES = {"reason", "absence", "weekday", "status", "role", "level", "report", "cli",
            "argparse", "robustness", "metric", "change", "xlsx", "pool", "scenario",
            "pin", "problem", "web", "service", "plan", "need"}  # fmt: skip
# Every reason code eligibility documents (a pin that cannot hold says one of them), plus the
# two a pin adds: an unknown person or site, and a worker not trained there.
PIN_CODES = {*re.findall(r"^- `(\w+)`", eligibility.__doc__, re.M), "unknown", "not_trained_worker"}


WEB = ROOT / "api" / "web" / "static"
# The page builds two families of keys from a value: `part_${part}`, `role_${role}`.
WEB_BUILT = {f"part_{p}" for p in ("day", "am", "pm")} | {
    f"role_{r}" for r in ("coach", "vlinder", "interim", "worker")
}


def _page_ids() -> tuple[set[str], set[str]]:
    """The page's message ids: those it surely asks for (`t("key")`, `data-t="key"`, the built
    families) and every string literal of its code that could be one (a key in a list)."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(WEB.glob("*.js")))
    text += (WEB / "index.html").read_text(encoding="utf-8")
    asked = set(re.findall(r"""\bt\(\s*["']([a-z][a-z0-9_]*)["']""", text))
    asked |= set(re.findall(r"""data-t(?:-label)?=["']([a-z][a-z0-9_]*)["']""", text))
    literals = set(re.findall(r"""["'`]([a-z][a-z0-9_]*)["'`]""", text))
    return {f"web.{k}" for k in asked | WEB_BUILT}, {f"web.{k}" for k in literals}


def _ids_in_code() -> set[str]:
    """Every message id the code asks for: each string constant in solver/ and api/ shaped
    like an id of a known family, help keys (`h("solve")` is `cli.help.solve`), and the
    families whose ids are built from a code (the reason codes, statuses, absence kinds, ...)."""
    found: set[str] = set()
    for path in sorted([*(ROOT / "solver").rglob("*.py"), *(ROOT / "api").rglob("*.py")]):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if (
                    MSGID.fullmatch(value)
                    and value.split(".")[0] in FAMILIES
                    and value.rpartition(".")[2] not in ("yaml", "csv", "json", "xlsx")
                ):
                    found.add(value)
        found |= {f"cli.help.{key}" for key in HELP_KEY.findall(text)}
    found |= {f"reason.{code}" for code in CODES} | {"reason.absent_plain"}
    found |= {f"absence.{kind}" for kind in ABSENCE_KINDS}
    found |= {f"weekday.{day}" for day in WEEKDAYS}
    found |= {f"status.{status}" for status in STATUSES}
    found |= {f"report.{key}" for key in REPORT_WORDS}
    found |= {f"level.{k}" for k in LEVELS}
    found |= {f"metric.{m}" for m in ("days", *METRICS, *EXTRA_METRICS)}
    found |= {f"pool.{key}" for key in pool_report.POOL_WORDS}
    found |= {f"pool.design.{name}" for name in SHOWN_DESIGNS}
    found |= {f"scenario.{key}" for key in scenario_report.REPORT_WORDS}
    found |= {f"pin.{code}" for code in PIN_CODES}
    found |= {f"role.{role}" for role in ("coach", "regular", "vlinder", "interim", "worker")}
    found |= set(words.ARGPARSE.values())
    found |= {f"xlsx.roster.{key}" for key in (*views.HEADERS, *views.SHEETS)}
    found |= {f"cli.service.column.{key}" for key in commands.TOKEN_COLUMNS}
    found |= {f"plan.col.{key}" for key in plan_report.COLUMNS}
    found |= {f"plan.sheet.{key}" for key in plan_report.SHEETS}
    found |= {f"plan.fix.{code}" for code in plan_report.FIX_CODES}
    found |= {f"plan.error.{code}" for code in plan_report.ERRORS}
    found |= {f"plan.leave.error.{code}" for code in plan_report.LEAVE_ERRORS}
    found |= {f"plan.weekday.{n}" for n in range(7)}
    asked, literals = _page_ids()
    catalogue = set(words.catalogue("nl"))
    # A table the page looks up by a code (`t("solver_status")[status]`) is all its entries;
    # the training designs' table is the reports' own (pool.design.*).
    tables = {t for t in asked | literals if any(m.startswith(f"{t}.") for m in catalogue)}
    asked = (asked - tables - {"web.design_words"}) | {
        m for m in catalogue if any(m.startswith(f"{t}.") for t in tables)
    }
    found |= asked | (literals & catalogue)
    return found


def test_every_catalogue_id_is_of_a_known_family():
    """The scan knows an id by its first part: a new family must be named in FAMILIES."""
    assert {msgid.split(".")[0] for msgid in words.catalogue("nl")} == FAMILIES


def test_the_scan_finds_the_calls():
    """The scanner is real: it sees ids of the command line, its help and the reasons."""
    ids = _ids_in_code()
    assert {"cli.warnings", "cli.help.solve", "cli.robustness.none", "reason.no_coach"} <= ids
    assert len(ids) > 150


@pytest.mark.parametrize("lang", words.LANGS)
def test_every_id_the_code_uses_is_in_the_catalogue(lang):
    missing = sorted(_ids_in_code() - set(words.catalogue(lang)))
    assert missing == [], f"{words.po_path(lang)} lacks {missing}"


@pytest.mark.parametrize("lang", words.LANGS)
def test_no_catalogue_entry_is_empty(lang):
    empty = sorted(msgid for msgid, text in words.catalogue(lang).items() if not text.strip())
    assert empty == []


def test_the_catalogue_holds_no_entry_the_code_never_asks_for():
    unused = sorted(set(words.catalogue("nl")) - _ids_in_code())
    assert unused == [], "remove them from both .po files, or use them"


@pytest.mark.parametrize("lang", words.LANGS)
def test_the_catalogue_is_a_clean_po_file(lang):
    """What gettext's own tools ask of it (msgfmt --check): Babel's checks find nothing, and no
    text ends a line its id does not."""
    with words.po_path(lang).open("rb") as po:
        messages = read_po(po)
    assert list(messages.check()) == []
    assert not [m.id for m in messages if m.id and m.string.endswith("\n")]


def test_both_catalogues_hold_the_same_ids_with_the_same_parameters():
    nl, en = words.catalogue("nl"), words.catalogue("en")
    assert set(nl) == set(en)
    for msgid in nl:
        assert set(FIELDS.findall(nl[msgid])) == set(FIELDS.findall(en[msgid])), msgid


def test_numbers_percentages_and_dates_in_the_readers_language():
    assert words.number(0.36) == "0,36" and words.number(0.36, "en") == "0.36"
    assert words.percent(0.993) == "99,3 %" and words.percent(0.993, "en") == "99.3%"
    assert words.date(dt.date(2026, 12, 7)) == "maandag 7 december 2026"
    assert words.date(dt.date(2026, 12, 7), "en") == "Monday, December 7, 2026"
    assert words.number(1234.5, digits=1) == "1.234,5"


def test_a_missing_id_reads_as_itself_and_english_falls_back_to_dutch():
    assert words.translate("no.such.id", "en") == "no.such.id"
    assert words.translate("cli.help.solve", "fr") == words.translate("cli.help.solve", "nl")


def _help(argv, capsys) -> str:
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    return capsys.readouterr().out


def test_help_is_dutch_by_default_and_english_on_request(capsys):
    nl = _help(["--help"], capsys)
    assert nl.startswith("gebruik: enclaveplan")
    assert "Het rooster van 8:00 voor enclaves." in nl and "opties:" in nl
    assert "maak het rooster van een dag" in nl and "toon deze hulp en stop" in nl
    assert "vergelijk wat-als-varianten" in nl  # the scenario command's line, too
    en = _help(["--lang", "en", "--help"], capsys)
    assert en.startswith("usage: enclaveplan")
    assert "build the roster of a day" in en and "show this help message and exit" in en
    assert "maak het rooster" not in en
    solve_nl = _help(["solve", "--help"], capsys)
    assert "SECONDEN" in solve_nl and "PERSOON=ENCLAVE" in solve_nl
    assert "SECONDS" in _help(["--lang=en", "solve", "--help"], capsys)
    assert "genereerde bedrijfsmap" in _help(["generate", "-h"], capsys)


def test_argparse_errors_speak_the_readers_language(capsys):
    with pytest.raises(SystemExit) as done:
        main(["solve"])
    assert done.value.code == 2
    assert "enclaveplan solve: fout: deze argumenten ontbreken: company" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--lang", "en", "solve"])
    assert "error: the following arguments are required" in capsys.readouterr().err
    assert argparse._("usage: ") == "usage: "  # argparse's own words are back after the run


def test_the_printed_roster_has_dutch_decimal_commas(capsys):
    assert main(["solve", EXAMPLE, "--date", DAY, "--absent", "C06"]) == 0
    out = capsys.readouterr().out
    loads = re.findall(r"\b\d+[.,]\d\d/\d+[.,]\d\d\b", out)
    assert loads and all("." not in load for load in loads), loads
    assert re.search(r"Rekentijd: \d+,\d\d s", out)
    assert out.startswith("Westlandia (example) — woensdag 2 december 2026\n")
    assert main(["--lang", "en", "solve", EXAMPLE, "--date", DAY, "--absent", "C06"]) == 0
    out = capsys.readouterr().out
    loads = re.findall(r"\b\d+[.,]\d\d/\d+[.,]\d\d\b", out)
    assert loads and all("," not in load for load in loads), loads
    assert re.search(r"Solve time: \d+\.\d\d s", out)
    assert out.startswith("Westlandia (example) — Wednesday, December 2, 2026\n")


def test_warnings_count_in_dutch_and_english(capsys):
    _, warnings = load_company(EXAMPLE)
    assert len(warnings) > 2
    assert main(["show", EXAMPLE, "--date", DAY]) == 0
    assert f"{len(warnings)} waarschuwingen over {EXAMPLE}" in capsys.readouterr().err
    assert main(["--lang", "en", "show", EXAMPLE, "--date", DAY]) == 0
    assert f"{len(warnings)} warnings about {EXAMPLE}" in capsys.readouterr().err


def test_a_ratio_reason_carries_a_decimal_comma_in_dutch():
    reason = {"code": "ratio_breach", "params": {"site": "E1", "load": 1.14, "capacity": 1.0}}
    assert render(reason, "nl") == (
        "E1: begeleiding onder de ratio: de ploeg vraagt 1,14 begeleider, er is 1,00."
    )
    assert "needs 1.14 coach, there is 1.00" in render(reason, "en")


def test_the_catalogues_ship_with_the_package():
    """pyproject.toml names the .po files as package data: an installed package finds them."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = project["tool"]["setuptools"]["package-data"]["solver"]
    for lang in words.LANGS:
        relative = words.po_path(lang).relative_to(ROOT / "solver").as_posix()
        assert any(fnmatch.fnmatch(relative, pattern) for pattern in shipped), relative


def test_a_scenario_change_in_words():
    change = {
        "add_coach": [
            {"id": "V9", "role": "vlinder", "home": "E01"},
            {"id": "C9", "role": "regular"},
        ]
    }
    assert describe_change(change) == "nieuwe vlinder V9 (thuis E01); nieuwe begeleider C9"
    assert describe_change(change, "en") == "new vlinder V9 (home E01); new coach C9"
    absent = {"absent": {"person": "C04", "kind": "sick", "date": "2026-12-02"}}
    assert describe_change(absent) == "C04 afwezig (ziek) op 2026-12-02"
    assert describe_change(absent, "en") == "C04 absent (sick) on 2026-12-02"
    assert describe_change({"ratio_norms": {"high": 6}}, "en") == "ratio norms high 1/6"


def test_a_pin_that_cannot_hold_is_said_in_the_readers_language(capsys):
    assert len(PIN_CODES) == 12  # no_van came with collective transport
    argv = ["solve", EXAMPLE, "--date", DAY, "--absent", "C06", "--pin", "C06=E06"]
    assert main(argv) == 2
    assert "--pin C06=E06: C06 is vandaag afwezig" in capsys.readouterr().err
    assert main(["--lang", "en", *argv]) == 2
    assert "--pin C06=E06: C06 is absent today" in capsys.readouterr().err


def _broken_folder(tmp_path):
    """The example folder with one bad cell: a support need nobody knows."""
    import shutil

    folder = tmp_path / "bad"
    shutil.copytree(EXAMPLE, folder)
    lines = (folder / "workers.csv").read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    header = lines[0].split(",")
    cells[header.index("need")] = "extreem"
    lines[1] = ",".join(cells)
    (folder / "workers.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder, header.index("need")


def test_validation_problems_are_dutch_by_default_and_english_on_request(tmp_path, capsys):
    """Every problem still names file, line and column and says what is expected, in the
    reader's language; a warning is said as one."""
    folder, _ = _broken_folder(tmp_path)
    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "workers.csv:2: need: onbekende begeleidingsnood 'extreem'; verwacht: low" in err
    assert "waarschuwing: " in err and "warning" not in err
    assert main(["--lang", "en", "validate", str(folder), "--json", str(tmp_path / "v.json")]) == 2
    err = capsys.readouterr().err
    assert "workers.csv:2: need: unknown support need 'extreem'; expected low" in err
    assert "warning: " in err and "waarschuwing" not in err
    problems = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))["problems"]
    need = next(p for p in problems if p["column"] == "need")
    assert need["message"].startswith("unknown support need 'extreem'")
    assert need["code"] == "problem.unknown_need" and need["params"]["value"] == "'extreem'"


def test_problem_numbers_follow_the_readers_language():
    from solver.io.loading import Problem

    big = Problem("workers.csv", None, "(file)", "problem.too_many_rows", params={"rows": 100000})
    assert "100.000" in big.render("nl") and "100,000" in big.render("en")
    between = Problem("x.yaml", 3, "time_limit", "problem.expected_between",
                      params={"low": 0.1, "high": 600, "value": 900})  # fmt: skip
    assert (
        between.render("nl")
        == "x.yaml:3: time_limit: verwacht een getal tussen 0,1 en 600, kreeg 900"
    )
    # A caller outside the catalogue that still passes a sentence shows that sentence.
    assert Problem("a", None, "b", "as it is").render("en") == "a: b: as it is"


def test_the_service_commands_speak_the_readers_language(capsys):
    """`enclaveplan token create --help` and its refusals come from the catalogue too."""
    with pytest.raises(SystemExit):
        main(["token", "create", "--help"])
    assert "maak een token en toon hem één keer" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "token", "create", "--help"])
    assert "create a token and print it once" in capsys.readouterr().out
    assert main(["token", "create", "--role", "planner"]) == 2
    assert "moet de bedrijven noemen" in capsys.readouterr().err


def test_a_public_holiday_is_named_in_the_readers_language(capsys):
    assert main(["show", EXAMPLE, "--date", "2026-12-25"]) == 0
    assert "(Kerstmis)" in capsys.readouterr().out.splitlines()[0]
    assert main(["--lang", "en", "show", EXAMPLE, "--date", "2026-12-25"]) == 0
    assert "(Christmas Day)" in capsys.readouterr().out.splitlines()[0]


# --- no sentence outside the catalogue -----------------------------------------------------------

# What a person reads goes through these calls: printed lines, problems, refusals, HTTP errors,
# command-line help. A sentence written into one of them, not taken from the catalogue, is a
# sentence a translator never sees.
SAID_BY = {"print", "Problem", "InvalidInput", "ApiError", "HTTPException", "error", "warn",
           "refuse", "Invalid", "ImpossiblePin", "InfeasiblePins", "add_argument", "add_parser",
           "ValueError"}  # fmt: skip
LOGGERS = {"log", "logger", "logging"}  # log lines are for the operator, in English, ids only
WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")
# Sentences still written in code, each with why (file, call): a small list that may only shrink.
ALLOWED = {
    # A pin's refusal keeps its English message for the service; the command line says its code.
    ("solver/roster/day.py", "ImpossiblePin"),
    # The operator's environment variables (DATABASE_URL, ...), read before any language is known.
    ("api/core/settings.py", "ValueError"),
    # Wrong arguments in code, not in anything a person wrote: for the programmer.
    ("api/core/auth.py", "ValueError"),
    ("solver/analysis/pool/designs.py", "ValueError"),
    ("solver/analysis/robustness.py", "ValueError"),
    ("solver/generator/files.py", "ValueError"),
    # `python -m solver.generator`, the developers' tool that writes the example company.
    ("solver/generator/files.py", "add_argument"),
    ("solver/generator/files.py", "print"),
    ("solver/generator/files.py", "error"),
}


def _sentence(text: str) -> bool:
    """Three words or more with a space between: a sentence, not an id, a key or a format."""
    plain = re.sub(r"\{[^}]*\}|%\(\w+\)\w|%\w", " ", text)
    return " " in plain.strip() and len(WORD.findall(plain)) >= 3 and not MSGID.fullmatch(text)


def _said_in_python(path: Path, relative: str = "") -> list[tuple[str, str, int, str]]:
    relative = relative or path.relative_to(ROOT).as_posix()
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        value = getattr(func, "value", None)
        if isinstance(value, ast.Name) and value.id in LOGGERS:
            continue
        name = getattr(func, "id", None) or getattr(func, "attr", "")
        if name not in SAID_BY:
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            for part in ast.walk(arg):
                if isinstance(part, ast.JoinedStr):
                    text = "".join(
                        v.value if isinstance(v, ast.Constant) else "{}" for v in part.values
                    )
                elif isinstance(part, ast.Constant) and isinstance(part.value, str):
                    text = part.value
                else:
                    continue
                if _sentence(text):
                    found.append((relative, name, part.lineno, text))
    return found


JS_LITERAL = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`""")
# The sample scenario the director's page starts from: YAML data (variant names a director
# replaces), like the example company's names, not words of the page.
JS_ALLOWED = {("analysis.js", "name: twee vlinders minder")}


def _said_in_js(path: Path, css_classes: set[str]) -> list[tuple[str, str, int, str]]:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), text, flags=re.S)
    text = re.sub(r"^\s*//.*$", "", text, flags=re.M)
    found = []
    for match in JS_LITERAL.finditer(text):
        literal = next(g for g in match.groups() if g is not None)
        plain = re.sub(r"\$\{[^}]*\}", " ", literal)
        if plain.lstrip().startswith(("/", "#", "[", ".")):
            continue  # an API path or a CSS selector
        if set(plain.split()) <= css_classes:
            continue  # class names
        if _sentence(plain) and not any(
            path.name == f and literal.startswith(s) for f, s in JS_ALLOWED
        ):
            found.append((path.name, "js", text[: match.start()].count("\n") + 1, literal))
    return found


def _sentences_outside_the_catalogue(probes: list[Path] = ()) -> list:
    """Every sentence outside the catalogue in solver/, api/ and the page; `probes` are extra
    files (outside the tree) read as if they were in it."""
    python = [*(ROOT / "solver").rglob("*.py"), *(ROOT / "api").rglob("*.py")]
    python += [p for p in probes if p.suffix == ".py"]
    found = []
    for path in sorted(python):
        relative = path.name if path in probes else ""
        found += [f for f in _said_in_python(path, relative) if (f[0], f[1]) not in ALLOWED]
    css = set(re.findall(r"\.([a-z][a-z0-9-]*)", (WEB / "app.css").read_text(encoding="utf-8")))
    for path in sorted([*WEB.glob("*.js"), *(p for p in probes if p.suffix == ".js")]):
        found += _said_in_js(path, css)
    return found


def test_no_sentence_a_person_reads_is_written_outside_the_catalogue():
    """Printed lines, problems, refusals, help and the page's words come from the .po files;
    what is still written in code is named in ALLOWED with its reason."""
    assert _sentences_outside_the_catalogue() == []


def test_the_sentence_scan_finds_a_sentence_written_in_code(tmp_path):
    """The scan is real: a Dutch line printed from code, or shown by the page, is caught."""
    python, js = tmp_path / "probe.py", tmp_path / "probe.js"
    python.write_text('print("Geen begeleider gevonden")\n', encoding="utf-8")
    js.write_text('el.textContent = "Geen begeleider gevonden";\n', encoding="utf-8")
    found = _sentences_outside_the_catalogue([python, js])
    assert [(f[0], f[3]) for f in found] == [
        ("probe.py", "Geen begeleider gevonden"),
        ("probe.js", "Geen begeleider gevonden"),
    ]
    # Ids, formats and log lines are not sentences.
    assert not _sentence("cli.help.solve") and not _sentence("{file}:{line}: {column}")
