"""Runs Ralph's LRS API as `ralph runserver -b fs` does, so that statements are appended, not refused.

Run by Ralph's own interpreter: python ralph_server.py PORT. Ralph 5.1's file-system backend writes
each POST with its default operation, "create", which refuses once the statements file exists, so
every POST after the first fails with HTTP 500 ("Statements bulk indexation failed"). Appending is
one of that backend's own operations; everything else (validation, ids, conflicts, queries) is
Ralph's as shipped. Without its auto-reloader, the server is one process that ends on SIGTERM.
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="info")
