package fr.parcelle.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A Payara Micro root directory kept between runs, with the application deployed in it, and the
 * JDK's ahead-of-time cache of the classes that start-up loads and links (JEP 483, 514, 515).
 *
 * <p>Payara Micro otherwise unpacks its runtime into a new temporary directory at each start and
 * loads its jars through its own class loader, which no class-data cache can follow. From a kept
 * root directory it starts through {@code launch-micro.jar}, whose class path is fixed: the JDK can
 * then map the classes already parsed, verified and linked by an earlier run instead of loading
 * them again. After a new WAR (or a new Payara, JDK or JVM options) the launcher first runs a
 * preparation ({@link ParcelleLauncher#preparer}): it deploys the application into a new root,
 * waits until it answers ready, and stops it; the JVM writes the cache of the classes that start-up
 * used as it exits. The runs after it start from the root and the cache (measured in {@code
 * docs/performance.md}).
 *
 * <p>Layout of the directory: {@code racine/} (Payara's root directory), {@code parcelle.aot} (the
 * cache), {@code empreinte} (SHA-256 of what the root was prepared from, written once the
 * application answered ready), and after a failed preparation {@code echec-du-cache} and the JVM's
 * crash report {@code hs_err_pid*.log}.
 */
public final class RacinePreparee {

  /** What the directory holds for the application about to start. */
  public enum Etat {
    /** Nothing usable: a new root is made and the application deployed into it. */
    NEUVE,
    /** The application is deployed in the root, but no cache was written (a run was killed). */
    SANS_CACHE,
    /**
     * The application is deployed in the root, and the JVM failed to write the cache for this
     * version ({@link #echec()}): started from the root without a cache, never retried until the
     * WAR, Payara, the JDK or the options change.
     */
    RACINE_SEULE,
    /** Root and cache both ready. */
    PRETE
  }

  /** The first JDK whose JVM writes the cache at the end of an ordinary run (JEP 514). */
  static final int JDK_MINIMAL = 25;

  private final Path repertoire;

  public RacinePreparee(Path repertoire) {
    this.repertoire = repertoire.toAbsolutePath();
  }

  public Path racine() {
    return repertoire.resolve("racine");
  }

  public Path lanceur() {
    return racine().resolve("launch-micro.jar");
  }

  public Path cache() {
    return repertoire.resolve("parcelle.aot");
  }

  private Path fichierEmpreinte() {
    return repertoire.resolve("empreinte");
  }

  /** Written when a preparation run ended without a cache: the fingerprint, then why. */
  public Path echec() {
    return repertoire.resolve("echec-du-cache");
  }

  /**
   * Whether the launcher uses a prepared root: on a JDK that writes the cache by itself, unless
   * {@code PARCELLE_AOT} is {@code false} or the Payara options already choose a root directory.
   */
  public static boolean utilisable(int versionJdk, String aot, String optionsMicro) {
    return versionJdk >= JDK_MINIMAL
        && !"false".equalsIgnoreCase(aot == null ? "" : aot.trim())
        && (optionsMicro == null || !optionsMicro.toLowerCase().contains("--rootdir"));
  }

  /**
   * SHA-256 over the WAR's and Payara Micro's contents, the JDK's version and the JVM options: a
   * change in any of them makes the deployed copy or the cache stale.
   */
  static String empreinte(Path war, Path micro, String versionJdk, List<String> optionsJvm) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path fichier : List.of(war, micro)) {
        if (!contenuDuZip(fichier, sha)) {
          try (InputStream in = Files.newInputStream(fichier)) {
            byte[] tampon = new byte[1 << 16];
            for (int n; (n = in.read(tampon)) > 0; ) {
              sha.update(tampon, 0, n);
            }
          }
        }
        sha.update((byte) 0);
      }
      sha.update(
          (versionJdk + "\n" + String.join(" ", optionsJvm)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A zip's entries (name, size, CRC-32 from its central directory) rather than its bytes: each
   * {@code mvn package} writes the same WAR with new timestamps, which would make every start a new
   * root. False when the file is not a zip.
   */
  private static boolean contenuDuZip(Path fichier, MessageDigest sha) {
    try (ZipFile zip = new ZipFile(fichier.toFile())) {
      List<? extends ZipEntry> entrees =
          zip.stream().sorted(Comparator.comparing(ZipEntry::getName)).toList();
      for (ZipEntry e : entrees) {
        sha.update(
            (e.getName() + "\0" + e.getSize() + "\0" + e.getCrc() + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public Etat etat(String empreinte) {
    try {
      if (!Files.isRegularFile(lanceur())
          || !Files.isRegularFile(fichierEmpreinte())
          || !Files.readString(fichierEmpreinte()).strip().equals(empreinte)) {
        return Etat.NEUVE;
      }
      if (Files.isRegularFile(cache()) && Files.size(cache()) > 0) {
        return Etat.PRETE;
      }
      return Files.isRegularFile(echec())
              && Files.readAllLines(echec()).stream().findFirst().orElse("").equals(empreinte)
          ? Etat.RACINE_SEULE
          : Etat.SANS_CACHE;
    } catch (IOException e) {
      return Etat.NEUVE;
    }
  }

  /**
   * The JVM options of this run: read the cache; or record one at the end of the run, with any
   * crash report kept beside the cache rather than in the working directory; or neither.
   */
  List<String> optionsJvm(Etat etat) {
    return switch (etat) {
      case PRETE -> List.of("-XX:AOTCache=" + cache());
      case RACINE_SEULE -> List.of();
      case NEUVE, SANS_CACHE ->
          List.of(
              "-XX:AOTCacheOutput=" + cache(),
              "-XX:ErrorFile=" + repertoire.resolve("hs_err_pid%p.log"));
    };
  }

  /**
   * After the preparation run of {@code empreinte} ended with {@code codeDeSortie}: whether the JVM
   * wrote the cache. If it did not, that is recorded so that the next starts use the root alone
   * instead of failing the same way at each stop (Temurin 25.0.3 crashed writing it after a run
   * that had served deposits: docs/performance.md).
   */
  public boolean cacheEcrit(String empreinte, int codeDeSortie) throws IOException {
    if (Files.isRegularFile(cache()) && Files.size(cache()) > 0) {
      Files.deleteIfExists(echec());
      return true;
    }
    Files.deleteIfExists(cache());
    Files.writeString(
        echec(),
        empreinte
            + "\nla JVM s'est arrêtée avec le code "
            + codeDeSortie
            + " sans écrire "
            + cache()
            + " (rapport éventuel : "
            + repertoire.resolve("hs_err_pid*.log")
            + ")\n");
    return false;
  }

  /**
   * Empties the directory, then has Payara Micro write its runtime and {@code launch-micro.jar}
   * into a new root ({@code --outputlauncher}, under a second).
   */
  void reinitialiser(Path java, Path micro) throws IOException, InterruptedException {
    supprimer(repertoire);
    Files.createDirectories(repertoire);
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-jar",
                micro.toString(),
                "--rootdir",
                racine().toString(),
                "--outputlauncher")
            .redirectErrorStream(true)
            .redirectOutput(repertoire.resolve("preparation.log").toFile())
            .start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("Payara Micro n'a pas préparé " + racine() + " en 2 minutes");
    }
    if (p.exitValue() != 0 || !Files.isRegularFile(lanceur())) {
      throw new IOException(
          "Payara Micro n'a pas écrit "
              + lanceur()
              + " (code "
              + p.exitValue()
              + ", voir "
              + repertoire.resolve("preparation.log")
              + ")");
    }
  }

  /** Recorded once the application deployed into the root answered ready. */
  public void confirmer(String empreinte) throws IOException {
    Files.writeString(fichierEmpreinte(), empreinte + "\n");
  }

  private static void supprimer(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> tout = Files.walk(p)) {
      for (Path f : tout.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
