package fr.parcelle.infrastructure.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
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

  // Parsing a 700 KB TrueType file was half the CPU of a deposit (two documents, two fonts each,
  // measured with JFR). A parsed font is not thread-safe, so each thread keeps its own, reused
  // from one document to the next; documents embed a subset and never close it.
  private static final ThreadLocal<TrueTypeFont> NORMALE_ANALYSEE =
      ThreadLocal.withInitial(() -> analyser(NORMALE));
  private static final ThreadLocal<TrueTypeFont> GRASSE_ANALYSEE =
      ThreadLocal.withInitial(() -> analyser(GRASSE));

  private Polices() {}

  /** DejaVu Sans, to be embedded in {@code document}. */
  public static PDType0Font normale(PDDocument document) {
    return charger(document, NORMALE_ANALYSEE.get());
  }

  /** DejaVu Sans Bold, to be embedded in {@code document}. */
  public static PDType0Font grasse(PDDocument document) {
    return charger(document, GRASSE_ANALYSEE.get());
  }

  private static PDType0Font charger(PDDocument document, TrueTypeFont police) {
    try {
      return PDType0Font.load(document, police, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TrueTypeFont analyser(byte[] police) {
    try {
      TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(police));
      // DejaVu carries GSUB tables (ligatures, Arabic and Indic shaping). With them, PDFBox runs a
      // GSUB worker on every showText (a regex split of the string, glyph-by-glyph substitution
      // lookups): ~75 % of a deposit's CPU in JFR. French text needs no substitution — the
      // documents have no ligatures to form, and accented letters, œ, €, « » are plain cmap
      // glyphs — so the documents are drawn from the cmap alone. The embedded subset never
      // carried GSUB anyway (PDFBox's subsetter keeps glyf/loca/cmap/hmtx and the headers).
      ttf.setEnableGsub(false);
      return ttf;
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
