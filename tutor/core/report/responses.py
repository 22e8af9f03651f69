"""Response analysis: an exercise's wrong answers grouped by mathematical equivalence.

Answers are first gathered by variant (the same params), since `8w` is right for one learner's
L = 4w² and wrong for another's; within a variant the checker decides which typed answers are
the same answer. Groups with the same named mistake on different variants are then one group
(the same misconception in other numbers); groups the checker could not name stay per variant.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .course import CourseSource
from .equivalence import TextJudge, judge_for, normal_text
from .attempt import Attempt

_UNKNOWN = ("?",)  # the variant key of answers whose variant cannot be rebuilt


@dataclass(frozen=True)
class AnswerGroup:
    """Wrong answers that are the same answer (or the same named mistake on other variants)."""

    exercise: str                        # lesson/exercise
    representative: str                  # the most common form, as typed
    count: int                           # wrong answers in the group
    learners: tuple[str, ...]
    diagnosis: str | None                # the checker's code for the mistake, if it named one
    message: str | None                  # the feedback the learners saw (the most common)
    forms: tuple[tuple[str, int], ...]   # every typed form and how often, most common first
    decided_by: str                      # who said they are the same: checker, choice, text or diagnosis
    variant: str | None = None           # the params, when the group belongs to one variant
    variants: int = 1                    # how many variants the group spans
    option: str | None = None            # a choice answer: the option's words

    def to_json(self) -> dict:
        return {"representative": self.representative, "count": self.count, "learners": list(self.learners),
                "diagnosis": self.diagnosis, "message": self.message, "forms": [list(f) for f in self.forms],
                "decided_by": self.decided_by, "variant": self.variant, "variants": self.variants,
                "option": self.option}


@dataclass
class _Group:
    reading: object
    attempts: list[Attempt]
    variant: str | None
    decided_by: str
    option: str | None = None


def analyse(key: str, wrong: list[Attempt], source: CourseSource | None) -> list[AnswerGroup]:
    """The groups of one exercise's wrong answers, largest first."""
    lesson, _, exercise = key.partition("/")
    buckets: dict[tuple, list[Attempt]] = defaultdict(list)
    labels: dict[tuple, str | None] = {}
    for attempt in wrong:
        variant = source.variant(lesson, exercise, attempt.seed) if source else None
        vkey = variant[0] if variant else _UNKNOWN
        buckets[vkey].append(attempt)
        labels[vkey] = variant[1] if variant else None
    groups: list[_Group] = []
    for vkey, attempts in buckets.items():
        groups.extend(_group_variant(attempts, labels[vkey], vkey, lesson, exercise, source))
    merged = _merge_across_variants(groups) if len(buckets) > 1 else [[g] for g in groups]
    out = [_finish(key, parts, source, lesson, exercise) for parts in merged]
    return sorted(out, key=lambda g: (-g.count, g.representative))


def _group_variant(attempts, label, vkey, lesson, exercise, source) -> list[_Group]:
    forms: dict[str, list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        forms[normal_text(attempt.response)].append(attempt)
    ordered = sorted(forms.values(), key=len, reverse=True)
    instance = None
    if source is not None and vkey != _UNKNOWN and (len(ordered) > 1 or _needs_choice(attempts)):
        instance = source.instance(lesson, exercise, attempts[0].seed)
    judge = judge_for(instance) if len(ordered) > 1 or instance is not None else TextJudge()
    groups: list[_Group] = []
    for form in ordered:
        reading = judge.read(form[0].response)
        home = next((g for g in groups if judge.same(g.reading, reading)), None)
        if home is None:
            option = None
            if isinstance(reading, tuple) and reading[:1] == ("option",) and instance is not None:
                option = instance.choices[reading[1]].text
            groups.append(_Group(reading, list(form), label, judge.decided_by, option))
        else:
            home.attempts.extend(form)
    return groups


def _needs_choice(attempts: list[Attempt]) -> bool:
    """A choice answer without its option's words in the statement: the instance supplies them."""
    return all(a.choice_text is None for a in attempts) and all(len(a.response.strip()) <= 3 for a in attempts)


def _merge_across_variants(groups: list[_Group]) -> list[list[_Group]]:
    by_code: dict[str, list[_Group]] = {}
    out: list[list[_Group]] = []
    for group in groups:
        code = _most_common(a.diagnosis for a in group.attempts)
        if code is None or group.variant is None:
            out.append([group])
        elif code in by_code:
            by_code[code].append(group)
        else:
            by_code[code] = [group]
            out.append(by_code[code])
    return out


def _most_common(values) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def _finish(key: str, parts: list[_Group], source, lesson: str, exercise: str) -> AnswerGroup:
    biggest = max(parts, key=lambda g: len(g.attempts))
    attempts = [a for g in parts for a in g.attempts]
    typed = Counter(a.response for a in attempts)
    lead = Counter(a.response for a in biggest.attempts).most_common(1)[0][0]
    diagnosis = _most_common(a.diagnosis for a in attempts)
    message = _most_common(a.message for a in attempts)
    if diagnosis is None and not any(a.diagnosis_known for a in attempts) and source is not None:
        # Another tool's statement says nothing about the mistake: ask the checker itself.
        instance = source.instance(lesson, exercise, biggest.attempts[0].seed)
        verdict = instance.check(lead) if instance is not None else None
        if verdict is not None and verdict.diagnosis is not None:
            diagnosis, message = verdict.diagnosis.code, message or verdict.diagnosis.message
    option = biggest.option or _most_common(a.choice_text for a in biggest.attempts)
    decided = {g.decided_by for g in parts} if len(parts) == 1 else {"diagnosis"}  # merged across variants
    return AnswerGroup(
        exercise=key, representative=lead, count=len(attempts),
        learners=tuple(sorted({a.learner for a in attempts})), diagnosis=diagnosis, message=message,
        forms=tuple(typed.most_common()), decided_by=decided.pop(),
        variant=parts[0].variant if len(parts) == 1 else None, variants=len(parts), option=option,
    )
