"""newsgraph: news articles to an ontology-backed knowledge graph.

Importing this package does no I/O and loads no model.
"""
__version__ = "0.1.0"
