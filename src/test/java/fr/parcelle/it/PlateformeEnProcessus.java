package fr.parcelle.it;

import fr.parcelle.launcher.EmbeddedDatabase;
import fr.parcelle.launcher.ParcelleLauncher;
import fr.parcelle.launcher.SortiePayara;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real WAR on a Payara Micro process that the test owns, as the launcher and the bench start
 * it, so that the test can kill it with SIGKILL (Arquillian's managed container only stops it
 * politely). Each start appends to its own log file under the test's directory.
 */
final class PlateformeEnProcessus {

  private final EmbeddedDatabase base;
  private final Path racine;
  private final int port;
  private Process processus;
  private int demarrages;

  private final java.util.Map<String, String> environnement;

  PlateformeEnProcessus(EmbeddedDatabase base, Path racine, int port) {
    this(base, racine, port, java.util.Map.of());
  }

  /** With {@code environnement} added to the server's environment (and winning over ours). */
  PlateformeEnProcessus(
      EmbeddedDatabase base, Path racine, int port, java.util.Map<String, String> environnement) {
    this.base = base;
    this.racine = racine;
    this.port = port;
    this.environnement = environnement;
  }

  /**
   * An empty directory {@code nom} under the tests' data directory ({@code
   * parcelle.test.data.dir}), whatever an earlier run (or a killed server) left there.
   */
  static Path repertoireNeuf(String nom) throws IOException {
    return vider(
        Path.of(System.getProperty("parcelle.test.data.dir", "target/it-data"))
            .resolve(nom)
            .toAbsolutePath());
  }

  /** {@code racine} emptied, or created. */
  static Path vider(Path racine) throws IOException {
    if (Files.exists(racine)) {
      try (var s = Files.walk(racine)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    return Files.createDirectories(racine);
  }

  /** A port the build reserved for the tests (build-helper, {@code reserve-test-ports}). */
  static int portReserve(String propriete) {
    String v = System.getProperty(propriete);
    if (v == null) {
      throw new IllegalStateException(propriete + " absente : lancez par mvn verify");
    }
    return Integer.parseInt(v);
  }

  String adresse() {
    return "http://localhost:" + port;
  }

  /** Starts Payara and waits for /health/ready (database and engine up); returns the seconds. */
  double demarrer() throws IOException, InterruptedException {
    List<String> commande =
        new ArrayList<>(
            ParcelleLauncher.commande(
                Path.of(System.getProperty("payara.microJar")),
                Path.of(System.getProperty("parcelle.war")),
                configServeur(),
                port));
    // Payara Micro unpacks itself (about 270 MB) into a temporary directory that only its shutdown
    // removes; a killed server leaves it. Kept under the test's directory instead.
    commande.addAll(
        List.of(
            "--rootdir",
            racine.resolve("payara-rt-" + (demarrages + 1)).toAbsolutePath().toString()));
    return demarrer(commande);
  }

  static Path configServeur() {
    return Path.of(System.getProperty("parcelle.test.server-config", "server-config"));
  }

  /** The journal of the {@code n}-th start (from 1). */
  Path journal(int n) {
    return racine.resolve("payara-" + n + ".log");
  }

  /** Starts Payara with {@code commande} as it is, with the environment of {@link #demarrer()}. */
  double demarrer(List<String> commande) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    ProcessBuilder pb = constructeur(commande);
    Path journal = journal(demarrages);
    processus = pb.start();
    // Should the test JVM end early (failure, Ctrl-C), no server stays behind.
    Process p = processus;
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
    ParcelleLauncher.Attente attente =
        ParcelleLauncher.attendre(
            adresse() + "/health/ready", processus, SortiePayara.journal(journal));
    if (!attente.pret()) {
      tuer();
      throw new IllegalStateException(
          "La plateforme n'a pas démarré (" + attente.resume() + ") : voir " + journal);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * The next start's process, not started: {@code commande}, its own journal ({@link #journal}),
   * the environment of {@link #demarrer()}.
   */
  ProcessBuilder constructeur(List<String> commande) {
    demarrages++;
    ProcessBuilder pb = new ProcessBuilder(commande);
    Path journal = journal(demarrages);
    pb.redirectErrorStream(true).redirectOutput(journal.toFile());
    var env = pb.environment();
    env.put("PARCELLE_DB_URL", base.jdbcUrl());
    env.put("PARCELLE_DB_USER", EmbeddedDatabase.UTILISATEUR);
    env.put("PARCELLE_DB_PASSWORD", "crash");
    env.put("PARCELLE_DB_EMBEDDED", "true");
    env.put("PARCELLE_DEMO_ENABLED", "true");
    // Same directories on every start: what the killed server wrote is what the next one reads.
    env.put("PARCELLE_STORAGE_DIR", racine.resolve("documents").toAbsolutePath().toString());
    env.put(
        "PARCELLE_SIGNATURE_KEYSTORES_DIR",
        racine.resolve("signature").toAbsolutePath().toString());
    env.put("PARCELLE_PLATAU_SORTIE", racine.resolve("platau").toAbsolutePath().toString());
    // One demo account files every dossier: the per-person upload limits would throttle the test.
    env.put("PARCELLE_TELEVERSEMENTS_SIMULTANES_PAR_UTILISATEUR", "1000");
    env.put("PARCELLE_TELEVERSEMENTS_PAR_FENETRE", "100000000");
    env.putAll(environnement);
    return pb;
  }

  /**
   * SIGTERM, as Ctrl-C or an orchestrator stops it: Payara undeploys and the JVM runs its exit work
   * (writing an AOT cache may take a few seconds).
   */
  int arreter() throws InterruptedException {
    processus.destroy();
    if (!processus.waitFor(3, TimeUnit.MINUTES)) {
      processus.destroyForcibly();
      throw new IllegalStateException("Payara ne s'arrête pas sur SIGTERM (pid " + pid() + ")");
    }
    return processus.exitValue();
  }

  /** SIGKILL (destroyForcibly on Linux): no shutdown hook, no undeploy, no commit in flight. */
  void tuer() throws InterruptedException {
    if (processus != null && processus.isAlive()) {
      processus.destroyForcibly();
      if (!processus.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Payara survit à SIGKILL (pid " + processus.pid() + ")");
      }
    }
  }

  long pid() {
    return processus.pid();
  }

  int codeDeSortie() {
    return processus.exitValue();
  }
}
