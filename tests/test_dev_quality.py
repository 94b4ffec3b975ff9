"""Extraction quality on the six development sets (tests/data/dev*/), French articles in the
styles of different outlets and years, annotated in the gold format by people who did not read
the extraction code. The first set: 8 articles (5 plain text, 3 HTML pages). The rules were improved while looking at these
scores, so they are a regression guard, not a measure on unseen text."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph.cli import main

pytestmark = pytest.mark.model

DEV = Path(__file__).resolve().parent / "data" / "dev"


def _totals(tmp_path_factory, name: str, n_gold: int):
    """Build one development set and score it against its gold files (micro-averaged)."""
    from graph.evaluate import evaluate_files, micro_totals

    d = DEV.parent / name
    out = tmp_path_factory.mktemp(f"{name}-out")
    assert main(["build", str(d / "articles"), "--out", str(out), "--no-html", "-q"]) == 0
    results = evaluate_files(out / "graph.ttl", sorted((d / "gold").glob("*.json")))
    assert len(results) == n_gold
    return micro_totals(results)


@pytest.fixture(scope="module")
def totals(tmp_path_factory):
    return _totals(tmp_path_factory, "dev", 8)


def test_entities(totals):
    assert totals["entities"].f1 >= 0.91


def test_relations(totals):
    assert totals["relations_strict"].f1 >= 0.80


def test_statements(totals):
    assert totals["statements"].f1 >= 0.85


@pytest.fixture(scope="module")
def totals2(tmp_path_factory):
    """The second set (tests/data/dev2/: 6 articles, 2 HTML pages) was written after the rules and
    first scored unseen: entities 0.88, relations 0.46, statements 0.56. It has been used for
    development since."""
    return _totals(tmp_path_factory, "dev2", 6)


def test_second_set(totals2):
    assert totals2["entities"].f1 >= 0.89
    assert totals2["relations_strict"].f1 >= 0.66
    assert totals2["statements"].f1 >= 0.92


@pytest.fixture(scope="module")
def totals3(tmp_path_factory):
    """The third set (tests/data/dev3/: 4 articles, 1 HTML page), written last and first scored
    unseen: entities 0.88, relations 0.61, statements 0.67, dates 5/12."""
    return _totals(tmp_path_factory, "dev3", 4)


def test_third_set(totals3):
    assert totals3["entities"].f1 >= 0.86
    assert totals3["relations_strict"].f1 >= 0.64
    assert totals3["statements"].f1 >= 0.82


@pytest.fixture(scope="module")
def totals4(tmp_path_factory):
    """The fourth set (tests/data/dev4/: 6 articles, 2 HTML pages; Le Monde 2019, RFI 2023, Les Echos
    2017, AFP 2021, Le Figaro 2014, La Croix 2024), written by a helper who never saw the rules and
    first scored unseen in the second session: entities 0.84, relations 0.60, statements 0.67."""
    return _totals(tmp_path_factory, "dev4", 6)


def test_fourth_set(totals4):
    assert totals4["entities"].f1 >= 0.89
    assert totals4["relations_strict"].f1 >= 0.78
    assert totals4["statements"].f1 >= 0.95


@pytest.fixture(scope="module")
def totals5(tmp_path_factory):
    """The fifth set (tests/data/dev5/: 6 articles, 2 HTML pages; Jeune Afrique 2020, France 24 2022,
    Libération 2016, Ouest-France 2012, L'Opinion 2025, Le Parisien 2018), written independently of
    dev4 and scored once unseen after the second session's rule work: entities 0.88, relations 0.64,
    statements 0.94, dates 8/16."""
    return _totals(tmp_path_factory, "dev5", 6)


def test_fifth_set(totals5):
    assert totals5["entities"].f1 >= 0.87
    assert totals5["relations_strict"].f1 >= 0.70
    assert totals5["statements"].f1 >= 0.90
    # agreement dates 13/16 after the third session (9/16 before): back references with their own
    # participle, announced agreements, the next sentence's end date
    assert totals5["dates"].tp >= 12


@pytest.fixture(scope="module")
def totals6(tmp_path_factory):
    """The sixth set (tests/data/dev6/: 6 articles, 2 HTML pages; Le Temps 2009, La Presse 2015, Le Soir
    2019, Mediapart 2021, Les Echos 2023, L'Orient-Le Jour 2024), written by a helper who saw neither the
    code nor the other sets, and scored once unseen at the start of the third session's rule work:
    entities 0.80, relations 0.47, statements 0.81, dates 8/23."""
    return _totals(tmp_path_factory, "dev6", 6)


def test_sixth_set(totals6):
    assert totals6["entities"].f1 >= 0.86
    assert totals6["relations_strict"].f1 >= 0.68
    assert totals6["statements"].f1 >= 0.85
    assert totals6["dates"].tp >= 13
