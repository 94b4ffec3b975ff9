"""Agreements (graph.extract.agreements) on short French sentences written for the test."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

DATE = "2023-06-10"


def agreements(x) -> dict:
    return {k: e for k, e in x.entities.items() if e.type == "Agreement"}


def parties(x, key: str) -> set[str]:
    return {r.object for r in x.relations if r.subject == key and r.predicate == "party"}


def only_agreement(x):
    ags = agreements(x)
    assert len(ags) == 1, sorted(ags)
    (key,) = ags
    return key, ags[key], x.agreements[key]


def test_signed_with_subject_parties_and_month(extract_fr):
    x = extract_fr("La France et l'Inde ont signé un accord de défense en janvier 2022.", DATE)
    key, ent, info = only_agreement(x)
    # kind, the head of the name's complement ("accord de défense") and the parties
    assert key == "agreement/accord-defense-fra-ind"
    assert ent.kind == "accord"
    assert ent.label == "accord de défense"
    assert parties(x, key) == {"state/FRA", "state/IND"}
    assert info.date == "2022-01"
    assert info.start is None and info.end is None
    assert ("signature", "2022-01", None) in [(k, d, e) for k, d, e, _ev in info.events]


def test_day_precision_signature_date(extract_fr):
    x = extract_fr("Le Kenya et l'Éthiopie ont signé le 14 mars un accord sur le partage des eaux.", DATE)
    key, _ent, info = only_agreement(x)
    assert parties(x, key) == {"state/KEN", "state/ETH"}
    assert info.date == "2023-03-14"


def test_memorandum_with_avec(extract_fr):
    x = extract_fr("Le Maroc a signé un protocole d'accord avec le Sénégal sur la pêche.", DATE)
    key, ent, _info = only_agreement(x)
    assert ent.kind == "memorandum"
    assert ent.label == "protocole d'accord"
    assert parties(x, key) == {"state/MAR", "state/SEN"}
    # "accord" inside "protocole d'accord" is not a second agreement
    assert len(ent.mentions) == 1


def test_parties_entre_x_et_y(extract_fr):
    x = extract_fr("Un traité d'amitié entre le Chili et l'Argentine a été évoqué mardi.", DATE)
    key, ent, _info = only_agreement(x)
    assert ent.kind == "treaty"
    assert parties(x, key) == {"state/CHL", "state/ARG"}


def test_entry_into_force_gives_start(extract_fr):
    x = extract_fr("Le traité de coopération entre l'Estonie et la Lettonie, qui est entré en vigueur en 2019, "
                   "sera révisé.", DATE)
    key, ent, info = only_agreement(x)
    assert ent.kind == "treaty"
    assert parties(x, key) == {"state/EST", "state/LVA"}
    assert info.start == "2019"
    assert info.date is None
    assert info.end is None


def test_extension_gives_end_and_event(extract_fr):
    x = extract_fr("Le Canada et le Mexique ont prolongé leur accord commercial jusqu'en 2030.", DATE)
    key, _ent, info = only_agreement(x)
    assert parties(x, key) == {"state/CAN", "state/MEX"}
    assert info.end == "2030"
    assert info.start is None
    assert ("extension", None, "2030") in [(k, d, e) for k, d, e, _ev in info.events]


def test_programme_back_reference(extract_fr):
    text = ("L'Italie et la Tunisie ont signé un programme de coopération scientifique. "
            "Le programme a été prolongé jusqu'en 2028.")
    x = extract_fr(text, DATE)
    key, ent, info = only_agreement(x)
    assert key == "agreement/cooperation-programme-ita-tun"
    assert ent.kind == "cooperation-programme"
    assert parties(x, key) == {"state/ITA", "state/TUN"}
    # "Le programme" in the second sentence is a mention of the same agreement
    assert sorted(m.start for m in ent.mentions) == [text.index("programme"), text.index("Le programme") + 3]
    assert info.end == "2028"


def test_launched_in_gives_start(extract_fr):
    x = extract_fr("L'Italie et la Tunisie ont lancé un programme de coopération scientifique en 2020.", DATE)
    _key, _ent, info = only_agreement(x)
    assert info.start == "2020"


def test_accord_back_reference_with_entry_into_force(extract_fr):
    x = extract_fr("Le Pérou et l'Équateur ont conclu un accord frontalier en mars. "
                   "L'accord entrera en vigueur en 2024.", DATE)
    key, ent, info = only_agreement(x)
    assert parties(x, key) == {"state/PER", "state/ECU"}
    assert len(ent.mentions) == 2
    assert info.date == "2023-03"
    assert info.start == "2024"


def test_multiword_state_subject_is_a_party(extract_fr):
    x = extract_fr("La Corée du Sud et l'Australie ont conclu un accord de libre-échange en mars.", DATE)
    key, _ent, info = only_agreement(x)
    assert parties(x, key) == {"state/KOR", "state/AUS"}
    assert key == "agreement/accord-libre-echange-aus-kor"
    assert info.date == "2023-03"


def test_d_accord_idiom_is_not_an_agreement(extract_fr):
    x = extract_fr("Le ministre s'est dit d'accord avec cette analyse. "
                   "La Suisse et l'Autriche sont tombées d'accord sur la méthode.", DATE)
    assert agreements(x) == {}
    assert x.agreements == {}
    assert not any(r.predicate == "party" for r in x.relations)


def test_generic_plural_is_not_an_agreement(extract_fr):
    x = extract_fr("Les accords commerciaux sont souvent critiqués par les syndicats.", DATE)
    assert agreements(x) == {}


def test_coordinated_subject_either_conjunct_and_nominal_complement(extract_fr):
    """"X et la compagnie nationale Y ont signé un avenant à leur contrat d'approvisionnement": both parties;
    the complement stays in the name even when the tagger calls the noun a verb."""
    x = extract_fr("Engie et la compagnie nationale algérienne Sonatrach ont signé mercredi à Alger un avenant "
                   "à leur contrat d'approvisionnement en gaz naturel liquéfié.", "2017-12-07")
    ags = [k for k, e in x.entities.items() if e.type == "Agreement"]
    assert len(ags) == 1
    assert "contrat d'approvisionnement" in x.entities[ags[0]].label
    parties = {r.object for r in x.relations if r.predicate == "party"}
    assert {"agency/engie", "agency/sonatrach"} <= parties


def test_bare_trigger_is_an_alias_of_a_named_agreement(extract_fr):
    x = extract_fr("Naval Group et PT PAL ont conclu un protocole d'accord portant sur la construction de deux sous-marins.", "2019-12-12")
    (ag,) = [e for e in x.entities.values() if e.type == "Agreement"]
    assert "protocole d'accord" in ag.aliases | {ag.label}


def test_a_government_signs_for_its_state(extract_fr):
    x = extract_fr("L'AIEA et le gouvernement ivoirien ont signé vendredi à Vienne un programme de coopération.", "2024-02-05")
    parties = {r.object for r in x.relations if r.predicate == "party"}
    assert "state/CIV" in parties and not any("gouvernement" in p for p in parties)


@pytest.mark.parametrize("text,expect", [
    ("Bruxelles et Nouakchott ont signé mardi un nouveau protocole de pêche pour cinq ans.", "protocole de pêche"),
    ("L'accord engage le pays à respecter le protocole additionnel de la Cédéao sur la démocratie.", "protocole additionnel"),
])
def test_protocol_as_agreement(extract_fr, text, expect):
    x = extract_fr(text, "2021-11-16")
    assert any(e.type == "Agreement" and expect in e.label for e in x.entities.values())


def test_health_protocol_is_not_an_agreement(extract_fr):
    x = extract_fr("Les hôpitaux appliquent un protocole sanitaire strict et un protocole de soins renforcé.", "2021-11-16")
    assert not [e for e in x.entities.values() if e.type == "Agreement"]


def test_bare_government_is_the_dominant_state(extract_fr):
    x = extract_fr("La crise s'apaise au Malawi. Le Malawi attend la paix. Au Malawi, le calme revient. "
                   "Le gouvernement et le Front uni de l'opposition ont signé le 18 octobre un accord pour l'unité nationale.",
                   "2023-10-19")
    parties = {r.object for r in x.relations if r.predicate == "party"}
    assert "state/MWI" in parties


def test_year_in_an_agreement_name(extract_fr):
    x = extract_fr("Le Caire s'appuie sur l'accord de 1959 sur le partage des eaux du Nil, conclu entre l'Égypte et le Soudan.",
                   "2020-07-22")
    (ag,) = [e for e in x.entities.values() if e.type == "Agreement"]
    assert ag.label == "accord de 1959 sur le partage des eaux du Nil"
    assert {"state/EGY", "state/SDN"} <= {r.object for r in x.relations if r.predicate == "party"}


def test_a_specific_trigger_is_no_back_reference_to_another_agreement(extract_fr):
    x = extract_fr("L'Égypte et l'Éthiopie ont signé un protocole d'accord sur le remplissage du barrage. "
                   "Le texte complète la déclaration de principes, signée en 2015 par l'Égypte, l'Éthiopie et le Soudan.", "2020-07-22")
    memo = [e for e in x.entities.values() if e.type == "Agreement" and "protocole" in e.label]
    assert memo and not any("déclaration" in m.text for m in memo[0].mentions)


def test_les_trois_pays_are_the_three_states_listed_before(extract_fr):
    x = extract_fr("L'Égypte, l'Éthiopie et le Soudan négocient depuis 2011. Réunis par visioconférence, "
                   "les trois pays ont signé mardi un protocole d'accord sur le remplissage du barrage.", "2020-07-22")
    parties = {r.object for r in x.relations if r.predicate == "party"}
    assert {"state/EGY", "state/ETH", "state/SDN"} <= parties


def test_coordination_after_an_acronym_in_parentheses(extract_fr):
    x = extract_fr("Pour enrayer la panique, le Fonds monétaire international (FMI) et l'Argentine ont annoncé jeudi "
                   "un accord de confirmation de 50 milliards de dollars. Le Fonds suivra les réformes.", "2018-06-08")
    parties = {r.object for r in x.relations if r.predicate == "party"}
    assert {"agency/imf", "state/ARG"} <= parties
    assert "agency/fonds" not in x.entities


def test_a_parliament_ratifies_for_its_state_and_participles_end_names(extract_fr):
    x = extract_fr("L'Assemblée nationale a ratifié mardi la convention d'extradition censée faciliter les procédures.",
                   "2025-06-18")
    (ag,) = [e for e in x.entities.values() if e.type == "Agreement"]
    assert "censée" not in ag.label
    parties = {r.object for r in x.relations if r.predicate == "party"}
    assert "state/FRA" in parties and not any("assemblee" in p for p in parties)


# -- dates from the sentences around an agreement (third session) ---------------------------------

def test_multiword_trigger_is_singular_by_its_head(extract_fr):
    """"la déclaration de principes" is one agreement (the plural is on the complement)."""
    x = extract_fr("Le texte a été négocié pendant des mois. Il prolonge la déclaration de principes signée "
                   "à Nairobi le 12 avril 2016 par les deux présidents.", DATE)
    key, ent, info = only_agreement(x)
    assert ent.label == "déclaration de principes"
    assert info.date == "2016-04-12"


def test_protocol_back_reference_with_its_participle(extract_fr):
    x = extract_fr("Le Kenya et l'Ouganda ont conclu un protocole d'accord sur la pêche. "
                   "Le protocole signé lundi devra être ratifié par les deux Parlements.", DATE)
    key, ent, info = only_agreement(x)
    assert info.date == "2023-06-05"  # the Monday before the article (Saturday 10 June 2023)
    assert parties(x, key) == {"state/KEN", "state/UGA"}


def test_bare_protocol_is_no_agreement_without_one_before(extract_fr):
    x = extract_fr("Le ministère de la Santé a publié un protocole sanitaire. "
                   "Le protocole signé lundi sera appliqué dans les hôpitaux.", DATE)
    assert agreements(x) == {}


def test_announced_agreement_takes_the_day(extract_fr):
    x = extract_fr("La Banque mondiale et le Ghana ont annoncé mercredi un accord de financement "
                   "de 300 millions de dollars.", DATE)
    key, ent, info = only_agreement(x)
    assert info.date == "2023-06-07"


def test_next_sentence_gives_the_end(extract_fr):
    x = extract_fr("Le Fonds monétaire international et le Pakistan ont conclu un accord de prêt en mai. "
                   "Ce prêt, le plus important de son histoire, courra jusqu'en décembre 2026.", DATE)
    key, ent, info = only_agreement(x)
    assert info.date == "2023-05"
    assert info.end == "2026-12"


def test_participle_sentence_with_pronoun_gives_the_end(extract_fr):
    x = extract_fr("La France et le Maroc ont lancé un programme de coopération sur la formation des pilotes. "
                   "Prévu jusqu'en 2027 par les deux armées de l'air, il prévoit des échanges d'instructeurs.", DATE)
    key, ent, info = only_agreement(x)
    assert info.end == "2027"


def test_continuation_only_from_the_sentence_just_before(extract_fr):
    x = extract_fr("La France et le Japon ont signé un accord de coopération spatiale en 2019. "
                   "Le président a ensuite visité une usine. Ce plan durera jusqu'en 2030.", DATE)
    key, ent, info = only_agreement(x)
    assert info.date == "2019" and info.end is None


def test_headline_agreement_joins_the_body_one(extract_fr):
    """The headline's "un protocole d'accord" is the body's "protocole d'accord sur le remplissage"."""
    x = extract_fr("Sous l'égide de l'UA, Le Caire et Khartoum signent un protocole d'accord\n"
                   "Par Karim Benali, publié le 10 juin 2023\n"
                   "L'Égypte et le Soudan ont signé mardi un protocole d'accord sur le remplissage du barrage.", DATE)
    key, ent, info = only_agreement(x)
    assert ent.label == "protocole d'accord sur le remplissage du barrage"
    assert parties(x, key) == {"state/EGY", "state/SDN"}
    assert len(ent.mentions) == 2 and ent.mentions[0].start < 80


