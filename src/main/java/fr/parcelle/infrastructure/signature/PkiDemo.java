package fr.parcelle.infrastructure.signature;

import fr.parcelle.infrastructure.identite.ComptesDemo;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Demo mode's signing keys: at first start, a demo root CA, an intermediate CA and the certificate
 * of the demo maire of Vern-sur-Seiche, kept in the keystores directory ({@code maire.p12}) with
 * the root exported ({@code ac-demo-racine.pem}, {@code .cer}) so that a PDF reader can be told to
 * trust it. Never regenerated once there: signed acts keep verifying against the same root.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PkiDemo {

  private static final Logger LOG = Logger.getLogger(PkiDemo.class.getName());

  static final String LOGIN_MAIRE = "maire";

  /** The demo accounts that sign (autorites-competentes.csv): the maire and a delegate. */
  static final java.util.List<String> SIGNATAIRES_DEMO = java.util.List.of(LOGIN_MAIRE, "adjoint");

  static final String RACINE_PEM = "ac-demo-racine.pem";
  static final String RACINE_CER = "ac-demo-racine.cer";
  static final String NOM_RACINE = "Parcelle — AC de démonstration";
  static final String NOM_INTERMEDIAIRE = "Parcelle — AC des signataires (démonstration)";
  static final String COMMUNE = "Commune de Vern-sur-Seiche";
  private static final Duration VALIDITE = Duration.ofDays(3 * 365 + 1);

  @Inject
  @ConfigProperty(name = "parcelle.demo.enabled", defaultValue = "false")
  boolean demo;

  /** Demo keys never go with a real database, like the demo accounts. */
  @Inject
  @ConfigProperty(name = "parcelle.db.embedded", defaultValue = "false")
  boolean baseEmbarquee;

  @Inject
  @ConfigProperty(name = "parcelle.signature.keystores-dir", defaultValue = "data/signature")
  String repertoire;

  @Inject Clock horloge;

  private Trousseaux trousseaux;
  private final SecureRandom aleas = new SecureRandom();

  public PkiDemo() {}

  /** For use outside the container: {@link #installer()} then creates the keys on demand. */
  public PkiDemo(Path repertoire, Clock horloge, Function<String, String> environnement) {
    this.repertoire = repertoire.toString();
    this.horloge = horloge;
    this.trousseaux = new Trousseaux(repertoire, true, environnement);
  }

  @PostConstruct
  void demarrer() {
    if (!demo) {
      return;
    }
    if (!baseEmbarquee) {
      LOG.warning(
          "Mode démo refusé avec une base de données externe : aucune clé de démonstration");
      return;
    }
    trousseaux = new Trousseaux(Path.of(repertoire).toAbsolutePath(), true, System::getenv);
    try {
      installer();
    } catch (RuntimeException e) {
      // The platform runs without; the maire's signature then says what is missing.
      LOG.log(Level.SEVERE, "Clés de signature de démonstration impossibles à créer", e);
    }
  }

  /** Creates the demo chain and the maire's keystore unless it exists; says whether it did. */
  public boolean installer() {
    Path p12 = trousseaux.fichier(LOGIN_MAIRE);
    if (Files.exists(p12)) {
      return false;
    }
    try {
      Files.createDirectories(trousseaux.repertoire());
      Instant debut = horloge.instant().minus(Duration.ofHours(1));
      Instant fin = horloge.instant().plus(VALIDITE);

      KeyPair racine = paire();
      X500Name nomRacine = nom(NOM_RACINE, "Parcelle");
      X509Certificate certRacine =
          signer(
              nomRacine,
              racine,
              nomRacine,
              racine,
              null,
              debut,
              fin,
              new BasicConstraints(true),
              KeyUsage.keyCertSign | KeyUsage.cRLSign);

      KeyPair intermediaire = paire();
      X500Name nomIntermediaire = nom(NOM_INTERMEDIAIRE, "Parcelle");
      X509Certificate certIntermediaire =
          signer(
              nomIntermediaire,
              intermediaire,
              nomRacine,
              racine,
              certRacine,
              debut,
              fin,
              new BasicConstraints(0),
              KeyUsage.keyCertSign | KeyUsage.cRLSign);

      ecrire(trousseaux.repertoire().resolve(RACINE_CER), certRacine.getEncoded(), false);
      ecrire(
          trousseaux.repertoire().resolve(RACINE_PEM),
          pem(certRacine).getBytes(StandardCharsets.US_ASCII),
          false);
      // One key per demo signer: the maire and the adjoint who signs by delegation.
      for (String login : SIGNATAIRES_DEMO) {
        ComptesDemo.Compte compte =
            ComptesDemo.COMPTES.stream()
                .filter(c -> c.login().equals(login))
                .findFirst()
                .orElseThrow();
        KeyPair cle = paire();
        X509Certificate cert =
            signer(
                nom(compte.prenom() + " " + compte.nom(), COMMUNE),
                cle,
                nomIntermediaire,
                intermediaire,
                certIntermediaire,
                debut,
                fin,
                new BasicConstraints(false),
                KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
        char[] motDePasse = trousseaux.motDePasse(login);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(
            login,
            cle.getPrivate(),
            motDePasse,
            new Certificate[] {cert, certIntermediaire, certRacine});
        ByteArrayOutputStream octets = new ByteArrayOutputStream();
        ks.store(octets, motDePasse);
        ecrire(trousseaux.fichier(login), octets.toByteArray(), true);
      }
      LOG.info(
          () ->
              "Clés de signature de démonstration créées dans "
                  + trousseaux.repertoire()
                  + " (racine à déclarer de confiance : "
                  + RACINE_PEM
                  + ")");
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Clés de démonstration impossibles à créer", e);
    }
  }

  /** The demo root certificate: the trust anchor of demo signatures. */
  public X509Certificate racine() {
    try (InputStream in = Files.newInputStream(trousseaux.repertoire().resolve(RACINE_CER))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private KeyPair paire() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(3072, aleas);
    return g.generateKeyPair();
  }

  /** C, O, CN in this order: readers show "CN=…, O=…, C=FR". */
  private static X500Name nom(String cn, String organisation) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.C, "FR")
        .addRDN(BCStyle.O, organisation)
        .addRDN(BCStyle.CN, cn)
        .build();
  }

  private X509Certificate signer(
      X500Name sujet,
      KeyPair paire,
      X500Name emetteur,
      KeyPair paireEmetteur,
      X509Certificate certEmetteur,
      Instant debut,
      Instant fin,
      BasicConstraints contraintes,
      int usages)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    JcaX509ExtensionUtils outils = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            emetteur,
            new BigInteger(127, aleas).add(BigInteger.ONE),
            Date.from(debut),
            Date.from(fin),
            sujet,
            paire.getPublic());
    b.addExtension(Extension.basicConstraints, true, contraintes);
    b.addExtension(Extension.keyUsage, true, new KeyUsage(usages));
    b.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        outils.createSubjectKeyIdentifier(paire.getPublic()));
    b.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        certEmetteur == null
            ? outils.createAuthorityKeyIdentifier(paireEmetteur.getPublic())
            : outils.createAuthorityKeyIdentifier(certEmetteur));
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(paireEmetteur.getPrivate())));
  }

  private static String pem(X509Certificate c) throws GeneralSecurityException {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(c.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  private static void ecrire(Path cible, byte[] contenu, boolean secret) throws IOException {
    Path temporaire = cible.resolveSibling(cible.getFileName() + ".part");
    Files.write(temporaire, contenu);
    if (secret) {
      try {
        Files.setPosixFilePermissions(temporaire, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's own rights apply
      }
    }
    Files.move(
        temporaire, cible, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
