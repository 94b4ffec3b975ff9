"""French word lists used by the extraction rules.

General vocabulary only (titles, speech verbs, kinds of bodies and agreements):
no names of people or organisations live here.
"""
from __future__ import annotations

import functools
import re
import unicodedata

# Titles and posts that introduce or follow a person's name.  Matched on the
# lowercased, accent-folded head word of a title phrase.
TITLE_HEADS = {
    "president", "presidente", "candidat", "candidate", "garde des sceaux", "vice-president", "vice-presidente", "premier ministre", "premiere ministre",
    "ministre", "chef", "cheffe", "dirigeant", "dirigeante", "directeur", "directrice", "porte-parole",
    "ambassadeur", "ambassadrice", "secretaire", "senateur", "senatrice", "depute", "deputee",
    "gouverneur", "gouverneure", "maire", "chancelier", "chanceliere", "roi", "reine", "prince", "princesse",
    "emir", "sultan", "general", "generale", "amiral", "commandant", "colonel", "capitaine", "marechal",
    "pdg", "patron", "patronne", "responsable", "conseiller", "conseillere", "commissaire", "juge",
    "procureur", "procureure", "envoye", "envoyee", "emissaire", "representant", "representante",
    "administrateur", "administratrice", "dirigeants", "fondateur", "fondatrice", "coordinateur",
    "coordinatrice", "negociateur", "negociatrice", "haut-commissaire", "diplomate", "chef d'etat",
    "chef de la diplomatie", "numero un", "numero deux", "leader", "analyste", "expert", "experte",
    "economiste", "ayatollah", "guide supreme", "pape", "cardinal", "eveque", "president-directeur",
    "vice-ministre", "sous-secretaire", "secretaire general", "secretaire generale", "gouvernante",
    "premier", "consul", "attache", "officier", "lieutenant", "sergent", "soldat", "militant", "militante",
    "opposant", "opposante", "avocat", "avocate", "journaliste", "correspondant", "correspondante",
    "chercheur", "chercheuse", "professeur", "professeure", "speaker", "coprésident", "copresident",
    "copresidente", "dirigeant", "homologue", "collegue", "astronaute", "cosmonaute", "ingenieur", "ingenieure", "patron", "chef adjoint", "adjoint", "adjointe",
}
# heads that denote an office in an organisation (affiliation), as opposed to a profession
OFFICE_HEADS = TITLE_HEADS - {"analyste", "expert", "experte", "economiste", "avocat", "avocate",
                              "chercheur", "chercheuse", "professeur", "professeure", "militant", "militante",
                              "opposant", "opposante", "homologue", "collegue", "diplomate"}

# Titles that name the body they belong to ("la commissaire européenne au Commerce" is a member of
# the European Commission): folded title start -> organisations gazetteer key.  Used only when the
# article also names that body.
# titles that name their state ("le garde des Sceaux" is France's minister of Justice)
TITLE_STATES: dict[str, str] = {"garde des sceaux": "FRA"}

TITLE_BODIES: dict[str, str] = {
    "commissaire europeen": "eucommission", "commissaire europeenne": "eucommission",
    "eurodepute": "europarl", "eurodeputee": "europarl", "depute europeen": "europarl",
    "deputee europeenne": "europarl",
    "secretaire general de l'onu": "un", "secretaire general des nations unies": "un",
    "secretaire general de l'otan": "nato", "secretaire generale de l'otan": "nato",
}

# "qui copréside le Caucus", "qui dirige l'agence" -> role noun
OFFICE_VERBS = {
    "presider": "président", "copresider": "coprésident", "diriger": "dirigeant", "conduire": "dirigeant",
    "commander": "commandant", "representer": "représentant", "gouverner": "dirigeant",
    "administrer": "administrateur", "piloter": "responsable", "superviser": "responsable",
}

