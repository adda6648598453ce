"""company.yaml `costs:` (issue 15, money as data): placeholders when left out, read when right,
refused when wrong with `file:line: key.path:` and what is expected, in Dutch and English.
"""

from __future__ import annotations

import pytest
from test_loading_morning import SETTINGS, folder, problems

from solver.domain import Costs
from solver.io.loading import load_company

FULL = (
    SETTINGS
    + """costs:
  coach_fte_year: 58000
  vlinder_fte_year: 61000,5
  subsidy: {low: 12, medium: 9, high: 6, fte_year: 50000}
  price_worker_day: 40
  temporary_unemployment_worker_day: 70
  short_worker_day: 120
  interim_coach_day: 500
"""
)


def test_without_costs_every_figure_is_a_placeholder(tmp_path):
    costs = load_company(folder(tmp_path))[0].settings.costs
    assert costs == Costs()
    assert costs.placeholder


def test_the_company_s_own_figures_are_read_and_are_no_placeholder(tmp_path):
    costs = load_company(folder(tmp_path, FULL))[0].settings.costs
    assert not costs.placeholder
    assert (costs.coach_fte_year, costs.vlinder_fte_year) == (58000, 61000.5)
    assert (costs.subsidy.low, costs.subsidy.medium, costs.subsidy.high) == (12, 9, 6)
    assert costs.subsidy.fte_year == 50000
    assert costs.subsidy.fte_per_worker("high") == pytest.approx(1 / 6)
    assert (costs.price_worker_day, costs.short_worker_day) == (40, 120)
    assert (costs.temporary_unemployment_worker_day, costs.interim_coach_day) == (70, 500)


def test_a_figure_left_out_keeps_the_placeholder_flag(tmp_path):
    text = FULL.replace("  interim_coach_day: 500\n", "")
    costs = load_company(folder(tmp_path, text))[0].settings.costs
    assert costs.placeholder and costs.interim_coach_day == Costs.interim_coach_day
    said = load_company(folder(tmp_path, FULL + "  placeholder: true\n"))[0].settings.costs
    assert said.placeholder and said.coach_fte_year == 58000


def test_the_example_company_says_its_costs_are_placeholders():
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "data" / "westlandia"
    text = (example / "company.yaml").read_text(encoding="utf-8")
    assert "placeholder" in text.lower() and "voorlopige bedragen" in text.lower()
    assert load_company(example)[0].settings.costs.placeholder


@pytest.mark.parametrize(
    ("text", "where", "en", "nl"),
    [
        (
            FULL.replace("coach_fte_year: 58000", "coach_fte_year: -5"),
            "company.yaml:8: costs.coach_fte_year:",
            "between 0",
            "tussen 0",
        ),
        (
            FULL.replace("price_worker_day: 40", "price_worker_day: veertig"),
            "company.yaml:11: costs.price_worker_day:",
            "expected a decimal number",
            "verwacht een decimaal getal",
        ),
        (
            FULL.replace("high: 6,", "high: 0,"),
            "company.yaml:10: costs.subsidy.high:",
            "between 1",
            "tussen 1",
        ),
        (
            FULL.replace("subsidy: {low: 12, medium: 9, high: 6, fte_year: 50000}", "subsidy: 7"),
            "company.yaml:10: costs.subsidy:",
            "fte_year",
            "fte_year",
        ),
        (
            FULL.replace("subsidy: {low: 12,", "subsidy: {laag: 12,"),
            "company.yaml:10: costs.subsidy.laag:",
            "low, medium, high, fte_year",
            "low, medium, high, fte_year",
        ),
        (
            FULL + "  coach_day: 300\n",
            "company.yaml:15: costs.coach_day:",
            "coach_fte_year",
            "coach_fte_year",
        ),
        (
            SETTINGS + "costs: 60000\n",
            "company.yaml:7: costs:",
            "coach_fte_year",
            "coach_fte_year",
        ),
    ],
    ids=["negative", "a word", "subsidy zero", "subsidy not a mapping", "subsidy key",
         "unknown key", "not a mapping"],
)  # fmt: skip
def test_a_bad_cost_names_its_line_key_and_what_is_expected(tmp_path, text, where, en, nl):
    path = folder(tmp_path, text)
    english, dutch = problems(path, "en"), problems(path, "nl")
    assert len(english) == 1, english
    assert english[0].startswith(where) and en in english[0], english
    assert dutch[0].startswith(where) and nl in dutch[0], dutch
