"""An Input whose own keys (Enter, Backspace, ctrl+u, the arrows…) act in the order they were typed.

Textual runs a focused widget's own key bindings only once the key has bubbled up to the app, a
few message queues later; printable keys typed just after are inserted first. A burst such as
ctrl+u, a new answer and Enter (a fast typist, a paste, a script driving the terminal) then came
out of order: the new answer was typed onto the old one and wiped, and Enter checked nothing.
Here the Input's own bindings run as the key arrives, so the box ends as the keys say.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class AnswerInput(Input):
    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)
