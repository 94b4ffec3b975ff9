"""One IRI per person across documents: "Scholz" alone in one article is "Olaf Scholz" of another.

Within a document the extraction already merges short forms ("Scholz", "M. Scholz") into the
full name. Across documents, entities with the same key share an IRI, but a person named only
by a surname in one article gets ``id:person/<surname>``. This pass, run on the whole graph
(in-memory builds, ``--store`` and Dask builds alike), maps such a person to the one person of
the corpus whose full name ends with that surname, when there is exactly one: "Macron" joins
"Emmanuel Macron", but stays alone if the corpus also has "Brigitte Macron".

The merged person keeps its full-name label; the short form becomes a ``skos:altLabel``;
``ng:mentionCount`` and ``ng:documentCount`` are summed; every triple that named the short IRI
(mentions, relations, statements, assertions) now names the full one.
"""
from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, Literal, URIRef

from graph.extract import lexicon as lx
from graph.namespaces import NG, RDF, RDFS, SKOS, XSD

__all__ = ["person_merges", "merge_persons"]

_NOT_NAMES = {"monsieur", "madame", "mademoiselle", "messieurs", "mesdames", "saint", "sainte", "docteur", "maitre"}
_PARTICLES = {"de", "du", "des", "van", "von", "der", "den", "al", "el", "ben", "bin", "da", "di", "dos", "das", "le", "la"}


def person_merges(labels: dict[str, set[str]]) -> dict[str, str]:
    """``{person IRI: its labels}`` -> ``{short IRI: full IRI}`` for surname-only persons with one match.

    >>> person_merges({"p/scholz": {"Scholz"}, "p/olaf-scholz": {"Olaf Scholz"}})
    {'p/scholz': 'p/olaf-scholz'}
    >>> person_merges({"p/macron": {"Macron"}, "p/e": {"Emmanuel Macron"}, "p/b": {"Brigitte Macron"}})
    {}
    """
    by_surname: dict[str, set[str]] = defaultdict(set)
    first_names: set[str] = set()
    short: dict[str, str] = {}
    for node, names in labels.items():
        words = [w for name in names for w in [name.split()] if w]
        if words and all(len(w) == 1 for w in words) and len({lx.fold(w[0]) for w in words}) == 1:
            surname = lx.fold(words[0][0])
            if len(surname) >= 3 and surname not in _PARTICLES | _NOT_NAMES:
                short[node] = surname
            continue
        for w in words:
            core = [x for x in w if lx.fold(x) not in _PARTICLES]
            if len(w) >= 2:
                first_names.add(lx.fold(w[0]))
            if 2 <= len(core) <= 3:  # a longer "name" is usually two names run together by the model
                by_surname[lx.fold(w[-1])].add(node)
    out = {}
    for node, surname in short.items():
        owners = by_surname.get(surname, set())
        # "Philippe", "François": a word the corpus also uses as a first name is not a safe surname
        if len(owners) == 1 and surname not in first_names:
            out[node] = next(iter(owners))
    return out


def merge_persons(g: Graph) -> dict[str, str]:
    """Apply :func:`person_merges` to ``g`` in place; returns the mapping applied (IRIs as strings)."""
    labels: dict[str, set[str]] = defaultdict(set)
    for person in g.subjects(RDF.type, NG.Person):
        if isinstance(person, URIRef):
            labels[str(person)] |= {str(lab) for lab in g.objects(person, RDFS.label)}
    mapping = person_merges(labels)
    for src_s, dst_s in sorted(mapping.items()):
        src, dst = URIRef(src_s), URIRef(dst_s)
        counts = defaultdict(int)
        for p in (NG.mentionCount, NG.documentCount):
            for node in (src, dst):
                for v in list(g.objects(node, p)):
                    counts[p] += int(v)
                    g.remove((node, p, v))
        dst_labels = {(lab.language, lx.fold(str(lab))) for lab in g.objects(dst, RDFS.label)}
        for _s, p, o in list(g.triples((src, None, None))):
            g.remove((src, p, o))
            if p == RDFS.label:
                if (getattr(o, "language", None), lx.fold(str(o))) not in dst_labels:
                    g.add((dst, SKOS.altLabel, o))
            else:
                g.add((dst, p, o))
        for s, p, _o in list(g.triples((None, None, src))):
            g.remove((s, p, src))
            g.add((s, p, dst))
        for p, n in counts.items():
            g.add((dst, p, Literal(n, datatype=XSD.integer)))
    return mapping
