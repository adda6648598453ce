"""Twin tests of the line-work tolerance on the ratio (issue 15, docs/roster-rules.md "Ratio and
capacity"): `ratio_tolerance: {line_work: 2}` lets a coach on a line-work site take 2 workers more
than the norm of each need (9 instead of 7 at need high); elsewhere nothing changes.

A hand-written roster that keeps the rule (the checker passes it, levels exact) and twins that
break it once (the checker names the violation); then the model on the same company, checked.

E1 is a line-work site and E2 is not, each with one coach and 9 high-need workers. With t = 2,
U = lcm(13, 10, 7, 15, 12, 9) = 16380: a high-need worker loads 16380 / 9 = 1820 units at E1
(9 of them: 16380, one coach's capacity exactly) and 16380 / 7 = 2340 at E2 (9 of them: 21060,
a ratio need of 2 coaches: shortfall 16380 + 4680 = 21060 units = 1.29 coaches). Level 2 counts
E2's shortfall in both halves: 42120.
"""

from __future__ import annotations

from test_real_morning_twins import enclave, entry, roster, said

from factory import MONDAY, coach, company, site, team
from solver.checker import check_roster
from solver.domain import RatioNorms
from solver.roster.day import build_day, coach_ratio_units, line_work_units
from solver.roster.model import solve

NINE_HIGH = [f"E1W{i}" for i in range(1, 10)], [f"E2W{i}" for i in range(1, 10)]


def tolerant_company(tolerance: int = 2):
    return company(
        [site("E1", 9, line_work=True), site("E2", 9)],
        [coach("C1", "E1"), coach("C2", "E2")],
        [*team("E1", 9, need="high"), *team("E2", 9, need="high")],
        ratio_norms=RatioNorms(line_work_tolerance=tolerance),
    )


def tolerant_roster(e1=("ok", 1.0, 0.0), e2=("ratio_breach", 1.29, 1.29), level2=42120):
    """Each site's (status, coach_load, coach_shortfall); everyone where expected."""
    sites = []
    for site_id, workers, (status, load, shortfall) in zip(
        ("E1", "E2"), NINE_HIGH, (e1, e2), strict=True
    ):
        coach_id = "C1" if site_id == "E1" else "C2"
        sites.append(
            enclave(site_id, status, [coach_id], workers, 9, load, 1.0, coach_shortfall=shortfall)
        )
    return roster(sites, levels={"level2": level2})


def test_the_units_in_the_docstring():
    units, by_need = coach_ratio_units(tolerant_company())
    assert units == 16380
    assert by_need == {"low": 1260, "medium": 1638, "high": 2340}
    assert line_work_units(tolerant_company()) == {"low": 1092, "medium": 1365, "high": 1820}
    # Off: the units of the norms alone, and no line-work units.
    assert coach_ratio_units(tolerant_company(0))[0] == 910
    assert line_work_units(tolerant_company(0)) == {}


def test_keeps_nine_high_need_workers_with_one_coach_on_a_line():
    result = check_roster(tolerant_company(), tolerant_roster())
    assert said(result) == []
    assert result.levels["level2"] == 42120


def test_twin_the_tolerance_ignored_on_the_line_work_site():
    """A roster that reads 9 high-need workers on the line as above the norm (1.29 coaches), as
    without the tolerance: the checker says the site is within it."""
    data = tolerant_roster(e1=("ratio_breach", 1.29, 1.29), level2=84240)
    messages = said(check_roster(tolerant_company(), data))
    assert messages[0] == (
        "[figures] E1: enclaves[0].status: 'ratio_breach', expected 'ok' (1 coach(es) for a "
        "contract of 1, load 16380 vs capacity 16380 units, 9 of 9 workers)"
    )


def test_twin_the_tolerance_applied_to_a_site_without_line_work():
    data = tolerant_roster(e2=("ok", 1.0, 0.0), level2=0)
    messages = said(check_roster(tolerant_company(), data))
    assert messages[0] == (
        "[figures] E2: enclaves[1].status: 'ok', expected 'ratio_breach' (1 coach(es) for a "
        "contract of 1, load 21060 vs capacity 16380 units, 9 of 9 workers)"
    )


def test_twin_without_the_tolerance_the_line_is_above_the_norm():
    """The same roster for a company without the tolerance: the default is off."""
    messages = said(check_roster(tolerant_company(0), tolerant_roster()))
    assert messages[0] == (
        "[figures] E1: enclaves[0].status: 'ok', expected 'ratio_breach' (1 coach(es) for a "
        "contract of 1, load 1170 vs capacity 910 units, 9 of 9 workers)"
    )


def test_the_model_reads_the_tolerance_as_the_checker_does():
    """The norm read as a limit: above it the model sends workers home rather than breach it
    (level 2 above level 3). With the tolerance, E1's coach keeps all 9 on the line; E2 and,
    without the tolerance, E1 keep 7. Every roster passes the checker with the model's levels."""
    for tolerance, e1_present in ((2, 9), (0, 7)):
        firm = tolerant_company(tolerance)
        data = solve(firm, MONDAY).to_json()
        result = check_roster(firm, data)
        assert said(result) == [], tolerance
        assert entry(data, "E1")["present"] == e1_present
        assert entry(data, "E1")["status"] == ("ok" if e1_present == 9 else "short")
        assert entry(data, "E2")["present"] == 7
        assert data["levels"] == result.levels
        assert data["temporary_unemployment"]["sent_home"] == 2 + (9 - e1_present)
    assert build_day(tolerant_company(), MONDAY).load_units("E1", "high") == 1820
    assert build_day(tolerant_company(), MONDAY).load_units("E2", "high") == 2340
