"""Data checks: SPARQL queries that list what is wrong in a graph (``newsgraph check``).

Each check is one ``ontology/checks/<name>-violation.rq`` file that selects the
nodes breaking one rule (a ``?focus`` and a ``?problem`` column) and returns no
row on a good graph: the ODK pattern (``robot verify`` over
``src/sparql/*-violation.sparql``), one problem per file. Its header says what it
finds and how serious a finding is::

    # mention-without-entity-violation.rq — mentions that point to no entity.
    # Severity: error
    # Columns: ?focus ?entity ?problem

``error`` means a broken graph (a fact without provenance, a mention without an
entity); ``warning`` a finding to review that a correct build can produce (an
agreement the article names without its parties).

The checks overlap the SHACL shapes (``newsgraph validate``) on purpose: shapes
are the contract, read by any SHACL tool, and pySHACL takes minutes on a million
triples; the checks run in Oxigraph, a whole million-triple graph in about a
second, and say the problem in one line. Unlike the analyst queries of
``queries/``, a check has to look at every node of its kind, so its time grows
with the graph (figures in the README).

Examples
--------
>>> from graph.store import new_graph
>>> [r.check.name for r in run_checks(new_graph()) if r.findings]
[]
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from graph.errors import UsageError
from graph.query import QueryInfo, QueryResult, query_info, run_query
from graph.resources import checks_dir

__all__ = ["SEVERITIES", "CheckResult", "available_checks", "run_checks"]

#: from the most to the least serious
SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class CheckResult:
    """One check run on one graph: its header, its rows (the findings) and how long it took."""

    check: QueryInfo
    result: QueryResult
    seconds: float

    @property
    def findings(self) -> list[tuple]:
        return self.result.rows

    @property
    def severity(self) -> str:
        return self.check.severity or "error"


def available_checks(directory: str | Path | None = None) -> dict[str, QueryInfo]:
    """The checks in ``directory`` (default: the packaged ``ontology/checks``): name -> header, by name.

    Raises
    ------
    UsageError
        If a check declares a severity other than ``error`` or ``warning``.
    """
    root = Path(directory) if directory is not None else checks_dir()
    found = {}
    for path in sorted(root.glob("*.rq")):
        info = query_info(path)
        if info.severity and info.severity not in SEVERITIES:
            raise UsageError(f"{path}: '# Severity: {info.severity}' is not one of {', '.join(SEVERITIES)}")
        found[info.name] = info
    return found


def run_checks(g: Graph, names: list[str] | None = None, *,
               directory: str | Path | None = None) -> list[CheckResult]:
    """Run the checks ``names`` (default: all, by name) on ``g``.

    Raises
    ------
    UsageError
        If a name is not a check (the message lists them).
    QueryError
        If a check does not run (a broken check file).
    """
    checks = available_checks(directory)
    if names:
        wanted = [n[:-3] if n.endswith(".rq") else n for n in names]
        unknown = [n for n in wanted if n not in checks and f"{n}-violation" not in checks]
        if unknown:
            raise UsageError(f"unknown check{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
                             f"(checks: {', '.join(checks)})")
        selected = [checks[n] if n in checks else checks[f"{n}-violation"] for n in dict.fromkeys(wanted)]
    else:
        selected = list(checks.values())
    results = []
    for info in selected:
        text = info.path.read_text(encoding="utf-8")
        start = time.perf_counter()
        result = run_query(g, text, name=info.name)
        results.append(CheckResult(info, result, time.perf_counter() - start))
    return results
