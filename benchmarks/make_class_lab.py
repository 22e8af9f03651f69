"""Make a realistic class lab: a sheet drawn from the bundled course and every learner's xAPI statements.

    python benchmarks/make_class_lab.py /tmp/lab [--learners 30] [--items 20] [--seed 1] [--noise]
    python benchmarks/make_class_lab.py /tmp/live --live 10 [--start-at 30] [--speed 1] [--writers 4] [--faulty]

writes /tmp/lab/partials-lab.yaml (the sheet) and /tmp/lab/submit/<class>/<learner>.<sheet>.jsonl,
one file per learner as the submit folder keeps them (the statements follow the tutor's xAPI
contract). Every answer is a real one: right answers are the reference in a learner's own way of
typing, wrong answers come from the checker's own mistake generators (tutor/core/maths/mistakes.py)
and a few slips, and each is run through the real checker for its verdict, diagnosis and message.
Learners differ in skill, speed, typing habits and favourite mistakes; the lab lasts 90 minutes,
so the slow ones do not finish. --noise adds what a real folder collects: a truncated line, another
tool's statement, a file that is not JSON and a copied file (duplicates).

--live MINUTES plays the lab into the submit folder as it happens (benchmarks/lab_live.py): from
lab minute --start-at (what came before is written at once), --speed times faster, for MINUTES
real minutes, from --writers processes, through the tutor's own submit-folder writer. --faulty marks
the answers with a course whose df-dx-2-3 computes at the wrong point (written to lessons-faulty/
beside the sheet), so that fixing it and `tutor report --recheck` has verdicts to change.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.lab_answers import Typist, right_answer, wrong_answers  # noqa: E402
from benchmarks.lab_live import play, write_faulty_course  # noqa: E402
from benchmarks.lab_statements import CLASS, MASTERY, SHEET_ID, SHEET_TITLE, completed, statement  # noqa: E402

START = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)
LAB_MINUTES = 90
MAX_TRIES = 6            # then the learner opens the worked solution
ITEMS = (  # a sheet across the course: derivatives, gradients, values, choices; some randomised
    "core-idea/dfdx-product", "basic-example/dfdx-basic", "basic-example/dfdy-basic",
    "basic-example/df-dx-2-3", "core-idea/added-constant", "core-idea/dfdy-mixed",
    "gradient-vector/grad-basic", "gradient-vector/grad-at-point", "quadratic-example/dfdx-cross",
    "quadratic-example/grad-f-1-2", "mse-loss/dl-dw", "mse-loss/dl-db", "mse-loss/grad-mse-1-0-2-3",
    "practice/ex3-dfdx", "practice/ex3-dfdy", "numerical-partials/cd-x-notebook",
    "gradient-descent/notebook-result", "chain-rule-ml/exp-wx-b", "chain-rule-ml/sigmoid-prime",
    "product-quotient/x-exp-wx",
)
NAMES = (
    "Amara Okafor", "Ben Carter", "Chloé Martin", "Dmitri Ivanov", "Elif Yılmaz", "Farah Haddad",
    "Gabriel Silva", "Hana Sato", "Ines Moreau", "Jonas Weber", "Kavya Reddy", "Liam Murphy",
    "Maja Nowak", "Noah Schmidt", "Olivia Brown", "Pedro Alves", "Qi Zhang", "Rosa García",
    "Samuel Adeyemi", "Tara Singh", "Umar Farooq", "Valentina Rossi", "Wei Chen", "Ximena López",
    "Yusuf Demir", "Zoe Evans", "Aditya Kumar", "Beatriz Costa", "Cem Aydın", "Dana Levi",
)


@dataclass(frozen=True)
class Learner:
    name: str
    skill: float         # chance of a right first answer, before the exercise's difficulty
    pace: float          # seconds per try scale
    typist: Typist
    favourite: str       # the misconception this learner falls into most


def seed_for(learner: str, key: str) -> int:
    """A per-learner variant, as a lab sheet derives it from (sheet, learner, exercise)."""
    digest = hashlib.sha256(f"{SHEET_ID}\x1f{learner}\x1f{key}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 2_000_000_000


def write_sheet(path: Path, items: tuple[str, ...]) -> None:
    """The sheet in the tutor's lab-sheet format (lessons/sheets/ has an annotated example)."""
    lines = [f"id: {SHEET_ID}", f"title: {SHEET_TITLE}", f"class: {CLASS}", "mode: study", "submit: submit",
             f"mastery: {MASTERY}", "items:"]
    lines += [f"  - exercise: {key}" for key in items]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_learners(count: int, rng: random.Random) -> list[Learner]:
    favourites = ("not-held-constant", "wrong-variable", "dropped-chain-factor", "kept-constant-term",
                  "product-rule", "sign", "swapped-components")
    names = [NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i // len(NAMES) + 1}") for i in range(count)]
    out = []
    for i, name in enumerate(names):
        # A class has a few who struggle, most in the middle, a few who fly.
        skill = 0.25 + 0.1 * rng.random() if i % 10 == 3 else min(0.95, max(0.35, rng.gauss(0.68, 0.14)))
        out.append(Learner(name, skill, rng.uniform(0.7, 1.6), Typist(rng.randrange(5)), rng.choice(favourites)))
    return out


def difficulty(key: str, instance) -> float:
    """How much harder than a first derivative: chains, products and numbers at a point cost more."""
    lesson = key.split("/")[0]
    extra = {"chain-rule-ml": 0.35, "product-quotient": 0.45, "mse-loss": 0.3, "gradient-descent": 0.25,
             "numerical-partials": 0.25, "practice": 0.15}.get(lesson, 0.0)
    return extra + (0.1 if instance.shape in ("vector", "numbers") else 0.0) - (0.2 if instance.shape == "choice" else 0.0)


def run_learner(learner: Learner, items: tuple[str, ...], source, rng: random.Random, judge=None) -> list[dict]:
    """The learner's statements; `judge` (another course) marks the answers when it is not `source`:
    a lab run with a faulty lesson, whose learners answer what the prompt asks."""
    when = START + timedelta(seconds=rng.uniform(20, 240))
    end = START + timedelta(minutes=LAB_MINUTES)
    out, solved, spent = [], 0, 0.0
    for number, key in enumerate(items):
        lesson, exercise = key.split("/")
        seed = seed_for(learner.name, key)
        instance = source.exercise(lesson, exercise).instance(seed)
        marker = (judge or source).exercise(lesson, exercise).instance(seed)
        hard = difficulty(key, instance)
        wrongs = wrong_answers(instance, learner.typist, learner.favourite, rng)
        hints, solution = 0, False
        reading = rng.uniform(20, 60) * learner.pace  # the prompt, before the first try
        for tries in range(1, MAX_TRIES + 2):
            seconds = reading + rng.lognormvariate(3.9, 0.55) * learner.pace * (0.4 if instance.shape == "choice" else 1.0)
            reading = 0.0
            if tries == 3 and rng.random() < 0.6:
                hints += 1
                seconds += 30
            if learner.skill < 0.36 and number == 6 and tries == 2:
                seconds += 600  # stuck: ten minutes on one exercise
            when += timedelta(seconds=seconds)
            if when >= end:
                return out  # the bell: slow learners do not finish the sheet
            spent += seconds
            if tries > MAX_TRIES or (tries >= 3 and rng.random() < 0.2):
                solution = True  # F3: the worked solution (the exercise then does not count as solved)
            chance = learner.skill - hard + 0.04 * (tries - 1) + 0.05 * hints
            right = solution or not wrongs or rng.random() < min(0.97, max(0.05, chance))
            answer = right_answer(instance, learner.typist, rng) if right else rng.choice(wrongs)
            verdict = marker.check(answer)
            if verdict.status == "invalid":
                continue  # a typo is not an attempt: the tutor does not export it
            out.append(statement(learner.name, key, instance.title, answer, verdict, tries, hints, solution,
                                 seed, seconds, when, instance.params))
            if verdict.correct:
                solved += not solution
                break
            if tries >= 2 and rng.random() < 0.5 * (1 - learner.skill):
                break  # gives up and moves on, not solved
        when += timedelta(seconds=rng.uniform(5, 30))
    out.extend(completed(learner.name, solved, len(items), spent, when))
    return out


def class_lines(learners: int = 30, items: int = 20, seed: int = 1, judge_dir: Path | None = None
                ) -> tuple[tuple[str, ...], dict[str, list[dict]]]:
    """(the sheet's items, each learner's file name -> statements in time order); answers are marked
    by the lessons in `judge_dir` when given (a faulty course), else by the bundled course."""
    from tutor.core.lessons.loader import load_course

    rng = random.Random(seed)

    def source_of(course):
        class Source:
            @staticmethod
            def exercise(lesson: str, exercise: str):
                return course.lesson(lesson).exercise(exercise)
        return Source

    source = source_of(load_course(build=False))
    judge = source_of(load_course(judge_dir, build=False)) if judge_dir else None
    chosen = ITEMS[:items]
    files = {}
    for learner in make_learners(learners, rng):
        safe = learner.name.replace(" ", "_")
        files[f"{safe}.{SHEET_ID}.jsonl"] = run_learner(learner, chosen, source, rng, judge)
    return chosen, files


def make_lab(out: Path, learners: int = 30, items: int = 20, seed: int = 1, noise: bool = False,
             judge_dir: Path | None = None) -> tuple[Path, Path]:
    """Write the sheet and the submit folder under `out`; returns (sheet file, submit folder)."""
    chosen, files = class_lines(learners, items, seed, judge_dir)
    out.mkdir(parents=True, exist_ok=True)
    sheet = out / f"{SHEET_ID}.yaml"
    write_sheet(sheet, chosen)
    folder = out / "submit" / CLASS
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in files.items():
        (folder / name).write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in lines), encoding="utf-8")
    if noise:
        add_noise(out / "submit", folder)
    return sheet, out / "submit"


