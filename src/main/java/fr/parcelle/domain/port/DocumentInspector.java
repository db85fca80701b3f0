package fr.parcelle.domain.port;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Looks at the bytes of an uploaded document, never at its name or declared type, to tell what it
 * really is and whether it can be a pièce (A423-5: PDF, JPEG, PNG). Bounded in time and memory:
 * files are hostile.
 */
public interface DocumentInspector {

  /** Detects the media type of the content; reads only what detection needs. */
  String detecter(InputStream contenu) throws IOException;

  /**
   * Checks a received file completely.
   *
   * @throws fr.parcelle.domain.model.piece.PieceRefuseeException with the reason when it cannot be
   *     a pièce
   */
  Inspection inspecter(Path fichier);

  /** What the inspection found in an accepted file. */
  record Inspection(String typeMedia, Optional<Integer> pages) {}

  /** A423-5: the téléprocédure accepts PDF, JPEG and PNG. */
  static boolean formatAccepte(String typeMedia) {
    return typeMedia.equals("application/pdf")
        || typeMedia.equals("image/jpeg")
        || typeMedia.equals("image/png");
  }
}
