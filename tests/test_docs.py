"""Documentation that can rot is tested: docstring examples run, every command has help
text and appears in the README, and importing the package is quiet and does no work."""
from __future__ import annotations

import doctest
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import graph
from graph.cli import COMMANDS, make_parser

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(m.name for m in pkgutil.walk_packages(graph.__path__, "graph.")
                 if not m.name.startswith("graph.cli") and m.name != "graph.__main__")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_documented(command):
    parser = make_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    assert command in sub.choices, f"newsgraph {command} is not registered"
    assert (sub.choices[command].description or sub.choices[command].format_help()).strip()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"newsgraph {command}" in readme


def test_import_is_quiet_and_loads_no_model():
    code = "import sys, graph, graph.cli; assert 'spacy' not in sys.modules, 'spaCy imported at import time'"
    r = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "" and r.stderr == ""
