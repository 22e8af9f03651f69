"""The Textual app: a thin layer over the core. Screens and widgets only show and ask; the core decides."""
