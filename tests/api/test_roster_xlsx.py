"""The roster workbook of the real morning (issue 13), read back with pandas as a planner's
spreadsheet would: statuses in words, coaches missing in coaches, minutes without a coach,
coaches there for half a day, each half, the call list with departures and halves, the atelier
and home, and the temporary unemployment; in Dutch and English. An older roster still exports.
"""

from __future__ import annotations

import io

import pandas as pd
from real_morning import morning_company, morning_roster, old_roster

from api.schemas.views import roster_xlsx


def _sheets(roster: dict, lang: str = "nl") -> dict[str, pd.DataFrame]:
    content = roster_xlsx(roster, morning_company(), [], lang)
    return pd.read_excel(io.BytesIO(content), sheet_name=None, keep_default_na=False)


def test_the_sheets_in_both_languages():
    assert list(_sheets(morning_roster())) == [
        "Rooster", "Verplaatsingen", "Tijdelijke werkloosheid", "Afwezig", "Versies",
    ]  # fmt: skip
    assert list(_sheets(morning_roster(), "en")) == [
        "Roster", "Moves", "Temporary unemployment", "Absent", "Versions",
    ]  # fmt: skip


def test_the_sites_say_what_is_wrong_in_coaches_and_minutes():
    sites = _sheets(morning_roster())["Rooster"].set_index("enclave")
    assert sites.loc["E1", "status"] == "te weinig begeleiders"
    assert sites.loc["E1", "begeleiders te weinig"] == 1.0
    assert sites.loc["E1", "let op"] == "1 begeleider te weinig"
    assert sites.loc["E5", "begeleiders te weinig"] == 0.08
    assert sites.loc["E9", "minuten zonder begeleider"] == 42
    assert sites.loc["E9", "let op"] == "zonder begeleider tot 08:12"
    assert sites.loc["E4", "halve dag"] == "C02 Coach C02 (namiddag); V4 Coach V4 (voormiddag)"
    assert sites.loc["E7", "voormiddag en namiddag"] == (
        "voormiddag: GEEN BEGELEIDER (—; 1 begeleider te weinig); namiddag: ok (C07)"
    )
    assert sites.loc["E9", "voormiddag en namiddag"] == ""  # halves alike
    en = _sheets(morning_roster(), "en")["Roster"].set_index("site")
    assert en.loc["E1", "status"] == "understaffed" and en.loc["E1", "coaches short"] == 1.0
    assert en.loc["E9", "note"] == "no coach until 08:12"
    assert en.loc["E9", "minutes without a coach"] == 42
    assert en.loc["E4", "half a day"] == "C02 Coach C02 (afternoon); V4 Coach V4 (morning)"


def test_the_call_list_with_departures_halves_atelier_and_home():
    calls = _sheets(morning_roster())["Verplaatsingen"]
    assert list(calls.columns) == [
        "persoon", "naam", "rol", "van", "naar", "dagdeel", "vertrek", "aankomst", "te laat",
        "let op",
    ]  # fmt: skip
    rows = {r["persoon"]: r for r in calls.to_dict("records")}
    assert (rows["V3"]["van"], rows["V3"]["naar"], rows["V3"]["vertrek"]) == ("E1", "E9", "07:50")
    assert rows["V3"]["aankomst"] == "08:12" and rows["V3"]["dagdeel"] == ""
    assert bool(rows["V3"]["te laat"]) and not rows["V4"]["te laat"]
    assert (rows["V4"]["naar"], rows["V4"]["dagdeel"], rows["V4"]["vertrek"]) == (
        "E4",
        "voormiddag",
        "07:05",
    )
    atelier = [p for p, r in rows.items() if r["naar"] == "atelier"]
    home = [p for p, r in rows.items() if r["naar"] == "blijft thuis (tijdelijke werkloosheid)"]
    assert atelier == ["E1W6", "E4W4"] and home == ["E9W5", "E9W6", "E9W7"]
    assert rows["E9W5"]["van"] == "E9" and "AW1" not in rows  # already in the atelier
    en = _sheets(morning_roster(), "en")["Moves"]
    assert en.loc[en["person"] == "V4", "half"].item() == "morning"
    assert en.loc[en["person"] == "V3", "leaves"].item() == "07:50"
    assert (en["to"] == "stays home (temporary unemployment)").sum() == 3


def test_the_temporary_unemployment_is_counted():
    counts = _sheets(morning_roster())["Tijdelijke werkloosheid"]
    assert dict(zip(counts["wat"], counts["aantal"], strict=True)) == {
        "naar huis (tijdelijke werkloosheid)": 3,
        "waarvan uit enclaves zonder begeleider": 1,
        "waarvan vrijgehouden": 2,
        "naar het atelier": 2,
        "vrije plaatsen in het atelier": 2,
    }
    en = _sheets(morning_roster(), "en")["Temporary unemployment"]
    assert en.iloc[0].tolist() == ["sent home (temporary unemployment)", 3]


def test_an_older_roster_still_exports():
    """Stored before the real morning: no departures or halves, the people it leaves free
    whose site runs "not needed today", nothing missing in coaches."""
    sheets = _sheets(old_roster(morning_roster()))
    sites = sheets["Rooster"].set_index("enclave")
    assert sites.loc["E9", "minuten zonder begeleider"] == 0
    assert sites.loc["E9", "let op"] == "" and sites.loc["E4", "halve dag"] == ""
    calls = {r["persoon"]: r for r in sheets["Verplaatsingen"].to_dict("records")}
    assert calls["V3"]["vertrek"] == "" and calls["V3"]["aankomst"] == "08:12"
    assert calls["E9W5"]["let op"] == "vandaag niet nodig" and calls["E9W5"]["naar"] == ""
    assert sheets["Tijdelijke werkloosheid"].empty
