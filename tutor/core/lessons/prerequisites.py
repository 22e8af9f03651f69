"""Prerequisites that go round in a circle, found without recursion (a course may chain thousands)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def circles(requires: Mapping[str, Sequence[str]]) -> list[tuple[str, int, list[str]]]:
    """Each circle as (the lesson that closes it, the index of that `requires` item, the ids round it).

    A depth-first walk with its own stack: `trail` is the path from where the walk started, and a
    prerequisite already on it closes a circle. Ids no lesson has are left to the missing-id check.
    """
    state: dict[str, int] = {}  # 1 on the trail now, 2 done
    found = []
    for start in requires:
        if start in state:
            continue
        trail, on_trail = [start], {start: 0}
        stack = [iter(enumerate(requires[start]))]
        state[start] = 1
        while stack:
            for index, needed in stack[-1]:
                if needed not in requires:
                    continue
                seen = state.get(needed)
                if seen == 1:
                    found.append((trail[-1], index, trail[on_trail[needed]:] + [needed]))
                elif seen is None:
                    state[needed] = 1
                    on_trail[needed] = len(trail)
                    trail.append(needed)
                    stack.append(iter(enumerate(requires[needed])))
                    break
            else:
                state[trail[-1]] = 2
                del on_trail[trail.pop()]
                stack.pop()
    return found


def describe(circle: list[str], most: int = 8) -> str:
    """'a → b → a'; a long circle keeps its ends and says how many lessons it goes through."""
    if len(circle) <= most:
        return " → ".join(circle)
    return f"{' → '.join(circle[:4])} → … → {' → '.join(circle[-3:])} ({len(circle) - 1} lessons)"
