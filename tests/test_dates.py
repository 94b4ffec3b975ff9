"""French date expressions (graph.extract.dates); no spaCy model needed."""
from __future__ import annotations

import doctest

import pytest

from graph.extract import dates
from graph.extract.dates import DateExpr, find_dates, xsd_type

REF = "2022-05-25"


def values(text: str, ref: str | None = REF) -> list[str]:
    return [d.value for d in find_dates(text, ref)]


def test_doctests():
    res = doctest.testmod(dates)
    assert res.failed == 0


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("signé en mars 2021", REF, ["2021-03"]),
        ("le 1er janvier 2020", None, ["2020-01-01"]),
        ("le 15 sept. 2021", None, ["2021-09-15"]),
        ("le 04/05/2021", None, ["2021-05-04"]),
        ("le 2021-03-04", None, ["2021-03-04"]),
        ("qui a débuté en 2018", None, ["2018"]),
        ("depuis 2018", None, ["2018"]),
        ("jusqu'en 2030", None, ["2030"]),
        ("jusqu’en 2030", None, ["2030"]),
        ("début 2020", None, ["2020"]),
        ("en 2018 et 2019", None, ["2018", "2019"]),
        ("de 2018 à 2022", None, ["2018", "2022"]),
        ("le 3 mars 2021 et le 5 avril 2021", None, ["2021-03-03", "2021-04-05"]),
    ],
)
def test_absolute_dates(text, ref, expected):
    assert values(text, ref) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le 4 mai, il a dit", ["2022-05-04"]),             # year of the article
        ("le 4 décembre", ["2021-12-04"]),                  # later in the year than the article: last year
        ("en mai", ["2022-05"]),
        ("mi-mars", ["2022-03"]),
        ("en décembre de l'année dernière", ["2021-12"]),
        ("en décembre de l’année dernière", ["2021-12"]),
        ("l'année prochaine", ["2023"]),
        ("au mois de juillet", ["2021-07"]),
    ],
)
def test_dates_relative_to_the_article(text, expected):
    assert values(text) == expected


def test_relative_dates_need_a_reference():
    assert values("le 25 mai", None) == []
    assert values("en mars", None) == []
    assert values("l'année dernière", None) == []


@pytest.mark.parametrize(
    "text",
    [
        "il pèse 2000 tonnes",
        "environ 2021 personnes",
        "en 2020%",
        "numéro 2019",
        "mai a été difficile",          # a month without "en", "début", ... is not a date
        "45/12/2021",
    ],
)
def test_not_dates(text):
    assert values(text) == []


def test_offsets_and_text():
    text = "Le texte a été signé le 15 mars 2021 à Genève."
    (d,) = find_dates(text, None)
    assert text[d.start:d.end] == d.text == "15 mars 2021"
    (d2,) = find_dates(text, None, offset=100)
    assert (d2.start, d2.end) == (d.start + 100, d.end + 100)


def test_results_sorted_without_overlap():
    found = find_dates("en 2019, puis le 3 mars 2021 et enfin en mai 2022", REF)
    assert [d.value for d in found] == ["2019", "2021-03-03", "2022-05"]
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


def test_precision_and_xsd_type():
    assert DateExpr(0, 4, "2021", "2021").precision == "year"
    assert DateExpr(0, 9, "mars 2021", "2021-03").precision == "month"
    assert DateExpr(0, 12, "4 mars 2021", "2021-03-04").precision == "day"
    assert xsd_type("2021") == "gYear"
    assert xsd_type("2021-03") == "gYearMonth"
    assert xsd_type("2021-03-04") == "date"


# --------------------------------------------------------------------------- formerly wrong outputs (fixed)


def test_impossible_calendar_dates_rejected():
    assert values("le 31/02/2021", None) == []
    assert values("le 29 février 2021", None) == []


def test_year_range():
    assert values("le plan 2018-2022", None) == ["2018", "2022"]


def test_day_month_of_last_year():
    assert values("le 3 février de l'année dernière") == ["2021-02-03"]


def test_capitalised_month_in_a_name_is_not_a_month():
    assert values("la sonde de la mission Mars 2020 a atterri", None) == []


def test_coordinated_days():
    assert values("les 2 et 3 juin 2021", None) == ["2021-06-02", "2021-06-03"]
