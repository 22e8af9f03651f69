"""Review cards: ratings from what happened, FSRS scheduling under a fake clock, exact round trips."""

from __future__ import annotations

import pytest
from fsrs import Card, Rating, Scheduler

from tutor.core.progress import AnswerContext, ProgressStore
from tutor.core.review import AGAIN, EASY, GOOD, HARD, Outcome, rate
from tutor.core.review.schedule import review

T0 = 1_780_000_000.0
DAY = 86400.0


class Clock:
    def __init__(self, t: float = T0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(clock):
    with ProgressStore.in_memory(learner="Ana", clock=clock) as store:
        yield store


@pytest.mark.parametrize("outcome, rating", [
    (Outcome(solved=True, seconds=8.0), EASY),                   # first try, fast
    (Outcome(solved=True, seconds=95.0), GOOD),                  # first try, worked out
    (Outcome(solved=True), GOOD),                                # first try, time unknown
    (Outcome(solved=True, wrong_tries=2, seconds=5.0), HARD),    # after wrong tries
    (Outcome(solved=True, helped=True, seconds=5.0), HARD),      # with a hint
    (Outcome(solved=False, wrong_tries=1), AGAIN),               # failed, or the solution copied
])
def test_ratings_map_from_what_happened(outcome, rating):
    assert rate(outcome) == rating


def _answer(store, exercise, verdict, *, seed=0, diagnosis=None, seconds=60.0, mode="study"):
    return store.record_answer("basic-example", exercise, seed=seed, answer="…", verdict=verdict,
                               diagnosis=diagnosis, mode=mode, context=AnswerContext(duration_ms=seconds * 1000))


def test_the_first_completion_of_an_exercise_makes_its_card_rated_from_what_happened(store, clock):
    assert _answer(store, "quick", "correct", seconds=6).rating == EASY
    assert _answer(store, "slow", "correct", seconds=90).rating == GOOD
    wrong = _answer(store, "after-wrong", "incorrect", diagnosis="sign")
    assert wrong.card is None and wrong.rating is None  # not completed: no card yet
    assert _answer(store, "after-wrong", "correct", seconds=5).rating == HARD
    store.mark_hint_used("basic-example", "hinted", seed=0)
    assert _answer(store, "hinted", "correct", seconds=5).rating == HARD
    store.mark_solution_revealed("basic-example", "copied", 0)
    copied = _answer(store, "copied", "correct", seconds=5)
    assert copied.rating == AGAIN and not copied.state.solved and copied.state.completed
    # Later answers in study leave the card alone: only reviews move it.
    clock.t += 600
    again = _answer(store, "quick", "correct", seed=1)
    assert again.card is None
    assert store.review_card("basic-example", "quick").reps == 1


def test_cards_come_due_in_order_of_their_ratings_as_the_clock_moves(store, clock):
    _answer(store, "easy", "correct", seconds=5)       # due in 8 days
    _answer(store, "good", "correct", seconds=90)      # 2 days
    store.mark_solution_revealed("basic-example", "again", 0)
    _answer(store, "again", "correct")                 # 1 day
    _answer(store, "hard", "incorrect")
    _answer(store, "hard", "correct")                  # 1 day, made after "again"
    assert store.due_reviews() == []
    assert store.next_review() == T0 + DAY
    clock.t = T0 + DAY
    assert [e for _, e, _ in store.due_reviews()] == ["again", "hard"]
    clock.t = T0 + 2 * DAY
    assert [e for _, e, _ in store.due_reviews()] == ["again", "hard", "good"]
    clock.t = T0 + 8 * DAY
    assert [e for _, e, _ in store.due_reviews()] == ["again", "hard", "good", "easy"]


def test_a_review_run_outcome_reschedules_the_card(store, clock):
    _answer(store, "dfdx", "correct", seconds=90)
    first = store.review_card("basic-example", "dfdx")
    assert (first.reps, first.last_rating, first.due) == (1, GOOD, T0 + 2 * DAY)
    clock.t = first.due
    quiz = store.start_quiz(["basic-example"], 1)
    store.record_quiz_answer(quiz, 1, "basic-example", "dfdx", seed=5, answer="2x", verdict="correct",
                             expected="2·x", mode="review", review=Outcome(solved=True, seconds=60))
    passed = store.review_card("basic-example", "dfdx")
    assert passed.reps == 2 and passed.last_rating == GOOD and passed.due - clock.t > 2 * DAY
    assert passed.holding(clock.t)
    interval = passed.due - clock.t
    clock.t = passed.due
    lapsed = store.review_missed("basic-example", "dfdx", seed=9)
    # Forgotten: it comes back within days, far sooner than the interval it had earned.
    assert lapsed.lapses == 1 and lapsed.last_rating == AGAIN
    assert clock.t + DAY <= lapsed.due <= clock.t + interval / 2
    assert not lapsed.holding(clock.t)


def test_a_card_round_trips_through_the_database_exactly(store, clock):
    _answer(store, "dfdx", "correct", seconds=90)
    for days, rating in ((2, GOOD), (5, HARD), (9, AGAIN), (10, EASY)):
        clock.t = T0 + days * DAY + 0.123456  # microseconds in the time
        quiz = store.start_quiz(["basic-example"], 1)
        store.record_quiz_answer(quiz, 1, "basic-example", "dfdx", seed=days, answer="x",
                                 verdict="correct" if rating > AGAIN else "incorrect", expected="2·x",
                                 mode="review", review=Outcome(solved=rating > AGAIN, wrong_tries=rating == HARD,
                                                               seconds=5 if rating == EASY else 60))
    stored = store.review_card("basic-example", "dfdx")
    # The same reviews through the library alone, in memory, give the very same card.
    scheduler = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    from datetime import datetime, timezone

    card = Card(card_id=int(T0 * 1000), due=datetime.fromtimestamp(T0, timezone.utc))
    card, _ = scheduler.review_card(card, Rating.Good, datetime.fromtimestamp(T0, timezone.utc))
    for days, rating in ((2, GOOD), (5, HARD), (9, AGAIN), (10, EASY)):
        card, _ = scheduler.review_card(card, Rating(rating), datetime.fromtimestamp(T0 + days * DAY + 0.123456, timezone.utc))
    assert Card.from_json(stored.card) == card
    assert stored.due == card.due.timestamp() and stored.reps == 5 and stored.lapses == 1


def test_scheduling_is_the_same_when_a_write_is_replayed():
    # The store replays held writes after a disk failure: the card must come out the same.
    assert review(None, GOOD, T0) == review(None, GOOD, T0)
    card = review(None, GOOD, T0).card
    assert review(card, EASY, T0 + 3 * DAY) == review(card, EASY, T0 + 3 * DAY)


def test_wrong_answers_count_their_named_slip(store):
    _answer(store, "a", "incorrect", diagnosis="wrong-variable")
    _answer(store, "a", "incorrect")  # no diagnosis: nothing to count
    second = _answer(store, "b", "incorrect", diagnosis="wrong-variable")
    assert (second.slip.code, second.slip.count, second.slip.exercise_id) == ("wrong-variable", 2, "b")
    _answer(store, "b", "invalid", diagnosis=None)
    _answer(store, "c", "incorrect", diagnosis="sign")
    assert [(s.code, s.count) for s in store.slips()] == [("wrong-variable", 2), ("sign", 1)]
    store.mark_drilled("wrong-variable")
    assert store.slip("wrong-variable").since_drill == 0
    # Another learner's slips are theirs alone.
    assert store.for_learner("Bo").slips() == []
