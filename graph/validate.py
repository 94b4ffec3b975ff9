"""Validate data graphs against the newsgraph SHACL shapes and ontology.

Two checks:

- :func:`validate_graph` runs pySHACL with ``ontology/shapes.ttl`` and no
  inference (data graphs type entities with their core class directly);
- :func:`undeclared_terms` lists the ``ng:`` IRIs a graph uses that
  ``ontology/newsgraph.ttl`` does not declare.

pySHACL is imported on first use only: importing it patches rdflib globally
(``rdflib.NORMALIZE_LITERALS = False``), which ``import graph`` must not do.
No network access: the shapes graph has no ``owl:imports`` and none are
followed.
"""
from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from graph import resources
from graph.errors import GraphFileError, NewsgraphError
from graph.namespaces import NG, bind_prefixes

__all__ = ["Violation", "ResultDetail", "ValidationReport", "validate_graph", "undeclared_terms", "declared_terms"]

logger = logging.getLogger(__name__)

_NG = str(NG._NS)
_DECLARING_TYPES = (
    OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property,
)


class Violation(NamedTuple):
    """One SHACL result, reduced to what a reader needs.

    Attributes
    ----------
    focus : rdflib.term.Node
        The node that does not conform.
    shape : rdflib.term.Node
        The stable node shape, e.g. ``shapes#S01-Statement-speaker`` (a result
        raised by one of its property shapes is reported against it).
    message : str
        The shape's ``sh:message`` (English when there are several).
    """

    focus: Node
    shape: Node
    message: str


