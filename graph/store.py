"""Graph storage: the rdflib API over Oxigraph (``oxrdflib``).

rdflib's default in-memory store is 10-100x slower than Oxigraph for queries
and serialisation; ``oxrdflib`` keeps the rdflib API on top of pyoxigraph.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph

from graph.errors import GraphFileError
from graph.namespaces import bind_prefixes

_FORMATS = {
    ".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld",
    ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".n3": "n3",
}


def new_graph() -> Graph:
    """An empty graph backed by an in-memory Oxigraph store, prefixes bound."""
    g = Graph(store="Oxigraph")
    bind_prefixes(g)
    return g


def rdf_format(path: str | os.PathLike) -> str:
    """rdflib format name for a file name (Turtle when unknown)."""
    return _FORMATS.get(Path(path).suffix.lower(), "turtle")


def load_graph(path: str | os.PathLike) -> Graph:
    """Parse an RDF file into a new Oxigraph-backed graph.

    Raises
    ------
    GraphFileError
        If the file is missing or is not valid RDF; the message names the file.
    """
    p = Path(path)
    if not p.is_file():
        raise GraphFileError(f"{p}: graph file not found (build one with 'newsgraph build seeds/ --out out/')")
    g = new_graph()
    try:
        g.parse(str(p), format=rdf_format(p))
    except Exception as exc:  # rdflib raises many parser-specific types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GraphFileError(f"{p}: not a valid {rdf_format(p)} file ({first})") from exc
    return g


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A crash in the middle leaves the previous file intact.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def save_graph(g: Graph, path: str | os.PathLike, fmt: str | None = None) -> None:
    """Serialise ``g`` to ``path`` atomically (format from the suffix by default)."""
    data = g.serialize(format=fmt or rdf_format(path), encoding="utf-8")
    atomic_write_bytes(path, data)


# --------------------------------------------------------------------------- deterministic Turtle

_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def ox_triples(g: Graph):
    """The triples of ``g`` as pyoxigraph terms (no rdflib conversion for Oxigraph-backed graphs)."""
    import pyoxigraph as ox

    inner = getattr(g.store, "_inner", None) if type(g.store).__name__ == "OxigraphStore" else None
    if isinstance(inner, ox.Store):
        from oxrdflib._converter import to_ox

        for q in inner.quads_for_pattern(None, None, None, to_ox(g.identifier)):
            yield q.triple
        return
    from oxrdflib._converter import to_ox

    for s, p, o in g:
        yield ox.Triple(to_ox(s), to_ox(p), to_ox(o))


def _triple_key(t) -> tuple:
    p = str(t.predicate)
    return (str(t.subject), p != _RDF_TYPE, p, str(t.object))


def _prefixes() -> dict[str, str]:
    from graph.namespaces import PREFIXES

    # id: is left out: its local names hold "/" and would print as id:agency\/x
    return {k: str(v) for k, v in PREFIXES.items() if k != "id"}


def turtle_bytes(triples) -> bytes:
    """Deterministic Turtle: triples sorted by subject, ``rdf:type`` first, then predicate and object.

    The same set of triples always gives the same bytes (rdflib's serializer
    does not promise that), so rebuilding unchanged input leaves ``graph.ttl``
    byte-identical. Serialisation is Oxigraph's (Rust), sorting is Python's.
    """
    import pyoxigraph as ox

    ordered = sorted(set(triples), key=_triple_key)
    prefixes = _prefixes()
    return ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def trig_bytes(quads) -> bytes:
    """Deterministic TriG: quads sorted by graph, then as :func:`turtle_bytes`."""
    import pyoxigraph as ox

    ordered = sorted(set(quads), key=lambda q: (str(q.graph_name),) + _triple_key(q.triple))
    prefixes = _prefixes()
    return ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=prefixes)


def save_turtle(g_or_triples, path: str | os.PathLike) -> int:
    """Write a graph (or pyoxigraph triples) as deterministic Turtle, atomically; returns the triple count."""
    triples = list(ox_triples(g_or_triples)) if isinstance(g_or_triples, Graph) else list(g_or_triples)
    atomic_write_bytes(path, turtle_bytes(triples))
    return len(triples)


def graph_from_triples(triples) -> Graph:
    """A new Oxigraph-backed rdflib graph holding pyoxigraph ``triples`` (bulk insert, no conversion)."""
    import pyoxigraph as ox
    from oxrdflib._converter import to_ox

    g = new_graph()
    name = to_ox(g.identifier)
    g.store._inner.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
    return g
