"""Money as data (issue 15): the enclave table and a variant's yearly cost, recomputed by hand on
tiny companies from the figures stated here (the placeholders' values, written out so a change
of the defaults does not silently change what is tested).
"""

from __future__ import annotations

import datetime as dt

import pytest

from factory import coach, company, site, team, worker
from solver.analysis.costs import enclave_table, pool_costs, shared_groups, working_days
from solver.analysis.scenario import parse_scenario, run_scenario
from solver.domain import Costs, Policy, Subsidy

FIGURES = Costs(
    coach_fte_year=60_000,
    vlinder_fte_year=60_000,
    subsidy=Subsidy(low=13, medium=10, high=7, fte_year=52_000),
    price_worker_day=35,
    temporary_unemployment_worker_day=60,
    short_worker_day=150,
    interim_coach_day=450,
    placeholder=False,
)
YEAR = 2027
# 2027 has 261 weekdays; 7 Belgian public holidays fall on one (1 Jan, Easter Monday 29 Mar,
# Ascension 6 May, Whit Monday 17 May, 21 Jul, 1 Nov, 11 Nov).
YEAR_DAYS = 261 - 7
# Places about 3 and 30 km apart (4 and 53 minutes at 40 km/h, road factor 1.3).
NEAR = (50.87, 2.90)
FAR = (51.12, 2.90)


def _rows(table):
    return {r["site"]: r for r in table["enclaves"]}


def test_a_small_enclave_does_not_pay_for_itself_and_one_of_13_does():
    tiny = company(
        [site("E3", 3), site("E13", 13, lat=FAR[0], lon=FAR[1])],
        [coach("C3", "E3"), coach("C13", "E13")],
        [*team("E3", 3), *team("E13", 13)],
        costs=FIGURES,
        policy=Policy(shared_coach="never"),
    )
    assert working_days(tiny, YEAR) == YEAR_DAYS
    table = enclave_table(tiny, YEAR)
    rows = _rows(table)
    # 3 workers of need low: 3/13 subsidised FTE against 1 FTE deployed.
    small = rows["E3"]
    assert small["subsidised_fte"] == pytest.approx(3 / 13, abs=1e-3)
    assert small["deployed_fte"] == 1
    assert small["revenue"] == 3 * YEAR_DAYS * 35 == 26_670
    assert small["subsidy"] == pytest.approx(3 / 13 * 52_000) == 12_000
    assert small["result"] == pytest.approx(26_670 + 12_000 - 60_000)  # -21,330
    assert not small["pays"]
    big = rows["E13"]
    assert big["subsidised_fte"] == pytest.approx(1)
    assert big["result"] == pytest.approx(13 * YEAR_DAYS * 35 + 52_000 - 60_000)  # 107,570
    assert big["pays"]
    assert table["not_paying"] == ["E3"] and table["paying"] == ["E13"]
    assert not table["placeholder"]
    # Alone, far from any other small enclave, no shared coach makes E3 pay.
    assert small["pilot"] is None and table["viable_with_shared_coach"] == []


def test_a_coach_shared_under_the_pilot_rules_makes_two_small_enclaves_pay():
    sites = [site("A", 3), site("B", 3, lat=NEAR[0], lon=NEAR[1]), site("H", 3, lat=FAR[0])]
    tiny = company(
        sites,
        [coach("CA", "A"), coach("CB", "B"), coach("CH", "H")],
        [*team("A", 3), *team("B", 3), *team("H", 2), worker("HW3", "H", "high")],
        costs=FIGURES,
    )
    rows = _rows(enclave_table(tiny, YEAR))
    for s in ("A", "B"):
        assert not rows[s]["pays"]
        pilot = rows[s]["pilot"]
        assert pilot["group"] == ["A", "B"]
        assert pilot["deployed_fte"] == 0.5
        assert pilot["result"] == pytest.approx(26_670 + 12_000 - 30_000)  # 8,670
        assert pilot["pays"]
    # A team with a worker of need high gets no lighter support (the hearing: need "midden").
    assert rows["H"]["pilot"] is None


def test_a_coach_shared_today_is_split_over_its_sites():
    tiny = company(
        [site("A", 3, pilot=True), site("B", 2, lat=NEAR[0], lon=NEAR[1], pilot=True)],
        [coach("CA", "A", trained_at=["B"])],
        [*team("A", 3), *team("B", 2)],
        costs=FIGURES,
    )
    assert shared_groups(tiny) == [("A", "B")]
    rows = _rows(enclave_table(tiny, YEAR))
    assert rows["A"]["deployed_fte"] == rows["B"]["deployed_fte"] == 0.5
    assert rows["B"]["shared_with"] == ["A"]
    assert rows["B"]["coach_cost"] == 30_000


