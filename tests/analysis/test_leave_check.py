"""The leave check (issue 14): which site-days a leave loses, the nearest dates that lose none,
and what it does to the expected-sickness risk."""

from __future__ import annotations

import datetime as dt

import pytest

from factory import MONDAY, absent, coach, company, site, team
from solver.analysis.absence_model import AbsenceModel
from solver.analysis.leave_check import LeaveError, leave_check
from solver.domain import Absence
from solver.roster.model import SolveOptions

OPTIONS = SolveOptions(time_limit=10.0)
MODEL = AbsenceModel(mode="independent", daily_probability=0.1)


def day(n: int) -> dt.date:
    return MONDAY + dt.timedelta(days=n)


def away(person, start, end, kind="leave") -> Absence:
    return Absence(person=person, start=start, end=end, kind=kind)


def firm(*absences, trained_at=("A",)):
    """A and B with their own coach; V1, the only vlinder, knows `trained_at`."""
    return company(
        [site("A", headcount=4), site("B")],
        [coach("CA", "A"), coach("CB", "B"), coach("V1", trained_at=trained_at)],
        team("A", 4) + team("B", 3),
        absences=absences,
    )


def check(company_, person, start, end, **kw):
    return leave_check(company_, person, start, end, OPTIONS, model=MODEL, **kw)


def test_a_leave_on_a_day_nobody_can_stand_in_loses_the_site_and_offers_days_that_do_not():
    # V1 is away Tuesday and Wednesday: CA's Tuesday leaves A without a coach.
    company_ = firm(away("V1", day(1), day(2)))
    result = check(company_, "CA", day(1), day(1), most=3)
    assert not result.ok
    assert [(x.date, x.enclave, x.status, x.workers) for x in result.lost] == [
        (day(1), "A", "no_coach", 4)
    ]
    # Nearest first, the earlier on a tie: Monday, then Thursday (Wednesday V1 is away too).
    assert result.alternatives == [(day(0), day(0)), (day(3), day(3)), (day(4), day(4))]
    for start, end in result.alternatives:
        assert check(company_, "CA", start, end).ok
    data = result.to_json()
    assert data["lost"] == [
        {"date": day(1).isoformat(), "enclave": "A", "status": "no_coach", "workers": 4}
    ]
    assert data["alternatives"][0] == {"from": day(0).isoformat(), "to": day(0).isoformat()}
    assert data["ok"] is False and data["person"] == "CA"


def test_a_leave_a_vlinder_can_cover_is_ok_and_offers_nothing_else():
    result = check(firm(), "CA", day(0), day(0))
    assert result.ok
    assert result.lost == [] and result.alternatives == []


def test_a_longer_leave_keeps_its_number_of_working_days():
    company_ = firm(away("V1", day(1), day(2)))
    result = check(company_, "CA", day(0), day(2), most=2)
    assert [x.date for x in result.lost] == [day(1), day(2)]
    # Three working days each, over the weekend: Thursday to Monday, then the week before.
    assert result.alternatives == [(day(3), day(7)), (day(-4), day(0))]
    assert len(result.days) == 3


def test_a_leave_that_takes_the_last_vlinder_in_reserve_is_not_free():
    company_ = firm(trained_at=("A", "B"))
    result = check(company_, "CB", day(0), day(0))
    assert result.ok  # V1 stands in at B
    (change,) = result.risk
    assert change.before.free_vlinders == ("V1",) and change.after.free_vlinders == ()
    assert change.after.all_vlinders_used and not change.before.all_vlinders_used
    assert change.change > 0.05
    assert result.to_json()["risk"][0]["all_vlinders_used"] is True


def test_a_leave_already_in_the_files_is_the_one_asked_about():
    company_ = firm(away("V1", day(1), day(1)), absent("CA", day(1)))
    result = check(company_, "CA", day(1), day(1))
    assert [x.enclave for x in result.lost] == ["A"]


def test_the_person_and_the_dates_are_checked():
    company_ = firm()
    with pytest.raises(LeaveError) as unknown:
        check(company_, "NOBODY", day(0), day(0))
    assert unknown.value.code == "unknown_person"
    with pytest.raises(LeaveError) as backwards:
        check(company_, "CA", day(2), day(1))
    assert backwards.value.code == "to_before_from"
    with pytest.raises(LeaveError) as weekend:
        check(company_, "CA", day(5), day(6))
    assert weekend.value.code == "no_working_days"


def test_a_longer_leave_in_the_files_keeps_its_other_days():
    # CA's leave Monday to Wednesday is in the files; HR asks about its Tuesday alone.
    company_ = firm(away("V1", day(1), day(1)), away("CA", day(0), day(2)))
    result = check(company_, "CA", day(1), day(1))
    assert result.days == [day(1)]
    assert [x.enclave for x in result.lost] == ["A"]
    # Monday and Wednesday CA is still away: no alternative there, the nearest is Thursday.
    assert result.alternatives[0] == (day(3), day(3))
