package fr.parcelle.infrastructure.delais;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import fr.parcelle.domain.model.delai.AucuneRegleEnVigueurException;
import fr.parcelle.domain.model.delai.DelaiInstruction;
import fr.parcelle.domain.model.delai.Majoration;
import fr.parcelle.domain.model.delai.NatureDecisionTacite;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.domain.model.referentiel.CaracteristiquesType;
import fr.parcelle.domain.port.ReglesDelais.DecisionTacite;
import fr.parcelle.domain.port.ReglesDelais.DelaiDroitCommun;
import fr.parcelle.infrastructure.referentiel.ReferentielFichiers;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The three DMN tables of bpmn/, row by row, on real cases. */
class ReglesDelaisDmnTest {

  private static final LocalDate DEPOT = LocalDate.of(2027, 1, 31);
  private final ReglesDelaisDmn regles = new ReglesDelaisDmn();

  // ------------------------------------------------------------------ délai de droit commun

  @ParameterizedTest(name = "{0} : {1} mois ({2})")
  @CsvSource({
    "CUa, 1, R410-9",
    "CUb, 2, R410-10",
    "DP, 1, R423-23 a",
    "PCMI, 2, R423-23 b",
    "PD, 2, R423-23 b",
    "PC, 3, R423-23 c",
    "PA, 3, R423-23 c"
  })
  void delai_de_droit_commun_de_chaque_type(TypeDossier type, int mois, String article) {
    assertThat(regles.delaiDroitCommun(type, DEPOT)).isEqualTo(new DelaiDroitCommun(mois, article));
  }

  @ParameterizedTest
  @EnumSource(TypeDossier.class)
  void la_table_et_le_referentiel_des_types_disent_le_meme_delai(TypeDossier type) {
    ReferentielFichiers referentiel = new ReferentielFichiers();
    referentiel.charger();
    CaracteristiquesType csv = referentiel.caracteristiques(type, DEPOT);
    assertThat(regles.delaiDroitCommun(type, DEPOT))
        .isEqualTo(new DelaiDroitCommun(csv.delaiMois(), csv.articleDelai()));
  }

  @Test
  void avant_le_referentiel_aucune_regle() {
    assertThatThrownBy(() -> regles.delaiDroitCommun(TypeDossier.DP, LocalDate.of(2024, 12, 31)))
        .isInstanceOf(AucuneRegleEnVigueurException.class);
    // The PA row holds since the cerfa 16297 (1 July 2024).
    assertThat(regles.delaiDroitCommun(TypeDossier.PA, LocalDate.of(2024, 7, 1)).mois())
        .isEqualTo(3);
    assertThatThrownBy(() -> regles.delaiDroitCommun(TypeDossier.PA, LocalDate.of(2024, 6, 30)))
        .isInstanceOf(AucuneRegleEnVigueurException.class);
  }

  // ------------------------------------------------------------------ majorations

  @Test
  void pcmi_en_spr_un_mois_de_plus_donc_trois_mois() {
    List<Majoration> m = regles.majorations(TypeDossier.PCMI, Set.of("SPR"), DEPOT);
    assertThat(m)
        .extracting(Majoration::code, Majoration::article, Majoration::moisAjoutes)
        .containsExactly(tuple("R423-24-ABF", "R423-24 c", 1));
    assertThat(m.get(0).motif()).contains("architecte des Bâtiments de France");
    assertThat(delai(TypeDossier.PCMI, "SPR")).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0} aux abords d''un monument historique : {1} mois")
  @CsvSource({"DP, 2", "PCMI, 3", "PC, 4", "PA, 4", "PD, 3"})
  void abords_mh_un_mois_de_plus_pour_dp_et_permis(TypeDossier type, int mois) {
    assertThat(codes(type, "ABORDS_MH")).containsExactly("R423-24-ABF");
    assertThat(delai(type, "ABORDS_MH")).isEqualTo(mois);
  }

