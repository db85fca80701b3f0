package fr.parcelle.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.domain.model.delai.CalendrierJuridique;
import fr.parcelle.domain.model.delai.DelaiInstruction;
import fr.parcelle.domain.model.delai.Majoration;
import fr.parcelle.domain.model.delai.NatureDecisionTacite;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.infrastructure.delais.ReglesDelaisDmn;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The calculator on the real DMN tables and the legal calendar, on real dates. */
class CalculDelaisTest {

  private final ReglesDelaisDmn regles = new ReglesDelaisDmn();
  private final CalculDelais calcul = new CalculDelais(regles, CalendrierJuridique.parDefaut());
  private final CalculDelais calculProroge =
      new CalculDelais(regles, new CalendrierJuridique(true));

  private static LocalDate date(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void pcmi_complet_au_depot_le_31_janvier_2027() {
    DelaiInstruction d = calcul.simuler(TypeDossier.PCMI, date("2027-01-31"), Set.of(), null);
    assertThat(d.delaiDroitCommunMois()).isEqualTo(2);
    assertThat(d.articleDroitCommun()).isEqualTo("R423-23 b");
    assertThat(d.majorations()).isEmpty();
    assertThat(d.delaiMois()).isEqualTo(2);
    assertThat(d.debut()).isEqualTo(date("2027-01-31"));
    assertThat(d.dateFinDelai()).isEqualTo(date("2027-03-31"));
    assertThat(d.dateDecisionTacite()).isEqualTo(date("2027-04-01"));
    assertThat(d.natureDecisionTacite()).isEqualTo(NatureDecisionTacite.PERMIS_TACITE);
    assertThat(d.articleNatureTacite()).isEqualTo("R424-1 b");
  }

  @Test
  void pcmi_aux_abords_d_un_monument_historique_un_mois_de_plus() {
    DelaiInstruction d =
        calcul.simuler(TypeDossier.PCMI, date("2027-01-31"), Set.of("ABORDS_MH"), "35");
    assertThat(d.majorations()).extracting(Majoration::code).containsExactly("R423-24-ABF");
    assertThat(d.delaiMois()).isEqualTo(3);
    assertThat(d.dateFinDelai()).isEqualTo(date("2027-04-30"));
    assertThat(d.dateDecisionTacite()).isEqualTo(date("2027-05-01"));
  }

  @Test
  void le_delai_d_une_dp_repart_de_la_reception_des_pieces_manquantes() {
    // Deposited incomplete on 20 February 2027; the missing pièces arrive on 15 March (R423-39 c).
    DelaiInstruction d =
        calcul.calculer(
            TypeDossier.DP,
            Set.of(),
            "35",
            date("2027-02-20"),
            date("2027-03-15"),
            List.of(),
            false);
    assertThat(d.debut()).isEqualTo(date("2027-03-15"));
    assertThat(d.dateFinDelai()).isEqualTo(date("2027-04-15"));
    assertThat(d.dateDecisionTacite()).isEqualTo(date("2027-04-16"));
    assertThat(d.natureDecisionTacite()).isEqualTo(NatureDecisionTacite.NON_OPPOSITION);
  }

  @Test
  void seules_les_majorations_retenues_comptent() {
    List<Majoration> proposees =
        calcul.majorationsProposees(TypeDossier.PC, Set.of("ABORDS_MH", "ERP"), date("2027-01-31"));
    assertThat(proposees)
        .extracting(Majoration::code)
        .containsExactly("R423-24-ABF", "R423-28-ERP");

    DelaiInstruction toutes =
        calcul.calculer(
            TypeDossier.PC,
            Set.of("ABORDS_MH", "ERP"),
            null,
            date("2027-01-31"),
            date("2027-01-31"),
            proposees,
            false);
    assertThat(toutes.delaiMois()).isEqualTo(5);
    assertThat(toutes.dateFinDelai()).isEqualTo(date("2027-06-30"));

    // Only the ABF majoration notified within the month: 3 + 1.
    DelaiInstruction uneSeule =
        calcul.calculer(
            TypeDossier.PC,
            Set.of("ABORDS_MH", "ERP"),
            null,
            date("2027-01-31"),
            date("2027-01-31"),
            proposees.subList(0, 1),
            false);
    assertThat(uneSeule.delaiMois()).isEqualTo(4);
    assertThat(uneSeule.dateFinDelai()).isEqualTo(date("2027-05-31"));
  }

  @Test
  void avis_abf_defavorable_en_spr_le_silence_vaut_refus() {
    DelaiInstruction d =
        calcul.calculer(
            TypeDossier.PCMI,
            Set.of("SPR"),
            "35",
            date("2027-01-31"),
            date("2027-01-31"),
            calcul.majorationsProposees(TypeDossier.PCMI, Set.of("SPR"), date("2027-01-31")),
            true);
    assertThat(d.natureDecisionTacite()).isEqualTo(NatureDecisionTacite.REFUS_TACITE);
    assertThat(d.articleNatureTacite()).isEqualTo("R424-3");
    assertThat(d.dateDecisionTacite()).isEqualTo(date("2027-05-01"));
  }

  @Test
  void certificat_d_urbanisme_operationnel() {
    DelaiInstruction d =
        calcul.simuler(TypeDossier.CUb, date("2027-01-31"), Set.of("SPR", "ERP"), "35");
    assertThat(d.majorations()).isEmpty();
    assertThat(d.dateFinDelai()).isEqualTo(date("2027-03-31"));
    assertThat(d.natureDecisionTacite()).isEqualTo(NatureDecisionTacite.CU_TACITE);
  }

  @Test
  void avec_prorogation_un_delai_finissant_un_samedi_court_au_lundi() {
    // PCMI deposited 12 April 2027: 2 months end on Saturday 12 June.
    assertThat(calcul.simuler(TypeDossier.PCMI, date("2027-04-12"), Set.of(), "35").dateFinDelai())
        .isEqualTo(date("2027-06-12"));
    DelaiInstruction d =
        calculProroge.simuler(TypeDossier.PCMI, date("2027-04-12"), Set.of(), "35");
    assertThat(d.dateFinDelai()).isEqualTo(date("2027-06-14"));
    assertThat(d.dateDecisionTacite()).isEqualTo(date("2027-06-15"));
  }

  @Test
  void avec_prorogation_un_delai_finissant_le_lundi_de_paques_court_au_mardi() {
    // PCMI deposited 29 January 2027: 2 months end on Easter Monday, 29 March 2027.
    assertThat(calcul.simuler(TypeDossier.PCMI, date("2027-01-29"), Set.of(), "35").dateFinDelai())
        .isEqualTo(date("2027-03-29"));
    DelaiInstruction d =
        calculProroge.simuler(TypeDossier.PCMI, date("2027-01-29"), Set.of(), "35");
    assertThat(d.dateFinDelai()).isEqualTo(date("2027-03-30"));
    assertThat(d.dateDecisionTacite()).isEqualTo(date("2027-03-31"));
  }

  @Test
  void le_departement_compte_pour_les_jours_feries_locaux() {
    // Ends on Good Friday, 26 March 2027: a working day in Ille-et-Vilaine or without a
    // département, a holiday in Moselle (then Easter weekend and Monday: Tuesday 30).
    assertThat(
            calculProroge
                .simuler(TypeDossier.PCMI, date("2027-01-26"), Set.of(), null)
                .dateFinDelai())
        .isEqualTo(date("2027-03-26"));
    assertThat(
            calculProroge
                .simuler(TypeDossier.PCMI, date("2027-01-26"), Set.of(), "57")
                .dateFinDelai())
        .isEqualTo(date("2027-03-30"));
  }

  @Test
  void le_delai_ne_part_pas_avant_le_depot() {
    assertThatThrownBy(
            () ->
                calcul.calculer(
                    TypeDossier.DP,
                    Set.of(),
                    null,
                    date("2027-03-15"),
                    date("2027-03-14"),
                    List.of(),
                    false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
