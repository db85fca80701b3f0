package fr.parcelle.infrastructure.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.port.DocumentStore;
import fr.parcelle.support.S3EnMemoire;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link StockageS3} against a real S3 server in this JVM: s3proxy (the S3 REST API, SigV4
 * authentication, multipart) over jclouds' in-memory {@code transient} store. The bucket is looked
 * at from the side through jclouds, as an operator would with another client.
 */
class StockageS3Test {

  private static final String SEAU = "parcelle-test";
  private static final String ACCES = "parcelle";
  private static final String SECRET = "secret-de-test-s3";

  @TempDir Path temporaire;

  private BlobStoreContext contexte;
  private BlobStore seau;
  private S3Proxy serveur;
  private int port;
  private StockageS3 stockage;

  @BeforeEach
  void demarrer() throws Exception {
    contexte = S3EnMemoire.magasin(SEAU);
    seau = contexte.getBlobStore();
    port = portLibre();
    serveur = lancer(port);
    stockage = stockage(ACCES, SECRET, StockageS3.PARTIE_MIN);
  }

  @AfterEach
  void arreter() throws Exception {
    stockage.close();
    if (serveur != null) {
      serveur.stop();
    }
    contexte.close();
  }

  @Test
  void un_petit_fichier_revient_a_l_identique_sous_son_adresse() throws Exception {
    byte[] contenu = aleatoire(300_017, 1);

    Empreinte e = recevoirEtConserver(contenu);

    assertThat(e.sha256()).isEqualTo(sha256(contenu));
    assertThat(lire(e)).isEqualTo(contenu);
    String cle = e.sha256().substring(0, 2) + "/" + e.sha256().substring(2, 4) + "/" + e.sha256();
    assertThat(seau.blobExists(SEAU, cle)).isTrue();
    assertThat(seau.blobMetadata(SEAU, cle).getUserMetadata())
        .containsEntry("sha256", e.sha256())
        .containsEntry("sha512", e.sha512());
    assertThat(temporaires()).isZero();
  }

  @Test
  void un_gros_fichier_passe_par_un_envoi_en_plusieurs_parties_et_revient_a_l_identique()
      throws Exception {
    byte[] contenu = aleatoire(24 * 1024 * 1024 + 333, 2); // five parts of 5 MiB

    Empreinte e = recevoirEtConserver(contenu);

    try (InputStream in = stockage.ouvrir(e)) {
      // streamed and compared in slices: the object is never held twice in memory here
      byte[] tampon = new byte[1 << 20];
      int position = 0;
      int n;
      while ((n = in.readNBytes(tampon, 0, tampon.length)) > 0) {
        for (int i = 0; i < n; i++) {
          if (tampon[i] != contenu[position + i]) {
            throw new AssertionError("octet " + (position + i) + " différent");
          }
        }
        position += n;
      }
      assertThat(position).isEqualTo(contenu.length);
    }
    assertThat(
            seau.list(SEAU, org.jclouds.blobstore.options.ListContainerOptions.Builder.recursive()))
        .hasSize(1);
    // a multipart object's ETag is the MD5 of its parts' MD5s, suffixed with their number
    assertThat(seau.blobMetadata(SEAU, StockageS3.cle(e.sha256())).getETag()).endsWith("-5\"");
    assertThat(temporaires()).isZero();
  }

  @Test
  void le_meme_contenu_deux_fois_donne_un_seul_objet_qui_n_est_pas_reecrit() throws Exception {
    byte[] contenu = "récépissé de dépôt".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Empreinte a = stockage.conserver(contenu);
    String cle = StockageS3.cle(a.sha256());
    java.util.Date premier = seau.blobMetadata(SEAU, cle).getLastModified();
    String etag = seau.blobMetadata(SEAU, cle).getETag();
    Thread.sleep(1100); // a rewrite would show a later Last-Modified (second resolution)

    Empreinte b = stockage.conserver(contenu);

    assertThat(b).isEqualTo(a);
    assertThat(objets()).isEqualTo(1);
    assertThat(seau.blobMetadata(SEAU, cle).getLastModified()).isEqualTo(premier);
    assertThat(seau.blobMetadata(SEAU, cle).getETag()).isEqualTo(etag);
  }