def test_an_enclave_that_runs_one_day_a_week_is_costed_for_that_day():
    tiny = company([site("W", 7, days=("wed",))], [coach("C", "W")], team("W", 7), costs=FIGURES)
    row = _rows(enclave_table(tiny, YEAR))["W"]
    wednesdays = sum(
        1 for d in range(365) if (dt.date(YEAR, 1, 1) + dt.timedelta(d)).weekday() == 2
    )  # 52 Wednesdays in 2027, 21 July among them (a public holiday)
    assert row["running_days"] == wednesdays - 1
    assert row["deployed_fte"] == pytest.approx((wednesdays - 1) / YEAR_DAYS, abs=1e-3)
    assert row["revenue"] == 7 * (wednesdays - 1) * 35


SCENARIO = """\
name: two coaches sick
from: 2027-02-01
to: 2027-02-02
variants:
  - name: C1 and C2 sick on Monday
    changes:
      - absent: {people: [C1, C2], date: 2027-02-01}
"""


def test_a_variant_s_yearly_cost_recomputed_by_hand():
    base = company(
        [site("E1", 3), site("E2", 3, lat=NEAR[0], lon=NEAR[1])],
        [coach("C1", "E1"), coach("C2", "E2"), coach("V1", trained_at=["E1", "E2"])],
        [*team("E1", 3), *team("E2", 3)],
        costs=FIGURES,
        policy=Policy(shared_coach="never"),
    )
    result = run_scenario(parse_scenario(SCENARIO, "x.yaml", company=base), workers=1)
    baseline, sick = result.to_json()["variants"]
    # The roster: on Monday the one vlinder covers one site, the other's 3 workers go home.
    assert sick["no_coach_worker_days"] == sick["sent_home_worker_days"] == 3
    assert sick["short_worker_days"] == 0 and sick["interim_days"] == 0
    scale = YEAR_DAYS / 2  # a period of 2 working days, made a year
    by_hand = {
        "coaches": 2 * 60_000,
        "vlinders": 1 * 60_000,
        "interim": 0,
        "temporary_unemployment": 3 * 60 * scale,
        "short_teams": 0,
        "subsidy": -6 / 13 * 52_000,
        "revenue": -(2 * 6 - 3) * 35 * scale,  # 12 worker-days ordered, 9 delivered
    }
    costs = sick["costs"]
    assert costs["scale"] == scale and costs["year_days"] == YEAR_DAYS
    assert costs["parts"] == pytest.approx(by_hand)
    assert costs["total"] == pytest.approx(sum(by_hand.values()))
    assert costs["period"]["temporary_unemployment"] == 3 * 60
    base_parts = baseline["costs"]["parts"]
    assert base_parts["temporary_unemployment"] == 0
    assert base_parts["revenue"] == pytest.approx(-12 * 35 * scale)
    assert not costs["placeholder"]


def test_a_pool_s_yearly_cost():
    tiny = company([site("E1", 3)], [coach("C1", "E1")], team("E1", 3), costs=FIGURES)
    costs = pool_costs(tiny, vlinders=2, no_coach_worker_days=10.5, below_norm_coach_days=4)
    assert costs["parts"] == {
        "vlinders": 120_000,
        "temporary_unemployment": 630,
        "lost_revenue": 367.5,
        "below_norm": 600,
    }
    assert costs["total"] == 121_597.5 and costs["below_norm_counted"]
    assert not pool_costs(tiny, 0, 0.0)["below_norm_counted"]


def test_the_defaults_are_flagged_as_placeholders():
    tiny = company([site("E1", 3)], [coach("C1", "E1")], team("E1", 3))
    assert enclave_table(tiny, YEAR)["placeholder"]
    assert pool_costs(tiny, 1, 0.0)["placeholder"]


def test_the_costs_command_prints_euros_and_says_they_are_placeholders(tmp_path, capsys):
    from openpyxl import load_workbook

    from solver.cli import main

    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "company.yaml").write_text("name: Klein\n")
    (folder / "enclaves.csv").write_text("id,name,lat,lon,headcount\nE3,Drie,50.85,2.88,3\n")
    (folder / "coaches.csv").write_text("id,name,role,home\nC3,A,regular,E3\n")
    workers = "".join(f"W{i},W,laag,E3\n" for i in range(3))
    (folder / "workers.csv").write_text("id,name,need,home\n" + workers)
    out = tmp_path / "e.xlsx"
    assert main(["costs", str(folder), "--year", "2027", "--xlsx", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Voorlopige bedragen" in printed and "Niet rendabel: E3" in printed
    assert "€\xa026.670,00" in printed  # 3 × 254 × € 35, decimal comma, a no-break space
    sheet = load_workbook(out).active
    assert "Voorlopige bedragen" in sheet["A1"].value
    assert sheet["F3"].value == 26_670 and "€" in sheet["F3"].number_format
    assert main(["--lang", "en", "costs", str(folder), "--year", "99999"]) == 2
    assert "--year" in capsys.readouterr().err
