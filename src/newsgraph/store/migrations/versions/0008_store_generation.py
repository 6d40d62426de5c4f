"""store generation: a counter that every write transaction increments, so readers (the API's response
cache) can tell cheaply whether anything changed since they last looked

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "store_meta",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
    )
    op.bulk_insert(table, [{"pk": 1, "generation": 0}])


def downgrade() -> None:
    op.drop_table("store_meta")
