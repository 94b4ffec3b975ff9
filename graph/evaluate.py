"""Score a graph against gold annotations: precision, recall and F1.

The scoring follows the reference scorer of the project's evaluation
(``score.py``): the numbers are the same for the same graph and gold file.
On top of it, this module restricts the graph to the gold document when the
graph holds provenance for several documents, micro-averages totals over
several gold files, and lists the missed and spurious items of each file.

Gold format
-----------
A gold file is a UTF-8 JSON object::

    {
      "document": "seeds/aurora-2023-03-14.txt",
      "entities": [
        {"id": "marchetti", "type": "Person", "aliases": ["Hélène Marchetti", "Mme Marchetti"]},
        {"id": "valdoria", "type": "State", "aliases": ["Valdoria", "la Valdoria"]},
        {"id": "mfa", "type": "Agency", "aliases": ["ministère des Affaires étrangères"]},
        {"id": "pact", "type": "Agreement", "aliases": ["pacte d'Aurora"]},
        {"id": "west", "optional": true, "aliases": ["Occident"]}
      ],
      "relations": [
        {"s": "marchetti", "p": "affiliatedWith", "o": "mfa", "role": "ministre"},
        {"s": "marchetti", "p": "affiliatedWith", "o": "valdoria", "implicit": true},
        {"s": "mfa", "p": "partOf", "o": "valdoria"},
        {"s": "pact", "p": "party", "o": "valdoria"}
      ],
      "statements": [
        {"speaker": "marchetti", "quote_starts": "Nous signerons"}
      ],
      "agreement_dates": [
        {"agreement": "pact", "date": "2023-03"},
        {"agreement": "pact", "start": "2023", "end": "2027"}
      ]
    }

``document`` : str, optional
    The annotated article (a path; only its file name is used). When the
    graph has an ``ng:Document`` whose ``dcterms:source`` ends with that file
    name, or whose IRI is ``id:doc/<slug of the file stem>``, and that
    document has ``ng:Mention`` nodes, only the entities mentioned in it (and
    the relations and statements it supports) are scored; otherwise the whole
    graph is.
``entities`` : list of object, required
    ``id`` (str, unique), ``aliases`` (non-empty list of str: every surface
    form), ``type`` (``Person``, ``State``, ``Agency`` or ``Agreement``;
    required unless optional) and ``optional`` (bool). A graph entity matches
    a gold entity when one of its names (``rdfs:label``, ``skos:altLabel``,
    ``skos:prefLabel``) equals one of the aliases after normalisation
    (accents, case, quotes, punctuation at the ends and leading articles or
    titles such as "le", "l'", "M." are ignored) and the core types agree.
    Optional entities are neither rewarded nor penalised. A second graph
    entity matching an already matched gold entity is a duplicate and counts
    as a false positive, as does an entity of the wrong type.
``relations`` : list of object, optional
    ``s``, ``o`` (entity ids), ``p`` (``affiliatedWith``, ``partOf`` or
    ``party``), ``implicit`` (bool: true but only implied by the text) and
    free-form extras (``role``). In the *strict* score implicit relations are
    neither required nor penalised; in the *lenient* score they are also
    required (they count for recall). Predicted relations touching an
    optional entity are not penalised.
``statements`` : list of object, optional
    ``speaker`` (entity id), ``quote_starts`` (str) and ``optional`` (bool).
    A graph ``ng:Statement`` matches when one of its ``ng:speaker`` matches
    the speaker and its normalised ``ng:quote`` contains the first 25
    normalised characters of ``quote_starts``. Each gold statement matches at
    most once; a graph statement matching nothing is a false positive.
``agreement_dates`` : list of object, optional
    ``agreement`` (entity id), one or more of ``date``, ``start``, ``end``
    (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) and ``implicit`` (bool:
    skipped). A value is correct when a graph value starts with it: ``date``
    against ``ng:date`` or ``ng:startDate``, ``start`` against
    ``ng:startDate`` or ``ng:date``, ``end`` against ``ng:endDate``. Scores:
    true positives are the correct items; false negatives the others; false
    positives the wrong items for which the graph does give a date.

Other keys (``about``, ``negatives``, ``language`` ...) are allowed and ignored.

Examples
--------
>>> from graph.evaluate import load_gold, evaluate
>>> from graph.store import load_graph
>>> result = evaluate(load_graph("out/graph.ttl"), load_gold("gold/aurora.json"))  # doctest: +SKIP
>>> round(result.entities.f1, 3)  # doctest: +SKIP
0.857
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from graph.errors import UsageError

__all__ = [
    "Score", "EvalResult", "norm", "load_gold", "evaluate", "evaluate_files", "micro_totals",
    "format_table", "to_json", "CORE_TYPES", "RELATIONS",
]

_NG = Namespace("https://w3id.org/newsgraph/ontology#")
_ID = "https://w3id.org/newsgraph/id/"
CORE_TYPES = ("Agency", "Agreement", "Person", "State")
RELATIONS = ("affiliatedWith", "partOf", "party")
MODES = ("strict", "lenient")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_LEAD = re.compile(r"^(?:(?:le|la|les|l'|the|m\.|mme|mr\.?|mrs\.?|dr\.?|president)\s+|l')+")


def norm(s: str) -> str:
    """Normalise a name or quote for matching.

    Accents removed, case folded, typographic apostrophes made plain, quote
    marks dropped, spaces collapsed, punctuation trimmed at the ends and
    leading articles or titles ("le", "la", "l'", "M.", "Mme" ...) removed.

    Examples
    --------
    >>> norm("  M. Sergueï Ivanov. ")
    'serguei ivanov'
    >>> norm("l’Ukraine")
    'ukraine'
    """
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u2018", "'").casefold()
    s = re.sub(r"[«»\"“”‘]", " ", s)
    s = re.sub(r"\s+", " ", s).strip(" .,;:")
    s = _LEAD.sub("", s)
    return s.strip()


# --------------------------------------------------------------------------- results


@dataclass
class Score:
    """Counts of one part; precision, recall and F1 derive from them (0.0 when undefined)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def empty(self) -> bool:
        """Nothing to score (no gold item and no prediction)."""
        return not (self.tp or self.fp or self.fn)

    def __add__(self, other: "Score") -> "Score":
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class EvalResult:
    """The evaluation of a graph against one gold file.

    Attributes
    ----------
    gold : str
        Path of the gold file (or ``"<gold>"`` when scored from a dict).
    document : str or None
        The gold ``document`` field.
    scope : str or None
        IRI of the graph document the scoring was restricted to, or None
        (whole graph).
    entities, relations_strict, relations_lenient, statements, dates : Score
        The counts of each part.
    dates_correct, dates_total : int
        Correct / scored agreement-date items (as ``score.py`` reports them).
    missed_* : list of str
        Gold items not found (``missed_relations`` holds the required ones,
        ``missed_implicit_relations`` the implicit ones).
    spurious_* : list of str
        Graph items counted as false positives, with the reason.
    """

    gold: str
    document: str | None
    scope: str | None
    entities: Score
    relations_strict: Score
    relations_lenient: Score
    statements: Score
    dates: Score
    dates_correct: int = 0
    dates_total: int = 0
    missed_entities: list[str] = field(default_factory=list)
    spurious_entities: list[str] = field(default_factory=list)
    missed_relations: list[str] = field(default_factory=list)
    missed_implicit_relations: list[str] = field(default_factory=list)
    spurious_relations: list[str] = field(default_factory=list)
    missed_statements: list[str] = field(default_factory=list)
    spurious_statements: list[str] = field(default_factory=list)
    missed_dates: list[str] = field(default_factory=list)

    def relations(self, mode: str = "strict") -> Score:
        """The relation score of ``mode`` (``strict`` or ``lenient``)."""
        return self.relations_lenient if mode == "lenient" else self.relations_strict

    @property
    def name(self) -> str:
        return self.document or self.gold

    def to_dict(self, mode: str = "strict") -> dict:
        missed_rel = self.missed_relations + (self.missed_implicit_relations if mode == "lenient" else [])
        return {
            "gold": self.gold,
            "document": self.document,
            "scope": self.scope,
            "entities": {**self.entities.to_dict(), "missed": self.missed_entities,
                         "spurious": self.spurious_entities},
            "relations": {"strict": self.relations_strict.to_dict(), "lenient": self.relations_lenient.to_dict(),
                          "missed": sorted(missed_rel), "spurious": self.spurious_relations},
            "statements": {**self.statements.to_dict(), "missed": self.missed_statements,
                           "spurious": self.spurious_statements},
            "agreement_dates": {"correct": self.dates_correct, "of": self.dates_total, **self.dates.to_dict(),
                                "missed": self.missed_dates},
        }


