"""feeds followed by `newsgraph follow`: validators, health, and the entries already handled; documents
by storage time for the live view

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("last_checked", sa.DateTime()),
        sa.Column("last_success", sa.DateTime()),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("errors_total", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("entries_seen", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("url"),
    )
    op.create_table(
        "feed_entries",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("feed_pk", sa.Integer(), sa.ForeignKey("feeds.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("link", sa.Text()),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
    )
    op.create_index("ix_feed_entries_key", "feed_entries", ["feed_pk", "key_hash"], unique=True)
    op.create_index("ix_documents_ingested_at", "documents", ["ingested_at"])  # the live view, newest first


def downgrade() -> None:
    op.drop_index("ix_documents_ingested_at", "documents")
    op.drop_index("ix_feed_entries_key", "feed_entries")
    op.drop_table("feed_entries")
    op.drop_table("feeds")
