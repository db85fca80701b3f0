package fr.parcelle.application;

import java.text.Normalizer;

/**
 * File names given by clients are kept for people only, never used as paths: directories, control
 * and bidirectional characters removed, length bounded, and a name made from the pièce code when
 * nothing usable is left.
 */
public final class NomDeFichier {

  private NomDeFichier() {}

  public static String nettoyer(String nom, String code, String typeMedia) {
    String n = nom == null ? "" : Normalizer.normalize(nom, Normalizer.Form.NFC);
    n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
    StringBuilder b = new StringBuilder();
    n.codePoints()
        .filter(c -> !Character.isISOControl(c))
        .filter(c -> Character.getType(c) != Character.FORMAT) // RLO, LRO, zero-width…
        .filter(c -> "<>:\"|?*".indexOf(c) < 0)
        .forEach(b::appendCodePoint);
    String propre = b.toString().strip();
    while (propre.startsWith(".")) {
      propre = propre.substring(1);
    }
    if (propre.length() > 200) {
      propre = propre.substring(propre.length() - 200);
    }
    return propre.isBlank() ? code + extension(typeMedia) : propre;
  }

  private static String extension(String typeMedia) {
    return switch (typeMedia) {
      case "application/pdf" -> ".pdf";
      case "image/jpeg" -> ".jpg";
      case "image/png" -> ".png";
      default -> "";
    };
  }
}
