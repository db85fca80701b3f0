package fr.parcelle.domain.port;

import java.time.Instant;

/**
 * The housekeeping of the {@link DocumentStore}: contents no row names any more go to a trash, and
 * leave it after a retention period and a second check; temporary files of cut receptions go.
 * Scheduled on every node; an administrator may ask for a pass.
 */
public interface MenageStockage {

  /**
   * One pass now, on this node, unless a pass is running on any node.
   *
   * @return what it did; {@code effectue} false when another pass was running
   */
  Bilan passer();

  /** What a pass did. */
  record Bilan(
      boolean effectue,
      int temporairesSupprimes,
      long contenusExamines,
      long misEnCorbeille,
      long corbeilleExaminee,
      long restaures,
      long supprimes,
      Instant debut,
      long dureeMs) {

    public static Bilan sansEffet(Instant debut) {
      return new Bilan(false, 0, 0, 0, 0, 0, 0, debut, 0);
    }
  }
}
