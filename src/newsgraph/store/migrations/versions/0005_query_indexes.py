"""indexes for the API's hot queries: events by type and date, KB entities by document count

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_type_date", "events", ["type", "date"])
    op.create_index("ix_kb_entities_documents", "kb_entities", ["documents"])
    op.create_index("ix_documents_published_id", "documents", ["published", "id"])


def downgrade() -> None:
    op.drop_index("ix_documents_published_id", table_name="documents")
    op.drop_index("ix_kb_entities_documents", table_name="kb_entities")
    op.drop_index("ix_events_type_date", table_name="events")
