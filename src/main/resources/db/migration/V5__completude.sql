-- Completeness of a dossier: the date from which its délai runs, and whether it was deemed complete for want of a
-- request for missing pièces within the month (R423-22).
ALTER TABLE dossier
    ADD COLUMN date_completude    DATE,
    ADD COLUMN completude_reputee BOOLEAN;
