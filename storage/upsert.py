"""``INSERT ... ON CONFLICT DO NOTHING`` for whichever dialect the session is bound to."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_ignore(session: Session, model, conflict_columns: list[str]):
    """An insert statement that skips rows violating the unique key ``conflict_columns``."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(model).on_conflict_do_nothing(index_elements=conflict_columns)
