package fr.parcelle.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import fr.parcelle.application.CalculDelais;
import fr.parcelle.application.DemandeDossier;
import fr.parcelle.application.DemandeDossier.ProjetSaisi;
import fr.parcelle.application.InstructionService;
import fr.parcelle.application.ValidationDossier;
import fr.parcelle.application.securite.Role;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.domain.model.delai.CalendrierJuridique;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.NatureAvis;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.dossier.StatutDossier;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.domain.model.dossier.TypeEvenement;
import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.model.piece.PieceJointe;
import fr.parcelle.domain.port.InstructionWorkflow;
import fr.parcelle.infrastructure.delais.ReglesDelaisDmn;
import fr.parcelle.infrastructure.referentiel.ReferentielFichiers;
import fr.parcelle.infrastructure.referentiel.ReferentielTerritoire;
import fr.parcelle.infrastructure.workflow.CamundaInstructionWorkflow;
import fr.parcelle.infrastructure.workflow.EtapesInstruction;
import fr.parcelle.infrastructure.workflow.FicheDossier;
import fr.parcelle.support.Demandes;
import fr.parcelle.support.DossiersEnMemoire;
import fr.parcelle.support.MoteurDeTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bpmn/instruction-dau.bpmn on PostgreSQL, every legal path, with the real steps behind it
 * (EtapesInstruction → InstructionService → the DMN tables and the calendar) and the dossiers in
 * memory. Time is the engine's clock; timers are run by executing their jobs, never by sleeping.
 */
@Deployment(
    resources = {
      "bpmn/instruction-dau.bpmn",
      "bpmn/verifier-completude.form",
      "bpmn/rendre-avis.form",
      "bpmn/instruire-proposer.form",
      "bpmn/signer-arrete.form"
    })
class InstructionDauProcessTest {

  @RegisterExtension
  static ProcessEngineExtension extension =
      ProcessEngineExtension.builder().useProcessEngine(MoteurDeTest.moteur()).build();

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ReferentielFichiers REFERENTIEL = new ReferentielFichiers();
  private static final ReferentielTerritoire TERRITOIRE = new ReferentielTerritoire();
  private static final ReglesDelaisDmn REGLES = new ReglesDelaisDmn();
  private static final Utilisateur DEMANDEUR =
      new Utilisateur(
          "architecte",
          "Claire",
          "archi@example.org",
          Set.of(Role.DEMANDEUR),
          Set.of("demandeurs"));

  static {
    REFERENTIEL.charger();
    TERRITOIRE.charger();
  }

  @org.junit.jupiter.api.io.TempDir static java.nio.file.Path donnees;

  private ProcessEngine moteur;
  private DossiersEnMemoire dossiers;
  private fr.parcelle.infrastructure.storage.StockageFichiers stockage;
  private java.security.cert.X509Certificate racineDemo;
  private InstructionService instruction;
  private CamundaInstructionWorkflow workflow;

