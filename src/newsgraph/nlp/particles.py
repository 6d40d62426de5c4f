"""Name particles cut from their name by a stray space ('Ibrahim al- Jaafari', 'el- Sisi'), as scraped
and re-flowed pages often carry: the tagger reads the orphaned 'al-' as a determiner and the parse of the
whole sentence goes wrong (the name becomes the root, the real verb loses its object). Placed before the
model's own components, this component joins such a particle to the name after it, so the token reads
'al- Jaafari' and the text (and every character offset) stays exactly as written."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

PARTICLES = frozenset(["al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "bin-", "ibn-", "abu-", "abd-"])
# a quick look at the text first: most articles have no cut particle, and need no pass over their tokens
CUT_PARTICLE = re.compile(r"\b(?:" + "|".join(p[:-1] for p in sorted(PARTICLES)) + r")- [A-Z]", re.IGNORECASE)


class NameParticles:
    def __call__(self, doc: Doc) -> Doc:
        if not CUT_PARTICLE.search(doc.text):
            return doc
        cut = [
            token.i for token in doc[:-1]
            if token.lower_ in PARTICLES and token.whitespace_ == " " and doc[token.i + 1].text[:1].isupper()
            and doc[token.i + 1].is_alpha
        ]
        if cut:
            with doc.retokenize() as retokenizer:
                for i in cut:
                    retokenizer.merge(doc[i : i + 2])
        return doc


@Language.factory("newsgraph_name_particles", default_config={})
def make_name_particles(nlp: Language, name: str) -> NameParticles:
    return NameParticles()
