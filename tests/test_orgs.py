"""Tests for the organisation gazetteer (no spaCy model needed)."""
from __future__ import annotations

import doctest
import re
from collections import Counter, defaultdict

import pycountry
import pytest

from graph.extract import orgs
from graph.extract.orgs import DEFAULT_PATH, KINDS, OrgEntry, OrgGazetteer

# Normalised aliases deliberately shared by several entries (none today).
ALLOWED_AMBIGUOUS: dict[str, tuple[str, ...]] = {}


@pytest.fixture(scope="module")
def gaz() -> OrgGazetteer:
    return OrgGazetteer.default()


def _rows() -> list[list[str]]:
    rows = []
    for line in DEFAULT_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def test_header_and_columns():
    rows = _rows()
    assert rows[0] == ["key", "label_fr", "aliases", "kind", "state", "wikidata", "parent"]
    for row in rows[1:]:
        assert len(row) == 7, row
        assert all(c == c.strip() for c in row), row


def test_at_least_350_rows(gaz):
    assert len(gaz) >= 350
    assert len(_rows()) - 1 == len(gaz)


def test_no_duplicate_keys():
    keys = Counter(row[0] for row in _rows()[1:])
    assert [k for k, n in keys.items() if n > 1] == []
    assert all(re.fullmatch(r"[a-z0-9_]+", k) for k in keys)


def test_kinds_are_allowed(gaz):
    assert {e.kind for e in gaz} <= KINDS


def test_states_are_iso_alpha3(gaz):
    for e in gaz:
        if e.state is not None:
            assert pycountry.countries.get(alpha_3=e.state) is not None, (e.key, e.state)


def test_international_and_private_have_no_state(gaz):
    for key in ["un", "nato", "eu", "esa", "ecb", "afp", "reuters", "huawei", "apple", "amnesty", "icc"]:
        assert gaz.get(key).state is None, key


@pytest.mark.parametrize(
    "key, state",
    [
        ("nasa", "USA"), ("kremlin", "RUS"), ("whitehouse", "USA"), ("pentagon", "USA"),
        ("elysee", "FRA"), ("matignon", "FRA"), ("knesset", "ISR"), ("duma", "RUS"),
        ("bundestag", "DEU"), ("uscongress", "USA"), ("ussenate", "USA"), ("assemblee_nationale", "FRA"),
        ("gazprom", "RUS"), ("rosatom", "RUS"), ("aramco", "SAU"), ("edf", "FRA"), ("xinhua", "CHN"),
        ("rt", "RUS"), ("kcna", "PRK"), ("npc", "CHN"), ("apn_dz", "DZA"),
    ],
)
def test_states(gaz, key, state):
    assert gaz.get(key).state == state


def test_wikidata_format(gaz):
    for e in gaz:
        if e.wikidata is not None:
            assert re.fullmatch(r"Q[1-9][0-9]*", e.wikidata), e.key


def test_no_alias_maps_to_two_keys(gaz):
    assert gaz.ambiguous_aliases() == ALLOWED_AMBIGUOUS


def test_phrase_patterns_unambiguous(gaz):
    by_form = defaultdict(set)
    for form, key in gaz.phrase_patterns():
        by_form[form].add(key)
        assert key in gaz
    assert {f: k for f, k in by_form.items() if len(k) > 1} == {}


def test_phrase_patterns_forms(gaz):
    pats = set(gaz.phrase_patterns())
    assert ("NASA", "nasa") in pats
    assert ("Nasa", "nasa") in pats
    assert ("OTAN", "nato") in pats
    assert ("Quai d'Orsay", "quaidorsay") in pats
    assert ("Quai d’Orsay", "quaidorsay") in pats
    assert ("le Monde", "lemonde") in pats
    assert ("Le Monde", "lemonde") in pats
    assert ("ministère russe de la Défense", "mod_ru") in pats
    assert ("Ministère russe de la Défense", "mod_ru") in pats
    forms = {f for f, _ in pats}
    for bare in ["Congrès", "Sénat", "Assemblée", "Parlement", "Times", "Monde", "Point", "nasa", "Ue"]:
        assert bare not in forms, bare