def add_noise(submit: Path, folder: Path) -> None:
    """What a real folder collects: a crash mid-line, another tool, a stray file, a copied file."""
    files = sorted(folder.glob("*.jsonl"))
    first = files[0].read_text(encoding="utf-8")
    files[0].write_text(first + first.splitlines()[0][:70], encoding="utf-8")  # truncated last line
    other = {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, "lecture-3")), "actor": {"name": "Ben Carter"},
             "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
             "object": {"id": "https://video.example.org/lecture-3"}}
    with files[1].open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(other) + "\n")
    (submit / "notes.json").write_text("teacher's notes: bring the projector\n", encoding="utf-8")
    copy = submit / "usb-copy"
    copy.mkdir(exist_ok=True)
    (copy / files[2].name).write_text(files[2].read_text(encoding="utf-8"), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--noise", action="store_true")
    parser.add_argument("--live", type=float, metavar="MINUTES", help="play the lab live for MINUTES real minutes")
    parser.add_argument("--start-at", type=float, default=0.0, metavar="LAB_MINUTE")
    parser.add_argument("--speed", type=float, default=1.0)
    parser.add_argument("--writers", type=int, default=1)
    parser.add_argument("--faulty", action="store_true", help="mark the answers with a faulty lesson")
    args = parser.parse_args()
    judge = write_faulty_course(args.out / "lessons-faulty") if args.faulty else None
    if args.live is not None:
        return live(args, judge)
    sheet, submit = make_lab(args.out, args.learners, min(args.items, len(ITEMS)), args.seed, args.noise, judge)
    count = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in submit.rglob("*.jsonl"))
    print(f"sheet {sheet}\nstatements {submit} ({count} lines in {len(list(submit.rglob('*.jsonl')))} files)")
    return 0


def live(args, judge: Path | None) -> int:
    """Play the lab into OUT/submit until MINUTES real minutes of it have been written."""
    chosen, files = class_lines(args.learners, min(args.items, len(ITEMS)), args.seed, judge)
    args.out.mkdir(parents=True, exist_ok=True)
    sheet = args.out / f"{SHEET_ID}.yaml"
    write_sheet(sheet, chosen)
    submit = args.out / "submit"
    submit.mkdir(exist_ok=True)
    end = args.start_at + args.live * args.speed  # the lab minute where the playing stops
    stop = START + timedelta(minutes=end)
    kept = {name: [s for s in lines if s["timestamp"] < stop.strftime("%Y-%m-%dT%H:%M:%S.999Z")]
            for name, lines in files.items()}
    print(f"sheet {sheet}\nplaying lab minutes {args.start_at:g}–{end:g} into {submit} "
          f"({sum(map(len, kept.values()))} lines, {args.writers} writer(s))", flush=True)
    written = play(submit, kept, START, args.start_at, args.speed, args.writers, CLASS)
    print(f"done: {written} lines", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
