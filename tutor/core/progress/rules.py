"""How an exercise's state moves with each answer, hint and revealed solution (pure functions).

The rules, in one place so the store, the UI and the tests agree:

- Only graded answers count: "correct" and "incorrect" raise `attempts`; an "invalid" answer
  (a syntax error, an unknown name) is kept in the history but changes no state, because a typo
  says nothing about whether the learner can differentiate.
- Mastery is an exponentially weighted success rate: m <- m + RATE * (s - m), s = 1 for a
  correct answer and 0 for a wrong one, starting from 0. With RATE = 0.3 the last five or six
  answers carry most of the weight: three right in a row from zero give 0.66, five give 0.83,
  and one wrong answer then takes away 30 % of it. It always stays in [0, 1].
- Revealing the worked solution marks `revealed` and remembers the variant (seed). A correct
  answer to that same variant in study mode is a copy: it makes the exercise `completed` but not
  `solved`, and it is no evidence for mastery. A correct answer to another variant, or any
  correct quiz answer (quizzes show no solutions), counts in full. A practice answer (retrying
  the questions a quiz summary has just answered) is like a copy: completed, not solved. Revealing after solving
  changes nothing already earned: `solved` never goes back to false.
- Hints are counted (`hints_used`) and otherwise change nothing: asking for help is encouraged.
"""

from __future__ import annotations

from dataclasses import replace

from .records import ExerciseState, MODES, VERDICTS

MASTERY_RATE = 0.3


def _clamp(value: float) -> float:
    # The update is a convex combination, but rounding must never push it outside [0, 1].
    return min(1.0, max(0.0, value))


def after_attempt(state: ExerciseState, verdict: str, seed: int, mode: str, at: float) -> ExerciseState:
    """The state after one recorded answer."""
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {sorted(VERDICTS)}, not {verdict!r}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {sorted(MODES)}, not {mode!r}")
    if verdict == "invalid":
        return state
    graded = replace(state, attempts=state.attempts + 1, last_attempt_at=at)
    if verdict == "incorrect":
        return replace(graded, mastery=_clamp(state.mastery * (1.0 - MASTERY_RATE)))
    copied = mode == "practice" or (mode == "study" and state.revealed and state.revealed_seed == seed)
    graded = replace(graded, correct=state.correct + 1, completed=True)
    if copied:
        return graded
    return replace(
        graded,
        solved=True,
        first_solved_at=state.first_solved_at if state.first_solved_at is not None else at,
        mastery=_clamp(state.mastery + MASTERY_RATE * (1.0 - state.mastery)),
    )


def after_reveal(state: ExerciseState, seed: int) -> ExerciseState:
    """The state after the worked solution of variant `seed` was shown."""
    return replace(state, revealed=True, revealed_seed=seed)


def after_hint(state: ExerciseState) -> ExerciseState:
    """The state after one more hint was shown."""
    return replace(state, hints_used=state.hints_used + 1)
