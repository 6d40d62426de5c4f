"""Errors that name the input they concern, so each prints as one clear line."""


class InputError(Exception):
    """An input that cannot be read or parsed; the batch goes on without it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
