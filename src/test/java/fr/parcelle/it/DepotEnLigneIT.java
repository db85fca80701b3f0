package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
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
  void un_pcmi_entier_joint_en_une_requete_multipart_se_depose() throws Exception {
    String id = JSON.readTree(creer(pcmi("35352")).body()).path("id").asText();
    List<Partie> parties = new ArrayList<>();
    byte[] plan = PdfDeTest.sain(3);
    for (String code : List.of("PCMI1", "PCMI2", "PCMI3", "PCMI4", "PCMI5", "PCMI6")) {
      parties.add(new Partie(code, code.toLowerCase() + " façade.pdf", plan));
    }
    byte[] photo = Fichiers.jpeg();
    byte[] lointain = Fichiers.png();
    parties.add(new Partie("PCMI7", "proche.jpg", photo));
    parties.add(new Partie("PCMI8", "lointain.png", lointain));

    HttpResponse<String> r = envoyerGroupe(id, multipart(parties, true), ARCHITECTE);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode pieces = JSON.readTree(r.body()).path("pieces");
    assertEquals(8, pieces.size(), r.body());
    assertEquals("PCMI1", pieces.get(0).path("code").asText());
    assertEquals("pcmi1 façade.pdf", pieces.get(0).path("nomFichier").asText());
    assertEquals(3, pieces.get(0).path("pages").asInt());
    assertEquals(hex("SHA-512", plan), pieces.get(5).path("sha512").asText());
    assertEquals("image/jpeg", pieces.get(6).path("typeMedia").asText());
    assertEquals(hex("SHA-256", lointain), pieces.get(7).path("sha256").asText());
    assertEquals(0, fichiersTemporaires(), "aucun fichier temporaire");

    // A second grouped upload replaces the pièce of the same code, as PUT does.
    byte[] autrePlan = PdfDeTest.sain(1);
    HttpResponse<String> remplace =
        envoyerGroupe(
            id, multipart(List.of(new Partie("PCMI2", "v2.pdf", autrePlan)), true), ARCHITECTE);
    assertEquals(200, remplace.statusCode(), remplace.body());

    HttpResponse<String> depot = deposer(id, null);
    assertEquals(201, depot.statusCode(), depot.body());
    assertEquals(0, JSON.readTree(depot.body()).path("piecesManquantes").size());
    assertArrayEquals(photo, telechargerReponse(id, "pieces/PCMI7", ARCHITECTE).body());
    assertArrayEquals(autrePlan, telechargerReponse(id, "pieces/PCMI2", ARCHITECTE).body());

    // Deposited: a grouped upload is refused before a byte is read.
    HttpResponse<String> apres =
        envoyerGroupe(id, multipart(List.of(new Partie("PCMI1", "a.pdf", plan)), true), ARCHITECTE);
    assertEquals(409, apres.statusCode(), apres.body());
  }

  @Test
  void un_envoi_groupe_refuse_fichier_par_fichier_et_joint_les_autres() throws Exception {
    String id = JSON.readTree(creer(pcmi("35352")).body()).path("id").asText();
    byte[] plan = unique(PdfDeTest.sain(2));
    byte[] zip = Fichiers.zip();
    byte[] chiffre = PdfDeTest.chiffreAvecMotDePasse();
    List<Partie> parties =
        List.of(
            new Partie("PCMI1", "situation.pdf", plan),
            new Partie("DP1", "hors.pdf", plan),
            new Partie("PCMI3", "coupe.pdf", zip),
            new Partie("PCMI1", "encore.pdf", unique(PdfDeTest.sain(1))),
            new Partie("PCMI4", "notice.pdf", chiffre),
            // The first PCMI4 was refused: a corrected one in the same request is not a duplicate.
            new Partie("PCMI4", "notice-corrigee.pdf", unique(PdfDeTest.sain(1))),
            new Partie("PCMI7", "proche.jpg", Fichiers.jpeg()),
            // Outside the bordereau and over the size limit: one refusal, and the reading stops.
            new Partie("DP2", "enorme.pdf", new byte[101 * 1024 * 1024]),
            new Partie("PCMI8", "jamais-lu.jpg", Fichiers.jpeg()));
    HttpResponse<String> r = envoyerGroupe(id, multipart(parties, true), ARCHITECTE);
    assertEquals(422, r.statusCode(), r.body());
    assertEquals(
        "application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.body());
    JsonNode probleme = JSON.readTree(r.body());
    assertEquals("/problemes/pieces-refusees", probleme.path("type").asText());
    assertTrue(probleme.path("detail").asText().startsWith("5 fichiers refusés sur 8"), r.body());
    List<String> jointes = new ArrayList<>();
    probleme.path("pieces").forEach(p -> jointes.add(p.path("code").asText()));
    assertEquals(List.of("PCMI1", "PCMI4", "PCMI7"), jointes);
    List<String> refus = new ArrayList<>();
    probleme
        .path("refus")
        .forEach(
            x ->
                refus.add(
                    x.path("rang").asInt()
                        + " "
                        + x.path("code").asText()
                        + " "
                        + x.path("type").asText()));
    assertEquals(
        List.of(
            "2 DP1 /problemes/piece-hors-bordereau",
            "3 PCMI3 /problemes/format-non-accepte",
            "4 PCMI1 /problemes/piece-en-double",
            "5 PCMI4 /problemes/pdf-chiffre",
            "8 DP2 /problemes/fichier-trop-volumineux"),
        refus);
    String tropGros = probleme.path("refus").get(4).path("detail").asText();
    assertTrue(tropGros.contains("n'appartient pas au bordereau"), tropGros);
    assertTrue(tropGros.contains("suivants n'ont pas été lus"), tropGros);
    assertEquals("coupe.pdf", probleme.path("refus").get(1).path("nomFichier").asText());
    assertTrue(probleme.path("refus").get(0).path("detail").asText().contains("PCMI8"), r.body());

    // What the answer says joined is in the dossier, the first PCMI1 kept; nothing else stored.
    JsonNode dossier = JSON.readTree(get("api/v1/dossiers/" + id, ARCHITECTE).body());
    List<String> presentes = new ArrayList<>();
    dossier.path("pieces").forEach(p -> presentes.add(p.path("code").asText()));
    assertEquals(Set.of("PCMI1", "PCMI4", "PCMI7"), Set.copyOf(presentes), dossier.toString());
    assertArrayEquals(plan, telechargerReponse(id, "pieces/PCMI1", ARCHITECTE).body());
    assertTrue(Files.exists(conserve(plan)), "le fichier accepté est conservé");
    for (byte[] refuse : List.of(zip, chiffre)) {
      assertFalse(Files.exists(conserve(refuse)), "aucun fichier refusé n'est conservé");
    }
    assertEquals(0, fichiersTemporaires(), "aucun fichier temporaire");
  }

  /**
   * The sender's connection ends in the middle of the body: nothing is kept, no temporary file is
   * left, the dossier is as before, and the server answers no 500. (That the server logs one line,
   * not an incident, was read in this test's server output: the log is not reachable from here.)
   */
  @Test
  void un_envoi_coupe_par_la_connexion_est_refuse_en_400_sans_rien_garder() throws Exception {
    String id = JSON.readTree(creer(pcmi("35352")).body()).path("id").asText();
    byte[] debut = new byte[3 * 1024 * 1024];
    new java.util.Random(9).nextBytes(debut);
    String chemin = base.getPath() + "api/v1/dossiers/" + id + "/pieces/PCMI1";
    String reponse;
    try (java.net.Socket s = new java.net.Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(60_000);
      var out = s.getOutputStream();
      out.write(
          ("PUT "
                  + chemin
                  + " HTTP/1.1\r\nHost: "
                  + base.getHost()
                  + ":"
                  + base.getPort()
                  + "\r\nAuthorization: Basic "
                  + Base64.getEncoder().encodeToString(ARCHITECTE.getBytes(StandardCharsets.UTF_8))
                  + "\r\nContent-Type: application/pdf\r\nContent-Length: "
                  + 8 * 1024 * 1024
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(debut);
      out.flush();
      s.shutdownOutput();
      reponse = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    // Grizzly closes the connection once the body ends early, so the answer usually reaches
    // nobody; when it does (a proxy that cut the body), it is this 400, never a 500.
    assertTrue(
        reponse.isEmpty()
            || reponse.startsWith("HTTP/1.1 400")
                && reponse.contains("\"/problemes/envoi-interrompu\""),
        reponse);
    JsonNode dossier = JSON.readTree(get("api/v1/dossiers/" + id, ARCHITECTE).body());
    assertEquals(0, dossier.path("pieces").size(), dossier.toString());
    assertEquals(0, fichiersTemporaires(), "aucun fichier temporaire");
  }

  @Test
  void un_envoi_groupe_mal_forme_ou_chez_autrui_est_refuse_sans_rien_perdre() throws Exception {
    String id = JSON.readTree(creer(pcmi("35352")).body()).path("id").asText();
    byte[] plan = PdfDeTest.sain(1);
    // Cut before the closing delimiter (a client gone): the whole first file is joined.
    byte[] coupe =
        multipart(
            List.of(new Partie("PCMI1", "a.pdf", plan), new Partie("PCMI2", "b.pdf", plan)), false);
    HttpResponse<String> r = envoyerGroupe(id, coupe, ARCHITECTE);
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("/problemes/multipart-mal-forme", JSON.readTree(r.body()).path("type").asText());
    JsonNode dossier = JSON.readTree(get("api/v1/dossiers/" + id, ARCHITECTE).body());
    List<String> presentes = new ArrayList<>();
    dossier.path("pieces").forEach(p -> presentes.add(p.path("code").asText()));
    assertEquals(List.of("PCMI1"), presentes, dossier.toString());
    assertEquals(0, fichiersTemporaires(), "aucun fichier temporaire");

    // No boundary in the Content-Type.
    HttpResponse<String> sansBoundary =
        client.send(
            requete("api/v1/dossiers/" + id + "/pieces", ARCHITECTE)
                .header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofByteArray(coupe))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, sansBoundary.statusCode(), sansBoundary.body());
    assertEquals(
        "/problemes/multipart-mal-forme", JSON.readTree(sansBoundary.body()).path("type").asText());

    // Someone else's draft, and no credentials: refused before a byte is read.
    byte[] complet = multipart(List.of(new Partie("PCMI2", "b.pdf", plan)), true);
    assertEquals(404, envoyerGroupe(id, complet, "instructeur:instructeur-demo").statusCode());
    HttpResponse<String> anonyme =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        base.toExternalForm().replaceAll("/$", "")
                            + "/api/v1/dossiers/"
                            + id
                            + "/pieces"))
                .header("Content-Type", "multipart/form-data; boundary=" + FRONTIERE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(complet))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonyme.statusCode());
  }

  /**
   * The store's housekeeping as an administrator runs it: a draft's replaced pièce, which no row
   * names any more, goes to the trash; the pièce that replaced it stays and is served; a temporary
   * file abandoned by a stopped server goes. The contents are aged by their file dates, which is
   * what the pass reads (a day's grace).
   */
  @Test
  void le_menage_met_en_corbeille_la_piece_remplacee_et_garde_celle_du_dossier() throws Exception {
    String id = JSON.readTree(creer(pcmi("35352")).body()).path("id").asText();
    byte[] remplace = unique(PdfDeTest.sain(1));
    byte[] actuel = unique(PdfDeTest.sain(2));
    for (byte[] version : List.of(remplace, actuel)) {
      HttpResponse<String> j =
          joindre(id, "PCMI1", version, "application/pdf", "plan.pdf", ARCHITECTE);
      assertEquals(2, j.statusCode() / 100, j.body());
    }
    FileTime avantHier = FileTime.from(Instant.now().minus(Duration.ofDays(2)));
    Files.setLastModifiedTime(conserve(remplace), avantHier);
    Files.setLastModifiedTime(conserve(actuel), avantHier);
    Path abandonne =
        Files.write(stockage().resolve("tmp").resolve(UUID.randomUUID() + ".part"), remplace);
    Files.setLastModifiedTime(abandonne, avantHier);

    HttpResponse<String> refus = menage(ARCHITECTE);
    assertEquals(403, refus.statusCode(), refus.body());
    assertEquals(
        "application/problem+json",
        refus.headers().firstValue("Content-Type").orElse(""),
        refus.body());
    assertTrue(refus.body().contains("administrateurs"), refus.body());
    assertTrue(Files.exists(conserve(remplace)), "rien n'a bougé");

    HttpResponse<String> r = menage("admin:admin-demo");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode bilan = JSON.readTree(r.body());
    assertTrue(bilan.path("effectue").asBoolean(), r.body());
    assertTrue(bilan.path("misEnCorbeille").asLong() >= 1, r.body());
    assertTrue(bilan.path("temporairesSupprimes").asInt() >= 1, r.body());
    assertFalse(Files.exists(conserve(remplace)), "la pièce remplacée a quitté sa place");
    assertTrue(Files.exists(corbeille(remplace)), "elle attend dans la corbeille");
    assertTrue(Files.exists(conserve(actuel)), "la pièce du dossier reste en place");
    assertFalse(Files.exists(abandonne), "le fichier temporaire abandonné est supprimé");
    assertArrayEquals(actuel, telechargerReponse(id, "pieces/PCMI1", ARCHITECTE).body());
  }

  private HttpResponse<String> menage(String compte) throws Exception {
    return client.send(
        requete("api/v1/stockage/menage", compte).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Path corbeille(byte[] contenu) throws Exception {
    Path place = conserve(contenu);
    return stockage().resolve("corbeille").resolve(stockage().relativize(place));
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

  @Test
  void huit_envois_simultanes_au_meme_dossier_gardent_chaque_piece() throws Exception {
    // The portal sends a dossier's pièces in parallel. Each PUT locks the dossier's row before it
    // changes the dossier, and reads the dossier after the lock: none may lose another's pièce,
    // nor fail on the other's change (issue 8 changed how the lock is taken).
    String id = JSON.readTree(creer(pcmi("35352")).body()).path("id").asText();
    // Seven pièces and a second version of one: eight uploads at once, the most one person may
    // have in flight (QuotaTeleversements).
    List<String> codes = List.of("PCMI1", "PCMI2", "PCMI3", "PCMI4", "PCMI5", "PCMI6", "PCMI7");
    Map<String, byte[]> contenus = new java.util.LinkedHashMap<>();
    List<CompletableFuture<HttpResponse<String>>> envois = new ArrayList<>();
    for (String code : codes) {
      byte[] contenu =
          switch (code) {
            case "PCMI7" -> Fichiers.jpeg();
            default -> unique(PdfDeTest.sain(1));
          };
      contenus.put(code, contenu);
      envois.add(
          client.sendAsync(
              requete("api/v1/dossiers/" + id + "/pieces/" + code, ARCHITECTE)
                  .header("Content-Type", "application/octet-stream")
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(contenu))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    // The same pièce twice at once: one of the two stays, whole, and the other is replaced.
    byte[] autreVersion = unique(PdfDeTest.sain(2));
    HttpResponse<String> concurrente =
        joindre(id, "PCMI1", autreVersion, "application/pdf", null, ARCHITECTE);
    assertEquals(2, concurrente.statusCode() / 100, concurrente.body());
    for (CompletableFuture<HttpResponse<String>> f : envois) {
      HttpResponse<String> r = f.get();
      assertEquals(2, r.statusCode() / 100, r.body());
    }

    JsonNode dossier = JSON.readTree(get("api/v1/dossiers/" + id, ARCHITECTE).body());
    Map<String, String> gardees = new java.util.TreeMap<>();
    for (JsonNode p : dossier.path("pieces")) {
      assertNull(gardees.put(p.path("code").asText(), p.path("sha256").asText()), p.toString());
    }
    assertEquals(new TreeSet<>(codes), gardees.keySet(), dossier.toString());
    for (String code : codes.subList(1, codes.size())) {
      assertEquals(hex("SHA-256", contenus.get(code)), gardees.get(code), code);
    }
    byte[] pcmi1 = telechargerReponse(id, "pieces/PCMI1", ARCHITECTE).body();
    assertTrue(
        Arrays.equals(pcmi1, contenus.get("PCMI1")) || Arrays.equals(pcmi1, autreVersion),
        "PCMI1 est l'une des deux versions envoyées, entière");
    assertEquals(hex("SHA-256", pcmi1), gardees.get("PCMI1"));
    assertEquals(
        201,
        joindre(id, "PCMI8", Fichiers.png(), "image/png", "lointain.png", ARCHITECTE).statusCode());
    HttpResponse<String> depot = deposer(id, null);
    assertEquals(201, depot.statusCode(), depot.body());
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

  private static final String FRONTIERE = "----ParcelleIT" + Long.toHexString(System.nanoTime());

  private record Partie(String code, String nomFichier, byte[] contenu) {}

  /** A multipart/form-data body as browsers write it; {@code complet=false} cuts the end off. */
  private static byte[] multipart(List<Partie> parties, boolean complet) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Partie p : parties) {
      out.writeBytes(
          ("--"
                  + FRONTIERE
                  + "\r\nContent-Disposition: form-data; name=\""
                  + p.code()
                  + "\"; filename=\""
                  + p.nomFichier()
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.writeBytes(p.contenu());
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(("--" + FRONTIERE + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    byte[] corps = out.toByteArray();
    return complet ? corps : java.util.Arrays.copyOf(corps, corps.length - 200);
  }

  private HttpResponse<String> envoyerGroupe(String id, byte[] corps, String compte)
      throws Exception {
    return client.send(
        requete("api/v1/dossiers/" + id + "/pieces", compte)
            .header("Content-Type", "multipart/form-data; boundary=" + FRONTIERE)
            .POST(HttpRequest.BodyPublishers.ofByteArray(corps))
            .build(),
        HttpResponse.BodyHandlers.ofString());
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

  /** Where the document store keeps these bytes (named by their SHA-256). */
  private static Path conserve(byte[] contenu) throws Exception {
    String sha256 = hex("SHA-256", contenu);
    return stockage()
        .resolve(sha256.substring(0, 2))
        .resolve(sha256.substring(2, 4))
        .resolve(sha256);
  }

  /** The same PDF with a unique trailing comment, so that the store holds it for this test only. */
  private static byte[] unique(byte[] pdf) {
    byte[] suffixe =
        ("\n%" + java.util.UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tout = java.util.Arrays.copyOf(pdf, pdf.length + suffixe.length);
    System.arraycopy(suffixe, 0, tout, pdf.length, suffixe.length);
    return tout;
  }

  private static long fichiersConserves() throws Exception {
    try (Stream<Path> s = Files.walk(stockage())) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.startsWith(stockage().resolve("tmp")))
          .count();
    }
  }
}
