"""Seeded generator of company folders, and of the example company ``data/westlandia``.

``generate_company(scale, seed)`` returns the seven files of a company folder (see CONTRACT.md) as
text. The same ``(scale, seed)`` always gives the same bytes: only ``random.Random(seed)`` is used
(and, for the vans, a generator of their own seeded from ``seed``), no set is iterated, floats are
formatted with fixed decimals and CSV lines end in ``\\n``.

The example company (scale 1) is one regional cluster around Ieper, shaped after what Westlandia's
director told the Flemish Parliament in its hearing of 22 June 2023 on enclave work:

* 13 enclaves at real town coordinates around Ieper, with invented client firms, plus 2 service
  sites (green work, a cafetaria) that need no coach on site;
* the care-home pilot: three small sites (2-3 workers) within 4 km of each other, marked
  ``pilot``, sharing ONE regular coach (home at the first, trained at the other two), as in the
  hearing's "one coach for three care homes that lie close together";
* "one of 2 workers with 2 coaches" (two high-need workers), "some of 21 workers with 2 coaches",
  "a typical contract: 7 workers and 1 coach", one site working one day a week (``wed``) and one
  the first week of each month, several line-work sites with a minimum headcount, and a client that
  asks 12 instead of the contracted 10 for a month (demand.csv);
* 4 vlinders, each trained at 5-8 enclaves, every enclave known by at least one and most by two;
* an atelier of 25 workers at the depot, each trained at 2-4 enclaves ("Westlandia trains workers
  to fill in at several enclaves");
* absences for 2026 and 2027 in line with the director's vlinder sizing: per coach 10 leave days,
  about 7 adv days ("rimpeldagen") and about 15 sick days a year;
* vans (vans.csv) for the workers with transport ``collective`` ("many have no driving licence,
  some cannot cycle"): minibuses of 8 seats and buses of 16 for the big sites, each with 2 seats
  spare for replacements from the atelier, some running only on the weekdays the part-time
  pattern needs them, and a midday round for half-day workers (``vans``). They come from a
  random generator of their own, after everything else: adding them changed no other file.

Coach count, a deliberate deviation: the hearing speaks of "13 enclaves with about 140 workers,
13 coaches and 4 vlinders". With a realistic support-need mix (about 45% low, 35% medium, 20% high)
the ratio norms of BVR 17-02-2017 art. 79 (1 coach per 13 / 10 / 7 workers) ask about 0.1 coach
per worker, so 140 workers alone need about 14 coaches even if every coach were filled to the
last decimal; the 2-worker site with 2 coaches adds almost 2 more. 13 coaches therefore cannot
satisfy the norms per enclave, which the inspection checks. The example keeps 13 enclaves and
about 135 workers and gives them the coaches the norms ask for: 17 regular coaches (the three
pilot sites share one). The coaches of the weekly and the monthly site are free on their sites'
off days and trained at neighbouring sites, so on most days they act as two extra vlinders; that
is how a company with more coaches than the director's 13 still only keeps 4 vlinders.

Larger companies (``scale`` N > 1) repeat the same cluster template N times: cluster 0 is the
Ieper cluster with its fixed towns, clusters 1.. are centred on other Flemish towns with sites
placed within 15 km (so vlinders and atelier workers stay within reach). Vlinders and atelier
workers are trained only at sites of their own cluster; coaches of other clusters start their day
at the cluster's centre (lat/lon in coaches.csv) instead of at the depot.

Run: ``python -m solver.generator OUT_DIR [--scale N] [--seed S]``.

The package by concern (this module is its door: callers import from `solver.generator`):
``params`` (the hearing's numbers, the cluster template, the towns), ``places`` (geography),
``clusters`` (sites and people of one cluster), ``absences`` (holidays and drawn absences),
``vans`` (collective transport), ``files`` (ids, the files' text, the folder, the command).
Moving code between them never changes the bytes: only the order of the draws from
``random.Random(seed)`` does.
"""

from solver.generator.absences import belgian_holidays, easter
from solver.generator.files import generate_company, main, write_company
from solver.generator.params import EXAMPLE_SEED, FILES
from solver.generator.places import distance_km

__all__ = [
    "EXAMPLE_SEED",
    "FILES",
    "belgian_holidays",
    "distance_km",
    "easter",
    "generate_company",
    "main",
    "write_company",
]
