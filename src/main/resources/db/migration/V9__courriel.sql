-- E-mail outbox. A message exists if and only if the step it tells about committed: the row is written by a trigger
-- on the dossier's timeline (dossier_evenement), inside the transaction of the step, whatever code recorded the step.
-- A sender polls the pending rows after commit (FOR UPDATE SKIP LOCKED: two nodes never take the same row), sends
-- them by SMTP and marks them sent in the transaction that claimed them.

-- The steps of the timeline that the applicant is told about by e-mail (legal data: a new step that must be notified
-- is one row here, and CompositionCourrielsTest checks that every row has its wording in Java).
CREATE TABLE courriel_etape_notifiee (
    type_evenement VARCHAR(32)  PRIMARY KEY,
    article        VARCHAR(64)  NOT NULL,
    motif          VARCHAR(300) NOT NULL
);
INSERT INTO courriel_etape_notifiee (type_evenement, article, motif) VALUES
    ('DEPOT',           'R423-3 à R423-5, L112-11 CRPA', 'accusé d''enregistrement et récépissé de dépôt'),
    ('DEMANDE_PIECES',  'R423-38',                       'demande unique de pièces complémentaires, avec son délai de trois mois'),
    ('MAJORATION',      'R423-42',                       'majoration du délai d''instruction et nouvelle date de décision tacite'),
    ('PIECES_RECUES',   'R423-39',                       'pièces reçues : le délai court de nouveau, nouvelle date de décision tacite'),
    ('NOTIFICATION',    'R424-10',                       'décision expresse notifiée'),
    ('DECISION_TACITE', 'R424-1, R424-13',               'décision tacite et son certificat'),
    ('REJET_TACITE',    'R423-39',                       'rejet tacite (ou opposition) faute des pièces demandées');

CREATE TABLE courriel (
    id              BIGSERIAL     PRIMARY KEY,
    -- 'ETAPE' (to the applicants, about their dossier) or 'RECAPITULATIF' (daily digest to an instructor).
    nature          VARCHAR(16)   NOT NULL CHECK (nature IN ('ETAPE', 'RECAPITULATIF')),
    -- One message per step transaction of a dossier (etape:<dossier>:<transaction>), one digest per user and day
    -- (recapitulatif:<login>:<date>): the unique key is what makes "never twice" hold across nodes.
    cle             VARCHAR(200)  NOT NULL UNIQUE,
    dossier_id      UUID          REFERENCES dossier (id) ON DELETE CASCADE,
    -- What the message tells, as it was when the step committed (rendered in French by the sender).
    faits           JSONB         NOT NULL,
    destinataires   VARCHAR(2000) NOT NULL,
    -- EN_ATTENTE: to send (or SMTP not configured); ENVOYE; ECHEC: refused for good or given up;
    -- SANS_DESTINATAIRE: nobody to write to (no e-mail given).
    etat            VARCHAR(20)   NOT NULL DEFAULT 'EN_ATTENTE'
                    CHECK (etat IN ('EN_ATTENTE', 'ENVOYE', 'ECHEC', 'SANS_DESTINATAIRE')),
    -- RFC 5322 Message-ID, fixed at creation: a message sent again after a crash carries the same id.
    message_id      VARCHAR(200)  NOT NULL UNIQUE,
    cree_le         TIMESTAMPTZ   NOT NULL DEFAULT now(),
    essais          INTEGER       NOT NULL DEFAULT 0,
    prochain_essai  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    derniere_erreur VARCHAR(1000),
    envoye_le       TIMESTAMPTZ
);
CREATE INDEX courriel_a_envoyer_idx ON courriel (prochain_essai) WHERE etat = 'EN_ATTENTE';
CREATE INDEX courriel_dossier_idx ON courriel (dossier_id);

-- Which timeline entries already produced (or joined) a message: EclipseLink may write a collection's rows again, and
-- a row written again must never notify twice.
CREATE TABLE courriel_evenement (
    dossier_id UUID    NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    rang       INTEGER NOT NULL,
    courriel_id BIGINT NOT NULL REFERENCES courriel (id) ON DELETE CASCADE,
    PRIMARY KEY (dossier_id, rang)
);

CREATE FUNCTION courriel_sur_evenement() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    d               dossier%ROWTYPE;
    adresses        VARCHAR(2000);
    evenement       JSONB;
    identifiant     BIGINT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM courriel_etape_notifiee WHERE type_evenement = NEW.type) THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM courriel_evenement WHERE dossier_id = NEW.dossier_id AND rang = NEW.rang) THEN
        RETURN NULL;
    END IF;
    -- The dossier row as this transaction left it (EclipseLink writes the row before its collections).
    SELECT * INTO d FROM dossier WHERE id = NEW.dossier_id;
    SELECT string_agg(DISTINCT lower(trim(email)), ',')
      INTO adresses
      FROM dossier_demandeur
     WHERE dossier_id = NEW.dossier_id AND email IS NOT NULL AND trim(email) <> '';
    evenement := jsonb_build_object(
        'type', NEW.type, 'dateLegale', NEW.date_legale, 'article', NEW.article, 'detail', NEW.detail);
    -- Steps recorded in one transaction (request for pièces and majoration; signed decision and its notification;
    -- tacit decision and its certificate) are one letter: one message, keyed by dossier and transaction.
    INSERT INTO courriel (nature, cle, dossier_id, faits, destinataires, etat, message_id)
    VALUES ('ETAPE',
            'etape:' || NEW.dossier_id || ':' || pg_current_xact_id(),
            NEW.dossier_id,
            jsonb_build_object(
                'dossierId', d.id,
                'numero', d.numero,
                'typeDossier', d.type,
                'communeInsee', d.commune_insee,
                'statut', d.statut,
                'dateDepot', d.date_depot,
                'delaiMois', d.delai_instruction_mois,
                'dateFinDelai', d.date_fin_delai,
                'dateDecisionTacite', d.date_decision_tacite,
                'natureDecisionTacite', d.nature_decision_tacite,
                'dateLimitePieces', d.date_limite_pieces,
                'decision', d.decision,
                'dateDecision', d.date_decision,
                'dateNotification', d.date_notification,
                'dateExecutoire', d.date_executoire,
                'evenements', jsonb_build_array(evenement)),
            coalesce(adresses, ''),
            CASE WHEN adresses IS NULL THEN 'SANS_DESTINATAIRE' ELSE 'EN_ATTENTE' END,
            '<' || gen_random_uuid() || '@parcelle>')
    ON CONFLICT (cle) DO UPDATE
        SET faits = courriel.faits
                    || jsonb_build_object('evenements', (courriel.faits -> 'evenements') || jsonb_build_array(evenement))
                    -- the dossier as it is after the later step of the same transaction
                    || (excluded.faits - 'evenements')
    RETURNING id INTO identifiant;
    INSERT INTO courriel_evenement (dossier_id, rang, courriel_id) VALUES (NEW.dossier_id, NEW.rang, identifiant);
    RETURN NULL;
END;
$$;

CREATE TRIGGER dossier_evenement_courriel
    AFTER INSERT ON dossier_evenement
    FOR EACH ROW EXECUTE FUNCTION courriel_sur_evenement();