  /**
   * The housekeeping's moves, as S3 has them: a server-side copy under {@code corbeille/} that
   * keeps the metadata, then the deletion of the original; a read of a trashed content puts it
   * back; the same bytes uploaded again are kept anew in place.
   */
  @Test
  void la_corbeille_met_de_cote_rend_a_la_lecture_et_supprime_pour_de_bon() throws Exception {
    byte[] contenu = aleatoire(200_000, 11);
    Empreinte e = recevoirEtConserver(contenu);
    String cle = StockageS3.cle(e.sha256());
    String jetee = StockageS3.CORBEILLE + cle;
    Instant apres = Instant.now().plusSeconds(60);

    List<String> enPlace = new ArrayList<>();
    stockage.parcourir(apres, enPlace::add);
    assertThat(enPlace).containsExactly(e.sha256());
    List<String> rien = new ArrayList<>();
    stockage.parcourir(Instant.now().minusSeconds(3600), rien::add);
    assertThat(rien).isEmpty();

    stockage.mettreEnCorbeille(e.sha256());

    assertThat(seau.blobExists(SEAU, cle)).isFalse();
    assertThat(seau.blobMetadata(SEAU, jetee).getUserMetadata())
        .containsEntry("sha256", e.sha256())
        .containsEntry("sha512", e.sha512());
    List<String> vus = new ArrayList<>();
    stockage.parcourir(apres, vus::add);
    assertThat(vus).isEmpty();
    List<String> jetes = new ArrayList<>();
    stockage.parcourirCorbeille(apres, jetes::add);
    assertThat(jetes).containsExactly(e.sha256());

    assertThat(lire(e)).isEqualTo(contenu);
    assertThat(seau.blobExists(SEAU, cle)).isTrue();
    assertThat(seau.blobExists(SEAU, jetee)).isFalse();

    stockage.mettreEnCorbeille(e.sha256());
    assertThat(recevoirEtConserver(contenu)).isEqualTo(e);
    assertThat(seau.blobExists(SEAU, cle)).isTrue();

    stockage.supprimerDeCorbeille(e.sha256());
    assertThat(seau.blobExists(SEAU, jetee)).isFalse();
    stockage.restaurer(e.sha256()); // nothing left in the trash: nothing to do
    assertThat(lire(e)).isEqualTo(contenu);
  }

  @Test
  void les_fichiers_temporaires_abandonnes_sont_supprimes() throws Exception {
    Path abandonne = Files.writeString(temporaire.resolve("coupe.part"), "coupé");
    Files.setLastModifiedTime(
        abandonne, FileTime.from(Instant.now().minus(java.time.Duration.ofDays(2))));
    Path recent = Files.writeString(temporaire.resolve("en-cours.part"), "en cours");

    assertThat(stockage.supprimerTemporaires(Instant.now().minusSeconds(3600))).isEqualTo(1);
    assertThat(abandonne).doesNotExist();
    assertThat(recent).exists();
  }

  @Test
  void un_objet_altere_dans_le_seau_est_detecte_a_la_lecture() throws Exception {
    byte[] contenu = aleatoire(100_000, 3);
    Empreinte e = recevoirEtConserver(contenu);
    byte[] altere = contenu.clone();
    altere[50_000] ^= 1;
    remplacer(StockageS3.cle(e.sha256()), altere);

    assertThatThrownBy(() -> lire(e))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("altéré")
        .hasMessageContaining(e.sha256());
  }

  @Test
  void un_objet_altere_est_reecrit_au_prochain_depot_du_meme_contenu() throws Exception {
    byte[] contenu = aleatoire(70_000, 4);
    Empreinte e = recevoirEtConserver(contenu);
    remplacer(StockageS3.cle(e.sha256()), new byte[10]);

    recevoirEtConserver(contenu);

    assertThat(lire(e)).isEqualTo(contenu);
  }

