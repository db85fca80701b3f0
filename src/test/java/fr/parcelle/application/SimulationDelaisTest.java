package fr.parcelle.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.parcelle.application.DonneesInvalidesException.ChampInvalide;
import fr.parcelle.application.SimulationDelais.Simulation;
import fr.parcelle.domain.model.delai.CalendrierJuridique;
import fr.parcelle.domain.model.delai.Majoration;
import fr.parcelle.domain.model.delai.NatureDecisionTacite;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.infrastructure.delais.ReglesDelaisDmn;
import fr.parcelle.infrastructure.referentiel.ReferentielFichiers;
import fr.parcelle.infrastructure.referentiel.ReferentielTerritoire;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The public simulator's parameters: each bad one named, the vocabulary of the referentiel. */
class SimulationDelaisTest {

  private final SimulationDelais simulation;

  SimulationDelaisTest() {
    ReferentielFichiers referentiel = new ReferentielFichiers();
    referentiel.charger();
    ReferentielTerritoire territoire = new ReferentielTerritoire();
    territoire.charger();
    simulation =
        new SimulationDelais(
            new CalculDelais(new ReglesDelaisDmn(), CalendrierJuridique.parDefaut()),
            referentiel,
            territoire);
  }

  @Test
  void pcmi_aux_abords_pour_un_erp_a_vern_sur_seiche() {
    Simulation s =
        simulation.simuler("PCMI", "2027-01-31", List.of("ABORDS_MH", "ERP", "ERP"), "35352");
    assertThat(s.type()).isEqualTo(TypeDossier.PCMI);
    assertThat(s.dateDepot()).isEqualTo(LocalDate.of(2027, 1, 31));
    assertThat(s.delai().majorations())
        .extracting(Majoration::code)
        .containsExactly("R423-24-ABF", "R423-28-ERP");
    assertThat(s.delai().delaiMois()).isEqualTo(5);
    assertThat(s.delai().dateFinDelai()).isEqualTo(LocalDate.of(2027, 6, 30));
    assertThat(s.delai().dateDecisionTacite()).isEqualTo(LocalDate.of(2027, 7, 1));
    assertThat(s.delai().natureDecisionTacite()).isEqualTo(NatureDecisionTacite.PERMIS_TACITE);
  }

  @Test
  void sans_commune_ni_contrainte() {
    Simulation s = simulation.simuler("DP", "2027-03-15", null, null);
    assertThat(s.delai().dateFinDelai()).isEqualTo(LocalDate.of(2027, 4, 15));
    assertThat(simulation.simuler("DP", "2027-03-15", List.of(), " ").delai().delaiMois())
        .isEqualTo(1);
  }

  @Test
  void type_et_date_obligatoires() {
    assertThat(champs(() -> simulation.simuler(null, "", List.of(), null)))
        .containsExactly("type", "dateDepot");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PCM", "cua", "PC ", "DPC"})
  void type_inconnu(String type) {
    assertThat(erreurs(() -> simulation.simuler(type, "2027-01-31", List.of(), null)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.champ()).isEqualTo("type");
              assertThat(e.message()).contains("CUa, CUb, DP, PCMI, PC, PA ou PD");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2027-02-30",
        "31/01/2027",
        "2027-1-31",
        "+2027-01-31",
        "2027-01-31T00:00",
        "demain"
      })
  void date_invalide(String date) {
    assertThat(champs(() -> simulation.simuler("DP", date, List.of(), null)))
        .containsExactly("dateDepot");
  }

  @Test
  void date_sans_regle_en_vigueur() {
    assertThat(erreurs(() -> simulation.simuler("DP", "2024-12-31", List.of(), null)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.champ()).isEqualTo("dateDepot");
              assertThat(e.message()).contains("Aucune règle");
            });
  }

  @Test
  void contrainte_inconnue_nommee_avec_le_vocabulaire_du_referentiel() {
    List<ChampInvalide> e =
        erreurs(() -> simulation.simuler("PC", "2027-01-31", List.of("SPR", "PISCINE", ""), null));
    assertThat(e).extracting(ChampInvalide::champ).containsExactly("contraintes", "contraintes");
    assertThat(e.get(0).message())
        .contains("« PISCINE »")
        .contains("ABORDS_MH")
        .contains("EVALUATION_ENVIRONNEMENTALE");
  }

  @Test
  void pas_plus_de_cinquante_contraintes() {
    List<String> trop = new ArrayList<>(Collections.nCopies(51, "SPR"));
    assertThat(champs(() -> simulation.simuler("PC", "2027-01-31", trop, null)))
        .containsExactly("contraintes");
  }

  @Test
  void commune_non_servie() {
    assertThat(champs(() -> simulation.simuler("PC", "2027-01-31", List.of(), "75056")))
        .containsExactly("communeInsee");
  }

  @Test
  void toutes_les_erreurs_a_la_fois_et_la_saisie_citee_courte() {
    List<ChampInvalide> e =
        erreurs(
            () -> simulation.simuler("X".repeat(500), "2027-13-01", List.of("PISCINE"), "99999"));
    assertThat(e)
        .extracting(ChampInvalide::champ)
        .containsExactly("type", "dateDepot", "contraintes", "communeInsee");
    assertThat(e.get(0).message()).hasSizeLessThan(120);
  }

  private static List<ChampInvalide> erreurs(Runnable appel) {
    DonneesInvalidesException e = catchThrowableOfType(DonneesInvalidesException.class, appel::run);
    assertThat(e).as("422 attendu").isNotNull();
    return e.champs();
  }

  private static List<String> champs(Runnable appel) {
    return erreurs(appel).stream().map(ChampInvalide::champ).toList();
  }
}
