package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A browser on the Camunda webapps, as the Tasklist's JavaScript is: session cookie, XSRF token
 * read from its cookie and sent back, login through the webapps' own endpoint.
 */
public final class NavigateurWebapps {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URL base;

  /** A fresh browser on the application at {@code base}. */
  public NavigateurWebapps(URL base) {
    this.base = base;
  }

  private URI uri(String chemin) {
    return URI.create(base.toExternalForm().replaceAll("/$", "") + "/" + chemin);
  }

  private final CookieManager cookies = new CookieManager();
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  public HttpResponse<String> tenterConnexion(String login, String motDePasse) throws Exception {
    return tenterConnexion(login, motDePasse, "tasklist");
  }

  /**
   * The webapps' login for {@code app}: "welcome" lets in any account, which is what a session
   * opened by FranceConnect or ProConnect holds too.
   */
  public HttpResponse<String> tenterConnexion(String login, String motDePasse, String app)
      throws Exception {
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(uri("app/tasklist/")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    String avant = xsrf();
    assertNotNull(avant, "la Tasklist pose un cookie XSRF-TOKEN");
    String formulaire =
        "username="
            + URLEncoder.encode(login, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(motDePasse, StandardCharsets.UTF_8);
    return http.send(
        HttpRequest.newBuilder(uri("api/admin/auth/user/default/login/" + app))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-XSRF-TOKEN", avant)
            .POST(HttpRequest.BodyPublishers.ofString(formulaire))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public void connecter(String login, String motDePasse) throws Exception {
    String session = cookie("JSESSIONID");
    HttpResponse<String> r = tenterConnexion(login, motDePasse);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(login, JSON.readTree(r.body()).path("userId").asText());
    // Login rotates the session: the next page gives the token that goes with it.
    http.send(
        HttpRequest.newBuilder(uri("app/tasklist/default/")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertNotEquals(session, cookie("JSESSIONID"));
    assertNotNull(xsrf());
  }

  public HttpResponse<String> get(String chemin) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(chemin))
            .header("Accept", "application/json")
            .header("X-XSRF-TOKEN", xsrf())
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String chemin, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(chemin))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-XSRF-TOKEN", xsrf())
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> put(String chemin, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(chemin))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header("X-XSRF-TOKEN", xsrf())
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String xsrf() {
    return cookie("XSRF-TOKEN");
  }

  private String cookie(String nom) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(nom))
        .map(HttpCookie::getValue)
        .reduce((a, b) -> b)
        .orElse(null);
  }
}
