package fr.parcelle.domain.model.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.domain.model.delai.CalendrierJuridique;
import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.model.piece.PieceJointe;
import fr.parcelle.domain.model.referentiel.CaracteristiquesType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DossierTest {

  private static final Instant CREATION = Instant.parse("2026-01-30T09:00:00Z");

  private static final CaracteristiquesType PC_2026 =
      new CaracteristiquesType(
          TypeDossier.PC,
          "Permis de construire",
          "13409",
          3,
          "R423-23 c",
          LocalDate.of(2025, 1, 1));

  private static Dossier brouillon(TypeDossier type) {
    return Dossier.brouillon(
        new Dossier.Donnees(
            type, null, null, "35352", List.of(), null, List.of(), null, Set.of(), null),
        "architecte",
        CREATION);
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

    d.deposer(
        n,
        Instant.parse("2026-03-02T10:00:00Z"),
        LocalDate.of(2026, 3, 2),
        PC_2026,
        CalendrierJuridique.parDefaut(),
        null);

    assertThat(d.statut()).isEqualTo(StatutDossier.DEPOSE);
    assertThat(d.numero()).contains(n);
    assertThat(d.dateDepot()).contains(LocalDate.of(2026, 3, 2));
  }

  @Test
  void un_dossier_ne_se_depose_qu_une_fois() {
    Dossier d = brouillon(TypeDossier.DP);
    d.deposer(
        NumeroDossier.attribuer("DP", "35352", 2026, 1, null),
        CREATION,
        LocalDate.of(2026, 1, 30),
        PC_2026,
        CalendrierJuridique.parDefaut(),
        null);

    assertThatThrownBy(
            () ->
                d.deposer(
                    NumeroDossier.attribuer("DP", "35352", 2026, 2, null),
                    CREATION,
                    LocalDate.of(2026, 1, 30),
                    PC_2026,
                    CalendrierJuridique.parDefaut(),
                    null))
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
    d.deposer(
        NumeroDossier.attribuer("PC", "35352", depot.getYear(), 1, null),
        CREATION,
        depot,
        PC_2026,
        CalendrierJuridique.parDefaut(),
        null);
    return d.dateLimiteCompletude().orElseThrow();
  }

  @Test
  void la_decision_tacite_nait_le_lendemain_de_l_expiration_du_delai() {
    Dossier d = brouillon(TypeDossier.PC);
    d.deposer(
        NumeroDossier.attribuer("PC", "35352", 2026, 1, null),
        CREATION,
        LocalDate.of(2026, 11, 30),
        PC_2026,
        CalendrierJuridique.parDefaut(),
        null);

    // Three months from 30 November: 28 February 2027 (no 30 February), tacit permit on 1 March.
    assertThat(d.delaiInstructionMois()).contains(3);
    assertThat(d.dateDecisionTacite()).contains(LocalDate.of(2027, 3, 1));
  }

  @Test
  void une_piece_se_remplace_tant_que_le_dossier_est_un_brouillon() {
    Dossier d = brouillon(TypeDossier.DP);
    d.joindre(piece("DP1", "a"));
    d.joindre(piece("DP1", "b"));

    assertThat(d.pieces()).singleElement().extracting(PieceJointe::nomFichier).isEqualTo("b");
    d.deposer(
        NumeroDossier.attribuer("DP", "35352", 2026, 1, null),
        CREATION,
        LocalDate.of(2026, 1, 30),
        PC_2026,
        CalendrierJuridique.parDefaut(),
        null);
    assertThatThrownBy(() -> d.joindre(piece("DP1", "c")))
        .isInstanceOf(IllegalStateException.class);
  }

  private static PieceJointe piece(String code, String nom) {
    return new PieceJointe(
        code,
        nom,
        1,
        "application/pdf",
        new Empreinte("a".repeat(64), "b".repeat(128)),
        1,
        CREATION);
  }

  @Test
  void un_modificatif_porte_le_numero_de_l_autorisation_et_son_rang() {
    NumeroDossier pc = NumeroDossier.attribuer("PC", "35352", 2026, 1, null);
    NumeroDossier m01 = pc.derive(NatureDemande.MODIFICATIF, 1);

    assertThat(m01.affichage()).isEqualTo("PC 035 352 26 00001 M01");
    assertThat(pc.derive(NatureDemande.TRANSFERT, 2).valeur()).isEqualTo("PC0353522600001T02");
    assertThat(NumeroDossier.depuis("PC 035 352 26 00001 M01")).isEqualTo(m01);
    assertThat(m01.autorisation()).isEqualTo(pc);
    assertThatThrownBy(() -> m01.derive(NatureDemande.MODIFICATIF, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static final Dossier.Echeances ECHEANCES_PC =
      new Dossier.Echeances(
          LocalDate.of(2026, 3, 2),
          3,
          LocalDate.of(2026, 6, 2),
          LocalDate.of(2026, 6, 3),
          "PERMIS_TACITE",
          List.of(),
          null);

  private Dossier depose() {
    Dossier d = brouillon(TypeDossier.PC);
    d.deposer(
        NumeroDossier.attribuer("PC", "35352", 2026, 1, null),
        CREATION,
        LocalDate.of(2026, 3, 2),
        PC_2026,
        CalendrierJuridique.parDefaut(),
        null);
    return d;
  }

  @Test
  void un_dossier_repute_complet_l_est_depuis_son_depot_et_une_seule_fois() {
    Dossier brouillon = brouillon(TypeDossier.PC);
    assertThatThrownBy(() -> brouillon.reputerComplet(CREATION, ECHEANCES_PC))
        .isInstanceOf(IllegalStateException.class);
    Dossier d = depose();
    assertThat(d.statut()).isEqualTo(StatutDossier.DEPOSE);

    assertThat(d.reputerComplet(CREATION, ECHEANCES_PC)).isTrue();
    assertThat(d.dateCompletude()).contains(LocalDate.of(2026, 3, 2));
    assertThat(d.completudeReputee()).isTrue();
    assertThat(d.statut()).isEqualTo(StatutDossier.EN_INSTRUCTION);
    assertThat(d.reputerComplet(CREATION, ECHEANCES_PC)).isFalse();
  }

  @Test
  void une_seule_demande_de_pieces_r423_41() {
    Dossier d = depose();
    d.demanderPieces(
        List.of("PC4"),
        "PC4",
        LocalDate.of(2026, 3, 20),
        LocalDate.of(2026, 6, 20),
        List.of(),
        null,
        CREATION);
    assertThat(d.statut()).isEqualTo(StatutDossier.INCOMPLET);

    assertThatThrownBy(
            () ->
                d.demanderPieces(
                    List.of("PC5"),
                    "PC5",
                    LocalDate.of(2026, 3, 25),
                    LocalDate.of(2026, 6, 25),
                    List.of(),
                    null,
                    CREATION))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("20 mars 2026")
        .hasMessageContaining("R423-41");
    assertThat(d.piecesDemandees()).containsExactly("PC4");
  }

  @Test
  void pas_de_demande_de_pieces_ni_de_majoration_apres_le_premier_mois() {
    Dossier d = depose();
    // Deposited 2 March: the month ends on 2 April.
    assertThatThrownBy(
            () ->
                d.demanderPieces(
                    List.of("PC4"),
                    "PC4",
                    LocalDate.of(2026, 4, 3),
                    LocalDate.of(2026, 7, 3),
                    List.of(),
                    null,
                    CREATION))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("2 avril 2026");
    Dossier.Echeances majore =
        new Dossier.Echeances(
            LocalDate.of(2026, 3, 2),
            4,
            LocalDate.of(2026, 7, 2),
            LocalDate.of(2026, 7, 3),
            "PERMIS_TACITE",
            List.of("R423-24-ABF"),
            "ABF");
    assertThatThrownBy(() -> d.constaterComplet(LocalDate.of(2026, 4, 3), CREATION, majore))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("R423-42");
    assertThat(d.constaterComplet(LocalDate.of(2026, 4, 2), CREATION, majore)).isTrue();
    assertThat(d.statut()).isEqualTo(StatutDossier.MAJORE);
  }

  @Test
  void apres_la_completude_une_demande_de_pieces_ne_change_plus_rien() {
    Dossier d = depose();
    d.constaterComplet(LocalDate.of(2026, 3, 10), CREATION, ECHEANCES_PC);

    assertThatThrownBy(
            () ->
                d.demanderPieces(
                    List.of("PC4"),
                    "PC4",
                    LocalDate.of(2026, 3, 20),
                    LocalDate.of(2026, 6, 20),
                    List.of(),
                    null,
                    CREATION))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("complet");
  }

  @Test
  void une_decision_defavorable_doit_etre_motivee_et_exister_pour_ce_type() {
    Dossier d = depose();
    d.constaterComplet(LocalDate.of(2026, 3, 10), CREATION, ECHEANCES_PC);

    assertThatThrownBy(
            () ->
                d.proposerDecision(
                    NatureDecision.REFUS, " ", null, LocalDate.of(2026, 4, 1), CREATION))
        .hasMessageContaining("L424-3");
    assertThatThrownBy(
            () ->
                d.proposerDecision(
                    NatureDecision.NON_OPPOSITION, null, null, LocalDate.of(2026, 4, 1), CREATION))
        .hasMessageContaining("n'existe pas");
    assertThatThrownBy(
            () ->
                d.proposerDecision(
                    NatureDecision.ACCORD_AVEC_PRESCRIPTIONS,
                    null,
                    "",
                    LocalDate.of(2026, 4, 1),
                    CREATION))
        .hasMessageContaining("prescriptions");
    d.proposerDecision(NatureDecision.ACCORD, null, null, LocalDate.of(2026, 4, 1), CREATION);
    assertThat(d.statut()).isEqualTo(StatutDossier.DECISION_EN_SIGNATURE);
  }

  @Test
  void une_decision_tacite_n_arrive_pas_sur_un_dossier_deja_decide() {
    Dossier d = depose();
    d.constaterComplet(LocalDate.of(2026, 3, 10), CREATION, ECHEANCES_PC);
    d.proposerDecision(NatureDecision.ACCORD, null, null, LocalDate.of(2026, 5, 1), CREATION);
    d.signerDecision("maire", LocalDate.of(2026, 5, 2), CREATION);

    assertThat(d.constaterDecisionTacite(LocalDate.of(2026, 6, 3), CREATION)).isFalse();
    assertThat(d.statut()).isEqualTo(StatutDossier.DECIDE);
    assertThat(d.decision()).contains(NatureDecision.ACCORD);
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
