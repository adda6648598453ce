"""The one message catalogue: every sentence a person reads, Dutch (nl_BE) by default, English
on request, and numbers, percentages and dates formatted for the reader's language (Babel).

The catalogues are gettext `.po` files a translator edits, `solver/reports/locale/<locale>/LC_MESSAGES/
enclaveplan.po`, read as they are at run time: a fresh clone with `pip install -e .` works with
no compile step and no compiled `.mo` files to keep in step with their source. Reading both
catalogues takes a few milliseconds, once per process.

Message ids are codes (`reason.no_coach`, `cli.help.solve`); the texts are `str.format`
templates with named parameters. `tests/reports/test_words.py` holds that every id the code asks for is
in both catalogues and that no entry is empty.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from solver.reports.po import read_po  # Babel's read_po gives the same, 4x slower (issue 17)

LANGS = ("nl", "en")
LOCALES = {"nl": "nl_BE", "en": "en"}
DOMAIN = "enclaveplan"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def locale_of(lang: str | None) -> str:
    """The Babel locale for a language the product speaks; Dutch unless English is asked."""
    return LOCALES["en" if lang == "en" else "nl"]


def po_path(lang: str) -> Path:
    return LOCALE_DIR / locale_of(lang) / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """Message id -> text of one language's catalogue (the header left out)."""
    with po_path(lang).open("rb") as po:
        messages = read_po(po, locale=locale_of(lang), domain=DOMAIN)
    return {m.id: m.string for m in messages if m.id and isinstance(m.id, str)}


def translate(msgid: str, lang: str = "nl", **params) -> str:
    """The text of `msgid` in `lang`, its `{name}` parameters filled in. An id missing from the
    English catalogue falls back to Dutch, one missing from both reads as the id itself: a
    reader gets a word too many rather than a traceback at 7:45."""
    text = catalogue("en" if lang == "en" else "nl").get(msgid) or catalogue("nl").get(msgid)
    if not text:
        return msgid
    return text.format(**params) if params else text


t = translate


def words(prefix: str, keys, lang: str = "nl") -> dict[str, str]:
    """`{key: translate(prefix + key)}`: a table of words for pages that want them all."""
    return {key: translate(f"{prefix}{key}", lang) for key in keys}


class WordsByLang(Mapping[str, dict[str, str]]):
    """`words(prefix, keys, lang)` for each language the product speaks, looked up when first
    asked for: a module's table of words costs nothing at import, and a cold `solve` reads
    only the catalogue of its own language (issue 17)."""

    def __init__(self, prefix: str, keys):
        self.prefix, self.keys = prefix, tuple(keys)
        self.found: dict[str, dict[str, str]] = {}

    def __getitem__(self, lang: str) -> dict[str, str]:
        if lang not in LANGS:
            raise KeyError(lang)
        if lang not in self.found:
            self.found[lang] = words(self.prefix, self.keys, lang)
        return self.found[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)


def number(value: float, lang: str = "nl", digits: int = 2, sign: bool = False) -> str:
    """A decimal number with `digits` decimals: "0,36" in Dutch, "0.36" in English; with
    `sign`, a change: "+1.234", "-3"."""
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    if sign:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(value, format=pattern, locale=locale_of(lang))


def amount(value: float, lang: str = "nl", digits: int = 2) -> str:
    """A count that may be fractional, with at most `digits` decimals and none when whole:
    "1", "0,4", "2,25" in Dutch; "0.4" in English (coaches missing, worker-days)."""
    pattern = "#,##0." + "#" * digits if digits else "#,##0"
    return format_decimal(round(value, digits), format=pattern, locale=locale_of(lang))


def percent(share: float, lang: str = "nl", digits: int = 1) -> str:
    """A share as a percentage: "99,3 %" in Dutch, "99.3%" in English."""
    decimals = "." + "0" * digits if digits else ""
    pattern = f"#,##0{decimals} %" if lang != "en" else f"#,##0{decimals}%"
    return format_percent(share, format=pattern, locale=locale_of(lang))


def date(day: dt.date, lang: str = "nl") -> str:
    """A date in full: "maandag 7 december 2026", "Monday, December 7, 2026"."""
    return format_date(day, format="full", locale=locale_of(lang))


# argparse's own words (usage, options, its errors), by their English text: `argparse_words`
# hands them to argparse in the reader's language, so `--help` and a wrong option read Dutch.
ARGPARSE = {
    "usage: ": "argparse.usage",
    "options": "argparse.options",
    "positional arguments": "argparse.positional",
    "show this help message and exit": "argparse.help",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "expected one argument": "argparse.one_argument",
}


@contextmanager
def argparse_words(lang: str) -> Iterator[None]:
    """argparse looks its words up through its module's `_` each time it needs one; while this
    lasts they come from our catalogue (any other stays argparse's English)."""
    saved = argparse._

    def gettext(text: str) -> str:
        msgid = ARGPARSE.get(text)
        if not msgid:
            return saved(text)
        # A catalogue entry does not end a line (gettext's tools want msgid and msgstr alike);
        # argparse's error line does.
        return translate(msgid, lang) + ("\n" if text.endswith("\n") else "")

    argparse._ = gettext
    try:
        yield
    finally:
        argparse._ = saved


def lang_in(argv: list[str], default: str = "nl") -> str:
    """The `--lang` of a command line, read before the parser exists (its help is in that
    language); the parser still checks the value."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1] if argv[index + 1] in LANGS else default
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
            return value if value in LANGS else default
    return default


__all__ = [
    "LANGS",
    "amount",
    "argparse_words",
    "catalogue",
    "date",
    "lang_in",
    "locale_of",
    "number",
    "percent",
    "t",
    "translate",
    "words",
]
