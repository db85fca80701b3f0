package fr.parcelle.domain.model.delai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Délais counted as the Code de l'urbanisme counts them, on real dates. */
class CalendrierJuridiqueTest {

  private final CalendrierJuridique sansProrogation = CalendrierJuridique.parDefaut();
  private final CalendrierJuridique avecProrogation = new CalendrierJuridique(true);

  @ParameterizedTest(name = "{0} + {1} mois : fin {2}, décision tacite {3}")
  @CsvSource({
    // quantième à quantième
    "2026-03-02, 2, 2026-05-02, 2026-05-03",
    "2026-03-15, 1, 2026-04-15, 2026-04-16",
    // 31 January + 1 month: no 31 February, the month ends on its last day
    "2027-01-31, 1, 2027-02-28, 2027-03-01",
    // leap year
    "2028-01-31, 1, 2028-02-29, 2028-03-01",
    "2028-02-29, 12, 2029-02-28, 2029-03-01",
    // 30 November + 3 months
    "2026-11-30, 3, 2027-02-28, 2027-03-01",
    // over the turn of the year
    "2026-12-10, 2, 2027-02-10, 2027-02-11",
    "2026-10-31, 1, 2026-11-30, 2026-12-01",
    // a délai restarting on receipt of the missing pièces (R423-39 c): same rule from the new date
    "2027-04-17, 3, 2027-07-17, 2027-07-18"
  })
  void de_quantieme_a_quantieme_et_decision_le_lendemain(
      LocalDate debut, int mois, LocalDate fin, LocalDate tacite) {
    assertThat(sansProrogation.finDelai(debut, mois, "35")).isEqualTo(fin);
    assertThat(sansProrogation.decisionTacite(debut, mois, "35")).isEqualTo(tacite);
  }

  @Test
  void sans_prorogation_un_delai_peut_finir_un_dimanche_ou_un_jour_ferie() {
    // 2 May 2027 is a Sunday; 14 July 2026 a Tuesday, holiday.
    assertThat(sansProrogation.finDelai(LocalDate.of(2027, 3, 2), 2, "35"))
        .isEqualTo(LocalDate.of(2027, 5, 2));
    assertThat(sansProrogation.finDelai(LocalDate.of(2026, 6, 14), 1, "35"))
        .isEqualTo(LocalDate.of(2026, 7, 14));
  }

  @Test
  void avec_prorogation_le_delai_court_jusqu_au_premier_jour_ouvre() {
    // Ends Saturday 2 January 2027 -> Monday 4 January; tacit decision on Tuesday 5.
    assertThat(avecProrogation.finDelai(LocalDate.of(2026, 11, 2), 2, "35"))
        .isEqualTo(LocalDate.of(2027, 1, 4));
    assertThat(avecProrogation.decisionTacite(LocalDate.of(2026, 11, 2), 2, "35"))
        .isEqualTo(LocalDate.of(2027, 1, 5));
    // Ends on Easter Monday 2027 (29 March) -> Tuesday 30 March.
    assertThat(avecProrogation.finDelai(LocalDate.of(2027, 2, 28), 1, "35"))
        .isEqualTo(LocalDate.of(2027, 3, 30));
    // Ends on Saturday 14 May 2027? No: ends Thursday 6 May 2027 = Ascension -> Friday 7 May.
    assertThat(avecProrogation.finDelai(LocalDate.of(2027, 4, 6), 1, "35"))
        .isEqualTo(LocalDate.of(2027, 5, 7));
    // Ends on Whit Monday 2026 (25 May) -> Tuesday 26 May.
    assertThat(avecProrogation.finDelai(LocalDate.of(2026, 3, 25), 2, "35"))
        .isEqualTo(LocalDate.of(2026, 5, 26));
    // A working day stays as it is.
    assertThat(avecProrogation.finDelai(LocalDate.of(2026, 3, 2), 2, "35"))
        .isEqualTo(LocalDate.of(2026, 5, 4));
  }

  @Test
  void paques_est_calcule_et_non_liste() {
    assertThat(CalendrierJuridique.paques(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
    assertThat(CalendrierJuridique.paques(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
    assertThat(CalendrierJuridique.paques(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
    assertThat(CalendrierJuridique.paques(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
    assertThat(CalendrierJuridique.paques(2038)).isEqualTo(LocalDate.of(2038, 4, 25));
    assertThat(CalendrierJuridique.paques(2285)).isEqualTo(LocalDate.of(2285, 3, 22));
  }

  @Test
  void les_onze_jours_feries_de_2026_et_deux_de_plus_en_alsace_moselle() {
    assertThat(CalendrierJuridique.joursFeries(2026, "35"))
        .containsExactly(
            LocalDate.of(2026, 1, 1),
            LocalDate.of(2026, 4, 6),
            LocalDate.of(2026, 5, 1),
            LocalDate.of(2026, 5, 8),
            LocalDate.of(2026, 5, 14),
            LocalDate.of(2026, 5, 25),
            LocalDate.of(2026, 7, 14),
            LocalDate.of(2026, 8, 15),
            LocalDate.of(2026, 11, 1),
            LocalDate.of(2026, 11, 11),
            LocalDate.of(2026, 12, 25));
    assertThat(CalendrierJuridique.joursFeries(2026, "67"))
        .hasSize(13)
        .contains(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 12, 26));
    // Good Friday is not a holiday in Brittany: a délai ending then is not extended.
    assertThat(avecProrogation.finDelai(LocalDate.of(2026, 3, 3), 1, "35"))
        .isEqualTo(LocalDate.of(2026, 4, 3));
    assertThat(avecProrogation.finDelai(LocalDate.of(2026, 3, 3), 1, "57"))
        .isEqualTo(LocalDate.of(2026, 4, 7));
  }

  @Test
  void un_delai_negatif_n_existe_pas() {
    assertThatThrownBy(() -> sansProrogation.finDelai(LocalDate.of(2026, 1, 1), -1, "35"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
