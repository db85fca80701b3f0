package fr.parcelle.infrastructure.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.parcelle.domain.model.dossier.NatureDecision;
import fr.parcelle.domain.port.Signataire;
import fr.parcelle.domain.port.SignatureImpossibleException;
import fr.parcelle.infrastructure.documents.DocumentsPdfATest;
import fr.parcelle.infrastructure.documents.GenerateurPdf;
import fr.parcelle.infrastructure.documents.ModeleArreteTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The maire signs a generated arrêté; the signature is checked by {@link VerificateurSignatures},
 * by veraPDF (the signed act stays PDF/A-2b) and by poppler's pdfsig, an independent validator.
 */
class SignatairePadesTest {

  static final Signataire MAIRE =
      new Signataire(
          "maire", "Maëlle Maire de Vern-sur-Seiche", "Maire de Vern-sur-Seiche", "35352");

  @TempDir static Path cles;
  private static PkiDemo pki;
  private static X509Certificate racineDemo;
  private static byte[] arrete;
  private static byte[] signe;

  @BeforeAll
  static void signerUnArrete() {
    pki = new PkiDemo(cles, Clock.systemUTC(), variable -> null);
    pki.installer();
    racineDemo = pki.racine();
    arrete = new GenerateurPdf().arrete(ModeleArreteTest.arrete(NatureDecision.ACCORD));
    signe = signataire(Optional.empty()).signer(arrete, MAIRE);
  }

  static SignatairePades signataire(Optional<java.net.URI> tsa) {
    return new SignatairePades(cles, tsa, true, variable -> null, Clock.systemUTC());
  }

  private static VerificateurSignatures verificateur(X509Certificate... ancres) {
    return new VerificateurSignatures(List.of(ancres));
  }

  @Test
  void laSignatureDuMaireEstValideEtPadesBB() {
    List<SignatureVerifiee> signatures = verificateur(racineDemo).verifier(signe);

    assertThat(signatures).hasSize(1);
    SignatureVerifiee s = signatures.get(0);
    assertThat(s.anomalies()).isEmpty();
    assertThat(s.valide()).isTrue();
    assertThat(s.integre()).isTrue();
    assertThat(s.couvreToutLeFichier()).isTrue();
    assertThat(s.chaineValide()).isTrue();
    assertThat(s.attributsSignesValides()).isTrue();
    assertThat(s.niveau()).isEqualTo(NiveauPades.B_B);
    assertThat(s.sousFiltre()).isEqualTo("ETSI.CAdES.detached");
    assertThat(s.signataire()).isEqualTo("Maëlle Maire de Vern-sur-Seiche");
    assertThat(s.nomDeclare()).contains("Maëlle Maire de Vern-sur-Seiche");
    assertThat(s.champ()).isEqualTo("SignatureMaire");
    assertThat(s.dateSignature()).isPresent();
    assertThat(Duration.between(s.dateSignature().get(), Instant.now()).abs())
        .isLessThan(Duration.ofMinutes(5));
    assertThat(s.horodatage()).isEmpty();
  }

