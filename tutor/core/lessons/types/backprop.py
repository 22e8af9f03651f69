"""The `backprop` type: a small computation graph drawn as text; the learner fills, node by node from
the output back, each local derivative and each backward value, each checked as it is typed.

A wrong local derivative is compared with the typical partial-derivative mistakes of that node's
formula (the node's value, the other input's derivative, a dropped chain factor, a sign). A wrong
backward value is compared with the backprop slips: the local derivative alone (the upstream
gradient forgotten), a sum where the chain rule multiplies, one path of several (the sum over paths
forgotten), a sign.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import sympy as sp

from tutor.core.descent.trace import show
from tutor.core.maths.build import symbol
from tutor.core.maths.check import Tolerance
from tutor.core.maths.floateval import Unsupported
from tutor.core.maths.mistakes import derivative_mistakes
from tutor.core.maths.nodes import Var, walk
from tutor.core.maths.render import render

from ..exercises import BackpropModel
from ..variants import VariantError, parse_number_text
from .backprop_graph import Graph, Node, derivative, value_at
from .base import ExerciseError, ExerciseType, Problem_
from .entries import Blank, EntriesJudge, Env, HandWork, Slip, describe

DEFAULT_TOLERANCE = Tolerance(absolute=Fraction(1, 200), relative=Fraction(1, 200))


def _n(x: float) -> str:
    """A factor in a product, bracketed when negative: 2 · (−3)."""
    text = show(x)
    return f"({text})" if x < 0 else text


class BackpropExercise(ExerciseType):
    kind = "backprop"
    model: BackpropModel

    def __init__(self, model: BackpropModel, lesson_id: str) -> None:
        super().__init__(model, lesson_id)
        known = list(model.inputs)
        self.exprs: dict[str, object] = {}
        self.parents: dict[str, tuple[str, ...]] = {}
        for name, text in model.nodes.items():
            expr = self.read(("nodes", name), text, tuple(known))
            if expr is not None:
                used = {s.name for s in expr.free_symbols}
                self.parents[name] = tuple(n for n in self._appearance(("nodes", name)) if n in used and n in known)
                self.exprs[name] = expr
            known.append(name)
        names = list(model.nodes)
        for i, name in enumerate(names[:-1]):
            if self.exprs.get(name) is not None and not any(name in self.parents.get(later, ())
                                                            for later in names[i + 1:]):
                self.problems.append(Problem_(("nodes", name), f"the node {name} is not used by a later node: "
                                                               f"every node but the last ({names[-1]}) must feed another"))
        self.wanted = tuple(model.wrt or model.inputs)
        self._variants: dict[tuple, tuple[Graph, list[Blank], EntriesJudge]] = {}
        self._whole = None  # the output as one formula of the inputs, once worked out

    def _appearance(self, field: tuple) -> list[str]:
        """The names in a node's formula in the order they first appear (read with its own vocabulary)."""
        seen: dict[str, int] = {}
        for node in walk(self.trees[field]):
            if isinstance(node, Var):
                seen.setdefault(node.name, node.start)
        return sorted(seen, key=seen.__getitem__)

    # -- one variant --------------------------------------------------------------------------------------
    def graph(self, values: Mapping[str, Fraction]) -> Graph:
        try:
            inputs = {k: float(parse_number_text(v, values)) for k, v in self.model.inputs.items()}
        except VariantError as error:
            raise ExerciseError([Problem_(("inputs",), str(error))]) from error
        nodes = [Node(name, self.exprs[name], self.display(("nodes", name), values) or "", self.parents[name])
                 for name in self.model.nodes]
        return Graph(inputs, nodes, {k: float(v) for k, v in values.items()})

    def blanks(self, g: Graph) -> list[Blank]:
        out_name = g.output
        blanks: list[Blank] = []
        for n in g.backward_order(self.wanted):
            consumers = g.consumers[n]
            if consumers == [out_name]:  # fed straight into the output: local and backward are one value
                blanks.append(self._local_blank(g, out_name, n, f"∂{out_name}/∂{n}"))
                continue
            for c in consumers:
                blanks.append(self._local_blank(g, c, n, self.local_key(c, n, out_name)))
            blanks.append(self._backward_blank(g, n, consumers, out_name))
        return blanks

    @staticmethod
    def local_key(c: str, n: str, out: str) -> str:
        return f"∂{c}/∂{n}" if c != out else f"local ∂{c}/∂{n}"

    def _local_blank(self, g: Graph, c: str, n: str, key: str) -> Blank:
        value = g.local(c, n)
        local = g.derivative(c, n)
        # 2·(z2 − y) reads better than −2·y + 2·z2: a polynomial is shown factored.
        formula = render(sp.factor(local) if local.is_polynomial() and local.free_symbols else local)
        node = g.nodes[c]
        at = g.at(c)

        def slips(env: Env) -> list[Slip]:
            found: list[Slip] = [("not-differentiated", (g.value[c],),
                                  f"That is the value of {c} itself ({show(g.value[c])}); the local derivative "
                                  f"is how fast {c} changes with {n}: ∂{c}/∂{n} = {formula}, at the forward values.")]
            for other in node.parents:
                if other != n:
                    found.append(("wrong-variable", (g.local(c, other),),
                                  f"That is ∂{c}/∂{other}: you differentiated {c} = {node.shown} by {other}, "
                                  f"not by {n}."))
            symbols = tuple(symbol(p) for p in node.parents)
            constants = {symbol(k): v for k, v in g.constants.items()}
            for m in derivative_mistakes(node.expr.xreplace(constants), symbol(n), symbols, c):
                if m.code in ("not-differentiated", "wrong-variable"):
                    continue
                try:
                    found.append((m.code, (value_at(m.expr, at),), m.message))
                except Unsupported:
                    continue
            found.append(("sign", (-value,), f"The size is right but the sign is not: ∂{c}/∂{n} = {formula} = "
                                             f"{show(value)}."))
            return found

        return Blank(key, f"the local derivative of {c} = {node.shown} by {n}", f"node {n}", (),
                     compute=lambda env: (value,),
                     working=lambda env: f"{key} = {formula}" + ("" if formula == show(value) else f" = {show(value)}"),
                     slips=slips,
                     known=tuple((p, g.value[p]) for p in node.parents))

    def _backward_blank(self, g: Graph, n: str, consumers: list[str], out: str) -> Blank:
        key = f"∂{out}/∂{n}"

        def upstream(env: Env, c: str) -> float:
            return 1.0 if c == out else env[f"∂{out}/∂{c}"][0]

        def terms(env: Env) -> list[tuple[str, float, float]]:
            return [(c, upstream(env, c), env[self.local_key(c, n, out)][0]) for c in consumers]

        def compute(env: Env) -> tuple[float]:
            return (sum(u * d for _, u, d in terms(env)),)

        def working(env: Env) -> str:
            parts = terms(env)
            rule = " + ".join(f"∂{out}/∂{c}·∂{c}/∂{n}" if c != out else f"∂{c}/∂{n}" for c, _, _ in parts)
            numbers = " + ".join(f"{_n(u)}·{_n(d)}" for _, u, d in parts)
            return f"{key} = {rule} = {numbers} = {show(compute(env)[0])}"

        def slips(env: Env) -> list[Slip]:
            parts = terms(env)
            ups = ", ".join(f"∂{out}/∂{c} = {show(u)}" for c, u, _ in parts if c != out)
            found: list[Slip] = []
            if any(c != out for c, _, _ in parts):
                found.append(("no-upstream", (sum(d for _, _, d in parts),),
                              f"That is the local derivative alone: multiply it by the gradient coming "
                              f"down from above ({ups}). Backward value = upstream × local."))
                found.append(("added-on-path", (sum(u + d for _, u, d in parts),),
                              f"You added the upstream gradient and the local derivative; along a path the "
                              f"chain rule multiplies them: {ups} times ∂·/∂{n}."))
            if len(parts) > 1:
                for c, u, d in parts:
                    found.append(("missed-path", (u * d,),
                                  f"That is only the path through {c}. {n} also feeds "
                                  f"{' and '.join(o for o, _, _ in parts if o != c)}: the chain rule adds one "
                                  f"product per path, ∂{out}/∂{n} = " + " + ".join(f"∂{out}/∂{o}·∂{o}/∂{n}"
                                                                               for o, _, _ in parts) + "."))
            found.append(("sign", (-compute(env)[0],), "The size is right but the sign is not: check the sign "
                                                       "of each factor."))
            return found

        asks = (f"the backward value ∂{out}/∂{n}: " + ("the sum over the nodes it feeds of (their backward value × "
                                                       "the local derivative)" if len(consumers) > 1 else
                                                       "the backward value above times the local derivative"))
        return Blank(key, asks, f"node {n}", (), compute=compute, working=working, slips=slips)

    def composition(self):
        """The output as one formula of the inputs (and params): the nodes put into each other."""
        names = list(self.model.nodes)
        whole = self.exprs[names[-1]]
        for name in reversed(names[:-1]):
            whole = whole.xreplace({symbol(name): self.exprs[name]})
        return whole

    def variant(self, values: Mapping[str, Fraction]) -> tuple[Graph, list[Blank], EntriesJudge]:
        """The graph, its blanks and their judge for these param values; the last few are kept, since
        validation builds each variant twice (to show it, then to prove it)."""
        key = tuple(sorted(values.items()))
        if key not in self._variants:
            if len(self._variants) >= 8:
                self._variants.pop(next(iter(self._variants)))
            g = self.graph(values)
            blanks = self.blanks(g)
            self._variants[key] = (g, blanks, EntriesJudge(blanks, self.tolerance(values) or DEFAULT_TOLERANCE))
        return self._variants[key]

    def instance(self, seed: int):
        values = self.values(seed)
        g, blanks, judge = self.variant(values)
        tolerance = judge.tolerance
        header = g.drawing()
        hand = HandWork(tuple(blanks), header, describe(tolerance), judge)
        wanted = ", ".join(f"∂{g.output}/∂{w}" for w in self.wanted)
        return self.base_instance(
            seed, values, title="Backpropagation by hand", shows=header, expected=hand.expected(),
            shape="entries", variables=(), checker=judge.check_all, hand=hand,
            placeholders={"output": g.output, "graph": header, "wanted": wanted, "answer": hand.expected(),
                          "tolerance": describe(tolerance)},
        )

    def validate_variant(self, seed: int) -> list[Problem_]:
        g, _, judge = self.variant(self.values(seed))
        bad = [name for name in g.order if not _finite(g.value[name])]
        if bad:
            return [Problem_(("nodes", bad[0]), f"the node {bad[0]} has no value at these inputs")]
        for key, (v,) in judge.exact.items():
            if not _finite(v):
                return [Problem_(("nodes",), f"{key} has no value at these inputs")]
        # The chain rule node by node must agree with differentiating the whole composition at once.
        whole = self._whole = self._whole if self._whole is not None else self.composition()
        for leaf in self.wanted:
            direct = value_at(derivative(whole, leaf), {**g.constants, **g.inputs})
            backward = judge.exact.get(f"∂{g.output}/∂{leaf}", (0.0,))[0]
            if not abs(direct - backward) <= 1e-9 * max(1.0, abs(direct)):
                return [Problem_(("nodes",), f"backpropagation gives ∂{g.output}/∂{leaf} = {backward!r} but the "
                                             f"derivative of the whole is {direct!r}")]
        return []


def _finite(x: float) -> bool:
    return x == x and abs(x) != float("inf")
