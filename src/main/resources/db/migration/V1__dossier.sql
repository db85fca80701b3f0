-- Dossiers (demandes d'autorisation d'urbanisme) and their legal numbering.

CREATE TABLE dossier (
    id                 UUID         PRIMARY KEY,
    type               VARCHAR(8)   NOT NULL,
    commune_insee      CHAR(5)      NOT NULL,
    statut             VARCHAR(32)  NOT NULL,
    numero             VARCHAR(32)  UNIQUE,
    depositaire        VARCHAR(128) NOT NULL,
    demandeur_nom      VARCHAR(200),
    description_projet TEXT,
    cree_le            TIMESTAMPTZ  NOT NULL,
    depose_le          TIMESTAMPTZ,
    date_depot         DATE,
    version            BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT dossier_numero_si_depose CHECK ((statut = 'BROUILLON') = (numero IS NULL))
);

CREATE INDEX dossier_commune_statut_idx ON dossier (commune_insee, statut);
CREATE INDEX dossier_depositaire_idx ON dossier (depositaire);

-- A423-1 to A423-3: a 5-character sequence per nature, per commune, per year. Numbers are taken inside the
-- deposit transaction (row lock by the upsert), so a rolled-back deposit gives its number back: no gap, no reuse.
CREATE TABLE sequence_numero (
    nature        VARCHAR(2) NOT NULL,
    commune_insee CHAR(5)    NOT NULL,
    annee         SMALLINT   NOT NULL,
    dernier       INTEGER    NOT NULL,
    PRIMARY KEY (nature, commune_insee, annee)
);
