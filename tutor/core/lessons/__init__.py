"""Lessons: the YAML format, its validated models, variants, and prose rendering for terminals."""