@pytest.mark.parametrize(
    "text, key",
    [
        ("OTAN", "nato"), ("l'Otan", "nato"), ("l’OTAN", "nato"), ("NATO", "nato"), ("Alliance atlantique", "nato"),
        ("l'ONU", "un"), ("les Nations unies", "un"), ("Nations Unies", "un"),
        ("la NASA", "nasa"), ("la Nasa", "nasa"),
        ("l'Union européenne", "eu"), ("UE", "eu"), ("union europeenne", "eu"),
        ("le Kremlin", "kremlin"), ("la Maison-Blanche", "whitehouse"), ("Maison Blanche", "whitehouse"),
        ("le Pentagone", "pentagon"), ("l'Élysée", "elysee"), ("l’Elysée", "elysee"), ("Elysee", "elysee"),
        ("Matignon", "matignon"), ("la Knesset", "knesset"), ("la Douma", "duma"), ("le Bundestag", "bundestag"),
        ("le Congrès américain", "uscongress"), ("le Sénat américain", "ussenate"),
        ("l'Assemblée nationale", "assemblee_nationale"), ("la Rada", "rada"),
        ("la Fed", "fed"), ("la Réserve fédérale", "fed"), ("la BCE", "ecb"),
        ("Tsahal", "idf"), ("l'armée israélienne", "idf"), ("l'Armée populaire de libération", "pla"),
        ("Le Monde", "lemonde"), ("le Monde", "lemonde"), ("Les Echos", "lesechos"), ("Les Échos", "lesechos"),
        ("L'Express", "lexpress"), ("l’Express", "lexpress"), ("Le Point", "lepoint"),
        ("The New York Times", "nyt"), ("New York Times", "nyt"), ("The Times", "times_uk"),
        ("Chine nouvelle", "xinhua"), ("Xinhua", "xinhua"), ("l'AFP", "afp"), ("Russia Today", "rt"),
        ("Gazprom", "gazprom"), ("Total", "totalenergies"), ("TotalEnergies", "totalenergies"),
        ("Renaissance", "renaissance"), ("Les Républicains", "lr"), ("La France insoumise", "lfi"),
        ("le Hamas", "hamas"), ("Médecins sans frontières", "msf"), ("la Croix-Rouge", "redcross"),
        ("le CICR", "icrc"), ("la DGSE", "dgse"), ("le Mossad", "mossad"), ("le FSB", "fsb"),
        ("la Cour pénale internationale", "icc"), ("la CPI", "icc"), ("  le   Conseil de sécurité ", "unsc"),
        ("Assemblée nationale populaire", "npc"), ("Assemblée populaire nationale", "apn_dz"),
        ("MIT", "mit"), ("AfD", "afd"), ("Agence française de développement", "afd_fr"),
    ],
)
def test_lookup(gaz, text, key):
    entry = gaz.lookup(text)
    assert entry is not None, text
    assert entry.key == key


@pytest.mark.parametrize(
    "text",
    [
        "nasa", "otan", "ue", "Ue", "fbi", "bce", "onu", "fed",  # acronyms / short aliases are case-sensitive
        "monde", "Monde", "Point", "Times", "total", "renaissance", "libération", "meta", "pentagone",
        "Congrès", "le Congrès", "Sénat", "le Sénat", "Assemblée", "Parlement", "Chambre des représentants",
        "", "   ", "la", "l'", "Organisation inconnue",
    ],
)
def test_lookup_misses(gaz, text):
    assert gaz.lookup(text) is None


def test_parents_exist(gaz):
    for e in gaz:
        if e.parent is not None:
            assert e.parent in gaz, (e.key, e.parent)
            assert e.parent != e.key, e.key
    assert sum(e.parent is not None for e in gaz) >= 100


def test_parents_have_no_cycle(gaz):
    for e in gaz:
        seen = [e.key]
        parent = e.parent
        while parent is not None:
            assert parent not in seen, seen + [parent]
            seen.append(parent)
            parent = gaz.get(parent).parent


@pytest.mark.parametrize(
    "key, parent",
    [
        ("eucommission", "eu"), ("europarl", "eu"), ("eucouncil", "eu"), ("councileu", "eu"), ("cjeu", "eu"),
        ("ecb", "eu"), ("eucourtauditors", "eu"), ("frontex", "eu"), ("europol", "eu"), ("ema", "eu"),
        ("eeas", "eu"),
        ("unsc", "un"), ("unga", "un"), ("unsecretariat", "un"), ("icj", "un"), ("who", "un"), ("unesco", "un"),
        ("unicef", "un"), ("unhcr", "un"), ("wfp", "un"), ("fao", "un"), ("ilo", "un"), ("iaea", "un"),
        ("imf", "un"), ("worldbank", "un"),
        ("wha", "who"), ("nato_ukraine", "nato"), ("au_commission", "au"), ("echr", "coe"),
        ("ushouse", "uscongress"), ("senat_fr", "parlement_fr"), ("fbi", "usdoj"), ("dgse", "minarmees"),
        ("legion", "adt_fr"), ("politburo_cn", "ccp"),
    ],
)
def test_expected_parents(gaz, key, parent):
    assert gaz.get(key).parent == parent


