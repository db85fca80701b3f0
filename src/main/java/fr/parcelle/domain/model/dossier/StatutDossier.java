package fr.parcelle.domain.model.dossier;

/**
 * Where a dossier stands, as told to its applicant. A draft has no legal existence; a deposited
 * dossier has a number and moves through the legal steps of its instruction until a decision,
 * express or tacit.
 */
public enum StatutDossier {
  BROUILLON("brouillon"),
  DEPOSE("déposé"),
  INCOMPLET("incomplet : pièces complémentaires demandées"),
  EN_INSTRUCTION("en instruction"),
  MAJORE("en instruction, délai majoré"),
  EN_CONSULTATION("en consultation"),
  DECISION_EN_SIGNATURE("décision en signature"),
  DECIDE("décidé"),
  DECISION_TACITE("décision tacite"),
  REJET_TACITE("rejet tacite"),
  OPPOSITION_TACITE("opposition tacite");

  private final String libelle;

  StatutDossier(String libelle) {
    this.libelle = libelle;
  }

  public String libelle() {
    return libelle;
  }

  /** Whether the instruction is over (nothing can change the délai any more). */
  public boolean estTermine() {
    return this == DECIDE
        || this == DECISION_TACITE
        || this == REJET_TACITE
        || this == OPPOSITION_TACITE;
  }
}