class ResultDetail(NamedTuple):
    """A :class:`Violation` with the rest of its SHACL result.

    Attributes
    ----------
    violation : Violation
    path : rdflib.term.Node or None
        ``sh:resultPath`` (the property), if any.
    value : rdflib.term.Node or None
        ``sh:value`` (the offending value), if any.
    component : rdflib.term.Node or None
        ``sh:sourceConstraintComponent``, e.g. ``sh:MinCountConstraintComponent``.
    """

    violation: Violation
    path: Node | None
    value: Node | None
    component: Node | None


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate_graph`.

    Attributes
    ----------
    conforms : bool
        True when the data graph satisfies every shape.
    text : str
        pySHACL's human-readable report.
    results : rdflib.Graph
        The SHACL validation report graph (``sh:ValidationReport``), with one
        ``sh:ValidationResult`` per problem and its ``sh:sourceShape``.
    violations : list of Violation
        ``(focus, shape, message)`` per result, sorted by shape then focus.
    details : list of ResultDetail
        The same results in the same order, with the path, the offending
        value and the constraint component (for reports).
    """

    conforms: bool
    text: str
    results: Graph
    violations: list[Violation] = field(default_factory=list)
    details: list[ResultDetail] = field(default_factory=list)


@functools.lru_cache(maxsize=8)
def _parse_cached(path: str, mtime_ns: int) -> Graph:
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises parser-specific types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GraphFileError(f"{path}: not a valid Turtle file ({first})") from exc
    return g


def _parse_turtle(path: str | os.PathLike) -> Graph:
    p = Path(path)
    if not p.is_file():
        raise GraphFileError(f"{p}: file not found")
    return _parse_cached(str(p.resolve()), p.stat().st_mtime_ns)


def _shapes_graph(shapes: Graph | str | os.PathLike | None) -> Graph:
    if shapes is None:
        return _parse_turtle(resources.shapes_path())
    if isinstance(shapes, Graph):
        return shapes
    return _parse_turtle(shapes)


def _plain_copy(data_graph: Graph) -> Graph:
    """The triples of ``data_graph`` (all named graphs merged) in an in-memory graph.

    pySHACL validates each named graph of a dataset on its own, which would
    hide the ``rdf:type`` of an entity typed in another document's graph; the
    union is what the shapes describe.
    """
    if isinstance(data_graph, (Dataset, ConjunctiveGraph)):
        plain = Graph()
        for s, p, o, _ctx in data_graph.quads((None, None, None, None)):
            plain.add((s, p, o))
        return plain
    if isinstance(data_graph.store, Memory):
        return data_graph
    plain = Graph()
    for triple in data_graph:
        plain.add(triple)
    return plain


def _first_message(results: Graph, result: Node) -> str:
    messages = [m for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal)]
    if not messages:
        component = results.value(result, SH.sourceConstraintComponent)
        return f"constraint {component} not satisfied" if component is not None else "constraint not satisfied"
    messages.sort(key=lambda m: (m.language not in (None, "en"), str(m)))
    return str(messages[0])


def _details(results: Graph, shapes: Graph) -> list[ResultDetail]:
    parent = {prop: node for node, prop in shapes.subject_objects(SH.property)}
    out = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        source = results.value(result, SH.sourceShape)
        violation = Violation(results.value(result, SH.focusNode), parent.get(source, source),
                              _first_message(results, result))
        out.append(ResultDetail(violation, results.value(result, SH.resultPath), results.value(result, SH.value),
                                results.value(result, SH.sourceConstraintComponent)))
    out.sort(key=lambda d: (str(d.violation.shape), str(d.violation.focus), d.violation.message,
                            str(d.path), str(d.value), str(d.component)))
    return out


def validate_graph(data_graph: Graph, *, shapes: Graph | str | os.PathLike | None = None) -> ValidationReport:
    """Validate a data graph against the newsgraph SHACL shapes.

    Runs ``pyshacl.validate`` with ``inference="none"``: the shapes expect
    entities to carry ``rdf:type`` of their core class directly.

    Parameters
    ----------
    data_graph : rdflib.Graph
        The graph to check. Oxigraph-backed graphs, datasets and conjunctive
        graphs are copied into a plain in-memory graph first (named graphs are
        merged); the caller's graph is never modified.
    shapes : rdflib.Graph or path-like, optional
        A shapes graph or a Turtle file; by default ``ontology/shapes.ttl``
        from :func:`graph.resources.shapes_path`.

    Returns
    -------
    ValidationReport
        ``conforms``, pySHACL's ``text``, the ``results`` graph and the
        ``violations`` as ``(focus, shape, message)``.

    Raises
    ------
    GraphFileError
        If the shapes file is missing or is not valid Turtle.
    NewsgraphError
        If pySHACL cannot run the shapes (an invalid shapes graph).

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(format="turtle", data='''
    ...     @prefix ng: <https://w3id.org/newsgraph/ontology#> .
    ...     <https://w3id.org/newsgraph/id/agreement/x> a ng:Agreement ;
    ...         <http://www.w3.org/2000/01/rdf-schema#label> "x"@fr .''')
    >>> report = validate_graph(g)
    >>> report.conforms
    False
    >>> [str(v.shape).rsplit("#", 1)[1] for v in report.violations]
    ['S03-Agreement-party']
    """
    from pyshacl import validate as _pyshacl_validate  # lazy: patches rdflib on import

    shapes_graph = _shapes_graph(shapes)
    data = _plain_copy(data_graph)
    try:
        conforms, results, text = _pyshacl_validate(
            data,
            shacl_graph=shapes_graph,
            inference="none",
            inplace=data is not data_graph,  # our own copy: no need for pySHACL to clone it again
            abort_on_first=False,
            allow_warnings=False,
            advanced=False,
            do_owl_imports=False,
        )
    except Exception as exc:  # pyshacl raises ShapeLoadError, ConstraintLoadError, ReportableRuntimeError...
        raise NewsgraphError(f"SHACL validation could not run: {str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}") from exc
    bind_prefixes(results)
    results.bind("sh", SH)
    results.bind("shp", "https://w3id.org/newsgraph/shapes#")
    details = _details(results, shapes_graph)
    return ValidationReport(bool(conforms), str(text), results, [d.violation for d in details], details)


def declared_terms(ontology: Graph | str | os.PathLike | None = None) -> frozenset[URIRef]:
    """The ``ng:`` IRIs that the ontology declares as classes or properties.

    Parameters
    ----------
    ontology : rdflib.Graph or path-like, optional
        By default ``ontology/newsgraph.ttl`` from
        :func:`graph.resources.ontology_path`.

    Returns
    -------
    frozenset of rdflib.URIRef
    """
    g = _parse_turtle(resources.ontology_path()) if ontology is None else (
        ontology if isinstance(ontology, Graph) else _parse_turtle(ontology))
    return frozenset(
        s for t in _DECLARING_TYPES for s in g.subjects(RDF.type, t)
        if isinstance(s, URIRef) and str(s).startswith(_NG)
    )


def undeclared_terms(g: Graph, *, ontology: Graph | str | os.PathLike | None = None) -> set[URIRef]:
    """The ``ng:`` IRIs used in ``g`` that the ontology does not declare.

    An IRI counts as used when it appears as a predicate or as an object
    (which covers classes, the objects of ``rdf:type``). A misspelt term such
    as ``ng:afiliatedWith`` shows up here even though SHACL, which only looks
    at the terms it knows, stays silent.

    Parameters
    ----------
    g : rdflib.Graph
        The data graph (any store; datasets are read across all graphs).
    ontology : rdflib.Graph or path-like, optional
        By default ``ontology/newsgraph.ttl``.

    Returns
    -------
    set of rdflib.URIRef
        Empty when every ``ng:`` term used is declared.

    Examples
    --------
    >>> from rdflib import Graph, URIRef
    >>> from graph.namespaces import NG
    >>> g = Graph()
    >>> g.add((URIRef("https://w3id.org/newsgraph/id/person/x"), NG.affiliatedWith,
    ...        URIRef("https://w3id.org/newsgraph/id/state/PRT")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> g.add((URIRef("https://w3id.org/newsgraph/id/person/x"),
    ...        URIRef(str(NG._NS) + "afiliatedWith"), NG.State))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> sorted(str(t) for t in undeclared_terms(g))
    ['https://w3id.org/newsgraph/ontology#afiliatedWith']
    """
    declared = declared_terms(ontology)
    triples = g.quads((None, None, None, None)) if isinstance(g, (Dataset, ConjunctiveGraph)) else (
        (s, p, o, None) for s, p, o in g)
    used: set[URIRef] = set()
    for _s, p, o, _ctx in triples:
        for term in (p, o):
            if isinstance(term, URIRef) and str(term).startswith(_NG):
                used.add(term)
    return used - declared
