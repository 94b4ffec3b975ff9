"""Posts and agencies of states (graph.extract.posts) on short French sentences written for the test."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def triples(x) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in x.relations}


def rel(x, s: str, p: str, o: str):
    found = [r for r in x.relations if (r.subject, r.predicate, r.object) == (s, p, o)]
    assert found, f"missing {(s, p, o)} in {sorted(triples(x))}"
    return found[0]


# --------------------------------------------------------------------------- posts


def test_apposition_before_ministry_of_state(extract_fr):
    # "le ministre turc de la Défense" alone: the post ties the person to the state; the
    # ministry becomes an entity only when the article names it (see the next test)
    x = extract_fr("Le ministre turc de la Défense, Ahmet Yilmaz, a déclaré que les exercices se poursuivraient.")
    person = "person/ahmet-yilmaz"
    assert x.entities[person].type == "Person"
    assert x.entities["state/TUR"].type == "State"
    r = rel(x, person, "affiliatedWith", "state/TUR")
    assert r.role == "ministre de la Défense"
    assert r.evidence.rule == "post.apposition-before"
    assert triples(x) == {(person, "affiliatedWith", "state/TUR")}
    assert not any(k.startswith("agency/") for k in x.entities)


def test_post_links_to_the_ministry_the_article_names(extract_fr):
    x = extract_fr("Le ministère turc de la Défense a publié un communiqué. "
                   "Le ministre turc de la Défense, Ahmet Yilmaz, a déclaré que les exercices se poursuivraient.")
    person, ministry = "person/ahmet-yilmaz", "agency/ministere-defense-tur"
    m = x.entities[ministry]
    assert m.type == "Agency" and m.kind == "ministry" and m.iso3 == "TUR"
    assert "Défense" in m.aliases
    r = rel(x, person, "affiliatedWith", ministry)
    assert r.role == "ministre de la Défense"
    rel(x, person, "affiliatedWith", "state/TUR")
    rel(x, ministry, "partOf", "state/TUR")


def test_apposition_before_post_with_state_complement(extract_fr):
    x = extract_fr("Le porte-parole du ministère indien des Affaires extérieures, Ravi Sharma, a démenti ces informations.")
    ministry = "agency/ministere-affaires-exterieures-ind"
    rel(x, "person/ravi-sharma", "affiliatedWith", ministry)
    rel(x, "person/ravi-sharma", "affiliatedWith", "state/IND")
    rel(x, ministry, "partOf", "state/IND")


def test_apposition_before_ministry_without_state(extract_fr):
    x = extract_fr("Le ministère de la Défense a confirmé l'exercice. "
                   "Le ministre de la Défense, Marc Delorme, a rencontré son homologue.")
    # a ministry named without its state belongs to this document only (the test article's id
    # is "test"): two countries' ministries of defence must never merge
    ministry = "agency/ministere-defense-test"
    rel(x, "person/marc-delorme", "affiliatedWith", ministry)
    assert not any(o.startswith("state/") for _s, _p, o in triples(x))


def test_title_before_name_with_state_adjective(extract_fr):
    x = extract_fr("Le président brésilien Rafael Moreira a reçu son homologue argentin mardi.")
    r = rel(x, "person/rafael-moreira", "affiliatedWith", "state/BRA")
    assert r.role == "président"
    assert r.evidence.rule == "post.title-before-name"
    assert x.entities["state/BRA"].type == "State"
    # "argentin" qualifies the counterpart, not Rafael Moreira
    assert ("person/rafael-moreira", "affiliatedWith", "state/ARG") not in triples(x)


def test_title_before_name_prime_minister(extract_fr):
    x = extract_fr("Le Premier ministre canadien Paul Tremblay a annoncé des élections anticipées.")
    r = rel(x, "person/paul-tremblay", "affiliatedWith", "state/CAN")
    assert r.role == "Premier ministre"


def test_apposition_after_name(extract_fr):
    x = extract_fr("Igor Samsonov, porte-parole du Kremlin, a refusé de commenter.")
    r = rel(x, "person/igor-samsonov", "affiliatedWith", "agency/kremlin")
    assert r.role == "porte-parole du Kremlin"
    assert r.evidence.rule == "post.apposition-after"
    assert x.entities["agency/kremlin"].type == "Agency"
    rel(x, "agency/kremlin", "partOf", "state/RUS")


def test_apposition_after_name_with_state_complement(extract_fr):
    x = extract_fr("Li Wenhao, ministre des Affaires étrangères de la Chine, est arrivé à Bruxelles.")
    r = rel(x, "person/li-wenhao", "affiliatedWith", "state/CHN")
    assert r.role.startswith("ministre des Affaires étrangères")


def test_apposition_after_name_in_parentheses(extract_fr):
    x = extract_fr("Sofia Marquez (porte-parole de la Commission européenne) a confirmé la date.")
    rel(x, "person/sofia-marquez", "affiliatedWith", "agency/eucommission")


def test_relative_clause(extract_fr):
    x = extract_fr("Hélène Vasseur, qui dirige l'Agence spatiale européenne, a présenté le calendrier.")
    r = rel(x, "person/helene-vasseur", "affiliatedWith", "agency/esa")
    assert r.role == "dirigeant"
    assert r.evidence.rule == "post.relative-clause"


def test_relative_clause_preside(extract_fr):
    x = extract_fr("Omar Haddad, qui préside le Parlement européen, a appelé au calme.")
    r = rel(x, "person/omar-haddad", "affiliatedWith", "agency/europarl")
    assert r.role == "président"


def test_ambassador_belongs_to_sending_state(extract_fr):
    x = extract_fr("Thomas Girard, l'ambassadeur de France au Japon, a été convoqué jeudi.")
    rel(x, "person/thomas-girard", "affiliatedWith", "state/FRA")
    assert ("person/thomas-girard", "affiliatedWith", "state/JPN") not in triples(x)
    assert {"state/FRA", "state/JPN"} <= set(x.entities)


def test_apposition_before_then_title(extract_fr):
    x = extract_fr("Le commandant de l'armée de l'air polonaise, le général Piotr Nowak, a inspecté la base.")
    rel(x, "person/piotr-nowak", "affiliatedWith", "state/POL")


# --------------------------------------------------------------------------- agencies of states


def test_space_agency_descriptor_part_of_state(extract_fr):
    x = extract_fr("Le Japon a confirmé que l'agence spatiale japonaise JAXA enverrait une sonde.")
    jaxa = x.entities["agency/jaxa"]
    assert jaxa.type == "Agency" and jaxa.kind == "space-agency"
    assert [m.text for m in jaxa.mentions] == ["JAXA"]
    rel(x, "agency/jaxa", "partOf", "state/JPN")


def test_state_media_part_of_state(extract_fr):
    x = extract_fr("Selon le média d'État chinois CGTN, la sonde a atterri.")
    cgtn = x.entities["agency/cgtn"]
    assert cgtn.type == "Agency" and cgtn.kind == "state-media"
    rel(x, "agency/cgtn", "partOf", "state/CHN")


def test_unknown_state_media_from_descriptor(extract_fr):
    x = extract_fr("Selon la télévision d'État biélorusse BTV-24, le convoi est arrivé à la frontière.")
    key = "agency/btv-24"
    assert x.entities[key].type == "Agency"
    assert x.entities[key].kind == "state-media"
    rel(x, key, "partOf", "state/BLR")


def test_central_bank_with_state_complement(extract_fr):
    x = extract_fr("La Banque centrale de Norvège a relevé son taux directeur.")
    key = "agency/banque-centrale-de-norvege"
    assert x.entities[key].type == "Agency"
    assert x.entities[key].label == "Banque centrale de Norvège"
    rel(x, key, "partOf", "state/NOR")


def test_central_bank_kind(extract_fr):
    x = extract_fr("La Banque centrale de Norvège a relevé son taux directeur.")
    assert x.entities["agency/banque-centrale-de-norvege"].kind == "central-bank"


def test_institution_with_state_adjective(extract_fr):
    x = extract_fr("Le parlement israélien a adopté la loi en première lecture.")
    key = "agency/parlement-isr"
    e = x.entities[key]
    assert e.type == "Agency" and e.kind == "legislature" and e.iso3 == "ISR"
    assert e.label == "parlement israélien"
    rel(x, key, "partOf", "state/ISR")


def test_apposition_before_after_speech_verb(extract_fr):
    x = extract_fr("« Les frontières resteront ouvertes pour les réfugiés », a déclaré la ministre polonaise "
                   "de l'Intérieur, Ewa Kowalczyk.")
    r = rel(x, "person/ewa-kowalczyk", "affiliatedWith", "state/POL")
    assert r.role == "ministre de l'Intérieur"


# --------------------------------------------------------------------------- session 2 patterns


def test_apposition_stops_at_a_dash(extract_fr):
    x = extract_fr("Par Serge Dago, correspondant régional de RFI – Publié le 19/10/2023.\nLe texte a été signé.")
    roles = [r.role for r in x.relations if r.subject == "person/serge-dago" and r.predicate == "affiliatedWith" and r.role]
    assert roles and all("Publié" not in r for r in roles)


def test_bare_president_holds_the_dominant_states_post(extract_fr):
    x = extract_fr("Le Malawi vote. Au Malawi, l'opposition conteste. Le Malawi attend. La réélection du président "
                   "Peter Mutharika a été contestée par le Malawi rural.")
    rels = {(r.subject, r.object, r.evidence.rule) for r in x.relations if r.predicate == "affiliatedWith"}
    assert ("person/peter-mutharika", "state/MWI", "post.head-of-dominant-state") in rels


def test_bare_president_without_a_dominant_state_is_left_alone(extract_fr):
    x = extract_fr("Le Malawi et la Zambie ont signé un accord. La Zambie et le Malawi coopèrent. "
                   "Le président Peter Mutharika a salué le texte.")
    assert not [r for r in x.relations if r.subject == "person/peter-mutharika" and r.predicate == "affiliatedWith"]


def test_national_company_and_name_adjective_are_part_of_the_state(extract_fr):
    x = extract_fr("La compagnie nationale algérienne Sonatrach a signé un contrat. "
                   "L'Agence mauritanienne d'information a publié un communiqué sur l'Algérie.")
    part = {(r.subject, r.object) for r in x.relations if r.predicate == "partOf"}
    assert ("agency/sonatrach", "state/DZA") in part
    assert any(s.endswith("agence-mauritanienne-d-information") and o == "state/MRT" for s, o in part)


def test_european_commissioner_is_in_the_commission_and_the_union(extract_fr):
    x = extract_fr("L'Union européenne a signé l'accord. Le commissaire européen au Commerce, Karel De Gucht, "
                   "a salué la Commission européenne.")
    orgs = {r.object for r in x.relations if r.subject == "person/karel-de-gucht" and r.predicate == "affiliatedWith"}
    assert {"agency/eucommission", "agency/eu"} <= orgs


def test_brussels_stands_for_the_union_when_it_is_named(extract_fr):
    x = extract_fr("L'Union européenne et le Canada ont conclu un accord. Bruxelles a obtenu la protection de ses fromages.")
    assert "state/BEL" not in x.entities
    assert any(m.text == "Bruxelles" for m in x.entities["agency/eu"].mentions)


def test_portfolio_listed_with_commas(extract_fr):
    x = extract_fr("Le ministre ivoirien de la Santé, de l'Hygiène publique et de la Couverture maladie universelle, "
                   "Pierre Dimba, a paraphé le document.")
    rels = {(r.subject, r.object) for r in x.relations if r.predicate == "affiliatedWith"}
    assert ("person/pierre-dimba", "state/CIV") in rels


def test_possessive_title_takes_the_previous_sentences_body(extract_fr):
    x = extract_fr("L'Agence internationale de l'énergie atomique suit le dossier. Le projet avance. "
                   "L'Organisation mondiale de la santé est associée au projet. Son directeur général, Tedros Adhanom Ghebreyesus, "
                   "a rappelé les chiffres.")
    orgs = {r.object for r in x.relations if r.subject == "person/tedros-adhanom-ghebreyesus" and r.predicate == "affiliatedWith"}
    assert orgs == {"agency/who"}


def test_second_post_in_apposition_after_a_title(extract_fr):
    x = extract_fr("Selon l'agence, le président nigérian Bola Tinubu, président en exercice de la Cédéao, a salué l'accord.")
    orgs = {r.object for r in x.relations if r.subject == "person/bola-tinubu" and r.predicate == "affiliatedWith"}
    assert {"state/NGA", "agency/ecowas"} <= orgs


def test_candidate_of_a_party(extract_fr):
    x = extract_fr("Russie unie a remporté le scrutin. Candidat malheureux de Russie unie à Moscou, Samura Kamara, "
                   "qui dénonçait des résultats truqués, s'est montré plus réservé.")
    assert any(r.subject == "person/samura-kamara" and r.predicate == "affiliatedWith" and r.object == "agency/unitedrussia"
               for r in x.relations)


def test_garde_des_sceaux_is_frances_minister_of_justice(extract_fr):
    x = extract_fr("Le garde des Sceaux, Gérald Darmanin, en a fait une affaire personnelle.")
    assert "person/sceaux" not in x.entities
    assert any(r.subject == "person/gerald-darmanin" and r.object == "state/FRA" for r in x.relations)


def test_capital_opening_the_sentence_gives_a_ministers_state(extract_fr):
    x = extract_fr("À Abou Dhabi, le ministre de la Justice, Abdullah Al Nuaimi, a salué un nouveau chapitre.")
    assert any(r.subject == "person/abdullah-al-nuaimi" and r.object == "state/ARE" for r in x.relations)


def test_title_with_an_acronym_before_the_name(extract_fr):
    """"Le directeur de l'Agence spatiale européenne (ESA), X": the acronym does not break the apposition;
    "Conseil circumpolaire inuit (CCI)": the adjective the acronym spells belongs to the name."""
    x = extract_fr("La présidente du Conseil circumpolaire inuit (CCI), Okalik Eegeesiak, a rappelé les engagements. "
                   "Le directeur de l'Agence spatiale européenne (ESA), Josef Aschbacher, a parlé.")
    aff = {(r.subject, r.object) for r in x.relations if r.predicate == "affiliatedWith"}
    assert aff == {("person/okalik-eegeesiak", "agency/conseil-circumpolaire-inuit"),
                   ("person/josef-aschbacher", "agency/esa")}


def test_title_as_the_next_sentences_subject(extract_fr):
    """A title with no name opening a sentence is the one person of the sentence before; not when that
    sentence names two persons."""
    x = extract_fr("Giorgia Meloni a choisi l'Algérie pour son premier déplacement. Et la présidente du Conseil "
                   "italien n'en est pas repartie les mains vides. Macron a reçu Biden. Le président américain a "
                   "salué l'accord.")
    aff = {(r.subject, r.object) for r in x.relations if r.predicate == "affiliatedWith"}
    assert aff == {("person/giorgia-meloni", "state/ITA")}
