"""One problem type for every content mistake, collected and reported together."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Position:
    """Where a value came from: a path relative to the content root, 1-based line and column."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


@dataclass(frozen=True, slots=True)
class Problem:
    position: Position
    field: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.position.path, self.position.line, self.position.column, self.message)


@dataclass
class Problems:
    """A collector passed down the pipeline; stages add to it instead of raising."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self, position: Position, field: str, message: str, hint: str = "", severity: Severity = "error"
    ) -> None:
        self.items.append(Problem(position, field, message, hint, severity))

    def warn(self, position: Position, field: str, message: str, hint: str = "") -> None:
        self.add(position, field, message, hint, "warning")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items), key=Problem.sort_key)

    def warnings_as_errors(self) -> None:
        """--strict: every warning becomes an error, so the build stops and nothing is published."""
        self.items = [replace(p, severity="error") for p in self.items]


class FieldError(Exception):
    """Raised by a field parser; the record builder turns it into a Problem at the value's position."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class BuildFailed(Exception):
    """The build stopped because of content problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems
