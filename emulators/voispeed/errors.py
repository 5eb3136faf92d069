"""The VOIspeed surface's error catalogue: ``<error>`` texts and ``cmd_failed`` codes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .tables import Origin


@dataclass(frozen=True, slots=True)
class ErrorSpec:
    code: int
    template: str          # str.format template, e.g. "missing parameter {name}"
    origin: Origin = Origin.INFERRED

    def text(self, **fields: Any) -> str:
        return self.template.format(**fields) if fields else self.template


class Errors:
    """The surface's error catalogue. Only the text "connection not found" is
    the guide's; the other texts, in its lower-case style, and all the numeric
    codes (the ``error_code`` of cmd_failed) are inferred."""
    INVALID_TOKEN = ErrorSpec(1, "invalid token")
    MISSING_PARAMETER = ErrorSpec(2, "missing parameter {name}")
    INVALID_PARAMETER = ErrorSpec(3, "invalid parameter {name}")
    UNKNOWN_SERVICE = ErrorSpec(4, "unknown service")
    UNKNOWN_EXTENSION = ErrorSpec(5, "unknown extension")
    CONNECTION_NOT_FOUND = ErrorSpec(6, "connection not found", Origin.GUIDE)
    ACTION_NOT_ALLOWED = ErrorSpec(7, "action not allowed in current call state")
    REQUEST_TOO_LARGE = ErrorSpec(8, "request too large")
    METHOD_NOT_ALLOWED = ErrorSpec(9, "method not allowed")
    SERVICE_NOT_ENABLED = ErrorSpec(10, "service not enabled")
    SERVICE_NOT_AVAILABLE = ErrorSpec(11, "service not available")
    NO_TERMINAL_AVAILABLE = ErrorSpec(12, "no terminal available")
    # Table 8 outcome 6, lower-cased: the engine found no free gateway line
    NO_LINES = ErrorSpec(13, "there are no lines available for connection to the number called")
    ENTITY_NOT_FOUND = ErrorSpec(14, "entity not found")
    CONTACT_NOT_FOUND = ErrorSpec(15, "contact not found")
    PHONEBOOK_FULL = ErrorSpec(16, "phonebook full")
    INTERNAL_ERROR = ErrorSpec(99, "internal error")

    @classmethod
    def all(cls) -> dict[str, ErrorSpec]:
        return {k: v for k, v in vars(cls).items() if isinstance(v, ErrorSpec)}


class ServiceError(Exception):
    """A request (or its later execution) failed with one of :class:`Errors`."""

    def __init__(self, spec: ErrorSpec, **fields: Any) -> None:
        self.spec = spec
        self.code = spec.code
        self.text = spec.text(**fields)
        super().__init__(self.text)
