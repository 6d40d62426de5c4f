"""Tokens back into running text, with each token's character span, as a news page prints them:
no space before closing punctuation, PTB quotes as typographic quotes, titles and datelines (short lines
without final punctuation) as their own paragraphs, sentences of the body joined into one paragraph."""

from __future__ import annotations

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "’s", "n't", "'", "''", "”", "’", "'re",
                   "'ve", "'ll", "'d", "'m", "..."}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "“", "‘", "#"}
QUOTES = {"``": "“", "''": "”"}
FINAL = (".", "!", "?", "''", "”", '"', "'", ")")


def render(sentences: list[list[tuple[str, str]]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """sentences of (token id, token text) -> (text, token id -> (start, end))."""
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    length = 0
    previous_breaks = True
    for number, sentence in enumerate(sentences):
        if not sentence:
            continue
        words = [w for _, w in sentence]
        standalone = number == 0 or not words[-1].endswith(FINAL) or len(words) <= 3
        if parts:
            separator = "\n\n" if standalone or previous_breaks else " "
            parts.append(separator)
            length += len(separator)
        previous_breaks = standalone
        open_double = False
        glue = True
        for token_id, word in sentence:
            if word == '"':
                word, attach_left = ("”", True) if open_double else ("“", False)
                open_double = not open_double
                attach_right = not attach_left
            else:
                attach_left = word in NO_SPACE_BEFORE
                attach_right = word in NO_SPACE_AFTER
                word = QUOTES.get(word, word)
            if not glue and not attach_left:
                parts.append(" ")
                length += 1
            spans[token_id] = (length, length + len(word))
            parts.append(word)
            length += len(word)
            glue = attach_right
    return "".join(parts), spans
