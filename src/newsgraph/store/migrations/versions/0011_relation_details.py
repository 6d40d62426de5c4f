"""relations keep their details (negation, modality, who reports them, date, sentence), which the
situation picture needs; an index on the object for 'who controls / opposes this entity'

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("relations") as batch:
        batch.add_column(sa.Column("details", sa.JSON(), nullable=True))
    op.create_index("ix_relations_object_pk", "relations", ["object_pk"])


def downgrade() -> None:
    op.drop_index("ix_relations_object_pk", table_name="relations")
    with op.batch_alter_table("relations") as batch:
        batch.drop_column("details")
