-- The instruction of a dossier: its legal steps and dates (avis de dépôt, transmission to the préfet, the single request
-- for missing pièces and its answer, majorations, consultations and avis, the proposal and the decision, express or
-- tacit), and the timeline shown to the applicant.
ALTER TABLE dossier
    ADD COLUMN date_avis_depot           DATE,
    ADD COLUMN date_transmission_prefet  DATE,
    ADD COLUMN date_demande_pieces       DATE,
    ADD COLUMN pieces_demandees          VARCHAR(1000),
    ADD COLUMN date_limite_pieces        DATE,
    ADD COLUMN date_reception_pieces     DATE,
    ADD COLUMN majorations               VARCHAR(500),
    ADD COLUMN date_fin_delai            DATE,
    ADD COLUMN nature_decision_tacite    VARCHAR(32),
    ADD COLUMN avis_conforme_defavorable BOOLEAN,
    ADD COLUMN decision_proposee         VARCHAR(48),
    ADD COLUMN motifs                    VARCHAR(8000),
    ADD COLUMN prescriptions             VARCHAR(8000),
    ADD COLUMN decision                  VARCHAR(48),
    ADD COLUMN date_decision             DATE;

-- Dossiers deposited before this version were 'EN_INSTRUCTION' from their deposit; their tacit date is unchanged.
UPDATE dossier SET date_fin_delai = date_decision_tacite - 1 WHERE date_decision_tacite IS NOT NULL;

-- Pièces answering the request for missing pièces are kept beside the pièces filed, never over them.
ALTER TABLE piece ADD COLUMN complementaire BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE piece DROP CONSTRAINT piece_une_par_code;
ALTER TABLE piece ADD CONSTRAINT piece_une_par_code UNIQUE (dossier_id, code, complementaire);

CREATE TABLE dossier_evenement (
    dossier_id    UUID          NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    rang          INTEGER       NOT NULL,
    type          VARCHAR(32)   NOT NULL,
    date_legale   DATE          NOT NULL,
    enregistre_le TIMESTAMPTZ   NOT NULL,
    article       VARCHAR(64),
    detail        VARCHAR(2000),
    PRIMARY KEY (dossier_id, rang)
);

CREATE TABLE consultation (
    id              UUID         PRIMARY KEY,
    dossier_id      UUID         NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    service_code    VARCHAR(32)  NOT NULL,
    service_libelle VARCHAR(200) NOT NULL,
    avis_conforme   BOOLEAN      NOT NULL,
    date_envoi      DATE         NOT NULL,
    date_limite     DATE         NOT NULL,
    article         VARCHAR(64),
    avis            VARCHAR(32),
    avis_texte      VARCHAR(4000),
    avis_tacite     BOOLEAN,
    date_avis       DATE,
    saisi_par       VARCHAR(128)
);
CREATE INDEX consultation_dossier_idx ON consultation (dossier_id);
