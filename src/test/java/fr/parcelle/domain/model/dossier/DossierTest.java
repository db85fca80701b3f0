package fr.parcelle.domain.model.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DossierTest {

  private static final Instant CREATION = Instant.parse("2026-01-30T09:00:00Z");

  private static Dossier brouillon(TypeDossier type) {
    return Dossier.brouillon(type, "35352", "architecte", "Martin", "Maison", CREATION);
  }

  @Test
  void un_brouillon_n_a_ni_numero_ni_date_de_depot() {
    Dossier d = brouillon(TypeDossier.PCMI);

    assertThat(d.estBrouillon()).isTrue();
    assertThat(d.numero()).isEmpty();
    assertThat(d.dateDepot()).isEmpty();
    assertThat(d.dateLimiteCompletude()).isEmpty();
  }

  @Test
  void le_depot_donne_le_numero_et_ouvre_l_instruction() {
    Dossier d = brouillon(TypeDossier.PCMI);
    NumeroDossier n = NumeroDossier.attribuer("PC", "35352", 2026, 1, null);

    d.deposer(n, Instant.parse("2026-03-02T10:00:00Z"), LocalDate.of(2026, 3, 2));

    assertThat(d.statut()).isEqualTo(StatutDossier.EN_INSTRUCTION);
    assertThat(d.numero()).contains(n);
    assertThat(d.dateDepot()).contains(LocalDate.of(2026, 3, 2));
  }

  @Test
  void un_dossier_ne_se_depose_qu_une_fois() {
    Dossier d = brouillon(TypeDossier.DP);
    d.deposer(
        NumeroDossier.attribuer("DP", "35352", 2026, 1, null), CREATION, LocalDate.of(2026, 1, 30));

    assertThatThrownBy(
            () ->
                d.deposer(
                    NumeroDossier.attribuer("DP", "35352", 2026, 2, null),
                    CREATION,
                    LocalDate.of(2026, 1, 30)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(d.numero().orElseThrow().affichage()).isEqualTo("DP 035 352 26 00001");
  }

  @Test
  void la_completude_se_verifie_dans_le_mois_de_quantieme_a_quantieme() {
    assertThat(limiteCompletude(LocalDate.of(2026, 3, 15))).isEqualTo(LocalDate.of(2026, 4, 15));
    // No 31 February: the month ends on its last day.
    assertThat(limiteCompletude(LocalDate.of(2027, 1, 31))).isEqualTo(LocalDate.of(2027, 2, 28));
    assertThat(limiteCompletude(LocalDate.of(2028, 1, 31))).isEqualTo(LocalDate.of(2028, 2, 29));
    assertThat(limiteCompletude(LocalDate.of(2026, 12, 10))).isEqualTo(LocalDate.of(2027, 1, 10));
  }

  private static LocalDate limiteCompletude(LocalDate depot) {
    Dossier d = brouillon(TypeDossier.PC);
    d.deposer(NumeroDossier.attribuer("PC", "35352", depot.getYear(), 1, null), CREATION, depot);
    return d.dateLimiteCompletude().orElseThrow();
  }

  @Test
  void la_nature_du_numero_suit_le_type() {
    assertThat(TypeDossier.PCMI.nature()).isEqualTo("PC");
    assertThat(TypeDossier.CUa.nature()).isEqualTo("CU");
    assertThat(TypeDossier.CUb.nature()).isEqualTo("CU");
    assertThat(TypeDossier.depuisCode("CUA")).isEmpty();
    assertThat(TypeDossier.depuisCode("PA")).contains(TypeDossier.PA);
  }
}