  @Test
  void un_objet_absent_est_signale_comme_fichier_absent() {
    Empreinte inconnue = new Empreinte(sha256(new byte[] {1}), sha512(new byte[] {1}));
    assertThatThrownBy(() -> stockage.ouvrir(inconnue)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void serveur_arrete_erreur_claire_et_rien_n_est_conserve() throws Exception {
    byte[] contenu = aleatoire(50_000, 5);
    serveur.stop();
    serveur = null;

    try (DocumentStore.Reception r =
        stockage.recevoir(new ByteArrayInputStream(contenu), 1 << 20)) {
      assertThatThrownBy(r::conserver)
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("Stockage S3 impossible de ");
    }
    assertThat(temporaires()).isZero();

    serveur = lancer(port);
    assertThat(objets()).isZero();
    assertThatThrownBy(() -> stockage.ouvrir(new Empreinte(sha256(contenu), sha512(contenu))))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void de_mauvaises_cles_sont_refusees_et_rien_n_est_conserve() throws Exception {
    try (StockageS3 intrus = stockage(ACCES, "pas-le-bon-secret", StockageS3.PARTIE_MIN);
        DocumentStore.Reception r =
            intrus.recevoir(new ByteArrayInputStream(aleatoire(1000, 6)), 1 << 20)) {
      assertThatThrownBy(r::conserver).isInstanceOf(IOException.class).hasMessageContaining("403");
    }
    assertThat(objets()).isZero();
  }

  @Test
  void un_serveur_qui_ignore_la_somme_sha256_refuse_clairement_et_rien_n_est_conserve()
      throws Exception {
    try (StockageS3 avecSomme =
            new StockageS3(
                configuration(SEAU, ACCES, SECRET, StockageS3.PARTIE_MIN, true), temporaire);
        DocumentStore.Reception r =
            avecSomme.recevoir(new ByteArrayInputStream(aleatoire(1000, 7)), 1 << 20)) {
      // 501 when the answer arrives after the body; "Error writing request body" when the server
      // answers and closes while the body is still being sent: a refusal either way, and said
      assertThatThrownBy(r::conserver)
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("Stockage S3 impossible de ");
    }
    assertThat(objets()).isZero();
  }

  @Test
  void la_configuration_exige_un_seau_et_des_cles() {
    assertThatThrownBy(() -> configuration("", ACCES, SECRET, StockageS3.PARTIE_MIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket");
    assertThatThrownBy(() -> configuration(SEAU, null, SECRET, StockageS3.PARTIE_MIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PARCELLE_STORAGE_S3_ACCESS_KEY");
  }

  private Empreinte recevoirEtConserver(byte[] contenu) throws IOException {
    try (DocumentStore.Reception r =
        stockage.recevoir(new ByteArrayInputStream(contenu), 200L * 1024 * 1024)) {
      assertThat(r.taille()).isEqualTo(contenu.length);
      assertThat(r.fichier()).exists(); // the inspection reads this local file before keeping
      r.conserver();
      return r.empreinte();
    }
  }

  private byte[] lire(Empreinte e) throws IOException {
    try (InputStream in = stockage.ouvrir(e)) {
      return in.readAllBytes();
    }
  }

  /** Another client writes under the key: damage the platform did not make. */
  private void remplacer(String cle, byte[] octets) {
    try (S3Client autre =
        StockageS3.client(configuration(SEAU, ACCES, SECRET, StockageS3.PARTIE_MIN))) {
      autre.putObject(b -> b.bucket(SEAU).key(cle), RequestBody.fromBytes(octets));
    }
  }

  private StockageS3 stockage(String acces, String secret, long partie) {
    return new StockageS3(configuration(SEAU, acces, secret, partie), temporaire);
  }

  private StockageS3.Configuration configuration(
      String seauS3, String acces, String secret, long partie) {
    return configuration(seauS3, acces, secret, partie, false);
  }

  /**
   * s3proxy 3.1 answers 501 to {@code x-amz-checksum-sha256}: the tests run with Content-MD5 alone
   * (which it checks), the SHA-256 header has its own test below.
   */
  private StockageS3.Configuration configuration(
      String seauS3, String acces, String secret, long partie, boolean sommeSha256) {
    return new StockageS3.Configuration(
        Optional.of(URI.create("http://127.0.0.1:" + port)),
        "eu-west-3",
        seauS3,
        true,
        acces,
        secret,
        partie,
        sommeSha256,
        Duration.ofSeconds(2),
        Duration.ofSeconds(30));
  }

  private S3Proxy lancer(int p) throws Exception {
    return S3EnMemoire.demarrer(seau, p, ACCES, SECRET);
  }

  private long objets() {
    return seau
        .list(SEAU, org.jclouds.blobstore.options.ListContainerOptions.Builder.recursive())
        .stream()
        .filter(m -> m.getType() == org.jclouds.blobstore.domain.StorageType.BLOB)
        .count();
  }

  private long temporaires() throws IOException {
    try (Stream<Path> s = Files.list(temporaire)) {
      return s.count();
    }
  }

  private static int portLibre() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static byte[] aleatoire(int taille, long graine) {
    byte[] b = new byte[taille];
    new Random(graine).nextBytes(b);
    return b;
  }

  private static String sha512(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
