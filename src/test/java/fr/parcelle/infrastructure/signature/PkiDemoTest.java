package fr.parcelle.infrastructure.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo PKI: root → intermediate → the demo maire, made once and kept. */
class PkiDemoTest {

  @Test
  void laChaineDeDemonstrationEstCreeeUneFoisEtJamaisRegeneree(@TempDir Path cles)
      throws Exception {
    PkiDemo pki = new PkiDemo(cles, Clock.systemUTC(), variable -> null);
    assertThat(pki.installer()).isTrue();
    Path p12 = cles.resolve("maire.p12");
    byte[] avant = Files.readAllBytes(p12);
    FileTime date = Files.getLastModifiedTime(p12);

    assertThat(new PkiDemo(cles, Clock.systemUTC(), variable -> null).installer()).isFalse();
    assertThat(Files.readAllBytes(p12)).isEqualTo(avant);
    assertThat(Files.getLastModifiedTime(p12)).isEqualTo(date);
    assertThat(Files.getPosixFilePermissions(p12).toString())
        .isEqualTo("[OWNER_READ, OWNER_WRITE]");

    Certificate[] chaine = chaine(p12, Trousseaux.MOT_DE_PASSE_DEMO);
    assertThat(chaine).hasSize(3);
    X509Certificate maire = (X509Certificate) chaine[0];
    X509Certificate intermediaire = (X509Certificate) chaine[1];
    X509Certificate racine = (X509Certificate) chaine[2];

    assertThat(maire.getSubjectX500Principal().getName())
        .isEqualTo("CN=Maëlle Maire de Vern-sur-Seiche,O=Commune de Vern-sur-Seiche,C=FR");
    assertThat(racine.getSubjectX500Principal().getName())
        .isEqualTo("CN=Parcelle — AC de démonstration,O=Parcelle,C=FR");
    assertThat(maire.getIssuerX500Principal()).isEqualTo(intermediaire.getSubjectX500Principal());
    assertThat(intermediaire.getIssuerX500Principal()).isEqualTo(racine.getSubjectX500Principal());
    maire.verify(intermediaire.getPublicKey());
    intermediaire.verify(racine.getPublicKey());
    racine.verify(racine.getPublicKey());

    // Signer: digitalSignature + nonRepudiation, not a CA. CAs: basicConstraints CA, keyCertSign.
    boolean[] usages = maire.getKeyUsage();
    assertThat(usages[0]).isTrue();
    assertThat(usages[1]).isTrue();
    assertThat(usages[5]).isFalse();
    assertThat(maire.getBasicConstraints()).isEqualTo(-1);
    assertThat(racine.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(racine.getKeyUsage()[5]).isTrue();
    assertThat(intermediaire.getBasicConstraints()).isEqualTo(0);
    assertThat(Duration.between(maire.getNotBefore().toInstant(), maire.getNotAfter().toInstant()))
        .isBetween(Duration.ofDays(3 * 365), Duration.ofDays(3 * 366));

    // The exported root, in PEM for a PDF reader, is the chain's root.
    try (InputStream in = Files.newInputStream(cles.resolve("ac-demo-racine.pem"))) {
      assertThat(CertificateFactory.getInstance("X.509").generateCertificate(in)).isEqualTo(racine);
    }
    assertThat(Files.readString(cles.resolve("ac-demo-racine.pem")))
        .startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(pki.racine()).isEqualTo(racine);
  }

  @Test
  void unMotDePasseDonneParLEnvironnementProtegeLeTrousseau(@TempDir Path cles) throws Exception {
    Map<String, String> environnement = Map.of("PARCELLE_SIGNATURE_PASSWORD_MAIRE", "s3cret!");
    new PkiDemo(cles, Clock.systemUTC(), environnement::get).installer();
    assertThat(chaine(cles.resolve("maire.p12"), "s3cret!")).hasSize(3);
    assertThatThrownBy(() -> chaine(cles.resolve("maire.p12"), Trousseaux.MOT_DE_PASSE_DEMO))
        .isInstanceOf(IOException.class);
  }

  @Test
  void leNomDeLaVariableSuitLIdentifiant() {
    assertThat(Trousseaux.variable("maire")).isEqualTo("PARCELLE_SIGNATURE_PASSWORD_MAIRE");
    assertThat(Trousseaux.variable("j.le-goff")).isEqualTo("PARCELLE_SIGNATURE_PASSWORD_J_LE_GOFF");
  }

  private static Certificate[] chaine(Path p12, String motDePasse) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, motDePasse.toCharArray());
    }
    return ks.getCertificateChain("maire");
  }
}
