package fr.parcelle.infrastructure.signature;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Small EC P-256 certificates for tests: a self-signed signer, a TSA and its root. */
final class CertificatsDeTest {

  record Identite(KeyPair cles, X509Certificate certificat) {}

  private CertificatsDeTest() {}

  static KeyPair paireEc() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** A self-signed certificate; a CA when {@code ca}, else a signer or (with EKU) a TSA. */
  static Identite autoSigne(String nom, boolean ca) throws Exception {
    KeyPair p = paireEc();
    return new Identite(p, certificat(nom, p, new X500Name(nom), p, ca, false));
  }

  static Identite emis(String nom, Identite emetteur, boolean horodatage) throws Exception {
    KeyPair p = paireEc();
    return new Identite(
        p,
        certificat(
            nom,
            p,
            X500Name.getInstance(emetteur.certificat().getSubjectX500Principal().getEncoded()),
            emetteur.cles(),
            false,
            horodatage));
  }

  private static X509Certificate certificat(
      String sujet, KeyPair cles, X500Name emetteur, KeyPair clesEmetteur, boolean ca, boolean tsa)
      throws Exception {
    Instant maintenant = Instant.now();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            emetteur,
            BigInteger.valueOf(maintenant.toEpochMilli())
                .add(BigInteger.valueOf(System.nanoTime())),
            Date.from(maintenant.minus(Duration.ofHours(1))),
            Date.from(maintenant.plus(Duration.ofDays(365))),
            new X500Name(sujet),
            cles.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(
            ca
                ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    if (tsa) {
      b.addExtension(
          Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(clesEmetteur.getPrivate())));
  }
}
