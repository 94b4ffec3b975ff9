"""The interactive network page (``graph.html``): entities as nodes, core relations as edges.

Two steps, each usable on its own:

``graph_to_network(g, ...)``
    reads the RDF model of ``docs/ARCHITECTURE.md`` into a ``networkx.MultiDiGraph``: one node
    per ``ng:Person``, ``ng:State``, ``ng:Agency``, ``ng:Agreement`` (and ``ng:Statement`` on
    request), one edge per ``ng:affiliatedWith``, ``ng:partOf``, ``ng:party`` (and
    ``ng:speaker`` / ``ng:reportedBy`` for statements), each edge with its evidence (the
    sentence and the source document, through the ``ng:Assertion`` reifying the triple).
``render_html(g, out_path, ...)``
    lays the network out in Python (deterministic for a given ``seed``) and writes ONE
    self-contained HTML file: vis-network (shipped inside pyvis) is inlined, nothing is
    fetched from the network, and a Content-Security-Policy forbids any request.

Every string that comes from the graph is HTML-escaped before it reaches a tooltip, and
the data travels as JSON in a non-executed ``<script type="application/json">`` block with
``<``, ``>`` and ``&`` escaped, so a label such as ``<script>alert(1)</script>`` is shown,
never run.

pyvis is imported lazily (inside the functions that need it). No function here accesses
the network.
"""
from __future__ import annotations

import base64
import difflib
import hashlib
import html
import json
import logging
import math
import os
import random
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph.errors import UsageError
from graph.namespaces import NG

logger = logging.getLogger(__name__)

__all__ = [
    "CLASS_STYLE", "DEFAULT_CLASSES", "ViewStats", "graph_to_network", "layout_positions",
    "network_to_html", "render_html", "resolve_classes", "resolve_focus",
]

# class name -> (colour, vis-network shape); shapes with the label *below* draw fastest
CLASS_STYLE: dict[str, tuple[str, str]] = {
    "Person": ("#4e79a7", "dot"),
    "State": ("#e15759", "diamond"),
    "Agency": ("#59a14f", "square"),
    "Agreement": ("#f28e2b", "triangle"),
    "Statement": ("#b07aa1", "star"),
}
DEFAULT_CLASSES: tuple[str, ...] = ("Person", "State", "Agency", "Agreement")

# relation name -> (edge label when there is no role title, colour)
RELATION_STYLE: dict[str, tuple[str, str]] = {
    "affiliatedWith": ("affiliated with", "#7f8fa6"),
    "partOf": ("part of", "#8c9a5b"),
    "party": ("party", "#d48a3a"),
    "speaker": ("said by", "#9b6b93"),
    "reportedBy": ("reported by", "#b9a0b4"),
}
_STATEMENT_RELATIONS = ("speaker", "reportedBy")
_MAX_EVIDENCE = 3          # evidence sentences shown per edge tooltip
_MAX_TEXT = 320            # characters of a sentence/quote shown in a tooltip
_SPRING_MAX = 400          # components above this size use the scalable layout
_SPACING = 48.0            # layout units (vis-network pixels at zoom 1) per sqrt(node)

_PREFIXES = """
PREFIX ng: <https://w3id.org/newsgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
"""
# Query texts are constants: nothing is ever formatted into them.
_Q_ENTITIES = _PREFIXES + """
SELECT ?e ?cls WHERE {
  VALUES ?cls { ng:Person ng:State ng:Agency ng:Agreement ng:Statement }
  ?e a ?cls .
}"""
_Q_LABELS = _PREFIXES + """
SELECT ?e ?p ?l WHERE {
  VALUES ?cls { ng:Person ng:State ng:Agency ng:Agreement ng:Statement }
  VALUES ?p { rdfs:label skos:altLabel }
  ?e a ?cls ; ?p ?l .
}"""
_Q_PROPS = _PREFIXES + """
SELECT ?e ?p ?v WHERE {
  VALUES ?cls { ng:Person ng:State ng:Agency ng:Agreement ng:Statement }
  VALUES ?p { ng:mentionCount ng:isoCode ng:agencyKind ng:agreementKind ng:date ng:startDate
              ng:endDate ng:topic ng:quote dcterms:date }
  ?e a ?cls ; ?p ?v .
}"""
_Q_EDGES = _PREFIXES + """
SELECT ?s ?p ?o WHERE {
  VALUES ?p { ng:affiliatedWith ng:partOf ng:party ng:speaker ng:reportedBy }
  ?s ?p ?o .
}"""
_Q_MEMBERSHIPS = _PREFIXES + """
SELECT ?m ?person ?org ?role ?state ?start ?end WHERE {
  ?m ng:member ?person ; ng:organization ?org .
  OPTIONAL { ?m ng:roleLabel ?role }
  OPTIONAL { ?m ng:postState ?state }
  OPTIONAL { ?m ng:startDate ?start }
  OPTIONAL { ?m ng:endDate ?end }
}"""
# (no COALESCE/BIND here: Oxigraph plans the nested OPTIONALs 5x faster)
_Q_EVIDENCE = _PREFIXES + """
SELECT ?s ?p ?o ?text ?title ?source ?conf ?mod WHERE {
  VALUES ?p { ng:affiliatedWith ng:partOf ng:party ng:speaker ng:reportedBy }
  ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?a ng:inSentence/nif:isString ?text }
  OPTIONAL { ?a ng:inDocument ?doc .
             OPTIONAL { ?doc dcterms:title ?title }
             OPTIONAL { ?doc dcterms:source ?source } }
  OPTIONAL { ?a ng:confidence ?conf }
  OPTIONAL { ?a ng:modality ?mod }
}"""
_Q_STATEMENT_EVIDENCE = _PREFIXES + """
SELECT ?st ?text ?title ?source ?conf WHERE {
  ?st a ng:Statement .
  OPTIONAL { ?st ng:inSentence/nif:isString ?text }
  OPTIONAL { ?st ng:inDocument ?doc .
             OPTIONAL { ?doc dcterms:title ?title }
             OPTIONAL { ?doc dcterms:source ?source } }
  OPTIONAL { ?st ng:confidence ?conf }
}"""
_Q_SOURCES = _PREFIXES + """
SELECT ?e ?doc ?title ?source (COUNT(?m) AS ?n) WHERE {
  ?m ng:mentionOf ?e .
  OPTIONAL { ?m ng:inDocument ?doc .
             OPTIONAL { ?doc dcterms:title ?title }
             OPTIONAL { ?doc dcterms:source ?source } }
} GROUP BY ?e ?doc ?title ?source"""


