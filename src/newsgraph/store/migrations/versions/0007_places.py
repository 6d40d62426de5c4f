"""places: one row per gazetteer place with its names and document and mention counts, filled from the
entities already stored

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "places",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("gazetteer_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("feature", sa.String(length=16), nullable=True),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("gazetteer_id", name="uq_places_gazetteer_id"),
    )
    by_mentions = sa.text("mentions DESC")
    op.create_index("ix_places_mentions_name", "places", [by_mentions, "name"])
    op.create_index("ix_places_country_mentions_name", "places", ["country", by_mentions, "name"])
    _backfill(op.get_bind())


def _backfill(connection: sa.Connection) -> None:
    """Aggregate the stored place entities, in entity order so the first name seen stays the name."""
    rows = connection.execute(
        sa.text(
            "SELECT e.document_id, e.name, e.aliases, e.geo, "
            "(SELECT count(*) FROM mentions m WHERE m.entity_pk = e.pk) "
            "FROM entities e WHERE e.type = 'PLACE' AND e.geo IS NOT NULL ORDER BY e.pk"
        )
    )
    places: dict[str, dict] = {}
    for document_id, name, aliases, geo, mentions in rows:
        geo = json.loads(geo) if isinstance(geo, str) else geo
        aliases = json.loads(aliases) if isinstance(aliases, str) else aliases
        place = places.setdefault(
            geo["gazetteer_id"],
            {"geo": geo, "name": name, "aliases": set(), "documents": set(), "mentions": 0},
        )
        place["aliases"].update([name, *aliases])
        place["documents"].add(document_id)
        place["mentions"] += mentions
    table = sa.table(
        "places",
        *(sa.column(c) for c in ("gazetteer_id", "name", "aliases", "country", "admin1", "lat", "lon")),
        *(sa.column(c) for c in ("feature", "documents", "mentions")),
    )
    values = [
        {
            "gazetteer_id": gazetteer_id,
            "name": p["name"],
            "aliases": json.dumps(sorted(p["aliases"] - {p["name"]})),
            "country": p["geo"].get("country"),
            "admin1": p["geo"].get("admin1"),
            "lat": p["geo"]["lat"],
            "lon": p["geo"]["lon"],
            "feature": p["geo"].get("feature"),
            "documents": len(p["documents"]),
            "mentions": p["mentions"],
        }
        for gazetteer_id, p in places.items()
    ]
    if values:
        op.bulk_insert(table, values)


def downgrade() -> None:
    op.drop_table("places")
