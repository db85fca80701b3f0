-- After signature: notification to the applicant, transmission to the préfet for the contrôle de légalité, and the
-- date from which the decision is executory (the later of the two, L424-7).
ALTER TABLE dossier
    ADD COLUMN date_notification                 DATE,
    ADD COLUMN date_transmission_controle        DATE,
    ADD COLUMN identifiant_transmission_controle VARCHAR(64),
    ADD COLUMN date_executoire                   DATE;
