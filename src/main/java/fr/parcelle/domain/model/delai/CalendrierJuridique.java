package fr.parcelle.domain.model.delai;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counting of the délais of the Code de l'urbanisme. The start day is not counted and months run
 * from date to date (the same day number N months later, or the last day of a shorter month); the
 * tacit decision arises the day after the délai expires (R424-1; CE 14 November 2025 n° 496754).
 *
 * <p>Whether a délai that ends on a Saturday, a Sunday or a public holiday runs to the next working
 * day is an open question for tacit decisions: the extension is a setting, off by default. French
 * public holidays are computed, not listed (Easter by the Meeus/Jones/Butcher algorithm);
 * Alsace-Moselle (57, 67, 68) adds Good Friday and 26 December.
 */
public final class CalendrierJuridique {

  private static final Set<MonthDay> FERIES_FIXES =
      Set.of(
          MonthDay.of(1, 1), // Jour de l'an
          MonthDay.of(5, 1), // Fête du travail
          MonthDay.of(5, 8), // Victoire 1945
          MonthDay.of(7, 14), // Fête nationale
          MonthDay.of(8, 15), // Assomption
          MonthDay.of(11, 1), // Toussaint
          MonthDay.of(11, 11), // Armistice 1918
          MonthDay.of(12, 25)); // Noël

  private static final Set<String> ALSACE_MOSELLE = Set.of("57", "67", "68");

  private final boolean prorogationJourOuvre;

  /**
   * @param prorogationJourOuvre whether a délai ending on a non-working day runs to the next
   *     working day
   */
  public CalendrierJuridique(boolean prorogationJourOuvre) {
    this.prorogationJourOuvre = prorogationJourOuvre;
  }

  /** The rule in force by default: no extension. */
  public static CalendrierJuridique parDefaut() {
    return new CalendrierJuridique(false);
  }

  /**
   * Last day of a délai of {@code mois} months that started on {@code debut}, in {@code
   * departement}.
   */
  public LocalDate finDelai(LocalDate debut, int mois, String departement) {
    if (mois < 0) {
      throw new IllegalArgumentException("Un délai ne se compte pas en mois négatifs : " + mois);
    }
    LocalDate fin = debut.plusMonths(mois);
    return prorogationJourOuvre ? jourOuvreSuivantOuMeme(fin, departement) : fin;
  }

  /** Date at which silence becomes a decision: the day after the délai expires. */
  public LocalDate decisionTacite(LocalDate debut, int mois, String departement) {
    return finDelai(debut, mois, departement).plusDays(1);
  }

  public boolean prorogationJourOuvre() {
    return prorogationJourOuvre;
  }

  /** {@code date} itself if it is a working day, else the next one. */
  public static LocalDate jourOuvreSuivantOuMeme(LocalDate date, String departement) {
    LocalDate d = date;
    while (!estOuvre(d, departement)) {
      d = d.plusDays(1);
    }
    return d;
  }

  public static boolean estOuvre(LocalDate d, String departement) {
    return d.getDayOfWeek() != DayOfWeek.SATURDAY
        && d.getDayOfWeek() != DayOfWeek.SUNDAY
        && !estFerie(d, departement);
  }

  public static boolean estFerie(LocalDate d, String departement) {
    return joursFeries(d.getYear(), departement).contains(d);
  }

  /**
   * Public holidays of a year (Code du travail L3133-1; local law of Alsace-Moselle for 57, 67,
   * 68).
   */
  public static Set<LocalDate> joursFeries(int annee, String departement) {
    Set<LocalDate> jours = new TreeSet<>();
    for (MonthDay md : FERIES_FIXES) {
      jours.add(md.atYear(annee));
    }
    LocalDate paques = paques(annee);
    jours.add(paques.plusDays(1)); // Lundi de Pâques
    jours.add(paques.plusDays(39)); // Ascension
    jours.add(paques.plusDays(50)); // Lundi de Pentecôte
    if (departement != null && ALSACE_MOSELLE.contains(departement)) {
      jours.add(paques.minusDays(2)); // Vendredi saint
      jours.add(LocalDate.of(annee, 12, 26)); // Saint-Étienne
    }
    return jours;
  }

  /** Easter Sunday (Gregorian calendar), Meeus/Jones/Butcher. */
  public static LocalDate paques(int annee) {
    int a = annee % 19;
    int b = annee / 100;
    int c = annee % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int mois = (h + l - 7 * m + 114) / 31;
    int jour = ((h + l - 7 * m + 114) % 31) + 1;
    return LocalDate.of(annee, mois, jour);
  }
}
