"""company.yaml `ratio_tolerance: {line_work: t}` (issue 15): on line-work sites a coach may take
t workers more than the norm. Off by default; read when right; refused when wrong with its
`file:line: key`, what was found and what is expected, in Dutch and in English.
"""

from __future__ import annotations

import pytest
from test_loading_morning import SETTINGS, folder, problems

from solver.io.loading import load_company


def test_the_tolerance_is_off_by_default(tmp_path):
    norms = load_company(folder(tmp_path))[0].settings.ratio_norms
    assert norms.line_work_tolerance == 0


def test_the_tolerance_is_read_beside_the_norms(tmp_path):
    text = (
        SETTINGS + "ratio_norms: {low: 13, medium: 10, high: 7}\nratio_tolerance:\n  line_work: 2\n"
    )
    norms = load_company(folder(tmp_path, text))[0].settings.ratio_norms
    assert (norms.low, norms.medium, norms.high, norms.line_work_tolerance) == (13, 10, 7, 2)


@pytest.mark.parametrize(
    ("text", "where", "en", "nl"),
    [
        (
            SETTINGS + "ratio_tolerance:\n  line_work: -1\n",
            "company.yaml:8: ratio_tolerance.line_work:",
            "expected a number >= 0, got -1",
            "verwacht een getal >= 0, kreeg -1",
        ),
        (
            SETTINGS + "ratio_tolerance:\n  line_work: twee\n",
            "company.yaml:8: ratio_tolerance.line_work:",
            "expected a whole number",
            "verwacht een geheel getal",
        ),
        (
            SETTINGS + "ratio_tolerance:\n  line_work: 101\n",
            "company.yaml:8: ratio_tolerance.line_work:",
            "expected a number <= 100, got 101",
            "verwacht een getal <= 100, kreeg 101",
        ),
        (
            SETTINGS + "ratio_tolerance: 2\n",
            "company.yaml:7: ratio_tolerance:",
            "expected a mapping with keys line_work",
            "verwacht een mapping met de sleutels line_work",
        ),
        (
            SETTINGS + "ratio_tolerance:\n  lijnwerk: 2\n",
            "company.yaml:8: ratio_tolerance.lijnwerk:",
            "line_work",
            "line_work",
        ),
    ],
    ids=["negative", "a word", "beyond the bound", "not a mapping", "unknown key"],
)
def test_a_bad_tolerance_names_its_line_key_and_what_is_expected(tmp_path, text, where, en, nl):
    path = folder(tmp_path, text)
    english, dutch = problems(path, "en"), problems(path, "nl")
    assert len(english) == 1, english
    assert english[0].startswith(where) and en in english[0], english
    assert dutch[0].startswith(where) and nl in dutch[0], dutch
