"""Shared fixtures for the test suite."""
from __future__ import annotations

import dataclasses

import pytest


@pytest.fixture(scope="session")
def nlp_fr():
    """The trained French pipeline (fr_core_news_sm), loaded once per session."""
    from graph.errors import NewsgraphError
    from graph.extract.nlp import load_nlp

    try:
        return load_nlp("fr_core_news_sm")
    except NewsgraphError as exc:  # pragma: no cover - depends on the environment
        pytest.skip(f"fr_core_news_sm not available: {exc}")


@pytest.fixture(scope="session")
def extract_fr(nlp_fr):
    """``extract_fr(text, date=None)`` -> :class:`graph.types.Extraction` of a short French text."""
    from graph.extract import extract_article
    from graph.read import article_from_text

    def run(text: str, date: str | None = None):
        article = article_from_text(text, doc_id="test")
        if date is not None:
            article = dataclasses.replace(article, date=date)
        return extract_article(article, nlp_fr)

    return run