  @Test
  void leCmsPorteLaChaineEntiereEtSeulementLesTroisAttributsSignesDePades() throws Exception {
    CMSSignedData cms;
    try (PDDocument d = Loader.loadPDF(signe)) {
      PDSignature signature = d.getSignatureDictionaries().get(0);
      assertThat(signature.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
      assertThat(signature.getSignDate()).isNotNull();
      cms =
          new CMSSignedData(
              new CMSProcessableByteArray(signature.getSignedContent(signe)),
              signature.getContents(signe));
    }
    assertThat(cms.isDetachedSignature()).isTrue();
    assertThat(cms.getCertificates().getMatches(null)).hasSize(3);
    SignerInformation info = cms.getSignerInfos().getSigners().iterator().next();
    assertThat(info.getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.1");
    assertThat(info.getSignedAttributes().toHashtable().keySet())
        .containsExactlyInAnyOrder(
            CMSAttributes.contentType,
            CMSAttributes.messageDigest,
            PKCSObjectIdentifiers.id_aa_signingCertificateV2);
    assertThat(info.getUnsignedAttributes()).isNull();
  }

  @Test
  void lArreteSigneResteLeMemeDocumentPdfA2bAvecSonBlocDeSignatureVisible() throws IOException {
    // Incremental update: the unsigned act is, byte for byte, the start of the signed one.
    assertThat(java.util.Arrays.equals(signe, 0, arrete.length, arrete, 0, arrete.length)).isTrue();
    DocumentsPdfATest.verifierPdfA(signe);
    try (PDDocument d = Loader.loadPDF(signe)) {
      PDSignatureField champ = d.getSignatureFields().get(0);
      PDAnnotationWidget widget = champ.getWidgets().get(0);
      PDPage derniere = d.getPage(d.getNumberOfPages() - 1);
      assertThat(derniere.getAnnotations())
          .anySatisfy(a -> assertThat(a.getCOSObject()).isSameAs(widget.getCOSObject()));
      assertThat(widget.isPrinted()).isTrue();
      // Draw the widget's appearance into the page to read it as text.
      PDFormXObject bloc =
          new PDFormXObject(
              widget.getAppearance().getNormalAppearance().getAppearanceStream().getCOSObject());
      try (PDPageContentStream cs =
          new PDPageContentStream(d, derniere, PDPageContentStream.AppendMode.APPEND, false)) {
        cs.saveGraphicsState();
        cs.transform(
            org.apache.pdfbox.util.Matrix.getTranslateInstance(
                widget.getRectangle().getLowerLeftX(), widget.getRectangle().getLowerLeftY()));
        cs.drawForm(bloc);
        cs.restoreGraphicsState();
      }
      PDFTextStripper texte = new PDFTextStripper();
      texte.setStartPage(d.getNumberOfPages());
      String page = texte.getText(d).replaceAll("\\s+", " ");
      assertThat(page)
          .contains("Signé électroniquement")
          .contains("par Maëlle Maire de Vern-sur-Seiche")
          .contains("Maire de Vern-sur-Seiche")
          .containsPattern(
              "le \\d{1,2} \\p{L}+ \\d{4} à \\d{2}:\\d{2}:\\d{2} \\(heure de Paris\\)");
    }
  }

  @Test
  void avecUneAutoriteDHorodatageLaSignatureEstBT() throws Exception {
    try (AutoriteHorodatageDeTest tsa = new AutoriteHorodatageDeTest()) {
      byte[] horodate = signataire(Optional.of(tsa.adresse())).signer(arrete, MAIRE);

      SignatureVerifiee s = verificateur(racineDemo, tsa.racine()).verifier(horodate).get(0);
      assertThat(tsa.requetesRecues()).isEqualTo(1);
      assertThat(s.anomalies()).isEmpty();
      assertThat(s.niveau()).isEqualTo(NiveauPades.B_T);
      assertThat(s.horodatageValide()).isTrue();
      assertThat(s.horodatage()).isPresent();
      assertThat(Duration.between(s.horodatage().get(), s.dateSignature().orElseThrow()).abs())
          .isLessThan(Duration.ofMinutes(1));
      assertThat(s.valide()).isTrue();
      DocumentsPdfATest.verifierPdfA(horodate);

      // A timestamp from an authority nobody trusts proves nothing.
      SignatureVerifiee sansConfiance = verificateur(racineDemo).verifier(horodate).get(0);
      assertThat(sansConfiance.horodatageValide()).isFalse();
      assertThat(sansConfiance.valide()).isFalse();
    }
  }

  @Test
  void unOctetChangeDansLaPlageSigneeRendLaSignatureInvalide() {
    int[] plage = plage(signe);
    // In the middle of the first signed part (the unsigned arrêté's bytes)...
    byte[] altere = signe.clone();
    int i = plage[1] / 2;
    altere[i] = (byte) (altere[i] ^ 0x01);
    SignatureVerifiee s = verificateur(racineDemo).verifier(altere).get(0);
    assertThat(s.integre()).isFalse();
    assertThat(s.valide()).isFalse();
    assertThat(s.anomalies()).isNotEmpty();

    // ...and in the second part, after the Contents hole (the signature's own update).
    byte[] altere2 = signe.clone();
    int j = plage[2] + plage[3] / 2;
    altere2[j] = (byte) (altere2[j] == ' ' ? '\n' : ' ');
    SignatureVerifiee s2 = verificateur(racineDemo).verifier(altere2).get(0);
    assertThat(s2.integre()).isFalse();
    assertThat(s2.valide()).isFalse();
  }

  @Test
  void desOctetsAjoutesApresLaSignatureSontDetectes() throws IOException {
    ByteArrayOutputStream ajout = new ByteArrayOutputStream();
    ajout.write(signe);
    ajout.write("\n% ajouté après la signature\n".getBytes(StandardCharsets.UTF_8));
    SignatureVerifiee s = verificateur(racineDemo).verifier(ajout.toByteArray()).get(0);
    assertThat(s.integre()).isTrue();
    assertThat(s.couvreToutLeFichier()).isFalse();
    assertThat(s.valide()).isFalse();
    assertThat(s.anomalies()).anyMatch(a -> a.contains("ne couvre pas tout le fichier"));

    // The same with a real incremental update that changes the document's title.
    ByteArrayOutputStream modifie = new ByteArrayOutputStream();
    try (PDDocument d = Loader.loadPDF(signe)) {
      d.getDocumentInformation().setTitle("Arrêté modifié");
      d.getDocumentInformation().getCOSObject().setNeedToBeUpdated(true);
      d.saveIncremental(modifie);
    }
    SignatureVerifiee s2 = verificateur(racineDemo).verifier(modifie.toByteArray()).get(0);
    assertThat(s2.integre()).isTrue();
    assertThat(s2.couvreToutLeFichier()).isFalse();
    assertThat(s2.valide()).isFalse();
  }

  @Test
  void uneCleQuiNeRemontePasALaRacineDeConfianceDonneUneChaineInvalide(@TempDir Path ailleurs)
      throws Exception {
    // An ECDSA key with its own self-signed certificate: the signature itself is sound.
    CertificatsDeTest.Identite intrus =
        CertificatsDeTest.autoSigne(
            "CN=Maëlle Maire de Vern-sur-Seiche, O=Usurpation, C=FR", false);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "intrus",
        intrus.cles().getPrivate(),
        "secret".toCharArray(),
        new Certificate[] {intrus.certificat()});
    try (var out = Files.newOutputStream(ailleurs.resolve("maire.p12"))) {
      ks.store(out, "secret".toCharArray());
    }
    Map<String, String> environnement = Map.of("PARCELLE_SIGNATURE_PASSWORD_MAIRE", "secret");
    byte[] usurpe =
        new SignatairePades(
                ailleurs, Optional.empty(), false, environnement::get, Clock.systemUTC())
            .signer(arrete, MAIRE);

    SignatureVerifiee s = verificateur(racineDemo).verifier(usurpe).get(0);
    assertThat(s.integre()).isTrue();
    assertThat(s.attributsSignesValides()).isTrue();
    assertThat(s.chaineValide()).isFalse();
    assertThat(s.valide()).isFalse();
    assertThat(s.anomalies())
        .anyMatch(a -> a.contains("ne remonte à aucune autorité de confiance"));
  }

  @Test
  void unDocumentSansEmplacementRecoitLeBlocEnBasDeSaDernierePage() throws IOException {
    byte[] aee = new GenerateurPdf().arrete(ModeleArreteTest.arrete(NatureDecision.OPPOSITION));
    // Remove the empty field: the signer then places its own.
    byte[] sansChamp;
    try (PDDocument d = Loader.loadPDF(aee)) {
      d.getDocumentCatalog().getAcroForm().getFields().clear();
      for (PDPage p : d.getPages()) {
        p.getAnnotations().clear();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      d.save(out);
      sansChamp = out.toByteArray();
    }
    byte[] signeSansChamp = signataire(Optional.empty()).signer(sansChamp, MAIRE);
    SignatureVerifiee s = verificateur(racineDemo).verifier(signeSansChamp).get(0);
    assertThat(s.valide()).isTrue();
    try (PDDocument d = Loader.loadPDF(signeSansChamp)) {
      PDAnnotationWidget widget = d.getSignatureFields().get(0).getWidgets().get(0);
      assertThat(d.getPage(d.getNumberOfPages() - 1).getAnnotations())
          .anySatisfy(a -> assertThat(a.getCOSObject()).isSameAs(widget.getCOSObject()));
    }
  }

  @Test
  void sansTrousseauOuSansMotDePasseLaSignatureEstRefuseeEnDisantPourquoi(@TempDir Path vide) {
    Signataire inconnu =
        new Signataire("conseiller", "Yves Conseiller", "Conseiller municipal", "35352");
    assertThatThrownBy(() -> signataire(Optional.empty()).signer(arrete, inconnu))
        .isInstanceOf(SignatureImpossibleException.class)
        .hasMessageContaining("Aucun certificat de signature pour « conseiller »");
    SignatairePades horsDemo =
        new SignatairePades(cles, Optional.empty(), false, variable -> null, Clock.systemUTC());
    assertThatThrownBy(() -> horsDemo.signer(arrete, MAIRE))
        .isInstanceOf(SignatureImpossibleException.class)
        .hasMessageContaining("PARCELLE_SIGNATURE_PASSWORD_MAIRE");
  }

  @Test
  void pdfsigDePopplerConfirmeLaSignatureEtLeSignataire(@TempDir Path dossier) throws Exception {
    assumeTrue(
        commandeDisponible("pdfsig"),
        "pdfsig absent : installer poppler-utils (apt-get install -y poppler-utils) pour ce test");
    Path fichier = dossier.resolve("arrete-signe.pdf");
    Files.write(fichier, signe);
    Process p = new ProcessBuilder("pdfsig", fichier.toString()).redirectErrorStream(true).start();
    String sortie = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(sortie)
        .contains("Signature #1")
        .contains("Signer Certificate Common Name: Maëlle Maire de Vern-sur-Seiche")
        .contains("Signature Type: ETSI.CAdES.detached")
        .contains("Signature Validation: Signature is Valid.");

    // And pdfsig sees a changed byte as well.
    byte[] altere = signe.clone();
    int i = plage(signe)[1] / 2;
    altere[i] = (byte) (altere[i] ^ 0x01);
    Files.write(fichier, altere);
    Process q = new ProcessBuilder("pdfsig", fichier.toString()).redirectErrorStream(true).start();
    String sortieAlteree = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    q.waitFor(30, TimeUnit.SECONDS);
    assertThat(sortieAlteree).doesNotContain("Signature is Valid");
  }

  private static boolean commandeDisponible(String commande) {
    try {
      Process p = new ProcessBuilder(commande, "-v").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static int[] plage(byte[] pdf) {
    try (PDDocument d = Loader.loadPDF(pdf)) {
      return d.getSignatureDictionaries().get(0).getByteRange();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
