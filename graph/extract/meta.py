"""Entities from the article's metadata: the byline author and the publisher."""
from __future__ import annotations

import re

from graph.extract import lexicon as lx
from graph.extract.nlp import sentence_at
from graph.extract.entities import Cand, DocEntities, _Matchers
from graph.types import Article, Evidence, Relation


def _find(text: str, needle: str, spans) -> tuple[int, int] | None:
    for _kind, s, e in spans:
        i = text.find(needle, s, e)
        if i >= 0:
            return i, i + len(needle)
    i = text.find(needle)
    return (i, i + len(needle)) if i >= 0 else None


def _sent(sentences, pos):
    return sentence_at(sentences, pos)


def metadata_entities(article: Article, ents: DocEntities, sentences) -> list[Relation]:
    """Add the publisher (an Agency, media) and authors (Persons); authors are
    affiliated with the publisher (implicit, low confidence)."""
    text = article.text
    out: list[Relation] = []
    orgs = _Matchers.get().orgs
    pub_key = None
    if article.publisher:
        known = orgs.lookup(article.publisher)
        key = f"agency/{known.key}" if known else f"agency/{lx.slug(article.publisher)}"
        existing = ents.find(article.publisher)
        if existing is not None and existing.type == "Agency":
            key = existing.key
        where = _find(text, article.publisher, article.meta_spans)
        if where:
            already = [m for m in ents.mentions if m.start == where[0] and m.key]
            if not already:
                c = Cand(where[0], where[1], article.publisher, "Agency", "meta.publisher", 0.9)
                ents.add(c, key, "Agency", known.label if known else article.publisher,
                         kind=known.kind if known else "media", iso3=known.state if known else None)
            pub_key = ents.mentions[[m.start for m in ents.mentions].index(where[0])].key if already else key
        elif key in ents.by_key:
            pub_key = key
        if pub_key and ents.by_key[pub_key].kind is None:
            ents.by_key[pub_key].kind = "media"
    for name in re.split(r"\s*(?:,|\bet\b|&|\band\b)\s*", article.author or ""):
        name = name.strip()
        if len(name.split()) < 2 or not name[:1].isupper() or re.search(r"\d", name):
            continue
        if (article.publisher and lx.fold(name) == lx.fold(article.publisher)) or orgs.lookup(name):
            continue  # "FRANCE 24" signing as its own author: the medium, not a person
        where = _find(text, name, article.meta_spans)
        key = f"person/{lx.slug(name)}"
        if where:
            hit = [m for m in ents.mentions if m.start <= where[0] < m.end and m.key]
            if hit:
                key = hit[0].key
                if ents.by_key[key].type != "Person":
                    continue
            else:
                ents.add(Cand(where[0], where[1], name, "Person", "meta.author", 0.9), key, "Person", name)
        else:
            continue
        if pub_key:
            ss, se = _sent(sentences, where[0])
            out.append(Relation(key, "affiliatedWith", pub_key, Evidence(ss, se, where[0], where[1], "meta.byline", 0.6),
                                role="auteur", implicit=True))
    return out
