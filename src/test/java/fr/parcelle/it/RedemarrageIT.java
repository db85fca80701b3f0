package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server stops while a legal date falls due; when it starts again, the date's event happens,
 * once. The real WAR on Payara Micro, stopped (the process ends) and started again on the same
 * PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
class RedemarrageIT {

  private static final String DEPLOIEMENT = "redemarrage";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Deployment(name = DEPLOIEMENT, managed = false, testable = false)
  @TargetsContainer("payara-micro-redemarrage")
  static WebArchive application() {
    BaseDesTestsIntegration.demarrer();
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("parcelle.war")));
  }

  @ArquillianResource Deployer deployer;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URL base = base();

  @Test
  @RunAsClient
  void le_mois_de_completude_echu_pendant_l_arret_rend_le_dossier_repute_complet_au_redemarrage()
      throws Exception {
    deployer.deploy(DEPLOIEMENT);
    String id;
    OffsetDateTime echeance;
    try {
      id = deposerUneDp();
      String numero = JSON.readTree(get("api/v1/dossiers/" + id).body()).path("numero").asText();
      NavigateurWebapps admin = new NavigateurWebapps(base);
      admin.connecter("admin", "admin-demo");
      String minuteur = minuteurDeCompletude(admin, numero);
      // The completeness month now ends 20 seconds from now; the server will be down by then.
      echeance = OffsetDateTime.now().plusSeconds(20);
      HttpResponse<String> r =
          admin.put(
              "api/engine/engine/default/job/" + minuteur + "/duedate",
              "{\"duedate\":\""
                  + echeance.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"))
                  + "\"}");
      assertEquals(204, r.statusCode(), r.body());
      assertEquals("DEPOSE", statut(id));
    } finally {
      deployer.undeploy(DEPLOIEMENT); // the Payara Micro process ends
    }
    while (OffsetDateTime.now().isBefore(echeance.plusSeconds(2))) {
      Thread.sleep(500);
    }

    deployer.deploy(DEPLOIEMENT);
    try {
      long limite = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      JsonNode dossier = JSON.readTree(get("api/v1/dossiers/" + id).body());
      while (!dossier.path("instruction").path("completudeReputee").asBoolean()
          && System.nanoTime() < limite) {
        Thread.sleep(500);
        dossier = JSON.readTree(get("api/v1/dossiers/" + id).body());
      }
      assertTrue(
          dossier.path("instruction").path("completudeReputee").asBoolean(), dossier.toString());
      assertEquals("EN_INSTRUCTION", dossier.path("statut").asText());
      Thread.sleep(2_000); // a second firing would show by now
      dossier = JSON.readTree(get("api/v1/dossiers/" + id).body());
      int fois = 0;
      for (JsonNode e : dossier.path("evenements")) {
        if (e.path("type").asText().equals("DOSSIER_REPUTE_COMPLET")) {
          fois++;
        }
      }
      assertEquals(1, fois, dossier.path("evenements").toString());
    } finally {
      deployer.undeploy(DEPLOIEMENT);
    }
  }

  private String deposerUneDp() throws Exception {
    return DpDeTest.deposer(http, base, "Redémarrage", "Abri de jardin");
  }

  /** The id of the completeness timer, once the start's save point has run. */
  private String minuteurDeCompletude(NavigateurWebapps admin, String numero) throws Exception {
    long limite = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < limite) {
      JsonNode instances =
          JSON.readTree(
              admin.get("api/engine/engine/default/process-instance?businessKey=" + numero).body());
      if (instances.size() == 1) {
        JsonNode jobs =
            JSON.readTree(
                admin
                    .get(
                        "api/engine/engine/default/job?timers=true&activityId=Timer_MoisDeCompletudeEcoule"
                            + "&processInstanceId="
                            + instances.get(0).path("id").asText())
                    .body());
        if (jobs.size() == 1) {
          return jobs.get(0).path("id").asText();
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("pas de minuteur de complétude pour " + numero);
  }

  private String statut(String id) throws Exception {
    return JSON.readTree(get("api/v1/dossiers/" + id).body()).path("statut").asText();
  }

  private HttpResponse<String> get(String chemin) throws Exception {
    return send(requete(chemin).GET());
  }

  private HttpRequest.Builder requete(String chemin) {
    return DpDeTest.requete(base, chemin);
  }

  private HttpResponse<String> send(HttpRequest.Builder requete) throws Exception {
    return http.send(requete.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URL base() {
    try {
      return URI.create("http://localhost:" + System.getProperty("parcelle.test.http.port") + "/")
          .toURL();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
