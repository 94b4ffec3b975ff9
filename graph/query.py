"""The SPARQL query library (``queries/*.rq``) and how to run it.

Queries are plain ``.rq`` files that open with a header comment::

    # posts_by_state.rq — who holds which post for which state.
    # Parameters: ?state (IRI of a state, optional: all states when unbound)
    # Columns: ?state ?stateLabel ?person ...

A query whose unbound form is a dump of the whole graph declares the parameters
it needs, ``# Requires: ?entity`` or ``# Requires: one of ?entity ?document``
(at least one of them bound); :func:`check_required` enforces it where ready
queries are run by name (``newsgraph query``). Inline SPARQL and other ``.rq``
files are not checked.

Parameters are bound through the query engine (``initBindings``, which Oxigraph
receives as ``substitutions``), never by editing the query text, so a value
such as ``x" } ; DROP ALL ; {`` is only ever a literal that matches nothing.
A parameter left unbound means "all".

Examples
--------
>>> from graph.store import new_graph
>>> res = run_query(new_graph(), "SELECT ?s WHERE { ?s a ng:Person }")
>>> res.columns, res.rows
(['s'], [])
"""
from __future__ import annotations

import csv
import io
import json
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal as TypingLiteral, Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from graph.errors import QueryError, UsageError
from graph.namespaces import ID, PREFIXES
from graph.resources import queries_dir

__all__ = [
    "QueryInfo", "QueryResult", "available_queries", "query_info", "load_query", "ready_query_info",
    "check_required",
    "parse_params", "run_query", "format_result", "FORMATS",
]

logger = logging.getLogger(__name__)

FORMATS = ("table", "csv", "json")
INLINE = "<inline>"
_NS: dict[str, str] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
_KEYWORD = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE|PREFIX)\b", re.IGNORECASE)
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ISO3 = re.compile(r"^[A-Za-z]{3}$")
_PREFIXED = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):(\S*)$")
_VAR = re.compile(r"\?([A-Za-z_][A-Za-z0-9_]*)")
_TABLE_MAX = 70


@dataclass(frozen=True)
class QueryInfo:
    """What a query file's header says about it."""

    name: str
    path: Path
    description: str
    parameters: tuple[str, ...] = ()
    parameters_doc: str = ""
    columns: tuple[str, ...] = ()
    #: ``# Requires:`` at least one of these parameters must be bound (empty: none required)
    required: tuple[str, ...] = ()
    #: ``# Severity:`` of a data check (``error`` or ``warning``, see :mod:`graph.check`); "" for queries
    severity: str = ""

    @property
    def summary(self) -> str:
        """The first sentence of the description (what ``--list`` prints)."""
        return self.description.split(". ")[0].rstrip(".")


