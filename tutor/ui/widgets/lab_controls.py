"""The lab's settings: which loss, where to start, the learning rate and the steps, each checked as typed."""

from __future__ import annotations

import math
from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Select, Static

from tutor.core.maths.calculus import parse_number
from tutor.core.maths.errors import MathsError

from .setting_box import SettingBox

MAX_LAB_STEPS = 10_000
HINT = "Enter applies a change, Esc leaves the box; the rate may change while it runs."


def _number(text: str) -> float:
    if not text.strip():
        raise ValueError("type a number")
    try:
        value = float(parse_number(text.strip()))
    except (MathsError, OverflowError, ValueError, ZeroDivisionError):
        raise ValueError(f"'{text.strip()}' is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"'{text.strip()}' is too large")
    return value


def parse_start(text: str, params: Sequence[str]) -> dict[str, float]:
    """`w=0, b=0`, `(0, 0)` or `0, 0` as {w: 0, b: 0}; ValueError with a sentence otherwise."""
    parts = [p.strip() for p in text.strip().strip("()[]⟨⟩").split(",") if p.strip()]
    out: dict[str, float] = {}
    for k, part in enumerate(parts):
        name, eq, value = part.partition("=")
        if not eq:
            if k >= len(params):
                raise ValueError(f"give {len(params)} values, for {', '.join(params)}")
            name, value = params[k], part
        name = name.strip()
        if name not in params:
            raise ValueError(f"unknown parameter {name}; the parameters are {', '.join(params)}")
        out[name] = _number(value)
    missing = [p for p in params if p not in out]
    if missing:
        raise ValueError(f"give a value for {', '.join(missing)}")
    return out


def show_start(start: dict[str, float]) -> str:
    return ", ".join(f"{k}={v:g}" for k, v in start.items())


class _Check(Validator):
    def __init__(self, what: str, read) -> None:
        super().__init__()
        self.what, self.read = what, read

    def validate(self, value: str) -> ValidationResult:
        try:
            self.read(value)
        except ValueError as error:
            return self.failure(f"{self.what}: {error}")
        return self.success()


def parse_lr(text: str) -> float:
    value = _number(text)
    if value <= 0:
        raise ValueError("must be a positive number, such as 0.1")
    return value


def parse_steps(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_LAB_STEPS:
        raise ValueError(f"a whole number from 1 to {MAX_LAB_STEPS}")
    return int(text)


class LabControls(Vertical):
    """Posts LossChosen when another loss is picked, Applied when Enter confirms a valid value, and
    Done when the learner is through with a box (Enter on a valid value, or Escape)."""

    DEFAULT_CSS = """
    LabControls { height: auto; }
    LabControls > Horizontal { height: auto; }
    LabControls Select { width: 1fr; max-width: 38; }
    LabControls SelectCurrent { padding: 0 1; }
    LabControls SelectCurrent Static#label { text-wrap: nowrap; text-overflow: ellipsis; }
    LabControls Input { width: 1fr; }
    LabControls #lab-start { max-width: 22; }
    LabControls #lab-lr { width: 20; }
    LabControls #lab-steps { width: 11; }
    LabControls #lab-message { height: 1; padding: 0 1; color: $text-muted; }
    LabControls #lab-message.-error { color: $error; }
    """

    class LossChosen(Message):
        def __init__(self, controls: LabControls, key: str) -> None:
            super().__init__()
            self.controls = controls
            self.key = key

        @property
        def control(self) -> LabControls:
            return self.controls

    class Applied(Message):
        """`field` is start, lr or steps; `value` is already read (a dict, a float, an int)."""

        def __init__(self, controls: LabControls, field: str, value: object) -> None:
            super().__init__()
            self.controls = controls
            self.field = field
            self.value = value

        @property
        def control(self) -> LabControls:
            return self.controls

    class Done(Message):
        """Focus may go back to the charts."""

        def __init__(self, controls: LabControls) -> None:
            super().__init__()
            self.controls = controls

        @property
        def control(self) -> LabControls:
            return self.controls

    def __init__(self, choices: Sequence[tuple[str, str]], key: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.choices = list(choices)
        self.key = key
        self.params: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Select(self.choices, value=self.key, allow_blank=False, id="lab-loss")
            yield SettingBox(id="lab-start", validators=[_Check("start", lambda t: parse_start(t, self.params))])
            yield SettingBox(id="lab-lr", validators=[_Check("learning rate", parse_lr)])
            yield SettingBox(id="lab-steps", validators=[_Check("steps", parse_steps)])
        yield Static(HINT, id="lab-message")

    def on_mount(self) -> None:
        for name, title in (("start", "start"), ("lr", "learning rate"), ("steps", "steps")):
            self.query_one(f"#lab-{name}", Input).border_title = title

    def show(self, start: dict[str, float], lr: float, steps: int) -> None:
        """Fill the boxes from a configuration (a new loss, or the lab opened on an exercise)."""
        self.params = tuple(start)
        self.query_one("#lab-start", Input).value = show_start(start)
        self.query_one("#lab-lr", Input).value = f"{lr:g}"
        self.query_one("#lab-steps", Input).value = str(steps)
        self._say(HINT)

    def read(self) -> tuple[dict[str, float] | None, float | None, int | None]:
        """The values now in the boxes; None for a box whose text is not valid."""
        out = []
        for name, reader in (("start", lambda t: parse_start(t, self.params)), ("lr", parse_lr),
                             ("steps", parse_steps)):
            try:
                out.append(reader(self.query_one(f"#lab-{name}", Input).value))
            except ValueError:
                out.append(None)
        return out[0], out[1], out[2]

    def choose(self, key: str) -> None:
        with self.prevent(Select.Changed):
            self.query_one("#lab-loss", Select).value = key
        self.key = key

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#lab-message", Static)
        message.update(text)
        message.set_class(error, "-error")

    @on(Select.Changed, "#lab-loss")
    def _loss(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value != self.key:
            self.key = event.value
            self.post_message(self.LossChosen(self, event.value))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        result = event.validation_result
        if result is not None and not result.is_valid:
            self._say(result.failure_descriptions[0], error=True)
        else:
            self._say(HINT)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = (event.input.id or "").removeprefix("lab-")
        start, lr, steps = self.read()
        value = {"start": start, "lr": lr, "steps": steps}.get(field)
        if value is None:
            result = event.validation_result
            self._say(result.failure_descriptions[0] if result and result.failure_descriptions else
                      f"{field}: not a valid value", error=True)
            return
        self.post_message(self.Applied(self, field, value))
        self.post_message(self.Done(self))

    @on(SettingBox.Left)
    def _left(self, event: SettingBox.Left) -> None:
        event.stop()
        self.post_message(self.Done(self))
