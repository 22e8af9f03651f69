"""Quizzes: plan the questions, run them (tries, time, answers written as checked), retry the missed.

Pure core: the quiz screens drive a QuizRun and show what it returns. Building an exercise's
variant may import sympy, so call `QuizRun.instance` and `QuizRun.finish` off the UI thread.
"""

from ..review.drills import drill_candidates
from .drill import DRILL_ITEMS, DRILL_TRIES, plan_drill
from .plan import format_clock, plan_quiz, retry_plan
from .records import SEED_RANGE, UNANSWERED, Answer, Outcome, Question
from .review import REVIEW_SESSION, REVIEW_TRIES, course_exercises, due_in_course, plan_review
from .run import QuizRun
from .sessions import drill_run, review_run

__all__ = ["DRILL_ITEMS", "DRILL_TRIES", "REVIEW_SESSION", "REVIEW_TRIES", "SEED_RANGE", "UNANSWERED", "Answer",
           "Outcome", "Question", "QuizRun", "course_exercises", "drill_candidates", "due_in_course",
           "drill_run", "format_clock", "plan_drill", "plan_quiz", "plan_review", "retry_plan", "review_run"]
