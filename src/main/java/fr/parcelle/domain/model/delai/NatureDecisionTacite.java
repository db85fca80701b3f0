package fr.parcelle.domain.model.delai;

/**
 * What the authority's silence is worth when the délai expires (R424-1 to R424-3, R424-2-1; CU:
 * R410-12).
 */
public enum NatureDecisionTacite {
  NON_OPPOSITION("non-opposition tacite"),
  PERMIS_TACITE("permis tacite"),
  CU_TACITE("certificat d'urbanisme tacite"),
  REFUS_TACITE("refus tacite"),
  OPPOSITION_TACITE("opposition tacite");

  private final String libelle;

  NatureDecisionTacite(String libelle) {
    this.libelle = libelle;
  }

  /** The French name, as written to the applicant. */
  public String libelle() {
    return libelle;
  }
}
