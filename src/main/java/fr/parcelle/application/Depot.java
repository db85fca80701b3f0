package fr.parcelle.application;

import fr.parcelle.domain.model.dossier.Dossier;

/**
 * The outcome of a deposit call: the dossier, and whether this call only replayed an earlier
 * deposit.
 */
public record Depot(Dossier dossier, boolean rejoue) {}
