package fr.parcelle.domain.model.piece;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EmpreinteTest {

  private static String hex(String algorithme, String texte) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance(algorithme).digest(texte.getBytes("UTF-8")));
  }

  @Test
  void garde_les_empreintes_hexadecimales_en_minuscules() throws Exception {
    String sha256 = hex("SHA-256", "plan de situation");
    String sha512 = hex("SHA-512", "plan de situation");

    Empreinte e = new Empreinte(sha256, sha512);

    assertThat(e.sha256()).isEqualTo(sha256);
    assertThat(e.sha512()).isEqualTo(sha512);
    assertThat(e).isEqualTo(new Empreinte(sha256, sha512));
  }

  @Test
  void refuse_ce_qui_n_est_pas_une_empreinte() throws Exception {
    String sha256 = hex("SHA-256", "plan de masse");
    String sha512 = hex("SHA-512", "plan de masse");

    for (String[] faux :
        new String[][] {
          {null, sha512},
          {sha256, null},
          {sha256.toUpperCase(), sha512},
          {sha256, sha512.toUpperCase()},
          {sha256.substring(1), sha512},
          {sha256 + "0", sha512},
          {sha256, sha512.substring(0, 127) + "g"},
          {sha512.substring(0, 64), sha256},
          {sha256 + "\n", sha512}
        }) {
      assertThatThrownBy(() -> new Empreinte(faux[0], faux[1]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Empreinte invalide");
    }
  }
}
