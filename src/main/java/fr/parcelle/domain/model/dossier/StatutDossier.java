package fr.parcelle.domain.model.dossier;

/**
 * Where a dossier stands. A draft has no legal existence; a deposited dossier has a number and is
 * instructed.
 */
public enum StatutDossier {
  BROUILLON,
  EN_INSTRUCTION
}
