"""The answer box: type an answer, see at once how it is read (or where it stops making sense).

Reading uses only the parser (no sympy), so the preview keeps up with every keystroke. A vector
answer can be typed as one tuple, or one box per component (ctrl+b switches).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static

from tutor.core.maths.errors import MathsError, ParseError
from tutor.core.maths.matrix import parse_matrix
from tutor.core.maths.names import Vocabulary
from tutor.core.maths.parser import parse
from tutor.core.maths.preview import preview

from .answer_input import AnswerInput


def read_as(text: str, vocabulary: Vocabulary, groups: bool = False, matrix: bool = False) -> tuple[str, str]:
    """('ok' | 'error' | 'empty', a line to show under the box).

    `groups`: the answer is several groups separated by ';' (every descent step at once), each
    read on its own, as the checker reads them. `matrix`: the answer is a matrix ([[2, 1], [1, 2]]).
    """
    if not text.strip():
        return "empty", ""
    if matrix:
        return _read_matrix(text, vocabulary)
    if groups and ";" in text:
        parts = [p for p in text.split(";") if p.strip()]
        read = [read_as(p, vocabulary) for p in parts]
        bad = next(((i, line) for i, (state, line) in enumerate(read, 1) if state == "error"), None)
        if bad is not None:
            return "error", f"group {bad[0]}: {bad[1]}"
        return "ok", "read as: " + "; ".join(line.removeprefix("read as: ").split("\n")[0] for _, line in read)
    try:
        parsed = parse(text, vocabulary)
    except ParseError as error:
        where = f"column {error.column}: " if error.column else ""
        return "error", f"{where}{error.message}"
    except MathsError as error:
        return "error", str(error)
    line = f"read as: {preview(parsed.tree)}"
    if parsed.notes:
        line += f"\nnote: {parsed.notes[0]}"
    return "ok", line


def _read_matrix(text: str, vocabulary: Vocabulary) -> tuple[str, str]:
    try:
        tree = parse_matrix(text, vocabulary)
    except ParseError as error:
        where = f"column {error.column}: " if error.column else ""
        return "error", f"{where}{error.message}"
    except MathsError as error:
        return "error", str(error)
    rows, cols = tree.shape
    return "ok", f"read as: {tree.preview()}  ({rows}×{cols})"


class AnswerBox(Vertical):
    """An Input with a live reading under it; posts AnswerBox.Submitted with the text to check."""

    BINDINGS = [Binding("ctrl+b", "toggle_components", "One box each", show=False)]

    DEFAULT_CSS = """
    AnswerBox { height: auto; }
    AnswerBox .reading { color: $text-muted; padding: 0 1; height: auto; }
    AnswerBox .reading.-error { color: $error; }
    AnswerBox #components { height: auto; display: none; }
    AnswerBox.-components #components { display: block; }
    AnswerBox.-components #whole { display: none; }
    AnswerBox .component { height: 3; }
    AnswerBox .component Label { width: 10; padding: 1 1 0 1; }
    AnswerBox .component Input { width: 1fr; }
    """

    class Submitted(Message):
        def __init__(self, box: AnswerBox, text: str) -> None:
            super().__init__()
            self.box = box
            self.text = text

        @property
        def control(self) -> AnswerBox:
            return self.box

    def __init__(self, vocabulary: Vocabulary, placeholder: str = "your answer",
                 components: tuple[str, ...] = (), groups: bool = False, matrix: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.vocabulary = vocabulary
        self.placeholder = placeholder
        self.components = components
        self.groups = groups
        self.matrix = matrix

    def compose(self) -> ComposeResult:
        yield AnswerInput(placeholder=self.placeholder, id="whole")
        if len(self.components) > 1:
            with Vertical(id="components"):
                for i, name in enumerate(self.components):
                    with Horizontal(classes="component"):
                        yield Label(name, markup=False)
                        yield AnswerInput(placeholder=f"{name}", id=f"part-{i}")
        yield Static("", classes="reading", id="reading", markup=False)

    @property
    def text(self) -> str:
        if self.has_class("-components"):
            parts = [self.query_one(f"#part-{i}", Input).value.strip() for i in range(len(self.components))]
            return f"({', '.join(p or '?' for p in parts)})" if any(parts) else ""
        return self.query_one("#whole", Input).value

    def focus_input(self) -> None:
        target = "#part-0" if self.has_class("-components") else "#whole"
        self.query_one(target, Input).focus()

    def clear(self) -> None:
        for box in self.query(Input):
            box.value = ""

    def ask(self, vocabulary: Vocabulary, placeholder: str) -> None:
        """Ask for something else in the same box (the next blank of a hand computation)."""
        self.vocabulary = vocabulary
        self.placeholder = placeholder
        self.query_one("#whole", Input).placeholder = placeholder
        self.clear()

    def action_toggle_components(self) -> None:
        if len(self.components) > 1:
            self.toggle_class("-components")
            self.focus_input()
            self._refresh_reading()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refresh_reading()

    def _refresh_reading(self) -> None:
        state, line = (read_as(self.text.replace("?", ""), self.vocabulary, self.groups, self.matrix)
                       if self.text else ("empty", ""))
        reading = self.query_one("#reading", Static)
        reading.update(line)
        reading.set_class(state == "error", "-error")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.has_class("-components"):
            index = int(event.input.id.rsplit("-", 1)[1]) if event.input.id else 0
            if index + 1 < len(self.components) and not self.query_one(f"#part-{index + 1}", Input).value:
                self.query_one(f"#part-{index + 1}", Input).focus()
                return
        # The value the Input had when Enter was pressed, not what it holds now: keys typed after
        # Enter (clearing the box for the next answer) may already be in it when this runs.
        text = self.text if self.has_class("-components") else event.value
        if text.strip():
            self.post_message(self.Submitted(self, text))
