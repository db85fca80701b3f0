-- Tamper-evident journal of the legal events of every dossier and of agents' access to dossiers.
--
-- Each entry carries a gapless sequence number and hash = SHA-256 of a canonical serialisation of
-- (sequence, instant, type, dossier id, dossier number, actor, payload, previous hash): changing, removing,
-- inserting or reordering an entry breaks the chain, and fr.parcelle.domain.model.journal.VerificationChaine
-- says where. The canonical form is length-prefixed so that no field can bleed into the next:
--     for each field, in that order: <octets in UTF-8> ':' <value> '\n'   (a missing value is the empty string)
-- the instant as 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (UTC, microseconds), the hashes as lowercase hexadecimal, the
-- first previous hash as 64 zeros. The payload is JSON text, stored and hashed as written (jsonb's own rendering:
-- keys in a fixed order, no choice left).
--
-- Appends are serialised by the row lock on the one-row head table journal_tete, held until commit. Legal events
-- are journalled by a DEFERRED constraint trigger on dossier_evenement: it runs at COMMIT, in the committing
-- transaction, so (1) a rolled-back step leaves no entry, (2) no code path that adds an event can forget it, and
-- (3) the global lock is taken at the very end of the transaction and held only for the commit itself, not while
-- a deposit generates its PDFs.

CREATE TABLE journal_tete (
    seul     BOOLEAN  PRIMARY KEY DEFAULT TRUE CHECK (seul),
    sequence BIGINT   NOT NULL,
    hash     CHAR(64) NOT NULL
);
INSERT INTO journal_tete (seul, sequence, hash) VALUES (TRUE, 0, repeat('0', 64));

-- No foreign key to dossier: the journal outlives any row it speaks of, and a key check would take a share lock
-- on the dossier row (an access recorded while another transaction holds that dossier FOR UPDATE would wait).
CREATE TABLE journal (
    sequence       BIGINT       PRIMARY KEY,
    instant        TIMESTAMPTZ  NOT NULL,
    type           VARCHAR(40)  NOT NULL,
    dossier_id     UUID,
    dossier_numero VARCHAR(32),
    acteur         VARCHAR(128) NOT NULL,
    charge         TEXT         NOT NULL,
    hash_precedent CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL,
    -- Which timeline row a legal entry records (also inside the hashed payload); NULL for an access.
    evenement_rang INTEGER
);
CREATE INDEX journal_dossier_idx ON journal (dossier_id, sequence);
CREATE UNIQUE INDEX journal_evenement_idx ON journal (dossier_id, evenement_rang) WHERE evenement_rang IS NOT NULL;

