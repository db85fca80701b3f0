package fr.parcelle.domain.model.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.domain.model.delai.CalendrierJuridique;
import fr.parcelle.domain.model.referentiel.CaracteristiquesType;
import fr.parcelle.domain.model.referentiel.ReglesDeclarations;
import fr.parcelle.infrastructure.referentiel.ReferentielFichiers;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DOC (R424-16) and DAACT (R462-1) on granted authorisations, with the rules as the reference files
 * give them (declarations-chantier.csv, recolement.csv): cases a service instructeur meets.
 */
class DeclarationsChantierTest {

  private static final Instant INSTANT = Instant.parse("2026-01-30T09:00:00Z");
  private static final CalendrierJuridique CALENDRIER = CalendrierJuridique.parDefaut();
  private static ReferentielFichiers referentiel;
  private static ReglesDeclarations regles;

  @BeforeAll
  static void charger() {
    referentiel = new ReferentielFichiers();
    referentiel.charger();
    regles = referentiel.declarations();
  }

  private static Dossier depose(TypeDossier type, Set<String> contraintes) {
    Dossier d =
        Dossier.brouillon(
            new Dossier.Donnees(
                type, null, null, "35352", List.of(), null, List.of(), null, contraintes, null),
            "architecte",
            INSTANT);
    CaracteristiquesType c = referentiel.caracteristiques(type, LocalDate.of(2026, 3, 2));
    d.deposer(
        NumeroDossier.attribuer(type.nature(), "35352", 2026, 1, null),
        INSTANT,
        LocalDate.of(2026, 3, 2),
        c,
        CALENDRIER,
        null);
    return d;
  }

  private static Dossier.Echeances echeances(String tacite) {
    return new Dossier.Echeances(
        LocalDate.of(2026, 3, 2),
        3,
        LocalDate.of(2026, 6, 2),
        LocalDate.of(2026, 6, 3),
        tacite,
        List.of(),
        null);
  }

  /** A permit granted (or refused) by the maire's signature on 2 May 2026. */
  private static Dossier decide(TypeDossier type, NatureDecision nature, Set<String> contraintes) {
    Dossier d = depose(type, contraintes);
    d.constaterComplet(LocalDate.of(2026, 3, 10), INSTANT, echeances("PERMIS_TACITE"));
    d.proposerDecision(
        nature,
        nature.exigeMotifs() ? "Le projet porte atteinte au caractère des lieux (R111-27)." : null,
        nature.avecPrescriptions() ? "Les façades seront enduites ton pierre." : null,
        LocalDate.of(2026, 4, 28),
        INSTANT);
    d.signerDecision("maire", LocalDate.of(2026, 5, 2), INSTANT);
    return d;
  }

  private static Dossier tacite(TypeDossier type, String nature) {
    Dossier d = depose(type, Set.of());
    d.reputerComplet(INSTANT, echeances(nature));
    d.constaterDecisionTacite(LocalDate.of(2026, 6, 3), INSTANT);
    return d;
  }

  private static DeclarationChantier doc(Dossier d, LocalDate ouverture, LocalDate reception) {
    return d.declarer(
        regles, NatureDeclaration.DOC, ouverture, reception, INSTANT, "architecte", CALENDRIER);
  }

  private static DeclarationChantier daact(Dossier d, LocalDate achevement, LocalDate reception) {
    return d.declarer(
        regles, NatureDeclaration.DAACT, achevement, reception, INSTANT, "architecte", CALENDRIER);
  }

  @Test
  void maison_accordee_doc_puis_daact_trois_mois_pour_contester_la_conformite() {
    Dossier pc = decide(TypeDossier.PCMI, NatureDecision.ACCORD, Set.of());

    DeclarationChantier ouverture = doc(pc, LocalDate.of(2026, 9, 14), LocalDate.of(2026, 9, 15));
    assertThat(ouverture.finContestation()).isEmpty();
    DeclarationChantier achevement = daact(pc, LocalDate.of(2027, 6, 30), LocalDate.of(2027, 7, 1));

    // R462-6: three months from the receipt in mairie, date to date.
    assertThat(achevement.finContestation()).contains(LocalDate.of(2027, 10, 1));
    assertThat(achevement.moisContestation()).contains(3);
    assertThat(achevement.articleContestation()).contains("R462-6");
    assertThat(pc.declarations())
        .extracting(DeclarationChantier::nature)
        .containsExactly(NatureDeclaration.DOC, NatureDeclaration.DAACT);
    List<EvenementDossier> fin =
        pc.evenements().subList(pc.evenements().size() - 2, pc.evenements().size());
    assertThat(fin)
        .extracting(EvenementDossier::type)
        .containsExactly(TypeEvenement.OUVERTURE_CHANTIER, TypeEvenement.ACHEVEMENT_TRAVAUX);
    assertThat(fin.get(0).article()).isEqualTo("R424-16");
    assertThat(fin.get(1).dateLegale()).isEqualTo(LocalDate.of(2027, 7, 1));
    assertThat(fin.get(1).detail()).contains("2027-10-01").contains("R462-6");
  }

  @Test
  void recolement_obligatoire_en_site_patrimonial_remarquable_cinq_mois() {
    Dossier pc = decide(TypeDossier.PC, NatureDecision.ACCORD_AVEC_PRESCRIPTIONS, Set.of("SPR"));
    doc(pc, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 1));

    DeclarationChantier achevement = daact(pc, LocalDate.of(2027, 6, 30), LocalDate.of(2027, 7, 1));

