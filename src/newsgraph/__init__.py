"""newsgraph: news articles and posts to a source-attributed knowledge graph."""

__version__ = "0.1.0"
