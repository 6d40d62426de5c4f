"""newsgraph's spaCy components. `newsgraph.nlp.pipeline` imports them, which registers the factories."""
