"""The ``newsgraph`` command.

Each subcommand lives in its own module of this package with two functions:
``add_parser(subparsers)`` (declares the arguments, with help text) and
``run(args) -> int`` (calls the library, prints, returns the exit code).

Exit codes: 0 success; 1 some inputs failed (the rest were built) or the
result is negative (validation); 2 usage error (bad arguments, missing files,
an output path that cannot be written); 3 internal error (a bug: please report
it); 130 interrupted. Errors are one ``error: ...`` line on stderr; tracebacks
(of errors and of logged exceptions) are shown only with ``--debug``.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import sys

from graph.errors import NewsgraphError, UsageError

COMMANDS = ["build", "query", "view", "evaluate", "serve", "export", "validate", "check", "stats"]


class _NoTracebackFormatter(logging.Formatter):
    """Log lines without tracebacks: those are for ``--debug``."""

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info = record.exc_text = record.stack_info = None
        try:
            return super().format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 already; keep its one-line style
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsgraph", description="News articles to an ontology-backed knowledge graph.")
    from graph import __version__

    parser.add_argument("--version", action="version", version=f"newsgraph {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"graph.cli.{name}")
        except ModuleNotFoundError as exc:  # a command not written yet
            if exc.name != f"graph.cli.{name}":
                raise
            continue
        p = module.add_parser(sub)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return 2
    level = logging.WARNING - 10 * min(args.verbose, 2)
    handler = logging.StreamHandler()
    fmt = "%(levelname)s %(name)s: %(message)s"
    handler.setFormatter(logging.Formatter(fmt) if args.debug else _NoTracebackFormatter(fmt))
    logging.basicConfig(level=level, handlers=[handler])
    if args.debug:  # newsgraph's own debug messages (with their tracebacks), not the libraries'
        logging.getLogger("graph").setLevel(logging.DEBUG)
    try:
        return int(args._run(args) or 0)
    except UsageError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except NewsgraphError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # the environment: an unwritable --out, a full disk, a closed pipe
        if args.debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or _first_line(exc)}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: one line, the traceback with --debug
        if args.debug:
            raise
        print(f"error: internal error ({type(exc).__name__}: {_first_line(exc)}); "
              "run again with --debug for the traceback and please report it", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
