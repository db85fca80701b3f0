package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcelle.support.Fichiers;
import fr.parcelle.support.PdfDeTest;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Online filing end to end over HTTP, on the real WAR: create, upload (accepted and refused files),
 * deposit with its number and receipts, downloads byte for byte, idempotent replays, access by
 * file, and 50 concurrent deposits.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DepotEnLigneIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARCHITECTE = "architecte:architecte-demo";

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
  void un_architecte_depose_un_pcmi_complet_et_recoit_numero_accuse_et_recepisse()
      throws Exception {
    HttpResponse<String> cree = creer(pcmi("35352"));
    assertEquals(201, cree.statusCode(), cree.body());
    JsonNode brouillon = JSON.readTree(cree.body());
    String id = brouillon.path("id").asText();
    assertTrue(
        cree.headers().firstValue("Location").orElseThrow().endsWith("/api/v1/dossiers/" + id));
    List<String> attendues = new ArrayList<>();
    for (JsonNode p : brouillon.path("piecesAttendues")) {
      attendues.add(p.path("code").asText());
      assertTrue(p.path("obligatoire").asBoolean());
      assertFalse(p.path("libelle").asText().isBlank());
    }
    assertEquals(
        List.of("PCMI1", "PCMI2", "PCMI3", "PCMI4", "PCMI5", "PCMI6", "PCMI7", "PCMI8"), attendues);

    // A zip renamed .pdf is refused with its reason, and leaves nothing behind.
    long conservesAvant = fichiersConserves();
    HttpResponse<String> refus =
        joindre(id, "PCMI3", Fichiers.zip(), "application/pdf", "coupe.pdf", ARCHITECTE);
    assertEquals(422, refus.statusCode(), refus.body());
    JsonNode probleme = JSON.readTree(refus.body());
    assertEquals("/problemes/format-non-accepte", probleme.path("type").asText());
    assertEquals("PCMI3", probleme.path("piece").asText());
    assertTrue(probleme.path("detail").asText().contains("PDF, JPEG et PNG"), refus.body());
    assertEquals(conservesAvant, fichiersConserves(), "aucun octet conservé");
    assertEquals(0, fichiersTemporaires(), "aucun fichier temporaire");

    byte[] plan = PdfDeTest.sain(2);
    for (String code : List.of("PCMI1", "PCMI2", "PCMI3", "PCMI4", "PCMI5", "PCMI6")) {
      HttpResponse<String> r =
          joindre(id, code, plan, "application/octet-stream", code + ".pdf", ARCHITECTE);
      assertEquals(201, r.statusCode(), r.body());
    }
    byte[] photo = Fichiers.jpeg();
    HttpResponse<String> p7 =
        joindre(id, "PCMI7", photo, "image/jpeg", "photo «proche».jpg", ARCHITECTE);
    assertEquals(201, p7.statusCode(), p7.body());
    JsonNode piece = JSON.readTree(p7.body());
    assertEquals("image/jpeg", piece.path("typeMedia").asText());
    assertEquals(photo.length, piece.path("taille").asLong());
    assertEquals(hex("SHA-256", photo), piece.path("sha256").asText());
    assertEquals(hex("SHA-512", photo), piece.path("sha512").asText());
    assertEquals("photo «proche».jpg", piece.path("nomFichier").asText());
    JsonNode pdf =
        JSON.readTree(joindre(id, "PCMI1", plan, "application/pdf", null, ARCHITECTE).body());
    assertEquals(2, pdf.path("pages").asInt());

    // Incomplete: the deposit lists exactly what is missing.
    HttpResponse<String> incomplet = deposer(id, null);
    assertEquals(422, incomplet.statusCode(), incomplet.body());
    JsonNode manques = JSON.readTree(incomplet.body()).path("erreurs");
    assertEquals(1, manques.size(), incomplet.body());
    assertEquals("pieces.PCMI8", manques.get(0).path("champ").asText());

    assertEquals(
        201,
        joindre(id, "PCMI8", Fichiers.png(), "image/png", "lointain.png", ARCHITECTE).statusCode());
    HttpResponse<String> depot = deposer(id, "depot-" + id);
    assertEquals(201, depot.statusCode(), depot.body());
    JsonNode dossier = JSON.readTree(depot.body());
    String numero = dossier.path("numeroAffiche").asText();
    assertTrue(numero.matches("PC 035 352 \\d{2} \\d{5}"), numero);
    assertEquals(2, dossier.path("delaiInstructionMois").asInt());
    assertFalse(dossier.path("dateDecisionTacite").asText().isBlank());
    assertEquals(0, dossier.path("piecesManquantes").size());
    assertEquals(2, dossier.path("documents").size());

    // Replays return the same deposit, never a second number.
    HttpResponse<String> rejoue = deposer(id, "depot-" + id);
    assertEquals(200, rejoue.statusCode());
    assertEquals(numero, JSON.readTree(rejoue.body()).path("numeroAffiche").asText());
    assertEquals(200, deposer(id, null).statusCode());

    // Receipts: the mandatory mentions, in the PDF's own text.
    String recepisse =
        textePdf(telecharger(id, "documents/recepisse", ARCHITECTE, "application/pdf"));
    for (String mention :
        List.of(
            numero,
            "Date de réception",
            "Service commun ADS de Rennes Métropole",
            "2 mois",
            "permis tacite à compter du",
            "R423-5",
            "incomplet",
            "majoré",
            "vaudra refus")) {
      assertTrue(recepisse.contains(mention), "récépissé sans « " + mention + " » : " + recepisse);
    }
    String aee =
        textePdf(telecharger(id, "documents/accuse-enregistrement", ARCHITECTE, "application/pdf"));
    assertTrue(aee.contains("Accusé d'enregistrement électronique") && aee.contains(numero), aee);

    // Pièces come back byte for byte with their type and name.
    HttpResponse<byte[]> retour = telechargerReponse(id, "pieces/PCMI7", ARCHITECTE);
    assertEquals(200, retour.statusCode());
    assertArrayEquals(photo, retour.body());
    assertEquals("image/jpeg", retour.headers().firstValue("Content-Type").orElse(""));
    assertTrue(
        retour.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));

    // After deposit, pièces no longer change.
    assertEquals(409, joindre(id, "PCMI1", plan, "application/pdf", null, ARCHITECTE).statusCode());

    // The instruction started with the number as business key: the instructor sees its task.
    HttpResponse<String> taches = null;
    for (int i = 0; i < 300; i++) {
      taches = get("api/v1/dossiers/" + id + "/taches", "instructeur:instructeur-demo");
      if (taches.statusCode() != 200 || JSON.readTree(taches.body()).size() > 0) {
        break;
      }
      Thread.sleep(200); // the process starts on the job executor, after the deposit commits
    }
    assertEquals(200, taches.statusCode(), taches.body());
    assertEquals(
        "Task_VerifierCompletude", JSON.readTree(taches.body()).get(0).path("cle").asText());
  }

  @Test
  void on_ne_voit_ni_ne_modifie_le_dossier_d_un_autre() throws Exception {
    String id = JSON.readTree(creer(dp("35352")).body()).path("id").asText();

    assertEquals(
        404, get("api/v1/dossiers/" + id, "maire:maire-demo").statusCode(), "brouillon d'autrui");
    assertEquals(404, get("api/v1/dossiers/" + id, "instructeur:instructeur-demo").statusCode());
    assertEquals(
        404,
        joindre(id, "DP1", Fichiers.pdf(), "application/pdf", null, "instructeur:instructeur-demo")
            .statusCode());
    assertEquals(404, deposerAvec(id, null, "maire:maire-demo").statusCode());
    assertEquals(
        404, get("api/v1/dossiers/" + id + "/pieces/DP1", "maire:maire-demo").statusCode());
    HttpResponse<String> liste = get("api/v1/dossiers", "maire:maire-demo");
    assertFalse(liste.body().contains(id), "la liste d'autrui ne le montre pas");
  }

  @Test
  void une_piece_hors_bordereau_est_refusee() throws Exception {
    String id = JSON.readTree(creer(dp("35352")).body()).path("id").asText();
    HttpResponse<String> r =
        joindre(id, "PCMI1", Fichiers.pdf(), "application/pdf", null, ARCHITECTE);
    assertEquals(422, r.statusCode(), r.body());
    assertTrue(r.body().contains("DP1"), r.body());
    HttpResponse<String> chiffre =
        joindre(id, "DP1", PdfDeTest.chiffreAvecMotDePasse(), "application/pdf", null, ARCHITECTE);
    assertEquals(422, chiffre.statusCode());
    assertEquals("/problemes/pdf-chiffre", JSON.readTree(chiffre.body()).path("type").asText());
  }

  @Test
  void cinquante_depots_simultanes_dans_une_commune_donnent_cinquante_numeros_consecutifs()
      throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String id = JSON.readTree(creer(dp("35024")).body()).path("id").asText();
      assertEquals(
          201,
          joindre(id, "DP1", Fichiers.pdf(), "application/pdf", null, ARCHITECTE).statusCode());
      ids.add(id);
    }
    List<CompletableFuture<HttpResponse<String>>> depots = new ArrayList<>();
    for (String id : ids) {
      depots.add(
          client.sendAsync(
              requete("api/v1/dossiers/" + id + "/depot", ARCHITECTE)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    Set<String> numeros = new TreeSet<>();
    for (CompletableFuture<HttpResponse<String>> f : depots) {
      HttpResponse<String> r = f.get();
      assertEquals(201, r.statusCode(), r.body());
      numeros.add(JSON.readTree(r.body()).path("numeroAffiche").asText());
    }
    assertEquals(50, numeros.size(), "50 numéros distincts");
    List<Integer> rangs =
        numeros.stream().map(n -> Integer.parseInt(n.substring(n.length() - 5))).sorted().toList();
    assertEquals(
        rangs.getFirst() + 49, (int) rangs.getLast(), "consécutifs, sans trou : " + numeros);
    assertTrue(numeros.stream().allMatch(n -> n.startsWith("DP 035 024 ")), numeros.toString());
  }

  // ---------------------------------------------------------------- helpers

  private static String pcmi(String insee) {
    return "{\"type\":\"PCMI\",\"communeInsee\":\""
        + insee
        + "\",\"demandeurs\":[{\"nature\":\"PARTICULIER\","
        + "\"nom\":\"Martin\",\"prenom\":\"Claire\",\"email\":\"claire.martin@example.org\"}],\"terrain\":{\"adresse\":"
        + "{\"numero\":\"12\",\"voie\":\"rue de la Seiche\",\"codePostal\":\"35770\",\"commune\":\"Vern-sur-Seiche\"},"
        + "\"parcelles\":[{\"prefixe\":\"000\",\"section\":\"AB\",\"numero\":\"0123\",\"surfaceM2\":540}]},"
        + "\"projet\":{\"description\":\"Maison individuelle de plain-pied\",\"surfacePlancherCreeeM2\":120,"
        + "\"logementsCrees\":1,\"contraintes\":[]}}";
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
    return client.send(
        requete("api/v1/dossiers", ARCHITECTE)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> joindre(
      String id, String code, byte[] contenu, String type, String nom, String compte)
      throws Exception {
    HttpRequest.Builder r =
        requete("api/v1/dossiers/" + id + "/pieces/" + code, compte)
            .header("Content-Type", type)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(contenu));
    if (nom != null) {
      r.header(
          "Content-Disposition",
          "attachment; filename*=UTF-8''"
              + java.net.URLEncoder.encode(nom, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> deposer(String id, String cle) throws Exception {
    return deposerAvec(id, cle, ARCHITECTE);
  }

  private HttpResponse<String> deposerAvec(String id, String cle, String compte) throws Exception {
    HttpRequest.Builder r =
        requete("api/v1/dossiers/" + id + "/depot", compte)
            .POST(HttpRequest.BodyPublishers.noBody());
    if (cle != null) {
      r.header("Idempotency-Key", cle);
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String chemin, String compte) throws Exception {
    return client.send(requete(chemin, compte).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private byte[] telecharger(String id, String chemin, String compte, String type)
      throws Exception {
    HttpResponse<byte[]> r = telechargerReponse(id, chemin, compte);
    assertEquals(200, r.statusCode());
    assertEquals(
        type, r.headers().firstValue("Content-Type").orElse(""), "type exact, sans charset");
    return r.body();
  }

  private HttpResponse<byte[]> telechargerReponse(String id, String chemin, String compte)
      throws Exception {
    return client.send(
        requete("api/v1/dossiers/" + id + "/" + chemin, compte).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder requete(String chemin, String compte) {
    return HttpRequest.newBuilder(
            URI.create(base.toExternalForm().replaceAll("/$", "") + "/" + chemin))
        .timeout(Duration.ofSeconds(120))
        .header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(compte.getBytes(StandardCharsets.UTF_8)));
  }

  private static String textePdf(byte[] pdf) throws Exception {
    try (PDDocument d = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(d).replaceAll("\\s+", " ");
    }
  }

  private static String hex(String algorithme, byte[] contenu) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithme).digest(contenu));
  }

  private static Path stockage() {
    return Path.of(System.getProperty("parcelle.test.storage.dir"));
  }

  private static long fichiersTemporaires() throws Exception {
    try (Stream<Path> s = Files.list(stockage().resolve("tmp"))) {
      return s.count();
    }
  }

  private static long fichiersConserves() throws Exception {
    try (Stream<Path> s = Files.walk(stockage())) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.startsWith(stockage().resolve("tmp")))
          .count();
    }
  }
}
