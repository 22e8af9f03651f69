"""The report as JSON for scripts: every table, every group, every warning."""

from __future__ import annotations

import json

from ..model import Report
from ..text import stamp


def to_json(report: Report) -> dict:
    return {
        "title": report.title, "sheet": report.sheet, "files": report.files,
        "answers": len(report.attempts),
        "learners": [{
            "name": r.name, "class": r.group, "solved": r.solved, "attempted": r.attempted, "items": r.items,
            "score": round(r.score, 4), "answers": r.answers, "wrong": r.wrong, "seconds": round(r.seconds, 1),
            "hints": r.hints, "solutions": r.solutions, "last": stamp(r.last) or None,
            "may_need_help": r.needs_help, "why": list(r.help_reasons),
        } for r in report.learners],
        "exercises": [{
            "key": r.key, "title": r.title, "learners": r.attempted, "solved": r.solved,
            "success_rate": None if r.success_rate is None else round(r.success_rate, 4),
            "median_tries": r.median_tries, "median_seconds": r.median_seconds, "answers": r.answers,
            "wrong": r.wrong, "groups": [g.to_json() for g in report.groups.get(r.key, [])],
        } for r in report.exercises],
        "misconceptions": [{
            "code": m.code, "count": m.count, "learners": list(m.learners),
            "exercises": [{"key": k, "count": n} for k, n in m.exercises], "message": m.message,
        } for m in report.misconceptions],
        "warnings": list(report.warnings),
    }


def render(report: Report) -> str:
    return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"
