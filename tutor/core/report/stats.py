"""Item statistics: WeBWorK's success index and how well an item separates strong from weak learners.

Success index (WeBWorK's, `Instructor/Stats.pm`): the mean score of the learners who tried the
item, squared, over their mean number of attempts. 1 is everyone right at the first try; an item
most solve after many tries sinks towards 0 faster than its success rate does.

Discrimination: the point-biserial correlation between solving the item (0 or 1) and the
learner's score on the *rest* of the sheet (the other items counted, this one left out, so an
item is not correlated with itself), over the learners who tried it. Chosen over the upper-lower
27 % groups because a lab is small: with 30 learners each 27 % group holds 8, and the comparison
would rest on 16 learners and ignore the middle of the class; the correlation uses every learner
who tried the item. Learners who never reached an item (the bell rang) are left out rather than
counted as failing it, or the last items would look discriminating for speed alone. Near 0 or
negative: the item does not follow the rest of the sheet (a wrong stated answer, a broken
variant, a guessable choice); above 0.3 it separates well.
"""

from __future__ import annotations

from statistics import StatisticsError, correlation, fmean

from .model import Cell

MIN_LEARNERS = 4  # fewer learners who tried an item give a correlation that means nothing


def success_index(cells: list[Cell]) -> float | None:
    """mean(solved)² / mean(tries) over the learners who tried the item (None when nobody did)."""
    met = [c for c in cells if c.tries]
    if not met:
        return None
    return fmean(c.solved for c in met) ** 2 / fmean(c.tries for c in met)


def discrimination(key: str, cells_of: dict[str, list[Cell]], scored: set[str]) -> float | None:
    """Point-biserial correlation of solving `key` with the rest score, over learners who tried it.

    `cells_of`: each learner's cells; `scored`: the items that count (a discounted one does not).
    None when too few learners tried it or when either side does not vary (all solved it, or all
    scored the same on the rest).
    """
    rest_items = len(scored - {key})
    if not rest_items:
        return None
    solved, rest = [], []
    for cells in cells_of.values():
        mine = next((c for c in cells if c.exercise == key and c.tries), None)
        if mine is None:
            continue
        solved.append(float(mine.solved))
        rest.append(sum(c.solved for c in cells if c.exercise != key and c.exercise in scored) / rest_items)
    if len(solved) < MIN_LEARNERS:
        return None
    try:
        return correlation(solved, rest)
    except StatisticsError:  # one side is constant: the item cannot separate anyone here
        return None
