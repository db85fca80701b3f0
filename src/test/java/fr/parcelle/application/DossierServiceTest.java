package fr.parcelle.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.application.DemandeDossier.ArchitecteSaisi;
import fr.parcelle.application.DonneesInvalidesException.ChampInvalide;
import fr.parcelle.application.securite.Role;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.domain.model.delai.CalendrierJuridique;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierDepose;
import fr.parcelle.domain.model.dossier.NatureDemande;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.dossier.StatutDossier;
import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.model.piece.PieceAttendue;
import fr.parcelle.domain.model.piece.PieceJointe;
import fr.parcelle.domain.model.piece.TypeDocument;
import fr.parcelle.domain.port.InstructionWorkflow;
import fr.parcelle.infrastructure.documents.GenerateurPdf;
import fr.parcelle.infrastructure.referentiel.ReferentielFichiers;
import fr.parcelle.infrastructure.referentiel.ReferentielTerritoire;
import fr.parcelle.infrastructure.storage.StockageFichiers;
import fr.parcelle.support.Demandes;
import fr.parcelle.support.DossiersEnMemoire;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filing use cases and their rules (completeness, numbering, receipts, access by function and
 * by file), with the real reference data, the real PDF generator and file store, and in-memory
 * adapters of the two ports that need a database or an engine.
 */
class DossierServiceTest {

  private static final Clock HORLOGE =
      Clock.fixed(Instant.parse("2026-03-02T09:15:00Z"), ZoneId.of("Europe/Paris"));

  private static final Utilisateur ARCHITECTE =
      new Utilisateur(
          "architecte",
          "Claire",
          "archi@example.org",
          Set.of(Role.DEMANDEUR),
          Set.of("demandeurs"));
  private static final Utilisateur AUTRE_DEMANDEUR =
      new Utilisateur(
          "voisin", "Paul", "paul@example.org", Set.of(Role.DEMANDEUR), Set.of("demandeurs"));
  private static final Utilisateur CLAIRE_MARTIN =
      new Utilisateur(
          "cmartin",
          "Claire Martin",
          "Claire.Martin@example.org",
          Set.of(Role.DEMANDEUR),
          Set.of("demandeurs"));
  private static final Utilisateur INSTRUCTEUR =
      new Utilisateur(
          "instructeur",
          "Yann",
          null,
          Set.of(Role.INSTRUCTEUR),
          Set.of("instructeurs-rennes-metropole"));
  private static final Utilisateur INSTRUCTEUR_AILLEURS =
      new Utilisateur(
          "brest", "Anne", null, Set.of(Role.INSTRUCTEUR), Set.of("instructeurs-brest"));
  private static final Utilisateur MAIRE_VERN =
      new Utilisateur("maire", "Maëlle", null, Set.of(Role.MAIRE), Set.of("maires-35352"));
  private static final Utilisateur MAIRE_RENNES =
      new Utilisateur("maire-rennes", "Nathalie", null, Set.of(Role.MAIRE), Set.of("maires-35238"));

  @TempDir Path stockageTemporaire;

  private final DossiersEnMemoire dossiers = new DossiersEnMemoire();
  private final Instruction instruction = new Instruction();
  private final List<DossierDepose> evenements = new ArrayList<>();
  private StockageFichiers stockage;
  private DossierService service;

  @BeforeEach
  void preparer() {
    ReferentielTerritoire territoire = new ReferentielTerritoire();
    territoire.charger();
    ReferentielFichiers referentiel = new ReferentielFichiers();
    referentiel.charger();
    stockage = new StockageFichiers(stockageTemporaire);
    service =
        new DossierService(
            dossiers,
            territoire,
            referentiel,
            instruction,
            new GenerateurPdf(),
            stockage,
            new Evenements(),
            HORLOGE,
            CalendrierJuridique.parDefaut(),
            new CalculDelais(
                new fr.parcelle.infrastructure.delais.ReglesDelaisDmn(),
                CalendrierJuridique.parDefaut()));
  }

  private Dossier complet(DemandeDossier demande) {
    Dossier d = service.creerBrouillon(ARCHITECTE, demande);
    for (PieceAttendue p : service.piecesAttendues(d)) {
      if (p.obligatoire()) {
        service.joindre(ARCHITECTE, d.id(), piece(p.code()));
      }
    }
    return d;
  }

