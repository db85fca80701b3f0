package fr.parcelle.infrastructure.sante;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What {@code /health/ready} says of the job executor, the legal clock. */
class MoteurSanteTest {

  @Test
  void chaque_etat_de_l_horloge_a_son_libelle() {
    assertThat(MoteurSante.etatHorloge(true, true)).isEqualTo("actif");
    assertThat(MoteurSante.etatHorloge(true, false)).isEqualTo("arrete");
    assertThat(MoteurSante.etatHorloge(false, false)).isEqualTo("desactive-par-configuration");
    assertThat(MoteurSante.etatHorloge(false, true)).isEqualTo("desactive-par-configuration");
  }

  @Test
  void les_libelles_sont_en_ascii_car_payara_ecrit_la_sante_en_iso_8859_1() {
    // Seen on 7 Dec.: "désactivé" reached curl as the single byte 0xE9, not valid UTF-8.
    for (boolean actif : new boolean[] {true, false}) {
      for (boolean enMarche : new boolean[] {true, false}) {
        String libelle = MoteurSante.etatHorloge(actif, enMarche);
        assertThat(StandardCharsets.US_ASCII.newEncoder().canEncode(libelle)).as(libelle).isTrue();
      }
    }
  }
}
