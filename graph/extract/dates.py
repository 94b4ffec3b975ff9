"""French date expressions, resolved against the article's date.

Values are ISO 8601 strings as precise as the text allows: ``"2021-03-04"``
(xsd:date), ``"2021-03"`` (xsd:gYearMonth) or ``"2021"`` (xsd:gYear).

Examples
--------
>>> find_dates("signé en mars 2021", "2022-05-25")[0].value
'2021-03'
>>> find_dates("le 4 mai, il a dit", "2022-05-25")[0].value
'2022-05-04'
>>> find_dates("en décembre de l'année dernière", "2022-05-25")[0].value
'2021-12'
>>> find_dates("qui a débuté en 2018", None)[0].value
'2018'
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2,
    "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7,
    "août": 8, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}
_MONTH_RE = r"(?P<month>janvier|janv\.?|f[ée]vrier|f[ée]vr?\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|ao[uû]t|septembre|sept\.?|octobre|oct\.?|novembre|nov\.?|d[ée]cembre|d[ée]c\.?)"
_DAY = r"(?P<day>1er|[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2})"

_REL = r"(?P<rel>\s+de\s+l[’']ann[ée]e\s+(?:derni[èe]re|pr[ée]c[ée]dente|prochaine|suivante))"
_PATTERNS = [
    # 25 mai 2022, le 4 mai, 1er janvier 2020, le 3 février de l'année dernière
    re.compile(rf"\b{_DAY}\s+{_MONTH_RE}(?:\s+{_YEAR}|{_REL})?\b", re.IGNORECASE),
    # en mars 2021, mars 2021, en décembre de l'année dernière, en avril
    re.compile(rf"\b{_MONTH_RE}(?:\s+{_YEAR}|{_REL})?\b", re.IGNORECASE),
    # 04/05/2021
    re.compile(r"\b(?P<nday>[0-3]?\d)/(?P<nmonth>[01]?\d)/(?P<year>(?:19|20)\d{2})\b"),
    # 2021-03-04
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<nmonth>[01]\d)-(?P<nday>[0-3]\d)\b"),
    # en 2018, depuis 2018, jusqu'en 2027
    re.compile(rf"\b{_YEAR}\b"),
    # l'année dernière / prochaine
    re.compile(r"\bl[’']ann[ée]e\s+(?P<relonly>derni[èe]re|pr[ée]c[ée]dente|prochaine|suivante|en cours)\b", re.IGNORECASE),
]


_MONTH_REL = re.compile(rf"\b{_MONTH_RE}\s+(?P<rel>derni(?:er|[èe]re)|prochain)\b", re.IGNORECASE)
_RELDAY = re.compile(r"\b(?:aujourd[’']hui|avant-hier|après-demain|hier|demain)\b", re.IGNORECASE)
_SAME_YEAR = re.compile(rf"\b{_DAY}\s+{_MONTH_RE}\s+de\s+la\s+m[êe]me\s+ann[ée]e\b", re.IGNORECASE)
_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_WEEKDAY = re.compile(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"\b(?P<a>(?:19|20)\d{2})\s?[-–]\s?(?P<b>(?:19|20)\d{2})\b")
_TWO_DAYS = re.compile(rf"\b(?P<d1>1er|[12]\d|3[01]|0?[1-9])\s+et\s+(?P<d2>[12]\d|3[01]|0?[1-9])\s+{_MONTH_RE}(?:\s+{_YEAR})?\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateExpr:
    start: int
    end: int
    text: str
    value: str          # ISO: YYYY, YYYY-MM or YYYY-MM-DD

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip(".").replace("û", "u") if word.lower().startswith("ao") else word.lower().rstrip("."))


def _ref(ref: str | None) -> tuple[int, int, int] | None:
    if not ref:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", ref)
    if not m:
        return None
    return int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)


def _rel_year(word: str, year: int) -> int:
    w = word.lower()
    if w.startswith(("derni", "pr\u00e9c", "prec")):
        return year - 1
    if w.startswith(("proch", "suiv")):
        return year + 1
    return year


def _value(m: re.Match, ref: tuple[int, int, int] | None) -> str | None:
    gd = m.groupdict()
    if gd.get("relonly"):
        if not ref:
            return None
        return f"{_rel_year(gd['relonly'], ref[0]):04d}"
    year = int(gd["year"]) if gd.get("year") else None
    if gd.get("nmonth"):
        month, day = int(gd["nmonth"]), int(gd["nday"])
        try:
            _dt.date(year, month, day)
        except ValueError:
            return None
        return f"{year:04d}-{month:02d}-{day:02d}"
    month = _month(gd["month"]) if gd.get("month") else None
    day = None
    if gd.get("day"):
        day = 1 if gd["day"] == "1er" else int(gd["day"])
    if month is None:
        return f"{year:04d}" if year else None
    if year is None:
        if not ref:
            return None
        year = ref[0]
        if gd.get("rel"):
            year = _rel_year(gd["rel"].split()[-1], ref[0])
        elif ref[1] and (month, day or 1) > (ref[1], ref[2] or 31):
            # "le 4 décembre" in a May article: last December
            year -= 1
    if day:
        try:
            _dt.date(year, month, day)
        except ValueError:
            return None  # "31 février": not a date
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}"


def find_dates(text: str, ref_date: str | None = None, offset: int = 0) -> list[DateExpr]:
    """All date expressions in ``text``, left to right, without overlaps.

    ``ref_date`` (the article's date, ISO) resolves dates without a year;
    ``offset`` is added to the returned character offsets.
    """
    ref = _ref(ref_date)
    taken: list[tuple[int, int]] = []
    found: list[DateExpr] = []
    # "en novembre dernier", "en mars prochain"
    for m in _MONTH_REL.finditer(text):
        month = _month(m.group("month"))
        if month is None or not ref:
            continue
        year = ref[0]
        if m.group("rel").lower().startswith("dern") and ref[1] and month >= ref[1]:
            year -= 1
        if m.group("rel").lower().startswith("proch") and ref[1] and month <= ref[1]:
            year += 1
        taken.append(m.span())
        found.append(DateExpr(m.start() + offset, m.end() + offset, m.group(0), f"{year:04d}-{month:02d}"))
    # "2018-2022": a range of years
    for m in _YEAR_RANGE.finditer(text):
        taken.append(m.span())
        for g in ("a", "b"):
            found.append(DateExpr(m.start(g) + offset, m.end(g) + offset, m.group(g), m.group(g)))
    # "les 2 et 3 juin 2021": two days of one month
    for m in _TWO_DAYS.finditer(text):
        month = _month(m.group("month"))
        year = int(m.group("year")) if m.group("year") else (ref[0] if ref else None)
        if month is None or year is None:
            continue
        vals = []
        for g in ("d1", "d2"):
            day = 1 if m.group(g) == "1er" else int(m.group(g))
            try:
                _dt.date(year, month, day)
            except ValueError:
                vals = []
                break
            vals.append((m.start(g), f"{year:04d}-{month:02d}-{day:02d}"))
        if vals:
            taken.append(m.span())
            for start, v in vals:
                found.append(DateExpr(start + offset, m.end() + offset, m.group(0), v))
    # "aujourd'hui", "hier", "avant-hier", "demain": relative to the article's date
    if ref and ref[2]:
        today = _dt.date(*ref)
        for m in _RELDAY.finditer(text):
            delta = {"aujourd": 0, "hier": -1, "avant-hier": -2, "demain": 1, "après-demain": 2}[
                "aujourd" if m.group(0).lower().startswith("aujourd") else m.group(0).lower()]
            taken.append(m.span())
            found.append(DateExpr(m.start() + offset, m.end() + offset, m.group(0), (today + _dt.timedelta(days=delta)).isoformat()))
    # "le 10 octobre de la même année"
    for m in _SAME_YEAR.finditer(text):
        prev_years = [int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", text[:m.start()])]
        month = _month(m.group("month"))
        if not prev_years or month is None:
            continue
        day = 1 if m.group("day") == "1er" else int(m.group("day"))
        try:
            value = _dt.date(prev_years[-1], month, day).isoformat()
        except ValueError:
            continue
        taken.append(m.span())
        found.append(DateExpr(m.start() + offset, m.end() + offset, m.group(0), value))
    # "lundi", "mardi soir": the last such day on or before the article's date
    if ref and ref[2]:
        today = _dt.date(*ref)
        for m in _WEEKDAY.finditer(text):
            if any(m.start() < te and ts < m.end() for ts, te in taken):
                continue
            if re.match(r"\s+(?:1er|\d{1,2})\b", text[m.end():m.end() + 4]):
                continue  # "mardi 4 mai": the full date is found below
            if re.search(r"\b(?:chaque|tous\s+les|le|les)\s+$", text[max(0, m.start() - 10):m.start()], re.IGNORECASE) \
                    and not re.search(r"\bdernier\b", text[m.end():m.end() + 9]):
                continue  # "chaque lundi", "le lundi": habits, not a day
            wd = _WEEKDAYS.index(m.group(1).lower())
            back = (today.weekday() - wd) % 7
            if re.match(r"\s+prochain", text[m.end():m.end() + 10]):
                back = back - 7 if back else -7
            day = today - _dt.timedelta(days=back)
            taken.append(m.span())
            found.append(DateExpr(m.start() + offset, m.end() + offset, m.group(0), day.isoformat()))
    for pat in _PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            # "mai" etc. are also ordinary words only in rare cases; "mars" is a planet:
            gd = m.groupdict()
            if gd.get("month") and not gd.get("day") and gd["month"][:1].isupper() and not gd["month"].isupper():
                # "la mission Mars 2020": a capitalised month inside a name
                before = text[max(0, s - 14):s].lower()
                at_start = s == 0 or re.search(r"(?:^|[.!?:«\n]\s*)$", text[max(0, s - 3):s]) is not None
                if not at_start and not re.search(r"(?:\ben|\bd[ée]but|\bfin|\bdepuis|\bjusqu[’']en|\bau mois de|\bdès|\bmi-)\s*$", before):
                    taken.append((s, e))
                    continue
            if gd.get("month") and not gd.get("day") and not gd.get("year") and not gd.get("rel"):
                before = text[max(0, s - 12):s].lower()
                if not re.search(r"(?:\ben|\bd[ée]but|\bfin|\bmi-|\bcourant|\bdepuis|\bjusqu[’']en|\bau mois de|\bdès)\s*$", before):
                    continue
            if gd.get("year") and not gd.get("month") and not gd.get("nmonth"):
                # a bare number: only years introduced like dates ("en 2018", "depuis 2018", "2018-2022")
                before = text[max(0, s - 16):s].lower()
                if not re.search(r"(?:\ben|depuis|jusqu[’']en|d[ée]but|fin|dès|avant|apr[èe]s|ann[ée]e|de|à|au|-|–|et)\s*$", before):
                    continue
                after = text[e:e + 3]
                if re.match(r"\s?(?:%|\d)", after):
                    continue
            value = _value(m, ref)
            if value is None and (gd.get("day") or gd.get("nday")):
                taken.append((s, e))  # an impossible day ("31 février") is no date at all
            if value:
                taken.append((s, e))
                found.append(DateExpr(s + offset, e + offset, m.group(0), value))
    found.sort(key=lambda d: d.start)
    return found


def xsd_type(value: str) -> str:
    """XSD datatype local name for an ISO value: gYear, gYearMonth or date."""
    return {4: "gYear", 7: "gYearMonth", 10: "date"}[len(value)]
