"""What is wrong with a company folder: each problem as `file:line: column: message`.

Validation collects every problem before stopping: a planner fixing a file wants the whole list
at once, not one error per run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from babel.numbers import format_decimal

from solver.io import safe_io
from solver.reports.words import locale_of, number, translate


@dataclass(frozen=True)
class Problem:
    """One problem, as a message code and its parameters: the words are chosen where it is shown
    (`render(lang)`), so the command line and the API's error envelope speak the reader's
    language. A code missing from the catalogue reads as itself (`translate`), so a caller that
    still passes a sentence shows that sentence."""

    file: str
    line: int | None
    column: str
    code: str
    severity: str = "error"  # or "warning"
    # Ids, values as the planner wrote them, and numbers; never a sentence.
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    def text(self, lang: str = "nl") -> str:
        """What is wrong, in `lang`: what was found and what is expected."""
        return translate(self.code, lang, **{k: _shown(v, lang) for k, v in self.params.items()})

    @property
    def message(self) -> str:
        return self.text("nl")

    def render(self, lang: str = "nl") -> str:
        """`file:line: column: message`, a warning said as one in `lang`."""
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        prefix = "" if self.severity == "error" else translate("problem.warning", lang) + " "
        return f"{where}: {self.column}: {prefix}{self.text(lang)}"

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        """The JSON a `--json` report holds: where, the message in `lang`, and its code and
        parameters for a program that wants its own words."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.text(lang),
            "severity": self.severity,
            "code": self.code,
            "params": {
                k: v if isinstance(v, int | float | str) else str(v) for k, v in self.params.items()
            },
        }

    def __str__(self) -> str:
        return self.render("nl")


class Word(str):
    """A parameter that is itself a message id ("a list", "nothing"), said in the reader's
    language when the problem is."""


def _shown(value: Any, lang: str) -> Any:
    """A parameter as the reader writes it: counts with the language's thousands separator,
    decimals with its decimal comma, a `Word` in the reader's language; text as it is."""
    if isinstance(value, Word):
        return translate(value, lang)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, int):
        return number(value, lang, digits=0)
    return format_decimal(value, locale=locale_of(lang))


class Invalid(ValueError):
    """A value a parser refuses, as a problem code and its parameters (the cell's column and
    line are added by whoever read the cell)."""

    def __init__(self, code: str, **params: Any):
        self.code = code
        self.params = params
        super().__init__(code)

    def __str__(self) -> str:
        return translate(self.code, "nl", **{k: _shown(v, "nl") for k, v in self.params.items()})


def problem_of(exc: ValueError) -> tuple[str, dict[str, Any]]:
    """The code and parameters of a parser's refusal; another ValueError's text as it is."""
    if isinstance(exc, Invalid):
        return exc.code, exc.params
    return str(exc), {}


class CompanyError(Exception):
    """The folder has errors; `problems` lists every one of them (warnings included)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        # For a traceback or a log only; the edges render the problems one by one.
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

    def error(self, file: str, line: int | None, column: str, code: str, **params: Any) -> None:
        self._add(Problem(file, line, column, code, params=params))

    def refuse(self, file: str, line: int | None, column: str, code: str, **params: Any) -> None:
        """An error listed whatever the count: why the rest of a file was not read."""
        self.errors_found = True
        self.problems.append(Problem(file, line, column, code, params=params))

    def warn(self, file: str, line: int | None, column: str, code: str, **params: Any) -> None:
        self._add(Problem(file, line, column, code, "warning", params))

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
                        "problem.more_in_file",
                        params={"more": more, "listed": safe_io.MAX_PROBLEMS_PER_FILE},
                    )
                )
        self.per_file.clear()

    @property
    def has_errors(self) -> bool:
        return self.errors_found
