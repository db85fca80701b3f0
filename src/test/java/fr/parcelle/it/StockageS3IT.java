package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.parcelle.launcher.EmbeddedDatabase;
import fr.parcelle.support.Fichiers;
import fr.parcelle.support.PostgresDeTest;
import fr.parcelle.support.S3EnMemoire;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageType;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.Test;

/**
 * The platform as deployed with {@code parcelle.storage.type=s3}: the real WAR in Payara Micro,
 * configured by the environment as an operator would, keeping pièces and issued documents in an
 * S3-compatible bucket (s3proxy in this JVM, SigV4, over jclouds' in-memory store). A DP is filed
 * and deposited over HTTP; the bucket, looked at from the side, holds each file under its content
 * address, the API gives the pièce back byte for byte from there, and the server's disk keeps no
 * original.
 */
class StockageS3IT {

  private static final String SEAU = "parcelle-it";
  private static final String ACCES = "parcelle-it";
  private static final String SECRET = "secret-de-test-s3-it";

  @Test
  void un_depot_range_ses_pieces_et_documents_dans_le_seau_et_les_rend_a_l_identique()
      throws Exception {
    Path racine = PlateformeEnProcessus.repertoireNeuf("stockage-s3");
    BlobStoreContext contexte = S3EnMemoire.magasin(SEAU);
    BlobStore seau = contexte.getBlobStore();
    int portS3 = PostgresDeTest.portLibre();
    S3Proxy s3 = S3EnMemoire.demarrer(seau, portS3, ACCES, SECRET);
    try (EmbeddedDatabase base =
        EmbeddedDatabase.demarrer(
            racine.resolve("postgres"),
            PlateformeEnProcessus.portReserve("parcelle.test.s3.db.port"))) {
      PlateformeEnProcessus plateforme =
          new PlateformeEnProcessus(
              base,
              racine,
              PlateformeEnProcessus.portReserve("parcelle.test.s3.http.port"),
              Map.of(
                  "PARCELLE_STORAGE_TYPE",
                  "s3",
                  "PARCELLE_STORAGE_S3_ENDPOINT",
                  "http://127.0.0.1:" + portS3,
                  "PARCELLE_STORAGE_S3_BUCKET",
                  SEAU,
                  // s3proxy 3.1 answers 501 to x-amz-checksum-sha256 (StockageS3Test): Content-MD5
                  // alone, as an operator sets it for such a store.
                  "PARCELLE_STORAGE_S3_CHECKSUM_SHA256",
                  "false",
                  "PARCELLE_STORAGE_S3_ACCESS_KEY",
                  ACCES,
                  "PARCELLE_STORAGE_S3_SECRET_KEY",
                  SECRET));
      try {
        plateforme.demarrer();
        HttpClient http = HttpClient.newHttpClient();
        java.net.URL adresse = URI.create(plateforme.adresse() + "/").toURL();

        String id = DpDeTest.deposer(http, adresse, "Durand", "Abri de jardin de 12 m²");

        // The uploaded pièce, under its SHA-256 address, given back by the API byte for byte.
        byte[] pdf = Fichiers.pdf();
        List<String> cles = cles(seau);
        assertTrue(cles.contains(adresse(sha256(pdf))), cles.toString());
        HttpResponse<byte[]> piece =
            http.send(
                DpDeTest.requete(adresse, "api/v1/dossiers/" + id + "/pieces/DP1").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, piece.statusCode());
        assertArrayEquals(pdf, piece.body());

        // The deposit's receipt, issued by the server, went to the bucket as well.
        HttpResponse<byte[]> recepisse =
            http.send(
                DpDeTest.requete(adresse, "api/v1/dossiers/" + id + "/documents/recepisse")
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, recepisse.statusCode());
        assertTrue(cles(seau).contains(adresse(sha256(recepisse.body()))), cles(seau).toString());

        // Every object is whole: its content hashes to the address it is stored under.
        for (String cle : cles(seau)) {
          try (InputStream in = seau.getBlob(SEAU, cle).getPayload().openStream()) {
            assertEquals(adresse(sha256(in.readAllBytes())), cle);
          }
        }

        // No original stays on the server's disk: only the (empty) reception directory.
        Path local = racine.resolve("documents");
        try (Stream<Path> fichiers = Files.exists(local) ? Files.walk(local) : Stream.empty()) {
          List<Path> restes = fichiers.filter(Files::isRegularFile).toList();
          assertFalse(
              restes.stream().anyMatch(f -> f.getFileName().toString().equals(sha256(pdf))),
              restes.toString());
          assertEquals(List.of(), restes);
        }
      } finally {
        plateforme.tuer();
      }
    } finally {
      s3.stop();
      contexte.close();
    }
  }

  private static List<String> cles(BlobStore seau) {
    return seau.list(SEAU, ListContainerOptions.Builder.recursive()).stream()
        .filter(m -> m.getType() == StorageType.BLOB)
        .map(m -> m.getName())
        .toList();
  }

  private static String adresse(String sha256) {
    return sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
  }

  private static String sha256(byte[] octets) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(octets));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
