package fr.parcelle.infrastructure.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.domain.model.piece.PieceRefuseeException;
import fr.parcelle.domain.model.piece.RaisonRefus;
import fr.parcelle.domain.port.DocumentInspector.Inspection;
import fr.parcelle.support.Fichiers;
import fr.parcelle.support.PdfDeTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule of the pièce check, on files the tests make themselves. The name of a file never
 * matters.
 */
class InspecteurDePiecesTest {

  private static final InspecteurDePieces INSPECTEUR = new InspecteurDePieces();

  @TempDir Path dossier;

  @BeforeAll
  static void initialiser() {
    INSPECTEUR.maxPages = 5;
    INSPECTEUR.initialiser();
  }

  @AfterAll
  static void arreter() {
    INSPECTEUR.arreter();
  }

  private Inspection inspecter(byte[] contenu) throws IOException {
    Path f = Files.createTempFile(dossier, "piece", ".pdf"); // a misleading name, on purpose
    Files.write(f, contenu);
    return INSPECTEUR.inspecter(f);
  }

  private void refuse(byte[] contenu, RaisonRefus raison) {
    assertThatThrownBy(() -> inspecter(contenu))
        .isInstanceOfSatisfying(
            PieceRefuseeException.class, e -> assertThat(e.raison()).isEqualTo(raison));
  }

  @Test
  void accepte_un_pdf_sain_et_compte_ses_pages() throws IOException {
    assertThat(inspecter(PdfDeTest.sain(3)))
        .isEqualTo(new Inspection("application/pdf", Optional.of(3)));
  }

  @Test
  void accepte_les_images_jpeg_et_png() throws IOException {
    assertThat(inspecter(Fichiers.jpeg()))
        .isEqualTo(new Inspection("image/jpeg", Optional.empty()));
    assertThat(inspecter(Fichiers.png())).isEqualTo(new Inspection("image/png", Optional.empty()));
  }

  @Test
  void refuse_un_fichier_vide() {
    refuse(new byte[0], RaisonRefus.FICHIER_VIDE);
  }

  @Test
  void refuse_les_fichiers_tronques_ou_corrompus() {
    refuse(PdfDeTest.tronque(), RaisonRefus.FICHIER_CORROMPU);
    refuse(Fichiers.tronque(Fichiers.png()), RaisonRefus.FICHIER_CORROMPU);
    refuse(Fichiers.tronque(Fichiers.jpeg()), RaisonRefus.FICHIER_CORROMPU);
    refuse(
        "%PDF-1.7\nceci n'est pas un PDF\n%%EOF\n".getBytes(StandardCharsets.US_ASCII),
        RaisonRefus.FICHIER_CORROMPU);
  }

  @Test
  void refuse_les_pdf_chiffres_avec_ou_sans_mot_de_passe_d_ouverture() {
    refuse(PdfDeTest.chiffreAvecMotDePasse(), RaisonRefus.PDF_CHIFFRE);
    refuse(PdfDeTest.restreintSansMotDePasse(), RaisonRefus.PDF_CHIFFRE);
  }

  @Test
  void refuse_les_pdf_a_contenu_actif() {
    refuse(PdfDeTest.avecJavaScript(), RaisonRefus.PDF_CONTENU_ACTIF);
    refuse(PdfDeTest.avecLancement(), RaisonRefus.PDF_CONTENU_ACTIF);
    refuse(PdfDeTest.avecFichierJoint(), RaisonRefus.PDF_CONTENU_ACTIF);
    refuse(PdfDeTest.avecXfa(), RaisonRefus.PDF_CONTENU_ACTIF);
  }

  @Test
  void refuse_les_donnees_cachees_apres_la_fin_du_pdf_au_dela_d_une_petite_tolerance()
      throws IOException {
    byte[] charge = new byte[4096];
    java.util.Arrays.fill(charge, (byte) 'X');
    refuse(PdfDeTest.suiviDe(charge), RaisonRefus.PDF_DONNEES_CACHEES);
    refuse(PdfDeTest.suiviDe(Fichiers.executable()), RaisonRefus.PDF_DONNEES_CACHEES);
    assertThat(
            inspecter(PdfDeTest.suiviDe("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                .typeMedia())
        .isEqualTo("application/pdf");
  }

  @Test
  void refuse_un_pdf_au_dela_de_la_limite_de_pages() throws IOException {
    assertThat(inspecter(PdfDeTest.sain(5)).pages()).contains(5);
    refuse(PdfDeTest.sain(6), RaisonRefus.PDF_TROP_DE_PAGES);
  }

  @Test
  void refuse_une_image_geante_d_apres_son_en_tete_sans_la_decoder() {
    long avant = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    refuse(Fichiers.pngDeclarant(100_000, 100_000), RaisonRefus.IMAGE_TROP_GRANDE);
    long apres = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    assertThat(apres - avant).as("aucun pixel décodé").isLessThan(64L * 1024 * 1024);
  }

  @Test
  void refuse_executables_html_svg_et_archives_quel_que_soit_leur_nom() {
    refuse(Fichiers.executable(), RaisonRefus.FORMAT_NON_ACCEPTE);
    refuse(Fichiers.zip(), RaisonRefus.FORMAT_NON_ACCEPTE);
    refuse(
        "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
            .getBytes(StandardCharsets.UTF_8),
        RaisonRefus.FORMAT_NON_ACCEPTE);
    refuse(
        "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
            .getBytes(StandardCharsets.UTF_8),
        RaisonRefus.FORMAT_NON_ACCEPTE);
  }

  @Test
  void detecte_le_format_d_apres_le_contenu() throws IOException {
    assertThat(INSPECTEUR.detecter(new java.io.ByteArrayInputStream(Fichiers.pdf())))
        .isEqualTo("application/pdf");
    assertThat(INSPECTEUR.detecter(new java.io.ByteArrayInputStream(Fichiers.png())))
        .isEqualTo("image/png");
  }

  /**
   * The cheap first detection (the accepted formats' offset-0 signatures) gives Tika's full verdict
   * on every accepted file, and hands everything else to the full detector: a PDF signature later
   * in the file, which Tika only trusts at low priority, does not make HTML pass as a PDF.
   */
  @Test
  void la_detection_rapide_donne_le_verdict_complet_de_tika() throws IOException {
    byte[] pdfAvecBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Fichiers.pdf());
    for (byte[] accepte :
        new byte[][] {
          Fichiers.pdf(), PdfDeTest.sain(2), pdfAvecBom, Fichiers.jpeg(), Fichiers.png()
        }) {
      Path f = Files.write(Files.createTempFile(dossier, "accepte", ".bin"), accepte);
      assertThat(INSPECTEUR.typeDetecte(f))
          .isIn("application/pdf", "image/jpeg", "image/png")
          .isEqualTo(INSPECTEUR.detecter(Files.newInputStream(f)));
    }
    byte[] htmlPuisPdf =
        "<html><body>%PDF-1.7 pas un PDF</body></html>".getBytes(StandardCharsets.US_ASCII);
    byte[] zipPuisPdf = concat(Fichiers.zip(), "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
    for (byte[] refuse : new byte[][] {htmlPuisPdf, zipPuisPdf, Fichiers.executable()}) {
      Path f = Files.write(Files.createTempFile(dossier, "refuse", ".pdf"), refuse);
      assertThat(INSPECTEUR.typeDetecte(f))
          .isNotIn("application/pdf", "image/jpeg", "image/png")
          .isEqualTo(INSPECTEUR.detecter(Files.newInputStream(f)));
      refuse(refuse, RaisonRefus.FORMAT_NON_ACCEPTE);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
