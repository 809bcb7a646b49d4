"""facemoji's one error type and its subclasses.

Every error carries a message a user can act on; the CLI prints it on one line and
exits with status 2, the web API answers it with a 4xx status.
"""

from __future__ import annotations


class FacemojiError(Exception):
    """Base class of every error facemoji raises on purpose."""


class InvalidParams(FacemojiError, ValueError):
    """Avatar parameters that do not fit a style's schema."""


class UnknownFeature(InvalidParams, KeyError):
    """A feature name the schema does not have."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class UnknownOption(InvalidParams):
    """A value that is not among a choice feature's options."""


class UnknownName(FacemojiError, LookupError):
    """A style, embedder or other registered name that does not exist."""


class BadImage(FacemojiError):
    """An input that cannot be read as an image (empty, truncated, not an image, too large)."""


class NoFaceFound(FacemojiError):
    """No usable face in a photo."""


class MissingExtra(FacemojiError, ImportError):
    """An optional dependency is not installed; the message names the pip extra."""


class BadArgument(FacemojiError):
    """A command-line or API argument that cannot be used (bad path, existing output, ...)."""


def missing_extra(package: str, extra: str) -> MissingExtra:
    """Build the error for an optional ``package`` provided by ``facemoji[extra]``."""
    return MissingExtra(
        f"{package} is not installed: install it with `pip install 'facemoji[{extra}]'`"
    )
