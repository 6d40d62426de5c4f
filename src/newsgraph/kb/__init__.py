"""Cross-document knowledge: entity resolution into one knowledge base."""
