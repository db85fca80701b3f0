package fr.parcelle.domain.model.piece;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * When a pièce of the catalogue applies: {@code TOUJOURS} (required), {@code FACULTATIF} (may be
 * joined), or {@code SI A OU B} (required when the project has one of the contraintes A, B).
 */
public record ConditionPiece(Genre genre, List<String> contraintes) {

  /** The three kinds of condition. */
  public enum Genre {
    TOUJOURS,
    FACULTATIF,
    SI
  }

  public static ConditionPiece lire(String texte) {
    String t = texte == null ? "" : texte.strip();
    if (t.equals("TOUJOURS")) {
      return new ConditionPiece(Genre.TOUJOURS, List.of());
    }
    if (t.equals("FACULTATIF")) {
      return new ConditionPiece(Genre.FACULTATIF, List.of());
    }
    if (t.startsWith("SI ")) {
      List<String> codes =
          Arrays.stream(t.substring(3).split("\\s+OU\\s+")).map(String::strip).toList();
      if (codes.isEmpty() || codes.stream().anyMatch(c -> !c.matches("[A-Z_]+"))) {
        throw new IllegalArgumentException("Condition de pièce illisible : " + texte);
      }
      return new ConditionPiece(Genre.SI, codes);
    }
    throw new IllegalArgumentException("Condition de pièce illisible : " + texte);
  }

  /**
   * Whether the pièce belongs to a dossier with these contraintes (a conditional pièce is then
   * required).
   */
  public boolean applicable(Set<String> contraintesDuProjet) {
    return genre != Genre.SI || contraintes.stream().anyMatch(contraintesDuProjet::contains);
  }

  public boolean obligatoire() {
    return genre != Genre.FACULTATIF;
  }
}
