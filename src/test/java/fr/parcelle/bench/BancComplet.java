package fr.parcelle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Issue 8's benchmarks, one command: {@code mvn -Pbench package}. Runs the per-pièce pipeline (c),
 * the process starts and completions beside a bare engine (d), the instructors' queries at national
 * scale (e), then the deposits, the large pièce and the start-up (a, b, f), each printing its
 * detailed report as when run alone; then one table of every headline figure beside the raw
 * baseline measured in the same run, also written to {@code target/banc-synthese.md}. Never fails
 * on timings: a part that cannot run gets a row saying why, and the others still run.
 *
 * <p>{@code -Dbanc.parties=c,d,e,a} chooses the parts ({@code a}, {@code b} or {@code f} runs the
 * deposit part, which measures all three on one start of the platform); {@code -Dbanc.synthese}
 * names the table's file. The first run of {@code e} loads 1,000,000 dossiers into {@code
 * target/banc-requetes} (6 to 20 minutes, 9 GB); later runs reuse them. Each part keeps its own
 * options (README, "Benchmark").
 */
public final class BancComplet {

  /** One part: its letters in the table, and its main. */
  private record Partie(String cle, String libelle, Principal principal) {}

  private interface Principal {
    void executer(String[] args) throws Exception;
  }

  private static final List<Partie> PARTIES =
      List.of(
          new Partie("c", "(c) chaîne d'une pièce", BancPieces::main),
          new Partie("d", "(d) moteur de processus", BancProcessus::main),
          new Partie("e", "(e) requêtes des instructeurs", BancRequetes::main),
          new Partie("a", "(a, b, f) dépôts, grosse pièce, démarrage", BancDepot::main));

  private BancComplet() {}

  public static void main(String[] args) throws Exception {
    Set<String> choisies = new LinkedHashSet<>();
    for (String p : System.getProperty("banc.parties", "c,d,e,a").split(",")) {
      String cle = p.strip().toLowerCase(Locale.ROOT);
      if (cle.isEmpty()) {
        continue;
      }
      // b and f are measured by the deposit part, with a.
      cle = cle.equals("b") || cle.equals("f") ? "a" : cle;
      if (!List.of("a", "c", "d", "e").contains(cle)) {
        throw new IllegalArgumentException(
            "banc.parties : partie inconnue « " + p.strip() + " » (a, b, c, d, e, f).");
      }
      choisies.add(cle);
    }
    List<String> durees = new ArrayList<>();
    long debut = System.nanoTime();
    for (Partie partie : PARTIES) {
      if (!choisies.contains(partie.cle())) {
        continue;
      }
      System.out.printf("%n##### %s #####%n%n", partie.libelle());
      long t0 = System.nanoTime();
      try {
        partie.principal().executer(args);
      } catch (Exception | Error e) {
        e.printStackTrace(System.out);
        Synthese.echec(partie.libelle(), e);
      }
      durees.add(
          String.format(
              Locale.ROOT, "%s : %.1f min", partie.libelle(), (System.nanoTime() - t0) / 60e9));
    }
    String rapport =
        String.format(
            Locale.ROOT,
            "## Issue 8 : synthèse des bancs (%s, %d cœurs, client et serveur sur la même"
                + " machine)%n%n%s%nDurées : %s ; en tout %.1f min.%n",
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
            Runtime.getRuntime().availableProcessors(),
            Synthese.tableau(),
            String.join(" ; ", durees),
            (System.nanoTime() - debut) / 60e9);
    System.out.printf("%n%s", rapport);
    ecrire(Path.of(System.getProperty("banc.synthese", "target/banc-synthese.md")), rapport);
  }

  private static void ecrire(Path fichier, String rapport) {
    try {
      if (fichier.getParent() != null) {
        Files.createDirectories(fichier.getParent());
      }
      Files.writeString(fichier, rapport);
      System.out.println("(écrit dans " + fichier + ")");
    } catch (IOException e) {
      System.out.println("Synthèse non écrite dans " + fichier + " : " + e.getMessage());
    }
  }
}