CREATE FUNCTION journal_instant(i TIMESTAMPTZ) RETURNS TEXT LANGUAGE sql STABLE AS
$$ SELECT to_char(i AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;

CREATE FUNCTION journal_champ(v TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS
$$ SELECT octet_length(coalesce(v, ''))::text || ':' || coalesce(v, '') || E'\n' $$;

CREATE FUNCTION journal_hash(p_sequence BIGINT, p_instant TIMESTAMPTZ, p_type TEXT, p_dossier_id UUID,
                             p_numero TEXT, p_acteur TEXT, p_charge TEXT, p_precedent TEXT)
    RETURNS TEXT LANGUAGE sql STABLE AS
$$ SELECT encode(sha256(convert_to(
        journal_champ(p_sequence::text) || journal_champ(journal_instant(p_instant)) || journal_champ(p_type)
     || journal_champ(p_dossier_id::text) || journal_champ(p_numero) || journal_champ(p_acteur)
     || journal_champ(p_charge) || journal_champ(p_precedent), 'UTF8')), 'hex') $$;

-- The one way in: takes the head's row lock (until commit), numbers, chains, inserts.
CREATE FUNCTION journal_ajouter(p_type TEXT, p_dossier_id UUID, p_acteur TEXT, p_charge TEXT, p_rang INTEGER)
    RETURNS BIGINT LANGUAGE plpgsql AS
$$
DECLARE
    v_tete    journal_tete;
    v_numero  VARCHAR(32);
    v_instant TIMESTAMPTZ;
    v_hash    CHAR(64);
BEGIN
    SELECT * INTO v_tete FROM journal_tete WHERE seul FOR UPDATE;
    -- Taken after the lock, so instants never go backwards along the sequence.
    v_instant := clock_timestamp();
    IF p_dossier_id IS NOT NULL THEN
        SELECT numero INTO v_numero FROM dossier WHERE id = p_dossier_id;
    END IF;
    v_hash := journal_hash(v_tete.sequence + 1, v_instant, p_type, p_dossier_id, v_numero, p_acteur, p_charge,
                           v_tete.hash);
    INSERT INTO journal (sequence, instant, type, dossier_id, dossier_numero, acteur, charge, hash_precedent, hash,
                         evenement_rang)
    VALUES (v_tete.sequence + 1, v_instant, p_type, p_dossier_id, v_numero, p_acteur, p_charge, v_tete.hash, v_hash,
            p_rang);
    UPDATE journal_tete SET sequence = v_tete.sequence + 1, hash = v_hash WHERE seul;
    RETURN v_tete.sequence + 1;
END
$$;

-- An agent read a dossier, a pièce or a document: who, what, when.
CREATE FUNCTION journal_acces(p_dossier_id UUID, p_acteur TEXT, p_objet TEXT, p_roles TEXT) RETURNS BIGINT
    LANGUAGE sql AS
$$ SELECT journal_ajouter('ACCES', p_dossier_id, p_acteur,
                          jsonb_build_object('objet', p_objet, 'roles', p_roles)::text, NULL) $$;

-- A legal event of a dossier's timeline, with the hashes of the documents that carry it.
CREATE FUNCTION journal_evenement() RETURNS TRIGGER LANGUAGE plpgsql AS
$$
DECLARE
    v_types_documents TEXT[];
    v_charge          JSONB;
BEGIN
    -- The timeline is append-only in the domain; should the ORM ever rewrite a row, it is journalled once.
    IF EXISTS (SELECT 1 FROM journal WHERE dossier_id = NEW.dossier_id AND evenement_rang = NEW.rang) THEN
        RETURN NULL;
    END IF;
    v_types_documents := CASE NEW.type
        WHEN 'DEPOT' THEN ARRAY['AEE', 'RECEPISSE']
        WHEN 'DEMANDE_PIECES' THEN ARRAY['DEMANDE_PIECES']
        WHEN 'MAJORATION' THEN ARRAY['DEMANDE_PIECES', 'MAJORATION']
        WHEN 'DECISION' THEN ARRAY['ARRETE']
        WHEN 'NOTIFICATION' THEN ARRAY['ARRETE']
        WHEN 'TRANSMISSION_CONTROLE_LEGALITE' THEN ARRAY['ARRETE']
        WHEN 'CERTIFICAT_TACITE_DEMANDE' THEN ARRAY['CERTIFICAT_DECISION_TACITE']
        ELSE ARRAY[]::TEXT[] END;
    v_charge := jsonb_build_object(
        'rang', NEW.rang,
        'type', NEW.type,
        'dateLegale', NEW.date_legale::text,
        'enregistreLe', journal_instant(NEW.enregistre_le),
        'article', NEW.article,
        'detail', NEW.detail,
        'documents', coalesce((
            SELECT jsonb_agg(jsonb_build_object('type', d.type, 'nom', d.nom_fichier, 'taille', d.taille,
                                                'sha256', d.sha256, 'sha512', d.sha512) ORDER BY d.type)
              FROM document d
             WHERE d.dossier_id = NEW.dossier_id AND d.type = ANY (v_types_documents)), '[]'::jsonb),
        'pieces', coalesce((
            SELECT jsonb_agg(jsonb_build_object('code', p.code, 'nom', p.nom_fichier, 'taille', p.taille,
                                                'sha256', p.sha256, 'sha512', p.sha512) ORDER BY p.code)
              FROM piece p
             WHERE p.dossier_id = NEW.dossier_id
               AND ((NEW.type = 'DEPOT' AND NOT p.complementaire) OR (NEW.type = 'PIECES_RECUES' AND p.complementaire))),
            '[]'::jsonb),
        'avis', coalesce((
            SELECT jsonb_agg(jsonb_build_object('service', c.service_code, 'avis', c.avis, 'nom', c.document_nom,
                                                'taille', c.document_taille, 'sha256', c.document_sha256,
                                                'sha512', c.document_sha512) ORDER BY c.service_code, c.id)
              FROM consultation c
             WHERE NEW.type = 'AVIS' AND c.dossier_id = NEW.dossier_id AND c.document_sha256 IS NOT NULL),
            '[]'::jsonb));
    PERFORM journal_ajouter(NEW.type, NEW.dossier_id,
                            coalesce(nullif(current_setting('parcelle.acteur', TRUE), ''), 'système'),
                            v_charge::text, NEW.rang);
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER journal_evenement_ajoute
    AFTER INSERT ON dossier_evenement
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION journal_evenement();

-- Append-only, by the database too. Only someone who can drop or disable triggers (the schema owner) gets past
-- this, and then the chain tells.
CREATE FUNCTION journal_refuser() RETURNS TRIGGER LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'Le journal est en ajout seul : % refusé sur %.', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- A direct INSERT must be exactly the next link of the chain, as journal_ajouter writes it.
CREATE FUNCTION journal_controler_ajout() RETURNS TRIGGER LANGUAGE plpgsql AS
$$
DECLARE
    v_tete journal_tete;
BEGIN
    SELECT * INTO v_tete FROM journal_tete WHERE seul FOR UPDATE;
    IF NEW.sequence <> v_tete.sequence + 1 OR NEW.hash_precedent <> v_tete.hash
       OR NEW.hash <> journal_hash(NEW.sequence, NEW.instant, NEW.type, NEW.dossier_id, NEW.dossier_numero,
                                   NEW.acteur, NEW.charge, NEW.hash_precedent) THEN
        RAISE EXCEPTION 'Entrée de journal hors chaîne (séquence %).', NEW.sequence
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

-- The head only moves forward by one, in step with an insert.
CREATE FUNCTION journal_controler_tete() RETURNS TRIGGER LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.sequence <> OLD.sequence + 1
       OR NOT EXISTS (SELECT 1 FROM journal WHERE sequence = NEW.sequence AND hash = NEW.hash) THEN
        RAISE EXCEPTION 'La tête du journal n''avance que d''une entrée à la fois.'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER journal_ajout_controle BEFORE INSERT ON journal FOR EACH ROW EXECUTE FUNCTION journal_controler_ajout();
CREATE TRIGGER journal_ajout_seul BEFORE UPDATE OR DELETE ON journal FOR EACH ROW EXECUTE FUNCTION journal_refuser();
CREATE TRIGGER journal_jamais_vide BEFORE TRUNCATE ON journal FOR EACH STATEMENT EXECUTE FUNCTION journal_refuser();
CREATE TRIGGER journal_tete_avance BEFORE UPDATE ON journal_tete FOR EACH ROW EXECUTE FUNCTION journal_controler_tete();
CREATE TRIGGER journal_tete_gardee BEFORE INSERT OR DELETE ON journal_tete FOR EACH ROW EXECUTE FUNCTION journal_refuser();
CREATE TRIGGER journal_tete_jamais_vide BEFORE TRUNCATE ON journal_tete FOR EACH STATEMENT EXECUTE FUNCTION journal_refuser();
