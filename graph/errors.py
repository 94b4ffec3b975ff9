"""Errors with one-line, actionable messages.

Every message says what happened and where (the file), and how to fix it when
that is known. The CLI prints ``error: <message>`` and never a traceback unless
``--debug`` is given.
"""
from __future__ import annotations


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""


class UsageError(NewsgraphError):
    """The command line or a parameter is wrong (exit code 2)."""


class InputError(NewsgraphError):
    """One input file cannot be read as an article.

    The build goes on with the other files and exits with code 1.
    """

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class QueryError(NewsgraphError):
    """A SPARQL query cannot be found, parsed or run."""


class GraphFileError(NewsgraphError):
    """A graph file cannot be read."""