    assertThat(achevement.finContestation()).contains(LocalDate.of(2027, 12, 1));
    assertThat(achevement.moisContestation()).contains(5);
    assertThat(achevement.articleContestation()).contains("R462-6, R462-7 a");
  }

  @Test
  void le_plus_long_delai_l_emporte_et_chaque_cas_est_nomme() {
    ReglesDeclarations.Contestation c = regles.contestation(Set.of("ERP", "SPR", "ZAC"));
    assertThat(c.mois()).isEqualTo(5);
    assertThat(c.article()).isEqualTo("R462-6, R462-7 a, R462-7 b");
    assertThat(c.motifs()).hasSize(2);
    assertThat(regles.contestation(Set.of("ZAC", "LOTISSEMENT")).mois()).isEqualTo(3);
  }

  @Test
  void pas_de_daact_avant_la_doc() {
    Dossier pc = decide(TypeDossier.PCMI, NatureDecision.ACCORD, Set.of());

    assertThatThrownBy(() -> daact(pc, LocalDate.of(2027, 6, 30), LocalDate.of(2027, 7, 1)))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("déposez d'abord la DOC")
        .hasMessageContaining("R462-1");
    assertThat(pc.declarations()).isEmpty();
  }

  @Test
  void pas_de_declaration_sur_un_refus_ni_en_cours_d_instruction_ni_sur_un_rejet_tacite() {
    Dossier refuse = decide(TypeDossier.PCMI, NatureDecision.REFUS, Set.of());
    assertThatThrownBy(() -> doc(refuse, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 1)))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("autorisation accordée")
        .hasMessageContaining("refus");

    Dossier enCours = depose(TypeDossier.PCMI, Set.of());
    assertThatThrownBy(() -> doc(enCours, LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 5)))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("R424-16");

    Dossier rejet = tacite(TypeDossier.PC, "REFUS_TACITE");
    assertThat(rejet.statut()).isEqualTo(StatutDossier.REJET_TACITE);
    assertThatThrownBy(() -> doc(rejet, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 1)))
        .isInstanceOf(DemandeRefuseeException.class);
  }

  @Test
  void un_permis_tacite_ouvre_le_chantier_comme_un_permis_expres() {
    Dossier pc = tacite(TypeDossier.PC, "PERMIS_TACITE");
    assertThat(pc.statut()).isEqualTo(StatutDossier.DECISION_TACITE);

    doc(pc, LocalDate.of(2026, 6, 10), LocalDate.of(2026, 6, 11));

    assertThat(pc.declaration(NatureDeclaration.DOC)).isPresent();
  }

  @Test
  void une_declaration_prealable_n_a_pas_de_doc_mais_sa_daact_se_depose_directement() {
    Dossier dp = tacite(TypeDossier.DP, "NON_OPPOSITION");

    assertThatThrownBy(() -> doc(dp, LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 1)))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("déclaration préalable")
        .hasMessageContaining("PA, PC seulement");
    DeclarationChantier achevement = daact(dp, LocalDate.of(2026, 8, 31), LocalDate.of(2026, 9, 2));
    assertThat(achevement.finContestation()).contains(LocalDate.of(2026, 12, 2));
  }

  @Test
  void un_permis_de_demolir_n_a_ni_doc_ni_daact() {
    Dossier pd = decide(TypeDossier.PD, NatureDecision.ACCORD, Set.of());
    assertThatThrownBy(() -> doc(pd, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 1)))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("R424-16");
    assertThatThrownBy(() -> daact(pd, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 1)))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("R462-1");
  }

  @Test
  void une_seule_doc_et_des_dates_coherentes() {
    Dossier pc = decide(TypeDossier.PCMI, NatureDecision.ACCORD, Set.of());
    // Opening before the decision, or declared ahead of time: refused.
    assertThatThrownBy(() -> doc(pc, LocalDate.of(2026, 4, 30), LocalDate.of(2026, 9, 1)))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("avant la décision");
    assertThatThrownBy(() -> doc(pc, LocalDate.of(2026, 9, 20), LocalDate.of(2026, 9, 1)))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("postérieure à sa réception");

    doc(pc, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 1));
    assertThatThrownBy(() -> doc(pc, LocalDate.of(2026, 9, 2), LocalDate.of(2026, 9, 2)))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("déjà été reçue");
    // Completion before the declared opening: refused.
    assertThatThrownBy(() -> daact(pc, LocalDate.of(2026, 8, 1), LocalDate.of(2027, 1, 4)))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("ouverture du chantier déclarée");
    assertThat(pc.declarations()).hasSize(1);
  }

  @Test
  void une_demande_modificative_ne_porte_pas_les_declarations() {
    Dossier m01 =
        Dossier.brouillon(
            new Dossier.Donnees(
                TypeDossier.PCMI,
                NatureDemande.MODIFICATIF,
                "PC0353522600001",
                "35352",
                List.of(),
                null,
                List.of(),
                null,
                Set.of(),
                null),
            "architecte",
            INSTANT);
    assertThatThrownBy(
            () ->
                m01.declarer(
                    regles,
                    NatureDeclaration.DOC,
                    LocalDate.of(2026, 9, 1),
                    LocalDate.of(2026, 9, 1),
                    INSTANT,
                    "architecte",
                    CALENDRIER))
        .isInstanceOf(DemandeRefuseeException.class)
        .hasMessageContaining("PC 035 352 26 00001");
  }
}
