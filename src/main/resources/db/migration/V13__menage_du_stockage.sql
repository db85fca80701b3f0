-- What the housekeeping of the document store (fr.parcelle.infrastructure.storage.MenageDuStockage) asks before it
-- puts a stored content aside: does any row still point to it? A content is kept once under its SHA-256 and may
-- be pointed to by a pièce, an issued document, a consulted service's avis, or the journal.

CREATE INDEX piece_sha256_idx ON piece (sha256);
CREATE INDEX document_sha256_idx ON document (sha256);
CREATE INDEX consultation_document_sha256_idx ON consultation (document_sha256) WHERE document_sha256 IS NOT NULL;

-- Every content a legal entry of the journal names (its documents, pièces and avis, with their hashes). The
-- journal outlives the rows it speaks of (a document issued again replaces the row of the previous one), and what
-- it names must stay readable: a hash in the journal is a proof only while its bytes exist. Filled by the trigger
-- below, in the transaction that appends the entry, so no entry can name a content this table does not list.
CREATE TABLE empreinte_journalisee (
    sha256 CHAR(64) PRIMARY KEY
);

CREATE FUNCTION journal_noter_empreintes() RETURNS TRIGGER LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO empreinte_journalisee (sha256)
    SELECT DISTINCT v #>> '{}'
      FROM jsonb_path_query(NEW.charge::jsonb, 'lax $.**.sha256') AS v
     WHERE jsonb_typeof(v) = 'string' AND length(v #>> '{}') = 64
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- Legal entries only: their payload is the JSON built by journal_evenement; an access entry names no content.
CREATE TRIGGER journal_empreintes
    AFTER INSERT ON journal
    FOR EACH ROW WHEN (NEW.evenement_rang IS NOT NULL)
    EXECUTE FUNCTION journal_noter_empreintes();

INSERT INTO empreinte_journalisee (sha256)
SELECT DISTINCT v #>> '{}'
  FROM journal j, jsonb_path_query(j.charge::jsonb, 'lax $.**.sha256') AS v
 WHERE j.evenement_rang IS NOT NULL AND jsonb_typeof(v) = 'string' AND length(v #>> '{}') = 64
ON CONFLICT DO NOTHING;
