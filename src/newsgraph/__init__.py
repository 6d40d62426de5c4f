"""newsgraph: news articles and posts to a source-attributed knowledge graph."""

__version__ = "0.1.0"

# The Python API (newsgraph.api): imported lazily so that `import newsgraph.cli` stays light.
__all__ = ["KnowledgeBase", "extract", "load", "open"]


def __getattr__(name: str):
    if name in __all__:
        from newsgraph import api

        return getattr(api, name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
