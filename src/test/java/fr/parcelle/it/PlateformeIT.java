package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcelle.application.DemandeDossier;
import fr.parcelle.application.DossierService;
import fr.parcelle.application.securite.Role;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierRepository;
import fr.parcelle.domain.model.dossier.StatutDossier;
import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.model.piece.PieceJointe;
import fr.parcelle.infrastructure.workflow.FicheDossier;
import fr.parcelle.infrastructure.workflow.ProcessEngineBootstrap;
import fr.parcelle.support.Demandes;
import fr.parcelle.support.Fichiers;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real application (target/parcelle.war) on Payara Micro and PostgreSQL: transactions shared by
 * JPA and the engine, the job executor, the Tasklist's own REST API as a browser uses it, and the
 * API's errors. Assertions are JUnit's only: the in-container tests run inside the WAR, which
 * carries no AssertJ.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlateformeIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Utilisateur ARCHITECTE =
      new Utilisateur("architecte", "Claire", null, Set.of(Role.DEMANDEUR), Set.of("demandeurs"));

  @Deployment
  static WebArchive application() {
    BaseDesTestsIntegration.demarrer();
    return ShrinkWrap.createFromZipFile(
            WebArchive.class, new File(System.getProperty("parcelle.war")))
        .addClasses(
            PlateformeIT.class,
            NavigateurWebapps.class,
            Fichiers.class,
            Demandes.class,
            PanneInjectee.class);
  }

  @ArquillianResource URL base;

  @Inject DossierService dossiers;
  @Inject DossierRepository depot;
  @Inject ProcessEngineBootstrap bootstrap;
  @Inject UserTransaction transaction;

  // ---------------------------------------------------------------- first, before anything warms
  // up

  @Test
  @Order(1)
  @RunAsClient
  void les_premieres_requetes_simultanees_de_la_tasklist_sont_servies() throws Exception {
    // A browser opening the Tasklist sends these at once; lazily initialised servlets failed under
    // it.
    String[] chemins = {
      "api/engine/engine/",
      "api/admin/auth/user/default",
      "api/engine/engine/",
      "api/admin/auth/user/default",
      "api/engine/engine/",
      "api/tasklist/plugin/tasklistPlugins/static/app/plugin.js"
    };
    java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> reponses =
        new java.util.ArrayList<>();
    for (String c : chemins) {
      reponses.add(
          client.sendAsync(
              HttpRequest.newBuilder(uri(c)).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }
    for (int i = 0; i < chemins.length; i++) {
      int statut = reponses.get(i).get().statusCode();
      assertTrue(statut < 500, chemins[i] + " : " + statut + " " + reponses.get(i).get().body());
    }
  }

  // ---------------------------------------------------------------- inside the container

  /** A complete DP (its one mandatory pièce recorded) ready to deposit. */
  private Dossier dpComplete(String insee, String description) {
    DemandeDossier base = Demandes.dp(insee, List.of());
    DemandeDossier demande =
        new DemandeDossier(
            "DP",
            null,
            null,
            insee,
            base.demandeurs(),
            base.terrain(),
            new DemandeDossier.ProjetSaisi(description, null, null, null, null, 0, List.of()),
            null);
    Dossier d = dossiers.creerBrouillon(ARCHITECTE, demande);
    dossiers.joindre(
        ARCHITECTE,
        d.id(),
        new PieceJointe(
            "DP1",
            "DP1.pdf",
            10,
            "application/pdf",
            new Empreinte("c".repeat(64), "d".repeat(128)),
            1,
            java.time.Instant.now()));
    return d;
  }

  @Test
  void une_exception_annule_ensemble_le_dossier_son_numero_et_son_processus() throws Exception {
    ProcessEngine moteur = bootstrap.moteur();
    Dossier[] dossier = new Dossier[1];
    transaction.begin();
    try {
      Dossier brouillon = dpComplete("35051", "Annulé");
      dossier[0] = dossiers.deposer(ARCHITECTE, brouillon.id(), null).dossier();
      assertEquals(
          1,
          moteur
              .getRuntimeService()
              .createProcessInstanceQuery()
              .processInstanceBusinessKey(dossier[0].numero().orElseThrow().valeur())
              .count(),
          "dans la transaction, le processus existe");
      throw new IllegalStateException("panne simulée après le démarrage du processus");
    } catch (IllegalStateException panne) {
      transaction.rollback();
    }
    String numero = dossier[0].numero().orElseThrow().valeur();
    UUID id = dossier[0].id();
    assertTrue(depot.parId(id).isEmpty(), "le dossier est annulé");
    assertEquals(
        0,
        moteur
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(numero)
            .count());
    assertEquals(
        0,
        moteur
            .getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(numero)
            .count());
    assertEquals(
        0, moteur.getTaskService().createTaskQuery().processInstanceBusinessKey(numero).count());

    // The number was given back: the next deposit of that series takes it.
    Dossier suivant =
        dossiers.deposer(ARCHITECTE, dpComplete("35051", "Validé").id(), null).dossier();
    assertEquals(numero, suivant.numero().orElseThrow().valeur());
    assertEquals(
        1,
        moteur
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(numero)
            .count());
  }

  @Test
  void une_panne_apres_la_numerotation_ne_laisse_ni_numero_ni_accuse_ni_processus() {
    ProcessEngine moteur = bootstrap.moteur();
    Dossier brouillon = dpComplete("35039", PanneInjectee.DECLENCHEUR);

    assertThrows(RuntimeException.class, () -> dossiers.deposer(ARCHITECTE, brouillon.id(), null));

    Dossier relu = depot.parId(brouillon.id()).orElseThrow();
    assertTrue(relu.estBrouillon(), "le dossier reste un brouillon");
    assertTrue(relu.numero().isEmpty());
    assertTrue(relu.documents().isEmpty(), "ni AEE ni récépissé");
    assertEquals(
        0,
        moteur
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceBusinessKeyLike("DP035039%")
            .count());
    Dossier suivant =
        dossiers.deposer(ARCHITECTE, dpComplete("35039", "Sans panne").id(), null).dossier();
    assertTrue(
        suivant.numero().orElseThrow().affichage().endsWith(" 00001"),
        "le numéro n'a pas été consommé");
  }

  @Test
  void le_filtre_echeance_proche_montre_les_taches_dues_dans_les_7_jours_et_elles_seules()
      throws Exception {
    ProcessEngine moteur = bootstrap.moteur();
    String proche =
        dossiers
            .deposer(ARCHITECTE, dpComplete("35088", "Proche").id(), null)
            .dossier()
            .numero()
            .orElseThrow()
            .valeur();
    String lointaine =
        dossiers
            .deposer(ARCHITECTE, dpComplete("35088", "Lointaine").id(), null)
            .dossier()
            .numero()
            .orElseThrow()
            .valeur();
    Task tacheProche = attendreTache(moteur, proche, "Task_VerifierCompletude");
    Task tacheLointaine = attendreTache(moteur, lointaine, "Task_VerifierCompletude");
    moteur
        .getTaskService()
        .setDueDate(
            tacheProche.getId(),
            java.util.Date.from(java.time.Instant.now().plus(Duration.ofDays(2))));
    String filtre = filtre(moteur, "Échéance dans moins de 7 jours");

    moteur
        .getIdentityService()
        .setAuthentication("instructeur", List.of("instructeurs-rennes-metropole"));
    List<String> ids;
    try {
      ids = moteur.getFilterService().<Task>list(filtre).stream().map(Task::getId).toList();
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
    assertTrue(ids.contains(tacheProche.getId()), "due dans 2 jours");
    assertFalse(ids.contains(tacheLointaine.getId()), "due dans un mois");
  }

  @Test
  void un_dossier_de_rennes_va_a_l_equipe_de_son_secteur_et_a_elle_seule() throws Exception {
    ProcessEngine moteur = bootstrap.moteur();
    String numero =
        dossiers
            .deposer(ARCHITECTE, dpComplete("35238", "Secteur").id(), null)
            .dossier()
            .numero()
            .orElseThrow()
            .valeur();
    Task tache = attendreTache(moteur, numero, "Task_VerifierCompletude");
    assertEquals(
        List.of("instructeurs-rennes-metropole-rennes"),
        moteur.getTaskService().getIdentityLinksForTask(tache.getId()).stream()
            .filter(l -> "candidate".equals(l.getType()))
            .map(org.camunda.bpm.engine.task.IdentityLink::getGroupId)
            .toList());
    // The demo account of the sector, as IdentiteBootstrap created it from the reference data.
    List<String> groupesGwen =
        moteur.getIdentityService().createGroupQuery().groupMember("instructrice").list().stream()
            .map(org.camunda.bpm.engine.identity.Group::getId)
            .sorted()
            .toList();
    assertEquals(
        List.of("instructeurs-rennes-metropole", "instructeurs-rennes-metropole-rennes"),
        groupesGwen);
    String filtre = filtre(moteur, "À traiter par mon service");

    assertTrue(filtreContient(moteur, filtre, "instructrice", groupesGwen, tache.getId()));
    assertFalse(
        filtreContient(
            moteur, filtre, "instructeur", List.of("instructeurs-rennes-metropole"), tache.getId()),
        "le groupe du service ne se voit pas proposer les dossiers d'un secteur");
    String filtreSecteur = filtre(moteur, "Secteur Rennes ville");
    moteur
        .getIdentityService()
        .setAuthentication("instructeur", List.of("instructeurs-rennes-metropole"));
    try {
      assertThrows(
          org.camunda.bpm.engine.AuthorizationException.class,
          () -> moteur.getTaskService().claim(tache.getId(), "instructeur"));
      assertThrows(
          org.camunda.bpm.engine.AuthorizationException.class,
          () -> moteur.getFilterService().list(filtreSecteur),
          "the sector's filter is its team's");
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
    assertTrue(filtreContient(moteur, filtreSecteur, "instructrice", groupesGwen, tache.getId()));
    moteur.getIdentityService().setAuthentication("instructrice", groupesGwen);
    try {
      moteur.getTaskService().claim(tache.getId(), "instructrice");
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
    assertEquals(
        "instructrice",
        moteur
            .getTaskService()
            .createTaskQuery()
            .taskId(tache.getId())
            .singleResult()
            .getAssignee());
  }

  @Test
  void sous_jta_une_requete_de_taches_est_planifiee_avec_ses_valeurs_sur_un_coeur() {
    // PlansParRequete's SET LOCAL needs the transaction Payara's engine runs the query in.
    var configuration =
        (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
            bootstrap.moteur().getProcessEngineConfiguration();
    List<String> pendant = new java.util.ArrayList<>();
    org.camunda.bpm.engine.impl.TaskQueryImpl requete =
        new org.camunda.bpm.engine.impl.TaskQueryImpl(
            configuration.getCommandExecutorTxRequired()) {
          @Override
          public long executeCount(
              org.camunda.bpm.engine.impl.interceptor.CommandContext contexte) {
            pendant.add(reglages(contexte));
            return super.executeCount(contexte);
          }
        };
    requete.taskCandidateGroup("instructeurs-rennes-metropole").count();

    assertEquals(List.of("force_custom_plan off 0"), pendant);
    assertEquals(
        "auto on 2",
        configuration.getCommandExecutorTxRequired().execute(PlateformeIT::reglages),
        "the next transaction on a pooled connection has the server's settings");
  }

  private static String reglages(org.camunda.bpm.engine.impl.interceptor.CommandContext contexte) {
    try (java.sql.Statement s =
            contexte.getDbSqlSession().getSqlSession().getConnection().createStatement();
        java.sql.ResultSet r =
            s.executeQuery(
                "select current_setting('plan_cache_mode') || ' '"
                    + " || current_setting('enable_incremental_sort') || ' '"
                    + " || current_setting('max_parallel_workers_per_gather')")) {
      r.next();
      return r.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A Tasklist filter's id, by the name IdentiteBootstrap gave it. */
  private static String filtre(ProcessEngine moteur, String nom) {
    return moteur.getFilterService().createTaskFilterQuery().filterName(nom).singleResult().getId();
  }

  private static boolean filtreContient(
      ProcessEngine moteur, String filtre, String utilisateur, List<String> groupes, String tache) {
    moteur.getIdentityService().setAuthentication(utilisateur, groupes);
    try {
      return moteur.getFilterService().<Task>list(filtre).stream()
          .anyMatch(t -> t.getId().equals(tache));
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
  }

  @Test
  void le_mois_ecoule_sans_demande_le_dossier_est_repute_complet_par_le_delegue_cdi()
      throws Exception {
    ProcessEngine moteur = bootstrap.moteur();
    Dossier dossier =
        dossiers.deposer(ARCHITECTE, dpComplete("35208", "Réputé complet").id(), null).dossier();
    String numero = dossier.numero().orElseThrow().valeur();
    attendreTache(moteur, numero, "Task_VerifierCompletude");
    org.camunda.bpm.engine.runtime.Job minuteur =
        moteur
            .getManagementService()
            .createJobQuery()
            .processInstanceId(
                moteur
                    .getRuntimeService()
                    .createProcessInstanceQuery()
                    .processInstanceBusinessKey(numero)
                    .singleResult()
                    .getId())
            .timers()
            .singleResult();
    assertNotNull(minuteur, "le minuteur du mois de complétude est posé");

    // The month runs out: the timer fires; the job executor then runs the step
    // (${etapes.reputeComplet(execution)}) and the instruction opens.
    moteur.getManagementService().executeJob(minuteur.getId());
    attendreTache(moteur, numero, "Task_InstruireEtProposer");

    Dossier relu = depot.parId(dossier.id()).orElseThrow();
    assertTrue(relu.completudeReputee(), "réputé complet (R423-22)");
    assertEquals(relu.dateDepot(), relu.dateCompletude(), "depuis le dépôt");
    assertEquals(StatutDossier.EN_INSTRUCTION, relu.statut());
  }

  @Test
  void une_instance_d_avant_la_fiche_est_convertie_sous_jta_et_son_instruction_continue()
      throws Exception {
    ProcessEngine moteur = bootstrap.moteur();
    org.camunda.bpm.engine.RuntimeService runtime = moteur.getRuntimeService();
    String numero = deposerCommeAvant(moteur, "Avant la fiche");
    Task tache = attendreTache(moteur, numero, "Task_VerifierCompletude");
    String instance = tache.getProcessInstanceId();
    String affiche = (String) runtime.getVariable(instance, "numeroDossierAffiche");
    String bordereau = runtime.getVariable(instance, "piecesDuBordereau").toString();
    // A second one whose form an instructor opens before the start-up thread reaches it: the
    // engine converts it first, in a transaction of its own (REQUIRES_NEW under Payara's JTA).
    String autre = deposerCommeAvant(moteur, "Ouvert pendant la conversion");
    Task ouverte = attendreTache(moteur, autre, "Task_VerifierCompletude");
    Object afficheAutre =
        runtime.getVariable(ouverte.getProcessInstanceId(), "numeroDossierAffiche");
    assertNotNull(afficheAutre);
    Object vue =
        moteur.getFormService().getTaskFormVariables(ouverte.getId()).get(FicheDossier.VARIABLE);
    assertEquals(
        afficheAutre, FicheDossier.champ(vue, "numero"), "le formulaire montre le dossier");
    assertEquals("texte d'avant", FicheDossier.champ(vue, "delai"));
    assertNull(
        runtime.getVariable(ouverte.getProcessInstanceId(), "numeroDossierAffiche"),
        "convertie en base, pas seulement à l'affichage");
    assertNull(runtime.getVariable(instance, FicheDossier.VARIABLE), "l'autre attend son tour");

    // As the start-up thread does: batches until nothing is left, each in a JTA transaction of
    // Payara's transaction manager.
    int converties = 0;
    for (int n = FicheDossier.convertir(moteur, 200);
        n > 0;
        n = FicheDossier.convertir(moteur, 200)) {
      converties += n;
    }
    assertEquals(1, converties, "celle dont le formulaire n'a pas été ouvert");
    assertEquals(0, FicheDossier.convertir(moteur, 200), "plus rien à convertir");

    // What the Tasklist reads for the form: the fiche, with the old texts moved in.
    Object fiche = moteur.getFormService().getTaskFormVariables(tache.getId()).get("dossier");
    assertEquals(affiche, FicheDossier.champ(fiche, "numero"));
    assertEquals("texte d'avant", FicheDossier.champ(fiche, "delai"));
    assertEquals(
        JSON.readTree(bordereau), JSON.readTree(FicheDossier.champ(fiche, "piecesDuBordereau")));
    Map<String, Object> restantes = runtime.getVariables(instance);
    assertFalse(restantes.containsKey("numeroDossierAffiche"), restantes.keySet().toString());
    assertFalse(restantes.containsKey("numeroDossier"), restantes.keySet().toString());
    assertTrue(restantes.containsKey("dateLimiteCompletude"), "l'horloge reste");

    // And the file goes on: the completeness form as the Tasklist submits it.
    Map<String, Object> formulaire = new java.util.HashMap<>();
    formulaire.put("completude", "COMPLET");
    formulaire.put(
        "piecesManquantes", org.camunda.spin.plugin.variable.SpinValues.jsonValue("[]").create());
    formulaire.put(
        "majorationsRetenues",
        org.camunda.spin.plugin.variable.SpinValues.jsonValue("[]").create());
    formulaire.put(
        "servicesAConsulter", org.camunda.spin.plugin.variable.SpinValues.jsonValue("[]").create());
    moteur.getFormService().submitTaskForm(tache.getId(), formulaire);
    Task instruire = attendreTache(moteur, numero, "Task_InstruireEtProposer");
    Object apres = moteur.getFormService().getTaskFormVariables(instruire.getId()).get("dossier");
    assertEquals(affiche, FicheDossier.champ(apres, "numero"));
    assertNotNull(FicheDossier.champ(apres, "decisionsPossibles"), "les décisions proposées");
  }

  /**
   * Deposits a DP and rewrites its instance to the layout of before 6 Dec. 2026: a variable per
   * text shown, the lists of choices in variables of their own, no fiche.
   */
  private String deposerCommeAvant(ProcessEngine moteur, String projet) throws Exception {
    org.camunda.bpm.engine.RuntimeService runtime = moteur.getRuntimeService();
    String numero =
        dossiers
            .deposer(ARCHITECTE, dpComplete("35352", projet).id(), null)
            .dossier()
            .numero()
            .orElseThrow()
            .valeur();
    String instance =
        attendreTache(moteur, numero, "Task_VerifierCompletude").getProcessInstanceId();
    Object neuve = runtime.getVariable(instance, FicheDossier.VARIABLE);
    assertNotNull(
        FicheDossier.champ(neuve, "numero"), "la fiche d'un dossier déposé porte son numéro");
    Map<String, Object> avant = new java.util.HashMap<>();
    avant.put("numeroDossier", numero);
    avant.put("numeroDossierAffiche", FicheDossier.champ(neuve, "numero"));
    avant.put("libelleTypeDossier", FicheDossier.champ(neuve, "nature"));
    avant.put("communeNom", FicheDossier.champ(neuve, "commune"));
    avant.put("liensPieces", FicheDossier.champ(neuve, "liensPieces"));
    avant.put("delaiTexte", "texte d'avant");
    avant.put(
        "piecesDuBordereau",
        org.camunda.spin.plugin.variable.SpinValues.jsonValue(
                FicheDossier.champ(neuve, "piecesDuBordereau"))
            .create());
    runtime.setVariables(instance, avant);
    runtime.removeVariable(instance, FicheDossier.VARIABLE);
    return numero;
  }

  @Test
  void le_job_executor_tourne_dans_payara_et_execute_les_jobs_du_processus() throws Exception {
    ProcessEngine moteur = bootstrap.moteur();
    assertTrue(bootstrap.jobExecutorEnMarche(), "le job executor porte les délais légaux");
    Dossier dossier = dossiers.deposer(ARCHITECTE, dpComplete("35047", "Job").id(), null).dossier();
    String numero = dossier.numero().orElseThrow().valeur();
    // The start's save point (asyncAfter) is a job: only the job executor creates the first task.
    Task tache = attendreTache(moteur, numero, "Task_VerifierCompletude");

    // Without a request for pièces within the month, silence then runs to the tacit decision:
    // its timer fires, the job executor records it and ends the process.
    moteur
        .getTaskService()
        .complete(
            tache.getId(),
            java.util.Map.of(
                "completude",
                "COMPLET",
                "servicesAConsulter",
                org.camunda.spin.plugin.variable.SpinValues.jsonValue("[]").create()));
    attendreTache(moteur, numero, "Task_InstruireEtProposer");
    org.camunda.bpm.engine.runtime.Job tacite =
        moteur
            .getManagementService()
            .createJobQuery()
            .processInstanceId(tache.getProcessInstanceId())
            .activityId("Timer_DelaiInstructionExpire")
            .singleResult();
    moteur.getManagementService().executeJob(tacite.getId());
    attendreFinDuProcessus(moteur, numero);
    Dossier decide = depot.parId(dossier.id()).orElseThrow();
    assertEquals(StatutDossier.DECISION_TACITE, decide.statut());
    assertTrue(
        decide
            .document(fr.parcelle.domain.model.piece.TypeDocument.CERTIFICAT_DECISION_TACITE)
            .isPresent(),
        "certificat de décision tacite délivré (R424-13)");
    assertEquals(
        0,
        moteur
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(numero)
            .count(),
        "le job a été exécuté sans intervention");
    assertNotNull(
        moteur
            .getHistoryService()
            .createHistoricProcessInstanceQuery()
            .processInstanceBusinessKey(numero)
            .finished()
            .singleResult());
  }

  @Test
  @RunAsClient
  void une_demande_de_pieces_dans_la_tasklist_puis_la_reponse_par_l_api_relance_le_delai()
      throws Exception {
    String architecte = "architecte:architecte-demo";
    HttpResponse<String> cree =
        post(
            "api/v1/dossiers",
            architecte,
            "application/json",
            "{\"type\":\"DP\",\"communeInsee\":\"35352\",\"demandeurs\":[{\"nature\":\"PARTICULIER\",\"nom\":\"Le Goff\","
                + "\"prenom\":\"Yves\"}],\"terrain\":{\"adresse\":{\"numero\":\"3\",\"voie\":\"allée des Tilleuls\","
                + "\"codePostal\":\"35770\",\"commune\":\"Vern-sur-Seiche\"},\"parcelles\":[{\"prefixe\":\"000\","
                + "\"section\":\"AC\",\"numero\":\"0042\",\"surfaceM2\":610}]},\"projet\":{\"description\":\"Extension de"
                + " 18 m²\",\"surfacePlancherCreeeM2\":18,\"contraintes\":[\"VOLUME_CREE_OU_MODIFIE\"]}}");
    assertEquals(201, cree.statusCode(), cree.body());
    String id = JSON.readTree(cree.body()).path("id").asText();
    for (JsonNode attendue : JSON.readTree(cree.body()).path("piecesAttendues")) {
      if (attendue.path("obligatoire").asBoolean()) {
        assertEquals(201, joindre(id, "pieces/" + attendue.path("code").asText(), architecte));
      }
    }
    HttpResponse<String> depose =
        post("api/v1/dossiers/" + id + "/depot", architecte, "application/json", "");
    assertEquals(201, depose.statusCode(), depose.body());
    String numero = JSON.readTree(depose.body()).path("numero").asText();

    NavigateurWebapps instructeur = new NavigateurWebapps(base);
    instructeur.connecter("instructeur", "instructeur-demo");
    JsonNode tache = attendreTache(instructeur, numero, "Task_VerifierCompletude");
    // The form's links open the pièces with the Tasklist session, without a second sign-in.
    HttpResponse<String> piece = instructeur.get("api/v1/dossiers/" + id + "/pieces/DP1");
    assertEquals(200, piece.statusCode(), piece.body());
    assertTrue(piece.body().startsWith("%PDF"));
    // A pièce outside this dossier's catalogue: the Tasklist shows the rule, in French, alone.
    HttpResponse<String> horsBordereau =
        instructeur.post(
            "api/engine/engine/default/task/" + tache.path("id").asText() + "/submit-form",
            "{\"variables\":{\"completude\":{\"value\":\"INCOMPLET\"},"
                + "\"piecesManquantes\":{\"value\":\"[\\\"PCMI9\\\"]\",\"type\":\"Json\"}}}");
    assertEquals(400, horsBordereau.statusCode(), horsBordereau.body());
    String motif = JSON.readTree(horsBordereau.body()).path("message").asText();
    assertTrue(motif.startsWith("Pièces hors du bordereau de ce dossier"), motif);
    assertFalse(motif.contains("ENGINE-") || motif.contains("Exception"), motif);
    HttpResponse<String> demande =
        instructeur.post(
            "api/engine/engine/default/task/" + tache.path("id").asText() + "/submit-form",
            "{\"variables\":{\"completude\":{\"value\":\"INCOMPLET\"},"
                + "\"piecesManquantes\":{\"value\":\"[\\\"DP2\\\"]\",\"type\":\"Json\"},"
                + "\"precisionsPieces\":{\"value\":\"Plan de masse coté en trois dimensions.\"}}}");
    assertEquals(204, demande.statusCode(), demande.body());

    JsonNode incomplet = JSON.readTree(get("api/v1/dossiers/" + id, architecte).body());
    assertEquals("INCOMPLET", incomplet.path("statut").asText(), incomplet.toString());
    assertEquals(
        "DP2", incomplet.path("instruction").path("demandePieces").path("pieces").get(0).asText());
    // Only what was requested; all of it before the answer is taken.
    assertEquals(422, joindre(id, "pieces-complementaires/DP1", architecte));
    HttpResponse<String> tropTot =
        post(
            "api/v1/dossiers/" + id + "/pieces-complementaires",
            architecte,
            "application/json",
            "");
    assertEquals(422, tropTot.statusCode(), tropTot.body());
    assertTrue(tropTot.body().contains("piecesComplementaires.DP2"), tropTot.body());
    assertEquals(201, joindre(id, "pieces-complementaires/DP2", architecte));
    HttpResponse<String> reponse =
        post(
            "api/v1/dossiers/" + id + "/pieces-complementaires",
            architecte,
            "application/json",
            "");
    assertEquals(200, reponse.statusCode(), reponse.body());
    JsonNode complet = JSON.readTree(reponse.body());
    assertEquals("EN_INSTRUCTION", complet.path("statut").asText(), reponse.body());
    assertEquals(
        java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString(),
        complet.path("instruction").path("dateCompletude").asText());
    assertTrue(reponse.body().contains("PIECES_RECUES"), reponse.body());
    attendreTache(instructeur, numero, "Task_InstruireEtProposer");
    HttpResponse<String> encore =
        post(
            "api/v1/dossiers/" + id + "/pieces-complementaires",
            architecte,
            "application/json",
            "");
    assertEquals(409, encore.statusCode(), encore.body());
  }

  @Test
  @RunAsClient
  void l_abf_consulte_voit_le_dossier_joint_son_avis_et_son_refus_lie_la_proposition()
      throws Exception {
    String architecte = "architecte:architecte-demo";
    HttpResponse<String> cree =
        post(
            "api/v1/dossiers",
            architecte,
            "application/json",
            "{\"type\":\"DP\",\"communeInsee\":\"35352\",\"demandeurs\":[{\"nature\":\"PARTICULIER\",\"nom\":\"Riou\","
                + "\"prenom\":\"Anne\"}],\"terrain\":{\"adresse\":{\"numero\":\"1\",\"voie\":\"place de l'Église\","
                + "\"codePostal\":\"35770\",\"commune\":\"Vern-sur-Seiche\"},\"parcelles\":[{\"prefixe\":\"000\","
                + "\"section\":\"AB\",\"numero\":\"0007\",\"surfaceM2\":200}]},\"projet\":{\"description\":\"Véranda\","
                + "\"contraintes\":[\"ABORDS_MH\"]}}");
    assertEquals(201, cree.statusCode(), cree.body());
    String id = JSON.readTree(cree.body()).path("id").asText();
    for (JsonNode attendue : JSON.readTree(cree.body()).path("piecesAttendues")) {
      if (attendue.path("obligatoire").asBoolean()) {
        assertEquals(201, joindre(id, "pieces/" + attendue.path("code").asText(), architecte));
      }
    }
    HttpResponse<String> depose =
        post("api/v1/dossiers/" + id + "/depot", architecte, "application/json", "");
    assertEquals(201, depose.statusCode(), depose.body());
    String numero = JSON.readTree(depose.body()).path("numero").asText();
    // Before any consultation, the ABF's agent does not see the file.
    assertEquals(404, get("api/v1/dossiers/" + id, "abf:abf-demo").statusCode());

    NavigateurWebapps instructeur = new NavigateurWebapps(base);
    instructeur.connecter("instructeur", "instructeur-demo");
    JsonNode completude = attendreTache(instructeur, numero, "Task_VerifierCompletude");
    assertEquals(
        204,
        instructeur
            .post(
                "api/engine/engine/default/task/" + completude.path("id").asText() + "/submit-form",
                "{\"variables\":{\"completude\":{\"value\":\"COMPLET\"},"
                    + "\"servicesAConsulter\":{\"value\":\"[\\\"ABF\\\"]\",\"type\":\"Json\"}}}")
            .statusCode());

    NavigateurWebapps abf = new NavigateurWebapps(base);
    abf.connecter("abf", "abf-demo");
    JsonNode avis = attendreTache(abf, numero, "Task_RendreAvis");
    assertTrue(avis.path("name").asText().contains("Bâtiments de France"), avis.toString());
    // Consulted now: the ABF reads the file and its pièces, and joins its letter.
    assertEquals(200, get("api/v1/dossiers/" + id, "abf:abf-demo").statusCode());
    // Once seen in a clean-clone run: the task visible, the pièce still refused (404) for a moment.
    // Waited for here (30 s at most) and written up with the open defect of a job's engine and JPA
    // writes not committing together (docs/architecture.md, "Two nodes").
    int statutPiece = 0;
    for (int i = 0; i < 60 && statutPiece != 200; i++) {
      statutPiece = abf.get("api/v1/dossiers/" + id + "/pieces/DP1").statusCode();
      if (statutPiece != 200) {
        Thread.sleep(500);
      }
    }
    assertEquals(200, statutPiece);
    assertEquals(201, joindre(id, "consultations/ABF/document", "abf:abf-demo"));
    assertEquals(403, joindre(id, "consultations/ABF/document", architecte));
    assertEquals(422, joindre(id, "consultations/SDIS/document", "abf:abf-demo"));
    HttpResponse<String> avisRendu =
        abf.post(
            "api/engine/engine/default/task/" + avis.path("id").asText() + "/submit-form",
            "{\"variables\":{\"avis\":{\"value\":\"DEFAVORABLE\"},"
                + "\"avisTexte\":{\"value\":\"Le projet porte atteinte aux abords de l'église.\"}}}");
    assertEquals(204, avisRendu.statusCode(), avisRendu.body());

    JsonNode proposer = attendreTache(instructeur, numero, "Task_InstruireEtProposer");
    HttpResponse<String> accord =
        instructeur.post(
            "api/engine/engine/default/task/" + proposer.path("id").asText() + "/submit-form",
            "{\"variables\":{\"decisionProposee\":{\"value\":\"NON_OPPOSITION\"}}}");
    assertEquals(400, accord.statusCode(), accord.body());
    assertTrue(
        JSON.readTree(accord.body()).path("message").asText().contains("lie l'autorité compétente"),
        accord.body());
    JsonNode suivi = JSON.readTree(get("api/v1/dossiers/" + id, architecte).body());
    JsonNode consultation = suivi.path("instruction").path("consultations").get(0);
    assertEquals("DEFAVORABLE", consultation.path("avis").asText(), suivi.toString());
    assertTrue(consultation.path("document").asText().endsWith("/consultations/ABF/document"));
    assertEquals(
        200,
        get(consultation.path("document").asText().replaceFirst("^.*?/api/", "api/"), architecte)
            .statusCode());
  }

  @Test
  @RunAsClient
  void le_registre_public_d_une_commune_se_lit_sans_compte_et_ne_montre_que_le_public()
      throws Exception {
    String architecte = "architecte:architecte-demo";
    HttpResponse<String> cree =
        post(
            "api/v1/dossiers",
            architecte,
            "application/json",
            "{\"type\":\"DP\",\"communeInsee\":\"35001\",\"demandeurs\":[{\"nature\":\"PARTICULIER\",\"nom\":\"Registre\","
                + "\"prenom\":\"Lou\",\"email\":\"lou.registre@example.org\",\"telephone\":\"0299000000\"}],"
                + "\"terrain\":{\"adresse\":{\"numero\":\"4\",\"voie\":\"rue du Registre\",\"codePostal\":\"35850\","
                + "\"commune\":\"Acigné\"},\"parcelles\":[{\"prefixe\":\"000\",\"section\":\"AB\",\"numero\":\"0001\","
                + "\"surfaceM2\":300}]},\"projet\":{\"description\":\"Abri <b>de</b> jardin\",\"contraintes\":[]}}");
    assertEquals(201, cree.statusCode(), cree.body());
    String id = JSON.readTree(cree.body()).path("id").asText();
    assertEquals(201, joindre(id, "pieces/DP1", architecte));
    HttpResponse<String> depose =
        post("api/v1/dossiers/" + id + "/depot", architecte, "application/json", "");
    assertEquals(201, depose.statusCode(), depose.body());
    String numero = JSON.readTree(depose.body()).path("numeroAffiche").asText();

    // The avis de dépôt is published by the process's first step (job executor).
    HttpResponse<String> json = null;
    for (int i = 0; i < 300; i++) {
      json = get("api/v1/communes/35001/registre", null);
      if (json.statusCode() != 200 || json.body().contains(numero)) {
        break;
      }
      Thread.sleep(200);
    }
    assertEquals(200, json.statusCode(), json.body());
    assertTrue(json.body().contains(numero), json.body());
    assertTrue(json.body().contains("Lou Registre"), json.body());
    assertFalse(
        json.body().contains("example.org") || json.body().contains("0299000000"), json.body());
    HttpResponse<String> page =
        send(
            HttpRequest.newBuilder(uri("api/v1/communes/35001/registre"))
                .header("Accept", "text/html")
                .GET(),
            null);
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains("<td>" + numero + "</td>"), page.body());
    assertTrue(
        page.body().contains("Abri &lt;b&gt;de&lt;/b&gt; jardin"), "échappé : " + page.body());
    assertEquals(404, get("api/v1/communes/99999/registre", null).statusCode());
  }

  @Test
  @RunAsClient
  void le_simulateur_de_delai_est_public_et_calcule_avec_les_tables_du_processus()
      throws Exception {
    HttpResponse<String> r =
        get("api/v1/simulations/delai?type=PCMI&dateDepot=2027-01-31&contraintes=ABORDS_MH", null);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode s = JSON.readTree(r.body());
    assertEquals(3, s.path("delaiMois").asInt(), r.body());
    assertEquals("2027-04-30", s.path("dateFinDelai").asText());
    assertEquals("2027-05-01", s.path("dateDecisionTacite").asText());
    HttpResponse<String> faux = get("api/v1/simulations/delai?type=PCX&dateDepot=2027-01-31", null);
    assertEquals(422, faux.statusCode(), faux.body());
    assertTrue(faux.body().contains("\"type\""), faux.body());
  }

  private int joindre(String id, String chemin, String compte) throws Exception {
    return send(
            HttpRequest.newBuilder(uri("api/v1/dossiers/" + id + "/" + chemin))
                .header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Fichiers.pdf())),
            compte)
        .statusCode();
  }

  /**
   * Waits (60 s at most) until the Tasklist shows {@code navigateur}'s user the task {@code cle} of
   * the dossier (the steps between tasks run on the job executor).
   */
  private static JsonNode attendreTache(NavigateurWebapps navigateur, String numero, String cle)
      throws Exception {
    long limite = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String dernier = "";
    while (System.nanoTime() < limite) {
      HttpResponse<String> r =
          navigateur.get(
              "api/engine/engine/default/task?processInstanceBusinessKey="
                  + numero
                  + "&taskDefinitionKey="
                  + cle);
      dernier = r.body();
      if (r.statusCode() == 200 && JSON.readTree(r.body()).size() > 0) {
        return JSON.readTree(r.body()).get(0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("tâche " + cle + " jamais visible : " + dernier);
  }

  /** Waits (60 s at most) until the dossier's process has an open task {@code cle}. */
  private static Task attendreTache(ProcessEngine moteur, String numero, String cle)
      throws InterruptedException {
    long limite = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < limite) {
      Task t =
          moteur
              .getTaskService()
              .createTaskQuery()
              .processInstanceBusinessKey(numero)
              .taskDefinitionKey(cle)
              .singleResult();
      if (t != null) {
        return t;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("tâche " + cle + " jamais créée pour " + numero);
  }

  /** Waits (60 s at most) until the job executor has ended the dossier's process. */
  private static void attendreFinDuProcessus(ProcessEngine moteur, String numero)
      throws InterruptedException {
    long limite = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (moteur
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(numero)
                .count()
            > 0
        && System.nanoTime() < limite) {
      Thread.sleep(200);
    }
  }

  // ---------------------------------------------------------------- from outside, over HTTP

  @Test
  @RunAsClient
  void la_sante_est_prete_quand_la_base_et_le_moteur_le_sont() throws Exception {
    HttpResponse<String> r = get("health/ready", null);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode sante = JSON.readTree(r.body());
    assertEquals("UP", sante.path("status").asText());
    assertEquals(2, sante.path("checks").size(), r.body());
    for (JsonNode check : sante.path("checks")) {
      assertEquals("UP", check.path("status").asText(), check.toString());
    }
    assertEquals(200, get("health/live", null).statusCode());
    assertEquals(200, get("metrics", null).statusCode());
  }

  @Test
  @RunAsClient
  void l_api_refuse_les_anonymes_et_les_mauvais_mots_de_passe() throws Exception {
    for (String compte : new String[] {null, "architecte:faux", "inconnu:architecte-demo"}) {
      HttpResponse<String> r = get("api/v1/dossiers", compte);
      assertEquals(401, r.statusCode(), String.valueOf(compte));
      assertProbleme(r, "/problemes/authentification-requise");
      assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    }
    // Even an unknown path says nothing to an anonymous caller.
    assertEquals(401, get("api/v1/chemin-inconnu", null).statusCode());
  }

  @Test
  @RunAsClient
  void chaque_erreur_est_un_probleme_json_en_francais() throws Exception {
    String a = "architecte:architecte-demo";
    HttpResponse<String> r = get("api/v1/chemin-inconnu", a);
    assertEquals(404, r.statusCode());
    assertProbleme(r, "/problemes/ressource-introuvable");

    r = get("page-inconnue", null);
    assertEquals(404, r.statusCode());
    assertProbleme(r, "/problemes/ressource-introuvable");

    r = post("api/v1/dossiers", a, "application/json", "{\"type\": \"PCMI\",");
    assertEquals(400, r.statusCode());
    assertProbleme(r, "/problemes/json-illisible");
    assertFalse(r.body().contains("jackson") || r.body().contains("Exception"), r.body());

    r =
        post(
            "api/v1/dossiers",
            a,
            "application/json",
            "{\"type\":\"DP\",\"communeInsee\":\"35352\",\"surface\":3}");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("surface"), r.body());

    r = post("api/v1/dossiers", a, "text/plain", "PCMI");
    assertEquals(415, r.statusCode());
    assertProbleme(r, "/problemes/type-de-contenu-non-pris-en-charge");

    r = send(HttpRequest.newBuilder(uri("api/v1/moi")).DELETE(), a);
    assertEquals(405, r.statusCode());
    assertProbleme(r, "/problemes/methode-non-autorisee");

    r =
        post(
            "api/v1/dossiers",
            a,
            "application/json",
            "{\"type\":\"PCX\",\"communeInsee\":\"29019\"}");
    assertEquals(422, r.statusCode());
    assertProbleme(r, "/problemes/donnees-invalides");
    JsonNode erreurs = JSON.readTree(r.body()).path("erreurs");
    assertEquals("type", erreurs.get(0).path("champ").asText());
    assertEquals("communeInsee", erreurs.get(1).path("champ").asText());

    r = get("api/v1/dossiers/" + UUID.randomUUID(), a);
    assertEquals(404, r.statusCode());
    assertProbleme(r, "/problemes/dossier-introuvable");
  }

  @Test
  @RunAsClient
  void un_dossier_depose_par_l_api_apparait_dans_la_tasklist_de_l_instructeur() throws Exception {
    String architecte = "architecte:architecte-demo";
    HttpResponse<String> cree =
        post(
            "api/v1/dossiers",
            architecte,
            "application/json",
            "{\"type\":\"DP\",\"communeInsee\":\"35352\",\"demandeurs\":[{\"nature\":\"PARTICULIER\",\"nom\":\"Martin\","
                + "\"prenom\":\"Claire\",\"email\":\"claire.martin@example.org\"}],\"terrain\":{\"adresse\":{\"numero\":\"12\","
                + "\"voie\":\"rue de la Seiche\",\"codePostal\":\"35770\",\"commune\":\"Vern-sur-Seiche\"},\"parcelles\":"
                + "[{\"prefixe\":\"000\",\"section\":\"AB\",\"numero\":\"0123\",\"surfaceM2\":540}]},\"projet\":"
                + "{\"description\":\"Abri de jardin\",\"contraintes\":[]}}");
    assertEquals(201, cree.statusCode(), cree.body());
    String id = JSON.readTree(cree.body()).path("id").asText();
    assertTrue(cree.headers().firstValue("Location").orElse("").endsWith("/api/v1/dossiers/" + id));
    assertEquals("BROUILLON", JSON.readTree(cree.body()).path("statut").asText());
    HttpResponse<String> piece =
        send(
            HttpRequest.newBuilder(uri("api/v1/dossiers/" + id + "/pieces/DP1"))
                .header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Fichiers.pdf())),
            architecte);
    assertEquals(201, piece.statusCode(), piece.body());

    HttpResponse<String> depose =
        post("api/v1/dossiers/" + id + "/depot", architecte, "application/json", "");
    assertEquals(201, depose.statusCode(), depose.body());
    JsonNode dossier = JSON.readTree(depose.body());
    String numero = dossier.path("numero").asText();
    assertTrue(
        dossier.path("numeroAffiche").asText().matches("DP 035 352 \\d{2} \\d{5}"), depose.body());
    assertEquals(
        200,
        post("api/v1/dossiers/" + id + "/depot", architecte, "application/json", "").statusCode(),
        "un second dépôt rend le premier");

    // The instructor logs into the Tasklist exactly as the browser does.
    NavigateurWebapps instructeur = new NavigateurWebapps(base);
    instructeur.connecter("instructeur", "instructeur-demo");
    HttpResponse<String> moteurs = instructeur.get("api/engine/engine/");
    assertEquals(200, moteurs.statusCode(), "premier appel de la Tasklist : " + moteurs.body());
    assertEquals("default", JSON.readTree(moteurs.body()).get(0).path("name").asText());
    HttpResponse<String> filtres =
        instructeur.get("api/engine/engine/default/filter?resourceType=Task&itemCount=true");
    assertEquals(200, filtres.statusCode(), filtres.body());
    String filtreService = null;
    String filtreEcheance = null;
    for (JsonNode f : JSON.readTree(filtres.body())) {
      if (f.path("name").asText().equals("À traiter par mon service")) {
        filtreService = f.path("id").asText();
      }
      if (f.path("name").asText().equals("Échéance dans moins de 7 jours")) {
        filtreEcheance = f.path("id").asText();
      }
    }
    assertNotNull(filtreService, filtres.body());
    assertNotNull(filtreEcheance, filtres.body());
    attendreTache(instructeur, numero, "Task_VerifierCompletude");
    HttpResponse<String> liste =
        instructeur.post(
            "api/engine/engine/default/filter/"
                + filtreService
                + "/list?firstResult=0&maxResults=50",
            "{\"processInstanceBusinessKey\":\"" + numero + "\"}");
    assertEquals(200, liste.statusCode(), liste.body());
    JsonNode tache = attendreTache(instructeur, numero, "Task_VerifierCompletude");
    assertEquals("Vérifier la complétude du dossier", tache.path("name").asText());
    assertTrue(
        liste.body().contains(tache.path("id").asText()), "la tâche est dans le filtre du service");
    HttpResponse<String> proches =
        instructeur.post(
            "api/engine/engine/default/filter/"
                + filtreEcheance
                + "/list?firstResult=0&maxResults=50",
            "{\"processInstanceBusinessKey\":\"" + numero + "\"}");
    assertEquals(200, proches.statusCode(), proches.body());
    assertFalse(
        proches.body().contains(tache.path("id").asText()),
        "due dans un mois, la tâche n'est pas dans « Échéance dans moins de 7 jours »");

    // A write through the Tasklist API (claim) passes the CSRF check with the rotated token.
    HttpResponse<String> prise =
        instructeur.post(
            "api/engine/engine/default/task/" + tache.path("id").asText() + "/claim",
            "{\"userId\":\"instructeur\"}");
    assertEquals(204, prise.statusCode(), prise.body());

    // The API shows the same task to the instructor, and the dossier stays invisible to others.
    HttpResponse<String> vues =
        get("api/v1/dossiers/" + id + "/taches", "instructeur:instructeur-demo");
    assertEquals(200, vues.statusCode(), vues.body());
    assertEquals("Task_VerifierCompletude", JSON.readTree(vues.body()).get(0).path("cle").asText());
    assertEquals(200, get("api/v1/dossiers/" + id, "maire:maire-demo").statusCode());

    // The instructor submits the completeness form as the Tasklist does (checklists as JSON).
    HttpResponse<String> complet =
        instructeur.post(
            "api/engine/engine/default/task/" + tache.path("id").asText() + "/submit-form",
            "{\"variables\":{\"completude\":{\"value\":\"COMPLET\"},"
                + "\"piecesManquantes\":{\"value\":\"[]\",\"type\":\"Json\"},"
                + "\"majorationsRetenues\":{\"value\":\"[]\",\"type\":\"Json\"},"
                + "\"servicesAConsulter\":{\"value\":\"[]\",\"type\":\"Json\"}}}");
    assertEquals(204, complet.statusCode(), complet.body());
    JsonNode proposer = attendreTache(instructeur, numero, "Task_InstruireEtProposer");
    assertEquals("Instruire et proposer une décision", proposer.path("name").asText());
    JsonNode variables =
        JSON.readTree(
            instructeur
                .get(
                    "api/engine/engine/default/task/"
                        + proposer.path("id").asText()
                        + "/form-variables?deserializeValues=false")
                .body());
    // The decisions offered are in the dossier's fiche (one JSON variable), as the Tasklist reads
    // it: type Json, its value the text of the JSON.
    assertEquals("Json", variables.path("dossier").path("type").asText(), variables.toString());
    assertTrue(
        JSON.readTree(variables.path("dossier").path("value").asText())
            .path("decisionsPossibles")
            .toString()
            .contains("NON_OPPOSITION"),
        variables.toString());
    assertEquals(
        204,
        instructeur
            .post(
                "api/engine/engine/default/task/" + proposer.path("id").asText() + "/claim",
                "{\"userId\":\"instructeur\"}")
            .statusCode());
    HttpResponse<String> proposition =
        instructeur.post(
            "api/engine/engine/default/task/" + proposer.path("id").asText() + "/submit-form",
            "{\"variables\":{\"decisionProposee\":{\"value\":\"NON_OPPOSITION\"}}}");
    assertEquals(204, proposition.statusCode(), proposition.body());

    // The maire of the commune finds "Signer l'arrêté" in their own Tasklist; the instructor does
    // not.
    NavigateurWebapps maire = new NavigateurWebapps(base);
    maire.connecter("maire", "maire-demo");
    JsonNode signer = attendreTache(maire, numero, "Task_SignerArrete");
    assertEquals("Signer l'arrêté", signer.path("name").asText());
    assertEquals(
        "[]",
        instructeur
            .get("api/engine/engine/default/task?processInstanceBusinessKey=" + numero)
            .body());
    JsonNode suivi = JSON.readTree(get("api/v1/dossiers/" + id, architecte).body());
    assertEquals("DECISION_EN_SIGNATURE", suivi.path("statut").asText(), suivi.toString());
    List<String> etapes = new java.util.ArrayList<>();
    suivi.path("evenements").forEach(e -> etapes.add(e.path("type").asText()));
    assertEquals(
        List.of("DEPOT", "AVIS_DE_DEPOT", "TRANSMISSION_PREFET", "DOSSIER_COMPLET", "PROPOSITION"),
        etapes);

    // The maire reads the draft before signing (with the Tasklist session); the applicant cannot.
    HttpResponse<String> projet = maire.get("api/v1/dossiers/" + id + "/projet-arrete");
    assertEquals(200, projet.statusCode(), projet.body());
    assertTrue(projet.body().startsWith("%PDF"));
    assertEquals(404, get("api/v1/dossiers/" + id + "/projet-arrete", architecte).statusCode());

    // Only the competent maire signs: the administrator, who sees every task, is refused.
    NavigateurWebapps admin = new NavigateurWebapps(base);
    admin.connecter("admin", "admin-demo");
    HttpResponse<String> parAdmin =
        admin.post(
            "api/engine/engine/default/task/" + signer.path("id").asText() + "/submit-form",
            "{\"variables\":{\"signature\":{\"value\":\"SIGNER\"}}}");
    assertEquals(400, parAdmin.statusCode(), parAdmin.body());
    assertTrue(parAdmin.body().contains("Seul le maire de Vern-sur-Seiche"), parAdmin.body());
    HttpResponse<String> signe =
        maire.post(
            "api/engine/engine/default/task/" + signer.path("id").asText() + "/submit-form",
            "{\"variables\":{\"signature\":{\"value\":\"SIGNER\"}}}");
    assertEquals(204, signe.statusCode(), signe.body());
    JsonNode decide = JSON.readTree(get("api/v1/dossiers/" + id, architecte).body());
    assertEquals("DECIDE", decide.path("statut").asText(), decide.toString());
    String aujourdhui = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString();
    assertEquals(aujourdhui, decide.path("instruction").path("dateExecutoire").asText());
    java.nio.file.Path sortie =
        java.nio.file.Path.of(System.getProperty("parcelle.test.data.dir"), "platau");
    try (var echanges = java.nio.file.Files.list(sortie)) {
      java.nio.file.Path echange =
          echanges
              .filter(x -> x.getFileName().toString().startsWith(numero))
              .findFirst()
              .orElseThrow();
      JsonNode message = JSON.readTree(echange.resolve("message.json").toFile());
      assertEquals(
          "SHA-512", message.path("pieces").get(0).path("empreinte").path("algorithme").asText());
    }
    HttpResponse<byte[]> arrete =
        client.send(
            HttpRequest.newBuilder(uri("api/v1/dossiers/" + id + "/documents/arrete"))
                .header(
                    "Authorization",
                    "Basic "
                        + java.util.Base64.getEncoder()
                            .encodeToString(architecte.getBytes(StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, arrete.statusCode());
    java.security.cert.X509Certificate racine;
    try (var in =
        java.nio.file.Files.newInputStream(
            java.nio.file.Path.of(
                System.getProperty("parcelle.test.data.dir"), "signature", "ac-demo-racine.pem"))) {
      racine =
          (java.security.cert.X509Certificate)
              java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    var verifiees =
        new fr.parcelle.infrastructure.signature.VerificateurSignatures(List.of(racine))
            .verifier(arrete.body());
    assertEquals(1, verifiees.size());
    assertTrue(verifiees.getFirst().valide(), verifiees.getFirst().anomalies().toString());
    assertTrue(verifiees.getFirst().signataire().contains("Maire de Vern-sur-Seiche"));
    assertEquals(
        403,
        post(
                "api/v1/dossiers",
                "instructeur:instructeur-demo",
                "application/json",
                "{\"type\":\"DP\",\"communeInsee\":\"35352\"}")
            .statusCode());
  }

  @Test
  @RunAsClient
  void un_demandeur_n_entre_pas_dans_la_tasklist_et_le_maire_n_y_voit_pas_les_taches_du_service()
      throws Exception {
    NavigateurWebapps architecte = new NavigateurWebapps(base);
    assertNotEquals(200, architecte.tenterConnexion("architecte", "architecte-demo").statusCode());

    NavigateurWebapps maire = new NavigateurWebapps(base);
    maire.connecter("maire", "maire-demo");
    HttpResponse<String> taches =
        maire.get("api/engine/engine/default/task?candidateGroup=instructeurs-rennes-metropole");
    assertEquals(200, taches.statusCode(), taches.body());
    assertEquals(0, JSON.readTree(taches.body()).size(), taches.body());
  }

  @Test
  @RunAsClient
  void tika_reconnait_les_formats_dans_payara() throws Exception {
    String a = "architecte:architecte-demo";
    String[][] cas = {
      {"application/pdf", "true"},
      {"image/jpeg", "true"},
      {"image/png", "true"},
      {"application/zip", "false"}
    };
    byte[][] fichiers = {Fichiers.pdf(), Fichiers.jpeg(), Fichiers.png(), Fichiers.zip()};
    for (int i = 0; i < cas.length; i++) {
      HttpResponse<String> r =
          send(
              HttpRequest.newBuilder(uri("api/v1/inspections"))
                  .header("Content-Type", "application/octet-stream")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(fichiers[i])),
              a);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode resultat = JSON.readTree(r.body());
      assertEquals(cas[i][0], resultat.path("typeMedia").asText());
      assertEquals(Boolean.parseBoolean(cas[i][1]), resultat.path("formatAccepte").asBoolean());
    }
  }

  @Test
  @RunAsClient
  void openapi_decrit_les_operations_de_l_api() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(uri("openapi")).header("Accept", "application/json").GET(),
            null);
    assertEquals(200, r.statusCode());
    JsonNode chemins = JSON.readTree(r.body()).path("paths");
    for (String chemin :
        new String[] {
          "/api/v1/dossiers", "/api/v1/dossiers/{id}", "/api/v1/dossiers/{id}/depot", "/api/v1/moi"
        }) {
      assertTrue(chemins.has(chemin), chemin + " dans " + chemins.fieldNames());
    }
    assertTrue(chemins.path("/api/v1/dossiers").has("post"));
    assertFalse(r.body().contains("/api/engine"), "l'API du moteur n'est pas publiée");
  }

  // ---------------------------------------------------------------- helpers

  private static void assertProbleme(HttpResponse<String> r, String type) throws Exception {
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
        r.headers().map().toString());
    JsonNode p = JSON.readTree(r.body());
    assertEquals(type, p.path("type").asText(), r.body());
    assertEquals(r.statusCode(), p.path("status").asInt());
    assertFalse(p.path("title").asText().isBlank());
    assertFalse(
        r.body().contains("at fr.") || r.body().contains("at org."), "pas de pile d'appels");
  }

  private URI uri(String chemin) {
    return URI.create(base.toExternalForm().replaceAll("/$", "") + "/" + chemin);
  }

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private HttpResponse<String> get(String chemin, String compte) throws Exception {
    return send(HttpRequest.newBuilder(uri(chemin)).GET(), compte);
  }

  private HttpResponse<String> post(String chemin, String compte, String type, String corps)
      throws Exception {
    return send(
        HttpRequest.newBuilder(uri(chemin))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(corps)),
        compte);
  }

  private HttpResponse<String> send(HttpRequest.Builder requete, String compte) throws Exception {
    if (compte != null) {
      requete.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(compte.getBytes(StandardCharsets.UTF_8)));
    }
    return client.send(
        requete.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A browser session on the Camunda webapps: cookies, XSRF token, login form. */
}
