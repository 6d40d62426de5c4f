"""quote texts: one row per quotation, quotes rows become its occurrences

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quote_texts",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("speaker_name", sa.Text(), nullable=True),
        sa.Column("occurrences", sa.Integer(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("key", name="uq_quote_texts_key"),
    )
    with op.batch_alter_table("quote_texts") as batch_op:
        batch_op.create_index("ix_quote_texts_speaker_name", ["speaker_name"])
    with op.batch_alter_table("quotes") as batch_op:
        batch_op.add_column(sa.Column("quote_text_pk", sa.Integer(), nullable=True))
        batch_op.create_index("ix_quotes_quote_text_pk", ["quote_text_pk"])
        batch_op.create_foreign_key("fk_quotes_quote_text_pk", "quote_texts", ["quote_text_pk"], ["pk"])


def downgrade() -> None:
    with op.batch_alter_table("quotes") as batch_op:
        batch_op.drop_constraint("fk_quotes_quote_text_pk", type_="foreignkey")
        batch_op.drop_index("ix_quotes_quote_text_pk")
        batch_op.drop_column("quote_text_pk")
    op.drop_table("quote_texts")
