"""Properties of the state rules: any sequence of answers, hints and reveals keeps state sane."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.core.progress import ExerciseState, ProgressStore
from tutor.core.progress.rules import after_attempt, after_hint, after_reveal

NOW = 1_700_000_000.0

attempt = st.tuples(st.just("attempt"), st.sampled_from(["correct", "incorrect", "invalid"]),
                    st.integers(0, 3), st.sampled_from(["study", "quiz"]))
reveal = st.tuples(st.just("reveal"), st.integers(0, 3))
hint = st.tuples(st.just("hint"))
events = st.lists(st.one_of(attempt, attempt, reveal, hint), max_size=40)


def apply(state: ExerciseState, event: tuple) -> ExerciseState:
    if event[0] == "attempt":
        _, verdict, seed, mode = event
        return after_attempt(state, verdict, seed, mode, NOW)
    if event[0] == "reveal":
        return after_reveal(state, event[1])
    return after_hint(state)


@settings(database=None)
@given(events)
def test_any_sequence_keeps_state_consistent(sequence):
    state = ExerciseState("l", "e")
    revealed_seed = None  # an independent model of the copy rule
    for event in sequence:
        before = state
        state = apply(state, event)
        assert 0.0 <= state.mastery <= 1.0
        assert state.solved >= before.solved and state.completed >= before.completed  # never undone
        assert state.solved <= state.completed and state.correct <= state.attempts
        assert (state.first_solved_at is not None) == state.solved
        if event[0] == "reveal":
            revealed_seed = event[1]
        elif event[0] == "attempt":
            _, verdict, seed, mode = event
            copied = mode == "study" and revealed_seed == seed
            if verdict == "correct" and not copied:
                assert state.solved and state.mastery >= before.mastery
                assert state.mastery > before.mastery or before.mastery == 1.0
            elif verdict == "incorrect":
                assert state.mastery <= before.mastery
            else:
                assert state.mastery == before.mastery
    graded = [e for e in sequence if e[0] == "attempt" and e[1] != "invalid"]
    assert state.attempts == len(graded)
    assert state.correct == sum(e[1] == "correct" for e in graded)
    assert state.hints_used == sum(e[0] == "hint" for e in sequence)
    assert state.revealed == any(e[0] == "reveal" for e in sequence)


@settings(database=None, max_examples=40, deadline=None)
@given(events)
def test_store_agrees_with_the_rules(sequence):
    with ProgressStore.in_memory(clock=lambda: NOW) as store:
        for event in sequence:
            if event[0] == "attempt":
                _, verdict, seed, mode = event
                store.record_attempt("l", "e", seed=seed, answer="x", verdict=verdict, mode=mode)
            elif event[0] == "reveal":
                store.mark_solution_revealed("l", "e", seed=event[1])
            else:
                store.mark_hint_used("l", "e")
        expected = ExerciseState("l", "e")
        for event in sequence:
            expected = apply(expected, event)
        assert store.exercise_state("l", "e") == expected
        assert len(store.recent_attempts(1000)) == sum(e[0] == "attempt" for e in sequence)
