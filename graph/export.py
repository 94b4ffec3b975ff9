"""Export a newsgraph graph to other RDF syntaxes and to network formats.

RDF formats (``turtle``, ``trig``, ``nquads``, ``ntriples``, ``jsonld``,
``rdfxml``) go through rdflib's serialisers and lose nothing: the file parses
back to a graph isomorphic to the input. ``trig`` and ``nquads`` keep the named
graphs when the input is a dataset that has some (e.g. one graph per document);
a plain graph is written as the default graph.

Network formats (``graphml``, ``gexf``, ``csv``) hold the *actor network* only
(see :func:`actor_network`): persons, states, agencies and agreements, linked by
``ng:affiliatedWith``, ``ng:partOf`` and ``ng:party``. ``csv`` writes a
directory ``OUT/`` with ``nodes.csv`` and ``edges.csv``.

Every file is written atomically (temporary file, then rename).
"""
from __future__ import annotations

import csv
import io
import logging
import os
import warnings
from collections import defaultdict
from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph

from graph.errors import GraphFileError, UsageError
from graph.namespaces import NG, RDF, RDFS, SKOS, XSD, bind_prefixes
from graph.store import atomic_write_bytes, load_graph, rdf_format

__all__ = ["FORMATS", "RDF_FORMATS", "NETWORK_FORMATS", "ACTOR_CLASSES", "ACTOR_RELATIONS",
           "actor_network", "export_graph", "load_for_export"]

logger = logging.getLogger(__name__)

#: our format name -> rdflib serialiser name
RDF_FORMATS: dict[str, str] = {
    "turtle": "turtle",
    "trig": "trig",
    "nquads": "nquads",
    "ntriples": "nt",
    "jsonld": "json-ld",
    "rdfxml": "xml",
}
NETWORK_FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv")
FORMATS: tuple[str, ...] = tuple(RDF_FORMATS) + NETWORK_FORMATS
_DATASET_FORMATS = {"trig", "nquads"}

#: core actor classes, in the order used to pick a node's ``class`` attribute
ACTOR_CLASSES: dict[URIRef, str] = {
    NG.Person: "Person",
    NG.State: "State",
    NG.Agency: "Agency",
    NG.Agreement: "Agreement",
}
#: core actor relations kept as edges
ACTOR_RELATIONS: dict[URIRef, str] = {
    NG.affiliatedWith: "affiliatedWith",
    NG.partOf: "partOf",
    NG.party: "party",
}


def _pick_label(labels: list[Literal], fallback: str) -> str:
    """French label first, then untagged, then any other (sorted, deterministic)."""
    if not labels:
        return fallback
    by_lang = sorted(labels, key=lambda lit: ((lit.language or "") != "fr", lit.language is not None, str(lit)))
    return str(by_lang[0])


def _local_name(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1] or iri
    return iri


