"""The grammar: tokens to a syntax tree, reading maths the way people type it.

Precedence, loosest first: `,` (vector) · `+ -` · `* /` and juxtaposition · unary sign · `^` (right
to left) · postfix `!` and superscripts. Documented readings of the ambiguous forms:
`-x^2` is -(x²); `2^3^2` is 2^(3²); `1/2x` is (1/2)·x; `e^2x` is e²·x; `sin x^2` is sin(x²);
`sin 2x` is sin(2x); `sin x cos x` is sin(x)·cos(x); `sin^2 x` is sin(x)²; `√2x` is √(2x).
A function written without brackets takes the term that follows it up to the next space or
function name. The parse result carries notes that point out the ambiguous readings it made.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .errors import LimitError, ParseError
from .limits import DEFAULT_LIMITS, Limits
from .names import FUNCTIONS, Vocabulary, canonical_function
from .nodes import (
    BinOp,
    Call,
    Const,
    Factorial,
    Labeled,
    Neg,
    Node,
    Num,
    Var,
    Vector,
    walk,
)
from .tokens import Token, tokenize

_CLOSERS = {"(": ")", "[": "]", "<": ">", "{": "}"}  # { } group, as in LaTeX: e^{2x}


@dataclass(frozen=True)
class Parsed:
    """A successful parse: the tree and notes on any ambiguous form it read one particular way."""

    tree: Node
    notes: tuple[str, ...] = ()

    @property
    def is_vector(self) -> bool:
        return isinstance(self.tree, Vector)


def parse(text: str, vocabulary: Vocabulary | None = None, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Parse `text`; raises ParseError (with a column) for anything it cannot read."""
    vocabulary = vocabulary or Vocabulary(unknown="split")
    tokens = _split_names(tokenize(text, limits), vocabulary)
    return _Parser(text, tokens, vocabulary, limits).parse()


def _split_names(tokens: list[Token], vocabulary: Vocabulary) -> list[Token]:
    """Replace each name token by the known names it is made of (6xy -> 6 x y)."""
    out: list[Token] = []
    for tok in tokens:
        if tok.kind != "name":
            out.append(tok)
            continue
        offset = 0
        for piece, _kind in vocabulary.split(tok.text, tok.column):
            start = tok.start + offset
            out.append(Token("name", piece, start, start + len(piece), tok.space_before and offset == 0))
            offset += len(piece)
    return out


