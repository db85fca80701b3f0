-- The avis as a document (the service's letter), stored like the pièces (content-addressed, hashed).
ALTER TABLE consultation
    ADD COLUMN document_nom        VARCHAR(255),
    ADD COLUMN document_taille     BIGINT,
    ADD COLUMN document_type_media VARCHAR(64),
    ADD COLUMN document_sha256     CHAR(64),
    ADD COLUMN document_sha512     CHAR(128);
