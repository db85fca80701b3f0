package fr.parcelle.bench;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Issue 8's benchmarks in one table: each bench notes its headline figures here, beside the raw
 * baseline it measured in the same run, while it prints its own detailed report. {@link
 * BancComplet} runs them one after the other and prints the table at the end. A bench run alone
 * notes into it too, and nobody prints it.
 */
final class Synthese {

  /**
   * One row.
   *
   * @param cible which figure of the issue, e.g. "(a) concurrence 8"
   * @param mesure what Parcelle did
   * @param brut the raw baseline of the same run, or "—" where the issue gives none
   * @param rapport Parcelle against the raw baseline, in the target's own terms (× or %)
   * @param objectif the target, or "—"
   * @param atteint "oui", "non", or "—" where no target applies
   */
  record Ligne(
      String cible, String mesure, String brut, String rapport, String objectif, String atteint) {}

  private static final List<Ligne> LIGNES = new CopyOnWriteArrayList<>();

  private Synthese() {}

  static void noter(
      String cible, String mesure, String brut, String rapport, String objectif, Boolean atteint) {
    LIGNES.add(
        new Ligne(
            cible,
            mesure,
            brut,
            rapport,
            objectif,
            atteint == null ? "—" : atteint ? "oui" : "non"));
  }

  /** A part that could not run: its row says why, and the others still run. */
  static void echec(String cible, Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    noter(cible, "échec : " + message.replace('|', '/').replace('\n', ' '), "—", "—", "—", false);
  }

  /** The table in Markdown, as the README shows it. */
  static String tableau() {
    StringBuilder b = new StringBuilder();
    b.append("| cible | Parcelle | brut, même exécution | rapport | objectif | atteint |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (Ligne l : LIGNES) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s |%n",
              l.cible(),
              l.mesure(),
              l.brut(),
              l.rapport(),
              l.objectif(),
              l.atteint()));
    }
    return b.toString();
  }

  /** "1.58×": Parcelle's cost against the raw one. */
  static String fois(double rapport) {
    return String.format(Locale.ROOT, "%.2f×", rapport);
  }

  /** "65 %": Parcelle's rate against the raw one. */
  static String pourcent(double part) {
    return String.format(Locale.ROOT, "%.0f %%", 100 * part);
  }
}
