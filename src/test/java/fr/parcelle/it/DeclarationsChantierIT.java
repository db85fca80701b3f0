package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcelle.application.DemandeDossier;
import fr.parcelle.application.DossierIntrouvableException;
import fr.parcelle.application.DossierService;
import fr.parcelle.application.securite.Role;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierRepository;
import fr.parcelle.domain.model.dossier.StatutDossier;
import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.model.piece.PieceAttendue;
import fr.parcelle.domain.model.piece.PieceJointe;
import fr.parcelle.infrastructure.workflow.ProcessEngineBootstrap;
import fr.parcelle.support.Demandes;
import fr.parcelle.support.Fichiers;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
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
 * DOC then DAACT on a permit granted tacitly by the real process (its timers fired), filed by its
 * holder over the API; refused before the DOC, twice, by someone who is not the holder, and with
 * bad input. Assertions are JUnit's only (the in-container part runs inside the WAR).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeclarationsChantierIT {

  /** The permit this class files on, found again by the client side through this project text. */
  private static final String PROJET = "Maison de l'essai DOC puis DAACT";

  private static final String ARCHITECTE = "architecte:architecte-demo";
  private static final String INSTRUCTEUR = "instructeur:instructeur-demo";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Utilisateur TITULAIRE =
      new Utilisateur("architecte", "Claire", null, Set.of(Role.DEMANDEUR), Set.of("demandeurs"));
  private static final Utilisateur AUTRE_DEMANDEUR =
      new Utilisateur(
          "voisin", "Paul", "paul@example.org", Set.of(Role.DEMANDEUR), Set.of("demandeurs"));

  @Deployment
  static WebArchive application() {
    BaseDesTestsIntegration.demarrer();
    return ShrinkWrap.createFromZipFile(
            WebArchive.class, new File(System.getProperty("parcelle.war")))
        .addClasses(DeclarationsChantierIT.class, Fichiers.class, Demandes.class);
  }

  @ArquillianResource URL base;

  @Inject DossierService dossiers;
  @Inject DossierRepository depot;
  @Inject ProcessEngineBootstrap bootstrap;

  // ---------------------------------------------------------------- inside the container

  @Test
  @Order(1)
  void un_permis_devient_tacite_par_ses_minuteurs() throws Exception {
    DemandeDossier pcmi = Demandes.pcmi("35352");
    DemandeDossier demande =
        new DemandeDossier(
            pcmi.type(),
            null,
            null,
            pcmi.communeInsee(),
            pcmi.demandeurs(),
            pcmi.terrain(),
            new DemandeDossier.ProjetSaisi(
                PROJET,
                "Construction neuve",
                null,
                new java.math.BigDecimal("120"),
                null,
                1,
                java.util.List.of()),
            null);
    Dossier d = dossiers.creerBrouillon(TITULAIRE, demande);
    for (PieceAttendue p : dossiers.piecesAttendues(d)) {
      if (p.obligatoire()) {
        dossiers.joindre(
            TITULAIRE,
            d.id(),
            new PieceJointe(
                p.code(),
                p.code() + ".pdf",
                10,
                "application/pdf",
                new Empreinte("e".repeat(64), "f".repeat(128)),
                1,
                Instant.now()));
      }
    }
    String numero =
        dossiers.deposer(TITULAIRE, d.id(), null).dossier().numero().orElseThrow().valeur();
    ProcessEngine moteur = bootstrap.moteur();
    // The month of completeness runs out (R423-22), then the délai (R424-1): silence is a permit.
    executerMinuteur(moteur, numero, "Task_VerifierCompletude", "Timer_MoisDeCompletudeEcoule");
    executerMinuteur(moteur, numero, "Task_InstruireEtProposer", "Timer_DelaiInstructionExpire");
    long limite = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (depot.parId(d.id()).orElseThrow().statut() != StatutDossier.DECISION_TACITE
        && System.nanoTime() < limite) {
      Thread.sleep(200);
    }
    Dossier tacite = depot.parId(d.id()).orElseThrow();
    assertEquals(StatutDossier.DECISION_TACITE, tacite.statut());
    assertTrue(tacite.autorisationAccordee());

    // A demandeur who is not on this file does not even learn it exists.
    assertThrows(
        DossierIntrouvableException.class,
        () -> dossiers.declarer(AUTRE_DEMANDEUR, d.id(), "DOC", LocalDate.now()));
  }

  /**
   * Once task {@code tache} is open (the job executor has finished the steps before it), fires the
   * timer {@code activite} as if its date had come; retried if the job executor touched the
   * execution at the same moment.
   */
  private static void executerMinuteur(
      ProcessEngine moteur, String numero, String tache, String activite)
      throws InterruptedException {
    long limite = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (moteur
                .getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(numero)
                .taskDefinitionKey(tache)
                .count()
            == 0
        && System.nanoTime() < limite) {
      Thread.sleep(200);
    }
    Job minuteur = null;
    while (minuteur == null && System.nanoTime() < limite) {
      var instance =
          moteur
              .getRuntimeService()
              .createProcessInstanceQuery()
              .processInstanceBusinessKey(numero)
              .singleResult();
      if (instance != null) {
        minuteur =
            moteur
                .getManagementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .activityId(activite)
                .singleResult();
      }
      if (minuteur == null) {
        Thread.sleep(200);
      }
    }
    assertNotNull(minuteur, activite + " jamais posé pour " + numero);
    for (int essai = 1; ; essai++) {
      try {
        moteur.getManagementService().executeJob(minuteur.getId());
        return;
      } catch (org.camunda.bpm.engine.OptimisticLockingException e) {
        if (essai == 5) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  // ---------------------------------------------------------------- from outside, over HTTP

  @Test
  @Order(2)
  @RunAsClient
  void le_titulaire_declare_l_ouverture_puis_l_achevement() throws Exception {
    String id = permisTacite();
    String aujourdhui = LocalDate.now(ZoneId.of("Europe/Paris")).toString();

    // DAACT before DOC: the rule refuses it, naming the article.
    HttpResponse<String> trop = post(id, "DAACT", ARCHITECTE, "{\"date\":\"" + aujourdhui + "\"}");
    assertProbleme(trop, 409, "etape-refusee");
    assertTrue(trop.body().contains("déposez d'abord la DOC"), trop.body());

    // The instructor sees the file but is not its holder.
    assertProbleme(
        post(id, "DOC", INSTRUCTEUR, "{\"date\":\"" + aujourdhui + "\"}"), 403, "acces-refuse");

    // Bad input: unknown declaration, unreadable date, missing date.
    assertProbleme(post(id, "DPC", ARCHITECTE, "{\"date\":\"" + aujourdhui + "\"}"), 422, null);
    assertProbleme(post(id, "DOC", ARCHITECTE, "{\"date\":\"01/09/2027\"}"), 422, null);
    assertProbleme(post(id, "DOC", ARCHITECTE, "{}"), 422, null);

    HttpResponse<String> doc = post(id, "DOC", ARCHITECTE, "{\"date\":\"" + aujourdhui + "\"}");
    assertEquals(201, doc.statusCode(), doc.body());
    JsonNode ouverture = JSON.readTree(doc.body());
    assertEquals("DOC", ouverture.path("nature").asText());
    assertEquals(aujourdhui, ouverture.path("dateReception").asText());
    assertTrue(
        ouverture.path("finContestation").isNull()
            || ouverture.path("finContestation").isMissingNode());
    HttpResponse<byte[]> recu = getOctets(ouverture.path("recepisse").asText(), ARCHITECTE);
    assertEquals(200, recu.statusCode());
    assertTrue(new String(recu.body(), 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));

    assertProbleme(
        post(id, "DOC", ARCHITECTE, "{\"date\":\"" + aujourdhui + "\"}"), 409, "etape-refusee");

    HttpResponse<String> daact = post(id, "DAACT", ARCHITECTE, "{\"date\":\"" + aujourdhui + "\"}");
    assertEquals(201, daact.statusCode(), daact.body());
    JsonNode achevement = JSON.readTree(daact.body());
    // R462-6: three months from the receipt (no R462-7 case on this file).
    assertEquals(
        LocalDate.parse(aujourdhui).plusMonths(3).toString(),
        achevement.path("finContestation").asText());
    assertEquals(3, achevement.path("moisContestation").asInt());
    assertEquals(200, getOctets(achevement.path("recepisse").asText(), ARCHITECTE).statusCode());

    // Both are on the authorisation's timeline, with their articles.
    JsonNode vue = JSON.readTree(get("api/v1/dossiers/" + id, ARCHITECTE).body());
    String frise = vue.path("evenements").toString();
    assertTrue(frise.contains("OUVERTURE_CHANTIER") && frise.contains("R424-16"), frise);
    assertTrue(frise.contains("ACHEVEMENT_TRAVAUX") && frise.contains("R462-1"), frise);
  }

  @Test
  @Order(3)
  @RunAsClient
  void sans_identifiants_rien() throws Exception {
    String id = permisTacite();
    HttpResponse<String> r = post(id, "DOC", null, "{\"date\":\"2027-01-01\"}");
    assertEquals(401, r.statusCode(), r.body());
  }

  /** The id of the permit prepared inside the container, found in its holder's list. */
  private String permisTacite() throws Exception {
    HttpResponse<String> liste = get("api/v1/dossiers", ARCHITECTE);
    assertEquals(200, liste.statusCode(), liste.body());
    for (JsonNode d : JSON.readTree(liste.body())) {
      if (d.path("projet").toString().contains(PROJET)) {
        return d.path("id").asText();
      }
    }
    throw new AssertionError("permis préparé introuvable : " + liste.body());
  }

  private static void assertProbleme(HttpResponse<String> r, int statut, String type)
      throws Exception {
    assertEquals(statut, r.statusCode(), r.body());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
        r.headers().map().toString());
    JsonNode p = JSON.readTree(r.body());
    if (type != null) {
      assertTrue(p.path("type").asText().endsWith(type), r.body());
    }
    assertFalse(p.path("detail").asText().isBlank() && p.path("title").asText().isBlank());
  }

  private URI uri(String chemin) {
    return chemin.startsWith("http")
        ? URI.create(chemin)
        : URI.create(base.toExternalForm().replaceAll("/$", "") + "/" + chemin);
  }

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private HttpResponse<String> post(String id, String nature, String compte, String corps)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(uri("api/v1/dossiers/" + id + "/declarations/" + nature))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(corps));
    return client.send(authentifie(r, compte).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String chemin, String compte) throws Exception {
    return client.send(
        authentifie(HttpRequest.newBuilder(uri(chemin)).GET(), compte).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> getOctets(String chemin, String compte) throws Exception {
    return client.send(
        authentifie(HttpRequest.newBuilder(uri(chemin)).GET(), compte).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest.Builder authentifie(HttpRequest.Builder r, String compte) {
    if (compte != null) {
      r.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(compte.getBytes(StandardCharsets.UTF_8)));
    }
    return r.timeout(Duration.ofSeconds(60));
  }
}
