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