@dataclass(frozen=True)
class QueryResult:
    """The result of one query: rows (SELECT), a graph (CONSTRUCT/DESCRIBE) or a boolean (ASK)."""

    kind: TypingLiteral["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
    columns: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    graph: Graph | None = None
    boolean: bool | None = None
    name: str = INLINE


# --------------------------------------------------------------------------- the library

def available_queries() -> dict[str, Path]:
    """Ready queries: name -> file (``queries/<name>.rq``, a subfolder as ``"<folder>/<name>"``), sorted by name."""
    root = queries_dir()
    found = {}
    for path in sorted(root.rglob("*.rq")):
        rel = path.relative_to(root).with_suffix("")
        found[rel.as_posix()] = path
    return dict(sorted(found.items()))


def query_info(path: str | Path) -> QueryInfo:
    """Read the header comment of a ``.rq`` file (description, parameters, columns)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise QueryError(f"{p}: cannot read query file ({exc.strerror or exc})") from exc
    name = p.stem
    description: list[str] = []
    params_doc = ""
    columns: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    severity = ""
    section = "description"
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        body = line[1:].strip()
        lower = body.lower()
        if lower.startswith(("parameters:", "bindings:")):
            params_doc = body.split(":", 1)[1].strip()
            section = "parameters"
        elif lower.startswith("columns:"):
            columns = tuple(_VAR.findall(body))
            section = "columns"
        elif lower.startswith("severity:"):
            severity = (body.split(":", 1)[1].split() or [""])[0].lower()
            section = "severity"
        elif lower.startswith("requires:"):
            # "?entity" or "one of ?entity ?document", then an optional "(why)"
            required = tuple(dict.fromkeys(_VAR.findall(body.split(":", 1)[1].split("(", 1)[0])))
            section = "requires"
        elif section == "description":
            if not description:  # "name.rq — what it answers"
                body = re.sub(r"^\S+\.rq\s*[—–-]+\s*", "", body)
            description.append(body)
        elif section == "parameters":
            params_doc = f"{params_doc} {body}".strip()
    parameters = tuple(dict.fromkeys(_VAR.findall(params_doc)))
    return QueryInfo(name, p, " ".join(description).strip(), parameters, params_doc, columns, required, severity)


def ready_query_info(spec: str) -> QueryInfo | None:
    """The header of the ready query ``spec`` names (as :func:`load_query` resolves it), else ``None``
    (inline SPARQL, another ``.rq`` file)."""
    spec = spec.strip()
    if not spec or "\n" in spec or len(spec) >= 4096 or Path(spec).expanduser().is_file():
        return None
    path = available_queries().get(spec[:-3] if spec.endswith(".rq") else spec)
    return query_info(path) if path else None


def check_required(info: QueryInfo, params: Mapping[str, Identifier]) -> None:
    """Refuse to run a ready query whose ``# Requires:`` parameters are all unbound.

    Raises
    ------
    UsageError
        One line naming the query, the missing parameter(s) and an example.
    """
    if not info.required or any(p in params for p in info.required):
        return
    need = " or ".join(f"?{p}" for p in info.required)
    example = {"entity": "id:person/...", "document": "id:doc/...", "state": "RUS"}.get(info.required[0], "...")
    raise UsageError(
        f"query {info.name} needs {need} (unbound it would list the whole graph; for everything use "
        f"'newsgraph export'), e.g. newsgraph query {info.name} --param {info.required[0]}={example}"
    )


def load_query(spec: str) -> tuple[str, str]:
    """Resolve ``spec`` to ``(name, text)``.

    ``spec`` is a path to a ``.rq`` file, the name of a ready query (with or
    without ``.rq``), or inline SPARQL (anything containing SELECT, CONSTRUCT,
    ASK, DESCRIBE or PREFIX).

    Raises
    ------
    QueryError
        If ``spec`` is none of these; the message lists the ready queries.
    """
    spec = spec.strip()
    if not spec:
        raise QueryError("empty query: give a query name, a .rq file or inline SPARQL")
    if "\n" not in spec and len(spec) < 4096:
        path = Path(spec).expanduser()
        if path.is_file():
            return path.stem, _read(path)
        ready = available_queries()
        name = spec[:-3] if spec.endswith(".rq") else spec
        if name in ready:
            return name, _read(ready[name])
        if spec.endswith(".rq") and not _KEYWORD.search(spec):
            raise QueryError(f"{spec}: query file not found (ready queries: {', '.join(ready)})")
    if _KEYWORD.search(spec):
        return INLINE, spec
    raise QueryError(
        f"unknown query '{spec}': give a .rq file, inline SPARQL, or one of: {', '.join(available_queries())}"
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read query file ({exc})") from exc


# --------------------------------------------------------------------------- parameters

def parse_params(items: list[str] | tuple[str, ...] | None) -> dict[str, Identifier]:
    """Parse ``name=value`` strings into rdflib terms.

    Values: a full IRI (``<...>`` or ``http(s)://...``), a prefixed name with a
    known prefix (``id:state/RUS``, ``ng:Person``), a bare ISO 3166-1 alpha-3
    code for a parameter named ``state`` (or ending in ``State``), otherwise a
    plain literal.

    >>> parse_params(["state=RUS"])["state"]
    rdflib.term.URIRef('https://w3id.org/newsgraph/id/state/RUS')
    >>> parse_params(["quote=bonjour"])["quote"]
    rdflib.term.Literal('bonjour')

    Raises
    ------
    UsageError
        If an item is not ``name=value`` or the name is not a SPARQL variable name.
    """
    params: dict[str, Identifier] = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            raise UsageError(f"parameter '{item}' is not name=value (e.g. --param state=RUS)")
        if not _PARAM_NAME.match(name):
            raise UsageError(f"parameter name '{name}' is not a SPARQL variable name (letters, digits, _)")
        params[name] = _term(name, value.strip())
    return params


def _term(name: str, value: str) -> Identifier:
    if value.startswith("<") and value.endswith(">") and len(value) > 2:
        return _iri(value[1:-1], value)
    if value.startswith(("http://", "https://")):
        return _iri(value, value)
    m = _PREFIXED.match(value)
    if m and m.group(1) in _NS:
        return _iri(_NS[m.group(1)] + m.group(2), value)
    if (name == "state" or name.endswith("State")) and _ISO3.match(value):
        return ID[f"state/{value.upper()}"]
    return Literal(value)


def _iri(iri: str, raw: str) -> URIRef:
    if any(c in iri for c in ' <>"{}|^`\\') or any(ord(c) < 0x21 for c in iri):
        raise UsageError(f"parameter value {raw!r} is not a valid IRI")
    return URIRef(iri)


# --------------------------------------------------------------------------- running

def _prepare(text: str, name: str):
    try:
        return _prepare_cached(text)
    except Exception as exc:  # pyparsing.ParseException and rdflib's own errors
        lineno = getattr(exc, "lineno", None)
        col = getattr(exc, "col", None)
        msg = getattr(exc, "msg", None) or str(exc) or type(exc).__name__
        msg = " ".join(str(msg).split())
        where = f", line {lineno}, column {col}" if lineno is not None else ""
        line = ""
        if lineno is not None:
            lines = text.splitlines()
            if 0 < lineno <= len(lines):
                line = f": {lines[lineno - 1].strip()[:80]!r}"
        raise QueryError(f"query {name}{where}: SPARQL syntax error ({msg}){line}") from exc


@lru_cache(maxsize=256)
def _prepare_cached(text: str):
    """Parse once per query text (rdflib's parser costs ~20-50 ms a query)."""
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text, initNs=_NS)


def _is_oxigraph(g: Graph) -> bool:
    return type(g.store).__name__ == "OxigraphStore"


def _select_oxigraph(g: Graph, text: str, params: Mapping[str, Identifier]) -> tuple[list[str], list[tuple]]:
    """SELECT straight on the pyoxigraph store under ``g`` (the fast path).

    oxrdflib converts every value of every row into a new rdflib term; here
    solutions are read as pyoxigraph terms and each distinct term is converted
    once (IRIs and labels repeat across rows), which makes large results 5-10x
    cheaper to fetch. Same terms, same order as ``g.query``.
    """
    import pyoxigraph as ox
    from oxrdflib._converter import from_ox, to_ox

    prefixes = {p: str(ns) for p, ns in g.namespaces()}
    prefixes.update(_NS)
    where = ({"use_default_graph_as_union": True} if getattr(g, "default_union", False)
             else {"default_graph": to_ox(g.identifier)})
    res = g.store._inner.query(text, prefixes=prefixes,
                               substitutions={ox.Variable(k): to_ox(v) for k, v in params.items()}, **where)
    variables = [v.value for v in res.variables]
    cache: dict = {None: None}

    def conv(term):
        try:
            return cache[term]
        except KeyError:
            out = cache[term] = from_ox(term)
            return out

    rows = [tuple(map(conv, solution)) for solution in res]
    return variables, rows


def run_query(g: Graph, text: str, params: Mapping[str, Identifier] | None = None, *,
              name: str = INLINE) -> QueryResult:
    """Run SPARQL ``text`` on ``g`` with ``params`` bound as variables.

    The query is prepared with :func:`rdflib.plugins.sparql.prepareQuery` (the
    project's prefixes are predeclared) and variables are bound with
    ``initBindings``, never by string formatting. On an Oxigraph-backed graph
    (:func:`graph.store.new_graph`) the query runs natively in Oxigraph; on
    other graphs it runs in rdflib's engine. A bound parameter must be a column
    of the query.

    Raises
    ------
    QueryError
        If the query does not parse, binds an unknown parameter, or fails.
    """
    params = dict(params or {})
    prepared = _prepare(text, name)
    algebra = prepared.algebra
    kind = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
            "DescribeQuery": "DESCRIBE"}.get(algebra.name, "SELECT")
    if params and kind == "SELECT":
        projected = [str(v) for v in (algebra.get("PV") or [])]
        unknown = [p for p in params if p not in projected]
        if unknown:
            raise QueryError(
                f"query {name}: parameter {', '.join('?' + u for u in unknown)} is not one of its columns "
                f"({', '.join('?' + c for c in projected) or 'none'})"
            )
    try:
        if _is_oxigraph(g) and kind == "SELECT":
            variables, rows = _select_oxigraph(g, text, params)
            return QueryResult("SELECT", columns=variables, rows=rows, name=name)
        if _is_oxigraph(g):
            result = g.query(text, initNs=_NS, initBindings=params)
        else:
            result = g.query(prepared, initBindings=params)
        if kind == "ASK":
            return QueryResult("ASK", boolean=bool(result.askAnswer), name=name)
        if kind in ("CONSTRUCT", "DESCRIBE"):
            out = Graph()
            for prefix, ns in _NS.items():
                out.bind(prefix, ns)
            out += result.graph
            return QueryResult(kind, graph=out, name=name)
        variables = list(result.vars or [])
        rows = [tuple(b.get(v) for v in variables) for b in result.bindings]
    except QueryError:
        raise
    except Exception as exc:
        msg = " ".join(str(exc).split()) or type(exc).__name__
        raise QueryError(f"query {name}: failed to run ({msg})") from exc
    return QueryResult("SELECT", columns=[str(v) for v in variables], rows=rows, name=name)


# --------------------------------------------------------------------------- output

def _short(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        best = None
        for prefix, ns in _NS.items():
            if iri.startswith(ns) and (best is None or len(ns) > len(best[1])):
                best = (prefix, ns)
        return f"{best[0]}:{iri[len(best[1]):]}" if best else f"<{iri}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _cell(term: Identifier | None) -> str:
    text = " ".join(_short(term).split())
    return text if len(text) <= _TABLE_MAX else text[: _TABLE_MAX - 1] + "…"


def _table(result: QueryResult) -> str:
    header = list(result.columns)
    body = [[_cell(t) for t in row] for row in result.rows]
    widths = [len(h) for h in header]
    for row in body:
        widths = [max(w, len(c)) for w, c in zip(widths, row)]
    lines = []
    if header:
        lines.append("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in body]
    n = len(result.rows)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines)


def _csv(result: QueryResult) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # SPARQL 1.1 CSV results: CRLF
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row])
    return buf.getvalue()


def _json_term(term: Identifier) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal):
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = str(term.datatype)
    return out


def _json(result: QueryResult) -> str:
    doc = {
        "head": {"vars": list(result.columns)},
        "results": {"bindings": [
            {c: _json_term(t) for c, t in zip(result.columns, row) if t is not None} for row in result.rows
        ]},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render a result as ``table`` (aligned, IRIs shortened, ``(N rows)``), ``csv``
    (SPARQL 1.1 CSV: header line, full IRIs) or ``json`` (SPARQL 1.1 JSON results).

    CONSTRUCT/DESCRIBE results print as Turtle (table), N-Triples (csv) or
    JSON-LD (json); ASK results as ``true``/``false`` or ``{"head": {}, "boolean": ...}``.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if result.kind == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)})
        return "true" if result.boolean else "false"
    if result.graph is not None:
        rdf_fmt = {"table": "turtle", "csv": "nt", "json": "json-ld"}[fmt]
        return result.graph.serialize(format=rdf_fmt)
    return {"table": _table, "csv": _csv, "json": _json}[fmt](result)
