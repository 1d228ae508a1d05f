"""SQLAlchemy models, engines and sessions, and the Alembic migrations."""
