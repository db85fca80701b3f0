package fr.parcelle.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AuthentificationBasiqueTest {

  private static String basic(byte[] octets) {
    return "Basic " + Base64.getEncoder().encodeToString(octets);
  }

  @Test
  void lit_identifiant_et_mot_de_passe_meme_avec_deux_points_dans_le_mot_de_passe() {
    assertThat(
            AuthentificationBasique.identifiants(
                basic("maire:a:b:é".getBytes(StandardCharsets.UTF_8))))
        .hasValueSatisfying(i -> assertThat(i).containsExactly("maire", "a:b:é"));
    assertThat(
            AuthentificationBasique.identifiants(
                "basic " + Base64.getEncoder().encodeToString("a:b".getBytes())))
        .isPresent();
  }

  @Test
  void refuse_tout_ce_qui_n_est_pas_un_entete_basic_bien_forme() {
    assertThat(AuthentificationBasique.identifiants(null)).isEmpty();
    assertThat(AuthentificationBasique.identifiants("Bearer abc")).isEmpty();
    assertThat(AuthentificationBasique.identifiants("Basic ***")).isEmpty();
    assertThat(AuthentificationBasique.identifiants(basic("sans-deux-points".getBytes())))
        .isEmpty();
    assertThat(AuthentificationBasique.identifiants(basic(":mot-de-passe".getBytes()))).isEmpty();
    assertThat(AuthentificationBasique.identifiants(basic(new byte[] {'a', ':', (byte) 0xC3})))
        .isEmpty();
    assertThat(AuthentificationBasique.identifiants("Basic " + "A".repeat(2000))).isEmpty();
  }
}
