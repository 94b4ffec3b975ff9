"""Tests of the French states gazetteer (no spaCy model needed)."""
from __future__ import annotations

import csv
import doctest
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

import graph.extract.gazetteer as gz
from graph.errors import NewsgraphError
from graph.extract.gazetteer import StateGazetteer

TSV = Path(gz.__file__).resolve().parent.parent / "data" / "states_fr.tsv"

#: Forms the table deliberately gives to two states: they resolve to no state.
ALLOWED_AMBIGUOUS = {
    "congo", "congolais", "congolaise", "congolaises",          # COD / COG
    "coreen", "coreenne", "coreens", "coreennes",              # KOR / PRK
}


@pytest.fixture(scope="module")
def gaz() -> StateGazetteer:
    return StateGazetteer.default()


def _rows() -> list[dict[str, str]]:
    lines = [ln for ln in TSV.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


# --------------------------------------------------------------------- the table
def test_tsv_shape_and_codes():
    rows = _rows()
    codes = [r["iso3"] for r in rows]
    assert len(codes) == len(set(codes)), "duplicate iso3"
    assert len(codes) == 197  # 193 UN members + VAT, PSE + TWN, XKX
    real = {c.alpha_3 for c in pycountry.countries}
    assert {c for c in codes if c not in real} == {"XKX"}
    for r in rows:
        assert r["names"] and r["adjectives"] and r["capitals"], r["iso3"]
        assert r["nouns"] or r["iso3"] == "VAT", r["iso3"]  # no inhabitant noun for the Holy See
        for a in r["adjectives"].split("|"):
            assert a == a.lower(), (r["iso3"], a)
        for n in filter(None, r["nouns"].split("|")):
            assert n[:1].isupper(), (r["iso3"], n)
        for p in filter(None, r["prefixes"].split("|")):
            assert p == p.lower() and "-" not in p, (r["iso3"], p)


def test_non_sovereign_territories_are_not_in_the_table():
    codes = {r["iso3"] for r in _rows()}
    for territory in ("ABW", "REU", "GLP", "HKG", "MAC", "GRL", "PRI", "NCL", "ESH", "COK"):
        assert territory not in codes


# --------------------------------------------------------------------- names
ROUND_TRIPS = [
    ("Russie", "RUS"), ("Chine", "CHN"), ("États-Unis", "USA"), ("France", "FRA"),
    ("Allemagne", "DEU"), ("Royaume-Uni", "GBR"), ("Ukraine", "UKR"), ("Israël", "ISR"),
    ("Iran", "IRN"), ("Turquie", "TUR"), ("Inde", "IND"), ("Japon", "JPN"),
    ("Corée du Sud", "KOR"), ("Corée du Nord", "PRK"), ("Brésil", "BRA"), ("Mexique", "MEX"),
    ("Argentine", "ARG"), ("Canada", "CAN"), ("Égypte", "EGY"), ("Algérie", "DZA"),
    ("Maroc", "MAR"), ("Afrique du Sud", "ZAF"), ("Nigeria", "NGA"), ("Niger", "NER"),
    ("Mali", "MLI"), ("Côte d'Ivoire", "CIV"), ("République démocratique du Congo", "COD"),
    ("Congo-Brazzaville", "COG"), ("Arabie saoudite", "SAU"), ("Émirats arabes unis", "ARE"),
    ("Australie", "AUS"), ("Nouvelle-Zélande", "NZL"), ("Viêt Nam", "VNM"), ("Vietnam", "VNM"),
    ("Indonésie", "IDN"), ("Kazakhstan", "KAZ"), ("Pologne", "POL"), ("Suisse", "CHE"),
    ("Saint-Siège", "VAT"), ("Vatican", "VAT"), ("Palestine", "PSE"), ("Taïwan", "TWN"),
    ("Kosovo", "XKX"), ("Biélorussie", "BLR"), ("Bélarus", "BLR"), ("Birmanie", "MMR"),
    ("Myanmar", "MMR"), ("Tchéquie", "CZE"), ("République tchèque", "CZE"),
    ("Macédoine du Nord", "MKD"), ("Papouasie-Nouvelle-Guinée", "PNG"), ("Fidji", "FJI"),
    ("Îles Salomon", "SLB"), ("Fédération de Russie", "RUS"), ("Grande-Bretagne", "GBR"),
    ("RDC", "COD"), ("USA", "USA"), ("Amérique", "USA"), ("Corée", "KOR"),
]


@pytest.mark.parametrize(("text", "iso3"), ROUND_TRIPS)
def test_names_round_trip(gaz, text, iso3):
    assert gaz.lookup_name(text) == iso3


@pytest.mark.parametrize(("text", "iso3"), [
    ("l’Ukraine", "UKR"), ("l'Ukraine", "UKR"), ("des États-Unis", "USA"), ("aux États-Unis", "USA"),
    ("la Chine", "CHN"), ("La Chine", "CHN"), ("de la Russie", "RUS"), ("de Russie", "RUS"),
    ("du Japon", "JPN"), ("au Mali", "MLI"), ("d'Israël", "ISR"), ("d’Israël", "ISR"),
    ("de l'Inde", "IND"), ("de l’Inde", "IND"), ("les Philippines", "PHL"), ("en Iran", "IRN"),
    ("L'Allemagne", "DEU"), ("le Royaume-Uni", "GBR"),
])
def test_articles_and_elision(gaz, text, iso3):
    assert gaz.lookup_name(text) == iso3


@pytest.mark.parametrize(("text", "iso3"), [
    ("Etats-Unis", "USA"), ("Etats Unis", "USA"), ("Israel", "ISR"), ("Egypte", "EGY"),
    ("Bresil", "BRA"), ("Cote d'Ivoire", "CIV"), ("Côte-d’Ivoire", "CIV"), ("Haiti", "HTI"),
    ("Koweit", "KWT"), ("Perou", "PER"), ("Emirats arabes unis", "ARE"), ("CHINE", "CHN"),
])
def test_accents_and_punctuation_folded(gaz, text, iso3):
    assert gaz.lookup_name(text) == iso3


@pytest.mark.parametrize(("text", "iso3"), [
    ("Russia", "RUS"), ("Russian Federation", "RUS"), ("United States", "USA"),
    ("United States of America", "USA"), ("China", "CHN"), ("Germany", "DEU"),
    ("United Kingdom", "GBR"), ("South Korea", "KOR"), ("North Korea", "PRK"),
    ("Syria", "SYR"), ("Iran", "IRN"), ("Turkey", "TUR"), ("Ivory Coast", "CIV"),
    ("Holy See", "VAT"), ("Democratic Republic of the Congo", "COD"), ("Czech Republic", "CZE"),
])
def test_english_names(gaz, text, iso3):
    assert gaz.lookup_name(text) == iso3


def test_pycountry_inverted_names_are_reordered(gaz):
    assert gaz.lookup_name("République islamique d'Iran") == "IRN"
    assert gaz.lookup_name("République arabe syrienne") == "SYR"
    assert gaz.lookup_name("État plurinational de Bolivie") == "BOL"
    assert gaz.lookup_name("République unie de Tanzanie") == "TZA"
    assert gaz.lookup_name("République de Corée") == "KOR"
    assert gaz.lookup_name("Russie, Fédération de") is None


@pytest.mark.parametrize("text", [
    "Guadeloupe", "Réunion", "La Réunion", "Aruba", "Hong Kong", "Macao", "Groenland",
    "Porto Rico", "Nouvelle-Calédonie", "Sahara occidental", "Greenland", "Jersey", "Gibraltar",
])
def test_non_sovereign_territories_return_none(gaz, text):
    assert gaz.lookup_name(text) is None


@pytest.mark.parametrize("text", [
    "lune", "Lune", "Terre", "Mars", "État", "Etat", "Occident", "Europe", "Afrique", "Asie",
    "chine", "turquie", "france", "Amérique latine", "Union européenne", "", "   ", "Us",
])
def test_common_words_return_none(gaz, text):
    assert gaz.lookup_name(text) is None


def test_context_only_names(gaz):
    for bare in ("Maurice", "Dominique", "Grenade", "Salvador", "Jordan", "Chad", "Georgia"):
        assert gaz.lookup_name(bare) is None, bare
    assert gaz.lookup_name("à Maurice") == "MUS"
    assert gaz.lookup_name("l'île Maurice") == "MUS"
    assert gaz.lookup_name("la Dominique") == "DMA"
    assert gaz.lookup_name("la Grenade") == "GRD"
    assert gaz.lookup_name("au Salvador") == "SLV"
    assert gaz.lookup_name("El Salvador") == "SLV"


# --------------------------------------------------------------------- other lookups
@pytest.mark.parametrize(("text", "iso3"), [
    ("Moscou", "RUS"), ("Pékin", "CHN"), ("Beijing", "CHN"), ("Pekin", "CHN"),
    ("Washington", "USA"), ("Londres", "GBR"), ("Kiev", "UKR"), ("Kyiv", "UKR"),
    ("Jérusalem", "ISR"), ("Ankara", "TUR"), ("Téhéran", "IRN"), ("Berlin", "DEU"),
    ("Paris", "FRA"), ("Le Caire", "EGY"), ("Bamako", "MLI"), ("Kinshasa", "COD"),
    ("Brazzaville", "COG"), ("Ramallah", "PSE"), ("Taipei", "TWN"), ("Pristina", "XKX"),
    ("Malé", "MDV"), ("Lima", "PER"), ("Berne", "CHE"), ("Panama", "PAN"), ("Mexico", "MEX"),
    ("Koweït", "KWT"), ("Singapour", "SGP"), ("Monaco", "MCO"), ("Djibouti", "DJI"),
    ("Guatemala", "GTM"), ("Saint-Marin", "SMR"), ("N’Djaména", "TCD"), ("Kingston", "JAM"),
    ("Santiago du Chili", "CHL"), ("La Paz", "BOL"),
])
def test_capitals(gaz, text, iso3):
    assert gaz.lookup_capital(text) == iso3


@pytest.mark.parametrize("text", [
    "Victoria", "Sucre", "Male", "Santiago", "Castries", "moscou", "paris", "Nice",
    "Tel-Aviv", "La Haye", "Russie",
])
def test_excluded_or_unknown_capitals(gaz, text):
    assert gaz.lookup_capital(text) is None


@pytest.mark.parametrize(("word", "iso3"), [
    ("russe", "RUS"), ("russes", "RUS"), ("chinois", "CHN"), ("chinoise", "CHN"),
    ("chinoises", "CHN"), ("américaines", "USA"), ("britannique", "GBR"),
    ("israélienne", "ISR"), ("israeliens", "ISR"), ("ukrainien", "UKR"), ("turque", "TUR"),
    ("grecque", "GRC"), ("nigérien", "NER"), ("nigériane", "NGA"), ("sud-africaine", "ZAF"),
    ("nord-coréen", "PRK"), ("sud-coréens", "KOR"), ("néo-zélandaise", "NZL"),
    ("burkinabè", "BFA"), ("émirati", "ARE"), ("saoudien", "SAU"), ("palestiniens", "PSE"),
    ("kosovare", "XKX"), ("taïwanais", "TWN"), ("helvétique", "CHE"), ("nippon", "JPN"),
    ("sino-russe", "RUS"), ("franco-allemande", "DEU"),
])
def test_adjectives(gaz, word, iso3):
    assert gaz.lookup_adjective(word) == iso3


@pytest.mark.parametrize(("word", "expected"), [
    ("sino-russe", ["CHN", "RUS"]), ("franco-allemand", ["FRA", "DEU"]),
    ("israélo-palestinien", ["ISR", "PSE"]), ("russo-ukrainienne", ["RUS", "UKR"]),
    ("américano-chinois", ["USA", "CHN"]), ("indo-pakistanais", ["IND", "PAK"]),
    ("anglo-américain", ["GBR", "USA"]), ("irano-irakienne", ["IRN", "IRQ"]),
    ("gréco-turc", ["GRC", "TUR"]), ("sino-nord-coréen", ["CHN", "PRK"]),
    ("franco-sud-africain", ["FRA", "ZAF"]), ("germano-russe", ["DEU", "RUS"]),
    ("russe", ["RUS"]), ("sud-africain", ["ZAF"]), ("équato-guinéen", ["GNQ"]),
    ("indo-européen", []), ("socio-économique", []), ("nippo-coréen", []), ("", []),
])
def test_combining_forms(gaz, word, expected):
    assert gaz.lookup_combining(word) == expected


@pytest.mark.parametrize(("word", "iso3"), [
    ("Russes", "RUS"), ("Russe", "RUS"), ("Chinois", "CHN"), ("Chinoises", "CHN"),
    ("Américains", "USA"), ("Americaine", "USA"), ("Britanniques", "GBR"),
    ("Israéliens", "ISR"), ("Sud-Africains", "ZAF"), ("Nord-Coréens", "PRK"),
    ("Suissesse", "CHE"), ("Turcs", "TUR"), ("Ivoiriens", "CIV"), ("Indien", "IND"),
])
def test_nouns(gaz, word, iso3):
    assert gaz.lookup_noun(word) == iso3


def test_nouns_need_a_capital_and_ambiguous_ones_fail(gaz):
    assert gaz.lookup_noun("russes") is None
    assert gaz.lookup_noun("Congolais") is None
    assert gaz.lookup_noun("Coréens") is None


# --------------------------------------------------------------------- labels
@pytest.mark.parametrize(("iso3", "fr", "en"), [
    ("RUS", "Russie", "Russia"), ("CHN", "Chine", "China"), ("USA", "États-Unis", "United States"),
    ("GBR", "Royaume-Uni", "United Kingdom"), ("KOR", "Corée du Sud", "South Korea"),
    ("PRK", "Corée du Nord", "North Korea"), ("IRN", "Iran", "Iran"), ("SYR", "Syrie", "Syria"),
    ("VNM", "Viêt Nam", "Vietnam"), ("BOL", "Bolivie", "Bolivia"), ("TZA", "Tanzanie", "Tanzania"),
    ("MDA", "Moldavie", "Moldova"), ("LAO", "Laos", "Laos"), ("TWN", "Taïwan", "Taiwan"),
    ("PSE", "Palestine", "Palestine"), ("CZE", "Tchéquie", "Czechia"), ("TUR", "Turquie", "Turkey"),
    ("XKX", "Kosovo", "Kosovo"), ("DEU", "Allemagne", "Germany"), ("VEN", "Venezuela", "Venezuela"),
])
def test_labels(gaz, iso3, fr, en):
    assert gaz.label(iso3) == fr
    assert gaz.label(iso3, "fr") == fr
    assert gaz.label(iso3, lang="en") == en


def test_label_errors(gaz):
    with pytest.raises(KeyError):
        gaz.label("REU")
    with pytest.raises(ValueError):
        gaz.label("RUS", "de")


def test_every_state_has_labels(gaz):
    for iso3 in gaz.all_iso3():
        assert gaz.label(iso3, "fr") and gaz.label(iso3, "en")
        assert gaz.lookup_name(gaz.label(iso3, "fr")) in (iso3, None)  # None: Maurice...


# --------------------------------------------------------------------- consistency
def test_ambiguous_forms_are_exactly_the_allowed_ones(gaz):
    assert set(gaz.ambiguous_forms()) == ALLOWED_AMBIGUOUS
    assert gaz.lookup_name("Congo") is None
    assert gaz.lookup_adjective("congolais") is None
    assert gaz.lookup_adjective("coréenne") is None


def test_no_surface_form_maps_to_two_states_in_the_table():
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in _rows():
        for col in ("names", "adjectives", "nouns", "capitals", "prefixes"):
            for form in filter(None, r[col].split("|")):
                owners[(col, gz.fold(form).replace("-", " "))].add(r["iso3"])
    clashes = {form for (_col, form), isos in owners.items() if len(isos) > 1}
    assert clashes == {f.replace("-", " ") for f in ALLOWED_AMBIGUOUS}


@pytest.mark.parametrize("include_english", [False, True])
def test_phrase_patterns_are_unique_and_round_trip(gaz, include_english):
    pats = gaz.phrase_patterns(include_english=include_english)
    surfaces = [p[0] for p in pats]
    assert len(surfaces) == len(set(surfaces))
    lookup = {"name": gaz.lookup_name, "capital": gaz.lookup_capital, "noun": gaz.lookup_noun}
    for form, iso3, kind in pats:
        assert kind in lookup
        assert lookup[kind](form) == iso3, (form, iso3, kind)
    # a capital or noun spelled like another state's name would be a clash
    for form, iso3, _kind in pats:
        assert gaz.lookup_name(form) in (None, iso3), form


def test_phrase_patterns_content(gaz):
    pats = set(gaz.phrase_patterns())
    assert ("États-Unis", "USA", "name") in pats
    assert ("Etats-Unis", "USA", "name") in pats
    assert ("Côte d’Ivoire", "CIV", "name") in pats
    assert ("Moscou", "RUS", "capital") in pats
    assert ("Russes", "RUS", "noun") in pats
    assert ("Djibouti", "DJI", "name") in pats          # city = state: one "name" entry
    assert ("Washington", "USA", "capital") in pats
    surfaces = {p[0] for p in pats}
    for left_out in ("Maurice", "Dominique", "Grenade", "Salvador", "Congo", "Amérique",
                     "Corée", "US", "Indien", "Victoria", "Sucre", "Male", "Russia"):
        assert left_out not in surfaces, left_out
    assert "Russia" in {p[0] for p in gaz.phrase_patterns(include_english=True)}


# --------------------------------------------------------------------- loading
def test_lazy_loading_and_singleton():
    fresh = StateGazetteer()
    assert "not loaded" in repr(fresh)
    assert fresh.lookup_name("Russie") == "RUS"
    assert "not loaded" not in repr(fresh)
    assert StateGazetteer.default() is StateGazetteer.default()


def test_custom_table_without_pycountry(tmp_path):
    table = tmp_path / "states.tsv"
    table.write_text(
        "# test\niso3\tnames\tadjectives\tnouns\tcapitals\tprefixes\n"
        "RUS\tRussie\trusse|russes\tRusses\tMoscou\trusso\n", encoding="utf-8")
    g = StateGazetteer(table, use_pycountry=False)
    assert g.all_iso3() == ["RUS"]
    assert g.lookup_name("Russie") == "RUS"
    assert g.lookup_name("Russia") is None
    assert g.lookup_combining("russo-russe") == ["RUS"]


def test_bad_tables_raise_newsgraph_errors(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("iso\tname\n", encoding="utf-8")
    with pytest.raises(NewsgraphError, match="bad.tsv"):
        StateGazetteer(bad).all_iso3()
    dup = tmp_path / "dup.tsv"
    dup.write_text("iso3\tnames\tadjectives\tnouns\tcapitals\tprefixes\n"
                   "RUS\tRussie\t\t\t\t\nRUS\tRussie\t\t\t\t\n", encoding="utf-8")
    with pytest.raises(NewsgraphError, match="twice"):
        StateGazetteer(dup, use_pycountry=False).all_iso3()
    with pytest.raises(NewsgraphError, match="missing.tsv"):
        StateGazetteer(tmp_path / "missing.tsv").all_iso3()


def test_docstring_examples():
    result = doctest.testmod(gz, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0 and result.attempted > 20
