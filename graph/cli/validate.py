"""``newsgraph validate``: check a built graph against the SHACL shapes.

Exit codes follow pySHACL: 0 the graph conforms, 1 it does not, 2 the
validation could not run (missing or unreadable file, bad arguments).
"""
from __future__ import annotations

import argparse
import sys

from rdflib import BNode, Literal, URIRef

from graph.errors import UsageError

_SHAPES_NS = "https://w3id.org/newsgraph/shapes#"
_XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Declare ``newsgraph validate`` and its options on ``subparsers``."""
    p = subparsers.add_parser(
        "validate",
        help="check a graph against the newsgraph SHACL shapes",
        description=(
            "Validate a graph file against ontology/shapes.ttl (pySHACL, no inference) and list "
            "ng: terms that the ontology does not declare. Exit codes: 0 conforms, 1 does not "
            "conform, 2 the validation could not run."
        ),
    )
    p.add_argument("--graph", "-g", required=True, metavar="FILE",
                   help="graph to check (Turtle, N-Triples, TriG, JSON-LD... by file suffix)")
    p.add_argument("--shapes", metavar="FILE", default=None,
                   help="SHACL shapes in Turtle (default: the packaged ontology/shapes.ttl)")
    p.add_argument("--format", "-f", choices=("text", "turtle"), default="text",
                   help="text: a readable summary (default); turtle: the SHACL validation report graph")
    p.add_argument("--strict", action="store_true",
                   help="also fail (exit 1) when the graph uses ng: terms the ontology does not declare")
    return p


def _short(node, nm) -> str:
    """A readable name: ``shp`` IDs bare, IRIs as prefix:rest (``id:person/x``), literals in Turtle."""
    if isinstance(node, Literal):
        if node.datatype == _XSD_STRING:  # Oxigraph types plain strings as xsd:string
            node = Literal(str(node))
        return node.n3(nm)
    if isinstance(node, BNode):
        return "[]"
    text = str(node)
    if text.startswith(_SHAPES_NS):
        return text[len(_SHAPES_NS):]
    best = max(((prefix, str(ns)) for prefix, ns in nm.namespaces() if prefix and text.startswith(str(ns))),
               key=lambda pair: len(pair[1]), default=None)
    if best is None or len(text) == len(best[1]):
        return f"<{text}>"
    return f"{best[0]}:{text[len(best[1]):]}"


def _text_report(path: str, n_triples: int, report, undeclared, nm) -> str:
    lines = []
    if report.conforms:
        lines.append(f"{path}: conforms ({n_triples} triples)")
    else:
        shapes = sorted({_short(v.shape, nm) for v in report.violations})
        lines.append(f"{path}: does not conform ({len(report.violations)} violation"
                     f"{'' if len(report.violations) == 1 else 's'} of {len(shapes)} shape"
                     f"{'' if len(shapes) == 1 else 's'}, {n_triples} triples)")
        width = max(len(s) for s in shapes)
        for d in report.details:
            v = d.violation
            where = _short(v.focus, nm)
            if d.path is not None:
                where += f" {_short(d.path, nm)}"
            if d.value is not None:
                where += f" = {_short(d.value, nm)}"
            if d.component is not None:
                where += f" ({str(d.component).rsplit('#', 1)[-1].removesuffix('ConstraintComponent')})"
            lines.append(f"  {_short(v.shape, nm):<{width}}  {where}")
            lines.append(f"  {'':<{width}}  {v.message}")
    if undeclared:
        lines.append(f"undeclared ng: terms ({len(undeclared)}): "
                     + ", ".join(sorted(_short(t, nm) for t in undeclared)))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Validate ``args.graph``; print the report; return 0, 1 (or raise for 2)."""
    from graph.store import load_graph
    from graph.validate import undeclared_terms, validate_graph

    if not args.graph:
        raise UsageError("validate: --graph FILE is required")
    g = load_graph(args.graph)  # GraphFileError -> exit 2
    report = validate_graph(g, shapes=args.shapes)
    undeclared = undeclared_terms(g)
    if args.format == "turtle":
        sys.stdout.write(report.results.serialize(format="turtle"))
    else:
        print(_text_report(args.graph, len(g), report, undeclared, g.namespace_manager))
    if undeclared and args.format == "turtle":
        print(f"warning: {len(undeclared)} undeclared ng: term(s): "
              + ", ".join(sorted(str(t) for t in undeclared)), file=sys.stderr)
    if not report.conforms:
        return 1
    if undeclared and args.strict:
        return 1
    return 0
