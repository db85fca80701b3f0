package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcelle.domain.model.journal.EntreeJournal;
import fr.parcelle.support.Fichiers;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The journal in the real application, as its users reach it over HTTP: a deposit is journalled
 * under the depositor's name with the hashes of what was filed, an instructor's reads are
 * journalled and an applicant's are not, the job executor's steps are the engine's, the export
 * re-checks with nothing but the exported fields, and only administrators and the dossier's
 * instructors get it.
 */
@ExtendWith(ArquillianExtension.class)
class JournalIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARCHITECTE = "architecte:architecte-demo";
  private static final String INSTRUCTEUR = "instructeur:instructeur-demo";
  private static final String ADMIN = "admin:admin-demo";

  @Deployment(testable = false)
  static WebArchive application() {
    BaseDesTestsIntegration.demarrer();
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("parcelle.war")));
  }

  @ArquillianResource URL base;

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  @Test
  void un_depot_et_la_lecture_d_un_instructeur_figurent_au_journal_exporte_a_lui_seul()
      throws Exception {
    byte[] plan = Fichiers.pdf();
    String id = JSON.readTree(creer(dp("35024")).body()).path("id").asText();
    assertEquals(201, joindre(id, "DP1", plan).statusCode());
    HttpResponse<String> depot =
        send(
            requete("api/v1/dossiers/" + id + "/depot", ARCHITECTE)
                .POST(HttpRequest.BodyPublishers.noBody()),
            ARCHITECTE);
    assertEquals(201, depot.statusCode(), depot.body());

    assertEquals(200, get("api/v1/dossiers/" + id, ARCHITECTE).statusCode());
    assertEquals(200, get("api/v1/dossiers/" + id, INSTRUCTEUR).statusCode());
    assertEquals(200, get("api/v1/dossiers/" + id + "/pieces/DP1", INSTRUCTEUR).statusCode());
    // A refused read is no access.
    assertEquals(404, get("api/v1/dossiers/" + id, "abf:abf-demo").statusCode());

    HttpResponse<String> export = get("api/v1/dossiers/" + id + "/journal", INSTRUCTEUR);
    assertEquals(200, export.statusCode(), export.body());
    List<JsonNode> entrees = new ArrayList<>();
    JSON.readTree(export.body()).path("entrees").forEach(entrees::add);

    JsonNode depotJournalise = seule(entrees, "DEPOT");
    assertEquals("architecte", depotJournalise.path("acteur").asText());
    JsonNode charge = JSON.readTree(depotJournalise.path("charge").asText());
    assertEquals(hex(plan), charge.path("pieces").path(0).path("sha256").asText());
    assertEquals("DP1", charge.path("pieces").path(0).path("code").asText());
    List<String> documents = new ArrayList<>();
    charge.path("documents").forEach(d -> documents.add(d.path("type").asText()));
    assertEquals(List.of("AEE", "RECEPISSE"), documents);

    List<String> acces = new ArrayList<>();
    for (JsonNode e : entrees) {
      if ("ACCES".equals(e.path("type").asText())) {
        acces.add(
            e.path("acteur").asText()
                + " "
                + JSON.readTree(e.path("charge").asText()).path("objet").asText());
      }
    }
    assertEquals(List.of("instructeur dossier", "instructeur pieces/DP1"), acces);

    // Anyone re-computes each hash from the exported fields alone.
    for (JsonNode e : entrees) {
      EntreeJournal entree =
          new EntreeJournal(
              e.path("sequence").asLong(),
              Instant.parse(e.path("instant").asText()),
              e.path("type").asText(),
              UUID.fromString(e.path("dossierId").asText()),
              e.path("dossierNumero").asText(null),
              e.path("acteur").asText(),
              e.path("charge").asText(),
              e.path("hashPrecedent").asText(),
              e.path("hash").asText());
      assertTrue(entree.intacte(), "entrée " + entree.sequence() + " recalculée");
      assertEquals(e.path("instant").asText(), entree.instantCanonique());
    }

    // The export is itself a read: journalled.
    JsonNode suivant = JSON.readTree(get("api/v1/dossiers/" + id + "/journal", ADMIN).body());
    assertTrue(suivant.path("entrees").toString().contains("\"acteur\":\"instructeur\""));
    assertTrue(suivant.path("entrees").toString().contains("\\\"objet\\\": \\\"journal\\\""));

    // The applicant sees the dossier but not its journal; the ABF does not see the dossier.
    HttpResponse<String> demandeur = get("api/v1/dossiers/" + id + "/journal", ARCHITECTE);
    assertEquals(403, demandeur.statusCode());
    assertTrue(demandeur.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
    assertTrue(demandeur.body().contains("journal"), demandeur.body());
    assertEquals(404, get("api/v1/dossiers/" + id + "/journal", "abf:abf-demo").statusCode());
    assertEquals(404, get("api/v1/dossiers/" + UUID.randomUUID() + "/journal", ADMIN).statusCode());

    // The engine's own step after the deposit (avis de dépôt, on the job executor) is its own.
    String publie = null;
    for (int i = 0; i < 60 && publie == null; i++) {
      for (JsonNode e :
          JSON.readTree(get("api/v1/dossiers/" + id + "/journal", ADMIN).body()).path("entrees")) {
        if ("AVIS_DE_DEPOT".equals(e.path("type").asText())) {
          publie = e.path("acteur").asText();
        }
      }
      if (publie == null) {
        Thread.sleep(500);
      }
    }
    assertEquals("moteur", publie);
  }

  @Test
  void la_verification_de_la_chaine_est_reservee_aux_administrateurs() throws Exception {
    HttpResponse<String> admin = get("api/v1/journal/verification", ADMIN);
    assertEquals(200, admin.statusCode(), admin.body());
    JsonNode rapport = JSON.readTree(admin.body());
    assertTrue(rapport.path("intact").asBoolean(), admin.body());
    assertEquals(
        rapport.path("sequenceDeTete").asLong(), rapport.path("derniereSequence").asLong());
    assertFalse(rapport.has("rupture"));

    HttpResponse<String> instructeur = get("api/v1/journal/verification", INSTRUCTEUR);
    assertEquals(403, instructeur.statusCode());
    assertTrue(instructeur.body().contains("administrateurs"), instructeur.body());
    HttpResponse<String> anonyme =
        client.send(
            HttpRequest.newBuilder(uri("api/v1/journal/verification")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonyme.statusCode());
  }

  // ---------------------------------------------------------------- helpers

  private static JsonNode seule(List<JsonNode> entrees, String type) {
    List<JsonNode> trouvees =
        entrees.stream().filter(e -> type.equals(e.path("type").asText())).toList();
    assertEquals(1, trouvees.size(), type + " : " + trouvees);
    return trouvees.getFirst();
  }

  private static String dp(String insee) {
    return "{\"type\":\"DP\",\"communeInsee\":\""
        + insee
        + "\",\"demandeurs\":[{\"nature\":\"PARTICULIER\","
        + "\"nom\":\"Le Goff\",\"prenom\":\"Yves\"}],\"terrain\":{\"adresse\":{\"numero\":\"3\",\"voie\":\"allée des"
        + " Tilleuls\",\"codePostal\":\"35830\",\"commune\":\"Betton\"},\"parcelles\":[{\"prefixe\":\"000\","
        + "\"section\":\"AC\",\"numero\":\"0042\",\"surfaceM2\":610}]},\"projet\":{\"description\":\"Abri de jardin\","
        + "\"surfacePlancherCreeeM2\":12,\"contraintes\":[]}}";
  }

  private HttpResponse<String> creer(String json) throws Exception {
    return send(
        requete("api/v1/dossiers", ARCHITECTE)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        ARCHITECTE);
  }

  private HttpResponse<String> joindre(String id, String code, byte[] contenu) throws Exception {
    return send(
        requete("api/v1/dossiers/" + id + "/pieces/" + code, ARCHITECTE)
            .header("Content-Type", "application/pdf")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(contenu)),
        ARCHITECTE);
  }

  private HttpResponse<String> get(String chemin, String compte) throws Exception {
    return send(requete(chemin, compte).GET(), compte);
  }

  private HttpResponse<String> send(HttpRequest.Builder requete, String compte) throws Exception {
    return client.send(requete.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder requete(String chemin, String compte) {
    return HttpRequest.newBuilder(uri(chemin))
        .timeout(Duration.ofSeconds(120))
        .header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(compte.getBytes(StandardCharsets.UTF_8)));
  }

  private URI uri(String chemin) {
    return URI.create(base.toExternalForm().replaceAll("/$", "") + "/" + chemin);
  }

  private static String hex(byte[] contenu) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(contenu));
  }
}
