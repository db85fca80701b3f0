package fr.parcelle.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NomDeFichierTest {

  @Test
  void ne_garde_que_le_nom_sans_chemin_ni_caracteres_dangereux() {
    assertThat(NomDeFichier.nettoyer("../../etc/passwd", "PCMI1", "application/pdf"))
        .isEqualTo("passwd");
    assertThat(NomDeFichier.nettoyer("C:\\plans\\situation.pdf", "PCMI1", "application/pdf"))
        .isEqualTo("situation.pdf");
    assertThat(NomDeFichier.nettoyer("plan\u202Efdp.exe", "PCMI1", "application/pdf"))
        .isEqualTo("planfdp.exe");
    assertThat(NomDeFichier.nettoyer("a\u0000b\nc.pdf", "PCMI1", "application/pdf"))
        .isEqualTo("abc.pdf");
    assertThat(NomDeFichier.nettoyer("façade « sud ».jpg", "PCMI5", "image/jpeg"))
        .isEqualTo("façade « sud ».jpg");
  }

  @Test
  void donne_un_nom_tire_du_code_quand_rien_d_utilisable_ne_reste() {
    assertThat(NomDeFichier.nettoyer(null, "PCMI7", "image/jpeg")).isEqualTo("PCMI7.jpg");
    assertThat(NomDeFichier.nettoyer("../", "DP1", "application/pdf")).isEqualTo("DP1.pdf");
    assertThat(NomDeFichier.nettoyer("...", "DP1", "image/png")).isEqualTo("DP1.png");
  }
}
