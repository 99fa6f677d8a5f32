"""``INSERT ... ON CONFLICT DO NOTHING`` for whichever dialect the session is bound to."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_ignore(session: Session, model, conflict_columns: list[str]):
    """An insert statement that skips rows violating the unique key ``conflict_columns``."""
    return insert_ignore_for(session.get_bind().dialect.name, model, conflict_columns)


def insert_ignore_for(dialect: str, model, conflict_columns: list[str]):
    """:func:`insert_ignore` for a dialect name (callers that build the statement once)."""
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(model).on_conflict_do_nothing(index_elements=conflict_columns)
