from django.db import migrations, models

# The blocks are derived from directory_searchposting by statement triggers: each INSERT,
# UPDATE or DELETE rewrites the (stem, block) pairs it touched from the postings. A transaction
# first takes an advisory lock per block (until it ends), and rewrites them in a statement of
# its own: a save waiting for another's lock then sees that save's postings.
BLOCK = 256
REWRITE = f"""
CREATE FUNCTION directory_rewrite_posting_blocks(lexemes text[], blocks int[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('directory_searchpostingblock'), b)
  FROM (SELECT DISTINCT b FROM unnest(blocks) AS b ORDER BY b) AS ordered;
  DELETE FROM directory_searchpostingblock k USING unnest(lexemes, blocks) AS c(lexeme, block)
  WHERE k.lexeme = c.lexeme AND k.block = c.block;
  INSERT INTO directory_searchpostingblock (lexeme, block, postings)
  SELECT p.lexeme, c.block, string_agg(int8send(p.profile_id) || float4send(p.score), ''::bytea)
  FROM unnest(lexemes, blocks) AS c(lexeme, block)
  JOIN directory_searchposting p ON p.lexeme = c.lexeme
   AND p.profile_id >= c.block::bigint * {BLOCK} AND p.profile_id < (c.block + 1)::bigint * {BLOCK}
  GROUP BY p.lexeme, c.block;
END $$;

CREATE FUNCTION directory_posting_blocks_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  lexemes text[];
  blocks int[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(lexeme), array_agg(block) INTO lexemes, blocks FROM (
      SELECT DISTINCT lexeme, (profile_id / {BLOCK})::int AS block FROM new_rows) AS changed;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(lexeme), array_agg(block) INTO lexemes, blocks FROM (
      SELECT DISTINCT lexeme, (profile_id / {BLOCK})::int AS block FROM old_rows) AS changed;
  ELSE
    SELECT array_agg(lexeme), array_agg(block) INTO lexemes, blocks FROM (
      SELECT lexeme, (profile_id / {BLOCK})::int AS block FROM new_rows
      UNION SELECT lexeme, (profile_id / {BLOCK})::int FROM old_rows) AS changed;
  END IF;
  IF lexemes IS NOT NULL THEN
    PERFORM directory_rewrite_posting_blocks(lexemes, blocks);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER directory_posting_blocks_insert AFTER INSERT ON directory_searchposting
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
EXECUTE FUNCTION directory_posting_blocks_changed();
CREATE TRIGGER directory_posting_blocks_update AFTER UPDATE ON directory_searchposting
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT
EXECUTE FUNCTION directory_posting_blocks_changed();
CREATE TRIGGER directory_posting_blocks_delete AFTER DELETE ON directory_searchposting
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
EXECUTE FUNCTION directory_posting_blocks_changed();
"""
FILL = f"""
INSERT INTO directory_searchpostingblock (lexeme, block, postings)
SELECT lexeme, (profile_id / {BLOCK})::int, string_agg(int8send(profile_id) || float4send(score), ''::bytea)
FROM directory_searchposting GROUP BY 1, 2
"""
# The blocks are rewritten by stem and a range of profile ids.
INDEX = (
    "DROP INDEX IF EXISTS directory_searchposting_lexeme; "
    "CREATE INDEX directory_searchposting_lexeme "
    "ON directory_searchposting (lexeme, profile_id) INCLUDE (score)"
)
UNDO = """
DROP TRIGGER directory_posting_blocks_insert ON directory_searchposting;
DROP TRIGGER directory_posting_blocks_update ON directory_searchposting;
DROP TRIGGER directory_posting_blocks_delete ON directory_searchposting;
DROP FUNCTION directory_posting_blocks_changed();
DROP FUNCTION directory_rewrite_posting_blocks(text[], int[]);
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Byte order, as the postings: a prefix's stems are a range of the primary key.
        schema_editor.execute(
            'ALTER TABLE directory_searchpostingblock ALTER COLUMN lexeme TYPE text COLLATE "C"'
        )
        schema_editor.execute(INDEX)
        schema_editor.execute(REWRITE)
        schema_editor.execute(FILL)
        schema_editor.execute("VACUUM ANALYZE directory_searchpostingblock")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNDO)


class Migration(migrations.Migration):
    atomic = False  # VACUUM

    dependencies = [
        ("directory", "0014_newest_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchPostingBlock",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "lexeme", "block", blank=True, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("lexeme", models.TextField()),
                ("block", models.IntegerField()),
                ("postings", models.BinaryField()),
            ],
        ),
        migrations.RunPython(create, drop),
    ]
