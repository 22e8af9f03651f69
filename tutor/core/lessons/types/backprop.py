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

from tutor.core.maths.build import symbol
from tutor.core.maths.check import Tolerance
from tutor.core.maths.nodes import Var, walk

from ..exercises import BackpropModel
from ..variants import VariantError, parse_number_text
from .backprop_blanks import graph_blanks
from .backprop_graph import Graph, Node, derivative, value_at
from .base import ExerciseError, ExerciseType, Problem_
from .entries import Blank, EntriesJudge, HandWork, describe

DEFAULT_TOLERANCE = Tolerance(absolute=Fraction(1, 200), relative=Fraction(1, 200))


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
        return graph_blanks(g, self.wanted)

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
