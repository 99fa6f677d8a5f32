"""story identity: every copy its own row; why each article joined its story

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06

Adds ``articles.declared_original`` (a cross-site rel=canonical, indexed), ``story_link`` and
``story_match_id`` (why and through which article an article is in its story) and ``dedup_version``.

Re-splits what the first schema merged: a URL of another site kept as an alias of an article was a
syndicated copy stored as another address of the original. Those alias rows are removed, so the
copy becomes a page of its own again: ``newsflow reprocess`` stores it as its own article from the
raw archive (its page was archived under its own URL) and the next run fetches it where no archive
exists. Every existing article starts with ``dedup_version`` NULL, so ``reprocess`` rebuilds it from
its own page (an original's fields may hold a copy's) and links the stories again.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _site(url: str) -> str:
    """Host without www. and with a non-default port (the rule of newsflow.core.urls.same_site, frozen
    here so that this migration means the same thing forever)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return f"{host}:{port}" if port not in (None, default) else host


def _same_site(a: str, b: str) -> bool:
    sa_, sb = _site(a), _site(b)
    if sa_ == sb:
        return True
    (ha, _, pa), (hb, _, pb) = sa_.partition(":"), sb.partition(":")
    return pa == pb and (ha.endswith("." + hb) or hb.endswith("." + ha))


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("declared_original", sa.Text(), nullable=True))
        batch.add_column(sa.Column("story_link", sa.String(length=16), nullable=False, server_default="first"))
        batch.add_column(sa.Column("story_match_id", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("dedup_version", sa.String(length=64), nullable=True))
        batch.create_index(batch.f("ix_articles_declared_original"), ["declared_original"], unique=False)

    bind = op.get_bind()
    articles = sa.table("articles", sa.column("id"), sa.column("url"), sa.column("story_similarity"),
                        sa.column("story_link"))
    aliases = sa.table("article_urls", sa.column("url"), sa.column("article_id"))
    rows = bind.execute(sa.select(aliases.c.url, aliases.c.article_id, articles.c.url)
                        .join(articles, articles.c.id == aliases.c.article_id)).all()
    for alias, _article_id, own in rows:
        if not _same_site(alias, own):
            bind.execute(sa.delete(aliases).where(aliases.c.url == alias))
    # Articles that joined a story as copies: say so (exact or near is not known; reprocess refines it).
    bind.execute(sa.update(articles).where(articles.c.story_similarity < 1.0).values(story_link="near_copy"))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_index(batch.f("ix_articles_declared_original"))
        batch.drop_column("dedup_version")
        batch.drop_column("story_match_id")
        batch.drop_column("story_link")
        batch.drop_column("declared_original")