def test_headline_agreement_joins_the_one_with_its_parties(extract_fr):
    x = extract_fr("La France et le Japon signent un accord spatial\nTokyo, le 3 mai.\n"
                   "L'Inde et le Brésil ont signé un accord de coopération agricole. "
                   "La France et le Japon ont signé un accord de coopération spatiale.", DATE)
    ags = agreements(x)
    assert sorted(ags) == ["agreement/accord-cooperation-bra-ind", "agreement/accord-cooperation-fra-jpn"]
    assert len(ags["agreement/accord-cooperation-fra-jpn"].mentions) == 2


def test_headline_agreement_of_its_own_stays(extract_fr):
    """A headline agreement the body never names again (by another kind) is kept."""
    x = extract_fr("Le Kenya et l'Ouganda signent un traité frontalier\nNairobi, le 3 mai.\n"
                   "Le Kenya et l'Ouganda ont aussi conclu un accord de coopération sur la pêche.", DATE)
    assert len(agreements(x)) == 2


def test_coordinated_signatories_with_an_apposition(extract_fr):
    """"X et Y, <apposition>, ont signé": both are parties (the parser often loses the second)."""
    x = extract_fr("Lundi, en présence du président algérien, Abdelmadjid Tebboune, le groupe Eni et Sonatrach, "
                   "la compagnie nationale algérienne des hydrocarbures, ont signé un protocole d'accord "
                   "visant à accroître les exportations de gaz.", DATE)
    key, ent, info = only_agreement(x)
    assert parties(x, key) == {"agency/eni", "agency/sonatrach"}


