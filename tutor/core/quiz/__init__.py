"""Quizzes: plan the questions, run them (tries, time, answers written as checked), retry the missed.

Pure core: the quiz screens drive a QuizRun and show what it returns. Building an exercise's
variant may import sympy, so call `QuizRun.instance` and `QuizRun.finish` off the UI thread.
"""

from .plan import format_clock, plan_quiz, retry_plan
from .records import SEED_RANGE, UNANSWERED, Answer, Outcome, Question
from .run import QuizRun

__all__ = ["SEED_RANGE", "UNANSWERED", "Answer", "Outcome", "Question", "QuizRun", "format_clock",
           "plan_quiz", "retry_plan"]