@dataclass(frozen=True, slots=True)
class ViewStats:
    """What :func:`render_html` wrote: node and edge counts, wall time, physics on or off."""

    nodes: int
    edges: int
    seconds: float
    physics: bool = False


# --------------------------------------------------------------------------- helpers

class _Iri(str):
    """An IRI, as a plain string."""


class _Blank(str):
    """A blank node label."""


class _Lit(str):
    """A literal's lexical form, with ``language`` and ``datatype`` (IRI string or None)."""

    language: str | None = None
    datatype: str | None = None


def _mklit(value: str, language: str | None, datatype: str | None) -> _Lit:
    lit = _Lit(value)
    lit.language = language or None
    lit.datatype = datatype
    return lit


def _rows(g, query: str):
    """Solutions of a SELECT query as tuples of :class:`_Iri`, :class:`_Lit`, :class:`_Blank`
    or None.

    On an Oxigraph-backed graph the query runs on pyoxigraph directly, exactly as
    ``oxrdflib`` would run it, but without building an rdflib term for every value (that
    conversion costs 10x the query on large graphs). Any other rdflib graph goes through
    ``g.query``.
    """
    store = g.store
    inner = getattr(store, "_inner", None)
    if inner is not None and type(store).__module__.split(".")[0] == "oxrdflib":
        try:
            import pyoxigraph as ox
            from oxrdflib._converter import to_ox
            from rdflib.term import Node
        except ImportError:  # pragma: no cover - oxrdflib without its converter
            inner = None
    if inner is not None:
        target = "__UNION__" if getattr(g, "default_union", False) else g.identifier
        result = inner.query(query, use_default_graph_as_union=target == "__UNION__",
                             default_graph=to_ox(target) if isinstance(target, Node) else None)
        named, literal = ox.NamedNode, ox.Literal

        def conv(t):
            if t is None:
                return None
            kind = type(t)
            if kind is named:
                return _Iri(t.value)
            if kind is literal:
                return _mklit(t.value, t.language, t.datatype.value)
            return _Blank(getattr(t, "value", str(t)))

        for solution in result:
            yield tuple(conv(t) for t in solution)
        return
    from rdflib import BNode, Literal, URIRef

    def conv_rdflib(t):
        if t is None:
            return None
        if isinstance(t, URIRef):
            return _Iri(t)
        if isinstance(t, Literal):
            return _mklit(str(t), t.language, str(t.datatype) if t.datatype else None)
        if isinstance(t, BNode):
            return _Blank(t)
        return _Blank(str(t))

    for row in g.query(query):
        yield tuple(conv_rdflib(t) for t in row)