def test_comma_list_of_one_kind_before_the_verb(extract_fr):
    x = extract_fr("La Norvège, la Suède et la Finlande ont signé un accord de coopération militaire.", DATE)
    key, ent, info = only_agreement(x)
    assert parties(x, key) == {"state/NOR", "state/SWE", "state/FIN"}


def test_treaty_with_listed_complements_and_a_mistagged_noun(extract_fr):
    x = extract_fr("L'Italie et l'Algérie sont proches. Ces engagements s'inscrivent dans le cadre du traité "
                   "d'amitié, de bon voisinage et de coopération signé par les deux pays le 27 janvier 2003. "
                   "En juin dernier, l'Algérie a suspendu le traité d'amitié conclu en 2002 avec l'Espagne.", DATE)
    ags = agreements(x)
    by_label = {e.label: k for k, e in ags.items()}
    assert set(by_label) == {"traité d'amitié, de bon voisinage et de coopération", "traité d'amitié"}
    assert parties(x, by_label["traité d'amitié"]) == {"state/DZA", "state/ESP"}
    assert x.agreements[by_label["traité d'amitié"]].date == "2002"


def test_official_titles_run_on(extract_fr):
    """A capitalised agreement name inside a sentence is an official title: it runs over "et",
    "dans l'X", "en cas de", not over a verb."""
    x = extract_fr("Les huit pays ont signé l'Accord de coopération en matière de recherche et de sauvetage "
                   "aéronautiques et maritimes dans l'Arctique, à Nuuk en 2011. Ottawa a ratifié l'Accord de "
                   "Paris prévoit des mesures.", DATE)
    labels = {e.label for e in agreements(x).values()}
    assert labels == {"Accord de coopération en matière de recherche et de sauvetage aéronautiques et maritimes "
                      "dans l'Arctique", "Accord de Paris"}