PERSON_PREFIXES = ("M.", "Mme", "Mlle", "MM.", "Mmes", "Dr", "Dr.", "Pr", "Pr.", "Me", "Mgr", "Sir", "Lady", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.")

# Speech verbs (lemmas, accent-folded) for statements.
SPEECH_LEMMAS = {
    "declarer", "ajouter", "affirmer", "annoncer", "estimer", "dire", "expliquer", "souligner",
    "indiquer", "preciser", "assurer", "poursuivre", "conclure", "lancer", "repondre", "confier",
    "insister", "rappeler", "noter", "marteler", "avertir", "prevenir", "deplorer", "denoncer",
    "reagir", "commenter", "ecrire", "tweeter", "confirmer", "reconnaitre", "juger", "considerer",
    "ironiser", "exclamer", "interroger", "demander", "promettre", "observer", "resumer", "detailler",
    "relever", "admettre", "raconter", "temoigner", "plaider", "fustiger", "regretter", "inquieter",
    "feliciter", "avancer", "argumenter", "enchainer", "renchérir", "rencherir", "protester", "accuser",
    "mettre en garde", "jurer", "clamer", "proclamer", "soutenir", "temperer", "nuancer", "trancher",
    "lacher", "glisser", "souffler", "s'exclamer", "exhorter", "appeler", "prevenir", "informer",
    "signaler", "publier", "poster", "rapporter", "constater", "analyser", "conceder", "objecter",
    "retorquer", "repliquer", "martele", "assener", "asséner", "menacer", "conseiller", "recommander",
}
SPEECH_FORMS = re.compile(
    r"\b(?:r[ée]-?)?(?:d[ée]clar|ajout|affirm|annon[cç]|estim|dit|dis|expliqu|soulign|indiqu|pr[ée]cis|assur|poursuiv|"
    r"conclu|lanc|r[ée]pond|confi[ée]|insist|rappel|not[ée]|martel|avert|pr[ée]ven|d[ée]plor|d[ée]non[cç]|"
    r"r[ée]ag|comment|[ée]cri|tweet|confirm|reconn|jug|consid[ée]r|ironis|exclam|interrog|demand|promi|promet|"
    r"observ|r[ée]sum|d[ée]taill|relev|admi|racont|t[ée]moign|plaid|fustig|regrett|inqui[ée]t|f[ée]licit|"
    r"avan[cç]|rench[ée]ri|protest|accus|mis en garde|jur[ée]|clam|proclam|souten|soutien|r[ée]torqu|r[ée]pliqu|"
    r"l[âa]ch|gliss|souffl|exhort|inform|signal|rapport|constat|conc[ée]d|objecte|menac|conseill|recommand|"
    r"r[ée]jou|soupir|justifi|temp[êe]t|emport|agac|alarm|avou|r[ée]p[ée]t|enthousiasm|[ée]tonn|salu|qualifi|"
    r"fai[ts]\s+savoir|faire\s+savoir|pr[ée]dit|pr[ée]vi[es]nt|pr[ée]venu|interpell|affirm|r[ée]sum|r[ée]clam|plaid|jug)\w*",
    re.IGNORECASE,
)

# Heads of agency names ("l'agence spatiale russe X", "le média d'État russe X") and their kind.
AGENCY_DESCRIPTORS: list[tuple[str, str]] = [
    (r"agences?\s+spatiales?", "space-agency"),
    (r"agences?\s+de\s+presse", "media"),
    (r"m[ée]dias?\s+(?:d[’']?[ÉéEe]tat|publics?|officiels?|gouvernementaux|gouvernemental)", "state-media"),
    (r"(?:cha[iî]nes?|t[ée]l[ée]visions?|radios?)\s+(?:d[’']?[ÉéEe]tat|publiques?|officielles?)", "state-media"),
    (r"agences?\s+(?:de\s+presse\s+)?(?:officielles?|d[’']?[ÉéEe]tat|publiques?)", "state-media"),
    (r"(?:quotidiens?|journal|journaux|tablo[iï]ds?)\s+(?:d[’']?[ÉéEe]tat|officiels?|gouvernementaux|gouvernemental)", "state-media"),
    (r"m[ée]dias?|cha[iî]nes?(?:\s+de\s+t[ée]l[ée]vision)?|t[ée]l[ée]visions?|radios?|quotidiens?|journal|journaux|hebdomadaires?|magazines?|sites?\s+d[’']information|tablo[iï]ds?", "media"),
    (r"services?\s+(?:de\s+)?renseignements?|agences?\s+de\s+renseignements?|renseignement", "intelligence-agency"),
    (r"banques?\s+centrales?", "central-bank"),
    (r"parlements?|assembl[ée]es?\s+nationales?|chambres?\s+basses?|chambres?\s+hautes?", "legislature"),
    (r"compagnies?|entreprises?|soci[ée]t[ée]s?|groupes?|g[ée]ants?|constructeurs?|op[ée]rateurs?|firmes?|fabricants?|producteurs?|laboratoires?|banques?|start-up|conglom[ée]rats?|p[ée]troliers?|gaziers?", "company"),
    (r"partis?|formations?\s+politiques?", "political-party"),
    (r"organisations?\s+non\s+gouvernementales?|ONG|associations?", "ngo"),
    (r"agences?|administrations?|offices?|autorit[ée]s?|commissions?|instituts?", "agency"),
    (r"arm[ée]es?|forces?\s+arm[ée]es|marines?", "armed-forces"),
]

# Public bodies: "partOf" a state when a state is named with them.
PUBLIC_KINDS = {"ministry", "space-agency", "intelligence-agency", "legislature", "state-media",
                "central-bank", "armed-forces", "government", "court", "agency"}

# Common-noun institutions that name a body when followed by a state adjective
# ("le parlement israélien", "le gouvernement chinois").
INSTITUTION_NOUNS: dict[str, str] = {
    "parlement": "legislature", "gouvernement": "government", "sénat": "legislature", "senat": "legislature",
    "congrès": "legislature", "congres": "legislature", "banque centrale": "central-bank",
    # forces and police of a state ("la marine philippine", "la police haïtienne"); the bare "armée
    # américaine" is left out: news uses it for the country's military power as a whole
    "marine": "armed-forces", "armée de l'air": "armed-forces", "armée de l’air": "armed-forces",
    "armée de terre": "armed-forces", "garde côtière": "armed-forces", "garde-côtes": "armed-forces",
    "garde nationale": "armed-forces", "police": "agency", "gendarmerie": "agency",
}

# Nouns heading an agency name given in full ("Administration nationale de l'espace").
AGENCY_NAME_HEADS = {
    "administration", "agence", "office", "service", "services", "département", "departement", "commission",
    "conseil", "parlement", "sénat", "senat", "assemblée", "assemblee", "congrès", "congres", "banque", "fonds",
    "cour", "tribunal", "armée", "armee", "forces", "garde", "gouvernement", "ministère", "ministere",
    "caucus", "comité", "comite", "bureau", "institut", "université", "universite", "organisation",
    "union", "ligue", "fédération", "federation", "autorité", "autorite", "direction", "secrétariat",
    "secretariat", "chambre", "haut-commissariat", "centre", "académie", "academie", "parti", "front",
    "mouvement", "alliance", "coalition", "association", "fondation", "groupe", "société", "societe",
    "compagnie", "entreprise", "corporation", "agency", "department", "council", "ministry", "office",
    "bank", "fund", "committee", "commission", "institute", "university", "organization", "organisation",
    "corps", "gendarmerie", "police", "douane", "douanes", "marine",
}

# Agreement trigger nouns -> kind
AGREEMENT_TRIGGERS: list[tuple[str, str]] = [
    (r"protocoles?\s+d[’'](?:accord|entente)", "memorandum"),
    # "le protocole de Kyoto", "un nouveau protocole de pêche", "le protocole additionnel" (not "protocole sanitaire")
    (r"protocole(?=\s+(?:additionnel|facultatif|de\s+(?!soins|sant[ée]|s[ée]curit[ée]|traitement|recherche)|d[’'](?!accord|entente)|sur\s|relatifs?\s))", "accord"),
    (r"lettres?\s+d[’']intention", "memorandum"),
    (r"d[ée]clarations?\s+d[’']intention(?:\s+communes?|\s+conjointes?)?", "memorandum"),
    (r"d[ée]clarations?\s+(?:communes?|conjointes?)", "accord"),
    (r"d[ée]clarations?\s+de\s+principes?", "accord"),
    (r"arrangements?", "accord"),
    (r"m[ée]morandums?(?:\s+d[’'](?:accord|entente))?", "memorandum"),
    (r"memorandums?\s+of\s+understanding", "memorandum"),
    (r"trait[ée]s?", "treaty"),
    (r"accords?-cadres?", "accord"),
    (r"accords?", "accord"),
    (r"partenariats?", "partnership"),
    (r"programmes?\s+(?:de\s+coop[ée]ration|conjoints?|commun(?:s)?|bilat[ée]ra(?:l|ux))", "cooperation-programme"),
    (r"conventions?-cadres?", "convention"),
    (r"conventions?", "convention"),
    (r"pactes?", "pact"),
    (r"contrats?", "contract"),
    (r"chartes?", "charter"),
    (r"ententes?", "accord"),
    (r"alliances?\s+(?:militaires?|strat[ée]giques?)", "partnership"),
    (r"deals?", "deal"),
    (r"protocole", "protocol-ref"),      # only as a back reference to a protocol ("le protocole signé mardi")
    (r"programmes?", "programme-ref"),   # only as a back reference ("le programme")
    (r"texte", "text-ref"),              # only as a back reference ("le texte a été signé")
]

# nouns that stand for "the two parties" of a relation
PAIR_NOUNS = r"(?:parties|pays|nations|[ÉéEe]tats|gouvernements|voisins|puissances|capitales|partenaires|g[ée]ants|alli[ée]s|camps|signataires)"

# Words that are never an entity on their own.
NEVER_ENTITY = {
    "etat", "etats", "gouvernement", "occident", "ouest", "est", "nord", "sud", "l", "d", "qu", "n", "c", "s",
    "j", "m", "maintenant", "aujourd'hui", "hier", "demain", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche", "selon", "source", "sources", "photo", "video", "vidéo", "lune", "terre", "mars",
    "soleil", "dieu", "internet", "web", "covid", "covid-19", "europe", "asie", "afrique", "amerique",
    "oceanie", "moyen-orient", "proche-orient", "arctique", "antarctique", "pacifique", "atlantique",
    "il", "elle", "ils", "elles", "nous", "vous", "on", "je", "tu", "ce", "cela", "ceci", "ca", "celui",
    "par", "pour", "mais", "et", "ou", "donc", "or", "ni", "car", "si", "le", "la", "les", "un", "une", "des",
}


_FOLD_EXTRA = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
                             "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"})


@functools.lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """Lowercase, strip accents, unify apostrophes and spaces.

    >>> fold("Ministère  d’État")
    "ministere d'etat"
    """
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s.translate(_FOLD_EXTRA))
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip().casefold()


def slug(s: str, max_len: int = 80) -> str:
    """A stable IRI-safe key: folded, ``[a-z0-9-]`` only.

    >>> slug("Sécurité & Défense (DIA)")
    'securite-defense-dia'
    >>> slug("Владимир Путин").startswith("u-")
    True
    """
    out = re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")
    out = out[:max_len].rstrip("-")
    if not out and s.strip():
        # a name in another script ("Владимир Путин"): a short stable hash keeps it distinct
        import hashlib

        out = "u-" + hashlib.sha1(fold(s).encode("utf-8")).hexdigest()[:12]
    return out

# month and weekday names (folded): never words of a person's name
MONTHS_AND_DAYS = frozenset({
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
    "decembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
})
