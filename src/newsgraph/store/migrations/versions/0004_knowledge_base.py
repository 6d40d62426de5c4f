"""cross-document knowledge base: kb_entities, their blocking keys and the links that explain merges

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kb_entities",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("kb_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("actor_id", sa.String(length=64), nullable=True),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("kb_id", name="uq_kb_entities_kb_id"),
    )
    op.create_index("ix_kb_entities_name", "kb_entities", ["name"])
    op.create_index("ix_kb_entities_type", "kb_entities", ["type"])
    op.create_table(
        "kb_keys",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("kb_pk", sa.Integer(), sa.ForeignKey("kb_entities.pk", ondelete="CASCADE"), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
    )
    op.create_index("ix_kb_keys_key", "kb_keys", ["key"])
    op.create_index("ix_kb_keys_kb_pk", "kb_keys", ["kb_pk"])
    op.create_table(
        "kb_links",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column(
            "entity_pk", sa.Integer(), sa.ForeignKey("entities.pk", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kb_pk", sa.Integer(), sa.ForeignKey("kb_entities.pk"), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
    )
    op.create_index("ix_kb_links_entity_pk", "kb_links", ["entity_pk"])
    op.create_index("ix_kb_links_kb_pk", "kb_links", ["kb_pk"])


def downgrade() -> None:
    op.drop_table("kb_links")
    op.drop_table("kb_keys")
    op.drop_table("kb_entities")