def test_their_agreement_is_the_pair_before(extract_fr):
    x = extract_fr("Elle a rappelé que Paris et New Delhi avaient fêté l'an dernier les vingt ans de leur "
                   "partenariat stratégique, lancé en 1998.", DATE)
    key, ent, info = only_agreement(x)
    assert parties(x, key) == {"state/FRA", "state/IND"}
    assert info.start == "1998" or info.date == "1998"


def test_sector_complement_and_year_after_a_complement(extract_fr):
    x = extract_fr("La Suisse et l'Union européenne (UE) ont achevé mardi un cycle de négociations sur l'accord de "
                   "libre-échange dans le secteur agroalimentaire. Il compléterait l'accord de libre-échange de 1972 "
                   "conclu entre la Suisse et la Communauté économique européenne.", DATE)
    by_label = {e.label: k for k, e in agreements(x).items()}
    assert set(by_label) == {"accord de libre-échange dans le secteur agroalimentaire", "accord de libre-échange de 1972"}
    assert parties(x, by_label["accord de libre-échange de 1972"]) == {"state/CHE", "agency/cee"}


def test_contract_for_a_number_of_things_and_renewal_date(extract_fr):
    x = extract_fr("Dans le domaine naval, le contrat de six sous-marins Scorpène, signé en 2005 entre New Delhi et "
                   "Naval Group, entre dans sa dernière phase. L'accord de pêche entre le Maroc et l'Union "
                   "européenne, renouvelé en 2019, court jusqu'en 2023.", DATE)
    by_label = {e.label: k for k, e in agreements(x).items()}
    assert "contrat de six sous-marins Scorpène" in by_label
    assert x.agreements[by_label["contrat de six sous-marins Scorpène"]].date == "2005"
    peche = by_label["accord de pêche"]
    assert x.agreements[peche].date == "2019" and x.agreements[peche].end == "2023"


def test_official_title_over_a_mistagged_adjective(extract_fr):
    x = extract_fr("Un deuxième accord, l’Accord sur la préparation et l’intervention en cas de pollution marine par "
                   "les hydrocarbures dans l’Arctique, a suivi en 2013 à Kiruna.", DATE)
    (ent,) = agreements(x).values()
    assert ent.label.endswith("pollution marine par les hydrocarbures dans l’Arctique")


def test_verb_after_the_agreement_noun_is_not_its_adjective(extract_fr):
    x = extract_fr("Ottawa et l'Union européenne ont signé un protocole d'entente sur la recherche. L'entente court "
                   "jusqu'en 2020.", DATE)
    key, ent, info = only_agreement(x)
    assert info.end == "2020"