def _fold(text: str) -> str:
    """Case- and accent-insensitive key: ``"États-Unis"`` -> ``"etats-unis"``."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def _local_name(iri: str) -> str:
    tail = iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return tail.replace("-", " ") or iri


def _lang_rank(lit) -> tuple[int, str]:
    lang = getattr(lit, "language", None) or ""
    return ({"fr": 0, "": 1, "en": 2}.get(lang, 3), lang)


def _pick(literals: Iterable) -> str | None:
    """The preferred literal: French, then untagged, then English, then the rest."""
    best = sorted(literals, key=lambda lit: (_lang_rank(lit), str(lit)))
    return str(best[0]) if best else None


def _shorten(text: str, limit: int = _MAX_TEXT) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _num(value) -> int:
    try:
        return int(str(value))
    except ValueError:
        try:
            return int(float(str(value)))
        except ValueError:
            return 0


def resolve_classes(classes: Iterable[str] | str | None) -> tuple[str, ...]:
    """Normalise a class selection to names of :data:`CLASS_STYLE`.

    Accepts ``"Person"``, ``"person"``, ``"ng:Person"``, the full IRI, or a comma-separated
    string. ``None`` means :data:`DEFAULT_CLASSES`.

    Raises
    ------
    UsageError
        If a name is not one of the classes the page can show.

    Examples
    --------
    >>> resolve_classes("person, ng:State")
    ('Person', 'State')
    """
    if classes is None:
        return DEFAULT_CLASSES
    if isinstance(classes, str):
        classes = classes.split(",")
    known = {name.casefold(): name for name in CLASS_STYLE}
    out: list[str] = []
    for raw in classes:
        name = str(raw).strip()
        if not name:
            continue
        key = name.rsplit("#", 1)[-1].rsplit(":", 1)[-1].casefold()
        if key not in known:
            raise UsageError(
                f"unknown class '{name}' (choose among {', '.join(CLASS_STYLE)})")
        if known[key] not in out:
            out.append(known[key])
    if not out:
        raise UsageError(f"no class selected (choose among {', '.join(CLASS_STYLE)})")
    return tuple(name for name in CLASS_STYLE if name in out)


# --------------------------------------------------------------------------- graph -> network

def _read_entities(g) -> dict[str, dict]:
    """Every entity of the five classes with its label, aliases and properties."""
    order = {name: i for i, name in enumerate(CLASS_STYLE)}
    entities: dict[str, dict] = {}
    for e, cls in _rows(g, _Q_ENTITIES):
        if not isinstance(e, _Iri):
            continue
        name = str(cls).rsplit("#", 1)[-1]
        key = str(e)
        prev = entities.get(key)
        if prev is None or order[name] < order[prev["class"]]:
            entities[key] = {"class": name, "labels": [], "alts": [], "props": defaultdict(list)}
    for e, p, lit in _rows(g, _Q_LABELS):
        ent = entities.get(str(e))
        if ent is not None and isinstance(lit, _Lit):
            (ent["labels"] if str(p).endswith("#label") else ent["alts"]).append(lit)
    for e, p, v in _rows(g, _Q_PROPS):
        ent = entities.get(str(e))
        if ent is not None:
            ent["props"][str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1]].append(v)
    return entities


def _display(iri: str, ent: dict) -> tuple[str, tuple[str, ...]]:
    """(label, aliases) of an entity; statements are labelled by their quote."""
    label = _pick(ent["labels"])
    if label is None and ent["class"] == "Statement" and ent["props"].get("quote"):
        label = "« " + _shorten(_pick(ent["props"]["quote"]) or "", 40) + " »"
    if label is None:
        label = _local_name(iri)
    seen = {label}
    aliases: list[str] = []
    for lit in sorted(ent["labels"] + ent["alts"], key=lambda x: (_lang_rank(x), str(x))):
        text = str(lit)
        if text not in seen:
            seen.add(text)
            aliases.append(text)
    return label, tuple(aliases)


def _evidence_item(text, title, source, conf=None, mod=None) -> dict:
    return {
        "sentence": _shorten(text) if text is not None else None,
        "document": str(title) if title is not None else None,
        "source": str(source) if source is not None else None,
        "confidence": str(conf) if conf is not None else None,
        "modality": _local_name(str(mod)) if mod is not None else None,
    }


def _add_evidence(store: dict, key, item: dict) -> None:
    items = store.setdefault(key, [])
    if item not in items:
        items.append(item)


def _ev_sort(item: dict):
    return (-(float(item["confidence"]) if item["confidence"] else 0.0),
            item["document"] or "", item["sentence"] or "")


def graph_to_network(g, *, focus: str | None = None, depth: int = 2, max_nodes: int | None = None,
                     classes: Iterable[str] | str | None = None) -> nx.MultiDiGraph:
    """Read the knowledge graph into a ``networkx.MultiDiGraph`` of entities and core relations.

    Parameters
    ----------
    g : rdflib.Graph
        A graph following ``docs/ARCHITECTURE.md`` (Oxigraph-backed graphs are fastest).
    focus : str, optional
        An entity IRI, or a label / alias (``rdfs:label``, ``skos:altLabel``; case- and then
        accent-insensitive). Keeps the ego network of that entity, ``depth`` hops in either
        direction.
    depth : int
        Radius of the ego network (with ``focus`` only).
    max_nodes : int, optional
        Keep the top N nodes by degree, then mention count (the focus always stays).
    classes : iterable of str or str, optional
        Classes to show (default Person, State, Agency, Agreement; add ``Statement`` for
        statements with ``speaker`` and ``reportedBy`` edges).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are entity IRIs with attributes ``label``, ``cls``, ``mentions``, ``aliases``,
        ``iri``, ``details`` (tuple of (field, text) pairs for the tooltip) and ``sources``
        (document titles). Edges are keyed by relation name and carry ``relation``,
        ``predicate``, ``label`` (the role title for posts), ``role``, ``dates`` and
        ``evidence`` (tuple of dicts: sentence, document, source, confidence, modality).
        The graph attribute ``focus`` holds the resolved focus IRI (or None).

    Raises
    ------
    UsageError
        Unknown or ambiguous focus, unknown class, negative depth, max_nodes < 1.

    Examples
    --------
    >>> from graph.store import new_graph
    >>> graph_to_network(new_graph()).number_of_nodes()
    0
    """
    wanted = resolve_classes(classes)
    if depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {depth}")
    if max_nodes is not None and max_nodes < 1:
        raise UsageError(f"--max-nodes must be 1 or more, not {max_nodes}")

    entities = _read_entities(g)
    shown = {iri for iri, ent in entities.items() if ent["class"] in wanted}
    with_statements = "Statement" in wanted

    net = nx.MultiDiGraph(focus=None)
    displays = {iri: _display(iri, ent) for iri, ent in entities.items()}
    focus_iri = resolve_focus(focus, entities, displays) if focus is not None else None
    if focus_iri is not None and focus_iri not in shown:
        raise UsageError(f"focus '{focus}' is a {entities[focus_iri]['class']}, which the "
                         f"selected classes ({', '.join(wanted)}) leave out")

    # posts: role titles per (person, organisation or state)
    roles: dict[tuple[str, str], list[str]] = defaultdict(list)
    role_dates: dict[tuple[str, str], list[str]] = defaultdict(list)
    memberships: dict[str, dict] = {}
    for m, person, org, role, state, start, end in _rows(g, _Q_MEMBERSHIPS):
        rec = memberships.setdefault(str(m), {"person": str(person), "orgs": [], "roles": [],
                                              "dates": set()})
        for target in (org, state):
            if target is not None and str(target) not in rec["orgs"]:
                rec["orgs"].append(str(target))
        if role is not None and role not in rec["roles"]:
            rec["roles"].append(role)
        if start is not None:
            rec["dates"].add(f"from {start}")
        if end is not None:
            rec["dates"].add(f"until {end}")
    posts_of: dict[str, list[dict]] = defaultdict(list)
    for rec in memberships.values():
        posts_of[rec["person"]].append(rec)
        title = _pick(rec["roles"])
        for org in sorted(rec["orgs"]):
            key = (rec["person"], org)
            if title and title not in roles[key]:
                roles[key].append(title)
            role_dates[key].extend(sorted(rec["dates"]))

    # evidence per (s, relation, o)
    evidence: dict[tuple[str, str, str], list[dict]] = {}
    for s, p, o, text, title, source, conf, mod in _rows(g, _Q_EVIDENCE):
        rel = str(p).rsplit("#", 1)[-1]
        _add_evidence(evidence, (str(s), rel, str(o)), _evidence_item(text, title, source, conf, mod))
    statement_ev: dict[str, list[dict]] = {}
    for st, text, title, source, conf in _rows(g, _Q_STATEMENT_EVIDENCE):
        if text is not None or title is not None:
            _add_evidence(statement_ev, str(st), _evidence_item(text, title, source, conf))

    # documents mentioning each entity (fallback for the mention count too)
    sources: dict[str, dict[str, int]] = defaultdict(dict)
    mention_totals: dict[str, int] = defaultdict(int)
    for e, doc, title, source, n in _rows(g, _Q_SOURCES):
        key = str(e)
        if key not in entities:
            continue
        mention_totals[key] += _num(n)
        if doc is not None:
            name = str(title) if title is not None else (str(source) if source is not None
                                                         else _local_name(str(doc)))
            sources[key][name] = sources[key].get(name, 0) + _num(n)

    # relations
    relations: list[tuple[str, str, str]] = []
    for s, p, o in _rows(g, _Q_EDGES):
        rel = str(p).rsplit("#", 1)[-1]
        relations.append((str(s), rel, str(o)))
    relations.sort()

    # quotes per speaker, for person tooltips
    quotes: dict[str, list[str]] = defaultdict(list)
    for s, rel, o in relations:
        if rel == "speaker" and s in entities and entities[s]["class"] == "Statement":
            props = entities[s]["props"]
            q = _pick(props.get("quote", []))
            if q:
                date = _pick(props.get("date", []))
                quotes[o].append("« " + _shorten(q, 160) + " »" + (f" ({date})" if date else ""))

    for iri in sorted(shown):
        ent = entities[iri]
        label, aliases = displays[iri]
        props = ent["props"]
        mentions = max((_num(v) for v in props.get("mentionCount", [])), default=0) \
            or mention_totals.get(iri, 0)
        details: list[tuple[str, str]] = []

        def add(field: str, values) -> None:
            for v in values:
                if v not in (None, ""):
                    details.append((field, str(v)))

        cls = ent["class"]
        if cls == "Person":
            posts = []
            for rec in posts_of.get(iri, []):
                where = ", ".join(displays[o][0] if o in displays else _local_name(o)
                                  for o in rec["orgs"])
                title = _pick(rec["roles"]) or "member"
                posts.append(f"{title} ({where})" + "".join(f" {d}" for d in sorted(rec["dates"])))
            add("post", sorted(posts))
            add("quote", quotes.get(iri, [])[:3])
        elif cls == "State":
            add("ISO code", sorted(map(str, props.get("isoCode", []))))
        elif cls == "Agency":
            add("kind", sorted(_local_name(str(k)) for k in props.get("agencyKind", [])))
        elif cls == "Agreement":
            add("kind", sorted(_local_name(str(k)) for k in props.get("agreementKind", [])))
            add("date", sorted(map(str, props.get("date", []))))
            add("start", sorted(map(str, props.get("startDate", []))))
            add("end", sorted(map(str, props.get("endDate", []))))
            add("topic", sorted(map(str, props.get("topic", []))))
        elif cls == "Statement":
            add("quote", [_shorten(_pick(props.get("quote", [])) or "")])
            add("date", sorted(map(str, props.get("date", []))))
            for ev in statement_ev.get(iri, [])[:1]:
                add("evidence", [ev["sentence"]])
                add("source", [ev["document"] or ev["source"]])
        docs = sorted(sources.get(iri, {}).items(), key=lambda kv: (-kv[1], kv[0]))
        net.add_node(iri, iri=iri, label=label, cls=cls, mentions=mentions, aliases=aliases,
                     details=tuple(details), sources=tuple(name for name, _ in docs))

    for s, rel, o in relations:
        if s not in shown or o not in shown or (rel in _STATEMENT_RELATIONS and not with_statements):
            continue
        role_titles = roles.get((s, o), []) if rel == "affiliatedWith" else []
        evs = evidence.get((s, rel, o)) or (statement_ev.get(s, []) if rel in _STATEMENT_RELATIONS
                                            else [])
        role = "; ".join(role_titles) or None
        net.add_edge(s, o, key=rel, relation=rel, predicate=str(NG[rel]),
                     label=role or RELATION_STYLE[rel][0], role=role,
                     dates=tuple(dict.fromkeys(role_dates.get((s, o), []))) if role_titles else (),
                     evidence=tuple(sorted(evs, key=_ev_sort)))

    if focus_iri is not None:
        net = nx.ego_graph(net, focus_iri, radius=depth, undirected=True)
        net.graph["focus"] = focus_iri
    if max_nodes is not None and net.number_of_nodes() > max_nodes:
        keep = _top_nodes(net, max_nodes, net.graph.get("focus"))
        net = net.subgraph(keep).copy()
    return net


def resolve_focus(focus: str, entities: dict[str, dict], displays=None) -> str:
    """The IRI of the entity named by ``focus`` (an IRI, ``id:`` CURIE, label or alias).

    Labels match case-insensitively first, then also ignoring accents. A name shared by
    several entities is an error that lists them.

    Raises
    ------
    UsageError
        No entity, or more than one, matches.
    """
    text = str(focus).strip()
    if text in entities:
        return text
    if text.startswith("id:"):
        full = "https://w3id.org/newsgraph/id/" + text[3:]
        if full in entities:
            return full
    if displays is None:
        displays = {iri: _display(iri, ent) for iri, ent in entities.items()}
    for keyfn in (lambda s: s.casefold().strip(), _fold):
        wanted = keyfn(text)
        by_label = sorted(iri for iri, (label, _) in displays.items()
                          if keyfn(label) == wanted or any(keyfn(str(x)) == wanted
                                                           for x in entities[iri]["labels"]))
        by_alias = sorted(iri for iri, (_, aliases) in displays.items()
                          if iri not in by_label and any(keyfn(a) == wanted for a in aliases))
        for found in (by_label, by_alias):
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                listed = ", ".join(f"{displays[i][0]} <{i}>" for i in found[:6])
                raise UsageError(f"focus '{text}' is ambiguous: it names {listed}; "
                                 "pass the entity IRI instead")
    names = sorted({name for label, aliases in displays.values() for name in (label, *aliases)})
    folded = _fold(text)
    near = [n for n in names if folded and folded in _fold(n)][:5] or \
        difflib.get_close_matches(text, names, n=5, cutoff=0.6)
    hint = ("; did you mean " + ", ".join(repr(n) for n in near) + "?") if near else \
        "; pass an entity IRI, a label or an alias"
    raise UsageError(f"focus '{text}': no entity has this IRI, label or alias{hint}")


def _top_nodes(net: nx.MultiDiGraph, n: int, focus: str | None) -> list[str]:
    ranked = sorted(net.nodes, key=lambda v: (v != focus, -net.degree(v),
                                              -net.nodes[v].get("mentions", 0),
                                              _fold(net.nodes[v].get("label", "")), v))
    return ranked[:n]


# --------------------------------------------------------------------------- layout

def layout_positions(net: nx.Graph, *, seed: int = 42) -> dict[str, tuple[float, float]]:
    """Deterministic positions (vis-network pixels) for every node of ``net``.

    Each connected component is laid out on its own: components of up to 400 nodes with
    ``networkx.spring_layout`` (seeded), larger ones with a scalable layout (spring layout of
    the 400 best-connected nodes, the others placed breadth-first on sunflower spirals
    around their placed neighbour; linear time). Components are then packed in rows,
    largest first. Same graph and seed, same positions.
    """
    if net.number_of_nodes() == 0:
        return {}
    und = nx.Graph()
    und.add_nodes_from(sorted(net.nodes))
    und.add_edges_from((u, v) for u, v in net.edges() if u != v)
    comps = sorted((sorted(c) for c in nx.connected_components(und)), key=lambda c: (-len(c), c[0]))
    placed: list[tuple[list[str], dict[str, tuple[float, float]]]] = []
    for comp in comps:
        placed.append((comp, _component_layout(und, comp, seed)))
    return _pack(placed)


def _induced(und: nx.Graph, nodes: list[str]) -> nx.Graph:
    """Induced subgraph with nodes and edges in a fixed order.

    ``Graph.subgraph`` iterates a set, whose order changes with ``PYTHONHASHSEED``; the
    spring layout depends on that order, so it would differ between runs.
    """
    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from((u, v) for u in nodes for v in und.adj[u] if v in keep)
    return sub


def _component_layout(und: nx.Graph, comp: list[str], seed: int) -> dict[str, tuple[float, float]]:
    n = len(comp)
    if n == 1:
        return {comp[0]: (0.0, 0.0)}
    if n == 2:
        return {comp[0]: (-_SPACING, 0.0), comp[1]: (_SPACING, 0.0)}
    radius = _SPACING * 1.7 * math.sqrt(n)  # small components: room for long labels
    if n <= _SPRING_MAX:
        pos = nx.spring_layout(_induced(und, comp), seed=seed, scale=radius)
        return {v: (float(x), float(y)) for v, (x, y) in pos.items()}
    return _scalable_layout(und, comp, seed)


def _scalable_layout(und: nx.Graph, comp: list[str], seed: int) -> dict[str, tuple[float, float]]:
    rng = random.Random(seed)
    deg = und.degree
    core = sorted(comp, key=lambda v: (-deg[v], v))[:_SPRING_MAX]
    core_graph = _induced(und, core)
    core_pos = nx.spring_layout(core_graph, seed=seed, scale=_SPACING * math.sqrt(len(comp)) * 0.9)
    pos: dict[str, tuple[float, float]] = {v: (float(x), float(y)) for v, (x, y) in core_pos.items()}
    golden = math.pi * (3.0 - math.sqrt(5.0))
    step = _SPACING * 0.55
    frontier = set(core)
    while frontier:
        # each new node hangs off its most specific placed neighbour (lowest degree), so a
        # person sits by its agency rather than by the state the agency belongs to
        parent_of: dict[str, str] = {}
        for parent in frontier:
            for kid in und.adj[parent]:
                if kid in pos:
                    continue
                best = parent_of.get(kid)
                if best is None or (deg[parent], parent) < (deg[best], best):
                    parent_of[kid] = parent
        kids_of: dict[str, list[str]] = defaultdict(list)
        for kid, parent in parent_of.items():
            kids_of[parent].append(kid)
        for parent in sorted(kids_of):
            px, py = pos[parent]
            offset = rng.random() * 2 * math.pi
            for i, kid in enumerate(sorted(kids_of[parent])):
                r = step * (1.6 + math.sqrt(i + 1))
                a = offset + i * golden
                pos[kid] = (px + r * math.cos(a), py + r * math.sin(a))
        frontier = set(parent_of)
    return pos


def _pack(placed) -> dict[str, tuple[float, float]]:
    """Shelf-pack component layouts in rows, largest first; centre the result on (0, 0)."""
    boxes = []
    for comp, pos in placed:
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        boxes.append((comp, pos, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    gap = _SPACING * 1.5
    total = sum((w + gap) * (h + gap) for *_, w, h in boxes)
    row_width = max(max(w for *_, w, _h in boxes), math.sqrt(total) * 1.3)
    out: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for comp, pos, x0, y0, w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        for v, (px, py) in pos.items():
            out[v] = (px - x0 + x, py - y0 + y)
        x += w + gap
        row_h = max(row_h, h)
    cx = (min(p[0] for p in out.values()) + max(p[0] for p in out.values())) / 2
    cy = (min(p[1] for p in out.values()) + max(p[1] for p in out.values())) / 2
    return {v: (round(px - cx, 1), round(py - cy, 1)) for v, (px, py) in out.items()}


# --------------------------------------------------------------------------- HTML

def _esc(value) -> str:
    return html.escape(str(value), quote=True)


def _node_tooltip(attrs: dict) -> str:
    parts = [f'<div class="ng-tip-head"><b>{_esc(attrs["label"])}</b> '
             f'<span class="ng-tip-cls">{_esc(attrs["cls"])}</span></div>']
    if attrs.get("aliases"):
        parts.append(f'<div><i>also</i> {_esc(", ".join(attrs["aliases"][:8]))}</div>')
    if attrs.get("mentions"):
        parts.append(f"<div><i>mentions</i> {int(attrs['mentions'])}</div>")
    for field, text in attrs.get("details", ()):
        parts.append(f"<div><i>{_esc(field)}</i> {_esc(text)}</div>")
    srcs = attrs.get("sources", ())
    if srcs:
        more = f" (+{len(srcs) - 3} more)" if len(srcs) > 3 else ""
        parts.append(f'<div><i>sources</i> {_esc("; ".join(srcs[:3]))}{_esc(more)}</div>')
    parts.append(f'<div class="ng-tip-iri">{_esc(attrs.get("iri", ""))}</div>')
    return "".join(parts)


def _edge_tooltip(attrs: dict, src: str, dst: str) -> str:
    rel = attrs["relation"]
    parts = [f'<div class="ng-tip-head"><b>{_esc(src)}</b> → <i>{_esc(RELATION_STYLE[rel][0])}</i> → '
             f"<b>{_esc(dst)}</b></div>"]
    if attrs.get("role"):
        parts.append(f"<div><i>role</i> {_esc(attrs['role'])}</div>")
    for d in attrs.get("dates", ()):
        parts.append(f"<div><i>date</i> {_esc(d)}</div>")
    evs = attrs.get("evidence", ())
    for ev in evs[:_MAX_EVIDENCE]:
        meta = [m for m in (ev.get("document") or ev.get("source"),
                            f"confidence {ev['confidence']}" if ev.get("confidence") else None,
                            ev.get("modality")) if m]
        sentence = f"« {_esc(ev['sentence'])} »" if ev.get("sentence") else "<i>(no sentence)</i>"
        parts.append(f'<div class="ng-tip-ev">{sentence}'
                     f'<div class="ng-tip-src">— {_esc(" · ".join(meta))}</div></div>')
    if len(evs) > _MAX_EVIDENCE:
        parts.append(f"<div><i>+{len(evs) - _MAX_EVIDENCE} more sentences</i></div>")
    if not evs:
        parts.append("<div><i>no evidence sentence recorded</i></div>")
    return "".join(parts)


def _node_size(mentions: int, degree: int) -> float:
    return round(min(42.0, 9.0 + 5.0 * math.sqrt(max(mentions, degree, 0))), 1)


def _json_for_script(obj) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&``."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _vis_assets() -> tuple[str, str]:
    """(vis-network.min.js, vis-network.css) as shipped inside pyvis (no network access)."""
    import pyvis  # lazy: only page rendering needs it

    base = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    js = (base / "vis-network.min.js").read_text(encoding="utf-8")
    css = (base / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():  # would end the inline block
        raise RuntimeError("vis-network asset contains a closing tag; cannot inline it")
    return js, css


def network_to_html(net: nx.MultiDiGraph, positions: dict[str, tuple[float, float]], *,
                    physics: bool = False, title: str = "newsgraph") -> str:
    """The self-contained page for ``net`` drawn at ``positions``.

    The nodes, edges and options are assembled in a pyvis ``Network``
    (``cdn_resources="in_line"``), then written through newsgraph's own template: pyvis'
    template still links Bootstrap and tom-select from CDNs, this one links nothing.
    """
    from pyvis.network import Network  # lazy import

    ids = {v: i for i, v in enumerate(sorted(net.nodes))}
    pv = Network(height="100%", width="100%", directed=True, cdn_resources="in_line",
                 heading=title)
    nodes = []
    for v in sorted(net.nodes):
        a = net.nodes[v]
        x, y = positions.get(v, (0.0, 0.0))
        nodes.append({
            "id": ids[v], "label": a["label"], "group": a["cls"], "cls": a["cls"],
            "title": _node_tooltip(a), "x": x, "y": y,
            "size": _node_size(a.get("mentions", 0), net.degree(v)),
            "mentions": a.get("mentions", 0), "aliases": list(a.get("aliases", ())),
        })
    edges = []
    for i, (u, v, k, a) in enumerate(sorted(net.edges(keys=True, data=True),
                                            key=lambda e: (e[0], e[2], e[1]))):
        edges.append({
            "id": i, "from": ids[u], "to": ids[v], "label": a["label"], "rel": a["relation"],
            "color": RELATION_STYLE[a["relation"]][1],
            "title": _edge_tooltip(a, net.nodes[u]["label"], net.nodes[v]["label"]),
        })
    # pyvis keeps its node list and id index in sync; fill them directly (add_node is O(n))
    pv.nodes = nodes
    pv.node_ids = [n["id"] for n in nodes]
    pv.node_map = {n["id"]: n for n in nodes}
    pv.edges = edges
    large = len(nodes) > 1500
    options = {
        "autoResize": True,
        "groups": {name: {"color": {"background": col, "border": "#333333",
                                    "highlight": {"background": col, "border": "#000000"}},
                          "shape": shape}
                   for name, (col, shape) in CLASS_STYLE.items()},
        "nodes": {"font": {"size": 14, "face": "sans-serif", "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  "borderWidth": 1, "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 10, "align": "middle", "face": "sans-serif",
                           "strokeWidth": 3, "color": "#444444"},
                  "smooth": False if large else {"enabled": True, "type": "continuous",
                                                 "roundness": 0.3},
                  "width": 1.2, "selectionWidth": 2},
        "layout": {"improvedLayout": False, "randomSeed": 42},
        "physics": {"enabled": bool(physics), "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -3000, "springLength": 150,
                                  "springConstant": 0.03, "avoidOverlap": 0.2},
                    "stabilization": {"enabled": False}, "minVelocity": 1.0},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False,
                        "keyboard": False, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "multiselect": True},
    }
    pv.options = options  # a dict; pyvis' set_options() strips spaces from the JSON text
    data = {"nodes": pv.nodes, "edges": pv.edges, "options": pv.options,
            "classes": [{"name": name, "color": col, "shape": shape,
                         "count": sum(1 for n in nodes if n["cls"] == name)}
                        for name, (col, shape) in CLASS_STYLE.items()],
            "relations": [{"name": rel, "label": lab, "color": col,
                           "count": sum(1 for e in edges if e["rel"] == rel)}
                          for rel, (lab, col) in RELATION_STYLE.items()],
            "physics": bool(physics), "title": title}
    vis_js, vis_css = _vis_assets()
    scripts = [vis_js, _APP_JS]
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest())
                      .decode("ascii") + "'" for s in scripts)
    csp = (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
           "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; "
           "base-uri 'none'")
    page = (_PAGE.replace("@@CSP@@", csp)
            .replace("@@TITLE@@", _esc(title).replace("@", "&#64;"))
            .replace("@@SUMMARY@@", _esc(f"{len(nodes)} entities · {len(edges)} relations"))
            .replace("@@APP_CSS@@", _APP_CSS))
    # bulky parts last, so that no placeholder can appear inside inserted content
    head, _, rest = page.partition("@@VIS_CSS@@")
    mid, _, rest = rest.partition("@@DATA@@")
    pre_js, _, rest = rest.partition("@@VIS_JS@@")
    pre_app, _, tail = rest.partition("@@APP_JS@@")
    return "".join([head, vis_css, mid, _json_for_script(data), pre_js, vis_js, pre_app,
                    _APP_JS, tail])


def render_html(g, out_path: str | os.PathLike, *, focus: str | None = None, depth: int = 2,
                max_nodes: int | None = None, classes: Iterable[str] | str | None = None,
                seed: int = 42, physics_threshold: int = 300,
                title: str = "newsgraph") -> ViewStats:
    """Write the interactive network of ``g`` to ``out_path`` as one self-contained HTML file.

    Filtering arguments are those of :func:`graph_to_network`. Positions are computed here
    (:func:`layout_positions` with ``seed``); vis-network physics is on only for networks of
    at most ``physics_threshold`` nodes (and can be toggled on the page). The page never
    accesses the network. The file is written atomically.

    Raises
    ------
    UsageError
        See :func:`graph_to_network`.
    """
    from graph.store import atomic_write_bytes

    t0 = time.perf_counter()
    net = graph_to_network(g, focus=focus, depth=depth, max_nodes=max_nodes, classes=classes)
    t1 = time.perf_counter()
    positions = layout_positions(net, seed=seed)
    t2 = time.perf_counter()
    physics = net.number_of_nodes() <= physics_threshold
    page = network_to_html(net, positions, physics=physics, title=title)
    atomic_write_bytes(out_path, page.encode("utf-8"))
    t3 = time.perf_counter()
    logger.info("view: network %.2fs, layout %.2fs, html %.2fs", t1 - t0, t2 - t1, t3 - t2)
    return ViewStats(nodes=net.number_of_nodes(), edges=net.number_of_edges(),
                     seconds=round(t3 - t0, 3), physics=physics)


_APP_CSS = """
html, body { margin: 0; height: 100%; font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  font-size: 13px; color: #222; }
#ng-app { display: flex; height: 100vh; }
#ng-side { width: 290px; min-width: 290px; overflow-y: auto; border-right: 1px solid #ddd;
  padding: 10px 12px; box-sizing: border-box; background: #fafafa; }
#ng-side h1 { font-size: 17px; margin: 0 0 2px 0; }
#ng-summary { color: #666; margin-bottom: 10px; }
#ng-search { width: 100%; box-sizing: border-box; padding: 5px 7px; font-size: 13px;
  border: 1px solid #bbb; border-radius: 4px; }
#ng-search-count { color: #555; min-height: 1.3em; margin: 3px 0 8px 0; }
#ng-side h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: #777;
  margin: 12px 0 4px 0; }
