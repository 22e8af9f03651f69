"""What every exercise type shares: reading its expressions, drawing variants, and validating them.

An exercise type is a model (the YAML fields) plus a subclass of ExerciseType (how to make an
instance and how to prove the exercise right). Expressions are parsed once, with the exercise's
variables and params as the only names; a variant substitutes exact values for the params.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp

from tutor.core.maths.build import build, symbol
from tutor.core.maths.check import CheckOptions, Tolerance
from tutor.core.maths.compare import compare
from tutor.core.maths.errors import MathsError
from tutor.core.maths.floateval import evaluate_float
from tutor.core.maths.names import Vocabulary
from tutor.core.maths.nodes import Var, Vector, walk
from tutor.core.maths.parser import parse
from tutor.core.maths.preview import preview
from tutor.core.maths.sampling import Domain
from tutor.core.maths.verdict import format_number

from ..filled import fill_params
from ..instance import Instance
from ..models import ExerciseBase
from ..variants import VariantError, draw_params, fill, parse_number_text


@dataclass(frozen=True)
class Problem_:
    """A problem in an exercise: the field it is in (relative path) and what is wrong."""

    field: tuple[str | int, ...]
    message: str


class ExerciseError(Exception):
    def __init__(self, problems: list[Problem_]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


MIN_VALID_POINTS = 6
ANSWER_SEEDS = 3  # variants whose examples and named mistakes are checked against the answer


def _rational(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


class ExerciseType:
    """Base class: subclasses set `kind` and implement `instance` (and extend `validate`)."""

    kind = ""

    def __init__(self, model: ExerciseBase, lesson_id: str) -> None:
        self.model = model
        self.lesson_id = lesson_id
        self.params = tuple(model.params)
        self.problems: list[Problem_] = []
        self.trees: dict[tuple, object] = {}  # the syntax tree of each expression field, for display
        self.domains = self._domains()

    # -- reading expressions ------------------------------------------------------------------------
    def names(self, variables: Sequence[str] = ()) -> Vocabulary:
        return Vocabulary((*variables, *self.params), unknown="error" if variables else "split")

    def read(self, field: tuple, text: object, variables: Sequence[str] = (), vector: bool = False):
        """Parse author text: a sympy expression (or tuple for a vector); records a problem on failure."""
        try:
            tree = parse(str(text), self.names(variables)).tree
            self.trees[field] = tree
            if isinstance(tree, Vector) and not vector:
                raise MathsError("expected one expression, not a vector")
            built = build(tree)
        except MathsError as error:
            self.problems.append(Problem_(field, f"cannot read '{text}': {error}"))
            return None
        return built.values if built.is_vector or vector else built.scalar

    def order_of_appearance(self, text: str, exclude: Iterable[str] = ()) -> tuple[str, ...]:
        """Variables of author text in the order they first appear (params and data excluded)."""
        skip = set(self.params) | set(exclude)
        try:
            tree = parse(text, Vocabulary(self.params, unknown="split")).tree
        except MathsError:
            return ()
        seen: dict[str, int] = {}
        for node in walk(tree):
            if isinstance(node, Var) and node.name not in skip:
                seen.setdefault(node.name, node.start)
        return tuple(sorted(seen, key=seen.__getitem__))

    def _domains(self) -> tuple[tuple[str, Domain], ...]:
        out = []
        for name, text in self.model.domains.items():
            domain = parse_domain(text)
            if domain is None:
                self.problems.append(Problem_(("domains", name), f"cannot read the domain '{text}': write "
                                              "an interval such as (0, 1) or (0, inf), or positive / negative"))
            else:
                out.append((name, domain))
        return tuple(out)

    def tolerance(self, values: Mapping[str, Fraction]) -> Tolerance | None:
        spec = self.model.tolerance
        if spec is None:
            return None
        try:
            return Tolerance(
                parse_number_text(spec.absolute, values) if spec.absolute is not None else None,
                parse_number_text(spec.relative, values) if spec.relative is not None else None,
            )
        except VariantError as error:
            self.problems.append(Problem_(("tolerance",), str(error)))
            return None

    # -- variants ----------------------------------------------------------------------------------
    def values(self, seed: int) -> dict[str, Fraction]:
        return dict(self.shared(("values", seed), lambda: self._draw(seed)))

    def _draw(self, seed: int) -> dict[str, Fraction]:
        try:
            return draw_params(self.model.params, self.model.where, seed, f"{self.lesson_id}/{self.model.id}")
        except VariantError as error:
            raise ExerciseError([Problem_(("where",) if self.model.where else ("params",), str(error))]) from error

    @staticmethod
    def substitute(expr, values: Mapping[str, Fraction]):
        if expr is None:
            return None
        mapping = {symbol(k): _rational(v) for k, v in values.items()}
        if isinstance(expr, tuple):
            return tuple(e.xreplace(mapping) for e in expr)
        return expr.xreplace(mapping)

    def display(self, field: tuple, values: Mapping[str, Fraction]) -> str | None:
        """An expression field as the author wrote it (terms in their order), params filled in."""
        tree = self.trees.get(field)
        if tree is None:
            return None
        shown = self.__dict__.setdefault("_shown", {})
        key = (field, tuple(sorted(values.items())))
        if key not in shown:
            shown[key] = preview(fill_params(tree, values))
        return shown[key]

    def placeholders(self, values: Mapping[str, Fraction], **more: str) -> dict[str, str]:
        # 0.1 rather than 1/10: a param shows as the author wrote its kind of number.
        shown = {k: format_number(v) for k, v in values.items()}
        shown.update(more)
        return shown

    def generic_number(self, value: object) -> sp.Expr:
        """A number of the exercise (a data entry, a point's coordinate) with its params as symbols."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return _rational(parse_number_text(value))
        return build(parse(str(value), Vocabulary(self.params)).tree).scalar

    def slip_source(self):
        """What the learner computes, params as symbols, for the variant rule (None: no such rule)."""
        return None

    def options(self, values: Mapping[str, Fraction] | None = None, **kw) -> CheckOptions:
        """The check's options; with a variant's `values`, the author's typical wrong answers come along."""
        if values is not None and self.model.mistakes:
            kw["known"] = self.known(values)
        return CheckOptions(domains=self.domains, function_name=self.model.function_name, **kw)

    def known(self, values: Mapping[str, Fraction]) -> tuple:
        """The author's typical wrong answers for this variant, as the checker compares them."""
        from tutor.core.maths.options import Known

        shown = self.placeholders(values)
        out = []
        for i, m in enumerate(self.model.mistakes):
            value = self.read(("mistakes", i, "answer"), m.answer, getattr(self, "variables", ()), vector=True)
            if value is None:
                continue
            out.append(Known(m.code, tuple(self.substitute(value, values)), fill(m.message, shown)))
        return tuple(out)

    def base_instance(self, seed: int, values: Mapping[str, Fraction], **fields) -> Instance:
        """An Instance with the shared fields filled; the subclass gives the rest."""
        shown = self.placeholders(values, **fields.pop("placeholders", {}))
        return Instance(
            lesson_id=self.lesson_id,
            exercise_id=self.model.id,
            kind=self.kind,
            seed=seed,
            prompt=fill(self.model.prompt, shown),
            hints=tuple(fill(h, shown) for h in self.model.hints),
            solution=fill(self.model.solution, shown) if self.model.solution else None,
            params=tuple((k, shown[k]) for k in values),
            placeholders=tuple(shown),
            **fields,
        )

    # -- proofs shared by the types ---------------------------------------------------------------------------------------
    def prove_equal(self, field: tuple, stated, expected, problem, name: str) -> list[Problem_]:
        result = compare(stated, expected, problem.points)
        if result.equal is False:
            ce = result.counterexample
            where = ", ".join(f"{k} = {format_number(v)}" for k, v in ce.point.items())
            return [Problem_(field, f"the stated answer is wrong: at {where} it gives "
                                    f"{format_number(ce.answer)}; {name} is {format_number(ce.expected)}")]
        if result.equal is None:
            return [Problem_(field, "the answer cannot be checked: too few points where it is defined")]
        return []

    def valid_points(self, field: tuple, expr: sp.Expr, problem) -> list[Problem_]:
        values = evaluate_float(expr, problem.points.env(), problem.points.count)
        valid = int(np.isfinite(values).sum())
        if valid < MIN_VALID_POINTS:
            return [Problem_(field, f"only {valid} of {problem.points.count} sample points are inside the "
                                    "function's domain; give the variables domains")]
        return []

    # -- the interface each type implements -------------------------------------------------------
    def instance(self, seed: int) -> Instance:
        raise NotImplementedError

    # While validate() checks one seed: the work instance() and validate_variant() both need
    # (the variant's values, its prepared problem), done once. None otherwise: nothing is kept.
    _seed_work: dict | None = None
    first_instance: Instance | None = None  # the first variant validate() built, for checks on its text

    def shared(self, key: object, make):
        """`make()`, done once per seed while validate() checks that seed; outside it, every time."""
        work = self._seed_work
        if work is None:
            return make()
        if key not in work:
            work[key] = make()
        return work[key]

    def validate(self, seeds: Sequence[int], rules=None) -> list[Problem_]:
        """Problems found by reading the exercise and building every variant.

        `rules` (the validator's): `each(exercise, instance, seed)` for the first variants, then
        `after(exercise, seeds, drawn)` with every variant's params, both while its work is at hand."""
        problems = list(self.problems)
        if problems:
            return problems
        drawn = []
        for index, seed in enumerate(seeds):
            self._seed_work = {}
            try:
                instance = self.instance(seed)
                if self.first_instance is None:
                    self.first_instance = instance
                problems.extend(self.validate_variant(seed))
                drawn.append(self.values(seed))
                if rules is not None and not problems and index < ANSWER_SEEDS:
                    problems.extend(rules.each(self, instance, seed))
            except ExerciseError as error:
                problems.extend(error.problems)
            except MathsError as error:  # the maths refused this variant: undefined at its point, too large
                problems.append(Problem_((), str(error)))
            finally:
                self._seed_work = None
            if problems:
                break
        if rules is not None and not problems and len(drawn) == len(seeds):
            problems.extend(rules.after(self, list(seeds), drawn))
        return problems

    def validate_variant(self, seed: int) -> list[Problem_]:
        return []


def parse_domain(text: str) -> Domain | None:
    """'(0, 1)', '(0, inf)', '(-inf, 0)', 'positive', 'negative', 'integer' as a Domain."""
    text = text.strip().lower()
    named = {"positive": Domain(Fraction(0), None), "negative": Domain(None, Fraction(0)),
             "integer": Domain(integer=True), "real": Domain()}
    if text in named:
        return named[text]
    if not (text.startswith(("(", "[")) and text.endswith((")", "]")) and text.count(",") == 1):
        return None
    lo, hi = (part.strip() for part in text[1:-1].split(","))

    def bound(part: str) -> Fraction | None:
        if part in ("inf", "+inf", "-inf", "∞", "-∞", "infinity", "-infinity"):
            return None
        return parse_number_text(part)

    try:
        low, high = bound(lo), bound(hi)
    except VariantError:
        return None
    if low is not None and high is not None and low >= high:
        return None
    return Domain(low, high)
