"""French extraction on top of spaCy.

``extract_articles(articles, nlp)`` runs the model once over a batch
(``nlp.pipe``) and applies the rule families of this package to each document:
entities (:mod:`.entities`), posts and agencies of states (:mod:`.posts`),
agreements (:mod:`.agreements`) and statements (:mod:`.quotes`).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from graph.types import Article, Extraction

__all__ = ["extract_article", "extract_articles", "extract_doc"]


def extract_doc(article: Article, doc) -> Extraction:
    """Everything extracted from one article, given its spaCy ``doc``."""
    from graph.extract.nlp import drop_doc_index

    try:
        return _extract_doc(article, doc)
    finally:
        drop_doc_index(doc)


def _extract_doc(article: Article, doc) -> Extraction:
    from graph.extract.agreements import find_agreements
    from graph.extract.entities import collect_candidates, resolve_candidates
    from graph.extract.events import find_events, find_quantities
    from graph.extract.meta import metadata_entities
    from graph.extract.posts import find_posts
    from graph.extract.quotes import find_statements
    from graph.extract.resolve import to_extraction

    text = article.text
    from graph.extract.nlp import sentence_spans

    sentences = sentence_spans(doc)
    cands = collect_candidates(doc, text, sentences)
    ents = resolve_candidates(cands, text)
    relations = find_posts(text, ents, sentences, cands)
    ag_rel, ag_info = find_agreements(doc, text, ents, sentences, article.date, article.doc_id)
    relations += _parties_of_signers(ag_rel, relations)
    relations += metadata_entities(article, ents, sentences)
    statements = find_statements(doc, text, ents, sentences, article.date, relations)
    ex = to_extraction(article, ents, relations, ag_info, statements, sentences)
    ex.events = [e for e in find_events(doc, text, ents, sentences, article.date)
                 if all(p in ex.entities for p in e.participants)]
    ex.quantities = find_quantities(text, sentences, article.date)
    return ex


def _parties_of_signers(party_rels, post_rels):
    """A person who signs for a state or an organisation ("Rishi Sunak et Emmanuel Macron
    ont signé", "signé par le président d'UBS") makes that body the party, when the
    article says which one; a person with no known post stays the party."""
    posts: dict[str, list[str]] = {}
    for r in post_rels:
        if r.predicate == "affiliatedWith":
            posts.setdefault(r.subject, []).append(r.object)
    out = []
    seen = set()
    for r in party_rels:
        targets = [r.object]
        if r.predicate == "party" and r.object.startswith("person/") and posts.get(r.object):
            orgs = posts[r.object]
            agencies = [o for o in orgs if o.startswith("agency/")]
            states = [o for o in orgs if o.startswith("state/")]
            # a minister signs for the state; a chief executive for the company or agency
            public = [a for a in agencies if a.startswith("agency/ministere") or "gouvernement" in a]
            targets = (states[:1] or agencies[:1]) if (public or not agencies) else agencies[:1]
        for t in targets:
            if (r.subject, r.predicate, t) in seen:
                continue
            seen.add((r.subject, r.predicate, t))
            out.append(type(r)(r.subject, r.predicate, t, r.evidence, role=r.role, implicit=r.implicit))
    return out


def extract_articles(articles: Iterable[Article], nlp, *, batch_size: int = 16) -> Iterator[Extraction]:
    """Extract a stream of articles, running spaCy in batches."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extract_doc(article, doc)


def extract_article(article: Article, nlp) -> Extraction:
    return extract_doc(article, nlp(article.text))
