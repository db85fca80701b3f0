package fr.parcelle.infrastructure.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts embedded in every document the platform issues (DejaVu Sans, Bitstream Vera licence,
 * see {@code polices/LICENCE-DejaVu.txt}): PDF/A forbids the standard 14 fonts, which PDFBox does
 * not embed. Only the glyphs used are embedded (subset).
 */
public final class Polices {

  private static final byte[] NORMALE = lire("DejaVuSans.ttf");
  private static final byte[] GRASSE = lire("DejaVuSans-Bold.ttf");

  private Polices() {}

  /** DejaVu Sans, to be embedded in {@code document}. */
  public static PDType0Font normale(PDDocument document) {
    return charger(document, NORMALE);
  }

  /** DejaVu Sans Bold, to be embedded in {@code document}. */
  public static PDType0Font grasse(PDDocument document) {
    return charger(document, GRASSE);
  }

  private static PDType0Font charger(PDDocument document, byte[] police) {
    try {
      // The bytes are read once per JVM; each document parses its own copy (fonts are not
      // thread-safe), which the document closes with itself.
      return PDType0Font.load(document, new RandomAccessReadBuffer(police), true, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] lire(String fichier) {
    try (InputStream in = Polices.class.getResourceAsStream("polices/" + fichier)) {
      if (in == null) {
        throw new IllegalStateException("Police absente du classpath : " + fichier);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
