"""The pure core: maths, lessons, descent, charts and progress. It never imports Textual."""
