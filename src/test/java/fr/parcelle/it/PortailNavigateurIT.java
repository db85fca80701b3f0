package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcelle.infrastructure.signature.SignatureVerifiee;
import fr.parcelle.infrastructure.signature.VerificateurSignatures;
import fr.parcelle.support.PdfDeTest;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole story in a real browser (Debian's Chromium driven by Selenium): an architect files a
 * PCMI through the portal — the guide picks the form, one hostile file is refused with its reason
 * under the pièce, the eight pièces pass, the deposit gives the number and the receipts —; the
 * instructor completes completeness and proposes in the Camunda Tasklist; the maire signs in the
 * Tasklist; the architect downloads the signed arrêté from the portal. Screenshots of each key page
 * go to target/captures-navigateur/ for review.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortailNavigateurIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CAPTURES = Path.of("target", "captures-navigateur");
  private static final Duration ATTENTE = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path AXE = Path.of("src/main/frontend/node_modules/axe-core/axe.min.js");
  private static final String[] PIECES = {
    "PCMI1", "PCMI2", "PCMI3", "PCMI4", "PCMI5", "PCMI6", "PCMI7", "PCMI8"
  };

  @Deployment(testable = false)
  static WebArchive application() {
    BaseDesTestsIntegration.demarrer();
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("parcelle.war")));
  }

  @ArquillianResource URL base;

  private final List<WebDriver> navigateurs = new ArrayList<>();
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private int capture;

  @BeforeAll
  static void navigateurInstalle() throws IOException {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && System.getenv("CI") != null) {
      fail(
          "Chromium et chromedriver manquent : .ci/run les installe (paquets chromium, chromium-driver).");
    }
    Assumptions.assumeTrue(
        present,
        "Test navigateur sauté : installez les paquets Debian chromium et chromium-driver.");
    Files.createDirectories(CAPTURES);
  }

  @AfterEach
  void fermer() {
    navigateurs.forEach(WebDriver::quit);
  }

  @Test
  void un_architecte_depose_un_pcmi_par_le_portail_et_telecharge_l_arrete_signe_dans_la_tasklist()
      throws Exception {
    WebDriver architecte = navigateur();

    // Signed out, a dossier page leads to the sign-in.
    architecte.get(adresse("#/dossiers"));
    attendre(architecte, By.id("formulaire-connexion"));
    connecterPortail(architecte, "architecte", "architecte-demo");
    attendreTexte(architecte, By.tagName("h1"), "Mes dossiers");
    attendre(architecte, By.cssSelector("a[href='#/nouveau']"));
    capturer(architecte, "mes-dossiers");
    accessible(architecte, "mes-dossiers");

    // The guide: a 120 m² house is a PCMI, with its eight pièces explained.
    attendre(architecte, By.cssSelector("a[href='#/nouveau']")).click();
    attendre(architecte, By.id("guide"));
    cocher(architecte, "input[name=travaux][value=CONSTRUCTION_NOUVELLE]");
    architecte.findElement(By.cssSelector("[data-champ=surfaceCreeeM2]")).sendKeys("120");
    cocher(architecte, "input[name=maisonIndividuelle]");
    architecte.findElement(By.cssSelector("#guide button[type=submit]")).click();
    WebElement formalite = attendre(architecte, By.id("formalite"));
    assertEquals("PCMI", formalite.getDomAttribute("data-formalite"));
    assertTrue(architecte.getPageSource().contains("R421-1"));
    capturer(architecte, "guide-formalite");
    accessible(architecte, "guide-formalite");
    cliquerTexte(architecte, "button", "Continuer avec ce formulaire");

    // The request: a bad e-mail address is named next to its field, nothing is created.
    attendre(architecte, By.id("demande"));
    new Select(architecte.findElement(By.cssSelector("[data-champ=communeInsee]")))
        .selectByValue("35352");
    saisir(architecte, "terrain.adresse.numero", "12");
    saisir(architecte, "terrain.adresse.voie", "rue de la Seiche");
    saisir(architecte, "terrain.adresse.codePostal", "35770");
    saisir(architecte, "terrain.parcelles[0].section", "AB");
    saisir(architecte, "terrain.parcelles[0].numero", "0123");
    saisir(architecte, "demandeurs[0].nom", "Martin");
    saisir(architecte, "demandeurs[0].prenom", "Claire");
    saisir(architecte, "demandeurs[0].email", "claire.martin-sans-arobase");
    saisir(architecte, "projet.description", "Maison individuelle de plain-pied");
    architecte.findElement(By.cssSelector("#demande button[type=submit]")).click();
    WebElement email =
        attendreQue(
            architecte,
            d -> {
              WebElement champ =
                  d.findElement(By.cssSelector("[data-champ='demandeurs[0].email']"));
              return "true".equals(champ.getDomAttribute("aria-invalid")) ? champ : null;
            });
    WebElement messageEmail =
        architecte.findElement(By.id(email.getDomAttribute("aria-describedby")));
    assertFalse(messageEmail.getText().isBlank(), "le message d'erreur est lié au champ");
    capturer(architecte, "demande-erreur-champ");
    accessible(architecte, "demande-erreur-champ");
    email.clear();
    email.sendKeys("claire.martin@example.org");
    architecte.findElement(By.cssSelector("#demande button[type=submit]")).click();
    attendreQue(
        architecte,
        d -> d.findElements(By.cssSelector("[data-piece-groupe]")).size() >= PIECES.length);
    String id = architecte.getCurrentUrl().replaceAll(".*#/dossiers/", "");

    // A hostile file named .pdf is refused at once, with the reason under the pièce.
    Path hostile = Files.createTempFile("plan-de-situation", ".pdf");
    Files.writeString(hostile, "<html><script>alert(1)</script></html>");
    architecte.findElement(By.cssSelector("input[data-piece=PCMI1]")).sendKeys(hostile.toString());
    WebElement refus = attendreVisible(architecte, By.id("fichier-PCMI1-erreur"));
    assertTrue(refus.getText().startsWith("Fichier refusé"), refus.getText());
    assertTrue(
        refus.getText().contains("PDF"), "la raison dit ce qui est accepté : " + refus.getText());
    capturer(architecte, "piece-refusee");
    accessible(architecte, "piece-refusee");

    // Two pièces one by one, each checked as it arrives.
    Path dossierPieces = Files.createTempDirectory("pieces");
    for (String code : List.of(PIECES).subList(0, 2)) {
      Path pdf = dossierPieces.resolve(code + ".pdf");
      Files.write(pdf, PdfDeTest.sain(1));
      architecte
          .findElement(By.cssSelector("input[data-piece=" + code + "]"))
          .sendKeys(pdf.toString());
      attendreTexte(architecte, By.id("fichier-" + code + "-etat"), "vérifié");
    }

    // The six others in one go, named after their codes (any case), with a file named after no
    // pièce and a hostile one for PCMI1: each fate shown under its pièce, and a summary.
    Path groupe = Files.createTempDirectory("envoi-groupe");
    List<String> chemins = new ArrayList<>();
    for (String code : List.of(PIECES).subList(2, PIECES.length)) {
      Path pdf = groupe.resolve(code.toLowerCase(java.util.Locale.ROOT) + "_plan.pdf");
      Files.write(pdf, PdfDeTest.sain(1));
      chemins.add(pdf.toString());
    }
    Path inconnu = groupe.resolve("notes.pdf");
    Files.write(inconnu, PdfDeTest.sain(1));
    chemins.add(inconnu.toString());
    Path fauxPcmi1 = groupe.resolve("PCMI1 faux.pdf");
    Files.copy(hostile, fauxPcmi1);
    chemins.add(fauxPcmi1.toString());
    architecte.findElement(By.id("fichiers-groupes")).sendKeys(String.join("\n", chemins));
    WebElement resume =
        attendreVisible(architecte, By.cssSelector("#fichiers-groupes-resume .fr-alert"));
    assertEquals("6", resume.getDomAttribute("data-recues"), resume.getText());
    assertEquals("1", resume.getDomAttribute("data-refusees"), resume.getText());
    assertTrue(resume.getText().contains("notes.pdf"), resume.getText());
    for (String code : List.of(PIECES).subList(2, PIECES.length)) {
      attendreTexte(architecte, By.id("fichier-" + code + "-etat"), "vérifié");
    }
    WebElement refusGroupe = attendreVisible(architecte, By.id("fichier-PCMI1-erreur"));
    assertTrue(refusGroupe.getText().contains("PDF"), refusGroupe.getText());
    assertTrue(
        architecte.findElement(By.id("fichier-PCMI1-etat")).getText().startsWith("Toujours retenu"),
        "le fichier reçu avant reste la pièce PCMI1");
    capturer(architecte, "pieces-jointes");
    accessible(architecte, "envoi-groupe");

    // The deposit: the legal number, the AEE and the récépissé.
    architecte.findElement(By.id("deposer")).click();
    WebElement titre = attendreTexte(architecte, By.tagName("h1"), "Dossier PC 035 352");
    String numero = titre.getText().replace("Dossier ", "");
    attendre(architecte, By.cssSelector("a[data-document=AEE]"));
    attendre(architecte, By.cssSelector("a[data-document=RECEPISSE]"));
    capturer(architecte, "depose");
    accessible(architecte, "depose");

    // The instructor, in the Tasklist: completeness, then the proposal.
    WebDriver instructeur = navigateur();
    connecterTasklist(instructeur, "instructeur", "instructeur-demo");
    ouvrirTache(
        instructeur, tache(id, "Task_VerifierCompletude", "instructeur:instructeur-demo"), numero);
    cocher(instructeur, "input[id$='-Field_Completude-0']");
    capturer(instructeur, "tasklist-completude");
    terminer(instructeur, id, "Task_VerifierCompletude", "instructeur:instructeur-demo");

    ouvrirTache(
        instructeur, tache(id, "Task_InstruireEtProposer", "instructeur:instructeur-demo"), numero);
    cliquer(
        instructeur, instructeur.findElement(By.cssSelector("[id$='-Field_Decision-display']")));
    cliquerTexte(instructeur, ".fjs-dropdownlist-item", "accord");
    capturer(instructeur, "tasklist-proposition");
    terminer(instructeur, id, "Task_InstruireEtProposer", "instructeur:instructeur-demo");

    // The maire signs in the Tasklist.
    WebDriver maire = navigateur();
    connecterTasklist(maire, "maire", "maire-demo");
    ouvrirTache(maire, tache(id, "Task_SignerArrete", "maire:maire-demo"), numero);
    cocher(maire, "input[id$='-Field_Signature-0']");
    capturer(maire, "tasklist-signature");
    terminer(maire, id, "Task_SignerArrete", "maire:maire-demo");

    // The architect sees the decision and downloads the signed arrêté with the portal's session.
    architecte.navigate().refresh();
    WebElement lien = attendre(architecte, By.cssSelector(".fr-callout a[data-document=ARRETE]"));
    assertTrue(
        architecte
            .findElement(By.cssSelector("[data-statut]"))
            .getDomAttribute("data-statut")
            .equals("DECIDE"));
    capturer(architecte, "decision");
    accessible(architecte, "decision");
    HttpResponse<byte[]> arrete = telecharger(architecte, lien.getDomAttribute("href"));
    assertEquals(200, arrete.statusCode());
    assertEquals("application/pdf", arrete.headers().firstValue("Content-Type").orElse(""));
    List<SignatureVerifiee> signatures =
        new VerificateurSignatures(List.of(racineDemo())).verifier(arrete.body());
    assertEquals(1, signatures.size());
    assertTrue(signatures.getFirst().valide(), signatures.getFirst().anomalies().toString());
    assertTrue(signatures.getFirst().signataire().contains("Maire de Vern-sur-Seiche"));
  }

  @Test
  void au_clavier_seul_on_se_connecte_et_on_choisit_ses_travaux() throws Exception {
    WebDriver d = navigateur();
    d.get(adresse("#/connexion"));
    attendre(d, By.id("formulaire-connexion"));
    // The first element a keyboard reaches on the page is the skip link to the content (RGAA 12.7).
    Object premier =
        ((JavascriptExecutor) d)
            .executeScript(
                "return [...document.querySelectorAll('a[href], button, input, select, textarea')]"
                    + ".find(e => e.tabIndex >= 0 && !e.disabled).getAttribute('href')");
    assertEquals("#contenu", premier);
    tabulerJusqua(d, "[data-champ=identifiant]").sendKeys("architecte");
    actif(d).sendKeys(org.openqa.selenium.Keys.TAB);
    assertEquals("motDePasse", actif(d).getDomAttribute("data-champ"));
    actif(d).sendKeys("architecte-demo", org.openqa.selenium.Keys.ENTER);
    attendre(d, By.cssSelector("a[href='#/nouveau']"));
    // Focus moves to the new page's title, so a screen reader announces it.
    assertEquals("h1", actif(d).getTagName());
    tabulerJusqua(d, "a[href='#/nouveau']").sendKeys(org.openqa.selenium.Keys.ENTER);
    attendre(d, By.id("guide"));
    tabulerJusqua(d, "input[name=travaux]");
    // Arrow keys move within the radio group; space selects.
    actif(d).sendKeys(org.openqa.selenium.Keys.SPACE);
    assertTrue(actif(d).isSelected(), "le premier choix se coche au clavier");
    assertEquals("CONSTRUCTION_NOUVELLE", actif(d).getDomAttribute("value"));
    tabulerJusqua(d, "[data-champ=surfaceCreeeM2]").sendKeys("12");
    tabulerJusqua(d, "#guide button[type=submit]").sendKeys(org.openqa.selenium.Keys.ENTER);
    WebElement formalite = attendre(d, By.id("formalite"));
    assertEquals("DP", formalite.getDomAttribute("data-formalite"));
    capturer(d, "clavier-guide");
  }

  private static WebElement actif(WebDriver d) {
    return d.switchTo().activeElement();
  }

  /** Presses Tab until the focus is on the element, failing if 60 presses do not reach it. */
  private static WebElement tabulerJusqua(WebDriver d, String selecteur) {
    WebElement cible = attendre(d, By.cssSelector(selecteur));
    for (int i = 0; i < 60; i++) {
      if (actif(d).equals(cible)) {
        return cible;
      }
      actif(d).sendKeys(org.openqa.selenium.Keys.TAB);
    }
    fail("« " + selecteur + " » n'est pas atteignable au clavier");
    return cible;
  }

  @Test
  void les_pages_du_portail_ne_se_laissent_ni_encadrer_ni_injecter_de_script() throws Exception {
    for (String chemin : List.of("", "index.html", "portail/app.js", "dsfr/dsfr.min.css")) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(adresse(chemin))).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), chemin);
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.contains("frame-ancestors 'none'"), chemin + " : " + csp);
      assertTrue(csp.contains("script-src 'self'"), chemin + " : " + csp);
      assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), chemin);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), chemin);
    }
    // The session cookie is out of scripts' reach.
    HttpResponse<String> session =
        client.send(
            HttpRequest.newBuilder(URI.create(adresse("api/admin/auth/user/default"))).build(),
            HttpResponse.BodyHandlers.ofString());
    String cookie =
        session.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("pas de cookie de session : " + session.headers()));
    assertTrue(cookie.contains("HttpOnly"), cookie);
  }

  // ------------------------------------------------------------------ browser

  private WebDriver navigateur() throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--lang=fr-FR",
        "--window-size=1280,1100",
        "--user-data-dir=" + Files.createTempDirectory("chromium-"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    WebDriver d = new ChromeDriver(service, options);
    d.manage().timeouts().pageLoadTimeout(ATTENTE);
    navigateurs.add(d);
    return d;
  }

  private String adresse(String chemin) {
    return base.toString() + chemin;
  }

  private static WebElement attendre(WebDriver d, By selecteur) {
    return new WebDriverWait(d, ATTENTE)
        .until(ExpectedConditions.presenceOfElementLocated(selecteur));
  }

  private static WebElement attendreVisible(WebDriver d, By selecteur) {
    return new WebDriverWait(d, ATTENTE)
        .until(ExpectedConditions.visibilityOfElementLocated(selecteur));
  }

  private static <T> T attendreQue(
      WebDriver d, java.util.function.Function<WebDriver, T> condition) {
    return new WebDriverWait(d, ATTENTE)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition);
  }

  private static WebElement attendreTexte(WebDriver d, By selecteur, String texte) {
    return attendreQue(
        d,
        x -> {
          WebElement e = x.findElement(selecteur);
          return e.getText().contains(texte) ? e : null;
        });
  }

  /**
   * DSFR and form-js hide the native radio and checkbox behind their label: click as a user does.
   */
  private static void cocher(WebDriver d, String selecteur) {
    WebElement entree = attendre(d, By.cssSelector(selecteur));
    List<WebElement> libelles =
        d.findElements(By.cssSelector("label[for='" + entree.getDomAttribute("id") + "']"));
    cliquer(d, libelles.isEmpty() ? entree : libelles.getFirst());
    attendreQue(d, x -> entree.isSelected() ? entree : null);
  }

  private static void cliquerTexte(WebDriver d, String selecteur, String texte) {
    WebElement cible =
        attendreQue(
            d,
            x ->
                x.findElements(By.cssSelector(selecteur)).stream()
                    .filter(e -> e.getText().strip().equals(texte))
                    .findFirst()
                    .orElse(null));
    cliquer(d, cible);
  }

  /** Scrolled to the middle first: the Tasklist's fixed footer covers the bottom of the page. */
  private static void cliquer(WebDriver d, WebElement e) {
    ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
    e.click();
  }

  private static void saisir(WebDriver d, String champ, String valeur) {
    WebElement e = d.findElement(By.cssSelector("[data-champ='" + champ + "']"));
    e.clear();
    e.sendKeys(valeur);
  }

  private void capturer(WebDriver d, String nom) throws IOException {
    capture++;
    ((JavascriptExecutor) d).executeScript("window.scrollTo(0, 0)");
    byte[] png = ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES);
    Files.write(CAPTURES.resolve(String.format("%02d-%s.png", capture, nom)), png);
  }

  private void connecterPortail(WebDriver d, String login, String motDePasse) {
    saisir(d, "identifiant", login);
    saisir(d, "motDePasse", motDePasse);
    d.findElement(By.cssSelector("#formulaire-connexion button[type=submit]")).click();
  }

  private void connecterTasklist(WebDriver d, String login, String motDePasse) {
    d.get(adresse("app/tasklist/"));
    attendreVisible(d, By.cssSelector("input[ng-model=username]")).sendKeys(login);
    d.findElement(By.cssSelector("input[ng-model=password]")).sendKeys(motDePasse);
    d.findElement(By.cssSelector("button[type=submit]")).click();
    attendre(d, By.cssSelector("[cam-tasks], .tasks-list, .task-filters"));
  }

  private void ouvrirTache(WebDriver d, String idTache, String numero) {
    d.get(adresse("app/tasklist/default/#/?task=" + idTache));
    attendre(d, By.cssSelector(".fjs-container"));
    // The form shows the dossier it is about (a form-js field: its value is a property).
    attendreQue(
        d,
        x ->
            numero.equals(
                    x.findElement(By.cssSelector("[id$='-Field_Numero']")).getDomProperty("value"))
                ? Boolean.TRUE
                : null);
    List<WebElement> prendre = d.findElements(By.cssSelector("button.claim"));
    if (!prendre.isEmpty()) {
      cliquer(d, prendre.getFirst());
      attendreQue(
          d, x -> x.findElements(By.cssSelector("button.claim")).isEmpty() ? Boolean.TRUE : null);
    }
  }

  /** Completes the open task with the form's "Terminer" and waits until the process moved on. */
  private void terminer(WebDriver d, String id, String cle, String compte) throws Exception {
    WebElement bouton =
        attendreQue(
            d,
            x -> {
              WebElement b = x.findElement(By.cssSelector("button[ng-click='complete()']"));
              return b.isEnabled() ? b : null;
            });
    cliquer(d, bouton);
    long limite = System.nanoTime() + ATTENTE.toNanos();
    while (ouverte(id, cle, compte).isPresent()) {
      if (System.nanoTime() > limite) {
        capturer(d, "echec-" + cle);
        fail("La tâche " + cle + " est restée ouverte après « Terminer ».");
      }
      Thread.sleep(500);
    }
  }

  /**
   * RGAA 4.1 rests on WCAG 2.1 AA: axe-core (from npm, the build's node_modules, never served) runs
   * its WCAG 2.1 A and AA rules on the page as it is, and any serious or critical violation fails
   * the test with the rule, the element and axe's help.
   */
  @SuppressWarnings("unchecked")
  private static void accessible(WebDriver d, String page) throws IOException {
    JavascriptExecutor js = (JavascriptExecutor) d;
    if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
      js.executeScript(Files.readString(AXE));
    }
    d.manage().timeouts().scriptTimeout(ATTENTE);
    List<Map<String, Object>> violations =
        (List<Map<String, Object>>)
            js.executeAsyncScript(
                "const fini = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                    + ".then(r => fini(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                    + ".map(v => ({id: v.id, aide: v.help, cibles: v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(' | ')}))))"
                    + ".catch(e => fini([{id: 'axe', aide: String(e), cibles: ''}]));");
    assertTrue(violations.isEmpty(), "Page « " + page + " » non accessible : " + violations);
  }

  // ------------------------------------------------------------------ HTTP

  private String tache(String id, String cle, String compte) throws Exception {
    long limite = System.nanoTime() + ATTENTE.toNanos();
    Optional<String> t;
    while ((t = ouverte(id, cle, compte)).isEmpty()) {
      if (System.nanoTime() > limite) {
        fail("La tâche " + cle + " n'est jamais apparue pour le dossier " + id);
      }
      Thread.sleep(500);
    }
    return t.get();
  }

  private Optional<String> ouverte(String id, String cle, String compte) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(adresse("api/v1/dossiers/" + id + "/taches")))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(compte.getBytes(StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    for (JsonNode t : JSON.readTree(r.body())) {
      if (cle.equals(t.path("cle").asText())) {
        return Optional.of(t.path("id").asText());
      }
    }
    return Optional.empty();
  }

  /** A download as the browser makes it: the portal's session cookie, nothing else. */
  private HttpResponse<byte[]> telecharger(WebDriver d, String href) throws Exception {
    Cookie session = d.manage().getCookieNamed("JSESSIONID");
    return client.send(
        HttpRequest.newBuilder(URI.create(base.toString()).resolve(href))
            .header("Cookie", "JSESSIONID=" + session.getValue())
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static X509Certificate racineDemo() throws Exception {
    try (InputStream in =
        Files.newInputStream(
            Path.of(
                System.getProperty("parcelle.test.data.dir"), "signature", "ac-demo-racine.pem"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
