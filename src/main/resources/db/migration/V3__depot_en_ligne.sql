-- Online filing: the whole cerfa data of a dossier, its pièces, the documents issued, and the deposit's legal dates.

ALTER TABLE dossier
    ADD COLUMN nature_demande        VARCHAR(16)  NOT NULL DEFAULT 'INITIALE',
    ADD COLUMN numero_autorisation   VARCHAR(32),
    ADD COLUMN adresse_numero        VARCHAR(16),
    ADD COLUMN adresse_voie          VARCHAR(200),
    ADD COLUMN adresse_lieu_dit      VARCHAR(200),
    ADD COLUMN adresse_code_postal   VARCHAR(5),
    ADD COLUMN adresse_commune       VARCHAR(100),
    ADD COLUMN nature_travaux        VARCHAR(2000),
    ADD COLUMN surface_existante_m2  NUMERIC(10, 2),
    ADD COLUMN surface_creee_m2      NUMERIC(10, 2),
    ADD COLUMN surface_demolie_m2    NUMERIC(10, 2),
    ADD COLUMN logements_crees       INTEGER,
    ADD COLUMN architecte_nom        VARCHAR(200),
    ADD COLUMN architecte_croa       VARCHAR(20),
    ADD COLUMN delai_instruction_mois INTEGER,
    ADD COLUMN date_decision_tacite  DATE,
    ADD COLUMN cle_idempotence       VARCHAR(128);

ALTER TABLE dossier DROP COLUMN demandeur_nom;

CREATE TABLE dossier_demandeur (
    dossier_id     UUID         NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    rang           INTEGER      NOT NULL,
    nature         VARCHAR(16)  NOT NULL,
    nom            VARCHAR(200),
    prenom         VARCHAR(200),
    raison_sociale VARCHAR(200),
    siret          CHAR(14),
    representant   VARCHAR(200),
    email          VARCHAR(254),
    telephone      VARCHAR(32),
    PRIMARY KEY (dossier_id, rang)
);
CREATE INDEX dossier_demandeur_email_idx ON dossier_demandeur (lower(email));

CREATE TABLE dossier_parcelle (
    dossier_id UUID          NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    rang       INTEGER       NOT NULL,
    prefixe    CHAR(3)       NOT NULL,
    section    VARCHAR(2)    NOT NULL,
    numero     CHAR(4)       NOT NULL,
    surface_m2 NUMERIC(12, 2),
    PRIMARY KEY (dossier_id, rang)
);

CREATE TABLE dossier_contrainte (
    dossier_id UUID        NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    code       VARCHAR(48) NOT NULL,
    PRIMARY KEY (dossier_id, code)
);

-- A pièce jointe: metadata here, the original bytes in the content-addressed store (by SHA-256).
CREATE TABLE piece (
    id          UUID         PRIMARY KEY,
    dossier_id  UUID         NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    code        VARCHAR(16)  NOT NULL,
    nom_fichier VARCHAR(255) NOT NULL,
    taille      BIGINT       NOT NULL,
    type_media  VARCHAR(64)  NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    sha512      CHAR(128)    NOT NULL,
    pages       INTEGER,
    recue_le    TIMESTAMPTZ  NOT NULL,
    CONSTRAINT piece_une_par_code UNIQUE (dossier_id, code)
);

-- Documents the platform issues (AEE, récépissé…), kept byte for byte like the pièces.
CREATE TABLE document (
    id         UUID        PRIMARY KEY,
    dossier_id UUID        NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    type       VARCHAR(32) NOT NULL,
    nom_fichier VARCHAR(255) NOT NULL,
    taille     BIGINT      NOT NULL,
    sha256     CHAR(64)    NOT NULL,
    sha512     CHAR(128)   NOT NULL,
    emis_le    TIMESTAMPTZ NOT NULL,
    CONSTRAINT document_un_par_type UNIQUE (dossier_id, type)
);

CREATE UNIQUE INDEX dossier_idempotence_idx ON dossier (depositaire, cle_idempotence) WHERE cle_idempotence IS NOT NULL;
