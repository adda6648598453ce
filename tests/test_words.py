"""Words at the edge: the model speaks codes, the edges render them for the reader.

The roster model returns reason codes with ids and numbers only; `solver.explain` renders them
in the reader's language, and a reader who may not see absence kinds gets codes without them.
"""

from __future__ import annotations

import json

from factory import MONDAY, absent, coach, company, site, team
from solver.explain import explain
from solver.model import solve
from solver.reasons import CODES


def _hole():
    return company(
        [site("E1", 6, skills=("forklift",))],
        [coach("C1", "E1", skills=("forklift",)), coach("V1", trained_at=["E1"]), coach("V2")],
        team("E1", 6),
        [absent("C1", kind="sick")],
    )


def test_the_model_returns_codes_and_no_words():
    roster = solve(_hole(), MONDAY)
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
    roster = solve(_hole(), MONDAY)
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


def test_readers_who_may_not_see_kinds_get_codes_without_them():
    from api.views import roster_for

    roster = explain(solve(_hole(), MONDAY))
    data = roster.to_json()
    view = roster_for("director", data, {"E1": ["E1 ..."]})
    text = json.dumps([s["reason_codes"] for s in view["enclaves"]])
    assert "sick" not in text and '"kind"' not in text
    assert {"code": "absent", "params": {"person": "C1"}} in view["enclaves"][0]["reason_codes"]
    assert roster_for("planner", data, {}) is data  # the planner reads the kinds
