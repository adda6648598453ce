"""Issue 15: the pool-sizing curve carries euros. A point's yearly cost recomputed by hand on
tiny companies, from figures other than the ones the code sums (site-days, not coach-days), with
the money figures stated here (`FIGURES`, written out so a change of the defaults changes no
test); the text, HTML and Excel outputs carry it in euros and say "voorlopige bedragen" while the
defaults apply.
"""

from __future__ import annotations

import pytest

from factory import coach, company, site, team
from solver.analysis.absence_model import AbsenceModel, absence_model
from solver.analysis.pool import size_pool
from solver.domain import Costs, Subsidy

FIGURES = Costs(
    coach_fte_year=60_000,
    vlinder_fte_year=50_000,
    subsidy=Subsidy(low=13, medium=10, high=7, fte_year=52_000),
    price_worker_day=35,
    temporary_unemployment_worker_day=60,
    short_worker_day=150,
    interim_coach_day=450,
    placeholder=False,
)
SMALL = {"seed": 3, "workers": 1, "plan_years": 0, "worker_years": 0}


def _two_coach_enclave(**settings):
    """E1: six workers, a contract of two coaches, one coach of its own (C1); V1 trained there."""
    sites = [site("E1", 6, coaches=2)]
    coaches = [coach("C1", "E1"), coach("V1", trained_at=["E1"])]
    return company(sites, coaches, team("E1", 6), **settings)


def test_without_absences_the_cost_is_the_vlinders_and_the_coach_short_every_day():
    """Nobody is ever absent: without a vlinder E1 runs every working day with one coach of two
    (one coach-day short, no worker sent home); one full-time vlinder fills it but for its
    training days."""
    c = _two_coach_enclave(costs=FIGURES)
    never = absence_model({"mode": "independent", "daily_probability": 0.0})
    study = size_pool(c, never, years=3, pools=range(2), designs=("current",), **SMALL)
    zero, one = study.curve
    running = zero.below_norm_site_days_per_year
    assert 240 <= running <= 262  # a year's working days
    assert zero.no_coach_site_days_per_year == 0
    assert zero.costs["parts"] == {
        "vlinders": 0,
        "temporary_unemployment": 0,
        "lost_revenue": 0,
        "below_norm": pytest.approx(running * 150),
    }
    assert zero.costs["total"] == pytest.approx(running * 150)
    training = one.training_days_per_year
    assert one.below_norm_site_days_per_year == pytest.approx(training)
    assert one.costs["parts"] == {
        "vlinders": 50_000,
        "temporary_unemployment": 0,
        "lost_revenue": 0,
        "below_norm": pytest.approx(training * 150),
    }
    assert not one.costs["placeholder"] and not study.to_json()["costs_placeholder"]


def test_a_site_day_without_a_coach_is_paid_once_as_unemployment_not_again_below_the_norm():
    """With absences: a day C1 is out (and no vlinder comes) E1's six workers go home and both
    contract coach-days are missing; a day only one coach is there, one is. By hand from
    site-days: unemployment 6 x no-coach days; short coach-days = below-norm days - no-coach
    days (each one coach short), not the coach-days the study counts (2 on a no-coach day)."""
    c = _two_coach_enclave(costs=FIGURES)
    study = size_pool(c, AbsenceModel(), years=20, pools=range(2), designs=("current",), **SMALL)
    for point in study.to_json()["curve"]:
        no_coach = point["no_coach_site_days_per_year"]
        below = point["below_norm_site_days_per_year"]
        assert no_coach > 0 and below > no_coach  # both kinds of day happen
        # The study's coach-days count the no-coach days twice (both coaches missing).
        assert point["missing_coach_days_per_year"] == pytest.approx(below + no_coach, abs=2e-3)
        by_hand = {
            "vlinders": point["vlinder_fte"] * 50_000,
            "temporary_unemployment": 6 * no_coach * 60,
            "lost_revenue": 6 * no_coach * 35,
            "below_norm": (below - no_coach) * 150,
        }
        costs = point["costs"]
        assert costs["parts"] == pytest.approx(by_hand, abs=1.0)
        assert costs["total"] == pytest.approx(sum(by_hand.values()), abs=1.0)
        assert costs["inputs"]["below_norm_coach_days_per_year"] == pytest.approx(
            below - no_coach, abs=2e-3
        )
    zero, one = study.curve
    assert one.costs["parts"]["vlinders"] == 50_000
    assert (
        one.costs["parts"]["temporary_unemployment"] < zero.costs["parts"]["temporary_unemployment"]
    )


def test_the_defaults_are_flagged_on_every_point():
    c = _two_coach_enclave()
    study = size_pool(c, AbsenceModel(), years=2, pools=range(2), designs=("current",), **SMALL)
    data = study.to_json()
    assert data["costs_placeholder"] and data["cost_figures"]["placeholder"]
    assert all(p["costs"]["placeholder"] for p in data["curve"])


def test_the_text_the_report_and_the_workbook_carry_euros(tmp_path):
    """Dutch first: each point's yearly total as "€ 1.234,56" in the command's table and the
    report, the parts with the recommendation, "voorlopige bedragen" while the defaults apply;
    the workbook holds the euros as numbers in a euro format, a column per part."""
    from openpyxl import load_workbook

    from solver.cli.pool import summary
    from solver.reports.costs_report import EURO_FORMAT, euros
    from solver.reports.day_report import table
    from solver.reports.pool_report import render, write_xlsx
    from solver.reports.words import t

    placeholder = _two_coach_enclave()
    study = size_pool(
        placeholder, AbsenceModel(), years=4, pools=range(2), designs=("current",), **SMALL
    )
    printed = summary(study, "nl", table)
    page = render(study, "nl")
    for point in study.curve:
        total = euros(point.costs["total"], "nl")
        assert total.startswith("€") and "," in total  # "€ 68.688,00"
        assert total in printed and f"<td>{total}</td>" in page
    vlinders = euros(study.recommended.costs["parts"]["vlinders"], "nl")
    assert vlinders == "€\xa060.000,00" and vlinders in printed and vlinders in page
    note = t("report.cost.placeholder", "nl")
    assert note.startswith("Voorlopige bedragen") and note in printed and note in page
    assert euros(study.curve[1].costs["total"], "en") in summary(study, "en", table)

    write_xlsx(study.to_json(), tmp_path / "pool.xlsx", "nl")
    sheet = load_workbook(tmp_path / "pool.xlsx")["servicecurve"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    for row, cells, point in zip(rows[1:], list(sheet.iter_rows(min_row=2)), study.curve,
                                 strict=True):  # fmt: skip
        got = dict(zip(header, row, strict=True))
        assert got["cost_total"] == pytest.approx(point.costs["total"])
        for part, value in point.costs["parts"].items():
            assert got[f"cost_{part}"] == pytest.approx(value)
        assert got["cost_note"] == "voorlopige bedragen"
        assert cells[header.index("cost_total")].number_format == EURO_FORMAT

    own = size_pool(
        _two_coach_enclave(costs=FIGURES), AbsenceModel(), years=2, pools=[1],
        designs=("current",), **SMALL,
    )  # fmt: skip
    assert note not in summary(own, "nl", table) and note not in render(own, "nl")
    assert euros(50_000, "nl") in summary(own, "nl", table)
    write_xlsx(own.to_json(), tmp_path / "own.xlsx", "nl")
    own_sheet = load_workbook(tmp_path / "own.xlsx")["servicecurve"]
    header = [c.value for c in own_sheet[1]]
    assert own_sheet.cell(2, header.index("cost_note") + 1).value in (None, "")
