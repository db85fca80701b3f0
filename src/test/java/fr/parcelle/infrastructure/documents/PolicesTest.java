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
    try (PDDocument d = new PDDocument()) {
      assertThat(Polices.normale(d).getGsubData())
          .isSameAs(org.apache.fontbox.ttf.model.GsubData.NO_DATA_FOUND);
      assertThat(Polices.grasse(d).getGsubData())
          .isSameAs(org.apache.fontbox.ttf.model.GsubData.NO_DATA_FOUND);
    }
  }
}
