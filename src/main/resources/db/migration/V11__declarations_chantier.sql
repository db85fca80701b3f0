-- Declarations filed by the holder on a granted authorisation: the opening of the works (DOC, R424-16) and their
-- completion and conformity (DAACT, R462-1), with the end of the window in which the authority may contest the
-- conformity (R462-6, R462-7). One of each per authorisation.
CREATE TABLE declaration_chantier (
    id                   UUID         PRIMARY KEY,
    dossier_id           UUID         NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    nature               VARCHAR(8)   NOT NULL CHECK (nature IN ('DOC', 'DAACT')),
    date_travaux         DATE         NOT NULL,
    date_reception       DATE         NOT NULL,
    recue_le             TIMESTAMPTZ  NOT NULL,
    declarant            VARCHAR(128) NOT NULL,
    fin_contestation     DATE,
    mois_contestation    INTEGER,
    article_contestation VARCHAR(64),
    CONSTRAINT declaration_une_par_nature UNIQUE (dossier_id, nature)
);
CREATE INDEX declaration_chantier_dossier_idx ON declaration_chantier (dossier_id);
