package fr.parcelle.domain.model.delai;

import java.time.LocalDate;

/**
 * Counting of the délais of the Code de l'urbanisme. The start day is not counted and months run
 * from date to date (the same day number N months later, or the last day of a shorter month); the
 * tacit decision arises the day after the délai expires (R424-1; CE 14 November 2025 n° 496754).
 */
public final class Delais {

  private Delais() {}

  /** Last day of a délai of {@code mois} months that started on {@code debut}. */
  public static LocalDate expiration(LocalDate debut, int mois) {
    return debut.plusMonths(mois);
  }

  /** Date at which silence becomes a decision. */
  public static LocalDate decisionTacite(LocalDate debut, int mois) {
    return expiration(debut, mois).plusDays(1);
  }
}
