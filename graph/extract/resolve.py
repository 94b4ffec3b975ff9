"""From one document's working entities to the pipeline's `Extraction`.

Canonical labels: states take the gazetteer's French name; persons their
longest full name; agencies the gazetteer name or the longest form seen.  Every
surface form goes to the aliases (``skos:altLabel``).
"""
from __future__ import annotations

from graph.extract import lexicon as lx
from graph.extract.nlp import sentence_at
from graph.extract.entities import DocEntities
from graph.types import Article, Entity, Extraction, Mention


def _sent(sentences, pos):
    return sentence_at(sentences, pos)


def _scope_stateless_ministries(article: Article, ents: DocEntities, relations, statements) -> None:
    """A ministry named without its state ("le ministère de la Défense") is this document's
    own: its key gets the document id, so two countries' ministries never merge."""
    rename = {k: f"{k}-{article.doc_id}" for k, e in ents.by_key.items()
              if e.type == "Agency" and e.kind == "ministry" and not e.iso3 and k.startswith("agency/ministere-")}
    if not rename:
        return
    for old, new in rename.items():
        e = ents.by_key.pop(old)
        e.key = new
        ents.by_key[new] = e
        for m in e.mentions:
            m.key = new
    for a, k in list(ents.alias.items()):
        if k in rename:
            ents.alias[a] = rename[k]
    for r in relations:
        r.subject = rename.get(r.subject, r.subject)
        r.object = rename.get(r.object, r.object)
    for st in statements:
        st.speaker = rename.get(st.speaker, st.speaker)
        st.reported_by = rename.get(st.reported_by, st.reported_by)


def to_extraction(article: Article, ents: DocEntities, relations, ag_info, statements, sentences) -> Extraction:
    _scope_stateless_ministries(article, ents, relations, statements)
    out = Extraction(article=article, sentences=sentences)
    used = {r.subject for r in relations} | {r.object for r in relations} | {s.speaker for s in statements if s.speaker} \
        | {s.evidence.attributed_to for s in statements if s.evidence.attributed_to}
    for key, e in ents.by_key.items():
        if not e.mentions and key not in used:
            continue
        label = e.label
        if e.type == "Person":
            forms = [f for f in e.forms if len(f.split()) >= 2]
            label = max(forms, key=lambda f: (len(f.split()), len(f))) if forms else e.label
        elif e.type == "Agreement":
            # the fullest name seen ("contrats d'achat et de vente" rather than a later "contrat")
            label = max([e.label] + [f for f in e.forms if f[:1].islower() or f[:1].isupper()], key=lambda f: (len(f.split()), len(f)))
        elif e.type == "Agency" and not e.key.startswith("agency/ministere-") and e.rule not in {"gazetteer.org"}:
            forms = [f for f in e.forms if f[:1].isupper() or f == e.label]
            if forms and not e.label:
                label = max(forms, key=len)
        ent = Entity(key=key, type=e.type, label=label, kind=e.kind, iso3=e.iso3, lang=article.lang)
        ent.aliases = {f for f in e.forms if f and lx.fold(f) != lx.fold(label)}
        for c in e.mentions:
            ss, se = _sent(sentences, c.start)
            ent.mentions.append(Mention(c.text, e.type, c.start, c.end, ss, se, key=key, rule=c.rule, confidence=c.conf))
        out.entities[key] = ent
    out.relations = [r for r in relations if r.subject in out.entities and r.object in out.entities]
    out.agreements = {k: v for k, v in ag_info.items() if k in out.entities}
    out.statements = statements
    return out
