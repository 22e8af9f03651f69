"""Results out and in: the submit-folder outbox, exports, imports and LRS pushes, over the progress store."""
