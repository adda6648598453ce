"""The start-up benchmark keeps working (issue 17): a run of two processes each writes the table
of (a) importing CP-SAT, (b) a cold `enclaveplan solve`, their ratio and the top imports of (b).
Speed is measured in bench/, never asserted here."""

from __future__ import annotations

import re

from bench.startup import main


def test_two_runs_each_write_the_table_with_the_ratio_and_the_imports(tmp_path):
    out = tmp_path / "startup.md"
    assert main(["--runs", "2", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "2 cold processes each" in text
    assert '| (a) `python -c "import ortools.sat.python.cp_model"` |' in text
    assert "| (b) `enclaveplan solve data/westlandia --date 2027-03-22` |" in text
    assert re.search(r"Ratio \(b\)/\(a\) of the medians: \d+\.\d\d", text)
    imports = re.findall(r"^\| [\d.]+ \| [\d.]+ \| \d+ \| `([\w.]+)` \|$", text, re.M)
    assert len(imports) == 15
    # (b) solves: the model's import is among what it pays for.
    assert "ortools.sat.python.cp_model" in imports
    # Beyond the floor: the project's own modules at least (the floor imports none of them).
    beyond = text.split("beyond (a)")[1]
    assert re.search(r"^\| [\d.]+ \| `solver\.roster` \|$", beyond, re.M)
