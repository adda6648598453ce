"""What is wrong with a company folder: each problem as `file:line: column: message`.

Validation collects every problem before stopping: a planner fixing a file wants the whole list
at once, not one error per run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import safe_io


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        prefix = "" if self.severity == "error" else "warning: "
        return f"{where}: {self.column}: {prefix}{self.message}"


class CompanyError(Exception):
    """The folder has errors; `problems` lists every one of them (warnings included)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} problem(s) in company data")


@dataclass
class Collector:
    """Every problem, up to safe_io.MAX_PROBLEMS_PER_FILE per file; the rest are only counted
    (a file of millions of bad lines must not become an answer of millions of lines)."""

    problems: list[Problem] = field(default_factory=list)
    per_file: dict[str, int] = field(default_factory=dict)
    errors_found: bool = False

    def _add(self, problem: Problem) -> None:
        count = self.per_file.get(problem.file, 0) + 1
        self.per_file[problem.file] = count
        if problem.severity == "error":
            self.errors_found = True
        if count <= safe_io.MAX_PROBLEMS_PER_FILE:
            self.problems.append(problem)

    def error(self, file: str, line: int | None, column: str, message: str) -> None:
        self._add(Problem(file, line, column, message))

    def refuse(self, file: str, line: int | None, column: str, message: str) -> None:
        """An error listed whatever the count: why the rest of a file was not read."""
        self.errors_found = True
        self.problems.append(Problem(file, line, column, message))

    def warn(self, file: str, line: int | None, column: str, message: str) -> None:
        self._add(Problem(file, line, column, message, "warning"))

    def finish(self) -> None:
        """Say how many problems were left out, once per file."""
        for file, count in self.per_file.items():
            more = count - safe_io.MAX_PROBLEMS_PER_FILE
            if more > 0:
                self.problems.append(
                    Problem(
                        file,
                        None,
                        "(file)",
                        f"…and {more:,} more problem(s) in this file; the first "
                        f"{safe_io.MAX_PROBLEMS_PER_FILE} are listed",
                    )
                )
        self.per_file.clear()

    @property
    def has_errors(self) -> bool:
        return self.errors_found
