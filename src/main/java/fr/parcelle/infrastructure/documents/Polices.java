package fr.parcelle.infrastructure.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
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
  // measured with JFR), so parsed fonts are reused from one document to the next. A parsed font is
  // not thread-safe and weighs about 5.5 MB (the font's bytes twice, cmap and name maps): they were
  // kept per thread until the benchmark at concurrency 32 gave 63 HTTP threads 126 fonts, 700 MB,
  // and a server stuck in full GCs. They are now lent from a pool of a few pairs (twice the cores,
  // at least four: a deposit waiting for fonts holds its numbering lock), one document
  // at a time; documents embed a subset and never close them.
  static final int PAIRES = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  private static final BlockingQueue<Paire> LIBRES = new ArrayBlockingQueue<>(PAIRES);
  private static final AtomicInteger CREEES = new AtomicInteger();
  private static final Logger LOG = Logger.getLogger(Polices.class.getName());

  /** Pairs parsed so far (tests). */
  static int pairesAnalysees() {
    return CREEES.get();
  }

  private record Paire(TrueTypeFont normale, TrueTypeFont grasse) {}

  private Polices() {}

  /**
   * The two fonts for one document, until {@link Jeu#close()}: after the document is saved (the
   * subset is written from the parsed font).
   */
  public static Jeu emprunter() {
    Paire p = LIBRES.poll();
    if (p == null && CREEES.incrementAndGet() <= PAIRES) {
      p = new Paire(analyser(NORMALE), analyser(GRASSE));
    } else if (p == null) {
      CREEES.decrementAndGet();
      try {
        p = LIBRES.poll(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Attente des polices interrompue", e);
      }
      if (p == null) {
        // Never a deadlock (a thread holding a pair while asking for another): an extra pair,
        // dropped when returned to a full pool.
        LOG.warning("Polices : aucune paire libre en 30 s, une paire supplémentaire est analysée");
        p = new Paire(analyser(NORMALE), analyser(GRASSE));
      }
    }
    return new Jeu(p);
  }

  /** A pair of parsed fonts lent to one document; {@link #close()} gives it back, once. */
  public static final class Jeu implements AutoCloseable {
    private Paire paire;

    private Jeu(Paire paire) {
      this.paire = paire;
    }

    /** DejaVu Sans, to be embedded in {@code document}. */
    public PDType0Font normale(PDDocument document) {
      return charger(document, paire().normale());
    }

    /** DejaVu Sans Bold, to be embedded in {@code document}. */
    public PDType0Font grasse(PDDocument document) {
      return charger(document, paire().grasse());
    }

    private Paire paire() {
      if (paire == null) {
        throw new IllegalStateException("Polices déjà rendues");
      }
      return paire;
    }

    @Override
    public void close() {
      if (paire != null) {
        LIBRES.offer(paire);
        paire = null;
      }
    }
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