  @BeforeEach
  void brancher() {
    moteur = extension.getProcessEngine();
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(moteur);
    dossiers = new DossiersEnMemoire();
    workflow = new CamundaInstructionWorkflow(moteur);
    Clock horlogeDuMoteur =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return PARIS;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return ClockUtil.getCurrentTime().toInstant();
          }
        };
    CalendrierJuridique calendrier = CalendrierJuridique.parDefaut();
    instruction =
        new InstructionService(
            dossiers,
            REFERENTIEL,
            new CalculDelais(REGLES, calendrier),
            calendrier,
            workflow,
            TERRITOIRE,
            horlogeDuMoteur);
    // The maire signs with the demo key, as in demo mode; documents go to a real file store.
    java.util.function.Function<String, String> sansMotDePasse = nom -> null;
    fr.parcelle.infrastructure.signature.PkiDemo pki =
        new fr.parcelle.infrastructure.signature.PkiDemo(
            donnees.resolve("signature"), Clock.systemUTC(), sansMotDePasse);
    pki.installer();
    racineDemo = pki.racine();
    stockage =
        new fr.parcelle.infrastructure.storage.StockageFichiers(donnees.resolve("documents"));
    fr.parcelle.application.SignatureDecision signature =
        new fr.parcelle.application.SignatureDecision(
            dossiers,
            TERRITOIRE,
            new Identites(),
            new fr.parcelle.infrastructure.documents.GenerateurPdf(),
            new fr.parcelle.infrastructure.signature.SignatairePades(
                donnees.resolve("signature"),
                java.util.Optional.empty(),
                true,
                sansMotDePasse,
                Clock.systemUTC()),
            stockage,
            new fr.parcelle.infrastructure.platau.DepotPlatau(
                donnees.resolve("platau"), horlogeDuMoteur),
            horlogeDuMoteur);
    fr.parcelle.application.CertificatsTacites certificats =
        new fr.parcelle.application.CertificatsTacites(
            dossiers,
            TERRITOIRE,
            new fr.parcelle.infrastructure.documents.GenerateurPdf(),
            stockage,
            horlogeDuMoteur);
    fr.parcelle.application.CourriersInstruction courriers =
        new fr.parcelle.application.CourriersInstruction(
            dossiers,
            TERRITOIRE,
            new fr.parcelle.infrastructure.documents.GenerateurPdf(),
            stockage,
            horlogeDuMoteur);
    Mocks.register("etapes", new EtapesInstruction(instruction, signature, certificats, courriers));
  }

  @AfterEach
  void debrancher() {
    Mocks.reset();
    ClockUtil.reset();
  }

  // --- paths ---------------------------------------------------------------------------------

  @Test
  void depot_avis_de_depot_prefet_puis_completude_par_le_service_de_la_commune()
      throws IOException {
    Depot d = deposer("PCMI", List.of(), LocalDate.of(2027, 1, 15));

    assertThat(d.pi).isWaitingAt("Task_VerifierCompletude");
    Task tache = tache(d);
    assertThat(tache.getName()).isEqualTo("Vérifier la complétude du dossier");
    assertThat(candidats(tache)).containsExactly("instructeurs-rennes-metropole");
    assertThat(tache.getDueDate()).isEqualTo(finDeJournee(LocalDate.of(2027, 2, 15)));
    assertThat(d.dossier.dateAvisDepot()).contains(LocalDate.of(2027, 1, 15));
    assertThat(d.dossier.dateTransmissionPrefet()).contains(LocalDate.of(2027, 1, 15));
    assertThat(types(d.dossier))
        .containsExactly(
            TypeEvenement.DEPOT, TypeEvenement.AVIS_DE_DEPOT, TypeEvenement.TRANSMISSION_PREFET);
    // The form offers this dossier's own catalogue of pièces.
    assertThat(FicheDossier.champ(variable(d, FicheDossier.VARIABLE), "piecesDuBordereau"))
        .contains("PCMI1", "PCMI8");
    String formulaire =
        new String(
            moteur.getFormService().getDeployedTaskForm(tache.getId()).readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(formulaire)
        .contains("\"valuesExpression\": \"=dossier.piecesDuBordereau\"", "R423-22");
  }

  @Test
  void la_fiche_du_dossier_tient_les_textes_longs_et_la_tasklist_cherche_sur_ses_copies() {
    // The longest description the deposit accepts (ValidationDossier: 10,000 characters) and more
    // applicants than a Camunda string variable holds (4,000 characters on PostgreSQL).
    String description = "Réhabilitation d'une longère en trois logements. ".repeat(204);
    // The most applicants a deposit takes (20), with the longest names it takes (200 characters).
    List<DemandeDossier.DemandeurSaisi> saisis =
        java.util.stream.IntStream.range(0, 20)
            .mapToObj(
                i ->
                    new DemandeDossier.DemandeurSaisi(
                        "PARTICULIER",
                        ("Le Goff de Kerguelen-" + i + " ").repeat(20).substring(0, 200).strip(),
                        "Marie-" + "Anne-".repeat(30),
                        null,
                        null,
                        null,
                        null,
                        null))
            .toList();
    assertThat(description.length()).isBetween(10_000 - 50, 10_000);
    Depot d = deposer("PCMI", List.of(), LocalDate.of(2027, 1, 15), description, saisis);
    String demandeurs =
        d.dossier.demandeurs().stream()
            .map(fr.parcelle.domain.model.dossier.Demandeur::designation)
            .collect(java.util.stream.Collectors.joining(" ; "));
    assertThat(demandeurs.length()).isGreaterThan(4_000);

    assertThat(d.pi).isWaitingAt("Task_VerifierCompletude");
    Object fiche = variable(d, FicheDossier.VARIABLE);
    assertThat(FicheDossier.champ(fiche, "description")).isEqualTo(description);
    assertThat(FicheDossier.champ(fiche, "demandeurs")).isEqualTo(demandeurs);
    assertThat(FicheDossier.champ(fiche, "numero"))
        .isEqualTo(d.dossier.numero().orElseThrow().affichage());
    assertThat(FicheDossier.champ(fiche, "nature"))
        .isEqualTo(
            REFERENTIEL.caracteristiques(TypeDossier.PCMI, LocalDate.of(2027, 1, 15)).libelle());
    assertThat(FicheDossier.champ(fiche, "commune")).isEqualTo("Vern-sur-Seiche (35352)");
    assertThat(FicheDossier.champ(fiche, "adresse"))
        .isEqualTo(d.dossier.adresse().orElseThrow().enLigne());
    assertThat(FicheDossier.champ(fiche, "dateDepot")).isEqualTo("15 janvier 2027");
    assertThat(FicheDossier.champ(fiche, "dateLimiteCompletude")).isEqualTo("15 février 2027");
    // R423-23: two months for a house; tacit decision the day after (R424-1).
    assertThat(FicheDossier.champ(fiche, "dateFinDelai")).isEqualTo("15 mars 2027");
    assertThat(FicheDossier.champ(fiche, "dateDecisionTacite")).isEqualTo("16 mars 2027");
    assertThat(FicheDossier.champ(fiche, "liensPieces")).isNotBlank();
    // Written once, by the first step (the deposit's transaction wrote none): never updated.
    assertThat(ligneDeLaFiche(d.pi).getRevision()).isEqualTo(1);
    // The searched copies: the address whole, the applicants cut to what the column holds.
    assertThat(variable(d, FicheDossier.ADRESSE))
        .isEqualTo(d.dossier.adresse().orElseThrow().enLigne());
    assertThat((String) variable(d, FicheDossier.DEMANDEURS))
        .hasSize(4_000)
        .startsWith(demandeurs.substring(0, 3_000));
    // As the Tasklist searches (process variable, like, case-insensitive).
    assertThat(
            moteur
                .getTaskService()
                .createTaskQuery()
                .processVariableValueLike(FicheDossier.ADRESSE, "%rue de la seiche%")
                .matchVariableValuesIgnoreCase()
                .list())
        .extracting(Task::getProcessInstanceId)
        .contains(d.pi.getId());
    // What the forms only show is in the fiche, not in variables of its own.
    assertThat(moteur.getRuntimeService().getVariables(d.pi.getId()).keySet())
        .doesNotContain(
            "numeroDossierAffiche",
            "libelleTypeDossier",
            "descriptionProjet",
            "dateDepotTexte",
            "liensPieces",
            "majorationsProposeesTexte",
            "piecesJointes");
  }

  @Test
  void complet_puis_proposition_et_signature_par_le_maire() throws Exception {
    Depot d = deposer("PCMI", List.of(), LocalDate.of(2027, 1, 15));
    ClockUtil.setCurrentTime(date(LocalDate.of(2027, 1, 20)));

    completer(d, "Task_VerifierCompletude", completude("COMPLET", List.of(), List.of(), List.of()));

    assertThat(d.pi).isWaitingAt("Task_InstruireEtProposer");
    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.EN_INSTRUCTION);
    assertThat(d.dossier.dateFinDelai()).contains(LocalDate.of(2027, 3, 15));
    assertThat(d.dossier.dateDecisionTacite()).contains(LocalDate.of(2027, 3, 16));
    assertThat(d.dossier.natureDecisionTacite()).contains("PERMIS_TACITE");
    assertThat(tache(d).getDueDate()).isEqualTo(finDeJournee(LocalDate.of(2027, 3, 15)));
    assertThat(FicheDossier.champ(variable(d, FicheDossier.VARIABLE), "decisionsPossibles"))
        .contains("ACCORD", "REFUS", "SURSIS_A_STATUER")
        .doesNotContain("NON_OPPOSITION");

    completer(
        d,
        "Task_InstruireEtProposer",
        Map.of(
            "decisionProposee",
            "ACCORD_AVEC_PRESCRIPTIONS",
            "clausesChoisies",
            SpinValues.jsonValue("[\"PRESC_RESEAUX\"]").create(),
            "prescriptions",
            "Les clôtures seront végétalisées."));
    assertThat(d.pi).isWaitingAt("Task_SignerArrete");
    assertThat(candidats(tache(d))).containsExactly("maires-35352");
    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.DECISION_EN_SIGNATURE);
    assertThat(d.dossier.prescriptions().orElseThrow())
        .contains("raccordée aux réseaux publics", "Les clôtures seront végétalisées.");

    ClockUtil.setCurrentTime(date(LocalDate.of(2027, 3, 1)));
    // Someone who is not the maire of the commune cannot sign, even holding the task.
    moteur.getTaskService().setAssignee(tache(d).getId(), "instructeur");
    Task signature = tache(d);
    assertThatThrownBy(
            () ->
                moteur.getTaskService().complete(signature.getId(), Map.of("signature", "SIGNER")))
        .hasMessageContaining("Seul le maire de Vern-sur-Seiche");
    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.DECISION_EN_SIGNATURE);
    moteur.getTaskService().setAssignee(tache(d).getId(), "maire");
    completer(d, "Task_SignerArrete", Map.of("signature", "SIGNER"));

    assertThat(d.pi).hasPassed("EndEvent_ArreteSigne").isEnded();
    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.DECIDE);
    assertThat(d.dossier.dateDecision()).contains(LocalDate.of(2027, 3, 1));
    // The arrêté is in the dossier, signed by the maire (PAdES), checkable against the demo root.
    var arrete =
        d.dossier.document(fr.parcelle.domain.model.piece.TypeDocument.ARRETE).orElseThrow();
    byte[] pdf;
    try (var in = stockage.ouvrir(arrete.empreinte())) {
      pdf = in.readAllBytes();
    }
    var verifiees =
        new fr.parcelle.infrastructure.signature.VerificateurSignatures(List.of(racineDemo))
            .verifier(pdf);
    assertThat(verifiees).hasSize(1);
    assertThat(verifiees.getFirst().valide())
        .as(verifiees.getFirst().anomalies().toString())
        .isTrue();
    assertThat(verifiees.getFirst().signataire()).contains("Maire de Vern-sur-Seiche");
    String texte =
        new org.apache.pdfbox.text.PDFTextStripper().getText(org.apache.pdfbox.Loader.loadPDF(pdf));
    assertThat(texte).contains("PC 035 352 27", "raccordée aux réseaux publics");
    // Notified the day it is signed (the arrêté is in the applicant's dossier), transmitted to the
    // préfet as PLAT'AU carries it (the document and its SHA-512), executory from the later date.
    assertThat(d.dossier.dateNotification()).contains(LocalDate.of(2027, 3, 1));
    assertThat(d.dossier.dateTransmissionControle()).contains(LocalDate.of(2027, 3, 1));
    assertThat(d.dossier.dateExecutoire()).contains(LocalDate.of(2027, 3, 1));
    java.nio.file.Path echange;
    try (var echanges = java.nio.file.Files.list(donnees.resolve("platau"))) {
      echange =
          echanges
              .filter(
                  x ->
                      x.getFileName()
                          .toString()
                          .startsWith(d.dossier.numero().orElseThrow().valeur()))
              .findFirst()
              .orElseThrow();
    }
    var message =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(echange.resolve("message.json").toFile());
    assertThat(message.path("natureActe").asText()).isEqualTo("ACCORD_AVEC_PRESCRIPTIONS");
    var empreinte = message.path("pieces").get(0).path("empreinte");
    assertThat(empreinte.path("algorithme").asText()).isEqualTo("SHA-512");
    assertThat(empreinte.path("valeur").asText())
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-512").digest(pdf)));
    assertThat(
            java.nio.file.Files.readAllBytes(
                echange.resolve(message.path("pieces").get(0).path("nomFichier").asText())))
        .isEqualTo(pdf);
  }

  @Test
  void un_adjoint_designe_par_arrete_signe_par_delegation_un_membre_du_groupe_non_designe_non()
      throws Exception {
    Depot d = deposer("PCMI", List.of(), LocalDate.of(2027, 1, 15));
    completer(d, "Task_VerifierCompletude", completude("COMPLET", List.of(), List.of(), List.of()));
    completer(d, "Task_InstruireEtProposer", Map.of("decisionProposee", "ACCORD"));

    // In the maire's group (she sees the task), but not named in autorites-competentes.csv.
    moteur.getTaskService().setAssignee(tache(d).getId(), "secretaire");
    Task signature = tache(d);
    assertThatThrownBy(
            () ->
                moteur.getTaskService().complete(signature.getId(), Map.of("signature", "SIGNER")))
        .hasMessageContaining("délégué désigné par arrêté");

    moteur.getTaskService().setAssignee(tache(d).getId(), "adjoint");
    completer(d, "Task_SignerArrete", Map.of("signature", "SIGNER"));

    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.DECIDE);
    String texte = texte(d, fr.parcelle.domain.model.piece.TypeDocument.ARRETE);
    assertThat(texte).contains("par délégation du maire", "L2122-18");
    byte[] pdf;
    try (var in =
        stockage.ouvrir(
            d.dossier
                .document(fr.parcelle.domain.model.piece.TypeDocument.ARRETE)
                .orElseThrow()
                .empreinte())) {
      pdf = in.readAllBytes();
    }
    var verifiee =
        new fr.parcelle.infrastructure.signature.VerificateurSignatures(List.of(racineDemo))
            .verifier(pdf)
            .getFirst();
    assertThat(verifiee.valide()).as(verifiee.anomalies().toString()).isTrue();
    assertThat(verifiee.signataire()).contains("Ronan");
  }

  @Test
  void le_maire_renvoie_le_projet_au_service_avec_un_commentaire() {
    Depot d = deposer("PCMI", List.of(), LocalDate.of(2027, 1, 15));
    completer(d, "Task_VerifierCompletude", completude("COMPLET", List.of(), List.of(), List.of()));
    completer(d, "Task_InstruireEtProposer", Map.of("decisionProposee", "ACCORD"));

    Task signature = tache(d);
    assertThatThrownBy(
            () ->
                moteur
                    .getTaskService()
                    .complete(signature.getId(), Map.of("signature", "RENVOYER")))
        .hasMessageContaining("commentaire");
    completer(
        d,
        "Task_SignerArrete",
        Map.of("signature", "RENVOYER", "commentaireMaire", "Motiver la hauteur du faîtage."));

    assertThat(d.pi).isWaitingAt("Task_InstruireEtProposer");
    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.EN_INSTRUCTION);
    assertThat(d.dossier.evenements().getLast().detail())
        .isEqualTo("Motiver la hauteur du faîtage.");
  }

  @Test
  void incomplet_puis_pieces_recues_le_delai_court_depuis_la_reception() throws IOException {
    Depot d = deposer("DP", List.of("VOLUME_CREE_OU_MODIFIE"), LocalDate.of(2027, 1, 15));
    ClockUtil.setCurrentTime(date(LocalDate.of(2027, 2, 10)));

    completer(
        d,
        "Task_VerifierCompletude",
        completude("INCOMPLET", List.of("DP2"), List.of(), List.of()));

    assertThat(d.pi).isWaitingAt("Gateway_AttentePieces");
    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.INCOMPLET);
    assertThat(d.dossier.piecesDemandees()).containsExactly("DP2");
    assertThat(d.dossier.dateLimitePieces()).contains(LocalDate.of(2027, 5, 10));
    assertThat(texte(d, fr.parcelle.domain.model.piece.TypeDocument.DEMANDE_PIECES))
        .contains("Demande de pièces complémentaires", "DP2", "10 mai 2027", "R423-39");
    // Not every pièce requested: refused, nothing changes.
    assertThatThrownBy(
            () -> instruction.transmettrePiecesComplementaires(DEMANDEUR, d.dossier.id()))
        .hasMessageContaining("DP2");

    ClockUtil.setCurrentTime(date(LocalDate.of(2027, 3, 1)));
    d.dossier.joindreComplement(piece("DP2", true));
    instruction.transmettrePiecesComplementaires(DEMANDEUR, d.dossier.id());

    assertThat(d.pi).hasPassed("Event_PiecesComplementairesRecues");
    assertThat(d.pi).isWaitingAt("Task_InstruireEtProposer");
    assertThat(d.dossier.dateCompletude()).contains(LocalDate.of(2027, 3, 1));
    assertThat(d.dossier.dateFinDelai()).contains(LocalDate.of(2027, 4, 1));
    assertThat(d.dossier.dateDecisionTacite()).contains(LocalDate.of(2027, 4, 2));
    assertThat(d.dossier.natureDecisionTacite()).contains("NON_OPPOSITION");
    assertThat(minuteur(d, "Timer_DelaiInstructionExpire").getDuedate())
        .isEqualTo(debutDeJournee(LocalDate.of(2027, 4, 2)));
    // The answer is kept beside the pièces filed, not among them.
    assertThat(d.dossier.pieceComplementaire("DP2")).isPresent();
    assertThat(d.dossier.pieces()).isEmpty();
  }

  @Test
  void incomplet_sans_reponse_en_trois_mois_rejet_tacite_du_permis() {
    Depot d = deposer("PCMI", List.of(), LocalDate.of(2027, 1, 15));
    ClockUtil.setCurrentTime(date(LocalDate.of(2027, 2, 10)));
    completer(
        d,
        "Task_VerifierCompletude",
        completude("INCOMPLET", List.of("PCMI2", "PCMI3"), List.of(), List.of()));

    Job minuteur = minuteur(d, "Timer_TroisMoisSansPieces");
    assertThat(minuteur.getDuedate()).isEqualTo(debutDeJournee(LocalDate.of(2027, 5, 11)));
    ClockUtil.setCurrentTime(date(LocalDate.of(2027, 5, 11)));
    executer(minuteur);
    executer(continuation(d, "Task_ConstaterRejetTacite"));

    assertThat(d.pi).hasPassed("EndEvent_RejetTacite").isEnded();
    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.REJET_TACITE);
  }

  @Test
  void incomplet_sans_reponse_opposition_tacite_a_la_declaration_prealable() {
    Depot d = deposer("DP", List.of(), LocalDate.of(2027, 1, 15));
    completer(
        d,
        "Task_VerifierCompletude",
        completude("INCOMPLET", List.of("DP1"), List.of(), List.of()));

    ClockUtil.setCurrentTime(date(LocalDate.of(2027, 4, 16)));
    executer(minuteur(d, "Timer_TroisMoisSansPieces"));
    executer(continuation(d, "Task_ConstaterRejetTacite"));

    assertThat(d.pi).hasPassed("EndEvent_RejetTacite").isEnded();
    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.OPPOSITION_TACITE);
  }

  @Test
  void demande_de_pieces_apres_le_premier_mois_refusee_r423_41() {
    Depot d = deposer("PCMI", List.of(), LocalDate.of(2027, 1, 15));
    ClockUtil.setCurrentTime(date(LocalDate.of(2027, 2, 16)));
    Task tache = tache(d);

    assertThatThrownBy(
            () ->
                moteur
                    .getTaskService()
                    .complete(
                        tache.getId(),
                        completude("INCOMPLET", List.of("PCMI2"), List.of(), List.of())))
        .hasMessageContaining("15 février 2027")
        .hasMessageContaining("R423-41");

    assertThat(d.pi).isWaitingAt("Task_VerifierCompletude");
    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.DEPOSE);
    assertThat(d.dossier.dateDemandePieces()).isEmpty();
  }

  @Test
  void piece_hors_du_bordereau_refusee() {
    Depot d = deposer("DP", List.of(), LocalDate.of(2027, 1, 15));
    Task tache = tache(d);

    assertThatThrownBy(
            () ->
                moteur
                    .getTaskService()
                    .complete(
                        tache.getId(),
                        completude("INCOMPLET", List.of("PCMI9"), List.of(), List.of())))
        .hasMessageContaining("PCMI9");
    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.DEPOSE);
  }

  @Test
  void sans_demande_dans_le_mois_le_dossier_est_repute_complet_r423_22() {
    Depot d = deposer("PCMI", List.of(), LocalDate.of(2027, 1, 15));

    Job minuteur = minuteur(d, "Timer_MoisDeCompletudeEcoule");
    assertThat(minuteur.getDuedate()).isEqualTo(finDeJournee(LocalDate.of(2027, 2, 15)));
    ClockUtil.setCurrentTime(date(LocalDate.of(2027, 2, 16)));
    executer(minuteur);
    assertThat(d.dossier.dateCompletude()).isEmpty(); // asyncBefore: a save point first
    executer(continuation(d, "Task_ConstaterDossierReputeComplet"));

    assertThat(d.pi).hasPassed("Task_ConstaterDossierReputeComplet");
    assertThat(d.pi).isWaitingAt("Task_InstruireEtProposer");
    assertThat(d.dossier.completudeReputee()).isTrue();
    assertThat(d.dossier.dateCompletude()).contains(LocalDate.of(2027, 1, 15));
    assertThat(d.dossier.dateDecisionTacite()).contains(LocalDate.of(2027, 3, 16));
    assertThat(types(d.dossier)).contains(TypeEvenement.DOSSIER_REPUTE_COMPLET);
  }

  @Test
  void majoration_notifiee_dans_le_mois_abords_de_monument_historique() throws IOException {
    Depot d = deposer("PCMI", List.of("ABORDS_MH"), LocalDate.of(2027, 1, 31));

    List<String> proposees = liste(variable(d, "majorationsRetenues"));
    assertThat(proposees).isNotEmpty();
    completer(d, "Task_VerifierCompletude", completude("COMPLET", List.of(), proposees, List.of()));

    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.MAJORE);
    assertThat(d.dossier.delaiInstructionMois()).contains(3);
    assertThat(d.dossier.dateFinDelai()).contains(LocalDate.of(2027, 4, 30));
    assertThat(d.dossier.dateDecisionTacite()).contains(LocalDate.of(2027, 5, 1));
    assertThat(types(d.dossier)).contains(TypeEvenement.MAJORATION);
    assertThat(texte(d, fr.parcelle.domain.model.piece.TypeDocument.MAJORATION))
        .contains("Majoration du délai d'instruction", "R423-24", "porté à 3 mois", "1 mai 2027");
    assertThat(
            d.dossier.evenements().stream()
                .filter(e -> e.type() == TypeEvenement.MAJORATION)
                .findFirst()
                .orElseThrow()
                .detail())
        .contains("R423-24");
  }

  @Test
  void sans_majoration_retenue_le_delai_de_droit_commun_s_applique() {
    Depot d = deposer("PCMI", List.of("ABORDS_MH"), LocalDate.of(2027, 1, 31));

    completer(d, "Task_VerifierCompletude", completude("COMPLET", List.of(), List.of(), List.of()));

    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.EN_INSTRUCTION);
    assertThat(d.dossier.dateFinDelai()).contains(LocalDate.of(2027, 3, 31));
  }

  @Test
  void consultation_sans_reponse_avis_tacite_favorable_r423_59() {
    Depot d = deposer("PC", List.of("ERP"), LocalDate.of(2027, 1, 15));
    assertThat(liste(variable(d, "servicesAConsulter"))).contains("SDIS");
    ClockUtil.setCurrentTime(date(LocalDate.of(2027, 1, 20)));

    completer(
        d, "Task_VerifierCompletude", completude("COMPLET", List.of(), List.of(), List.of("SDIS")));

    assertThat(d.pi).isWaitingAt("Task_RendreAvis");
    Task avis = tache(d);
    assertThat(avis.getName())
        .isEqualTo(
            "Rendre l'avis : Service départemental d'incendie et de secours d'Ille-et-Vilaine");
    // The SDIS has no account: the instructors record the avis received.
    assertThat(candidats(avis)).containsExactly("instructeurs-rennes-metropole");
    assertThat(avis.getDueDate()).isEqualTo(finDeJournee(LocalDate.of(2027, 2, 20)));
    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.EN_CONSULTATION);

    ClockUtil.setCurrentTime(date(LocalDate.of(2027, 2, 21)));
    executer(minuteur(d, "Timer_DelaiConsultationExpire"));
    executer(continuation(d, "Task_ConstaterAvisTacite"));

    assertThat(d.pi).hasPassed("EndEvent_AvisTacite").isWaitingAt("Task_InstruireEtProposer");
    var consultation = d.dossier.consultations().getFirst();
    assertThat(consultation.avis()).contains(NatureAvis.FAVORABLE);
    assertThat(consultation.avisTacite()).isTrue();
    assertThat(d.dossier.statut()).isNotEqualTo(StatutDossier.EN_CONSULTATION);
  }

  @Test
  void refus_de_l_abf_en_abords_lie_la_decision_et_le_silence_devient_un_refus_r424_3() {
    Depot d = deposer("PC", List.of("SPR"), LocalDate.of(2027, 1, 15));
    completer(
        d, "Task_VerifierCompletude", completude("COMPLET", List.of(), List.of(), List.of("ABF")));

    Task avis = tache(d);
    assertThat(candidats(avis)).containsExactly("consultes-abf-35");
    // A permit where the ABF's accord is required: two months (R423-67).
    assertThat(avis.getDueDate()).isEqualTo(finDeJournee(LocalDate.of(2027, 3, 15)));
    assertThat(d.dossier.natureDecisionTacite()).contains("PERMIS_TACITE");

    completer(
        d,
        "Task_RendreAvis",
        Map.of("avis", "DEFAVORABLE", "avisTexte", "Volumétrie incompatible avec le SPR."));

    assertThat(d.dossier.natureDecisionTacite()).contains("REFUS_TACITE");
    assertThat(d.pi).isWaitingAt("Task_InstruireEtProposer");
    Task proposition = tache(d);
    assertThatThrownBy(
            () ->
                moteur
                    .getTaskService()
                    .complete(proposition.getId(), Map.of("decisionProposee", "ACCORD")))
        .hasMessageContaining("lie l'autorité compétente");

    completer(
        d,
        "Task_InstruireEtProposer",
        Map.of(
            "decisionProposee",
            "REFUS",
            "clausesChoisies",
            SpinValues.jsonValue("[\"MOTIF_ABF\"]").create()));
    assertThat(d.pi).isWaitingAt("Task_SignerArrete");
    assertThat(d.dossier.motifs().orElseThrow()).contains("Bâtiments de France");
  }

  @Test
  void silence_jusqu_au_lendemain_du_delai_permis_tacite_et_taches_closes() throws IOException {
    Depot d = deposer("PCMI", List.of(), LocalDate.of(2027, 1, 15));
    completer(d, "Task_VerifierCompletude", completude("COMPLET", List.of(), List.of(), List.of()));
    assertThat(d.pi).isWaitingAt("Task_InstruireEtProposer");

    Job minuteur = minuteur(d, "Timer_DelaiInstructionExpire");
    assertThat(minuteur.getDuedate()).isEqualTo(debutDeJournee(LocalDate.of(2027, 3, 16)));
    ClockUtil.setCurrentTime(date(LocalDate.of(2027, 3, 16)));
    executer(minuteur);
    executer(continuation(d, "Task_ConstaterDecisionTacite"));

    assertThat(d.pi).hasPassed("EndEvent_DecisionTacite").isEnded();
    assertThat(moteur.getTaskService().createTaskQuery().processInstanceId(d.pi.getId()).count())
        .isZero();
    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.DECISION_TACITE);
    assertThat(d.dossier.dateDecision()).contains(LocalDate.of(2027, 3, 16));
    assertThat(types(d.dossier))
        .contains(TypeEvenement.DECISION_TACITE, TypeEvenement.CERTIFICAT_TACITE_DEMANDE);
    // The certificate is issued the same day, for the applicant (R424-13).
    var certificat =
        d.dossier
            .document(fr.parcelle.domain.model.piece.TypeDocument.CERTIFICAT_DECISION_TACITE)
            .orElseThrow();
    String texte;
    try (var in = stockage.ouvrir(certificat.empreinte());
        var pdf = org.apache.pdfbox.Loader.loadPDF(in.readAllBytes())) {
      texte = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
    }
    assertThat(texte.replaceAll("\\s+", " "))
        .contains(
            "Certificat de décision tacite",
            "R424-13",
            "est née le 16 mars 2027 : permis tacite",
            "L424-5");
  }

  @Test
  void silence_en_site_classe_vaut_refus_tacite_r424_2() {
    Depot d = deposer("PC", List.of("SITE_CLASSE"), LocalDate.of(2027, 1, 15));
    completer(d, "Task_VerifierCompletude", completude("COMPLET", List.of(), List.of(), List.of()));
    assertThat(d.dossier.natureDecisionTacite()).contains("REFUS_TACITE");

    ClockUtil.setCurrentTime(date(d.dossier.dateDecisionTacite().orElseThrow()));
    executer(minuteur(d, "Timer_DelaiInstructionExpire"));
    executer(continuation(d, "Task_ConstaterDecisionTacite"));

    assertThat(d.dossier.statut()).isEqualTo(StatutDossier.REJET_TACITE);
  }

  // --- helpers -------------------------------------------------------------------------------

  private record Depot(Dossier dossier, ProcessInstance pi) {}

  /** The accounts of the demo: the maire of Vern-sur-Seiche and an instructor. */
  private static final class Identites
      implements fr.parcelle.application.securite.Authentificateur {
    @Override
    public java.util.Optional<Utilisateur> authentifier(String login, char[] motDePasse) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.util.Optional<Utilisateur> utilisateur(String login) {
      return switch (login) {
        case "maire" ->
            java.util.Optional.of(
                new Utilisateur(
                    "maire", "Maëlle Maire", null, Set.of(Role.MAIRE), Set.of("maires-35352")));
        case "adjoint" ->
            java.util.Optional.of(
                new Utilisateur(
                    "adjoint", "Ronan Adjoint", null, Set.of(Role.MAIRE), Set.of("maires-35352")));
        case "secretaire" ->
            java.util.Optional.of(
                new Utilisateur(
                    "secretaire",
                    "Anne Secrétaire",
                    null,
                    Set.of(Role.MAIRE),
                    Set.of("maires-35352")));
        case "instructeur" ->
            java.util.Optional.of(
                new Utilisateur(
                    "instructeur",
                    "Yann Instructeur",
                    null,
                    Set.of(Role.INSTRUCTEUR),
                    Set.of("instructeurs-rennes-metropole")));
        default -> java.util.Optional.empty();
      };
    }
  }

  private Depot deposer(String type, List<String> contraintes, LocalDate date) {
    return deposer(
        type, contraintes, date, "Maison individuelle", Demandes.pcmi("35352").demandeurs());
  }

  private Depot deposer(
      String type,
      List<String> contraintes,
      LocalDate date,
      String description,
      List<DemandeDossier.DemandeurSaisi> demandeurs) {
    ClockUtil.setCurrentTime(date(date));
    DemandeDossier base = Demandes.pcmi("35352");
    DemandeDossier demande =
        new DemandeDossier(
            type,
            null,
            null,
            "35352",
            demandeurs,
            base.terrain(),
            new ProjetSaisi(
                description,
                "Construction neuve",
                null,
                new java.math.BigDecimal("120"),
                null,
                1,
                contraintes),
            null);
    Dossier.Donnees donnees = new ValidationDossier(TERRITOIRE, REFERENTIEL).valider(demande);
    Dossier dossier = Dossier.brouillon(donnees, "architecte", Instant.now());
    TypeDossier t = TypeDossier.valueOf(type);
    NumeroDossier numero =
        NumeroDossier.attribuer(
            t.nature(), "35352", 2027, ThreadLocalRandom.current().nextInt(1, 99_999), null);
    dossier.deposer(
        numero,
        date(date).toInstant(),
        date,
        REFERENTIEL.caracteristiques(t, date),
        CalendrierJuridique.parDefaut(),
        null);
    dossiers.ajouter(dossier);
    workflow.demarrer(
        new InstructionWorkflow.DemarrageInstruction(
            numero,
            type,
            "35352",
            "instructeurs-rennes-metropole",
            "maires-35352",
            date,
            dossier.dateLimiteCompletude().orElseThrow(),
            dossier.dateDecisionTacite().orElseThrow(),
            InstructionWorkflow.Resume.de(
                dossier, REFERENTIEL.caracteristiques(t, date).libelle(), "Vern-sur-Seiche")));
    ProcessInstance pi =
        moteur
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(numero.valeur())
            .singleResult();
    // The deposit's transaction ends at the start event: the avis de dépôt follows as a job, and
    // so does the fiche the forms show.
    assertThat(dossier.dateAvisDepot()).isEmpty();
    assertThat(ligneDeLaFiche(pi)).isNull();
    executer(continuation(new Depot(dossier, pi), "StartEvent_DossierDepose"));
    return new Depot(dossier, pi);
  }

  /** The fiche's row in the engine (its revision counts its writes), or null. */
  private org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity ligneDeLaFiche(
      ProcessInstance pi) {
    return (org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity)
        moteur
            .getRuntimeService()
            .createVariableInstanceQuery()
            .processInstanceIdIn(pi.getId())
            .variableName(FicheDossier.VARIABLE)
            .singleResult();
  }

  private static Map<String, Object> completude(
      String completude, List<String> pieces, List<String> majorations, List<String> services) {
    Map<String, Object> v = new HashMap<>();
    v.put("completude", completude);
    v.put("piecesManquantes", json(pieces));
    v.put("majorationsRetenues", json(majorations));
    v.put("servicesAConsulter", json(services));
    return v;
  }

  private static Object json(List<String> codes) {
    return SpinValues.jsonValue(
            codes.stream()
                .map(c -> "\"" + c + "\"")
                .collect(java.util.stream.Collectors.joining(",", "[", "]")))
        .create();
  }

  /**
   * Completes the open task {@code cle} and runs its asyncAfter save point; first, its form has
   * everything it shows.
   */
  private void completer(Depot d, String cle, Map<String, Object> variables) {
    Task t = tache(d);
    assertThat(t.getTaskDefinitionKey()).isEqualTo(cle);
    formulaireAlimente(t);
    moteur.getTaskService().complete(t.getId(), variables);
    executer(continuation(d, cle));
  }

  /**
   * What the Tasklist shows of this task's form is there: every field shown (disabled: the Tasklist
   * does not send it back) and every {@code {{…}}} of a text resolves among the variables the task
   * sees, a {@code dossier.x} key to a field of the fiche. No field is {@code readonly} (form-js
   * would send it back with the form), and no input writes into the fiche.
   */
  private void formulaireAlimente(Task t) {
    com.fasterxml.jackson.databind.JsonNode formulaire;
    try (var in = moteur.getFormService().getDeployedTaskForm(t.getId())) {
      formulaire = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, Object> vues = moteur.getFormService().getTaskFormVariables(t.getId());
    List<String> manquants = new java.util.ArrayList<>();
    List<String> fautifs = new java.util.ArrayList<>();
    java.util.ArrayDeque<com.fasterxml.jackson.databind.JsonNode> aVoir =
        new java.util.ArrayDeque<>();
    aVoir.add(formulaire);
    while (!aVoir.isEmpty()) {
      for (var c : aVoir.pop().path("components")) {
        aVoir.add(c);
        String cle = c.path("key").asText(null);
        if (c.path("readonly").asBoolean(false)) {
          fautifs.add(cle + " (readonly)");
        }
        if (cle != null && c.path("disabled").asBoolean(false) && resoudre(vues, cle) == null) {
          manquants.add(cle);
        }
        if (cle != null && !c.path("disabled").asBoolean(false) && cle.startsWith("dossier.")) {
          fautifs.add(cle + " (saisi dans la fiche)");
        }
        // A typed text goes to a string variable: at most 4,000 characters on PostgreSQL, so the
        // form says so before the engine refuses it.
        int max = c.path("validate").path("maxLength").asInt(0);
        if (List.of("textfield", "textarea").contains(c.path("type").asText())
            && !c.path("disabled").asBoolean(false)
            && (max < 1 || max > 4000)) {
          fautifs.add(cle + " (sans maxLength ≤ 4000)");
        }
        String choix = c.path("valuesExpression").asText("");
        if (!choix.isEmpty()) {
          Object liste = resoudre(vues, choix.substring(1).trim());
          if (liste == null || !liste.toString().startsWith("[")) {
            manquants.add(choix);
          }
        }
        if (c.hasNonNull("valuesKey")) {
          fautifs.add(c.get("valuesKey").asText() + " (choix hors de la fiche)");
        }
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("\\{\\{([^}]+)}}").matcher(c.path("text").asText(""));
        while (m.find()) {
          if (resoudre(vues, m.group(1).trim()) == null) {
            manquants.add(m.group(1).trim());
          }
        }
      }
    }
    assertThat(manquants).as(t.getTaskDefinitionKey() + " : champs sans valeur").isEmpty();
    assertThat(fautifs).as(t.getTaskDefinitionKey()).isEmpty();
  }

  private static Object resoudre(Map<String, Object> variables, String chemin) {
    int point = chemin.indexOf('.');
    if (point < 0) {
      return variables.get(chemin);
    }
    Object racine = variables.get(chemin.substring(0, point));
    return racine == null ? null : FicheDossier.champ(racine, chemin.substring(point + 1));
  }

  private Task tache(Depot d) {
    return moteur.getTaskService().createTaskQuery().processInstanceId(d.pi.getId()).singleResult();
  }

  private List<String> candidats(Task t) {
    return moteur.getTaskService().getIdentityLinksForTask(t.getId()).stream()
        .filter(l -> l.getGroupId() != null)
        .map(l -> l.getGroupId())
        .toList();
  }

  private Object variable(Depot d, String nom) {
    return moteur.getRuntimeService().getVariable(d.pi.getId(), nom);
  }

  private static List<String> liste(Object json) {
    return java.util.regex.Pattern.compile("\"([A-Z0-9_-]+)\"")
        .matcher(json.toString())
        .results()
        .map(m -> m.group(1))
        .toList();
  }

  private Job minuteur(Depot d, String activite) {
    return moteur
        .getManagementService()
        .createJobQuery()
        .processInstanceId(d.pi.getId())
        .activityId(activite)
        .timers()
        .singleResult();
  }

  private Job continuation(Depot d, String activite) {
    Job j =
        moteur
            .getManagementService()
            .createJobQuery()
            .processInstanceId(d.pi.getId())
            .activityId(activite)
            .messages()
            .singleResult();
    assertThat(j).as("job asynchrone de " + activite).isNotNull();
    return j;
  }

  private void executer(Job job) {
    assertThat(job).isNotNull();
    moteur.getManagementService().executeJob(job.getId());
  }

  /** The text of a document issued for the dossier, spaces normalised. */
  private String texte(Depot d, fr.parcelle.domain.model.piece.TypeDocument type)
      throws IOException {
    var document = d.dossier.document(type).orElseThrow();
    try (var in = stockage.ouvrir(document.empreinte());
        var pdf = org.apache.pdfbox.Loader.loadPDF(in.readAllBytes())) {
      return new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
    }
  }

  private static List<TypeEvenement> types(Dossier d) {
    return d.evenements().stream().map(e -> e.type()).toList();
  }

  private static PieceJointe piece(String code, boolean complementaire) {
    return new PieceJointe(
        code,
        code + ".pdf",
        1000,
        "application/pdf",
        new Empreinte("a".repeat(64), "b".repeat(128)),
        1,
        ClockUtil.getCurrentTime().toInstant(),
        complementaire);
  }

  /** 10:00 in Paris that day. */
  private static Date date(LocalDate jour) {
    return Date.from(
        LocalDateTime.of(jour, java.time.LocalTime.of(10, 0)).atZone(PARIS).toInstant());
  }

  private static Date finDeJournee(LocalDate jour) {
    return Date.from(jour.atTime(23, 59, 59).atZone(PARIS).toInstant());
  }

  private static Date debutDeJournee(LocalDate jour) {
    return Date.from(jour.atStartOfDay(PARIS).toInstant());
  }
}
