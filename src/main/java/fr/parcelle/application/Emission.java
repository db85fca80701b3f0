package fr.parcelle.application;

import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.piece.DocumentEmis;
import fr.parcelle.domain.model.piece.TypeDocument;
import fr.parcelle.domain.port.DocumentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Keeps a document the platform issues in its dossier: stored by content, named by type and number.
 */
final class Emission {

  private Emission() {}

  static DocumentEmis emettre(
      DocumentStore stockage, Dossier dossier, TypeDocument type, byte[] pdf, Instant instant) {
    try {
      String nom = type.segment() + "-" + dossier.numero().orElseThrow().valeur() + ".pdf";
      DocumentEmis document =
          new DocumentEmis(type, nom, pdf.length, stockage.conserver(pdf), instant);
      dossier.emettre(document);
      return document;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
