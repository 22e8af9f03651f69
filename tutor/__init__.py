"""tutor: a terminal tutor for partial derivatives, gradients and gradient descent."""

__version__ = "0.1.0"
