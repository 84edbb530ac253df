"""One small hierarchy of errors a user can see: each carries one clear line."""

from __future__ import annotations


class GwrError(Exception):
    """Base of every error gwrtrack raises on purpose; its message is one line for the user."""

    exit_code = 2


class InputError(GwrError):
    """The input cannot be read as a report (empty, binary, too large, missing)."""


class UnsupportedFormatError(InputError):
    """The file type is not one gwrtrack reads."""


class DecodeError(InputError):
    """The bytes cannot be decoded to text with confidence."""


class NeedsOCRError(InputError):
    """A PDF without a text layer: it needs OCR first."""


def internal_error_line(exc: BaseException) -> str:
    """One line for an error gwrtrack did not raise on purpose (a bug), where a batch or a job goes on."""
    return f"内部错误 {type(exc).__name__}: {str(exc)[:200]}"


class ForbiddenError(GwrError):
    """An action the user's role or department may not take (a department acting on another's task)."""


class StaleEditError(GwrError):
    """An edit made on an outdated view: someone changed the item since; nothing was changed."""
