"""indexes that match the API's sort orders, so a page is read from the index instead of sorting every
match: events by (type, date, pk), (country, date, pk) and (date, pk), KB entities by (type, documents, name)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_events_type_date", table_name="events")
    op.create_index("ix_events_type_date_pk", "events", ["type", "date", "pk"])
    op.create_index("ix_events_date_pk", "events", ["date", "pk"])
    op.create_index("ix_events_country_date_pk", "events", ["country", "date", "pk"])
    op.drop_index("ix_kb_entities_documents", table_name="kb_entities")
    most_documents_first = sa.text("documents DESC")
    op.create_index("ix_kb_entities_documents_name", "kb_entities", [most_documents_first, "name"])
    op.create_index(
        "ix_kb_entities_type_documents_name", "kb_entities", ["type", most_documents_first, "name"]
    )


def downgrade() -> None:
    op.drop_index("ix_kb_entities_type_documents_name", table_name="kb_entities")
    op.drop_index("ix_kb_entities_documents_name", table_name="kb_entities")
    op.create_index("ix_kb_entities_documents", "kb_entities", ["documents"])
    op.drop_index("ix_events_country_date_pk", table_name="events")
    op.drop_index("ix_events_date_pk", table_name="events")
    op.drop_index("ix_events_type_date_pk", table_name="events")
    op.create_index("ix_events_type_date", "events", ["type", "date"])
