"""Reading a database's schema version and upgrading it with the migration steps."""

from __future__ import annotations

import sqlite3
from functools import cache

from .migrations import LATEST_VERSION, MIGRATIONS


class SchemaError(Exception):
    """The file is a SQLite database but not a usable progress database."""


class NewerSchemaError(Exception):
    """The database was written by a newer tutor; this one must not change it."""

    def __init__(self, found: int) -> None:
        super().__init__(f"schema version {found}, newer than {LATEST_VERSION}")
        self.found = found


def read_version(conn: sqlite3.Connection) -> int:
    """The schema version: 0 for an empty database; SchemaError if it is not ours."""
    tables = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    if not tables:
        return 0
    if "meta" not in tables:
        raise SchemaError("it has no tutor schema version (another program's database?)")
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        version = int(row[0])
    except (TypeError, ValueError):
        raise SchemaError(f"its schema version is unreadable ({row!r})") from None
    if version < 1:
        raise SchemaError(f"its schema version {version} is impossible")
    return version


def upgrade(conn: sqlite3.Connection, now: float) -> int:
    """Bring the database to LATEST_VERSION in one transaction; return the version it had.

    The version is read under the write lock (BEGIN IMMEDIATE), so two apps opening the same old
    file cannot both migrate it. Recording the opening time is a deliberate write: it proves now,
    not at the first answer, that the file and its directory can be written.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = read_version(conn)
        if found > LATEST_VERSION:
            raise NewerSchemaError(found)
        if found:
            check_columns(conn, found)  # the steps below assume the tables of the version it claims
        for step in MIGRATIONS[found:]:
            for statement in step.statements:
                if isinstance(statement, str):
                    conn.execute(statement)
                else:
                    statement(conn, now)
        # Checked before anything is committed, so an unusable file is left exactly as it was.
        check_columns(conn)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(LATEST_VERSION),))
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('last_opened_at', ?)", (repr(now),))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return found


@cache
def expected_columns(version: int = LATEST_VERSION) -> dict[str, frozenset[str]]:
    """Every table and its columns at `version`, built from the migrations themselves."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for step in MIGRATIONS[:version]:
            for statement in step.statements:
                if isinstance(statement, str):  # data steps move rows; tables are made by SQL
                    conn.execute(statement)
        return {t: _columns(conn, t) for t in _tables(conn)}
    finally:
        conn.close()


def check_columns(conn: sqlite3.Connection, version: int = LATEST_VERSION) -> None:
    """SchemaError unless every table and column of `version` is there."""
    for table, columns in expected_columns(version).items():
        missing = columns - _columns(conn, table)
        if missing:
            what = "table" if missing == columns else "columns " + ", ".join(sorted(missing)) + " of"
            raise SchemaError(f"{what} {table} is missing")


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]


def _columns(conn: sqlite3.Connection, table: str) -> frozenset[str]:
    return frozenset(r[1] for r in conn.execute(f"PRAGMA table_info({table})"))
