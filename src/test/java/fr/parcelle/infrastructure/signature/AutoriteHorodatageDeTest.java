package fr.parcelle.infrastructure.signature;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A real RFC 3161 timestamp authority for tests: BouncyCastle's token generator behind the JDK's
 * HTTP server on the loopback address, with its own root. It answers what it is asked, as a TSA
 * does.
 */
final class AutoriteHorodatageDeTest implements AutoCloseable {

  private static final ASN1ObjectIdentifier POLITIQUE = new ASN1ObjectIdentifier("1.2.3.4.5.6");

  private final CertificatsDeTest.Identite racine;
  private final CertificatsDeTest.Identite tsa;
  private final HttpServer serveur;
  private final AtomicLong serie = new AtomicLong(1);
  private final AtomicInteger requetes = new AtomicInteger();

  AutoriteHorodatageDeTest() throws Exception {
    racine = CertificatsDeTest.autoSigne("CN=Racine d'horodatage de test, O=Parcelle, C=FR", true);
    tsa = CertificatsDeTest.emis("CN=Horodatage de test, O=Parcelle, C=FR", racine, true);
    TimeStampTokenGenerator jetons =
        new TimeStampTokenGenerator(
            new JcaSimpleSignerInfoGeneratorBuilder()
                .build("SHA256withECDSA", tsa.cles().getPrivate(), tsa.certificat()),
            new JcaDigestCalculatorProviderBuilder()
                .build()
                .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
            POLITIQUE);
    jetons.addCertificates(new JcaCertStore(List.of(tsa.certificat(), racine.certificat())));
    TimeStampResponseGenerator reponses =
        new TimeStampResponseGenerator(jetons, TSPAlgorithms.ALLOWED);

    serveur = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serveur.createContext(
        "/tsa",
        echange -> {
          try (InputStream in = echange.getRequestBody()) {
            requetes.incrementAndGet();
            TimeStampRequest requete = new TimeStampRequest(in.readAllBytes());
            TimeStampResponse reponse =
                reponses.generate(requete, BigInteger.valueOf(serie.getAndIncrement()), new Date());
            byte[] corps = reponse.getEncoded();
            echange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
            echange.sendResponseHeaders(200, corps.length);
            try (OutputStream out = echange.getResponseBody()) {
              out.write(corps);
            }
          } catch (Exception e) {
            echange.sendResponseHeaders(500, -1);
          } finally {
            echange.close();
          }
        });
    serveur.start();
  }

  URI adresse() {
    return URI.create(
        "http://"
            + InetAddress.getLoopbackAddress().getHostAddress()
            + ":"
            + serveur.getAddress().getPort()
            + "/tsa");
  }

  X509Certificate racine() {
    return racine.certificat();
  }

  int requetesRecues() {
    return requetes.get();
  }

  @Override
  public void close() throws IOException {
    serveur.stop(0);
  }
}
