"""Events between actors and quantities with units.

Events: trigger verbs and nouns (invasion, condemnation, sanctions, meetings,
visits, attacks, elections, negotiations) with the actors attached to them:
the subject and object of a verb (dependency parse, with coordination), or the
actors named around a noun ("une rencontre entre X et Y", "les sanctions
occidentales contre Moscou").  A negated verb ("n'a pas condamné") keeps the
event with modality ``negated``; a conditional or future one is ``planned``.

Quantities: a number with its unit ("75 %", "plus de 6 milliards de dollars",
"463 000 tonnes"), the words it measures ("les importations de gaz") and the
period when the sentence gives one ("en avril").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.extract import lexicon as lx
from graph.extract.nlp import doc_index, sentence_at
from graph.extract.dates import find_dates
from graph.extract.entities import DocEntities
from graph.types import Evidence

_EVENT_LEMMAS = {
    "envahir": "invasion", "invasion": "invasion", "annexer": "invasion", "annexion": "invasion",
    "condamner": "condemnation", "condamnation": "condemnation", "denoncer": "condemnation",
    "sanction": "sanction", "sanctionner": "sanction", "embargo": "sanction",
    "rencontre": "meeting", "rencontrer": "meeting", "reunion": "meeting", "sommet": "meeting",
    "entretien": "meeting", "entretenir": "meeting", "recevoir": "meeting",
    "visite": "visit", "visiter": "visit",
    "attaque": "attack", "attaquer": "attack", "bombarder": "attack", "bombardement": "attack", "frappe": "attack",
    "election": "election", "elire": "election",
    "negociation": "negotiation", "negocier": "negotiation", "pourparlers": "negotiation",
}
_NEG = re.compile(r"\b(?:n[’']|ne\s)\s*(?:\w+\s+){0,2}?(?:pas|jamais|plus|guère|point)\b", re.IGNORECASE)
_PLANNED = re.compile(r"\b(?:devrait|devraient|pourrait|pourraient|va|vont|prévoit|prévoient|envisage|compte)\b", re.IGNORECASE)

_NUM = r"(?:\d{1,3}(?:[ \u202f\u00a0.]\d{3})+|\d+)(?:[,.]\d+)?"
_QUANTITY = re.compile(
    r"(?P<approx>(?:plus|moins|près|pr[eè]s|environ|quelque|au moins|jusqu[’']à)\s+(?:de\s+|d[’'])?)?"
    rf"(?P<num>{_NUM})\s*"
    r"(?P<scale>milliards?|millions?|milliers?|mille|billions?)?\s*(?:de\s+|d[’'])?"
    r"(?P<unit>%|pour\s*cent|dollars?|euros?|yuans?|roubles?|livres?|francs?|\$|€|tonnes?|barils?|"
    r"m[èe]tres?\s+cubes?|m3|kilom[èe]tres?|km|kilos?|kg|m[ée]gawatts?|MW|gigawatts?|GW|habitants?|"
    r"personnes|soldats|morts|victimes|r[ée]fugi[ée]s|emplois)(?![\w])",
    re.IGNORECASE,
)
_SCALE = {"milliard": 1e9, "milliards": 1e9, "million": 1e6, "millions": 1e6, "millier": 1e3, "milliers": 1e3,
          "mille": 1e3, "billion": 1e12, "billions": 1e12}


@dataclass(slots=True)
class EventInfo:
    kind: str
    start: int
    end: int
    trigger: str
    participants: list[str]
    evidence: Evidence
    date: str | None = None


@dataclass(slots=True)
class QuantityInfo:
    amount: str          # decimal as text
    unit: str
    text: str
    of: str | None
    start: int
    end: int
    evidence: Evidence
    date: str | None = None
    extra: dict = field(default_factory=dict)


def _sent_of(sentences, pos):
    return sentence_at(sentences, pos, default=(0, 0))


def find_events(doc, text: str, ents: DocEntities, sentences, ref_date: str | None) -> list[EventInfo]:
    out: list[EventInfo] = []
    actor_types = {"Person", "State", "Agency"}

    def actors_of(tok) -> list[str]:
        keys: list[str] = []
        stack = [tok]
        toks = []
        while stack:
            t = stack.pop()
            toks.append(t)
            stack.extend(c for c in t.children if c.dep_ in {"conj", "flat:name", "amod", "nmod", "appos"})
        for t in toks:
            for m in ents.mentions:
                if m.start <= t.idx < m.end and ents.by_key[m.key].type in actor_types and m.key not in keys:
                    keys.append(m.key)
            # "occidentales", "russe": adjectives standing for states
            if t.pos_ == "ADJ":
                from graph.extract.entities import _state_of_adj

                iso = _state_of_adj(t.text)
                if iso and f"state/{iso}" in ents.by_key and f"state/{iso}" not in keys:
                    keys.append(f"state/{iso}")
        return keys

    for tok in doc_index(doc).tokens:
        kind = _EVENT_LEMMAS.get(lx.fold(tok.lemma_))
        if kind is None and lx.fold(tok.text).startswith(("envahi", "condamn", "sanctionn", "rencontr", "bombard", "negoci")):
            kind = _EVENT_LEMMAS.get({"envahi": "envahir", "condamn": "condamner", "sanctionn": "sanctionner",
                                      "rencontr": "rencontrer", "bombard": "bombarder", "negoci": "negocier"}[
                next(p for p in ("envahi", "condamn", "sanctionn", "rencontr", "bombard", "negoci") if lx.fold(tok.text).startswith(p))])
            if tok.pos_ not in {"VERB", "NOUN"} and tok.pos_ in {"AUX", "ADJ", "PROPN"}:
                tok_pos = "VERB"
        if kind is None:
            continue
        if tok.pos_ not in {"VERB", "NOUN"}:
            continue
        ss, se = _sent_of(sentences, tok.idx)
        parts: list[str] = []
        if tok.pos_ == "VERB":
            for c in tok.children:
                if c.dep_ in {"nsubj", "nsubj:pass", "obj", "obl:arg", "obl", "iobj"}:
                    parts += [k for k in actors_of(c) if k not in parts]
        else:
            for c in tok.children:
                if c.dep_ in {"nmod", "amod", "obl"}:
                    parts += [k for k in actors_of(c) if k not in parts]
            window = text[tok.idx: min(se, tok.idx + 160)]
            m = re.match(r"\w+\s+(?:\w+\s+)?(?:entre|de|du|des|d[’']|contre|avec|à)\s+", window)
            if m:
                for mm in ents.at(tok.idx + m.end(), min(se, tok.idx + 160)):
                    if ents.by_key[mm.key].type in actor_types and mm.key not in parts:
                        parts.append(mm.key)
                        if len(parts) >= 4:
                            break
        if not parts and tok.pos_ == "VERB":
            # the parse missed the arguments: the nearest actor before (subject) and after (object)
            pre = [m for m in ents.at(max(ss, tok.idx - 50), tok.idx) if ents.by_key[m.key].type in actor_types]
            post = [m for m in ents.at(tok.idx, min(se, tok.idx + len(tok.text) + 40)) if ents.by_key[m.key].type in actor_types]
            for m in pre[-1:] + post[:1]:
                if m.key not in parts:
                    parts.append(m.key)
        if not parts:
            continue
        clause = text[max(ss, tok.idx - 40):tok.idx + len(tok.text) + 12]
        # "avant que la Russie n'envahisse": an expletive "ne", not a negation
        expletive = re.search(r"\b(?:avant\s+qu[’']|avant\s+que|à\s+moins\s+qu[’'e]|de\s+peur\s+qu[’'e]|sans\s+qu[’'e])", text[max(ss, tok.idx - 60):tok.idx])
        refusal = re.search(r"\b(?:refus\w*|rejet\w*|s[’']oppos\w*)\b[^.;]{0,50}$", text[max(ss, tok.idx - 70):tok.idx])
        negated = (bool(_NEG.search(clause)) and not expletive) or bool(refusal)
        modality = "negated" if negated else ("planned" if _PLANNED.search(clause) else "asserted")
        dates = find_dates(text[ss:se], ref_date)
        out.append(EventInfo(kind, tok.idx, tok.idx + len(tok.text), tok.text, parts,
                             Evidence(ss, se, tok.idx, tok.idx + len(tok.text), f"event.{kind}", 0.6, modality),
                             date=dates[0].value if dates else None))
    return out


def _amount(num: str, scale: str | None) -> str | None:
    """The decimal value of a French number ("463 000", "2,5", "11.969.000"), or None."""
    n = re.sub(r"[ \u202f\u00a0]", "", num)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", n):
        n = n.replace(".", "")  # dots as thousands separators
    n = n.replace(",", ".")
    try:
        value = float(n) * _SCALE.get((scale or "").lower(), 1)
    except ValueError:
        return None
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def find_quantities(text: str, sentences, ref_date: str | None) -> list[QuantityInfo]:
    out: list[QuantityInfo] = []
    for m in _QUANTITY.finditer(text):
        num = m.group("num")
        if re.fullmatch(r"(?:19|20)\d{2}", num) and not m.group("scale"):
            continue  # a year, not a quantity
        unit = m.group("unit").lower()
        unit = {"pour cent": "%", "pourcent": "%", "$": "dollar", "€": "euro"}.get(re.sub(r"\s+", " ", unit), unit)
        unit = re.sub(r"s$", "", unit) if unit not in {"%", "personnes", "pourparlers"} else unit
        ss, se = _sent_of(sentences, m.start())
        before = text[ss:m.start()]
        of = None
        mo = re.search(r"(?:^|[.;:]\s*|\b)(?:[Ll]es?|[Ll]a|[Ll][’']|[Dd]es)\s+([a-zéèêëàâîïôöûüç][\wéèêëàâîïôöûüç’', -]{3,110}?)\s+(?:ont|a|avait|avaient|sont|est)\s+(?:\w+\s+){0,3}$", before)
        if mo:
            of = mo.group(1).strip()
        dates = find_dates(text[m.end():se], ref_date) or find_dates(before[-40:], ref_date)
        amount = _amount(num, m.group("scale"))
        if amount is None:
            continue
        out.append(QuantityInfo(amount, unit, m.group(0).strip(), of, m.start(), m.end(),
                                Evidence(ss, se, m.start(), m.end(), "quantity.number-unit", 0.7),
                                date=dates[0].value if dates else None))
    return out