.ng-row { display: flex; align-items: center; gap: 6px; margin: 3px 0; }
.ng-swatch { width: 12px; height: 12px; display: inline-block; border: 1px solid #333; }
.ng-swatch.dot { border-radius: 50%; }
.ng-swatch.diamond { transform: rotate(45deg) scale(.8); }
.ng-swatch.triangle { width: 0; height: 0; border: none; border-left: 7px solid transparent;
  border-right: 7px solid transparent; border-bottom: 12px solid var(--c); background: none !important; }
.ng-swatch.star { border-radius: 2px; transform: rotate(45deg) scale(.7); }
.ng-line { width: 22px; height: 0; border-top: 3px solid var(--c); display: inline-block; }
.ng-count { color: #888; margin-left: auto; }
#ng-details { margin-top: 6px; padding: 6px; border: 1px solid #e2e2e2; background: #fff;
  min-height: 3em; word-wrap: break-word; }
#ng-network { flex: 1; position: relative; min-width: 0; }
.ng-tip { max-width: 420px; white-space: normal; line-height: 1.35; }
.ng-tip-head { margin-bottom: 3px; }
.ng-tip-cls { color: #777; font-size: 11px; }
.ng-tip-ev { margin-top: 4px; }
.ng-tip-src, .ng-tip-iri { color: #777; font-size: 11px; }
div.vis-tooltip { white-space: normal; max-width: 440px; font-family: inherit; font-size: 12px; }
"""

_APP_JS = r"""
(function () {
  "use strict";
  var t0 = performance.now();
  var DATA = JSON.parse(document.getElementById("ng-data").textContent);
  var times = window.ngTimes = { parsed: performance.now() - t0 };
  var TIPS_N = {}, TIPS_E = {};
  var index = [];
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  DATA.nodes.forEach(function (n) {
    TIPS_N[n.id] = n.title;
    index.push([n.id, n.cls, fold([n.label].concat(n.aliases || []).join("\n"))]);
  });
  DATA.edges.forEach(function (e) { TIPS_E[e.id] = e.title; });
  function tipElement(html) {
    var d = document.createElement("div");
    d.className = "ng-tip";
    d.innerHTML = html;
    return d;
  }
  // vis-network parses every property of every item: give it only what it draws
  // (tooltips become element titles on hover; search uses DATA)
  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {
    return { id: n.id, label: n.label, group: n.group, cls: n.cls, x: n.x, y: n.y, size: n.size };
  }));
  var edges = new vis.DataSet(DATA.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, label: e.label, color: e.color };
  }));
  var hidden = {};
  var nodesView = new vis.DataView(nodes, { filter: function (n) { return !hidden[n.cls]; } });
  var container = document.getElementById("ng-network");
  times.datasets = performance.now() - t0;
  var network = new vis.Network(container, { nodes: nodesView, edges: edges }, DATA.options);
  times.network = performance.now() - t0;
  network.fit({ animation: false });
  window.ngNetwork = network;
  window.ngNodes = nodes;
  window.ngEdges = edges;
  network.once("afterDrawing", function () {
    window.ngFirstDrawMs = performance.now() - t0;
    document.body.setAttribute("data-drawn", "1");
  });
  var converted = {};
  // vis-network shows string titles as text; the HTML (escaped in Python) goes in as
  // an element, built on the first hover
  network.on("hoverNode", function (p) {
    if (!converted["n" + p.node] && TIPS_N[p.node] !== undefined) {
      converted["n" + p.node] = true;
      nodes.update({ id: p.node, title: tipElement(TIPS_N[p.node]) });
    }
  });
  network.on("hoverEdge", function (p) {
    if (!converted["e" + p.edge] && TIPS_E[p.edge] !== undefined) {
      converted["e" + p.edge] = true;
      edges.update({ id: p.edge, title: tipElement(TIPS_E[p.edge]) });
    }
  });
  var details = document.getElementById("ng-details");
  function showDetails(html) {
    if (html === undefined) { details.textContent = "Click a node or an edge."; return; }
    details.innerHTML = "";
    details.appendChild(tipElement(html));
  }
  network.on("click", function (p) {
    if (p.nodes.length) { showDetails(TIPS_N[p.nodes[0]]); }
    else if (p.edges.length) { showDetails(TIPS_E[p.edges[0]]); }
    else { showDetails(undefined); }
  });

  // search: label and aliases, case- and accent-insensitive
  var input = document.getElementById("ng-search");
  var count = document.getElementById("ng-search-count");
  var matches = [];
  var timer = null;
  function search() {
    var q = fold(input.value.trim());
    matches = [];
    count.setAttribute("data-query", q);
    if (!q) { network.unselectAll(); count.textContent = ""; return; }
    for (var i = 0; i < index.length; i++) {
      if (!hidden[index[i][1]] && index[i][2].indexOf(q) >= 0) { matches.push(index[i][0]); }
    }
    network.selectNodes(matches, false);
    count.textContent = matches.length + (matches.length === 1 ? " match" : " matches") +
      (matches.length ? " (Enter: zoom on the first)" : "");
    if (matches.length && matches.length <= 50) {
      network.fit({ nodes: matches, animation: false, maxZoomLevel: 1.5 });
    }
  }
  input.addEventListener("input", function () {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(search, 120);
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      if (timer) { clearTimeout(timer); timer = null; search(); }
      if (matches.length) {
        network.focus(matches[0], { scale: 1.3, animation: false });
        network.selectNodes([matches[0]], true);
        showDetails(TIPS_N[matches[0]]);
      }
    }
  });

  // legend with class filters
  function el(tag, cls) { var e = document.createElement(tag); if (cls) { e.className = cls; } return e; }
  var legend = document.getElementById("ng-classes");
  DATA.classes.forEach(function (c) {
    if (!c.count) { return; }
    var row = el("label", "ng-row");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.setAttribute("data-class", c.name);
    box.addEventListener("change", function () {
      hidden[c.name] = !box.checked;
      nodesView.refresh();
      if (input.value) { search(); }
    });
    var sw = el("span", "ng-swatch " + c.shape);
    sw.style.background = c.color; sw.style.setProperty("--c", c.color);
    var name = el("span"); name.textContent = c.name;
    var n = el("span", "ng-count"); n.textContent = String(c.count);
    row.appendChild(box); row.appendChild(sw); row.appendChild(name); row.appendChild(n);
    legend.appendChild(row);
  });
  var rels = document.getElementById("ng-relations");
  DATA.relations.forEach(function (r) {
    if (!r.count) { return; }
    var row = el("div", "ng-row");
    var line = el("span", "ng-line"); line.style.setProperty("--c", r.color);
    var name = el("span"); name.textContent = r.label;
    var n = el("span", "ng-count"); n.textContent = String(r.count);
    row.appendChild(line); row.appendChild(name); row.appendChild(n);
    rels.appendChild(row);
  });
  var phys = document.getElementById("ng-physics");
  phys.checked = !!DATA.physics;
  phys.addEventListener("change", function () { network.setOptions({ physics: { enabled: phys.checked } }); });
  document.getElementById("ng-fit").addEventListener("click", function () { network.fit({ animation: false }); });
  showDetails(undefined);
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="@@CSP@@">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@@TITLE@@</title>
<style>@@VIS_CSS@@</style>
<style>@@APP_CSS@@</style>
</head>
<body>
<div id="ng-app">
  <aside id="ng-side">
    <h1>@@TITLE@@</h1>
    <div id="ng-summary">@@SUMMARY@@</div>
    <input id="ng-search" type="search" placeholder="Search a name or alias…" autocomplete="off"
           aria-label="Search entities">
    <div id="ng-search-count" aria-live="polite"></div>
    <h2>Entities</h2>
    <div id="ng-classes"></div>
    <h2>Relations</h2>
    <div id="ng-relations"></div>
    <h2>View</h2>
    <label class="ng-row"><input id="ng-physics" type="checkbox"> physics</label>
    <button id="ng-fit" type="button">Fit to screen</button>
    <h2>Details</h2>
    <div id="ng-details"></div>
  </aside>
  <main id="ng-network"></main>
</div>
<script type="application/json" id="ng-data">@@DATA@@</script>
<script>@@VIS_JS@@</script>
<script>@@APP_JS@@</script>
</body>
</html>
"""
