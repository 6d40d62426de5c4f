"""event clusters keep the trigger word of a mention that only one participant or place identifies:
on one day in one city, a bombing, a fire and a killing are three events, not one

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event_clusters") as batch:
        batch.add_column(sa.Column("trigger_key", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event_clusters") as batch:
        batch.drop_column("trigger_key")
