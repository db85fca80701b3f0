package fr.parcelle.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.application.DonneesInvalidesException.ChampInvalide;
import fr.parcelle.application.GuideDepot.Conseil;
import fr.parcelle.application.GuideDepot.PieceExpliquee;
import fr.parcelle.infrastructure.referentiel.OrientationDmn;
import fr.parcelle.infrastructure.referentiel.ReferentielFichiers;
import fr.parcelle.infrastructure.referentiel.ReferentielTerritoire;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The guide's table (bpmn/formalite-travaux.dmn) on cases of the Code de l'urbanisme, row by row at
 * the thresholds: 5 m², 20 m², 40 m² in an urban zone, 150 m² in all.
 */
class GuideDepotTest {

  private final GuideDepot guide;

  GuideDepotTest() {
    ReferentielFichiers referentiel = new ReferentielFichiers();
    referentiel.charger();
    ReferentielTerritoire territoire = new ReferentielTerritoire();
    territoire.charger();
    guide =
        new GuideDepot(
            referentiel,
            territoire,
            new OrientationDmn(),
            Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneId.of("Europe/Paris")));
  }

  private Conseil orienter(String... cleValeur) {
    Map<String, String> p = new HashMap<>();
    for (int i = 0; i < cleValeur.length; i += 2) {
      p.put(cleValeur[i], cleValeur[i + 1]);
    }
    return guide.orienter(p);
  }

  @Test
  void maison_de_120_m2_permis_de_construire_maison_individuelle_sans_architecte() {
    Conseil c =
        orienter(
            "travaux",
            "CONSTRUCTION_NOUVELLE",
            "surfaceCreeeM2",
            "120",
            "maisonIndividuelle",
            "true");
    assertThat(c.formalite()).isEqualTo("PCMI");
    assertThat(c.article()).isEqualTo("R421-1");
    assertThat(c.cerfa()).isEqualTo("13406");
    assertThat(c.architecteObligatoire()).isFalse();
    assertThat(c.pieces())
        .filteredOn(PieceExpliquee::obligatoire)
        .extracting(PieceExpliquee::code)
        .containsExactly("PCMI1", "PCMI2", "PCMI3", "PCMI4", "PCMI5", "PCMI6", "PCMI7", "PCMI8");
    assertThat(c.pieces()).allSatisfy(p -> assertThat(p.aide()).isNotBlank());
  }

  @Test
  void au_dela_de_150_m2_l_architecte_est_obligatoire() {
    Conseil c =
        orienter(
            "travaux",
            "CONSTRUCTION_NOUVELLE",
            "surfaceCreeeM2",
            "150.5",
            "maisonIndividuelle",
            "true");
    assertThat(c.architecteObligatoire()).isTrue();
    assertThat(c.motifArchitecte()).contains("R431-2");
  }

  @Test
  void abri_de_jardin_seuils_de_5_et_20_m2() {
    assertThat(orienter("travaux", "CONSTRUCTION_NOUVELLE", "surfaceCreeeM2", "5").formalite())
        .isEqualTo("AUCUNE");
    assertThat(
            orienter(
                    "travaux",
                    "CONSTRUCTION_NOUVELLE",
                    "surfaceCreeeM2",
                    "5",
                    "secteurProtege",
                    "true")
                .article())
        .isEqualTo("R421-11");
    Conseil dp = orienter("travaux", "CONSTRUCTION_NOUVELLE", "surfaceCreeeM2", "20");
    assertThat(dp.formalite()).isEqualTo("DP");
    assertThat(dp.article()).isEqualTo("R421-9 a");
    assertThat(dp.pieces()).extracting(PieceExpliquee::code).contains("DP1");
    assertThat(orienter("travaux", "CONSTRUCTION_NOUVELLE", "surfaceCreeeM2", "20,5").formalite())
        .isEqualTo("PC");
  }

  @Test
  void extension_en_zone_urbaine_40_m2_tant_que_le_total_reste_sous_150() {
    Conseil dp =
        orienter(
            "travaux",
            "EXTENSION",
            "surfaceCreeeM2",
            "35",
            "surfaceTotaleApresM2",
            "140",
            "zoneUrbaine",
            "true",
            "maisonIndividuelle",
            "true");
    assertThat(dp.formalite()).isEqualTo("DP");
    assertThat(dp.article()).isEqualTo("R421-17 f");
    // 35 m² bringing the house past 150 m²: permit (R421-14 b), and an architect (R431-2).
    Conseil pc =
        orienter(
            "travaux",
            "EXTENSION",
            "surfaceCreeeM2",
            "35",
            "surfaceTotaleApresM2",
            "160",
            "zoneUrbaine",
            "true",
            "maisonIndividuelle",
            "true");
    assertThat(pc.formalite()).isEqualTo("PCMI");
    assertThat(pc.article()).isEqualTo("R421-14 b");
    assertThat(pc.architecteObligatoire()).isTrue();
    // Outside an urban zone, 20 m² is the limit.
    assertThat(
            orienter(
                    "travaux",
                    "EXTENSION",
                    "surfaceCreeeM2",
                    "35",
                    "surfaceTotaleApresM2",
                    "120",
                    "zoneUrbaine",
                    "false")
                .formalite())
        .isEqualTo("PC");
  }

  @Test
  void changement_de_destination_lotissement_demolition_et_certificats() {
    assertThat(orienter("travaux", "CHANGEMENT_DESTINATION").formalite()).isEqualTo("DP");
    assertThat(
            orienter("travaux", "CHANGEMENT_DESTINATION", "modifieStructureOuFacade", "true")
                .formalite())
        .isEqualTo("PC");
    assertThat(orienter("travaux", "LOTISSEMENT").formalite()).isEqualTo("DP");
    assertThat(orienter("travaux", "LOTISSEMENT", "equipementsCommuns", "true").formalite())
        .isEqualTo("PA");
    assertThat(orienter("travaux", "DEMOLITION").formalite()).isEqualTo("PD");
    assertThat(orienter("travaux", "CU_INFORMATION").formalite()).isEqualTo("CUa");
    assertThat(orienter("travaux", "CU_OPERATIONNEL").formalite()).isEqualTo("CUb");
  }

  @Test
  void les_contraintes_ajoutent_leurs_pieces() {
    Conseil c =
        orienter("travaux", "CONSTRUCTION_NOUVELLE", "surfaceCreeeM2", "300", "contraintes", "ERP");
    assertThat(c.formalite()).isEqualTo("PC");
    assertThat(c.pieces())
        .filteredOn(PieceExpliquee::obligatoire)
        .extracting(PieceExpliquee::code)
        .contains("PC39", "PC40");
  }

  @Test
  void chaque_parametre_faux_est_nomme() {
    assertThatThrownBy(
            () ->
                orienter(
                    "travaux", "EXTENSION", "surfaceCreeeM2", "beaucoup", "contraintes", "PISCINE"))
        .isInstanceOfSatisfying(
            DonneesInvalidesException.class,
            e ->
                assertThat(e.champs())
                    .extracting(ChampInvalide::champ)
                    .containsExactlyInAnyOrder(
                        "surfaceCreeeM2", "surfaceTotaleApresM2", "contraintes"));
    assertThatThrownBy(() -> orienter("travaux", "PISCINE"))
        .isInstanceOf(DonneesInvalidesException.class)
        .hasMessageContaining("travaux");
    assertThatThrownBy(() -> orienter())
        .isInstanceOf(DonneesInvalidesException.class)
        .hasMessageContaining("travaux");
  }

  @Test
  void la_liste_des_pieces_nomme_le_type_et_chaque_contrainte_inconnus() {
    assertThat(guide.pieces("DP", "ABORDS_MH")).extracting(PieceExpliquee::code).contains("DP1");
    assertThatThrownBy(() -> guide.pieces("PERMIS", "ABORDS_MH,PISCINE"))
        .isInstanceOfSatisfying(
            DonneesInvalidesException.class,
            e ->
                assertThat(e.champs())
                    .extracting(ChampInvalide::champ)
                    .containsExactlyInAnyOrder("type", "contraintes"));
  }

  @Test
  void les_choix_du_portail() {
    GuideDepot.Choix choix = guide.choix();
    assertThat(choix.types()).extracting(GuideDepot.TypeOffert::code).contains("PCMI", "DP");
    assertThat(choix.communes())
        .anySatisfy(
            c -> {
              assertThat(c.insee()).isEqualTo("35352");
              assertThat(c.nom()).isEqualTo("Vern-sur-Seiche");
            });
    assertThat(choix.contraintes())
        .extracting(GuideDepot.ContrainteOfferte::code)
        .contains("ABORDS_MH");
  }
}
