package fr.parcelle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CPU time of the processes a deposit measure runs on, read from {@code /proc} (Linux): the server,
 * the embedded PostgreSQL (the postmaster, its live backends, and the backends that have ended,
 * which the kernel adds to the postmaster's children's times when it reaps them) and the bench's
 * own JVM (the client). It tells which process a change saved; it moves with the machine's speed
 * from run to run as the rate does (91–131 ms of server CPU per dossier for the same code, 7–8
 * Dec.).
 */
final class TempsProcesseur {

  /** Jiffies, as counted in {@code /proc}: 100 a second on Linux whatever the kernel's HZ. */
  private static final double MS_PAR_TIC = 1000.0 / ticsParSeconde();

  private final long pidServeur;
  private final Path fichierPidPostgres;

  /**
   * @param fichierPidPostgres the data directory's {@code postmaster.pid}, whose first line is the
   *     postmaster's pid
   */
  TempsProcesseur(long pidServeur, Path fichierPidPostgres) {
    this.pidServeur = pidServeur;
    this.fichierPidPostgres = fichierPidPostgres;
  }

  /** True where {@code /proc} can be read (Linux): elsewhere the bench prints no CPU line. */
  static boolean disponible() {
    return Files.isReadable(Path.of("/proc/self/stat")) && Files.isReadable(Path.of("/proc/stat"));
  }

  /** Times in jiffies at one instant. */
  record Releve(
      long serveur, long postgres, long client, long machineOccupee, long machineTotale) {}

  Releve lire() throws IOException {
    long postmaster = Long.parseLong(Files.readAllLines(fichierPidPostgres).get(0).trim());
    long postgres = 0;
    // The backends first, then the postmaster: a backend that ends in between is counted once
    // (gone from the list, already in the postmaster's children's times) or, at worst, twice for
    // the few jiffies of its last moment.
    try (Stream<Path> processus = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) processus::iterator) {
        String nom = p.getFileName().toString();
        if (nom.chars().allMatch(Character::isDigit)) {
          try {
            long[] champs = champs(Files.readString(p.resolve("stat")));
            if (champs[PPID] == postmaster) {
              postgres += champs[UTIME] + champs[STIME];
            }
          } catch (IOException | RuntimeException disparu) {
            // A process that ended while the list was read.
          }
        }
      }
    }
    long[] pm = champs(Files.readString(Path.of("/proc/" + postmaster + "/stat")));
    postgres += pm[UTIME] + pm[STIME] + pm[CUTIME] + pm[CSTIME];
    long[] serveur = champs(Files.readString(Path.of("/proc/" + pidServeur + "/stat")));
    long[] client = champs(Files.readString(Path.of("/proc/self/stat")));
    long[] machine = machine(Files.readAllLines(Path.of("/proc/stat")).get(0));
    return new Releve(
        serveur[UTIME] + serveur[STIME],
        postgres,
        client[UTIME] + client[STIME],
        machine[0],
        machine[1]);
  }

  /**
   * "processeur par dossier : serveur 108.0 ms, PostgreSQL 31.4 ms, client 12.0 ms ; machine
   * occupée à 98 %".
   */
  static String parDossier(Releve avant, Releve apres, int dossiers) {
    long total = apres.machineTotale() - avant.machineTotale();
    return String.format(
        Locale.ROOT,
        "processeur par dossier : serveur %.1f ms, PostgreSQL %.1f ms, client %.1f ms ;"
            + " machine occupée à %.0f %%",
        ms(apres.serveur() - avant.serveur(), dossiers),
        ms(apres.postgres() - avant.postgres(), dossiers),
        ms(apres.client() - avant.client(), dossiers),
        total > 0 ? 100.0 * (apres.machineOccupee() - avant.machineOccupee()) / total : 0.0);
  }

  /** Milliseconds of CPU per dossier. */
  static double ms(long tics, int dossiers) {
    return tics * MS_PAR_TIC / dossiers;
  }

  // Indexes in the fields that follow the command's name in /proc/<pid>/stat ("state" is 0).
  static final int PPID = 1;
  static final int UTIME = 11;
  static final int STIME = 12;
  static final int CUTIME = 13;
  static final int CSTIME = 14;

  /**
   * The numeric fields of a {@code /proc/<pid>/stat} line after the command's name, which is in
   * parentheses and may itself hold spaces and parentheses ("(http-thread (3))"): the fields start
   * after the last ')'. The state letter becomes 0; the fields past {@link #CSTIME} are not read.
   */
  static long[] champs(String ligne) {
    String[] reste = ligne.substring(ligne.lastIndexOf(')') + 2).trim().split(" ");
    // Only up to the children's times: later fields hold unsigned 64-bit values (rlim).
    long[] champs = new long[CSTIME + 1];
    for (int i = 1; i <= CSTIME; i++) {
      champs[i] = Long.parseLong(reste[i]);
    }
    return champs;
  }

  /**
   * The first line of {@code /proc/stat} ("cpu user nice system idle iowait irq softirq steal …"):
   * jiffies busy (all but idle and iowait) and in all, over every core.
   */
  static long[] machine(String ligne) {
    String[] t = ligne.trim().split("\\s+");
    long occupe = 0;
    long total = 0;
    for (int i = 1; i < Math.min(t.length, 9); i++) {
      long v = Long.parseLong(t[i]);
      total += v;
      if (i != 4 && i != 5) {
        occupe += v;
      }
    }
    return new long[] {occupe, total};
  }

  private static long ticsParSeconde() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String sortie = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor() == 0 ? Long.parseLong(sortie) : 100;
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
