package fr.parcelle.domain.model.delai;

import java.util.Objects;

/**
 * A majoration of the délai d'instruction (R423-24 to R423-33), as the service notifies it within
 * the first month (R423-42): either months added to the délai de droit commun ({@code moisAjoutes})
 * or a délai set to a number of months ({@code delaiPorteAMois}), with its stable code, article and
 * the reason told to the applicant.
 */
public record Majoration(
    String code, String article, String motif, Integer moisAjoutes, Integer delaiPorteAMois) {

  public Majoration {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(article, "article");
    Objects.requireNonNull(motif, "motif");
    if ((moisAjoutes == null) == (delaiPorteAMois == null)) {
      throw new IllegalArgumentException(
          "La majoration " + code + " ajoute des mois ou porte le délai à un nombre de mois.");
    }
    if ((moisAjoutes != null && moisAjoutes <= 0)
        || (delaiPorteAMois != null && delaiPorteAMois <= 0)) {
      throw new IllegalArgumentException("La majoration " + code + " doit être positive.");
    }
  }
}
