package fr.parcelle.bench;

import fr.parcelle.domain.port.MenageStockage.Bilan;
import fr.parcelle.infrastructure.storage.MenageDuStockage;
import fr.parcelle.infrastructure.storage.StockageFichiers;
import fr.parcelle.support.PostgresDeTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The store's housekeeping ({@link MenageDuStockage}) on a large store, beside its raw parts in the
 * same run: a walk of the same tree reading each file's date, and the same reference checks sent to
 * the same database without the store.
 *
 * <p>The database holds {@code banc.menage.dossiers} dossiers with ten pièces and two issued
 * documents each, every one of their hashes also in the journal's list; the store holds one (empty)
 * file per row plus {@code banc.menage.orphelins} contents no row names. Three passes, as the timer
 * would run them: the first puts the orphans in the trash, the second finds nothing new, the third
 * (its clock eight days on) empties the trash. The raw steps run between the second and the third
 * pass, on the store the second has just examined. When the bench runs as root on Linux the
 * kernel's caches are dropped before each step ({@code banc.menage.froid}, default true), as for a
 * store far larger than memory; otherwise every step runs warm and says so.
 *
 * <p>Run: {@code mvn -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.mainClass=fr.parcelle.bench.BancMenage -Dexec.classpathScope=test} ({@code
 * -Dbanc.menage.dossiers=100000 -Dbanc.menage.orphelins=24000}).
 */
public final class BancMenage {

  static final int PIECES = 10;
  static final String[] DOCUMENTS = {"AEE", "RECEPISSE"};
  private static final int LOT = MenageDuStockage.LOT;
  private static final String NOMMES = MenageDuStockage.NOMMES;

  private BancMenage() {}

  public static void main(String[] args) throws Exception {
    int dossiers = Integer.getInteger("banc.menage.dossiers", 100_000);
    int orphelins = Integer.getInteger("banc.menage.orphelins", dossiers * 24 / 100);
    boolean froid =
        Boolean.parseBoolean(System.getProperty("banc.menage.froid", "true"))
            && Files.isWritable(Path.of("/proc/sys/vm/drop_caches"));
    long nommes = (long) dossiers * (PIECES + DOCUMENTS.length);

    Path racine = Files.createTempDirectory(Path.of("target"), "banc-menage-");
    DataSource base = PostgresDeTest.base("banc_menage");

    long t0 = System.nanoTime();
    charger(base, dossiers);
    double chargeBase = secondes(t0);
    t0 = System.nanoTime();
    List<String> orphelinsEcrits = remplir(racine, dossiers, orphelins);
    double chargeStockage = secondes(t0);
    System.out.printf(
        Locale.ROOT,
        "Chargé : %,d dossiers, %,d lignes nommant un contenu (%.1f s) ; %,d fichiers dont %,d"
            + " sans référence (%.1f s) ; caches %s%n",
        dossiers,
        nommes,
        chargeBase,
        nommes + orphelins,
        orphelins,
        chargeStockage,
        froid ? "vidés avant chaque mesure" : "chauds (pas root ou -Dbanc.menage.froid=false)");

    StockageFichiers stockage = new StockageFichiers(racine);
    Clock apresLaGrace = Clock.offset(Clock.systemUTC(), Duration.ofDays(2));
    Clock apresLaRetention = Clock.offset(Clock.systemUTC(), Duration.ofDays(10));

    vider(froid);
    Bilan premier = passage(stockage, base, apresLaGrace);
    if (premier.misEnCorbeille() != orphelins) {
      throw new IllegalStateException(premier.misEnCorbeille() + " en corbeille, " + orphelins);
    }
    vider(froid);
    Bilan second = passage(stockage, base, apresLaGrace);
    // Raw, on the store the second pass has just examined: the same walk, the date of each file
    // read, nothing else.
    vider(froid);
    t0 = System.nanoTime();
    List<String> tous = new ArrayList<>();
    parcourirBrut(racine, tous);
    double brutParcours = secondes(t0);

    // Raw: the same questions to the same database, without the store.
    vider(froid);
    t0 = System.nanoTime();
    long trouves = verifierBrut(base, tous);
    double brutBase = secondes(t0);
    if (trouves != nommes) {
      throw new IllegalStateException(trouves + " contenus nommés au lieu de " + nommes);
    }

    vider(froid);
    Bilan troisieme = passage(stockage, base, apresLaRetention);
    if (troisieme.supprimes() != orphelins
        || orphelinsEcrits.stream()
            .anyMatch(
                h ->
                    Files.exists(chemin(racine, h))
                        || Files.exists(chemin(racine.resolve("corbeille"), h)))) {
      throw new IllegalStateException(troisieme.supprimes() + " supprimés sur " + orphelins);
    }
    BancDepot.deleteRecursively(racine);

    long total = tous.size();
    System.out.println();
    System.out.println("| étape | contenus | durée | contenus/s | brut à côté |");
    System.out.println("|---|---|---|---|---|");
    ligne("parcours brut (liste + date de chaque fichier)", total, brutParcours, "—");
    ligne("questions brutes à la base (lots de " + LOT + ")", total, brutBase, "—");
    String brut =
        String.format(
            Locale.ROOT,
            "parcours + questions : %.1f s (%.0f/s)",
            brutParcours + brutBase,
            total / (brutParcours + brutBase));
    ligne(
        "1er passage : " + premier.misEnCorbeille() + " mis en corbeille",
        premier.contenusExamines(),
        premier.dureeMs() / 1000.0,
        brut);
    ligne(
        "2e passage : rien de nouveau (" + second.misEnCorbeille() + ")",
        second.contenusExamines(),
        second.dureeMs() / 1000.0,
        brut);
    ligne(
        "3e passage, 8 jours après : corbeille vidée (" + troisieme.supprimes() + ")",
        troisieme.contenusExamines() + troisieme.corbeilleExaminee(),
        troisieme.dureeMs() / 1000.0,
        brut);
    double parSeconde = second.contenusExamines() / (second.dureeMs() / 1000.0);
    System.out.printf(
        Locale.ROOT,
        "%nÀ ce rythme (2e passage), 10 millions de contenus : %.1f h ; 100 millions : %.1f h.%n",
        1e7 / parSeconde / 3600,
        1e8 / parSeconde / 3600);
  }

