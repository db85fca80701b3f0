package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcelle.interfaces.web.connexion.FournisseurDeTest;
import java.io.File;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * FranceConnect, ProConnect and bearer tokens end to end: the real application on Payara, a real
 * OpenID provider in this JVM (arquillian.xml points the application at it), and a browser that
 * follows every redirection. After sign-in, the API, the Camunda webapps and the logout all see the
 * same session.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConnexionIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static FournisseurDeTest fournisseur;

  @Deployment(testable = false)
  static WebArchive application() {
    BaseDesTestsIntegration.demarrer();
    fournisseur =
        new FournisseurDeTest(Integer.parseInt(System.getProperty("parcelle.test.oidc.port")));
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("parcelle.war")));
  }

  @AfterAll
  static void arreter() {
    if (fournisseur != null) {
      fournisseur.close();
    }
  }

  @ArquillianResource URL base;

  /** A browser: cookies, and redirections followed one by one so that each can be looked at. */
  private final class Navigateur {
    final CookieManager cookies = new CookieManager();
    final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    final List<URI> etapes = new ArrayList<>();

    HttpResponse<String> get(URI uri, String... entetes) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
      if (entetes.length > 0) {
        b.headers(entetes);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET, then each Location, until an answer that is not a redirection. */
    HttpResponse<String> suivre(URI uri) throws Exception {
      HttpResponse<String> r = get(uri);
      for (int i = 0; i < 10 && r.statusCode() / 100 == 3; i++) {
        URI suivante = uri.resolve(r.headers().firstValue("Location").orElseThrow());
        etapes.add(suivante);
        uri = suivante;
        r = get(uri);
      }
      return r;
    }

    String cookie(String nom) {
      return cookies.getCookieStore().getCookies().stream()
          .filter(c -> c.getName().equals(nom))
          .map(HttpCookie::getValue)
          .reduce((a, b) -> b)
          .orElse(null);
    }

    JsonNode moi() throws Exception {
      HttpResponse<String> r = get(uri("api/v1/moi"), "Accept", "application/json");
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    }
  }

  private URI uri(String chemin) {
    return URI.create(base.toExternalForm().replaceAll("/$", "") + "/" + chemin);
  }

  private static Map<String, Object> franceConnect(String email) {
    Map<String, Object> m = new HashMap<>();
    m.put("acr", "eidas1");
    m.put("given_name", "Camille");
    m.put("family_name", "Martin");
    m.put("email", email);
    return m;
  }

  @Test
  void le_portail_apprend_quels_fournisseurs_sont_offerts() throws Exception {
    HttpResponse<String> r = new Navigateur().get(uri("connexion/fournisseurs"));
    assertEquals(200, r.statusCode());
    assertEquals("[\"franceconnect\",\"proconnect\"]", r.body());
  }

  @Test
  void
      un_demandeur_franceconnect_obtient_son_compte_et_une_session_que_l_api_et_les_webapps_voient()
          throws Exception {
    Navigateur n = new Navigateur();
    // A session before sign-in (fixation attempt): it must not survive the sign-in.
    n.get(uri("app/tasklist/"));
    String avant = n.cookie("JSESSIONID");
    fournisseur.prochaineConnexion(
        "franceconnect", "fc-sujet-1", franceConnect("camille.martin@example.org"), 3600);

    HttpResponse<String> fin = n.suivre(uri("connexion/franceconnect"));

    URI autorisation = n.etapes.get(0);
    assertTrue(
        autorisation.toString().contains("/franceconnect/authorize"), autorisation.toString());
    assertTrue(autorisation.getQuery().contains("acr_values=eidas1"), autorisation.getQuery());
    assertTrue(autorisation.getQuery().contains("nonce="));
    assertTrue(autorisation.getQuery().contains("code_challenge="));
    assertTrue(n.etapes.get(1).getPath().endsWith("/connexion/retour"));
    assertEquals("/", n.etapes.get(2).getPath(), "the portal");
    assertEquals(200, fin.statusCode());
    assertNotEquals(avant, n.cookie("JSESSIONID"), "the session id changes at sign-in");

    JsonNode moi = n.moi();
    assertNotNull(moi, "the API sees the session");
    assertTrue(moi.path("login").asText().startsWith("fc"), moi.toString());
    assertEquals("[\"DEMANDEUR\"]", moi.path("roles").toString());
    assertEquals("Camille Martin", moi.path("nom").asText());

    // The webapps see the same user (the very Authentications their login writes).
    HttpResponse<String> webapps =
        n.get(uri("api/admin/auth/user/default"), "Accept", "application/json");
    assertEquals(200, webapps.statusCode(), webapps.body());
    assertEquals(moi.path("login").asText(), JSON.readTree(webapps.body()).path("userId").asText());

    // A write needs the session's anti-CSRF token, as before.
    HttpResponse<String> sansJeton =
        n.http.send(
            HttpRequest.newBuilder(uri("api/v1/dossiers"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, sansJeton.statusCode());

    // Signing in again with the same identity finds the same account.
    Navigateur autre = new Navigateur();
    fournisseur.prochaineConnexion(
        "franceconnect", "fc-sujet-1", franceConnect("camille.martin@example.org"), 3600);
    autre.suivre(uri("connexion/franceconnect"));
    assertEquals(moi.path("login").asText(), autre.moi().path("login").asText());

    // Logout ends our session and sends the browser to the provider's end_session_endpoint.
    // A link signs nobody out: GET only offers the button.
    HttpResponse<String> lien = n.get(uri("connexion/deconnexion"));
    assertEquals(200, lien.statusCode());
    assertTrue(lien.body().contains("method=\"post\""), lien.body());
    assertEquals(200, n.get(uri("api/v1/moi")).statusCode());
    HttpResponse<String> sortie =
        n.http.send(
            HttpRequest.newBuilder(uri("connexion/deconnexion"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(302, sortie.statusCode());
    String versFournisseur = sortie.headers().firstValue("Location").orElseThrow();
    assertTrue(versFournisseur.contains("/franceconnect/endsession"), versFournisseur);
    assertTrue(versFournisseur.contains("id_token_hint="), versFournisseur);
    assertEquals(401, n.get(uri("api/v1/moi")).statusCode());
  }

  @Test
  void une_identite_franceconnect_avec_l_adresse_d_un_agent_reste_un_demandeur() throws Exception {
    Navigateur n = new Navigateur();
    fournisseur.prochaineConnexion(
        "franceconnect", "fc-usurpateur", franceConnect("instructeur@demo.parcelle.invalid"), 3600);
    n.suivre(uri("connexion/franceconnect"));
    JsonNode moi = n.moi();
    assertNotEquals("instructeur", moi.path("login").asText());
    assertEquals("[\"DEMANDEUR\"]", moi.path("roles").toString());
  }

  /** The browser's trip to the provider, stopped at our callback's URL. */
  private URI jusquAuRetour(Navigateur n, String fournisseurNom) throws Exception {
    HttpResponse<String> r = n.get(uri("connexion/" + fournisseurNom));
    assertEquals(302, r.statusCode(), r.body());
    URI autorisation = URI.create(r.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> chezLui = n.get(autorisation);
    assertEquals(302, chezLui.statusCode(), chezLui.body());
    return URI.create(chezLui.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void state_falsifie_reponse_rejouee_et_emetteur_etranger_sont_refuses_sans_session()
      throws Exception {
    // The provider's answers are queued per token exchange: only flows that reach the exchange
    // queue one, or the next test would take it.
    Navigateur n = new Navigateur();
    URI retour = jusquAuRetour(n, "franceconnect");
    URI falsifie = URI.create(retour.toString().replaceAll("state=[^&]+", "state=falsifie"));
    HttpResponse<String> refus = n.get(falsifie);
    assertEquals(400, refus.statusCode());
    assertTrue(refus.body().contains("Recommencez"), refus.body());
    assertTrue(
        refus
            .headers()
            .firstValue("Content-Security-Policy")
            .orElse("")
            .contains("frame-ancestors 'none'"));
    // The genuine answer after a refusal: the sign-in was used up.
    assertEquals(400, n.get(retour).statusCode());
    assertEquals(401, n.get(uri("api/v1/moi")).statusCode());

    Navigateur m = new Navigateur();
    Map<String, Object> etranger = franceConnect("a@example.org");
    etranger.put("iss", "https://faux-fournisseur.example");
    fournisseur.prochaineConnexion("franceconnect", "fc-sujet-3", etranger, 3600);
    assertEquals(400, m.get(jusquAuRetour(m, "franceconnect")).statusCode());
    assertEquals(401, m.get(uri("api/v1/moi")).statusCode());

    Navigateur p = new Navigateur();
    Map<String, Object> sansNiveau = franceConnect("a@example.org");
    sansNiveau.remove("acr");
    fournisseur.prochaineConnexion("franceconnect", "fc-sujet-4", sansNiveau, 3600);
    HttpResponse<String> faible = p.get(jusquAuRetour(p, "franceconnect"));
    assertEquals(400, faible.statusCode());
    assertTrue(faible.body().contains("niveau de garantie"), faible.body());
  }

  @Test
  void
      un_agent_proconnect_entre_dans_son_compte_cree_par_l_administrateur_et_un_inconnu_est_refuse()
          throws Exception {
    Map<String, Object> yann = new HashMap<>();
    yann.put("given_name", "Yann");
    yann.put("usual_name", "Instructeur");
    yann.put("email", "instructeur@demo.parcelle.invalid");
    yann.put("siret", "24350013900189");
    yann.put("idp_id", "fia1");
    Navigateur n = new Navigateur();
    fournisseur.prochaineConnexion("proconnect", "pc-yann", yann, 3600);
    HttpResponse<String> fin = n.suivre(uri("connexion/proconnect"));
    assertTrue(
        n.etapes.get(n.etapes.size() - 1).getPath().startsWith("/app/tasklist"),
        n.etapes.toString());
    assertTrue(fin.statusCode() < 400, fin.statusCode() + " " + fin.body());
    assertEquals("instructeur", n.moi().path("login").asText());
    HttpResponse<String> taches =
        n.get(uri("api/engine/engine/default/task/count"), "Accept", "application/json");
    assertEquals(200, taches.statusCode(), "the Tasklist's REST API serves the session");

    // Someone else (another ProConnect subject) showing the same e-mail: the account is pinned.
    Navigateur intrus = new Navigateur();
    fournisseur.prochaineConnexion("proconnect", "pc-autre", yann, 3600);
    HttpResponse<String> refus = intrus.suivre(uri("connexion/proconnect"));
    assertEquals(403, refus.statusCode());

    Map<String, Object> inconnu = new HashMap<>(yann);
    inconnu.put("email", "personne@mairie.example");
    Navigateur x = new Navigateur();
    fournisseur.prochaineConnexion("proconnect", "pc-inconnu", inconnu, 3600);
    HttpResponse<String> page = x.suivre(uri("connexion/proconnect"));
    assertEquals(403, page.statusCode());
    assertTrue(page.body().contains("aucun compte d'agent"), page.body());
    assertEquals(401, x.get(uri("api/v1/moi")).statusCode());
  }

  private String jeton(String emetteur, String sujet, String audience, long expiration) {
    return fournisseur
        .serveur()
        .issueToken(
            emetteur,
            "logiciel-du-cabinet",
            new DefaultOAuth2TokenCallback(
                emetteur, sujet, "JWT", List.of(audience), Map.of(), expiration))
        .serialize();
  }

  @Test
  void le_logiciel_d_un_architecte_appelle_l_api_avec_un_jeton_porteur() throws Exception {
    Navigateur n = new Navigateur();
    HttpResponse<String> ok =
        n.get(
            uri("api/v1/moi"),
            "Authorization",
            "Bearer " + jeton("logiciels", "architecte", "parcelle-api", 300),
            "Accept",
            "application/json");
    assertEquals(200, ok.statusCode(), ok.body());
    assertEquals("architecte", JSON.readTree(ok.body()).path("login").asText());

    for (String mauvais :
        List.of(
            jeton("logiciels", "architecte", "autre-api", 300),
            jeton("franceconnect", "architecte", "parcelle-api", 300),
            jeton("logiciels", "architecte", "parcelle-api", -600),
            jeton("logiciels", "compte-inexistant", "parcelle-api", 300))) {
      HttpResponse<String> r =
          n.get(
              uri("api/v1/moi"),
              "Authorization",
              "Bearer " + mauvais,
              "Accept",
              "application/json");
      assertEquals(401, r.statusCode(), r.body());
      assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
      assertTrue(r.body().contains("jeton-refuse"), r.body());
    }
  }
}