def actor_network(g: Graph) -> nx.MultiDiGraph:
    """The actor network of ``g`` as a directed multigraph.

    Nodes are the entities typed ``ng:Person``, ``ng:State``, ``ng:Agency`` or
    ``ng:Agreement``, keyed by IRI, with string/number attributes only (so that
    GraphML and GEXF can hold them): ``iri``, ``label`` (the ``rdfs:label``,
    French first), ``class`` (``Person``/``State``/``Agency``/``Agreement``),
    ``mentions`` (``ng:mentionCount``, else the number of ``ng:Mention`` nodes
    pointing at it) and ``aliases`` (the ``skos:altLabel`` values, sorted, joined
    by ``|``).

    Edges are the core relations between two such nodes: ``ng:affiliatedWith``,
    ``ng:partOf`` and ``ng:party``; the edge key is the predicate's local name.
    Edge attributes: ``predicate`` (full IRI), ``label`` (the predicate's
    ``rdfs:label`` when the graph has it, else its local name) and ``role`` (the
    ``ng:roleLabel`` of an ``ng:Membership`` linking that person to that
    organisation, ``""`` otherwise). Statements are left out: only relations
    between actors are kept.

    Nodes and edges are inserted in IRI order, so the result is the same on
    every run.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(data='''
    ...   @prefix ng: <https://w3id.org/newsgraph/ontology#> .
    ...   <urn:p> a ng:Person ; ng:affiliatedWith <urn:s> .
    ...   <urn:s> a ng:State .''', format="turtle")
    >>> net = actor_network(g)
    >>> sorted(net.nodes), list(net.edges(keys=True))
    (['urn:p', 'urn:s'], [('urn:p', 'urn:s', 'affiliatedWith')])
    """
    classes: dict[str, str] = {}
    for cls, name in reversed(list(ACTOR_CLASSES.items())):  # first listed class wins
        for s in g.subjects(RDF.type, cls):
            if isinstance(s, URIRef):
                classes[str(s)] = name

    mention_counts: dict[str, int] = defaultdict(int)
    for m, ent in g.subject_objects(NG.mentionOf):
        if str(ent) in classes and (m, RDF.type, NG.Mention) in g:
            mention_counts[str(ent)] += 1

    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ms in g.subjects(RDF.type, NG.Membership):
        labels = [str(x) for x in g.objects(ms, NG.roleLabel)]
        if not labels:
            continue
        for person in g.objects(ms, NG.member):
            for org in g.objects(ms, NG.organization):
                roles[(str(person), str(org))].update(labels)

    net = nx.MultiDiGraph()
    for iri in sorted(classes):
        node = URIRef(iri)
        label = _pick_label([x for x in g.objects(node, RDFS.label) if isinstance(x, Literal)], _local_name(iri))
        aliases = sorted({str(x) for x in g.objects(node, SKOS.altLabel)})
        mentions = None
        for value in g.objects(node, NG.mentionCount):
            try:
                mentions = int(value.toPython())
                break
            except (TypeError, ValueError, AttributeError):
                continue
        if mentions is None:
            mentions = mention_counts.get(iri, 0)
        net.add_node(iri, iri=iri, label=label, **{"class": classes[iri]},
                     mentions=mentions, aliases="|".join(aliases))

    pred_labels = {}
    for pred, name in ACTOR_RELATIONS.items():
        pred_labels[pred] = _pick_label([x for x in g.objects(pred, RDFS.label) if isinstance(x, Literal)], name)

    edges = []
    skipped = 0
    for pred, name in ACTOR_RELATIONS.items():
        for s, o in g.subject_objects(pred):
            s, o = str(s), str(o)
            if s in classes and o in classes:
                edges.append((s, o, name, pred))
            else:
                skipped += 1
    for s, o, name, pred in sorted(edges):
        role = "|".join(sorted(roles.get((s, o), ()))) if name == "affiliatedWith" else ""
        net.add_edge(s, o, key=name, predicate=str(pred), label=pred_labels[pred], role=role)
    if skipped:
        logger.debug("actor_network: %d relation triple(s) with an untyped end left out", skipped)
    return net


def _has_named_graphs(g: Graph) -> bool:
    """True when ``g`` is a dataset with at least one non-empty named graph."""
    if not isinstance(g, ConjunctiveGraph):  # Dataset is a ConjunctiveGraph
        return False
    default_graph = g.default_graph if isinstance(g, Dataset) else g.default_context
    default = {default_graph.identifier, DATASET_DEFAULT_GRAPH_ID}
    graphs = g.graphs() if isinstance(g, Dataset) else g.contexts()
    return any(ctx.identifier not in default and len(ctx) > 0 for ctx in graphs)


def _serialize_rdf(g: Graph, fmt: str) -> bytes:
    # rdflib's own TriG/N-Quads serialisers call its deprecated Dataset.contexts()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return _serialize_rdf_inner(g, fmt)


def _plain(term):
    """``"x"^^xsd:string`` -> ``"x"`` (the same RDF 1.1 term).

    oxrdflib returns every simple literal typed ``xsd:string``; rdflib treats
    the two spellings as different terms, so without this an export would not
    compare equal to the same file parsed by plain rdflib.
    """
    if isinstance(term, Literal) and term.datatype == XSD.string and term.language is None:
        return Literal(str(term))
    return term


