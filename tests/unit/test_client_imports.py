"""A desk built on the service client loads no database code (the import-linter contract, at run time)."""

from __future__ import annotations

import subprocess
import sys


def test_the_service_client_imports_no_database_code():
    probe = ("import sys, reviewer_app.client.desk, reviewer_app.client.local; "
             "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'psycopg') "
             "or m.startswith(('reviewer_app.db', 'reviewer_app.queue', 'reviewer_app.store', "
             "'reviewer_app.services'))); print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
