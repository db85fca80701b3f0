package fr.parcelle.domain.model.delai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule that combines majorations, on the cases the code names. */
class DelaiInstructionTest {

  private static final Majoration ABF =
      new Majoration("R423-24-ABF", "R423-24 c", "ABF consulté.", 1, null);
  private static final Majoration SITE_INSCRIT =
      new Majoration("R423-24-SITE-INSCRIT", "R423-24 a", "Site inscrit.", 1, null);
  private static final Majoration PARTICIPATION =
      new Majoration("R423-25-PARTICIPATION-PUBLIC", "R423-25 f", "Participation.", 2, null);
  private static final Majoration ERP = new Majoration("R423-28-ERP", "R423-28 b", "ERP.", null, 5);

  @Test
  void sans_majoration_le_delai_de_droit_commun() {
    assertThat(DelaiInstruction.delaiApplicable(2, List.of())).isEqualTo(2);
  }

  @Test
  void les_cas_de_R423_24_font_une_seule_majoration_d_un_mois() {
    assertThat(DelaiInstruction.delaiApplicable(2, List.of(ABF, SITE_INSCRIT))).isEqualTo(3);
  }

  @Test
  void R423_25_ne_se_cumule_pas_avec_R423_24() {
    assertThat(DelaiInstruction.delaiApplicable(3, List.of(ABF, PARTICIPATION))).isEqualTo(5);
  }

  @Test
  void un_delai_porte_a_cinq_mois_remplace_le_droit_commun_majore_plus_court() {
    // PCMI (2 months) in abords of a MH (+1) and for an ERP (5 months): 5, not 3 nor 8.
    assertThat(DelaiInstruction.delaiApplicable(2, List.of(ABF, ERP))).isEqualTo(5);
  }

  @Test
  void un_delai_porte_a_ne_raccourcit_jamais_le_droit_commun_majore() {
    Majoration porteADeux = new Majoration("X", "X", "Hypothèse.", null, 2);
    assertThat(DelaiInstruction.delaiApplicable(3, List.of(PARTICIPATION, porteADeux)))
        .isEqualTo(5);
  }

  @Test
  void une_majoration_ajoute_des_mois_ou_porte_le_delai_pas_les_deux() {
    assertThatThrownBy(() -> new Majoration("X", "X", "X", 1, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Majoration("X", "X", "X", null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Majoration("X", "X", "X", 0, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void un_delai_incoherent_avec_ses_majorations_est_refuse() {
    LocalDate d = LocalDate.of(2027, 1, 31);
    assertThatThrownBy(
            () ->
                new DelaiInstruction(
                    2,
                    "R423-23 b",
                    List.of(ABF),
                    2,
                    d,
                    d.plusMonths(2),
                    d.plusMonths(2).plusDays(1),
                    NatureDecisionTacite.PERMIS_TACITE,
                    "R424-1 b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void libelles_francais_des_decisions_tacites() {
    assertThat(NatureDecisionTacite.NON_OPPOSITION.libelle()).isEqualTo("non-opposition tacite");
    assertThat(NatureDecisionTacite.PERMIS_TACITE.libelle()).isEqualTo("permis tacite");
    assertThat(NatureDecisionTacite.CU_TACITE.libelle()).isEqualTo("certificat d'urbanisme tacite");
    assertThat(NatureDecisionTacite.REFUS_TACITE.libelle()).isEqualTo("refus tacite");
    assertThat(NatureDecisionTacite.OPPOSITION_TACITE.libelle()).isEqualTo("opposition tacite");
  }
}
