package fr.parcelle.domain.model.referentiel;

/**
 * A standard reason or prescription of the clause library ({@code referentiel/clauses.csv}), picked
 * for a proposed decision and then edited.
 */
public record Clause(String code, Usage usage, String libelle, String article, String texte) {

  /** Where a clause goes in the decision. */
  public enum Usage {
    MOTIF,
    PRESCRIPTION
  }
}
