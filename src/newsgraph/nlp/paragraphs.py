"""Paragraph breaks are sentence boundaries. The statistical parser sometimes runs a sentence across a
blank line (a quote paragraph after a reporting paragraph); this component, placed before the parser,
marks the token after every line break as a sentence start, and the parser keeps preset boundaries."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class ParagraphBreaks:
    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if "\n" in token.text_with_ws or (token.is_space and "\n" in token.text):
                doc[token.i + 1].is_sent_start = True
        return doc


@Language.factory("newsgraph_paragraph_breaks", default_config={})
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()
