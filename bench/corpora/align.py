"""Gold spans against newsgraph's output: which predicted entity mention stands for each gold mention."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from corpora.model import GoldDocument, GoldMention


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def same_span(gold: tuple[int, int], predicted: tuple[int, int]) -> bool:
    """The two spans name the same thing: they overlap by at least half of the shorter one (gold spans
    keep titles and modifiers, 'Foreign Minister X', that newsgraph's mentions leave out)."""
    shared = overlap(gold, predicted)
    return shared > 0 and shared >= 0.5 * min(gold[1] - gold[0], predicted[1] - predicted[0])


def predicted_mentions(result: dict) -> list[tuple[tuple[int, int], dict]]:
    return [((m["start"], m["end"]), e) for e in result["entities"] for m in e["mentions"]]


def align(gold: GoldDocument, result: dict, mentions: Iterable[GoldMention] | None = None) -> dict[str, dict]:
    """gold mention id -> the predicted entity whose mention best overlaps it."""
    predicted = predicted_mentions(result)
    found: dict[str, dict] = {}
    for mention in gold.mentions if mentions is None else mentions:
        span = (mention.start, mention.end)
        # English noun phrases end in their head ('US automaker GM' is GM): a mention ending where the
        # gold span ends wins, then the largest overlap.
        best = max(
            ((p[1] == span[1], overlap(span, p), e) for p, e in predicted if same_span(span, p)),
            default=None,
            key=lambda x: x[:2],
        )
        if best is not None:
            found[mention.id] = best[2]
    return found


def scored_mentions(gold: GoldDocument, named_only: bool = True) -> Iterator[GoldMention]:
    for mention in gold.mentions:
        if (mention.named or not named_only) and gold.in_scored(mention.start, mention.end):
            yield mention
