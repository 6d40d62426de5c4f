"""event clusters: one row per real-world event, events rows become its mentions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_clusters",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("actor_key", sa.Text(), nullable=True),
        sa.Column("target_key", sa.Text(), nullable=True),
        sa.Column("place_key", sa.Text(), nullable=True),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("hypothetical", sa.Boolean(), nullable=False),
        sa.Column("date", sa.String(length=32), nullable=True),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
    )
    with op.batch_alter_table("event_clusters") as batch_op:
        batch_op.create_index("ix_event_clusters_actor_key", ["actor_key"])
        batch_op.create_index("ix_event_clusters_date", ["date"])
        batch_op.create_index("ix_event_clusters_type", ["type"])
    with op.batch_alter_table("events") as batch_op:
        batch_op.add_column(sa.Column("cluster_pk", sa.Integer(), nullable=True))
        batch_op.create_index("ix_events_cluster_pk", ["cluster_pk"])
        batch_op.create_foreign_key("fk_events_cluster_pk", "event_clusters", ["cluster_pk"], ["pk"])


def downgrade() -> None:
    with op.batch_alter_table("events") as batch_op:
        batch_op.drop_constraint("fk_events_cluster_pk", type_="foreignkey")
        batch_op.drop_index("ix_events_cluster_pk")
        batch_op.drop_column("cluster_pk")
    op.drop_table("event_clusters")
