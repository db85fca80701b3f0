package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.parcelle.support.PdfDeTest;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * E-mail from the deployed application (Payara's Jakarta Mail, the EJB timer, the trigger under
 * EclipseLink's writes) to a real SMTP server started by the test on the port arquillian.xml gives
 * Payara: a deposit through the API mails its applicant once, a deposit that fails mails nobody.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CourrielsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARCHITECTE = "architecte:architecte-demo";
  private static GreenMail smtp;

  @Deployment(testable = false)
  static WebArchive application() {
    BaseDesTestsIntegration.demarrer();
    demarrerSmtp();
    return ShrinkWrap.createFromZipFile(
            WebArchive.class, new File(System.getProperty("parcelle.war")))
        .addClasses(PanneInjectee.class);
  }

  private static synchronized void demarrerSmtp() {
    if (smtp == null) {
      int port = Integer.parseInt(System.getProperty("parcelle.test.smtp.port"));
      smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
      Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
    }
  }

  @ArquillianResource URL base;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void un_depot_envoie_un_courriel_au_demandeur_avec_son_numero_une_seule_fois() throws Exception {
    String adresse = "yves." + UUID.randomUUID() + "@example.org";
    String id = brouillon(adresse, "Abri de jardin");
    HttpResponse<String> depot = deposer(id);
    assertEquals(201, depot.statusCode(), depot.body());
    String numero = JSON.readTree(depot.body()).path("numeroAffiche").asText();

    MimeMessage[] recus = attendre(adresse, 1, Duration.ofSeconds(90));
    assertEquals(1, recus.length, "un courriel");
    assertEquals(
        "Dossier " + numero + " : accusé d'enregistrement et récépissé de dépôt",
        recus[0].getSubject());
    String corps = texte(recus[0]);
    assertTrue(corps.contains("sous le numéro " + numero), corps);
    assertTrue(corps.contains("http://parcelle.test/#/dossiers/" + id), corps);
    // The deposit's tacit date is in the message: the trigger saw the dossier row as the deposit
    // left it.
    assertTrue(corps.contains("vaudra non-opposition tacite"), corps);

    // Several passes of the sender later, still one.
    Thread.sleep(4000);
    assertEquals(1, smtp.getReceivedMessagesForDomain(adresse).length);
  }

  @Test
  void un_depot_qui_echoue_n_envoie_rien() throws Exception {
    String adresse = "panne." + UUID.randomUUID() + "@example.org";
    String id = brouillon(adresse, PanneInjectee.DECLENCHEUR);
    HttpResponse<String> depot = deposer(id);
    assertEquals(500, depot.statusCode(), depot.body());
    Thread.sleep(5000);
    assertEquals(0, smtp.getReceivedMessagesForDomain(adresse).length);
  }

  /** The plain-text part, decoded. */
  static String texte(MimeMessage m) throws Exception {
    return (String) ((jakarta.mail.Multipart) m.getContent()).getBodyPart(0).getContent();
  }

  private MimeMessage[] attendre(String adresse, int nombre, Duration delai) throws Exception {
    long fin = System.nanoTime() + delai.toNanos();
    MimeMessage[] recus = smtp.getReceivedMessagesForDomain(adresse);
    while (recus.length < nombre && System.nanoTime() < fin) {
      Thread.sleep(250);
      recus = smtp.getReceivedMessagesForDomain(adresse);
    }
    return recus;
  }

  private String brouillon(String email, String description) throws Exception {
    String json =
        "{\"type\":\"DP\",\"communeInsee\":\"35352\",\"demandeurs\":[{\"nature\":\"PARTICULIER\","
            + "\"nom\":\"Le Goff\",\"prenom\":\"Yves\",\"email\":\""
            + email
            + "\"}],\"terrain\":{\"adresse\":{\"numero\":\"3\",\"voie\":\"allée des Tilleuls\","
            + "\"codePostal\":\"35770\",\"commune\":\"Vern-sur-Seiche\"},\"parcelles\":[{\"prefixe\":\"000\","
            + "\"section\":\"AC\",\"numero\":\"0042\",\"surfaceM2\":610}]},\"projet\":{\"description\":\""
            + description
            + "\",\"surfacePlancherCreeeM2\":12,\"contraintes\":[]}}";
    HttpResponse<String> cree =
        client.send(
            requete("api/v1/dossiers")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, cree.statusCode(), cree.body());
    JsonNode dossier = JSON.readTree(cree.body());
    String id = dossier.path("id").asText();
    for (JsonNode p : dossier.path("piecesAttendues")) {
      if (p.path("obligatoire").asBoolean()) {
        HttpResponse<String> r =
            client.send(
                requete("api/v1/dossiers/" + id + "/pieces/" + p.path("code").asText())
                    .header("Content-Type", "application/pdf")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(PdfDeTest.sain(1)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
      }
    }
    return id;
  }

  private HttpResponse<String> deposer(String id) throws Exception {
    return client.send(
        requete("api/v1/dossiers/" + id + "/depot")
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder requete(String chemin) {
    return HttpRequest.newBuilder(
            URI.create(base.toExternalForm().replaceAll("/$", "") + "/" + chemin))
        .timeout(Duration.ofSeconds(120))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(ARCHITECTE.getBytes(StandardCharsets.UTF_8)));
  }
}
