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

  @Test
  void rennes_a_son_equipe_les_autres_communes_de_la_metropole_vont_au_service() {
    ReferentielTerritoire t = charge();

    assertThat(t.groupeInstructeurs(t.commune("35238").orElseThrow()))
        .isEqualTo("instructeurs-rennes-metropole-rennes");
    assertThat(t.groupeInstructeurs(t.commune("35352").orElseThrow()))
        .isEqualTo("instructeurs-rennes-metropole");
    assertThat(t.secteurs())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.nom()).isEqualTo("Rennes ville");
              assertThat(s.codeService()).isEqualTo("rennes-metropole-ads");
              assertThat(s.communes()).containsExactly("35238");
            });
  }

  @Test
  void un_secteur_mal_forme_est_refuse_au_chargement_avec_la_raison() {
    ReferentielTerritoire t = charge();

    assertThat(erreur(t, "rennes-metropole-ads;instructeurs-rennes-metropole-sud;Sud;35352 29019"))
        .contains("29019 n'est pas une commune de rennes-metropole-ads");
    assertThat(erreur(t, "inconnu;instructeurs-x-sud;Sud;35352")).contains("service inconnu");
    assertThat(erreur(t, "rennes-metropole-ads;instructeurs-sud;Sud;35352"))
        .contains("commencer par « instructeurs-rennes-metropole- »");
    assertThat(
            erreur(
                t,
                "rennes-metropole-ads;instructeurs-rennes-metropole-sud;Sud;35352",
                "rennes-metropole-ads;instructeurs-rennes-metropole-est;Est;35001 35352"))
        .contains("la commune 35352 est dans deux secteurs");
    assertThat(
            erreur(
                t,
                "rennes-metropole-ads;instructeurs-rennes-metropole-sud;Sud;35352",
                "rennes-metropole-ads;instructeurs-rennes-metropole-sud;Sud bis;35001"))
        .contains("doit être unique");
    // A refused file leaves the loaded sectors as they were.
    assertThat(t.groupeInstructeurs(t.commune("35238").orElseThrow()))
        .isEqualTo("instructeurs-rennes-metropole-rennes");
  }

  private static String erreur(ReferentielTerritoire t, String... lignes) {
    java.util.List<String[]> l = new java.util.ArrayList<>();
    for (String ligne : lignes) {
      l.add(ligne.split(";", -1));
    }
    try {
      t.secteurs(l);
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepté : " + String.join(" / ", lignes));
  }
}
