"""The report as JSON for scripts: every table, every group, every warning."""

from __future__ import annotations

import json

from ..misconceptions import profile
from ..model import Report
from ..sections import recheck_of
from ..text import stamp


def to_json(report: Report) -> dict:
    return {
        "title": report.title, "sheet": report.sheet, "files": report.files,
        "answers": len(report.attempts),
        "learners": [{
            "name": r.name, "class": r.group, "solved": r.solved, "attempted": r.attempted, "items": r.items,
            "score": round(r.score, 4), "answers": r.answers, "wrong": r.wrong, "seconds": round(r.seconds, 1),
            "hints": r.hints, "solutions": r.solutions, "last": stamp(r.last) or None,
            "may_need_help": r.needs_help, "why": list(r.help_reasons), "verdict": r.verdict,
            "misconceptions": [{"code": e.code, "count": e.count, "share": round(e.share, 4),
                                "class_share": round(e.class_share, 4)} for e in profile(report.attempts, r.name)],
        } for r in report.learners],
        "exercises": [{
            "key": r.key, "title": r.title, "learners": r.attempted, "solved": r.solved,
            "success_rate": None if r.success_rate is None else round(r.success_rate, 4),
            "median_tries": r.median_tries, "median_seconds": r.median_seconds, "answers": r.answers,
            "wrong": r.wrong, "success_index": _round(r.success_index), "discrimination": _round(r.discrimination),
            "discounted": r.discounted, "groups": [g.to_json() for g in report.groups.get(r.key, [])],
            **({"variants": [_variant(v) for v in report.variants.get(r.key, [])]} if report.show_variants else {}),
        } for r in report.exercises],
        "misconceptions": [{
            "code": m.code, "count": m.count, "learners": list(m.learners),
            "exercises": [{"key": k, "count": n} for k, n in m.exercises], "message": m.message,
        } for m in report.misconceptions],
        "warnings": list(report.warnings),
        **_recheck(report),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _variant(v) -> dict:
    return {"params": v.params, "learners": v.learners, "solved": v.solved, "answers": v.answers,
            "median_tries": v.median_tries, "diagnosis": v.diagnosis, "note": v.note}


def _recheck(report: Report) -> dict:
    found = recheck_of(report)
    if found is None:
        return {}
    return {"recheck": {"lessons": found.lessons, "checked": found.checked, "seconds": round(found.seconds, 3),
                        "skipped": dict(found.skipped), "changes": [c.to_json() for c in found.changes]}}


def render(report: Report) -> str:
    return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"
