"""The one error the descent engine raises on purpose: a loss, start, data set or rate it cannot use."""

from __future__ import annotations


class DescentError(ValueError):
    """Input that cannot be used for a descent; the message is one line, fit to show a person."""
