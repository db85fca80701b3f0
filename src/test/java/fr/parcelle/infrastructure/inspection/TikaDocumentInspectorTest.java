package fr.parcelle.infrastructure.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.domain.port.DocumentInspector.Inspection;
import fr.parcelle.support.Fichiers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.tika.mime.MediaType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Formats are told from the bytes (A423-5: PDF, JPEG and PNG accepted), never from a name. */
class TikaDocumentInspectorTest {

  private static final TikaDocumentInspector INSPECTEUR = new TikaDocumentInspector();

  @BeforeAll
  static void initialiser() {
    INSPECTEUR.initialiser();
  }

  private static Inspection inspecter(byte[] contenu) throws IOException {
    return INSPECTEUR.inspecter(new ByteArrayInputStream(contenu));
  }

  @Test
  void reconnait_les_trois_formats_acceptes() throws IOException {
    assertThat(inspecter(Fichiers.pdf())).isEqualTo(new Inspection("application/pdf"));
    assertThat(inspecter(Fichiers.jpeg())).isEqualTo(new Inspection("image/jpeg"));
    assertThat(inspecter(Fichiers.png())).isEqualTo(new Inspection("image/png"));
    assertThat(inspecter(Fichiers.pdf()).estFormatAccepte()).isTrue();
    assertThat(inspecter(Fichiers.png()).estFormatAccepte()).isTrue();
  }

  @Test
  void refuse_une_archive_ou_un_texte_quel_que_soit_son_nom() throws IOException {
    assertThat(inspecter(Fichiers.zip()).typeMedia()).isEqualTo("application/zip");
    assertThat(inspecter(Fichiers.zip()).estFormatAccepte()).isFalse();
    assertThat(
            inspecter("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))
                .estFormatAccepte())
        .isFalse();
    assertThat(inspecter(new byte[0]).estFormatAccepte()).isFalse();
  }

  @Test
  void un_faux_pdf_qui_n_en_a_que_l_extension_n_est_pas_un_pdf() throws IOException {
    byte[] faux = "Ceci n'est pas un plan.pdf".getBytes(StandardCharsets.UTF_8);
    assertThat(inspecter(faux).typeMedia()).isNotEqualTo("application/pdf");
  }

  @Test
  void l_ocr_n_est_jamais_lance_sur_les_pieces() {
    assertThat(INSPECTEUR.analyseur().getParsers().keySet())
        .as("types pris en charge par l'analyseur partagé")
        .contains(MediaType.application("pdf"));
    assertThat(INSPECTEUR.analyseur().toString()).doesNotContain("TesseractOCRParser");
    assertThat(
            INSPECTEUR.analyseur().getParsers().values().stream().map(p -> p.getClass().getName()))
        .doesNotContain("org.apache.tika.parser.ocr.TesseractOCRParser");
  }
}
