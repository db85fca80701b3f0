package fr.parcelle.domain.model.dossier;

/**
 * The declarations the holder files on a granted authorisation, after the decision: they are not
 * instructed, they are received and dated. Their rules (which kinds, which order, the récolement
 * window) are data: {@code referentiel/declarations-chantier.csv} and {@code recolement.csv}.
 */
public enum NatureDeclaration {
  /** Déclaration d'ouverture de chantier (R424-16, cerfa 13407). */
  DOC,
  /** Déclaration attestant l'achèvement et la conformité des travaux (R462-1, cerfa 13408). */
  DAACT;

  /** The nature named {@code code} exactly (DOC, DAACT), if any. */
  public static java.util.Optional<NatureDeclaration> depuisCode(String code) {
    for (NatureDeclaration n : values()) {
      if (n.name().equals(code)) {
        return java.util.Optional.of(n);
      }
    }
    return java.util.Optional.empty();
  }
}