@pytest.mark.parametrize(
    "key",
    ["esa", "un", "eu", "nato", "au", "wto", "icc", "esm", "euratom", "ebrd", "cern", "osce",
     "nasa", "google", "af_us", "opcw"],
)
def test_no_parent(gaz, key):
    assert gaz.get(key).parent is None


@pytest.mark.parametrize(
    "text, key",
    [("l'Assemblée mondiale de la santé", "wha"), ("AMS", "wha"), ("le Conseil OTAN-Ukraine", "nato_ukraine"),
     ("Conseil Otan-Ukraine", "nato_ukraine"), ("la Commission de l'Union africaine", "au_commission"),
     ("Commission de l'UA", "au_commission")],
)
def test_lookup_added_bodies(gaz, text, key):
    entry = gaz.lookup(text)
    assert entry is not None and entry.key == key, text


def test_entry_parent_defaults_to_none():
    e = OrgEntry("x", "X Org", (), "ngo", None, None)
    assert e.parent is None
    assert OrgEntry("y", "Y Org", (), "ngo", None, None, "x").parent == "x"


def test_from_tsv_parent_column(tmp_path):
    path = tmp_path / "o.tsv"
    path.write_text(
        "key\tlabel_fr\taliases\tkind\tstate\twikidata\tparent\n"
        "a\tAlpha Organisation\t\tngo\t\t\t\n"
        "b\tBeta Organisation\t\tngo\t\t\ta\n"
        "c\tGamma Organisation\t\tngo\t\t\n"  # six columns: no parent
        "d\tDelta Organisation\t\tngo\n",  # four columns
        encoding="utf-8",
    )
    g = OrgGazetteer.from_tsv(path)
    assert [g.get(k).parent for k in "abcd"] == [None, "a", None, None]


@pytest.mark.parametrize(
    "body",
    [
        "a\tAlpha Organisation\t\tngo\t\t\tzz\n",  # unknown parent
        "a\tAlpha Organisation\t\tngo\t\t\ta\n",  # own parent
        "a\tAlpha Organisation\t\tngo\t\t\tb\nb\tBeta Organisation\t\tngo\t\t\ta\n",  # cycle
        "a\tAlpha Organisation\t\tngo\t\t\t\textra\n",  # eight columns
    ],
)
def test_from_tsv_rejects_bad_parents(tmp_path, body):
    path = tmp_path / "o.tsv"
    path.write_text("key\tlabel_fr\taliases\tkind\tstate\twikidata\tparent\n" + body, encoding="utf-8")
    with pytest.raises(ValueError):
        OrgGazetteer.from_tsv(path)


def test_get_and_entry(gaz):
    e = gaz.get("nato")
    assert isinstance(e, OrgEntry)
    assert e.label == "Organisation du traité de l'Atlantique nord"
    assert {"OTAN", "Otan", "NATO", "Alliance atlantique"} <= set(e.aliases)
    assert e.kind == "international-organisation"
    assert e.surface_forms[0] == e.label
    with pytest.raises(KeyError):
        gaz.get("no-such-key")
    with pytest.raises(Exception):
        e.key = "x"  # frozen


def test_default_is_cached():
    assert OrgGazetteer.default() is OrgGazetteer.default()


def test_from_tsv_rejects_bad_rows(tmp_path):
    path = tmp_path / "o.tsv"
    path.write_text("key\tlabel_fr\taliases\tkind\tstate\twikidata\nx\tX corp\t\tspaceship\t\t\n", encoding="utf-8")
    with pytest.raises(ValueError):
        OrgGazetteer.from_tsv(path)
    path.write_text("# c\nkey\tlabel_fr\taliases\tkind\tstate\twikidata\na\tAlpha Org\tAO\tngo\t\t\na\tBeta\t\tngo\t\t\n", encoding="utf-8")
    with pytest.raises(ValueError):
        OrgGazetteer.from_tsv(path)


def test_ambiguity_is_detected(tmp_path):
    path = tmp_path / "o.tsv"
    path.write_text(
        "key\tlabel_fr\taliases\tkind\tstate\twikidata\n"
        "a\tAlpha Organisation\tShared Name\tngo\t\t\n"
        "b\tBeta Organisation\tshared name\tngo\t\t\n",
        encoding="utf-8",
    )
    g = OrgGazetteer.from_tsv(path)
    assert g.ambiguous_aliases() == {"shared name": ("a", "b")}
    assert g.lookup("Shared Name") is None
    assert g.lookup("alpha organisation").key == "a"
    assert all(f.lower() != "shared name" for f, _ in g.phrase_patterns())


def test_import_does_no_io():
    import subprocess
    import sys

    code = "import graph.extract.orgs as o; assert o.OrgGazetteer._default is None"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=DEFAULT_PATH.parents[2])


def test_doctests():
    result = doctest.testmod(orgs, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 10
