"""Frozen dataclasses passed between the pipeline stages."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["Person", "State", "Agency", "Agreement"]


@dataclass(frozen=True, slots=True)
class Article:
    """One source article, as read from a file.

    ``text`` is the exact string every character offset refers to (for HTML,
    the visible text produced by :mod:`graph.read`).
    """

    doc_id: str                 # slug of the file stem, used in IRIs
    path: str                   # file path as given
    text: str
    lang: str = "fr"
    title: str | None = None
    author: str | None = None
    date: str | None = None     # ISO 8601 "2022-05-25" (or "2022-05", "2022")
    publisher: str | None = None
    source: str | None = None   # "Source:" line or canonical URL
    sha256: str = ""            # of the raw bytes
    body_start: int = 0         # offset where the article body starts (after headline/byline)
    meta_spans: tuple[tuple[str, int, int], ...] = ()   # ("title"|"byline"|"source", start, end)


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A file that could not be read; ``problem`` is one line."""

    path: str
    problem: str


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Mention:
    """A surface form of an entity in one article."""

    text: str
    type: EntityType
    start: int
    end: int
    sent_start: int
    sent_end: int
    key: str = ""               # entity key after resolution ("state/RUS", "person/serguei-lavrov")
    rule: str = "ner"
    confidence: float = 0.8


@dataclass(slots=True)
class Entity:
    key: str                    # "state/RUS", "agency/roscosmos", ...
    type: EntityType
    label: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    kind: str | None = None     # agency or agreement kind (KIND local name)
    iso3: str | None = None
    lang: str = "fr"


@dataclass(slots=True)
class Evidence:
    sent_start: int
    sent_end: int
    start: int
    end: int
    rule: str
    confidence: float
    modality: str = "asserted"
    attributed_to: str | None = None   # entity key of a claimed source


@dataclass(slots=True)
class Relation:
    subject: str                # entity key
    predicate: str              # "affiliatedWith" | "partOf" | "party"
    object: str                 # entity key
    evidence: Evidence
    role: str | None = None     # post title as written, for affiliatedWith
    implicit: bool = False


@dataclass(slots=True)
class AgreementInfo:
    key: str
    date: str | None = None
    start: str | None = None
    end: str | None = None
    topic: str | None = None
    events: list[tuple[str, str | None, str | None, Evidence]] = field(default_factory=list)  # (kind, date, new_end, evidence)


@dataclass(slots=True)
class Statement:
    quote: str
    start: int                  # offsets of the quote text (without the marks)
    end: int
    speaker: str | None         # entity key
    evidence: Evidence
    reported_by: str | None = None   # entity key of the medium ("selon RT")
    date: str | None = None


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    agreements: dict[str, AgreementInfo] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    events: list = field(default_factory=list)       # graph.extract.events.EventInfo
    quantities: list = field(default_factory=list)   # graph.extract.events.QuantityInfo