  private static PieceJointe piece(String code) {
    String hex = HexFormat.of().formatHex(code.getBytes());
    return new PieceJointe(
        code,
        code + ".pdf",
        1234,
        "application/pdf",
        new Empreinte("0".repeat(64 - hex.length()) + hex, "1".repeat(128)),
        2,
        HORLOGE.instant());
  }

  @Test
  void le_depot_numerote_fixe_les_dates_legales_emet_les_accuses_et_demarre_l_instruction()
      throws IOException {
    Dossier d = complet(Demandes.pcmi("35352"));

    Depot depot = service.deposer(ARCHITECTE, d.id(), null);

    assertThat(depot.rejoue()).isFalse();
    assertThat(d.statut()).isEqualTo(StatutDossier.DEPOSE);
    assertThat(d.numero().orElseThrow().affichage()).isEqualTo("PC 035 352 26 00001");
    assertThat(d.dateDepot()).contains(LocalDate.of(2026, 3, 2));
    // R423-23 b: two months for a PCMI, from date to date; the tacit permit arises the next day.
    assertThat(d.delaiInstructionMois()).contains(2);
    assertThat(d.dateDecisionTacite()).contains(LocalDate.of(2026, 5, 3));
    assertThat(evenements).singleElement().extracting(DossierDepose::dossier).isSameAs(d);
    assertThat(instruction.demarrages)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.numero()).isEqualTo(d.numero().orElseThrow());
              assertThat(x.groupeInstructeurs()).isEqualTo("instructeurs-rennes-metropole");
              assertThat(x.dateLimiteCompletude()).isEqualTo(LocalDate.of(2026, 4, 2));
            });

    assertThat(texte(d, TypeDocument.AEE))
        .contains(
            "Accusé d'enregistrement électronique",
            "PC 035 352 26 00001",
            "L112-11",
            "2 mars 2026");
    assertThat(texte(d, TypeDocument.RECEPISSE))
        .contains(
            "PC 035 352 26 00001",
            "Date de réception : 2 mars 2026",
            "Service commun ADS de Rennes Métropole",
            "4 avenue Henri Fréville",
            "2 mois",
            "permis tacite à compter du 3 mai 2026",
            "R423-5",
            "dossier est incomplet",
            "majoré",
            "vaudra refus",
            "Claire Martin");
  }

  @Test
  void une_declaration_prealable_annonce_la_date_a_laquelle_les_travaux_peuvent_commencer()
      throws IOException {
    Dossier d = complet(Demandes.dp("35352", List.of()));

    service.deposer(ARCHITECTE, d.id(), null);

    assertThat(d.dateDecisionTacite()).contains(LocalDate.of(2026, 4, 3));
    assertThat(texte(d, TypeDocument.RECEPISSE))
        .contains(
            "non-opposition à compter du 3 avril 2026",
            "les travaux pourront alors être entrepris");
  }

  private String texte(Dossier d, TypeDocument type) throws IOException {
    try (InputStream in = stockage.ouvrir(d.document(type).orElseThrow().empreinte());
        PDDocument pdf = Loader.loadPDF(in.readAllBytes())) {
      return new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
    }
  }

  @Test
  void chaque_nature_et_chaque_commune_a_sa_propre_serie() {
    Dossier pc1 = complet(Demandes.pcmi("35352"));
    Dossier pc2 = complet(Demandes.pcmi("35352"));
    Dossier dp = complet(Demandes.dp("35352", List.of()));
    Dossier rennes = complet(Demandes.pcmi("35238"));

    for (Dossier d : List.of(pc1, pc2, dp, rennes)) {
      service.deposer(ARCHITECTE, d.id(), null);
    }

    assertThat(pc1.numero().orElseThrow().affichage()).isEqualTo("PC 035 352 26 00001");
    assertThat(pc2.numero().orElseThrow().affichage()).isEqualTo("PC 035 352 26 00002");
    assertThat(dp.numero().orElseThrow().affichage()).isEqualTo("DP 035 352 26 00001");
    assertThat(rennes.numero().orElseThrow().affichage()).isEqualTo("PC 035 238 26 00001");
    // Rennes has its own team in the service (referentiel/secteurs-instructeurs.csv); Vern has not.
    assertThat(instruction.demarrages)
        .extracting(x -> x.numero().affichage() + " → " + x.groupeInstructeurs())
        .containsExactlyInAnyOrder(
            "PC 035 352 26 00001 → instructeurs-rennes-metropole",
            "PC 035 352 26 00002 → instructeurs-rennes-metropole",
            "DP 035 352 26 00001 → instructeurs-rennes-metropole",
            "PC 035 238 26 00001 → instructeurs-rennes-metropole-rennes");
  }

  @Test
  void redeposer_rend_le_meme_depot_sans_second_numero() {
    Dossier d = complet(Demandes.pcmi("35352"));
    service.deposer(ARCHITECTE, d.id(), "cle-1");

    Depot rejoue = service.deposer(ARCHITECTE, d.id(), null);
    Depot memeCle = service.deposer(ARCHITECTE, d.id(), "cle-1");

    assertThat(rejoue.rejoue()).isTrue();
    assertThat(memeCle.rejoue()).isTrue();
    assertThat(memeCle.dossier().numero()).isEqualTo(d.numero());
    assertThat(instruction.demarrages).hasSize(1);
    assertThat(dossiers.sequences).containsEntry("PC353522026", 1);

    Dossier autre = complet(Demandes.pcmi("35352"));
    assertThatThrownBy(() -> service.deposer(ARCHITECTE, autre.id(), "cle-1"))
        .isInstanceOf(OperationImpossibleException.class);
    assertThat(autre.estBrouillon()).isTrue();
  }

  @Test
  void un_dossier_incomplet_est_refuse_avec_la_liste_exacte_de_ce_qui_manque() {
    Dossier d = service.creerBrouillon(ARCHITECTE, Demandes.pcmi("35352"));
    service.joindre(ARCHITECTE, d.id(), piece("PCMI1"));
    service.joindre(ARCHITECTE, d.id(), piece("PCMI4"));

    assertThatThrownBy(() -> service.deposer(ARCHITECTE, d.id(), null))
        .isInstanceOfSatisfying(
            DonneesInvalidesException.class,
            e ->
                assertThat(e.champs())
                    .extracting(ChampInvalide::champ)
                    .containsExactly(
                        "pieces.PCMI2",
                        "pieces.PCMI3",
                        "pieces.PCMI5",
                        "pieces.PCMI6",
                        "pieces.PCMI7",
                        "pieces.PCMI8"));
    assertThat(d.estBrouillon()).isTrue();
    assertThat(dossiers.sequences).isEmpty();
    assertThat(instruction.demarrages).isEmpty();
  }

  @Test
  void les_donnees_manquantes_sont_nommees_au_depot() {
    Dossier d =
        service.creerBrouillon(
            ARCHITECTE, new DemandeDossier("DP", null, null, "35352", List.of(), null, null, null));
    service.joindre(ARCHITECTE, d.id(), piece("DP1"));

    assertThatThrownBy(() -> service.deposer(ARCHITECTE, d.id(), null))
        .isInstanceOfSatisfying(
            DonneesInvalidesException.class,
            e ->
                assertThat(e.champs())
                    .extracting(ChampInvalide::champ)
                    .containsExactly(
                        "demandeurs",
                        "terrain.adresse",
                        "terrain.parcelles",
                        "projet.description"));
  }

  @Test
  void une_personne_morale_recourt_a_un_architecte_r431_2() {
    Dossier sans = complet(Demandes.pcSociete("35352", null));
    assertThatThrownBy(() -> service.deposer(ARCHITECTE, sans.id(), null))
        .isInstanceOfSatisfying(
            DonneesInvalidesException.class,
            e ->
                assertThat(e.champs())
                    .extracting(ChampInvalide::champ)
                    .containsExactly("architecte"));

    Dossier avec =
        complet(Demandes.pcSociete("35352", new ArchitecteSaisi("Atelier Dubois", "S12345")));
    service.deposer(ARCHITECTE, avec.id(), null);
    assertThat(avec.numero()).isPresent();
    // A natural person building 120 m² for themselves needs none.
    assertThat(complet(Demandes.pcmi("35352")).architecte()).isEmpty();
  }

  @Test
  void le_bordereau_depend_du_type_et_des_contraintes() {
    Dossier simple = service.creerBrouillon(ARCHITECTE, Demandes.dp("35352", List.of()));
    Dossier protege = service.creerBrouillon(ARCHITECTE, Demandes.dp("35352", List.of("SPR")));
    Dossier erp = service.creerBrouillon(ARCHITECTE, Demandes.pcSociete("35352", null));

    assertThat(service.piecesAttendues(simple))
        .extracting(PieceAttendue::code)
        .containsExactly("DP1");
    assertThat(service.piecesAttendues(protege))
        .extracting(PieceAttendue::code)
        .containsExactly("DP1", "DP6", "DP7", "DP8", "DP11");
    assertThat(service.piecesAttendues(erp))
        .extracting(PieceAttendue::code)
        .contains("PC39", "PC40");
    assertThat(service.pieceAcceptable(ARCHITECTE, protege.id(), "DP11").article())
        .isEqualTo("R431-14");
    assertThatThrownBy(() -> service.pieceAcceptable(ARCHITECTE, simple.id(), "DP11"))
        .isInstanceOf(DonneesInvalidesException.class)
        .hasMessageContaining("code");
    assertThatThrownBy(() -> service.pieceAcceptable(ARCHITECTE, simple.id(), "PCMI1"))
        .isInstanceOf(DonneesInvalidesException.class);
  }

  @Test
  void les_pieces_d_un_dossier_depose_ne_changent_plus() {
    Dossier d = complet(Demandes.dp("35352", List.of()));
    service.deposer(ARCHITECTE, d.id(), null);

    assertThatThrownBy(() -> service.pieceAcceptable(ARCHITECTE, d.id(), "DP1"))
        .isInstanceOf(OperationImpossibleException.class);
    assertThatThrownBy(() -> service.joindre(ARCHITECTE, d.id(), piece("DP1")))
        .isInstanceOf(OperationImpossibleException.class);
  }

  @Test
  void un_modificatif_garde_le_numero_de_l_autorisation_suivi_de_m01() {
    Dossier initial = complet(Demandes.pcmi("35352"));
    service.deposer(ARCHITECTE, initial.id(), null);
    DemandeDossier base = Demandes.pcmi("35352");
    DemandeDossier modificatif =
        new DemandeDossier(
            "PCMI",
            "MODIFICATIF",
            initial.numero().orElseThrow().affichage(),
            "35352",
            base.demandeurs(),
            base.terrain(),
            base.projet(),
            null);

    Dossier m1 = complet(modificatif);
    service.deposer(ARCHITECTE, m1.id(), null);
    Dossier m2 = complet(modificatif);
    service.deposer(ARCHITECTE, m2.id(), null);

    assertThat(m1.natureDemande()).isEqualTo(NatureDemande.MODIFICATIF);
    assertThat(m1.numero().orElseThrow().affichage()).isEqualTo("PC 035 352 26 00001 M01");
    assertThat(m2.numero().orElseThrow().affichage()).isEqualTo("PC 035 352 26 00001 M02");
    assertThatThrownBy(
            () ->
                service.creerBrouillon(
                    AUTRE_DEMANDEUR,
                    new DemandeDossier(
                        "PCMI",
                        "TRANSFERT",
                        initial.numero().orElseThrow().valeur(),
                        "35352",
                        null,
                        null,
                        null,
                        null)))
        .isInstanceOf(DonneesInvalidesException.class);
  }

  @Test
  void les_donnees_invalides_sont_toutes_nommees() {
    DemandeDossier mauvais =
        new DemandeDossier(
            "PCX",
            null,
            null,
            "99999",
            List.of(
                new DemandeDossier.DemandeurSaisi(
                    "PERSONNE_MORALE",
                    null,
                    null,
                    "SCI",
                    "12345678901234",
                    null,
                    "pas-un-courriel",
                    null)),
            new DemandeDossier.TerrainSaisi(
                new DemandeDossier.AdresseSaisie("1", "rue", null, "3577", "Vern"),
                List.of(
                    new DemandeDossier.ParcelleSaisie(
                        "0", "abc", "123", new java.math.BigDecimal("-1")))),
            new DemandeDossier.ProjetSaisi(null, null, null, null, null, -2, List.of("INONDABLE")),
            null);

    assertThatThrownBy(() -> service.creerBrouillon(ARCHITECTE, mauvais))
        .isInstanceOfSatisfying(
            DonneesInvalidesException.class,
            e ->
                assertThat(e.champs())
                    .extracting(ChampInvalide::champ)
                    .containsExactly(
                        "type",
                        "communeInsee",
                        "demandeurs[0].siret",
                        "demandeurs[0].representant",
                        "demandeurs[0].email",
                        "terrain.adresse.codePostal",
                        "terrain.parcelles[0].prefixe",
                        "terrain.parcelles[0].section",
                        "terrain.parcelles[0].numero",
                        "terrain.parcelles[0].surfaceM2",
                        "projet.logementsCrees",
                        "projet.contraintes[0]"));
    assertThat(dossiers.parId).isEmpty();
  }

  @Test
  void le_siret_est_verifie_par_sa_cle() {
    assertThat(ValidationDossier.siretValide("73282932000074")).isTrue();
    assertThat(ValidationDossier.siretValide("73282932000075")).isFalse();
    assertThat(ValidationDossier.siretValide("7328293200007")).isFalse();
  }

  @Test
  void seul_un_demandeur_cree_un_dossier() {
    assertThatThrownBy(() -> service.creerBrouillon(INSTRUCTEUR, Demandes.dp("35352", List.of())))
        .isInstanceOf(AccesRefuseException.class);
  }

  @Test
  void un_brouillon_n_est_visible_que_de_son_auteur_et_des_demandeurs_qu_il_nomme() {
    Dossier d = service.creerBrouillon(ARCHITECTE, Demandes.pcmi("35352"));

    assertThat(service.consulter(ARCHITECTE, d.id())).isSameAs(d);
    assertThat(service.consulter(CLAIRE_MARTIN, d.id())).as("nommée comme demandeur").isSameAs(d);
    assertThat(service.mesDossiers(CLAIRE_MARTIN)).containsExactly(d);
    for (Utilisateur autre : List.of(AUTRE_DEMANDEUR, INSTRUCTEUR, MAIRE_VERN)) {
      assertThatThrownBy(() -> service.consulter(autre, d.id()))
          .as(autre.login())
          .isInstanceOf(DossierIntrouvableException.class);
    }
    assertThatThrownBy(() -> service.pieceAcceptable(AUTRE_DEMANDEUR, d.id(), "PCMI1"))
        .isInstanceOf(DossierIntrouvableException.class);
  }

  @Test
  void un_dossier_depose_est_visible_du_service_instructeur_et_du_maire_de_la_commune_seulement() {
    Dossier d = complet(Demandes.pcmi("35352"));
    service.deposer(ARCHITECTE, d.id(), null);

    assertThat(service.consulter(INSTRUCTEUR, d.id())).isSameAs(d);
    assertThat(service.consulter(MAIRE_VERN, d.id())).isSameAs(d);
    for (Utilisateur autre : List.of(AUTRE_DEMANDEUR, INSTRUCTEUR_AILLEURS, MAIRE_RENNES)) {
      assertThatThrownBy(() -> service.consulter(autre, d.id()))
          .as(autre.login())
          .isInstanceOf(DossierIntrouvableException.class);
    }
  }

  @Test
  void seul_un_demandeur_du_dossier_le_depose() {
    Dossier d = complet(Demandes.pcmi("35352"));

    assertThatThrownBy(() -> service.deposer(AUTRE_DEMANDEUR, d.id(), null))
        .isInstanceOf(DossierIntrouvableException.class);
    assertThatThrownBy(() -> service.deposer(INSTRUCTEUR, d.id(), null))
        .isInstanceOf(DossierIntrouvableException.class);
    assertThat(d.estBrouillon()).isTrue();
    service.deposer(CLAIRE_MARTIN, d.id(), null);
    assertThat(d.numero()).isPresent();
  }

  /**
   * In-memory dossiers, with the sequence rule of the real table (per nature, commune and year).
   */
  /** Records the starts the use case asks for. */
  static class Instruction implements InstructionWorkflow {
    final List<DemarrageInstruction> demarrages = new ArrayList<>();

    @Override
    public String demarrer(DemarrageInstruction demarrage) {
      demarrages.add(demarrage);
      return "instance-" + demarrages.size();
    }

    @Override
    public List<TacheInstruction> taches(NumeroDossier numero) {
      return List.of();
    }

    @Override
    public void piecesRecues(NumeroDossier numero, Dossier.Echeances echeances) {
      throw new UnsupportedOperationException();
    }
  }

  /** Synchronous delivery, as CDI does inside the transaction. */
  private class Evenements implements Event<DossierDepose> {
    @Override
    public void fire(DossierDepose event) {
      evenements.add(event);
    }

    @Override
    public <U extends DossierDepose> CompletionStage<U> fireAsync(U event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends DossierDepose> CompletionStage<U> fireAsync(
        U event, NotificationOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Event<DossierDepose> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    public <U extends DossierDepose> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends DossierDepose> Event<U> select(
        TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }
  }
}
