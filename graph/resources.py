"""Locate the ontology and query files, packaged or in a checkout.

The wheel ships ``ontology/`` (with its shapes and data checks) and ``queries/`` as ``graph/_resources/``; a
source checkout (or editable install) has them beside ``graph/``.
"""
from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the directory ``ontology`` or ``queries``.

    Raises
    ------
    FileNotFoundError
        If neither the packaged copy nor the checkout copy exists.
    """
    for candidate in (_PKG / "_resources" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"newsgraph resource folder '{name}' not found (looked in {_PKG / '_resources'} and {_PKG.parent})")


def ontology_path(filename: str = "newsgraph.ttl") -> Path:
    return resource_dir("ontology") / filename


def shapes_path() -> Path:
    return resource_dir("ontology") / "shapes.ttl"


def queries_dir() -> Path:
    return resource_dir("queries")


def checks_dir() -> Path:
    """The data checks (``ontology/checks/*-violation.rq``), run by ``newsgraph check``."""
    return resource_dir("ontology") / "checks"
