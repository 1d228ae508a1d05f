#!/usr/bin/env bash
# Until the first release, the whole schema is one initial migration. After changing reviewer_app/db/models.py,
# run this to rebuild it from the models (on a scratch SQLite database).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f reviewer_app/db/migrations/versions/0001_initial.py
tmp=$(mktemp -d)
uv run python - "$tmp" <<'PY'
import sys
from alembic import command
from sqlalchemy import create_engine
from reviewer_app.db.migrate import alembic_config
engine = create_engine(f"sqlite:///{sys.argv[1]}/scratch.db")
cfg = alembic_config()
with engine.connect() as conn:
    cfg.attributes["connection"] = conn
    command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
PY
mv reviewer_app/db/migrations/versions/0001_initial_schema.py reviewer_app/db/migrations/versions/0001_initial.py
# Migrations must not depend on application types: UTCDateTime is a DateTime(timezone=True) in the database.
sed -i 's/reviewer_app\.db\.types\.UTCDateTime(timezone=True)/sa.DateTime(timezone=True)/g' \
  reviewer_app/db/migrations/versions/0001_initial.py
rm -rf "$tmp"
echo "regenerated reviewer_app/db/migrations/versions/0001_initial.py"
