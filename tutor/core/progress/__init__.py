"""Progress: attempts, solved state and position, kept in SQLite so nothing checked is ever lost."""
