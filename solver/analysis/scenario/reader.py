"""Reading a scenario's YAML with a line for every key path, so each problem is reported as
`file:line: key.path: message` (all of them collected before stopping).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import yaml

from solver.io.loading import (
    Problem,
    Word,
    parse_bool,
    parse_time,
    problem_of,
)

# --- YAML with a line for every key path ------------------------------------------------------


class Reader:
    """Plain data from a composed YAML tree, remembering the line of every key path."""

    def __init__(self, file: str):
        self.file = file
        self.lines: dict[str, int] = {}
        self.problems: list[Problem] = []
        self._constructor = yaml.constructor.SafeConstructor()

    def error(self, path: str, code: str, line: int | None = None, **params: Any) -> None:
        line = line if line is not None else self.line(path)
        self.problems.append(Problem(self.file, line, path or "(file)", code, params=params))

    def refusal(self, path: str, exc: ValueError) -> None:
        """A parser's refusal (`solver.io.loading`'s code and parameters) at `path`."""
        code, params = problem_of(exc)
        self.error(path, code, **params)

    def line(self, path: str) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = _parent(path)
        return self.lines.get("", 1)

    def plain(self, node: yaml.Node, path: str = "") -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            if node.tag.endswith(":int") and ":" in node.value:
                # YAML 1.1 reads `7:00` as 420 (base 60): a van's `depart` is a time, kept as
                # written so `time` can read it (and nothing else in a scenario counts in 60s).
                return node.value
            try:
                return self._constructor.construct_object(node)
            except (ValueError, yaml.YAMLError):
                return node.value  # e.g. 2027-02-30: the typed check says what is expected
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                item_path = f"{path}[{index}]"
                self.lines[item_path] = item.start_mark.line + 1
                items.append(self.plain(item, item_path))
            return items
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(self.plain(key_node, path + "#key"))
            key_path = f"{path}.{key}" if path else key
            if key in mapping:
                first = self.lines[key_path]
                self.error(
                    key_path,
                    "problem.key_twice",
                    line=key_node.start_mark.line + 1,
                    key=repr(key),
                    first=str(first),
                )
                continue
            self.lines[key_path] = key_node.start_mark.line + 1
            mapping[key] = self.plain(value_node, key_path)
        return mapping

    # Typed values: each returns the value, or None after recording what was expected.

    def mapping(
        self, value: Any, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict | None:
        if not isinstance(value, dict):
            self.error(path, "problem.expected_mapping_keys", keys=", ".join(allowed))
            return None
        for key in value:
            if key not in allowed:
                self.error(join_path(path, key), "problem.unknown_key", expected=", ".join(allowed))
        for key in required:
            if key not in value:
                self.error(path, "problem.key_required", key=repr(key))
        return value

    def text(self, value: Any, path: str) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)  # ids such as 12 typed without quotes
        self.error(path, "problem.expected_text", value=_shown(value))
        return None

    def ids(self, value: Any, path: str) -> tuple[str, ...] | None:
        """One id, `a;b`, or a list of ids."""
        if isinstance(value, str):
            found = tuple(v.strip() for v in value.split(";") if v.strip())
            if found:
                return found
        elif isinstance(value, list) and value:
            found = []
            for index, item in enumerate(value):
                text = self.text(item, f"{path}[{index}]")
                if text is None:
                    return None
                found.append(text)
            return tuple(found)
        self.error(path, "problem.expected_ids", value=_shown(value))
        return None

    def integer(self, value: Any, path: str, low: int = 0, high: int | None = None) -> int | None:
        if not isinstance(value, int) or isinstance(value, bool):
            self.error(path, "problem.expected_whole", value=_shown(value))
            return None
        if value < low or (high is not None and value > high):
            if high is None:
                self.error(path, "problem.expected_at_least", low=low, value=value)
            else:
                self.error(path, "problem.expected_between", low=low, high=high, value=value)
            return None
        return value

    def number(self, value: Any, path: str, low: float, high: float) -> float | None:
        if not isinstance(value, int | float) or isinstance(value, bool):
            self.error(path, "problem.expected_number", value=_shown(value))
            return None
        if not low <= value <= high:
            self.error(path, "problem.expected_between", low=low, high=high, value=value)
            return None
        return float(value)

    def boolean(self, value: Any, path: str) -> bool | None:
        if isinstance(value, bool):
            return value
        try:
            return parse_bool(str(value))
        except ValueError as exc:
            self.refusal(path, exc)
            return None

    def date(self, value: Any, path: str) -> dt.date | None:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        self.error(path, "problem.expected_date", value=_shown(value))
        return None

    def time(self, value: Any, path: str) -> dt.time | None:
        """A time of day as company.yaml and the CSV files write it, `HH:MM`."""
        if isinstance(value, str):
            try:
                return parse_time(value)
            except ValueError as exc:
                self.refusal(path, exc)
                return None
        self.error(path, "problem.expected_time", value=_shown(value))
        return None

    def entries(self, value: Any, path: str) -> list[tuple[dict, str]]:
        """One mapping, or a list of mappings, each with its path."""
        if isinstance(value, dict):
            return [(value, path)]
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            return [(v, f"{path}[{i}]") for i, v in enumerate(value)]
        self.error(path, "problem.expected_mappings")
        return []

    def choice(self, value: Any, path: str, parse: Callable[[str], str]) -> str | None:
        try:
            return parse(str(value))
        except ValueError as exc:
            self.refusal(path, exc)
            return None


def join_path(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    if "#" in path:
        return path[: path.rindex("#")]
    return path.rpartition(".")[0]


def _shown(value: Any) -> str:
    """What the file holds where a value was expected: the value, or what kind of thing."""
    if value is None:
        return Word("problem.shown.nothing")
    if isinstance(value, dict):
        return Word("problem.shown.mapping")
    if isinstance(value, list):
        return Word("problem.shown.list")
    return repr(value)