class _Parser:
    def __init__(self, text: str, tokens: list[Token], vocabulary: Vocabulary, limits: Limits) -> None:
        self.text = text
        self.tokens = tokens
        self.vocab = vocabulary
        self.limits = limits
        self.i = 0
        self.depth = 0
        self.nodes = 0
        self.abs_open = 0
        self.notes: list[str] = []

    # -- token helpers -------------------------------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, offset: int = 1) -> Token:
        return self.tokens[min(self.i + offset, len(self.tokens) - 1)]

    def advance(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def at(self, *ops: str) -> bool:
        return self.tok.kind == "op" and self.tok.text in ops

    def kind_of(self, tok: Token) -> str | None:
        return self.vocab.kind(tok.text) if tok.kind == "name" else None

    def node(self, n: Node) -> Node:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise LimitError(
                f"the expression has more than {self.limits.max_nodes} parts", limit="nodes", column=self.tok.column
            )
        return n

    def enter(self) -> None:
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise LimitError(
                f"the expression is nested more than {self.limits.max_depth} levels deep",
                limit="depth",
                column=self.tok.column,
            )

    def leave(self) -> None:
        self.depth -= 1

    def fail_expected(self, what: str) -> ParseError:
        tok = self.tok
        if tok.kind == "end":
            prev = self.tokens[self.i - 1] if self.i > 0 else None
            if prev is None:
                return ParseError("the answer is empty", column=1, expected=what)
            return ParseError(
                f"the expression ends after '{self.text[prev.start:prev.end]}'; expected {what}",
                column=len(self.text.rstrip()) + 1,
                expected=what,
            )
        found = self.text[tok.start:tok.end]
        return ParseError(f"expected {what} but found '{found}'", column=tok.column, expected=what)

    # -- grammar -------------------------------------------------------------------------------
    def parse(self) -> Parsed:
        if self.tok.kind == "end":
            raise ParseError("the answer is empty", column=1, expected="an expression")
        items = [self.item()]
        while self.at(","):
            self.advance()
            items.append(self.item())
        if self.tok.kind != "end":
            if self.at(")", "]", ">", "}"):
                raise ParseError(f"'{self.text[self.tok.start]}' has no matching opening bracket", self.tok.column)
            if self.at("|"):
                raise ParseError("'|' has no matching opening '|'", self.tok.column)
            raise self.fail_expected("an operator or the end of the answer")
        tree = items[0] if len(items) == 1 else Vector(tuple(items), 0)
        if isinstance(tree, Vector):
            for item in tree.items:
                self.forbid_vectors(item)
        else:
            self.forbid_vectors(tree, top=True)
        return Parsed(tree, tuple(dict.fromkeys(self.notes)))

    def forbid_vectors(self, tree: Node, top: bool = False) -> None:
        for n in walk(tree):
            if isinstance(n, Vector) and not (top and n is tree):
                raise ParseError("a vector can only be the whole answer, not part of an expression", n.start + 1)

    def item(self) -> Node:
        if self.tok.kind == "name" and self.peek().kind == "op" and self.peek().text == "=":
            label = self.advance()
            self.advance()
            return self.node(Labeled(label.text, self.expr(), label.start))
        expr = self.expr()
        if self.at("="):
            raise ParseError(
                "'=' is not part of an answer here: type only the expression (or name = value)", self.tok.column
            )
        return expr

    def expr(self) -> Node:
        self.enter()
        left = self.product()
        while self.at("+", "-"):
            op = self.advance()
            right = self.product()
            left = self.node(BinOp(op.text, left, right, start=op.start))
        self.leave()
        return left

    def product(self) -> Node:
        begin = self.tok.start
        left = self.unary()
        last_division: int | None = None  # where the '/' just before this factor is
        while True:
            if self.at("*", "/"):
                op = self.advance()
                right = self.unary()
                left = self.node(BinOp(op.text, left, right, start=op.start))
                last_division = op.start if op.text == "/" else None
            elif self.starts_factor():
                start = self.tok.start
                if last_division is not None and not self.tok.space_before:
                    self.note_division(begin, last_division)
                self.note_power_juxtaposition(left)
                right = self.power()
                if isinstance(left, Num) and isinstance(right, Num):
                    self.notes.append(f"'{left.text} {right.text}' was read as {left.text}·{right.text}")
                left = self.node(BinOp("*", left, right, implicit=True, start=start))
                last_division = None
            else:
                return left

    def note_division(self, begin: int, slash: int) -> None:
        """1/2x: say it was read as (1/2)·x and how to type 1/(2x)."""
        a = self.text[begin:slash].strip()
        b = self.text[slash + 1:self.tok.start].strip()
        c = self.text[self.tok.start:self.tok.end]
        self.notes.append(f"'{a}/{b}{c}' was read as ({a}/{b})·{c}; type {a}/({b}{c}) to divide by {b}{c}")

    def note_power_juxtaposition(self, left: Node) -> None:
        """e^2x: people usually mean e^(2x); say it was read as e²·x (x^2y stays x²·y, unremarked)."""
        last = left
        while isinstance(last, BinOp) and last.op in "*/":
            last = last.right
        if (
            isinstance(last, BinOp)
            and last.op == "^"
            and isinstance(last.left, Const)
            and last.left.name == "e"
            and isinstance(last.right, (Num, Var, Const))
            and not self.tok.space_before
            and self.tokens[self.i - 1].kind != "op"
        ):
            exp = self.text[last.right.start:self.tokens[self.i - 1].end]
            nxt = self.text[self.tok.start:self.tok.end]
            self.notes.append(f"'e^{exp}{nxt}' was read as e^{exp}·{nxt}; type e^({exp}{nxt}) for e to the power {exp}{nxt}")

    def starts_factor(self) -> bool:
        """Can the current token begin a factor of an implicit product (2x, x(y+1), 2|x|)?"""
        tok = self.tok
        if tok.kind in ("num", "name"):
            return True
        if tok.kind == "op":
            if tok.text in ("(", "[", "{", "sqrt", "frac"):
                return True
            if tok.text == "|":
                return self.abs_open == 0
        return False

    def unary(self) -> Node:
        if self.at("-", "+"):
            op = self.advance()
            self.enter()
            operand = self.unary()
            self.leave()
            return operand if op.text == "+" else self.node(Neg(operand, op.start))
        return self.power()

    def power(self) -> Node:
        base = self.postfix()
        if self.at("^"):
            caret = self.advance()
            self.enter()
            exponent = self.exponent()
            self.leave()
            return self.node(BinOp("^", base, exponent, start=caret.start))
        return base

    def exponent(self) -> Node:
        if self.at("-", "+"):
            op = self.advance()
            self.enter()
            inner = self.exponent()
            self.leave()
            return inner if op.text == "+" else self.node(Neg(inner, op.start))
        if self.tok.kind == "end" or not (self.starts_factor() or self.at("|")):
            raise self.fail_expected("an exponent after '^'")
        return self.power()

    def postfix(self) -> Node:
        node = self.primary()
        while True:
            if self.at("!"):
                tok = self.advance()
                node = self.node(Factorial(node, tok.start))
            elif self.tok.kind == "sup":
                tok = self.advance()
                node = self.node(BinOp("^", node, self.sup_number(tok), start=tok.start))
            else:
                return node

    def sup_number(self, tok: Token) -> Node:
        value = int(tok.value or 0)
        num = Num(Fraction(abs(value)), str(abs(value)), start=tok.start)
        return Neg(num, tok.start) if value < 0 else num

    def primary(self) -> Node:
        tok = self.tok
        if tok.kind == "num":
            self.advance()
            return self.node(Num(Fraction(tok.value), tok.text, tok.decimal, tok.start))
        if tok.kind == "name":
            kind = self.kind_of(tok)
            if kind == "func":
                return self.call()
            self.advance()
            if kind == "const":
                return self.node(Const(tok.text, tok.start))
            return self.node(Var(tok.text, tok.start))
        if tok.kind == "op":
            if tok.text in _CLOSERS:
                return self.group()
            if tok.text == "|":
                return self.absolute()
            if tok.text == "sqrt":
                self.advance()
                arg = self.group() if self.at("(", "{") else self.tight_term("√")
                return self.node(Call("sqrt", (arg,), tok.start, "√"))
            if tok.text == "frac":
                return self.fraction()
        if tok.kind == "sup":
            raise ParseError("a superscript must follow what it raises to a power, as in x²", tok.column)
        raise self.fail_expected("a number, a name or '('")

    def group(self) -> Node:
        """( expr ), or a bracketed vector such as (2x, 3), [2x, 3] or ⟨2x, 3⟩."""
        open_tok = self.advance()
        closer = _CLOSERS[open_tok.text]
        self.enter()
        saved_abs, self.abs_open = self.abs_open, 0
        if self.at(closer):
            raise ParseError(f"empty brackets '{open_tok.text}{closer}'", self.tok.column, "an expression")
        items = [self.item()]
        while self.at(","):
            self.advance()
            items.append(self.item())
        if not self.at(closer):
            if self.tok.kind == "end":
                raise ParseError(
                    f"'{self.text[open_tok.start]}' at column {open_tok.column} is never closed; expected '{closer}'",
                    column=len(self.text.rstrip()) + 1,
                    expected=f"'{closer}'",
                )
            raise self.fail_expected(f"'{closer}' to close '{self.text[open_tok.start]}' at column {open_tok.column}")
        self.advance()
        self.abs_open = saved_abs
        self.leave()
        if len(items) > 1 and open_tok.text == "{":
            raise ParseError("braces group one expression; write a vector with ( ), as in (2x, 3)", open_tok.column)
        if len(items) > 1 or open_tok.text == "<":
            return self.node(Vector(tuple(items), open_tok.start))
        if isinstance(items[0], Labeled):
            raise ParseError("'name =' can only start an answer or a component", open_tok.column + 1)
        return items[0]

    def fraction(self) -> Node:
        """LaTeX's \\frac{top}{bottom}: top divided by bottom."""
        tok = self.advance()
        parts = []
        for _ in range(2):
            if not self.at("{"):
                raise self.fail_expected("{ after \\frac, as in \\frac{1}{x}")
            parts.append(self.group())
        return self.node(BinOp("/", parts[0], parts[1], start=tok.start))

    def absolute(self) -> Node:
        open_tok = self.advance()
        self.enter()
        self.abs_open += 1
        inner = self.expr()
        self.abs_open -= 1
        if not self.at("|"):
            if self.tok.kind == "end":
                raise ParseError(
                    f"'|' at column {open_tok.column} is never closed; expected '|'",
                    column=len(self.text.rstrip()) + 1,
                    expected="'|'",
                )
            raise self.fail_expected("'|' to close the absolute value")
        self.advance()
        self.leave()
        return self.node(Call("abs", (inner,), open_tok.start, "|"))

    def call(self) -> Node:
        name_tok = self.advance()
        func = canonical_function(name_tok.text) or name_tok.text
        if func == "diff" and not self.vocab.allow_diff:
            raise ParseError(
                "diff(...) only asks for a derivative: work it out and type the result", name_tok.column
            )
        power: Node | None = None
        if self.tok.kind == "sup" or (self.at("^") and not self.peek().space_before):
            power = self.function_power(name_tok)
        lo, hi = FUNCTIONS[func]
        if self.at("("):
            args = self.arguments(name_tok, lo, hi)
        elif lo == 1 and self.tok.kind != "end" and (self.starts_factor() or self.at("-", "+")):
            args = (self.tight_term(name_tok.text),)
        else:
            example = f"{name_tok.text}(x)" if hi == 1 else f"{name_tok.text}(x, y)"
            if func == "sigmoid":  # σ(1 − σ), the short form of the notes: σ is a function, not a value
                example = f"{name_tok.text}(z) ({name_tok.text} is the sigmoid function)"
            raise self.fail_expected(f"an argument for {name_tok.text}, as in {example}")
        node = self.node(Call(func, args, name_tok.start, name_tok.text))
        if power is not None:
            node = self.node(BinOp("^", node, power, start=name_tok.end))
        return node

    def function_power(self, name_tok: Token) -> Node:
        """sin^2(x) and sin²x: a power of the function's value."""
        if self.tok.kind == "sup":
            tok = self.advance()
            exponent = self.sup_number(tok)
        else:
            self.advance()  # ^
            if self.at("-"):
                raise ParseError(
                    f"{name_tok.text}^-1 is ambiguous: type a{name_tok.text}(x) for the inverse function "
                    f"or 1/{name_tok.text}(x) for the reciprocal",
                    self.tok.column,
                )
            if self.tok.kind != "num":
                raise self.fail_expected(f"a whole number after '{name_tok.text}^', as in {name_tok.text}^2(x)")
            tok = self.advance()
            exponent = self.node(Num(Fraction(tok.value), tok.text, tok.decimal, tok.start))
        if isinstance(exponent, Neg):
            raise ParseError(
                f"{name_tok.text}⁻¹ is ambiguous: type a{name_tok.text}(x) for the inverse function "
                f"or 1/{name_tok.text}(x) for the reciprocal",
                name_tok.end + 1,
            )
        return exponent

    def arguments(self, name_tok: Token, lo: int, hi: int) -> tuple[Node, ...]:
        open_tok = self.advance()
        self.enter()
        saved_abs, self.abs_open = self.abs_open, 0
        if self.at(")"):
            raise ParseError(f"{name_tok.text}() needs an argument", self.tok.column, "an expression")
        args = [self.expr()]
        while self.at(","):
            self.advance()
            args.append(self.expr())
        if not self.at(")"):
            if self.tok.kind == "end":
                raise ParseError(
                    f"'(' at column {open_tok.column} is never closed; expected ')'",
                    column=len(self.text.rstrip()) + 1,
                    expected="')'",
                )
            raise self.fail_expected(f"')' to close {name_tok.text}(")
        self.advance()
        self.abs_open = saved_abs
        self.leave()
        if not lo <= len(args) <= hi:
            want = str(lo) if lo == hi else f"{lo} or {hi}"
            raise ParseError(
                f"{name_tok.text} takes {want} argument{'s' if hi > 1 else ''}, not {len(args)}", name_tok.column
            )
        return tuple(args)

    def tight_term(self, what: str) -> Node:
        """The argument of a function written without brackets: `sin 2x` -> 2x, `sin x cos x` -> x."""
        self.enter()
        if self.at("-", "+"):
            op = self.advance()
            inner = self.tight_term(what)
            self.leave()
            return inner if op.text == "+" else self.node(Neg(inner, op.start))
        if not self.starts_factor():
            raise self.fail_expected(f"an argument for {what}")
        term = self.power()
        while (
            self.starts_factor()
            and not self.tok.space_before
            and self.kind_of(self.tok) != "func"
            and not self.at("sqrt")
        ):
            start = self.tok.start
            term = self.node(BinOp("*", term, self.power(), implicit=True, start=start))
        self.leave()
        return term
