package fr.parcelle.domain.model.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A423-1 to A423-4: the legal number of a dossier. */
class NumeroDossierTest {

  @Test
  void premier_permis_de_construire_de_vern_sur_seiche_en_2026() {
    NumeroDossier n = NumeroDossier.attribuer("PC", "35352", 2026, 1, null);

    assertThat(n.affichage()).isEqualTo("PC 035 352 26 00001");
    assertThat(n.valeur()).isEqualTo("PC0353522600001");
  }

  @Test
  void la_sequence_peut_reserver_son_premier_caractere_au_service_instructeur() {
    assertThat(NumeroDossier.attribuer("DP", "35238", 2027, 42, 'A').affichage())
        .isEqualTo("DP 035 238 27 A0042");
  }

  @Test
  void les_departements_corses_gardent_leur_lettre() {
    assertThat(NumeroDossier.attribuer("PA", "2A004", 2026, 7, null).affichage())
        .isEqualTo("PA 02A 004 26 00007");
  }

  @Test
  void l_annee_est_celle_du_depot_sur_deux_chiffres() {
    assertThat(NumeroDossier.attribuer("PD", "35352", 2030, 12345, null).affichage())
        .isEqualTo("PD 035 352 30 12345");
  }

  @Test
  void la_forme_affichee_et_la_forme_compacte_designent_le_meme_numero() {
    assertThat(NumeroDossier.depuis("PC 035 352 26 00001"))
        .isEqualTo(NumeroDossier.depuis("PC0353522600001"))
        .isEqualTo(NumeroDossier.attribuer("PC", "35352", 2026, 1, null));
  }

  @Test
  void le_numero_dit_la_commune_du_depot_meme_pour_un_modificatif_ou_en_corse() {
    assertThat(NumeroDossier.depuis("PC 035 352 26 00001").communeInsee()).isEqualTo("35352");
    assertThat(NumeroDossier.depuis("DP 035 238 27 A0042").communeInsee()).isEqualTo("35238");
    assertThat(NumeroDossier.attribuer("PA", "2A004", 2026, 7, null).communeInsee())
        .isEqualTo("2A004");
    assertThat(NumeroDossier.depuis("PC0353522600001M01").communeInsee()).isEqualTo("35352");
  }

  @Test
  void un_texte_qui_n_est_pas_un_numero_est_refuse() {
    assertThatThrownBy(() -> NumeroDossier.depuis("PC 035 352 26 0001"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NumeroDossier.depuis("XX0353522600001"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NumeroDossier.depuis(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void une_sequence_epuisee_ne_deborde_jamais_sur_un_autre_numero() {
    assertThat(NumeroDossier.attribuer("PC", "35352", 2026, 99_999, null).affichage())
        .endsWith("99999");
    assertThatThrownBy(() -> NumeroDossier.attribuer("PC", "35352", 2026, 100_000, null))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> NumeroDossier.attribuer("PC", "35352", 2026, 10_000, 'A'))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void un_code_insee_hors_metropole_et_corse_est_refuse_plutot_que_mal_numerote() {
    assertThatThrownBy(() -> NumeroDossier.attribuer("PC", "97101", 2026, 1, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NumeroDossier.attribuer("PC", "3535", 2026, 1, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