  private static Bilan passage(StockageFichiers stockage, DataSource base, Clock horloge) {
    return new MenageDuStockage(stockage, base, Duration.ofHours(24), Duration.ofDays(7), horloge)
        .passer();
  }

  private static void ligne(String etape, long contenus, double secondes, String brut) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %,d | %.1f s | %,.0f | %s |%n",
        etape,
        contenus,
        secondes,
        contenus / secondes,
        brut);
  }

  static void charger(DataSource base, int dossiers) throws SQLException {
    try (Connection c = base.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "insert into dossier (id, type, commune_insee, statut, numero, depositaire, cree_le)"
              + " select md5('d' || i)::uuid, 'PC', '35352', 'EN_INSTRUCTION', 'PC035352'"
              + " || lpad(i::text, 9, '0'), 'architecte', now()"
              + " from generate_series(1, "
              + dossiers
              + ") i");
      s.execute(
          "insert into piece (id, dossier_id, code, nom_fichier, taille, type_media, sha256,"
              + " sha512, recue_le)"
              + " select md5('p' || i || '-' || k)::uuid, md5('d' || i)::uuid, 'PCMI' || k,"
              + " 'plan.pdf', 0, 'application/pdf',"
              + " encode(sha256(convert_to('c' || i || '-' || k, 'UTF8')), 'hex'),"
              + " repeat('0', 128), now()"
              + " from generate_series(1, "
              + dossiers
              + ") i, generate_series(1, "
              + PIECES
              + ") k");
      s.execute(
          "insert into document (id, dossier_id, type, nom_fichier, taille, sha256, sha512,"
              + " emis_le)"
              + " select md5('e' || i || '-' || t)::uuid, md5('d' || i)::uuid, t, 'doc.pdf', 0,"
              + " encode(sha256(convert_to('c' || i || '-' || t, 'UTF8')), 'hex'),"
              + " repeat('0', 128), now()"
              + " from generate_series(1, "
              + dossiers
              + ") i, unnest(array['AEE', 'RECEPISSE']) t");
      s.execute(
          "insert into empreinte_journalisee (sha256)"
              + " select sha256 from piece union select sha256 from document");
      s.execute("analyze");
    }
  }

  /** One empty file per row, under the store's {@code ab/cd/} layout, plus the orphans. */
  private static List<String> remplir(Path racine, int dossiers, int orphelins) throws Exception {
    List<String> orphelinsEcrits = new ArrayList<>();
    nommer(dossiers, orphelins, h -> creer(racine, h), orphelinsEcrits::add);
    return orphelinsEcrits;
  }

  /** Where a named content goes. */
  interface Creation {
    void creer(String sha256) throws Exception;
  }

  /**
   * The contents of the store, named as {@link #charger} names them in the database: for each
   * dossier its {@link #PIECES} pièces and its {@link #DOCUMENTS}, then {@code orphelins} contents
   * no row names; {@code contenu} creates every SHA-256, {@code orphelin} the orphans' again.
   */
  static void nommer(
      int dossiers, int orphelins, Creation contenu, java.util.function.Consumer<String> orphelin)
      throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    HexFormat hexa = HexFormat.of();
    for (int i = 1; i <= dossiers; i++) {
      for (int k = 1; k <= PIECES; k++) {
        contenu.creer(
            hexa.formatHex(sha.digest(("c" + i + "-" + k).getBytes(StandardCharsets.UTF_8))));
      }
      for (String t : DOCUMENTS) {
        contenu.creer(
            hexa.formatHex(sha.digest(("c" + i + "-" + t).getBytes(StandardCharsets.UTF_8))));
      }
    }
    for (int i = 1; i <= orphelins; i++) {
      String h = hexa.formatHex(sha.digest(("orphelin-" + i).getBytes(StandardCharsets.UTF_8)));
      contenu.creer(h);
      orphelin.accept(h);
    }
  }

  private static void creer(Path racine, String sha256) throws IOException {
    Path f = chemin(racine, sha256);
    try {
      Files.createFile(f);
    } catch (NoSuchFileException e) {
      Files.createDirectories(f.getParent());
      Files.createFile(f);
    }
  }

  private static Path chemin(Path racine, String sha256) {
    return racine.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
  }

  private static void parcourirBrut(Path racine, List<String> tous) throws IOException {
    try (DirectoryStream<Path> n1 = Files.newDirectoryStream(racine)) {
      for (Path a : n1) {
        if (!Files.isDirectory(a) || a.getFileName().toString().length() != 2) {
          continue;
        }
        try (DirectoryStream<Path> n2 = Files.newDirectoryStream(a)) {
          for (Path b : n2) {
            try (DirectoryStream<Path> fichiers = Files.newDirectoryStream(b)) {
              for (Path f : fichiers) {
                Files.getLastModifiedTime(f);
                tous.add(f.getFileName().toString());
              }
            }
          }
        }
      }
    }
  }

  static long verifierBrut(DataSource base, List<String> tous) throws SQLException {
    long trouves = 0;
    try (Connection c = base.getConnection();
        PreparedStatement s = c.prepareStatement(NOMMES)) {
      for (int debut = 0; debut < tous.size(); debut += LOT) {
        List<String> lot = tous.subList(debut, Math.min(tous.size(), debut + LOT));
        Array tableau = c.createArrayOf("text", lot.toArray());
        s.setArray(1, tableau);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            trouves++;
          }
        }
        tableau.free();
      }
    }
    return trouves;
  }

  private static void vider(boolean froid) throws IOException, InterruptedException {
    if (froid) {
      new ProcessBuilder("sync").inheritIO().start().waitFor();
      Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
    }
  }

  private static double secondes(long depuis) {
    return (System.nanoTime() - depuis) / 1e9;
  }
}
