package fr.parcelle.domain.port;

import java.io.IOException;
import java.io.InputStream;

/** Looks at the bytes of an uploaded document, never at its name, to tell what it really is. */
public interface DocumentInspector {

  /** Detects the media type of the content; reads at most what detection needs. */
  Inspection inspecter(InputStream contenu) throws IOException;

  /** What the inspection found. */
  record Inspection(String typeMedia) {

    /** A423-5: the téléprocédure accepts at least PDF, JPEG and PNG. */
    public boolean estFormatAccepte() {
      return typeMedia.equals("application/pdf")
          || typeMedia.equals("image/jpeg")
          || typeMedia.equals("image/png");
    }
  }
}