# --------------------------------------------------------------------------- gold files


def _fail(path, problem: str):
    raise UsageError(f"{path}: {problem}")


def _validate(gold, path) -> dict:
    if not isinstance(gold, dict):
        _fail(path, f"gold file must hold a JSON object, not {type(gold).__name__}")
    if "document" in gold and not isinstance(gold["document"], str):
        _fail(path, "'document' must be a string")
    ents = gold.get("entities")
    if not isinstance(ents, list):
        _fail(path, "missing 'entities' list" if ents is None else "'entities' must be a list")
    ids: dict[str, str | None] = {}
    for i, e in enumerate(ents):
        where = f"entities[{i}]"
        if not isinstance(e, dict):
            _fail(path, f"{where}: must be an object")
        eid = e.get("id")
        if not isinstance(eid, str) or not eid:
            _fail(path, f"{where}: missing or empty 'id'")
        where = f"entities[{i}] ({eid})"
        if eid in ids:
            _fail(path, f"{where}: duplicate id")
        if not isinstance(e.get("optional", False), bool):
            _fail(path, f"{where}: 'optional' must be true or false")
        al = e.get("aliases")
        if not isinstance(al, list) or not al or not all(isinstance(a, str) and a.strip() for a in al):
            _fail(path, f"{where}: 'aliases' must be a non-empty list of non-empty strings")
        t = e.get("type")
        if t is None and not e.get("optional"):
            _fail(path, f"{where}: missing 'type' (one of {', '.join(CORE_TYPES)}; only optional entities may omit it)")
        if t is not None and t not in CORE_TYPES:
            _fail(path, f"{where}: unknown type {t!r} (expected one of {', '.join(CORE_TYPES)})")
        ids[eid] = t

    def ref(value, where, key):
        if not isinstance(value, str) or value not in ids:
            _fail(path, f"{where}: '{key}' {value!r} is not the id of an entity of this file")

    for key in ("relations", "statements", "agreement_dates"):
        if key in gold and not isinstance(gold[key], list):
            _fail(path, f"'{key}' must be a list")
    for i, r in enumerate(gold.get("relations", [])):
        where = f"relations[{i}]"
        if not isinstance(r, dict):
            _fail(path, f"{where}: must be an object")
        ref(r.get("s"), where, "s")
        ref(r.get("o"), where, "o")
        if r.get("p") not in RELATIONS:
            _fail(path, f"{where}: 'p' {r.get('p')!r} is not one of {', '.join(RELATIONS)}")
        if not isinstance(r.get("implicit", False), bool):
            _fail(path, f"{where}: 'implicit' must be true or false")
    for i, s in enumerate(gold.get("statements", [])):
        where = f"statements[{i}]"
        if not isinstance(s, dict):
            _fail(path, f"{where}: must be an object")
        ref(s.get("speaker"), where, "speaker")
        q = s.get("quote_starts")
        if not isinstance(q, str) or not norm(q):
            _fail(path, f"{where}: 'quote_starts' must be a non-empty string")
        if not isinstance(s.get("optional", False), bool):
            _fail(path, f"{where}: 'optional' must be true or false")
    for i, d in enumerate(gold.get("agreement_dates", [])):
        where = f"agreement_dates[{i}]"
        if not isinstance(d, dict):
            _fail(path, f"{where}: must be an object")
        ref(d.get("agreement"), where, "agreement")
        keys = [k for k in ("date", "start", "end") if k in d]
        if not keys:
            _fail(path, f"{where}: needs at least one of 'date', 'start', 'end'")
        for k in keys:
            if not isinstance(d[k], str) or not _DATE.match(d[k]):
                _fail(path, f"{where}: '{k}' {d[k]!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if not isinstance(d.get("implicit", False), bool):
            _fail(path, f"{where}: 'implicit' must be true or false")
    return gold


def load_gold(path: str | os.PathLike) -> dict:
    """Read and validate a gold JSON file.

    Raises
    ------
    UsageError
        If the file is missing, is not JSON or does not follow the gold
        format; the one-line message names the file and the problem.
    """
    p = Path(path)
    if not p.is_file():
        _fail(p, "gold file not found")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        _fail(p, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    except OSError as exc:
        _fail(p, f"cannot read gold file ({exc.strerror or exc})")
    try:
        gold = json.loads(text)
    except json.JSONDecodeError as exc:
        _fail(p, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
    return _validate(gold, p)


# --------------------------------------------------------------------------- scoring


def _names(g: Graph, node) -> set[str]:
    out = {str(o) for o in g.objects(node, RDFS.label)}
    out |= {str(o) for o in g.objects(node, SKOS.altLabel)}
    out |= {str(o) for o in g.objects(node, SKOS.prefLabel)}
    return out


def _show(g: Graph, node) -> str:
    """A short readable name of a graph node."""
    labels = sorted(str(o) for o in g.objects(node, RDFS.label))
    if labels:
        return labels[0]
    alts = sorted(_names(g, node))
    if alts:
        return alts[0]
    s = str(node)
    return s[len(_ID):] if s.startswith(_ID) else s


def _file_name(document: str) -> str:
    name = PureWindowsPath(document).name if "\\" in document else PurePosixPath(document).name
    return name


def _find_document(g: Graph, document: str | None) -> URIRef | None:
    """The ng:Document of the gold ``document`` with mentions, or None."""
    if not document:
        return None
    from graph.read import slugify

    name = _file_name(document)
    if not name:
        return None
    want_iri = _ID + "doc/" + (slugify(PurePosixPath(name).stem) or "\x00")
    candidates = []
    for d in g.subjects(RDF.type, _NG.Document):
        sources = [str(s) for s in g.objects(d, DCTERMS.source)]
        if str(d) == want_iri or str(d).endswith(name) or any(
            s == name or s.endswith("/" + name) or s.endswith("\\" + name) for s in sources
        ):
            candidates.append(d)
    for d in sorted(candidates, key=str):
        if any((m, RDF.type, _NG.Mention) in g for m in g.subjects(_NG.inDocument, d)):
            return d
    return None


def evaluate(g: Graph, gold: dict, *, gold_path: str = "<gold>") -> EvalResult:
    """Score graph ``g`` against one gold annotation (a dict as from :func:`load_gold`).

    Parameters
    ----------
    g : rdflib.Graph
        The graph (core vocabulary of the contract).
    gold : dict
        The gold annotation (see the module docstring for the format).
    gold_path : str, optional
        Reported in the result.

    Returns
    -------
    EvalResult
    """
    entities = gold["entities"]
    order = {e["id"]: i for i, e in enumerate(entities)}
    alias: dict[str, str] = {}
    gtype: dict[str, str | None] = {}
    optional: set[str] = set()
    label: dict[str, str] = {}
    for e in entities:
        for a in e["aliases"]:
            alias[norm(a)] = e["id"]
        gtype[e["id"]] = e.get("type")
        label[e["id"]] = e["aliases"][0]
        if e.get("optional"):
            optional.add(e["id"])

    def gold_of(node) -> set[str]:
        return {alias[n] for n in map(norm, _names(g, node)) if n in alias}

    doc = _find_document(g, gold.get("document"))
    in_doc: set | None = None
    if doc is not None:
        in_doc = {n for m in g.subjects(_NG.inDocument, doc) if (m, RDF.type, _NG.Mention) in g
                  for n in g.objects(m, _NG.mentionOf)}

    # ---- entities
    pred = []
    for t in CORE_TYPES:
        for node in g.subjects(RDF.type, _NG[t]):
            if in_doc is None or node in in_doc:
                pred.append((node, t))
    pred.sort(key=lambda x: (str(x[0]), x[1]))
    node_gold: dict = {}
    found: dict[str, object] = {}
    tp = fp = 0
    spurious_e: list[str] = []
    for node, t in pred:
        hits = gold_of(node)
        node_gold[node] = hits
        if hits and hits <= optional:
            continue
        good = sorted((h for h in hits if h not in optional and gtype[h] == t and h not in found), key=order.get)
        if good:
            found[good[0]] = node
            tp += 1
            continue
        fp += 1
        shown = f"{t} {_show(g, node)!r}"
        req = sorted((h for h in hits if h not in optional), key=order.get)
        if not req:
            why = "not in gold"
        elif any(gtype[h] == t for h in req):
            h = next(h for h in req if gtype[h] == t)
            why = f"duplicate of {h} (already matched by {_show(g, found[h])!r})"
        else:
            why = "wrong type: gold " + ", ".join(f"{h} is {gtype[h]}" for h in req)
        spurious_e.append(f"{shown}: {why}")
    required = [e["id"] for e in entities if not e.get("optional")]
    missed_e = [f"{i} ({gtype[i]} {label[i]!r})" for i in required if i not in found]
    ent = Score(tp, fp, len(missed_e))

    # ---- relations
    def gold_ids(node) -> set[str]:
        return node_gold.get(node) or gold_of(node)

    def rel_in_doc(s, p, o) -> bool:
        if in_doc is None:
            return True
        asserted = False
        for a in g.subjects(RDF.subject, s):
            if (a, RDF.predicate, p) in g and (a, RDF.object, o) in g:
                docs = set(g.objects(a, _NG.inDocument))
                if doc in docs:
                    return True
                asserted = asserted or bool(docs)
        return not asserted and s in in_doc

    gold_rel = {(r["s"], r["p"], r["o"]): r for r in gold.get("relations", [])}
    pred_rel: dict[tuple, str] = {}
    for p in RELATIONS:
        for s, o in sorted(g.subject_objects(_NG[p]), key=lambda x: (str(x[0]), str(x[1]))):
            if not rel_in_doc(s, _NG[p], o):
                continue
            gs_ids, go_ids = gold_ids(s), gold_ids(o)
            for gs in gs_ids:
                for go in go_ids:
                    pred_rel.setdefault((gs, p, go), f"{_show(g, s)!r} {p} {_show(g, o)!r}")
            if not gs_ids or not go_ids:
                pred_rel.setdefault((f"?{s}", p, f"?{o}"), f"{_show(g, s)!r} {p} {_show(g, o)!r}")
    rels = {}
    spurious_keys = [k for k in pred_rel if k not in gold_rel and not ({k[0], k[2]} & optional)]
    for mode in MODES:
        want = {k for k, r in gold_rel.items() if mode == "lenient" or not r.get("implicit")}
        hit = len(want & pred_rel.keys())
        rels[mode] = Score(hit, len(spurious_keys), len(want - pred_rel.keys()))

    def show_rel(k) -> str:
        return f"{k[0]} {k[1]} {k[2]}"

    missed_r = [show_rel(k) for k, r in gold_rel.items() if k not in pred_rel and not r.get("implicit")]
    missed_ri = [show_rel(k) for k, r in gold_rel.items() if k not in pred_rel and r.get("implicit")]
    spurious_r = []
    for k in sorted(spurious_keys, key=lambda k: pred_rel[k]):
        text = pred_rel[k]
        if k[0].startswith("?") or k[2].startswith("?"):
            spurious_r.append(f"{text}: an end is not a gold entity")
        else:
            spurious_r.append(f"{text}: not in gold (as {show_rel(k)})")

    # ---- statements
    gst = gold.get("statements", [])
    starts = [norm(s["quote_starts"])[:25] for s in gst]
    used: set[int] = set()
    tp = fp = 0
    spurious_s: list[str] = []
    for st in sorted(g.subjects(RDF.type, _NG.Statement), key=str):
        if in_doc is not None:
            docs = set(g.objects(st, _NG.inDocument))
            if docs and doc not in docs:
                continue
            if not docs and not any(sp in in_doc for sp in g.objects(st, _NG.speaker)):
                continue
        speakers: set[str] = set()
        for sp in g.objects(st, _NG.speaker):
            speakers |= gold_ids(sp)
        quotes = [norm(q) for q in g.objects(st, _NG.quote)]
        hit = None
        for i, gs in enumerate(gst):
            if i in used or gs["speaker"] not in speakers:
                continue
            if any(starts[i] in q for q in quotes):
                hit = i
                break
        if hit is None:
            fp += 1
            who = ", ".join(sorted(_show(g, sp) for sp in g.objects(st, _NG.speaker))) or "no speaker"
            q = min((str(q) for q in g.objects(st, _NG.quote)), default="")
            q = q if len(q) <= 60 else q[:59] + "…"
            why = "speaker not a gold entity" if not speakers else "no gold quote of this speaker matches"
            spurious_s.append(f"{who}: {q!r}: {why}")
        else:
            used.add(hit)
            if not gst[hit].get("optional"):
                tp += 1
    missed_s = [f"{s['speaker']}: {s['quote_starts']!r}" for i, s in enumerate(gst)
                if not s.get("optional") and i not in used]
    stm = Score(tp, fp, len(missed_s))

    # ---- agreement dates
    ok_n = total = wrong_with_value = 0
    missed_d: list[str] = []
    for d in gold.get("agreement_dates", []):
        if d.get("implicit"):
            continue
        total += 1
        nodes = [n for n, hits in node_gold.items() if d["agreement"] in hits]
        vals = {k: {str(v) for n in nodes for v in g.objects(n, _NG[k])} for k in ("date", "startDate", "endDate")}
        checks = []
        if "date" in d:
            checks.append(("date", d["date"], vals["date"] | vals["startDate"]))
        if "start" in d:
            checks.append(("start", d["start"], vals["startDate"] | vals["date"]))
        if "end" in d:
            checks.append(("end", d["end"], vals["endDate"]))
        bad = [(k, want, got) for k, want, got in checks if not any(v.startswith(want) for v in got)]
        if not bad:
            ok_n += 1
            continue
        if any(got for _, _, got in checks):
            wrong_with_value += 1
        where = "agreement not found" if not nodes else "; ".join(
            f"{k} {want}: graph has {', '.join(sorted(got)) or 'none'}" for k, want, got in bad)
        missed_d.append(f"{d['agreement']}: {where}")
    dates = Score(ok_n, wrong_with_value, total - ok_n)

    return EvalResult(
        gold=str(gold_path), document=gold.get("document"), scope=str(doc) if doc is not None else None,
        entities=ent, relations_strict=rels["strict"], relations_lenient=rels["lenient"], statements=stm,
        dates=dates, dates_correct=ok_n, dates_total=total,
        missed_entities=missed_e, spurious_entities=spurious_e,
        missed_relations=missed_r, missed_implicit_relations=missed_ri, spurious_relations=spurious_r,
        missed_statements=missed_s, spurious_statements=spurious_s, missed_dates=missed_d,
    )


def evaluate_files(graph_path: str | os.PathLike, gold_paths) -> list[EvalResult]:
    """Load the gold files (all validated first), then the graph, and score each.

    Raises
    ------
    UsageError
        A gold file is missing or malformed.
    GraphFileError
        The graph file is missing or not valid RDF.
    """
    from graph.store import load_graph

    golds = [(str(p), load_gold(p)) for p in gold_paths]
    if not golds:
        raise UsageError("no gold file given")
    g = load_graph(graph_path)
    return [evaluate(g, gold, gold_path=p) for p, gold in golds]


def micro_totals(results: list[EvalResult]) -> dict[str, Score]:
    """Micro-averaged totals: the counts of every file summed, then P/R/F1."""
    parts = ("entities", "relations_strict", "relations_lenient", "statements", "dates")
    out = {k: Score() for k in parts}
    for r in results:
        for k in parts:
            out[k] = out[k] + getattr(r, k)
    return out


# --------------------------------------------------------------------------- output


def _row(name: str, s: Score, extra: str = "") -> str:
    if s.empty:
        return f"  {name:<20} {'n/a':>6} {'n/a':>6} {'n/a':>6} {0:>5} {0:>5} {0:>5}{extra}"
    return (f"  {name:<20} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
            f"{s.tp:>5} {s.fp:>5} {s.fn:>5}{extra}")


def _list(title: str, items: list[str], limit: int | None) -> list[str]:
    if not items:
        return []
    shown = items if limit is None else items[:limit]
    out = [f"  {title} ({len(items)}):"] + [f"    - {x}" for x in shown]
    if len(items) > len(shown):
        out.append(f"    ... and {len(items) - len(shown)} more (see --format json)")
    return out


_HEAD = f"  {'part':<20} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"


def format_table(results: list[EvalResult], mode: str = "strict", limit: int | None = 20) -> str:
    """A plain-text report: scores per gold file with missed and spurious items, then totals.

    ``mode`` chooses which relation score is shown first and whether implicit
    relations appear among the missed ones; ``limit`` caps each list (None: all).
    """
    other = "lenient" if mode == "strict" else "strict"
    lines: list[str] = []
    for r in results:
        scope = f"document {r.scope}" if r.scope else "whole graph"
        lines.append(f"{r.name}  [{r.gold}; scored: {scope}]")
        lines.append(_HEAD)
        lines.append(_row("entities", r.entities))
        lines.append(_row(f"relations ({mode})", r.relations(mode)))
        lines.append(_row(f"relations ({other})", r.relations(other)))
        lines.append(_row("statements", r.statements))
        lines.append(_row("agreement dates", r.dates, f"   ({r.dates_correct}/{r.dates_total} correct)"))
        missed_rel = r.missed_relations + (r.missed_implicit_relations if mode == "lenient" else [])
        lines += _list("missed entities", r.missed_entities, limit)
        lines += _list("spurious entities", r.spurious_entities, limit)
        lines += _list("missed relations", missed_rel, limit)
        lines += _list("spurious relations", r.spurious_relations, limit)
        lines += _list("missed statements", r.missed_statements, limit)
        lines += _list("spurious statements", r.spurious_statements, limit)
        lines += _list("wrong or missing agreement dates", r.missed_dates, limit)
        lines.append("")
    if len(results) > 1:
        t = micro_totals(results)
        correct = sum(r.dates_correct for r in results)
        of = sum(r.dates_total for r in results)
        lines.append(f"TOTAL (micro-average over {len(results)} gold files)")
        lines.append(_HEAD)
        lines.append(_row("entities", t["entities"]))
        lines.append(_row(f"relations ({mode})", t[f"relations_{mode}"]))
        lines.append(_row(f"relations ({other})", t[f"relations_{other}"]))
        lines.append(_row("statements", t["statements"]))
        lines.append(_row("agreement dates", t["dates"], f"   ({correct}/{of} correct)"))
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def to_json(results: list[EvalResult], mode: str = "strict") -> str:
    """JSON report: ``{"mode", "files": [...], "total": {...}}`` (P/R/F1 rounded to 3 places)."""
    t = micro_totals(results)
    total = {
        "entities": t["entities"].to_dict(),
        "relations": {"strict": t["relations_strict"].to_dict(), "lenient": t["relations_lenient"].to_dict()},
        "statements": t["statements"].to_dict(),
        "agreement_dates": {"correct": sum(r.dates_correct for r in results),
                            "of": sum(r.dates_total for r in results), **t["dates"].to_dict()},
    }
    return json.dumps({"mode": mode, "files": [r.to_dict(mode) for r in results], "total": total},
                      ensure_ascii=False, indent=2)
