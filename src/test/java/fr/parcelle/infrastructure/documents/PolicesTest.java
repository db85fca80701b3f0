package fr.parcelle.infrastructure.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The documents are drawn without the font's GSUB tables (a deposit's CPU went there): French text
 * must still come out whole — every accented letter, œ/Œ, €, « », the typographic apostrophe and
 * dash drawn from the embedded font (not replaced by '?'), and extracted back as written, with
 * "fi"/"ff" kept as letters rather than turned into ligature glyphs.
 */
class PolicesTest {

  private static final String FRANCAIS =
      "Élise Œuvray, cœur d'œuvre : 1 250 € « façade » — àâäçéèêëîïôöùûüÿ ÀÂÇÉÈÊËÎÏÔÙÛÜŸ"
          + " l’affiche officielle, efficace, soufflé";

  @Test
  void texteFrancaisDessineEtExtraitTelQuel() throws IOException {
    byte[] pdf =
        new MiseEnPage("Essai de police", "Parcelle")
            .titre("Œuvre « titre » €")
            .paragraphe(FRANCAIS)
            .paragrapheGras(FRANCAIS)
            .pdf();

    DocumentsPdfATest.verifierPdfA(pdf);
    try (PDDocument d = Loader.loadPDF(pdf)) {
      String texte = new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
      assertThat(texte).contains("Œuvre « titre » €");
      // Twice: once in the regular font, once in bold.
      assertThat(texte.split(java.util.regex.Pattern.quote(FRANCAIS), -1)).hasSize(3);
      assertThat(texte).doesNotContain("?");
    }
  }

  @Test
  void gsubDesactiveSurLesPolicesAnalysees() throws IOException {
    try (PDDocument d = new PDDocument();
        Polices.Jeu polices = Polices.emprunter()) {
      assertThat(polices.normale(d).getGsubData())
          .isSameAs(org.apache.fontbox.ttf.model.GsubData.NO_DATA_FOUND);
      assertThat(polices.grasse(d).getGsubData())
          .isSameAs(org.apache.fontbox.ttf.model.GsubData.NO_DATA_FOUND);
    }
  }

  /**
   * Parsed fonts weigh about 5.5 MB each: however many threads issue documents (63 HTTP threads at
   * concurrency 32 in the benchmark), no more than a few pairs are ever parsed, and every document
   * still comes out whole.
   */
  @Test
  void vingtFilsNeFontAnalyserQueQuelquesPaires() throws Exception {
    int fils = 20;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(fils);
    java.util.concurrent.CountDownLatch depart = new java.util.concurrent.CountDownLatch(1);
    java.util.List<java.util.concurrent.Future<byte[]>> pdfs = new java.util.ArrayList<>();
    for (int i = 0; i < fils * 2; i++) {
      int k = i;
      pdfs.add(
          pool.submit(
              () -> {
                depart.await();
                try (MiseEnPage p = new MiseEnPage("Document " + k, "Parcelle")) {
                  return p.titre("Document " + k).paragraphe(FRANCAIS).pdf();
                }
              }));
    }
    depart.countDown();
    for (java.util.concurrent.Future<byte[]> f : pdfs) {
      try (PDDocument d = Loader.loadPDF(f.get(60, java.util.concurrent.TimeUnit.SECONDS))) {
        assertThat(new PDFTextStripper().getText(d)).contains("Document ");
      }
    }
    pool.shutdown();
    assertThat(Polices.pairesAnalysees()).isBetween(1, Polices.PAIRES);
  }
}
