"""Command palette entries: jump to any lesson, start a quiz, open the lab or the prerequisite map."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape


class LessonCommands(Provider):
    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        commands: list[tuple[str, str, object]] = [
            ("Start a quiz", "Fresh variants from the lessons you pick", app.action_quiz),
            ("Home", "The list of lessons", app.action_home),
        ]
        commands.append(("Gradient descent lab", "Watch descent step by step, drawn", app.action_lab))
        commands.append(("Prerequisite map", "The course's tracks and what each lesson builds on", app.action_map))
        study = app.study
        if study is not None and study.ready:
            for lesson in study.course.lessons:
                commands.append((f"Open lesson: {lesson.title}", lesson.lesson.summary,
                                 partial(app.open_lesson, lesson.id)))
        return commands

    # Lesson titles and summaries are the author's text: the palette reads help and highlighted
    # titles as markup, so they are escaped ("[/]" in a title must not crash it).
    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(Content(title), callback, text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(escape(title)), callback, text=title, help=escape(help_text))
