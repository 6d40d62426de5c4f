"""newsgraph's spaCy components. Importing this package registers the factories."""

from newsgraph.nlp import claims, entities, events, extensions, geo, quotes, relations  # noqa: F401
