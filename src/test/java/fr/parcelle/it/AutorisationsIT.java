package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcelle.support.Fichiers;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The authorisation matrix: every role, own file and someone else's, every operation, through the
 * real API and the Tasklist's REST API. One table says who sees which file; every operation must
 * agree with it (a file one may not see is answered 404, like a missing one), and every mismatch is
 * reported at once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutorisationsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Deployment(testable = false)
  static WebArchive application() {
    BaseDesTestsIntegration.demarrer();
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("parcelle.war")));
  }

  @ArquillianResource URL base;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** Accounts (login → password), the demo ones and those this test asks the administrator for. */
  private static final Map<String, String> COMPTES = new LinkedHashMap<>();

  static {
    COMPTES.put("architecte", "architecte-demo"); // applicant, owner of every file below
    COMPTES.put("demandeurb", "demandeurb-test"); // another applicant
    COMPTES.put("instructeur", "instructeur-demo"); // service ADS of Rennes Métropole (35352)
    COMPTES.put("instructeurq", "instructeurq-test"); // another service's instructor
    COMPTES.put("maire", "maire-demo"); // maire of Vern-sur-Seiche (35352)
    COMPTES.put("mairec", "mairec-test"); // maire of Cesson-Sévigné (35051)
    COMPTES.put("abf", "abf-demo"); // consulted on A only
    COMPTES.put("admin", "admin-demo");
  }

  /**
   * Who sees which file. A: deposited in 35352, ABF consulted. B: deposited in 35352, nobody
   * consulted. D: a draft (its author's only).
   */
  private static final String[][] VISIBILITE = {
    //                A      B      D
    {"architecte", "oui", "oui", "oui"},
    {"demandeurb", "non", "non", "non"},
    {"instructeur", "oui", "oui", "non"},
    {"instructeurq", "non", "non", "non"},
    {"maire", "oui", "oui", "non"},
    {"mairec", "non", "non", "non"},
    {"abf", "oui", "non", "non"},
    {"admin", "oui", "oui", "non"},
  };

  private static String a;
  private static String b;
  private static String d;
  private static String numeroA;
  private static String numeroB;

  @Test
  @Order(1)
  void preparer_les_comptes_et_les_dossiers() throws Exception {
    NavigateurWebapps admin = new NavigateurWebapps(base);
    admin.connecter("admin", "admin-demo");
    String groupeQ = "instructeurs-quimper";
    admin.post(
        "api/engine/engine/default/group/create",
        "{\"id\":\""
            + groupeQ
            + "\",\"name\":\"Instructeurs — autre service\",\"type\":\"WORKFLOW\"}");
    creerCompte(admin, "demandeurb", "demandeurs");
    creerCompte(admin, "instructeurq", groupeQ);
    creerCompte(admin, "mairec", "maires-35051");

    a = deposer(creerDp("\"ABORDS_MH\""));
    numeroA = numero(a);
    b = deposer(creerDp(""));
    numeroB = numero(b);
    d = creerDp("");

    // The ABF is consulted on A (completeness by the service's instructor, as in the Tasklist).
    NavigateurWebapps instructeur = new NavigateurWebapps(base);
    instructeur.connecter("instructeur", "instructeur-demo");
    JsonNode completude = attendreTache(instructeur, numeroA, "Task_VerifierCompletude");
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
    attendreTache(abf, numeroA, "Task_RendreAvis");
    attendreTache(instructeur, numeroB, "Task_VerifierCompletude");
  }

  private void creerCompte(NavigateurWebapps admin, String login, String groupe) throws Exception {
    HttpResponse<String> r =
        admin.post(
            "api/engine/engine/default/user/create",
            "{\"profile\":{\"id\":\""
                + login
                + "\",\"firstName\":\"Test\",\"lastName\":\""
                + login
                + "\",\"email\":\""
                + login
                + "@test.parcelle.invalid\"},\"credentials\":{\"password\":\""
                + COMPTES.get(login)
                + "\"}}");
    assertTrue(r.statusCode() == 204 || r.body().contains("already exists"), r.body());
    HttpResponse<String> m =
        admin.put("api/engine/engine/default/group/" + groupe + "/members/" + login, "");
    assertTrue(m.statusCode() == 204 || m.statusCode() == 500, m.body());
  }

  @Test
  @Order(2)
  void chaque_role_chaque_operation_son_dossier_et_celui_des_autres() throws Exception {
    List<String> ecarts = new ArrayList<>();
    String[] dossiers = {a, b, d};
    String[] noms = {"A", "B", "D"};
    for (String[] ligne : VISIBILITE) {
      String compte = ligne[0] + ":" + COMPTES.get(ligne[0]);
      JsonNode liste = JSON.readTree(get("api/v1/dossiers", compte).body());
      for (int i = 0; i < 3; i++) {
        boolean voit = ligne[i + 1].equals("oui");
        String id = dossiers[i];
        String cas = ligne[0] + " × " + noms[i];
        boolean proprietaire = ligne[0].equals("architecte");
        // Lists are "my files": the owner's only, never an agent's window on others' files.
        verifier(ecarts, cas + " liste", proprietaire, contient(liste, id));
        verifier(ecarts, cas + " lecture", voit ? 200 : 404, get("api/v1/dossiers/" + id, compte));
        verifier(
            ecarts,
            cas + " pièce",
            voit ? 200 : 404,
            get("api/v1/dossiers/" + id + "/pieces/DP1", compte));
        if (i < 2) {
          verifier(
              ecarts,
              cas + " document (récépissé)",
              voit ? 200 : 404,
              get("api/v1/dossiers/" + id + "/documents/recepisse", compte));
          verifier(
              ecarts,
              cas + " accusé d'enregistrement",
              voit ? 200 : 404,
              get("api/v1/dossiers/" + id + "/documents/accuse-enregistrement", compte));
          // The journal's export is evidence for a court or an audit: the administrator and the
          // service that instructs the file; those who see the file otherwise are told no (403).
          boolean journal = ligne[0].equals("instructeur") || ligne[0].equals("admin");
          verifier(
              ecarts,
              cas + " journal du dossier",
              !voit ? 404 : journal ? 200 : 403,
              get("api/v1/dossiers/" + id + "/journal", compte));
          // A deposited file's pièces are frozen, even for its author; others do not see it.
          verifier(
              ecarts,
              cas + " dépôt d'une pièce",
              proprietaire ? 409 : 404,
              joindre(id, "DP2", compte));
          verifier(
              ecarts,
              cas + " dépôt (rejoué : le premier dépôt, 200)",
              proprietaire ? 200 : 404,
              post("api/v1/dossiers/" + id + "/depot", compte));
        } else {
          verifier(
              ecarts,
              cas + " dépôt d'une pièce",
              proprietaire ? 201 : 404,
              joindre(id, "DP1", compte));
          if (!proprietaire) {
            verifier(ecarts, cas + " dépôt", 404, post("api/v1/dossiers/" + id + "/depot", compte));
          }
        }
      }
    }
    for (String[] ligne : VISIBILITE) {
      verifier(
          ecarts,
          ligne[0] + " vérification du journal",
          ligne[0].equals("admin") ? 200 : 403,
          get("api/v1/journal/verification", ligne[0] + ":" + COMPTES.get(ligne[0])));
    }
    // Anonymous: nothing at all.
    for (String id : dossiers) {
      verifier(ecarts, "anonyme lecture", 401, get("api/v1/dossiers/" + id, null));
      verifier(ecarts, "anonyme pièce", 401, get("api/v1/dossiers/" + id + "/pieces/DP1", null));
    }
    verifier(ecarts, "anonyme liste", 401, get("api/v1/dossiers", null));
    verifier(ecarts, "anonyme journal", 401, get("api/v1/dossiers/" + a + "/journal", null));
    verifier(ecarts, "anonyme vérification", 401, get("api/v1/journal/verification", null));
    assertTrue(ecarts.isEmpty(), "Écarts à la matrice :\n" + String.join("\n", ecarts));
  }

  /** Tasks through the Tasklist's REST API, with each person's webapps session. */
  private static final String[][] TACHES = {
    //          tâches de A  tâches de B
    {"architecte", "0", "0"},
    {"demandeurb", "0", "0"},
    {"instructeur", "0", "1"}, // B's completeness (A's is done; A's avis is the ABF's)
    {"instructeurq", "0", "0"},
    {"maire", "0", "0"},
    {"mairec", "0", "0"},
    {"abf", "1", "0"},
    {"admin", "1", "1"},
  };

  @Test
  @Order(3)
  void la_tasklist_ne_montre_a_chacun_que_les_taches_de_son_groupe() throws Exception {
    List<String> ecarts = new ArrayList<>();
    for (String[] ligne : TACHES) {
      NavigateurWebapps n = new NavigateurWebapps(base);
      // The welcome app admits every account: the same session a FranceConnect sign-in opens.
      HttpResponse<String> connexion =
          n.tenterConnexion(ligne[0], COMPTES.get(ligne[0]), "welcome");
      assertEquals(200, connexion.statusCode(), ligne[0] + " : " + connexion.body());
      String[] numeros = {numeroA, numeroB};
      for (int i = 0; i < 2; i++) {
        int vues = 0;
        if (connexion.statusCode() == 200) {
          HttpResponse<String> r =
              n.get("api/engine/engine/default/task?processInstanceBusinessKey=" + numeros[i]);
          vues = r.statusCode() == 200 ? JSON.readTree(r.body()).size() : 0;
          // Process variables hold the dossier's data: a task one does not see must not leak them.
          HttpResponse<String> variables =
              n.get(
                  "api/engine/engine/default/variable-instance?processInstanceBusinessKey="
                      + numeros[i]);
          if (!ligne[0].equals("admin")
              && variables.statusCode() == 200
              && JSON.readTree(variables.body()).size() > 0) {
            ecarts.add(ligne[0] + " lit les variables du processus de " + numeros[i]);
          }
        }
        if (vues != Integer.parseInt(ligne[i + 1])) {
          ecarts.add(
              ligne[0]
                  + " voit "
                  + vues
                  + " tâche(s) de "
                  + (i == 0 ? "A" : "B")
                  + ", attendu "
                  + ligne[i + 1]);
        }
      }
    }
    assertTrue(ecarts.isEmpty(), "Écarts :\n" + String.join("\n", ecarts));
  }

  @Test
  @Order(4)
  void changer_son_adresse_electronique_ne_donne_pas_les_dossiers_d_un_autre() throws Exception {
    // "Named on a file" is matched by e-mail: the e-mail of an account must not be its owner's to
    // change, or anyone could name themselves on anyone's file.
    NavigateurWebapps intrus = new NavigateurWebapps(base);
    assertEquals(
        200,
        intrus.tenterConnexion("demandeurb", COMPTES.get("demandeurb"), "welcome").statusCode());
    intrus.get("app/welcome/default/");
    HttpResponse<String> r =
        intrus.put(
            "api/engine/engine/default/user/demandeurb/profile",
            "{\"id\":\"demandeurb\",\"firstName\":\"Test\",\"lastName\":\"demandeurb\","
                + "\"email\":\"anne.riou@example.org\"}");
    assertTrue(r.statusCode() >= 400, "profil modifié : " + r.statusCode());
    JsonNode liste =
        JSON.readTree(get("api/v1/dossiers", "demandeurb:" + COMPTES.get("demandeurb")).body());
    assertEquals(0, liste.size(), liste.toString());
  }

  private static void verifier(List<String> ecarts, String cas, boolean attendu, boolean obtenu) {
    if (attendu != obtenu) {
      ecarts.add(cas + " : attendu " + (attendu ? "visible" : "absent") + ", obtenu l'inverse");
    }
  }

  private static void verifier(
      List<String> ecarts, String cas, int attendu, HttpResponse<String> obtenu) {
    if (obtenu.statusCode() != attendu) {
      ecarts.add(cas + " : attendu " + attendu + ", obtenu " + obtenu.statusCode());
    }
  }

  private static boolean contient(JsonNode liste, String id) {
    for (JsonNode n : liste) {
      if (id.equals(n.path("id").asText())) {
        return true;
      }
    }
    return false;
  }

  private String creerDp(String contraintes) throws Exception {
    HttpResponse<String> cree =
        send(
            HttpRequest.newBuilder(uri("api/v1/dossiers"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"DP\",\"communeInsee\":\"35352\",\"demandeurs\":[{\"nature\":"
                            + "\"PARTICULIER\",\"nom\":\"Riou\",\"prenom\":\"Anne\",\"email\":"
                            + "\"anne.riou@example.org\"}],\"terrain\":{\"adresse\":{\"numero\":\"1\","
                            + "\"voie\":\"place de l'Église\",\"codePostal\":\"35770\",\"commune\":"
                            + "\"Vern-sur-Seiche\"},\"parcelles\":[{\"prefixe\":\"000\",\"section\":"
                            + "\"AB\",\"numero\":\"0007\",\"surfaceM2\":200}]},\"projet\":{"
                            + "\"description\":\"Véranda\",\"contraintes\":["
                            + contraintes
                            + "]}}")),
            "architecte:architecte-demo");
    assertEquals(201, cree.statusCode(), cree.body());
    String id = JSON.readTree(cree.body()).path("id").asText();
    for (JsonNode attendue : JSON.readTree(cree.body()).path("piecesAttendues")) {
      if (attendue.path("obligatoire").asBoolean()) {
        assertEquals(
            201,
            joindre(id, attendue.path("code").asText(), "architecte:architecte-demo").statusCode());
      }
    }
    return id;
  }

  private String deposer(String id) throws Exception {
    HttpResponse<String> r = post("api/v1/dossiers/" + id + "/depot", "architecte:architecte-demo");
    assertEquals(201, r.statusCode(), r.body());
    return id;
  }

  private String numero(String id) throws Exception {
    return JSON.readTree(get("api/v1/dossiers/" + id, "architecte:architecte-demo").body())
        .path("numero")
        .asText();
  }

  private static JsonNode attendreTache(NavigateurWebapps n, String numero, String cle)
      throws Exception {
    long limite = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String dernier = "";
    while (System.nanoTime() < limite) {
      HttpResponse<String> r =
          n.get(
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

  private URI uri(String chemin) {
    return URI.create(base.toExternalForm().replaceAll("/$", "") + "/" + chemin);
  }

  private HttpResponse<String> get(String chemin, String compte) throws Exception {
    return send(HttpRequest.newBuilder(uri(chemin)).header("Accept", "*/*").GET(), compte);
  }

  private HttpResponse<String> post(String chemin, String compte) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(chemin))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("")),
        compte);
  }

  private HttpResponse<String> joindre(String id, String code, String compte) throws Exception {
    return send(
        HttpRequest.newBuilder(uri("api/v1/dossiers/" + id + "/pieces/" + code))
            .header("Content-Type", "application/pdf")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(Fichiers.pdf())),
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
}
