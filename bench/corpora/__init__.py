"""Loaders for the third-party annotated corpora in ../shared/benchmarks/real/.

Each loader renders a corpus document the way newsgraph would see it (running text with a title and a
publication date, tokens joined as a page prints them) and maps the gold annotations onto character
offsets of that text. Every document belongs to one half, `dev` or `test`, fixed once by a hash of its
id (`split.half_of`): tune on dev, report test as the headline.

Conventions that differ from newsgraph's contract are mapped here, in one place, and the report says so:
- types: PER/Person/HUMAN_PART_PER -> PERSON, ORG/Organisation/HUMAN_PART_ORG -> ORG,
  LOC/Location/HUMAN_PART_GPE/LOC_GEO -> PLACE; other types (products, financial, weapons, ...) have no
  contract counterpart and are kept with type None (not scored for typing).
- named mentions: MEANTIME's syntactic_type NAM; in re3d (no syntactic type) a span whose first word is
  capitalised or that holds a capitalised word after a determiner; in ECB+ a span with a capitalised token.
"""

from corpora.model import GoldDocument, GoldEvent, GoldMention, GoldTimex  # noqa: F401
from corpora.split import half_of  # noqa: F401
