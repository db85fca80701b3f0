package fr.parcelle.domain.model.dossier;

/**
 * Domain event: a dossier was deposited and numbered. Observed inside the deposit transaction: an
 * observer that fails undoes the whole deposit.
 */
public record DossierDepose(Dossier dossier) {}
