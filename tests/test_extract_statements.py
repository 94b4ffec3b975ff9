"""Statements (graph.extract.quotes) on short French sentences written for the test."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

DATE = "2023-06-10"


def said(x) -> list[tuple[str, str | None]]:
    return [(s.quote, s.speaker) for s in x.statements]


def test_quote_then_a_declare_name(extract_fr):
    text = "« Nous ne céderons à aucune pression extérieure », a déclaré Ahmet Yilmaz lors d'une conférence de presse."
    x = extract_fr(text, DATE)
    assert said(x) == [("Nous ne céderons à aucune pression extérieure", "person/ahmet-yilmaz")]
    (s,) = x.statements
    assert text[s.start:s.end] == s.quote
    assert s.reported_by is None
    assert s.evidence.rule == "quote.verb-after"
    assert s.evidence.modality == "asserted"
    assert s.date == DATE


def test_name_a_ajoute_colon_quote(extract_fr):
    x = extract_fr("La ministre suédoise Karin Lindqvist a ajouté : « Le dialogue reste la seule voie possible. » "
                   "La réunion a duré deux heures.", DATE)
    assert said(x) == [("Le dialogue reste la seule voie possible.", "person/karin-lindqvist")]
    assert x.statements[0].evidence.rule == "quote.verb-before"


def test_pronoun_after_resolves_to_last_person(extract_fr):
    x = extract_fr("Le chef de la diplomatie chilienne, Andrés Fuentes, s'est exprimé mardi. "
                   "« Notre pays respectera tous ses engagements », a-t-il ajouté.", DATE)
    assert said(x) == [("Notre pays respectera tous ses engagements", "person/andres-fuentes")]
    assert x.statements[0].evidence.rule == "quote.pronoun-after"


def test_pronoun_after_resolves_to_last_speaker(extract_fr):
    x = extract_fr("« Nous attendons des garanties écrites », a indiqué Hugo Lambert. "
                   "« Sans elles, rien ne bougera », a-t-il ajouté. "
                   "« Le calendrier reste inchangé », a précisé Nadia Benali.", DATE)
    assert said(x) == [
        ("Nous attendons des garanties écrites", "person/hugo-lambert"),
        ("Sans elles, rien ne bougera", "person/hugo-lambert"),
        ("Le calendrier reste inchangé", "person/nadia-benali"),
    ]


def test_pronoun_before_quote(extract_fr):
    x = extract_fr("Lors de la conférence, Hugo Lambert a répondu aux journalistes. "
                   "Il a déclaré : « Nous attendons des garanties écrites de nos partenaires. » "
                   "La séance a été levée.", DATE)
    assert said(x) == [("Nous attendons des garanties écrites de nos partenaires.", "person/hugo-lambert")]


def test_two_quotes_in_a_row_continuation(extract_fr):
    x = extract_fr("« Les discussions avancent dans le bon sens », a affirmé Miguel Ortega. "
                   "« Nous espérons conclure avant la fin de l'année. » Les pourparlers reprendront lundi.", DATE)
    assert said(x) == [
        ("Les discussions avancent dans le bon sens", "person/miguel-ortega"),
        ("Nous espérons conclure avant la fin de l'année.", "person/miguel-ortega"),
    ]
    assert x.statements[1].evidence.rule == "quote.continuation"


def test_english_curly_quotes(extract_fr):
    text = "“Nous allons renforcer notre présence navale dans la région”, a déclaré Kenji Watanabe."
    x = extract_fr(text, DATE)
    assert said(x) == [("Nous allons renforcer notre présence navale dans la région", "person/kenji-watanabe")]
    s = x.statements[0]
    assert text[s.start:s.end] == s.quote
    assert text[s.start - 1] == "“"


def test_scare_quotes_are_not_statements(extract_fr):
    x = extract_fr("Les deux pays ont salué un partenariat « solide » et « durable », a déclaré Kenji Watanabe.", DATE)
    assert x.statements == []


def test_short_quoted_phrase_is_not_a_statement(extract_fr):
    x = extract_fr("Hugo Lambert a qualifié la proposition de « pure provocation », a rapporté la presse locale.", DATE)
    assert x.statements == []


def test_lowercase_quoted_fragment_is_not_a_statement(extract_fr):
    x = extract_fr("Le ministre Hugo Lambert a parlé d'une « étape historique pour la région ». "
                   "Le texte sera publié demain.", DATE)
    assert x.statements == []


def test_selon_person_after_quote(extract_fr):
    x = extract_fr("« Le retrait des troupes commencera la semaine prochaine », selon Hugo Lambert.", DATE)
    assert said(x) == [("Le retrait des troupes commencera la semaine prochaine", "person/hugo-lambert")]
    assert x.statements[0].reported_by is None


def test_selon_le_media_after_quote_gives_reported_by(extract_fr):
    x = extract_fr("« Aucune décision n'a encore été prise à ce stade », a déclaré Dmitri Orlov, "
                   "selon le média Kommersant.", DATE)
    assert said(x) == [("Aucune décision n'a encore été prise à ce stade", "person/dmitri-orlov")]
    s = x.statements[0]
    assert s.reported_by == "agency/kommersant"
    assert x.entities["agency/kommersant"].type == "Agency"
    assert s.evidence.modality == "reported"
    assert s.evidence.attributed_to == "agency/kommersant"


def test_selon_le_media_before_quote_gives_reported_by(extract_fr):
    x = extract_fr("Selon le média Kommersant, Dmitri Orlov a déclaré : "
                   "« Aucune décision n'a encore été prise à ce stade. » Le Kremlin n'a pas réagi.", DATE)
    assert said(x) == [("Aucune décision n'a encore été prise à ce stade.", "person/dmitri-orlov")]
    assert x.statements[0].reported_by == "agency/kommersant"


def test_statement_date_from_sentence(extract_fr):
    x = extract_fr("« Nous ne signerons rien sous la menace », a déclaré Hugo Lambert le 2 juin.", DATE)
    assert said(x) == [("Nous ne signerons rien sous la menace", "person/hugo-lambert")]
    assert x.statements[0].date == "2023-06-02"


def test_quote_without_any_speaker_is_dropped(extract_fr):
    x = extract_fr("« Nous ne reculerons devant aucune menace extérieure. » Le slogan a été repris par la foule.", DATE)
    assert x.statements == []


def test_feminine_pronoun_after(extract_fr):
    x = extract_fr("Ewa Kowalczyk a visité le camp. « Nous ferons tout pour les accueillir », a-t-elle assuré. "
                   "Le camp compte deux mille places.", DATE)
    assert said(x) == [("Nous ferons tout pour les accueillir", "person/ewa-kowalczyk")]


def test_title_between_verb_and_speaker(extract_fr):
    x = extract_fr("« Les frontières resteront ouvertes pour les réfugiés », a déclaré la ministre polonaise "
                   "de l'Intérieur, Ewa Kowalczyk.", DATE)
    assert said(x) == [("Les frontières resteront ouvertes pour les réfugiés", "person/ewa-kowalczyk")]


def test_selon_agence_after_speaker_gives_reported_by(extract_fr):
    x = extract_fr("« Les discussions ont été suspendues jusqu'à nouvel ordre », a déclaré Hugo Lambert, "
                   "selon l'agence Reuters.", DATE)
    assert said(x) == [("Les discussions ont été suspendues jusqu'à nouvel ordre", "person/hugo-lambert")]
    assert x.statements[0].reported_by == "agency/reuters"


def test_pronoun_after_prefers_previous_subject(extract_fr):
    x = extract_fr("Hugo Lambert a rencontré Nadia Benali mardi. "
                   "« Nous avons trouvé un terrain d'entente », a-t-il déclaré.", DATE)
    assert said(x) == [("Nous avons trouvé un terrain d'entente", "person/hugo-lambert")]


# --------------------------------------------------------------------------- session 2 patterns


def test_pronoun_subject_after_a_selon_medium(extract_fr):
    """"Selon l'agence X, il a affirmé que ... « ... »": the pronoun speaks, the agency reports."""
    x = extract_fr("Le ministre péruvien des Mines, Luis Paredes, a reçu les investisseurs lundi. "
                   "Selon l'agence officielle Andina, il a affirmé que le pays resterait \"un partenaire sûr pour tous les acheteurs\".", DATE)
    (s,) = x.statements
    assert s.speaker == "person/luis-paredes"
    assert s.reported_by is not None and "andina" in s.reported_by


def test_description_resolves_through_the_post(extract_fr):
    """"a déclaré le chef de l'État": the person whose post is president, not the last name seen."""
    x = extract_fr("Le président Tomas Varga a reçu les partis mardi. Le journaliste Pavel Dusek était présent. "
                   "« Personne ne sort vaincu de cette nuit de discussions », a déclaré le chef de l'État devant la presse.", DATE)
    assert said(x) == [("Personne ne sort vaincu de cette nuit de discussions", "person/tomas-varga")]


def test_description_ministre_picks_the_minister(extract_fr):
    x = extract_fr("Le texte a été signé par le ministre chilien des Pêches, Rodrigo Alvear, et par Ana Ruiz, "
                   "cheffe de la délégation européenne. « Chaque tonne pêchée devra être déclarée au port », a insisté le ministre.", DATE)
    assert said(x) == [("Chaque tonne pêchée devra être déclarée au port", "person/rodrigo-alvear")]


def test_subject_followed_by_its_verb_after_a_long_clause(extract_fr):
    """A name the parser misreads after an introductory participle clause is still the subject."""
    x = extract_fr("La directrice Clara Benoit a parlé en premier. Arrivé en mars à la tête du groupe avec la mission de le redresser, "
                   "Marcel Okonkwo entend reconquérir des marchés. « Nous avons perdu des clients par rigidité », a-t-il reconnu.", DATE)
    assert said(x)[-1] == ("Nous avons perdu des clients par rigidité", "person/marcel-okonkwo")


def test_a_noun_sharing_a_speech_stem_is_not_the_verb(extract_fr):
    """"il a jugé « ... » ce dispositif, que le gouvernement d'Anna Berg ...": "dispositif" is no speech verb."""
    x = extract_fr("À Berlin, le ministre allemand de l'Économie, Jonas Keller, conteste le mécanisme. Selon l'agence DPA, "
                   "il a jugé \"inacceptable en l'état\" ce dispositif, que le gouvernement d'Anna Berg voudrait voir retiré.", DATE)
    (s,) = x.statements
    assert s.speaker == "person/jonas-keller"


def test_speaker_in_apposition_to_a_title_with_commas(extract_fr):
    x = extract_fr("« Ce protocole est le plus important que nous ayons jamais conclu », a déclaré le commissaire européen "
                   "à l'Environnement, aux Océans et à la Pêche, Virginijus Sinkevičius, dans un message vidéo.", DATE)
    assert said(x) == [("Ce protocole est le plus important que nous ayons jamais conclu", "person/virginijus-sinkevicius")]


def test_selon_a_titled_person_of_a_body_is_the_person(extract_fr):
    x = extract_fr("Le sommet de l'Union africaine (UA) s'est ouvert. Selon le commissaire de l'UA au Commerce, Albert Muchanga, "
                   "les négociations devraient aboutir « d'ici à la fin de l'année ».", DATE)
    assert [s.speaker for s in x.statements] == ["person/albert-muchanga"]


def test_an_unnamed_member_of_a_body_is_not_the_body(extract_fr):
    x = extract_fr("Le sommet de l'Union africaine (UA) s'est ouvert. « Asmara observe, elle ne ferme pas la porte », "
                   "glisse un diplomate de l'UA.", DATE)
    assert not [s for s in x.statements if s.speaker == "agency/au"]


def test_regional_demonym_after_the_quote_and_its_pronoun(extract_fr):
    """"a martelé le Thurgovien": the person named just before; then "a-t-il averti" is the same one."""
    x = extract_fr("M. Bötsch a parlé hier. Son président, Hansjörg Walter, a lancé une pétition. « Cet accord "
                   "signerait la fin de milliers d'exploitations familiales », a martelé le Thurgovien devant les "
                   "délégués. « Nous ne laisserons pas Bruxelles dicter le prix du lait », a-t-il averti.")
    assert [s.speaker for s in x.statements] == ["person/hansjorg-walter", "person/hansjorg-walter"]


def test_colon_quote_is_the_subjects_not_the_addressees(extract_fr):
    x = extract_fr("José Manuel Barroso, le président de la Commission, l'a rappelé sans détour au président de la "
                   "Confédération, Hans-Rudolf Merz, lors de leur rencontre en septembre: \"La Suisse ne peut pas "
                   "profiter du marché intérieur sans en partager les règles.\"")
    assert [s.speaker for s in x.statements] == ["person/jose-manuel-barroso"]


def test_colon_quote_of_the_last_person_named(extract_fr):
    x = extract_fr("Après la réunion avec Olaf Scholz, le ministre Bruno Le Maire a tranché : « Nous ne céderons "
                   "rien sur ce dossier. »")
    assert [s.speaker for s in x.statements] == ["person/bruno-le-maire"]


def test_selon_m_before_a_partial_quote(extract_fr):
    x = extract_fr("Moscou a dépêché le ministre des Ressources naturelles, Sergueï Donskoï. Une absence remarquée. "
                   "Selon M. Donskoï, la Russie « n’a aucune intention de militariser l’Arctique » et demeure "
                   "attachée aux travaux du Conseil.")
    assert [s.speaker for s in x.statements] == ["person/serguei-donskoi"]


def test_selon_a_title_of_a_body_is_the_person_holding_it(extract_fr):
    """"Selon le président de l'ISRO, « … »": the person with that post if the article names one, never the
    body; "Selon le ministère ..., « … »" is the body."""
    x = extract_fr("Le président de l'ISRO, K. Sivan, a salué le soutien de Paris. Selon le président de l'ISRO, "
                   "l'accord permettra aux astronautes « de bénéficier de l'expérience européenne en matière de vols ».")
    assert [s.speaker for s in x.statements] == ["person/k-sivan"]
    x = extract_fr("Son homologue indien a salué le soutien de Paris. Selon le président de l'ISRO, l'accord "
                   "permettra aux astronautes « de bénéficier de l'expérience européenne en matière de vols ».")
    assert [s.speaker for s in x.statements if s.speaker] == []
    x = extract_fr("Selon le ministère des Affaires étrangères, la Russie « n'a aucune intention de militariser la "
                   "région ».")
    assert [s.speaker.split("/")[0] for s in x.statements] == ["agency"]
