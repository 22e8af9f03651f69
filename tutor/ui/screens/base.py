"""What every screen of the app shares: the learner's Study, handed in, and failed workers as notices."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tutor.core.study import Study

if TYPE_CHECKING:
    from ..app import TutorApp


class TutorScreen(Screen):
    """A screen of the tutor: it is given the Study it shows, never reaches for it on the app.

    Workers are declared with exit_on_error=False: a failure in one (a bug, a store that broke)
    becomes one notice here and a call to `worker_failed` so the screen can stop waiting, instead
    of ending the app and the learner's session with it.
    """

    def __init__(self, study: Study) -> None:
        super().__init__()
        self.study = study

    @property
    def tutor(self) -> TutorApp:
        """The app, typed: navigation (open a lesson, an exercise, home) goes through it."""
        return cast("TutorApp", self.app)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        self.notify(f"Something went wrong ({type(error).__name__}: {error}). "
                    "What you did before is kept; please report this.", severity="error", timeout=12)
        self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker) -> None:
        """A worker of this screen raised: put the screen back in a state the learner can use."""

    def saved_notice(self) -> None:
        """Tell the learner, once, when answers stop being saved to disk, and when they are again.

        Call from the UI thread after a write.
        """
        notice = self.study.save_notice()
        if notice is not None:
            text, problem = notice
            self.notify(text, title="Progress", severity="warning" if problem else "information",
                        timeout=15 if problem else 6)
