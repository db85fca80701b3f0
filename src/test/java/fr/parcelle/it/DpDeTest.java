package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcelle.support.Fichiers;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A DP in Vern-sur-Seiche filed over HTTP by the demo architect: created, DP1 joined, deposited.
 */
final class DpDeTest {

  private static final String ARCHITECTE = "architecte:architecte-demo";

  private DpDeTest() {}

  /** The deposited dossier's id. */
  static String deposer(HttpClient http, URL base, String nom, String description)
      throws Exception {
    HttpResponse<String> cree =
        http.send(
            requete(base, "api/v1/dossiers")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"DP\",\"communeInsee\":\"35352\",\"demandeurs\":[{\"nature\":\"PARTICULIER\","
                            + "\"nom\":\""
                            + nom
                            + "\",\"prenom\":\"Anne\"}],\"terrain\":{\"adresse\":{\"numero\":\"5\","
                            + "\"voie\":\"rue de la Seiche\",\"codePostal\":\"35770\",\"commune\":\"Vern-sur-Seiche\"},"
                            + "\"parcelles\":[{\"prefixe\":\"000\",\"section\":\"AB\",\"numero\":\"0200\",\"surfaceM2\":300}]},"
                            + "\"projet\":{\"description\":\""
                            + description
                            + "\",\"contraintes\":[]}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, cree.statusCode(), cree.body());
    String id = new ObjectMapper().readTree(cree.body()).path("id").asText();
    HttpResponse<String> piece =
        http.send(
            requete(base, "api/v1/dossiers/" + id + "/pieces/DP1")
                .header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Fichiers.pdf()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, piece.statusCode(), piece.body());
    HttpResponse<String> depot =
        http.send(
            requete(base, "api/v1/dossiers/" + id + "/depot")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, depot.statusCode(), depot.body());
    return id;
  }

  /** A request to {@code chemin} as the demo architect (HTTP Basic). */
  static HttpRequest.Builder requete(URL base, String chemin) {
    return HttpRequest.newBuilder(URI.create(base.toExternalForm() + chemin))
        .timeout(Duration.ofSeconds(60))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(ARCHITECTE.getBytes(StandardCharsets.UTF_8)));
  }
}
