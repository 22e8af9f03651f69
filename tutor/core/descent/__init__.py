"""Gradient descent: traces of every step, divergence and convergence, for the CLI, lessons and lab."""
