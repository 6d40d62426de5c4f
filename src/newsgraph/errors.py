"""Errors that name the input they concern, so each prints as one clear line."""


import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """Control characters (a newline in a file name, an escape sequence) shown as escapes, so an error
    is always one line on the terminal and cannot forge another."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class InputError(Exception):
    """An input that cannot be read or parsed; the batch goes on without it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{one_line(source)}: {one_line(reason)}")
        self.source = source
        self.reason = reason

    def __reduce__(self):
        # Errors travel between processes (Dask workers): rebuild from the two fields, not the message.
        return (type(self), (self.source, self.reason))

    def line(self) -> str:
        """The one-line form printed after 'newsgraph: error: '."""
        return f"{one_line(self.source)}: {one_line(self.reason)}"
