"""The catalogue's own `.po` reader (solver.reports.po, issue 17) gives what Babel's `read_po`
gives: on both catalogues as they are, and on a file of gettext's edge cases."""

from __future__ import annotations

import io

import pytest
from babel.messages.pofile import read_po as babel_read_po

from solver.reports import words
from solver.reports.po import read_po

EDGES = r'''# a translator's comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\n"

#, fuzzy
msgid "a.fuzzy"
msgstr "vaag"

#. a note for the translator
msgid "a.multi"
msgstr ""
"eerste "
"tweede\n"
"met \"aanhalingstekens\", \\ en \t tab, \\n letterlijk"

msgid "a.twice"
msgstr "eerste"

msgid "a.twice"
msgstr "tweede"

msgctxt "menu"
msgid "a.twice"
msgstr "in context"

msgid "a.plural"
msgid_plural "a.plurals"
msgstr[0] "een"
msgstr[1] "meer"

#~ msgid "a.obsolete"
#~ msgstr "weg"

msgid "a.empty"
msgstr ""

msgid ""
"a.split."
"id"
msgstr	"a tab: misformatted, left out"

  msgid "a.indented"
  msgstr "ingesprongen"
msgid "a.eof"
msgstr "é, zonder regeleinde"'''


def _entries(messages) -> list[tuple]:
    return [(m.id, m.context, m.string) for m in messages if m.id]


@pytest.mark.parametrize("lang", words.LANGS)
def test_both_catalogues_read_as_babel_reads_them(lang):
    with words.po_path(lang).open("rb") as po:
        ours = _entries(read_po(po))
    with words.po_path(lang).open("rb") as po:
        theirs = _entries(babel_read_po(po, locale=words.locale_of(lang), domain=words.DOMAIN))
    assert len(ours) > 1000
    assert ours == theirs


def test_edge_cases_read_as_babel_reads_them():
    data = EDGES.encode("utf-8")
    ours = _entries(read_po(io.BytesIO(data)))
    assert ours == _entries(babel_read_po(io.BytesIO(data)))
    found = {(i, c): s for i, c, s in ours}
    assert found[("a.twice", None)] == "eerste"  # an id seen twice keeps its first text
    assert found[("a.twice", "menu")] == "in context"
    assert found[(("a.plural", "a.plurals"), None)] == ("een", "meer")
    assert found[("a.multi", None)].endswith('"aanhalingstekens", \\ en \t tab, \\n letterlijk')
    assert ("a.obsolete", None) not in found
    assert found[("a.eof", None)] == "é, zonder regeleinde"
    assert found[("a.split.id", None)] == ""  # its msgstr misformatted (a tab), as Babel reads it


def test_the_catalogue_is_the_files_text():
    assert words.catalogue("nl")["reason.no_coach"].startswith("{site} kan vandaag niet draaien")
    assert words.catalogue("en")["reason.no_coach"].startswith("{site}")
