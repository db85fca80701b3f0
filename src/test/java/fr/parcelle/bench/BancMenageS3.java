package fr.parcelle.bench;

import fr.parcelle.domain.port.MenageStockage.Bilan;
import fr.parcelle.infrastructure.storage.MenageDuStockage;
import fr.parcelle.infrastructure.storage.s3.StockageS3;
import fr.parcelle.support.PostgresDeTest;
import fr.parcelle.support.S3EnMemoire;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link BancMenage} on the object store: the store's housekeeping ({@link MenageDuStockage}) over
 * {@link StockageS3}, against s3proxy in this JVM (jclouds' in-memory back-end, the server the
 * tests use), beside its raw parts in the same run: a listing of the same bucket by the same SDK,
 * pages of 1,000 keys, nothing else; and the same reference checks sent to the same database.
 *
 * <p>What it measures is the adapter's and the pass's own cost per key (paging, key checks,
 * questions, moves to the trash by copy + delete). The server is not a production one: s3proxy's
 * in-memory back-end rebuilds its sorted key list for every page, so its listing slows down with
 * the bucket's size, which is why the default is 10,000 dossiers (122,400 objects), not the file
 * bench's 100,000.
 *
 * <p>Run: {@code mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.mainClass=fr.parcelle.bench.BancMenageS3 -Dexec.classpathScope=test} ({@code
 * -Dbanc.menage.dossiers=10000 -Dbanc.menage.orphelins=2400}).
 */
public final class BancMenageS3 {

  private static final String SEAU = "parcelle-banc";
  private static final String ACCES = "banc";
  private static final String SECRET = "banc-secret";

  private BancMenageS3() {}

  public static void main(String[] args) throws Exception {
    int dossiers = Integer.getInteger("banc.menage.dossiers", 10_000);
    int orphelins = Integer.getInteger("banc.menage.orphelins", dossiers * 24 / 100);
    long nommes = (long) dossiers * (BancMenage.PIECES + BancMenage.DOCUMENTS.length);

    DataSource base = PostgresDeTest.base("banc_menage_s3");
    long t0 = System.nanoTime();
    BancMenage.charger(base, dossiers);
    double chargeBase = secondes(t0);

    BlobStoreContext contexte = S3EnMemoire.magasin(SEAU);
    BlobStore memoire = contexte.getBlobStore();
    int port = PostgresDeTest.portLibre();
    S3Proxy serveur = S3EnMemoire.demarrer(memoire, port, ACCES, SECRET);
    Path temporaire = Files.createTempDirectory(Path.of("target"), "banc-menage-s3-");
    try (S3Client s3 = client(port);
        StockageS3 stockage = new StockageS3(configuration(port), temporaire)) {
      t0 = System.nanoTime();
      Set<String> orphelinsEcrits = remplir(memoire, dossiers, orphelins);
      double chargeSeau = secondes(t0);
      System.out.printf(
          Locale.ROOT,
          "Chargé : %,d dossiers, %,d lignes nommant un contenu (%.1f s) ; %,d objets dont %,d"
              + " sans référence, écrits dans le seau par l'API de jclouds (%.1f s)%n",
          dossiers,
          nommes,
          chargeBase,
          nommes + orphelins,
          orphelins,
          chargeSeau);

      Clock apresLaGrace = Clock.offset(Clock.systemUTC(), Duration.ofDays(2));
      Clock apresLaRetention = Clock.offset(Clock.systemUTC(), Duration.ofDays(10));
      Bilan premier = passage(stockage, base, apresLaGrace);
      if (premier.misEnCorbeille() != orphelins) {
        throw new IllegalStateException(premier.misEnCorbeille() + " en corbeille, " + orphelins);
      }
      Bilan second = passage(stockage, base, apresLaGrace);

      // Raw: the same bucket listed by the same SDK, pages of 1,000 keys, each key kept.
      t0 = System.nanoTime();
      List<String> tous = new ArrayList<>();
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(SEAU)).contents()) {
        String cle = o.key();
        if (!cle.startsWith("corbeille/")) {
          tous.add(cle.substring(cle.lastIndexOf('/') + 1));
        }
      }
      double brutListe = secondes(t0);
      t0 = System.nanoTime();
      long trouves = BancMenage.verifierBrut(base, tous);
      double brutBase = secondes(t0);
      if (trouves != nommes) {
        throw new IllegalStateException(trouves + " contenus nommés au lieu de " + nommes);
      }

