"""PostgreSQL full-text search over a stored tsvector: matching used the expression index, but ranking
recomputed the vector (parsing the whole text) for every match; a generated column parses each
document once, when it is stored. SQLite keeps its FTS5 table.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

VECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE documents ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED")
    op.execute("DROP INDEX IF EXISTS documents_fts")
    op.execute("CREATE INDEX documents_fts ON documents USING gin (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS documents_fts")
    op.execute("ALTER TABLE documents DROP COLUMN search_vector")
    op.execute(f"CREATE INDEX documents_fts ON documents USING gin ({VECTOR})")
