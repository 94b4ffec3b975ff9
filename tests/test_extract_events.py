"""Events between actors and quantities with units, on sentences written for the test."""
from __future__ import annotations

import pytest

from graph.extract.events import _amount, find_quantities

DATE = "2023-06-10"


def test_amounts_are_normalised():
    assert _amount("6", "milliards") == "6000000000"
    assert _amount("463 000", None) == "463000"
    assert _amount("2,5", "millions") == "2500000"
    assert _amount("1.200", None) == "1200"
    assert _amount("11.969.000", None) == "11969000"
    assert _amount("1.2.3", None) is None


def test_quantities_with_units_and_period():
    text = "Les exportations de blé ont chuté de 12 % en mars, à près de 3,2 millions de tonnes."
    qs = find_quantities(text, [(0, len(text))], DATE)
    got = [(q.amount, q.unit) for q in qs]
    assert got == [("12", "%"), ("3200000", "tonne")]
    assert qs[0].of == "exportations de blé"
    assert qs[0].date == "2023-03"


def test_a_year_is_not_a_quantity():
    text = "En 2021 dollars et euros circulaient."
    assert find_quantities(text, [(0, len(text))], DATE) == []


@pytest.mark.model
def test_negated_condemnation(extract_fr):
    x = extract_fr("L'Inde n'a pas condamné l'Iran pour cette attaque.", DATE)
    ev = [e for e in x.events if e.kind == "condemnation"]
    assert len(ev) == 1
    assert set(ev[0].participants) == {"state/IND", "state/IRN"}
    assert ev[0].evidence.modality == "negated"


@pytest.mark.model
def test_meeting_between_two_leaders(extract_fr):
    x = extract_fr("Une rencontre entre le président brésilien Luiz Inácio Lula da Silva et le chancelier "
                   "allemand Olaf Scholz a eu lieu le 2 juin.", DATE)
    ev = [e for e in x.events if e.kind == "meeting"]
    assert ev and {"person/olaf-scholz"} <= set(ev[0].participants)
    assert ev[0].date == "2023-06-02"


@pytest.mark.model
def test_sanctions_against_a_state(extract_fr):
    x = extract_fr("Le Canada a imposé de nouvelles sanctions contre la Biélorussie.", DATE)
    ev = [e for e in x.events if e.kind == "sanction"]
    assert ev and "state/BLR" in ev[0].participants
    assert ev[0].evidence.modality == "asserted"
