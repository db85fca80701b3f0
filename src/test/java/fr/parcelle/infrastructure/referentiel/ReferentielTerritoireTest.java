package fr.parcelle.infrastructure.referentiel;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.domain.model.territoire.Commune;
import org.junit.jupiter.api.Test;

class ReferentielTerritoireTest {

  private static ReferentielTerritoire charge() {
    ReferentielTerritoire t = new ReferentielTerritoire();
    t.charger();
    return t;
  }

  @Test
  void vern_sur_seiche_est_instruite_par_le_service_commun_de_rennes_metropole() {
    ReferentielTerritoire t = charge();

    Commune vern = t.commune("35352").orElseThrow();
    assertThat(vern.nom()).isEqualTo("Vern-sur-Seiche");
    assertThat(vern.departement()).isEqualTo("35");
    assertThat(t.service(vern.codeService()).orElseThrow().groupeInstructeurs())
        .isEqualTo("instructeurs-rennes-metropole");
    assertThat(t.groupeMaire("35352")).isEqualTo("maires-35352");
  }

  @Test
  void chaque_commune_a_un_code_insee_de_son_departement_et_un_service_connu() {
    ReferentielTerritoire t = charge();

    assertThat(t.communes()).isNotEmpty();
    for (Commune c : t.communes()) {
      assertThat(c.insee()).matches("[0-9]{5}").startsWith(c.departement());
      assertThat(t.service(c.codeService())).as(c.nom()).isPresent();
    }
  }

  @Test
  void une_commune_non_servie_est_inconnue() {
    assertThat(charge().commune("29019")).isEmpty();
    assertThat(charge().commune(null)).isEmpty();
  }
}