  @Test
  void pc_d_un_erp_porte_a_cinq_mois() {
    List<Majoration> m = regles.majorations(TypeDossier.PC, Set.of("ERP"), DEPOT);
    assertThat(m)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.code()).isEqualTo("R423-28-ERP");
              assertThat(x.article()).isEqualTo("R423-28 b");
              assertThat(x.moisAjoutes()).isNull();
              assertThat(x.delaiPorteAMois()).isEqualTo(5);
            });
    assertThat(delai(TypeDossier.PC, "ERP")).isEqualTo(5);
  }

  @Test
  void r423_28_b_ne_vise_que_le_permis_de_construire() {
    assertThat(codes(TypeDossier.PA, "ERP")).isEmpty();
    assertThat(codes(TypeDossier.PD, "ERP")).isEmpty();
    assertThat(codes(TypeDossier.DP, "ERP")).isEmpty();
  }

  @Test
  void immeuble_inscrit_permis_porte_a_cinq_mois_rien_pour_une_dp() {
    for (TypeDossier permis :
        List.of(TypeDossier.PCMI, TypeDossier.PC, TypeDossier.PA, TypeDossier.PD)) {
      assertThat(codes(permis, "MH_INSCRIT")).containsExactly("R423-28-MH-INSCRIT");
      assertThat(delai(permis, "MH_INSCRIT")).isEqualTo(5);
    }
    assertThat(codes(TypeDossier.DP, "MH_INSCRIT")).isEmpty();
  }

  @Test
  void r423_24_et_r423_25_ne_se_cumulent_pas() {
    // A PC in abords of a MH (+1, R423-24) with public participation (+2, R423-25): 3 + 2.
    assertThat(codes(TypeDossier.PC, "ABORDS_MH", "EVALUATION_ENVIRONNEMENTALE"))
        .containsExactly("R423-24-ABF", "R423-25-PARTICIPATION-PUBLIC");
    assertThat(delai(TypeDossier.PC, "ABORDS_MH", "EVALUATION_ENVIRONNEMENTALE")).isEqualTo(5);
    // Since 2022 a DP gets the two months too (R423-25, second-to-last paragraph, not its f).
    assertThat(regles.majorations(TypeDossier.DP, Set.of("EVALUATION_ENVIRONNEMENTALE"), DEPOT))
        .extracting(Majoration::article)
        .containsExactly("R423-25");
    assertThat(delai(TypeDossier.DP, "EVALUATION_ENVIRONNEMENTALE")).isEqualTo(3);
  }

  @Test
  void pcmi_aux_abords_pour_un_erp_cinq_mois_et_non_huit() {
    assertThat(codes(TypeDossier.PCMI, "ABORDS_MH", "ERP"))
        .containsExactly("R423-24-ABF", "R423-28-ERP");
    assertThat(delai(TypeDossier.PCMI, "ABORDS_MH", "ERP")).isEqualTo(5);
  }

  @Test
  void site_inscrit_et_defrichement_un_mois_au_titre_d_une_autre_legislation() {
    assertThat(regles.majorations(TypeDossier.DP, Set.of("SITE_INSCRIT"), DEPOT))
        .extracting(Majoration::article)
        .containsExactly("R423-24 a");
    assertThat(codes(TypeDossier.PA, "DEFRICHEMENT")).containsExactly("R423-24-DEFRICHEMENT");
    assertThat(delai(TypeDossier.PA, "DEFRICHEMENT", "SITE_INSCRIT", "SPR")).isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(
      value = TypeDossier.class,
      names = {"CUa", "CUb"})
  void aucune_majoration_pour_un_certificat_d_urbanisme(TypeDossier type) {
    assertThat(regles.majorations(type, toutesLesContraintes(), DEPOT)).isEmpty();
  }

  @Test
  void une_contrainte_sans_effet_sur_le_delai_ne_majore_rien() {
    assertThat(codes(TypeDossier.PC, "ZAC", "LOTISSEMENT", "VISIBLE_ESPACE_PUBLIC")).isEmpty();
  }

  @Test
  void chaque_majoration_porte_un_code_un_article_et_un_motif() {
    for (TypeDossier type : EnumSet.allOf(TypeDossier.class)) {
      for (Majoration m : regles.majorations(type, toutesLesContraintes(), DEPOT)) {
        assertThat(m.code()).matches("R423-2[0-9](-[A-Z]+)+");
        assertThat(m.article()).startsWith("R423-2");
        assertThat(m.motif()).endsWith(".").hasSizeGreaterThan(30);
      }
    }
  }

  // ------------------------------------------------------------------ nature de la décision tacite

  @ParameterizedTest(name = "{0} sans contrainte : {1} ({2})")
  @CsvSource({
    "DP, NON_OPPOSITION, R424-1 a",
    "PCMI, PERMIS_TACITE, R424-1 b",
    "PC, PERMIS_TACITE, R424-1 b",
    "PA, PERMIS_TACITE, R424-1 b",
    "PD, PERMIS_TACITE, R424-1 b",
    "CUa, CU_TACITE, R410-12",
    "CUb, CU_TACITE, R410-12"
  })
  void le_silence_vaut_accord_par_principe(
      TypeDossier type, NatureDecisionTacite nature, String article) {
    assertThat(regles.natureDecisionTacite(type, Set.of(), false, DEPOT))
        .isEqualTo(new DecisionTacite(nature, article));
  }

  @Test
  void pc_en_site_classe_refus_tacite() {
    assertThat(nature(TypeDossier.PC, false, "SITE_CLASSE"))
        .isEqualTo(new DecisionTacite(NatureDecisionTacite.REFUS_TACITE, "R424-2"));
  }

  @Test
  void permis_sur_un_immeuble_inscrit_refus_tacite() {
    assertThat(nature(TypeDossier.PD, false, "MH_INSCRIT").nature())
        .isEqualTo(NatureDecisionTacite.REFUS_TACITE);
    assertThat(nature(TypeDossier.PCMI, false, "MH_INSCRIT").nature())
        .isEqualTo(NatureDecisionTacite.REFUS_TACITE);
  }

  @Test
  void dp_en_site_classe_non_opposition_car_r424_2_ne_vise_que_les_permis() {
    // CE 26 October 2012, Commune de Saint-Jean-Cap-Ferrat, n° 350737.
    assertThat(nature(TypeDossier.DP, false, "SITE_CLASSE"))
        .isEqualTo(new DecisionTacite(NatureDecisionTacite.NON_OPPOSITION, "R424-1 a"));
  }

  @Test
  void abf_defavorable_en_spr_refus_tacite_du_permis() {
    assertThat(nature(TypeDossier.PCMI, true, "SPR"))
        .isEqualTo(new DecisionTacite(NatureDecisionTacite.REFUS_TACITE, "R424-3"));
    assertThat(nature(TypeDossier.PC, true, "ABORDS_MH").article()).isEqualTo("R424-3");
    // Without an ABF accord required, the flag changes nothing.
    assertThat(nature(TypeDossier.PC, true).nature()).isEqualTo(NatureDecisionTacite.PERMIS_TACITE);
    // R424-3 too derogates from R424-1 b only.
    assertThat(nature(TypeDossier.DP, true, "SPR").nature())
        .isEqualTo(NatureDecisionTacite.NON_OPPOSITION);
  }

  @Test
  void evaluation_environnementale_refus_ou_opposition_depuis_le_31_decembre_2025() {
    LocalDate avant = LocalDate.of(2025, 12, 30);
    LocalDate depuis = LocalDate.of(2025, 12, 31);
    Set<String> ee = Set.of("EVALUATION_ENVIRONNEMENTALE");
    assertThat(regles.natureDecisionTacite(TypeDossier.PC, ee, false, depuis))
        .isEqualTo(new DecisionTacite(NatureDecisionTacite.REFUS_TACITE, "R424-2-1"));
    assertThat(regles.natureDecisionTacite(TypeDossier.DP, ee, false, depuis))
        .isEqualTo(new DecisionTacite(NatureDecisionTacite.OPPOSITION_TACITE, "R424-2-1"));
    assertThat(regles.natureDecisionTacite(TypeDossier.PC, ee, false, avant).nature())
        .isEqualTo(NatureDecisionTacite.PERMIS_TACITE);
  }

  @Test
  void demolition_en_site_inscrit_refus_tacite() {
    assertThat(nature(TypeDossier.PD, false, "SITE_INSCRIT").nature())
        .isEqualTo(NatureDecisionTacite.REFUS_TACITE);
    assertThat(nature(TypeDossier.PC, false, "SITE_INSCRIT", "DEMOLITION").nature())
        .isEqualTo(NatureDecisionTacite.REFUS_TACITE);
    assertThat(nature(TypeDossier.PC, false, "SITE_INSCRIT").nature())
        .isEqualTo(NatureDecisionTacite.PERMIS_TACITE);
  }

  @Test
  void certificat_d_urbanisme_tacite_quelles_que_soient_les_contraintes() {
    assertThat(regles.natureDecisionTacite(TypeDossier.CUb, toutesLesContraintes(), true, DEPOT))
        .isEqualTo(new DecisionTacite(NatureDecisionTacite.CU_TACITE, "R410-12"));
  }

  // ------------------------------------------------------------------ helpers

  private List<String> codes(TypeDossier type, String... contraintes) {
    return regles.majorations(type, Set.of(contraintes), DEPOT).stream()
        .map(Majoration::code)
        .toList();
  }

  private int delai(TypeDossier type, String... contraintes) {
    return DelaiInstruction.delaiApplicable(
        regles.delaiDroitCommun(type, DEPOT).mois(),
        regles.majorations(type, Set.of(contraintes), DEPOT));
  }

  private DecisionTacite nature(TypeDossier type, boolean avisAbf, String... contraintes) {
    return regles.natureDecisionTacite(type, Set.of(contraintes), avisAbf, DEPOT);
  }

  private static Set<String> toutesLesContraintes() {
    ReferentielFichiers referentiel = new ReferentielFichiers();
    referentiel.charger();
    return new TreeSet<>(referentiel.contraintes().keySet());
  }
}