def _serialize_rdf_inner(g: Graph, fmt: str) -> bytes:
    name = RDF_FORMATS[fmt]
    named = _has_named_graphs(g)
    if fmt in _DATASET_FORMATS:
        ds = Dataset()
        bind_prefixes(ds)
        if named:
            default_id = g.default_graph.identifier if isinstance(g, Dataset) else g.default_context.identifier
            for s, p, o, ctx in g.quads((None, None, None, None)):
                cid = getattr(ctx, "identifier", ctx)
                target = ds.default_graph if cid in (default_id, DATASET_DEFAULT_GRAPH_ID, None) else ds.graph(cid)
                target.add((s, p, _plain(o)))
        else:
            ds.default_graph.addN((s, p, _plain(o), ds.default_graph) for s, p, o in g)
        return ds.serialize(format=name, encoding="utf-8")
    out = Graph()  # triple formats: the union of all graphs
    bind_prefixes(out)
    triples = ((s, p, o) for s, p, o, _ in g.quads((None, None, None, None))) if named else iter(g)
    out.addN((s, p, _plain(o), out) for s, p, o in triples)
    return out.serialize(format=name, encoding="utf-8")


def _csv_bytes(header: list[str], rows) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _write_csv(net: nx.MultiDiGraph, out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: csv export writes a directory (nodes.csv, edges.csv) but this is a file")
    out.mkdir(parents=True, exist_ok=True)
    nodes = [(n, d["label"], d["class"], d["mentions"], d["aliases"]) for n, d in net.nodes(data=True)]
    edges = [(u, v, d["predicate"], d["label"], d["role"]) for u, v, d in net.edges(data=True)]
    atomic_write_bytes(out / "nodes.csv", _csv_bytes(["id", "label", "class", "mentions", "aliases"], nodes))
    atomic_write_bytes(out / "edges.csv", _csv_bytes(["source", "target", "predicate", "label", "role"], edges))


def export_graph(g: Graph, fmt: str, out: str | os.PathLike) -> Path:
    """Write ``g`` to ``out`` in format ``fmt`` and return the path written.

    Parameters
    ----------
    g
        An rdflib graph (a ``Dataset`` keeps its named graphs in ``trig``/``nquads``).
    fmt
        One of :data:`FORMATS`: ``turtle``, ``trig``, ``nquads``, ``ntriples``,
        ``jsonld``, ``rdfxml`` (the whole graph); ``graphml``, ``gexf``, ``csv``
        (the actor network of :func:`actor_network`).
    out
        Output file; for ``csv`` a directory that receives ``nodes.csv``
        (``id,label,class,mentions,aliases``) and ``edges.csv``
        (``source,target,predicate,label,role``).

    Raises
    ------
    UsageError
        If ``fmt`` is unknown, or ``csv`` is asked for and ``out`` is a file.
    """
    fmt = fmt.lower()
    out = Path(out)
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt in RDF_FORMATS:
        atomic_write_bytes(out, _serialize_rdf(g, fmt))
        return out
    net = actor_network(g)
    if fmt == "csv":
        _write_csv(net, out)
        return out
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(net, buf, encoding="utf-8", prettyprint=True)
    else:
        nx.write_gexf(net, buf, encoding="utf-8", prettyprint=True)
    atomic_write_bytes(out, buf.getvalue())
    return out


def load_for_export(path: str | os.PathLike) -> Graph:
    """Load ``path`` for :func:`export_graph`.

    TriG and N-Quads files are loaded as a ``Dataset`` so that their named
    graphs survive a ``trig``/``nquads`` export; other files go through
    :func:`graph.store.load_graph`.

    Raises
    ------
    GraphFileError
        If the file is missing or is not valid RDF.
    """
    p = Path(path)
    fmt = rdf_format(p)
    if fmt not in ("trig", "nquads"):
        return load_graph(p)
    if not p.is_file():
        raise GraphFileError(f"{p}: graph file not found (build one with 'newsgraph build seeds/ --out out/')")
    ds = Dataset(store="Oxigraph")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            ds.parse(str(p), format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GraphFileError(f"{p}: not a valid {fmt} file ({first})") from exc
    return ds
