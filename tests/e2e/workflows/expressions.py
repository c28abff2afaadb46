"""The condition language shared by GitHub's `if:`/`${{ }}` and GitLab's `rules: if:`, small subset.

Both pipelines decide which jobs run from conditions such as
`github.event_name == 'push' && github.ref == 'refs/heads/main'` or
`$CI_PIPELINE_SOURCE == "schedule"`. The tests evaluate those conditions as written instead of
hard-coding which job belongs to which event, so a changed condition changes what the test runs.

Supported: string literals ('…' or "…"), names (`github.ref`, `matrix.stack`, `$CI_COMMIT_BRANCH`),
`==`, `!=`, `&&`, `||`, `!`, parentheses and argument-less calls of the given functions
(`always()`). A name the context does not define is an error, so a workflow cannot use a secret
or variable the test forgot to provide. Anything else (GitHub's `format()`, GitLab's `=~`) is
rejected rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

__all__ = ["ExpressionError", "evaluate", "substitute"]

Value = str | bool

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>'[^']*'|"[^"]*")
      | (?P<op>==|!=|&&|\|\||!|\(|\))
      | (?P<name>\$?[A-Za-z_][\w.\-]*)
    )""",
    re.VERBOSE,
)
_GITHUB = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class ExpressionError(ValueError):
    """A condition outside the supported subset, or one naming something the context lacks."""


def _tokens(expression: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(expression.rstrip()):
        match = _TOKEN.match(expression, pos)
        if match is None or match.end() == pos:
            raise ExpressionError(f"cannot parse {expression!r} at {expression[pos:]!r}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


class _Parser:
    """Recursive descent: or := and ('||' and)*; and := not ('&&' not)*; not := '!' not | cmp.

    `live` is false in the operand that `&&`/`||` short-circuits: it is parsed but looks nothing
    up, as on GitHub and GitLab (`github.event.pull_request…` exists only for pull requests).
    """

    def __init__(
        self,
        expression: str,
        lookup: Mapping[str, str],
        functions: Mapping[str, Callable[[], bool]],
    ) -> None:
        self.expression = expression
        self.tokens = _tokens(expression)
        self.pos = 0
        self.lookup = lookup
        self.functions = functions

    def peek(self) -> str | None:
        return self.tokens[self.pos][1] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        if self.pos >= len(self.tokens):
            raise ExpressionError(f"unexpected end of {self.expression!r}")
        self.pos += 1
        return self.tokens[self.pos - 1]

    def parse(self) -> Value:
        value = self.or_(True)
        if self.pos != len(self.tokens):
            raise ExpressionError(f"unexpected {self.peek()!r} in {self.expression!r}")
        return value

    def or_(self, live: bool) -> Value:
        value = self.and_(live)
        while self.peek() == "||":
            self.take()
            right = self.and_(live and not value)
            value = value or right
        return value

    def and_(self, live: bool) -> Value:
        value = self.not_(live)
        while self.peek() == "&&":
            self.take()
            right = self.not_(live and bool(value))
            value = value and right
        return value

    def not_(self, live: bool) -> Value:
        if self.peek() == "!":
            self.take()
            return not self.not_(live)
        left = self.atom(live)
        if self.peek() in ("==", "!="):
            op = self.take()[1]
            right = self.atom(live)
            return (left == right) if op == "==" else (left != right)
        return left

    def atom(self, live: bool) -> Value:
        kind, text = self.take()
        if kind == "string":
            return text[1:-1]
        if text == "(":
            value = self.or_(live)
            if self.take()[1] != ")":
                raise ExpressionError(f"missing ')' in {self.expression!r}")
            return value
        if kind != "name":
            raise ExpressionError(f"unexpected {text!r} in {self.expression!r}")
        if self.peek() == "(":
            self.take()
            if self.take()[1] != ")" or text not in self.functions:
                raise ExpressionError(f"unsupported call {text}(…) in {self.expression!r}")
            return self.functions[text]() if live else False
        if not live:
            return ""
        if text not in self.lookup:
            raise ExpressionError(f"{text} is not defined for this run (in {self.expression!r})")
        return self.lookup[text]


def evaluate(
    expression: str,
    lookup: Mapping[str, str],
    functions: Mapping[str, Callable[[], bool]] | None = None,
) -> Value:
    """The value of a condition; GitHub's optional `${{ }}` wrapper around a whole `if:` is allowed."""
    inner = _GITHUB.fullmatch(expression.strip())
    return _Parser(inner.group(1) if inner else expression, lookup, functions or {}).parse()


def substitute(text: str, lookup: Mapping[str, str]) -> str:
    """Replace every `${{ expression }}` in a GitHub value (env, run, working-directory…)."""
    return _GITHUB.sub(lambda match: str(evaluate(match.group(1), lookup)), text)