      Bilan troisieme = passage(stockage, base, apresLaRetention);
      long restants = 0;
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(SEAU)).contents()) {
        String nom = o.key().substring(o.key().lastIndexOf('/') + 1);
        if (orphelinsEcrits.contains(nom)) {
          restants++;
        }
      }
      if (troisieme.supprimes() != orphelins || restants != 0) {
        throw new IllegalStateException(
            troisieme.supprimes() + " supprimés sur " + orphelins + ", " + restants + " restants");
      }

      long total = tous.size();
      System.out.println();
      System.out.println("| étape (seau S3, s3proxy en mémoire) | contenus | durée | contenus/s |");
      System.out.println("|---|---|---|---|");
      ligne("liste brute (SDK, pages de 1 000 clés)", total, brutListe);
      ligne("questions brutes à la base (lots de " + MenageDuStockage.LOT + ")", total, brutBase);
      ligne(
          "1er passage : " + premier.misEnCorbeille() + " mis en corbeille (copie + suppression)",
          premier.contenusExamines(),
          premier.dureeMs() / 1000.0);
      ligne(
          "2e passage : rien de nouveau (" + second.misEnCorbeille() + ")",
          second.contenusExamines(),
          second.dureeMs() / 1000.0);
      ligne(
          "3e passage, 8 jours après : corbeille vidée (" + troisieme.supprimes() + ")",
          troisieme.contenusExamines() + troisieme.corbeilleExaminee(),
          troisieme.dureeMs() / 1000.0);
      System.out.printf(
          Locale.ROOT,
          "%nLe 2e passage coûte %.2f× la liste et les questions brutes (%.1f s).%n",
          second.dureeMs() / 1000.0 / (brutListe + brutBase),
          brutListe + brutBase);
    } finally {
      serveur.stop();
      contexte.close();
      BancDepot.deleteRecursively(temporaire);
    }
  }

  private static Bilan passage(StockageS3 stockage, DataSource base, Clock horloge) {
    return new MenageDuStockage(stockage, base, Duration.ofHours(24), Duration.ofDays(7), horloge)
        .passer();
  }

  /** One empty object per row, under the store's keys, plus the orphans; straight into memory. */
  private static Set<String> remplir(BlobStore memoire, int dossiers, int orphelins)
      throws Exception {
    Set<String> orphelinsEcrits = new HashSet<>();
    BancMenage.nommer(
        dossiers,
        orphelins,
        h ->
            memoire.putBlob(
                SEAU, memoire.blobBuilder(StockageS3.cle(h)).payload(new byte[0]).build()),
        orphelinsEcrits::add);
    return orphelinsEcrits;
  }

  private static StockageS3.Configuration configuration(int port) {
    return new StockageS3.Configuration(
        Optional.of(URI.create("http://127.0.0.1:" + port)),
        "eu-west-3",
        SEAU,
        true,
        ACCES,
        SECRET,
        StockageS3.PARTIE_MIN,
        false,
        Duration.ofSeconds(5),
        Duration.ofSeconds(120));
  }

  private static S3Client client(int port) {
    return S3Client.builder()
        .region(Region.of("eu-west-3"))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCES, SECRET)))
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .forcePathStyle(true)
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  private static void ligne(String etape, long contenus, double secondes) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %,d | %.1f s | %,.0f |%n",
        etape,
        contenus,
        secondes,
        contenus / secondes);
  }

  private static double secondes(long depuis) {
    return (System.nanoTime() - depuis) / 1e9;
  }
}
