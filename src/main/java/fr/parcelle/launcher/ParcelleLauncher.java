package fr.parcelle.launcher;

import fr.parcelle.infrastructure.identite.ComptesDemo;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Runs the platform on its embedded defaults: PostgreSQL in {@code data/postgres} (kept between
 * runs), then Payara Micro with the WAR and the Payara settings of {@code server-config/}. With
 * {@code PARCELLE_DB_URL} set it starts no database and never turns demo mode on. Ctrl-C stops
 * Payara (the engine and its job executor close cleanly), then PostgreSQL. On JDK 25 and later,
 * Payara starts from a root directory kept in {@code data/payara} with the JDK's AOT class cache
 * ({@link RacinePreparee}; {@code PARCELLE_AOT=false} turns that off).
 */
public final class ParcelleLauncher {

  private static final Duration DELAI_DEMARRAGE = Duration.ofMinutes(4);

  /**
   * Straight to the terminal: Maven's own console stream is already closed when shutdown hooks run,
   * and a failed print there must never keep PostgreSQL from stopping.
   */
  private static final PrintStream CONSOLE =
      new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

  private ParcelleLauncher() {}

  public static void main(String[] args) throws Exception {
    long debut = System.nanoTime();
    Path base = Path.of(System.getProperty("parcelle.launcher.basedir", ".")).toAbsolutePath();
    Path war = Path.of(propriete("parcelle.launcher.war"));
    Path micro = Path.of(propriete("parcelle.launcher.microJar"));
    Path configServeur = Path.of(propriete("parcelle.launcher.serverConfig"));
    int portHttp = Integer.parseInt(env("PARCELLE_HTTP_PORT", "8080"));

    Path donnees =
        Path.of(env("PARCELLE_DATA_DIR", base.resolve("data").toString())).toAbsolutePath();
    RacinePreparee preparee = null;
    Demarrage demarrage = null;
    List<String> commande;
    if (RacinePreparee.utilisable(
        Runtime.version().feature(),
        System.getenv("PARCELLE_AOT"),
        System.getenv("PARCELLE_MICRO_OPTS"))) {
      preparee = new RacinePreparee(donnees.resolve("payara"));
      demarrage = depuisRacine(preparee, micro, war, configServeur, portHttp, System::getenv);
      CONSOLE.println(
          switch (demarrage.etat()) {
            case NEUVE ->
                "[parcelle] Nouvelle racine Payara dans "
                    + preparee.racine()
                    + " : un démarrage de préparation y déploie le WAR, puis s'arrête pour écrire le"
                    + " cache AOT des classes chargées (une fois par version) ; l'application"
                    + " démarre ensuite depuis la racine et le cache.";
            case SANS_CACHE ->
                "[parcelle] Racine Payara préparée "
                    + preparee.racine()
                    + " sans cache AOT : un démarrage de préparation l'écrit d'abord.";
            case RACINE_SEULE ->
                "[parcelle] Racine Payara préparée "
                    + preparee.racine()
                    + " ; le cache AOT n'a pas pu être écrit pour cette version (voir "
                    + preparee.echec()
                    + ") : démarrage sans cache.";
            case PRETE ->
                "[parcelle] Racine Payara préparée "
                    + preparee.racine()
                    + ", cache AOT "
                    + preparee.cache();
          });
      commande = demarrage.commande();
    } else {
      commande = commande(micro, war, configServeur, portHttp);
    }
    ProcessBuilder payara = new ProcessBuilder(commande);
    // Payara's output goes through the launcher (SortiePayara), which copies it to the terminal and
    // sees a failed deployment.
    payara.redirectInput(ProcessBuilder.Redirect.INHERIT).redirectErrorStream(true);
    Map<String, String> environnement = payara.environment();

    EmbeddedDatabase embarquee = null;
    BoiteAuxLettresDemo courriels = null;
    String urlExterne = System.getenv("PARCELLE_DB_URL");
    environnement.putIfAbsent("PARCELLE_STORAGE_DIR", donnees.resolve("documents").toString());
    environnement.putIfAbsent(
        "PARCELLE_PLATAU_SORTIE", donnees.resolve("platau").resolve("sortie").toString());
    environnement.putIfAbsent(
        "PARCELLE_SIGNATURE_KEYSTORES_DIR", donnees.resolve("signature").toString());
    if (urlExterne == null || urlExterne.isBlank()) {
      int portBase = Integer.parseInt(env("PARCELLE_DB_PORT", String.valueOf(portLibre())));
      CONSOLE.println(
          "[parcelle] PostgreSQL embarqué, données dans " + donnees.resolve("postgres"));
      embarquee = EmbeddedDatabase.demarrer(donnees.resolve("postgres"), portBase);
      environnement.put("PARCELLE_DB_URL", embarquee.jdbcUrl());
      environnement.put("PARCELLE_DB_USER", EmbeddedDatabase.UTILISATEUR);
      // The embedded server trusts local connections; any non-empty value does.
      environnement.put("PARCELLE_DB_PASSWORD", "embarquee");
      environnement.put("PARCELLE_DB_EMBEDDED", "true");
      environnement.putIfAbsent("PARCELLE_DEMO_ENABLED", "true");
      courriels = BoiteAuxLettresDemo.demarrerSiBesoin(donnees, portHttp, environnement);
    } else {
      CONSOLE.println("[parcelle] Base externe " + urlExterne + " : aucun PostgreSQL démarré.");
      environnement.put("PARCELLE_DB_EMBEDDED", "false");
      environnement.put("PARCELLE_DEMO_ENABLED", "false");
    }

    EmbeddedDatabase aFermer = embarquee;
    BoiteAuxLettresDemo boiteAFermer = courriels;
    Lancement enCours = new Lancement();
    AtomicBoolean ecritLeCache = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    Process p = enCours.arreterLesDemarrages();
                    if (p != null) {
                      arreter(p, ecritLeCache.get());
                    }
                  } finally {
                    if (boiteAFermer != null) {
                      boiteAFermer.close();
                    }
                    if (aFermer != null) {
                      aFermer.close();
                      CONSOLE.println("[parcelle] PostgreSQL embarqué arrêté.");
                    }
                  }
                },
                "parcelle-arret"));

    String adresse = "http://localhost:" + portHttp;
    // Ctrl-C during the preparation: the hook stops it and no start follows (Lancement).
    try {
      if (demarrage != null
          && (demarrage.etat() == RacinePreparee.Etat.NEUVE
              || demarrage.etat() == RacinePreparee.Etat.SANS_CACHE)) {
        long t = System.nanoTime();
        ecritLeCache.set(true);
        boolean ecrit = preparer(preparee, demarrage, payara, adresse, enCours);
        ecritLeCache.set(false);
        CONSOLE.println(
            ecrit
                ? String.format(
                    "[parcelle] Préparation faite en %.1f s : cache AOT de %d Mo écrit.",
                    (System.nanoTime() - t) / 1e9, Files.size(preparee.cache()) / (1024 * 1024))
                : "[parcelle] La JVM n'a pas écrit le cache AOT (voir "
                    + preparee.echec()
                    + ") : démarrage depuis la racine sans cache, cette version ne réessaiera pas.");
        demarrage = depuisRacine(preparee, micro, war, configServeur, portHttp, System::getenv);
        payara.command(demarrage.commande());
      }
      long debutPayara = System.nanoTime();
      Process processus = enCours.demarrer(payara);
      Attente attente = attendre(adresse + "/health/ready", processus, suivre(payara, processus));
      if (attente.deploiementEchoue()) {
        CONSOLE.println(
            "[parcelle] Parcelle n'a pas pu être déployé ("
                + attente.resume()
                + ") : voir le journal ci-dessus. Arrêt.");
        System.exit(1);
      } else if (attente.pret()) {
        long fin = System.nanoTime();
        CONSOLE.println(
            banniere(
                    adresse,
                    String.format(
                        "%.1f s, dont Payara jusqu'à /health/ready : %.1f s",
                        (fin - debut) / 1e9, (fin - debutPayara) / 1e9),
                    embarquee != null,
                    environnement)
                + (courriels == null ? "" : courriels.description()));
      } else if (processus.isAlive()) {
        CONSOLE.println(
            "[parcelle] Payara ne répond pas prêt après "
                + DELAI_DEMARRAGE.toMinutes()
                + " min ("
                + attente.resume()
                + ") : voir le journal ci-dessus.");
      }
      int code = processus.waitFor();
      System.exit(code);
    } catch (IllegalStateException e) {
      if (!enCours.arretDemande()) {
        throw e;
      }
    }
  }

  /**
   * The preparation run of a new root (or of one left without a cache): starts {@code demarrage}'s
   * command with {@code payara}'s environment and output, waits until the application answers
   * ready, confirms the root, then stops it as Ctrl-C does and waits for the JVM to write the AOT
   * cache. The cache thus records the start-up of a JVM that served nobody: Temurin 25.0.3 crashed
   * writing it after a run that had served deposits (docs/performance.md). Returns whether the
   * cache was written; if not, the root is marked {@link RacinePreparee.Etat#RACINE_SEULE}. The
   * process is started through {@code enCours}, which the caller's shutdown hook stops.
   */
  public static boolean preparer(
      RacinePreparee preparee,
      Demarrage demarrage,
      ProcessBuilder payara,
      String adresse,
      Lancement enCours)
      throws IOException, InterruptedException {
    payara.command(demarrage.commande());
    Process p = enCours.demarrer(payara);
    Attente attente = attendre(adresse + "/health/ready", p, suivre(payara, p));
    if (!attente.pret()) {
      boolean vivant = p.isAlive();
      p.destroyForcibly().waitFor();
      throw new IllegalStateException(
          "Le démarrage de préparation de "
              + preparee.racine()
              + " n'a pas répondu prêt ("
              + (vivant ? "toujours en marche" : "code " + p.exitValue())
              + " ; "
              + attente.resume()
              + ") : voir son journal.");
    }
    if (demarrage.etat() == RacinePreparee.Etat.NEUVE) {
      preparee.confirmer(demarrage.empreinte());
    }
    arreter(p, true);
    return preparee.cacheEcrit(demarrage.empreinte(), p.waitFor());
  }

  /**
   * What watches the output of {@code processus}, started from {@code payara}: a copy to the
   * terminal when its output is a pipe, its journal when it goes to a file with its errors.
   */
  public static SortiePayara suivre(ProcessBuilder payara, Process processus) {
    ProcessBuilder.Redirect sortie = payara.redirectOutput();
    if (sortie.type() == ProcessBuilder.Redirect.Type.PIPE) {
      return SortiePayara.recopier(processus.getInputStream(), CONSOLE);
    }
    if (sortie.file() != null && payara.redirectErrorStream()) {
      return SortiePayara.journal(sortie.file().toPath());
    }
    return SortiePayara.INCONNUE;
  }

  /**
   * The Payara process of the moment (the preparation's, then the platform's) and the shutdown
   * hook's request: once Ctrl-C asked to stop, no new process starts. Without it, a Ctrl-C while
   * the preparation's JVM wrote the cache let the launcher go on to start the platform, which then
   * outlived the launcher and its embedded PostgreSQL.
   */
  public static final class Lancement {
    private Process courant;
    private boolean arrete;

    /** Starts {@code payara}, unless stopping was asked for. */
    public synchronized Process demarrer(ProcessBuilder payara) throws IOException {
      if (arrete) {
        throw new IllegalStateException("Arrêt demandé : Payara n'est pas démarré.");
      }
      courant = payara.start();
      return courant;
    }

    /** No start after this; returns the process to stop (null if none was started). */
    public synchronized Process arreterLesDemarrages() {
      arrete = true;
      return courant;
    }

    public synchronized Process courant() {
      return courant;
    }

    public synchronized boolean arretDemande() {
      return arrete;
    }
  }

  /** A start from a prepared root: what the root held, its expected fingerprint, the command. */
  public record Demarrage(RacinePreparee.Etat etat, String empreinte, List<String> commande) {}

  /**
   * This run's command from the kept root {@code preparee}: a new root (made now) where the WAR is
   * deployed and the classes recorded, or the root where it is deployed already, with its cache.
   * The caller records {@link RacinePreparee#confirmer} once a new root's application is ready.
   */
  public static Demarrage depuisRacine(
      RacinePreparee preparee,
      Path micro,
      Path war,
      Path configServeur,
      int portHttp,
      java.util.function.UnaryOperator<String> environnement)
      throws IOException, InterruptedException {
    String empreinte =
        RacinePreparee.empreinte(
            war, micro, Runtime.version().toString(), optionsJvmConfigurees(environnement));
    RacinePreparee.Etat etat = preparee.etat(empreinte);
    if (etat == RacinePreparee.Etat.NEUVE) {
      preparee.reinitialiser(java(), micro);
    }
    return new Demarrage(
        etat,
        empreinte,
        commande(
            preparee.lanceur(),
            etat == RacinePreparee.Etat.NEUVE ? war : null,
            configServeur,
            portHttp,
            environnement,
            preparee.optionsJvm(etat)));
  }

  /** The command that starts Payara Micro with the application and our server configuration. */
  public static List<String> commande(Path micro, Path war, Path configServeur, int portHttp) {
    return commande(micro, war, configServeur, portHttp, System::getenv);
  }

  /**
   * The same, with the environment read from {@code environnement}. {@code PARCELLE_JAVA_OPTS} and
   * {@code PARCELLE_MICRO_OPTS} may each hold several options, separated by spaces.
   */
  static List<String> commande(
      Path micro,
      Path war,
      Path configServeur,
      int portHttp,
      java.util.function.UnaryOperator<String> environnement) {
    return commande(micro, war, configServeur, portHttp, environnement, List.of());
  }

  /**
   * The command with {@code optionsJvm} after the configured JVM options, and {@code jar} started
   * with {@code --deploy war}, or without when {@code war} is null (the application is already
   * deployed in a kept root directory, {@link RacinePreparee}).
   */
  static List<String> commande(
      Path jar,
      Path war,
      Path configServeur,
      int portHttp,
      java.util.function.UnaryOperator<String> environnement,
      List<String> optionsJvm) {
    List<String> c = new ArrayList<>();
    c.add(java().toString());
    c.addAll(optionsJvmConfigurees(environnement));
    c.addAll(optionsJvm);
    c.add("-jar");
    c.add(jar.toString());
    if (war != null) {
      c.add("--deploy");
      c.add(war.toString());
    }
    c.add("--port");
    c.add(String.valueOf(portHttp));
    // A single node: Hazelcast stays local (no cluster discovery on the network).
    c.addAll(options(env(environnement, "PARCELLE_MICRO_OPTS", "--nocluster")));
    ajouterSiPresent(c, "--prebootcommandfile", configServeur.resolve("pre-boot-commands.asadmin"));
    ajouterSiPresent(
        c, "--postbootcommandfile", configServeur.resolve("post-boot-commands.asadmin"));
    ajouterSiPresent(c, "--logproperties", configServeur.resolve("logging.properties"));
    return c;
  }

  /**
   * The serial collector on two cores; a heap that starts small and is given back after a full
   * collection once 40 % of it is free (RSS after start-up 582 instead of 614 MB, deposit rate
   * unchanged: docs/performance.md).
   */
  static final String OPTIONS_JVM_PAR_DEFAUT =
      "-Xms128m -Xmx768m -XX:+UseSerialGC -XX:MaxHeapFreeRatio=40 -XX:MinHeapFreeRatio=15";

  private static List<String> optionsJvmConfigurees(
      java.util.function.UnaryOperator<String> environnement) {
    return options(env(environnement, "PARCELLE_JAVA_OPTS", OPTIONS_JVM_PAR_DEFAUT));
  }

  private static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static void ajouterSiPresent(List<String> c, String option, Path fichier) {
    if (Files.isRegularFile(fichier)) {
      c.add(option);
      c.add(fichier.toString());
    }
  }

  /**
   * Waits until {@code url} answers UP, the process dies, or the start-up delay runs out, and says
   * what it saw: a start that is not ready is reported with the last answer of {@code
   * /health/ready} (which check was DOWN), or that nothing answered, or that nothing listened.
   */
  public static Attente attendre(String url, Process processus) throws InterruptedException {
    return attendre(url, processus::isAlive, SortiePayara.INCONNUE, DELAI_DEMARRAGE);
  }

  /**
   * The same, told by {@code sortie} when Payara has declared its start over: a deployment that
   * failed is then reported at once ({@link Attente#deploiementEchoue}).
   */
  public static Attente attendre(String url, Process processus, SortiePayara sortie)
      throws InterruptedException {
    return attendre(url, processus::isAlive, sortie, DELAI_DEMARRAGE);
  }

  /**
   * What a wait for {@code /health/ready} saw.
   *
   * @param pret whether it answered UP
   * @param essais the requests sent
   * @param dernierEssai the last attempt's outcome, in French (status and body, or the error)
   * @param deploiementEchoue Payara said its start was over, and then that no application was
   *     deployed: it will not become ready
   */
  public record Attente(boolean pret, int essais, String dernierEssai, boolean deploiementEchoue) {

    Attente(boolean pret, int essais, String dernierEssai) {
      this(pret, essais, dernierEssai, false);
    }

    /** One line for a report: "N essais ; dernier : …". */
    public String resume() {
      return essais + (essais > 1 ? " essais" : " essai") + " ; dernier : " + dernierEssai;
    }
  }

  /** A body kept in a report is cut there. */
  private static final int CORPS_RAPPORTE = 600;

  /**
   * Each attempt on a new HTTP/1.1 connection, closed after it. The JDK's client asks by default
   * for an upgrade to HTTP/2 over plain HTTP, which Payara grants, and then sends every later
   * request on that one connection, so a connection stuck during the start-up could keep all of
   * them unanswered. One bench start (7 Dec.) waited the whole four minutes while its log said
   * Payara had been ready for three and a half; its cause was not found, and the poll no longer
   * depends on one connection. The last attempt's outcome is kept, so that the next start that is
   * not ready says what it answered.
   */
  static Attente attendre(String url, BooleanSupplier vivant, Duration delai)
      throws InterruptedException {
    return attendre(url, vivant, SortiePayara.INCONNUE, delai);
  }

  /**
   * Payara's answer while no application is loaded. It answers so during the deployment too, so it
   * means a failed deployment only once Payara has said its start was over.
   */
  static final String AUCUNE_APPLICATION = "No Application deployed";

  static Attente attendre(String url, BooleanSupplier vivant, SortiePayara sortie, Duration delai)
      throws InterruptedException {
    long limite = System.nanoTime() + delai.toNanos();
    HttpRequest demande =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
    int essais = 0;
    String dernier = "aucun";
    while (System.nanoTime() < limite) {
      if (!vivant.getAsBoolean()) {
        return new Attente(
            false,
            essais,
            essais == 0
                ? "aucun, le processus s'est arrêté avant"
                : dernier + " ; puis le processus s'est arrêté");
      }
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(2))
              .build();
      essais++;
      // Read before the request: an answer computed before Payara's line is not a verdict.
      boolean demarre = sortie.demarre();
      try {
        HttpResponse<String> r = client.send(demande, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
          return new Attente(true, essais, "200 UP");
        }
        String corps = r.body().strip();
        dernier =
            "HTTP "
                + r.statusCode()
                + (corps.isEmpty()
                    ? ", corps vide"
                    : " "
                        + (corps.length() > CORPS_RAPPORTE
                            ? corps.substring(0, CORPS_RAPPORTE) + "…"
                            : corps));
        if (demarre && r.statusCode() == 503 && corps.contains(AUCUNE_APPLICATION)) {
          return new Attente(
              false,
              essais,
              dernier
                  + " ; Payara a fini de démarrer sans l'application : son déploiement a échoué"
                  + sortie.premiereErreur().map(e -> " (première erreur : " + e + ")").orElse(""),
              true);
        }
      } catch (IOException e) {
        // not listening yet, or no answer within the attempt's time
        dernier =
            e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
      } finally {
        client.shutdownNow();
      }
      Thread.sleep(1000);
    }
    return new Attente(false, essais, dernier);
  }

  /**
   * SIGTERM, then SIGKILL after a minute, or after three when the JVM writes the AOT cache as it
   * exits (25 s measured on two busy cores; killed, it leaves no cache and the next start prepares
   * one again).
   */
  static void arreter(Process processus, boolean ecritLeCache) {
    if (processus.isAlive()) {
      CONSOLE.println(
          ecritLeCache
              ? "[parcelle] Arrêt de Payara et écriture du cache AOT (une demi-minute environ)…"
              : "[parcelle] Arrêt de Payara…");
      // SIGTERM through the handle: Process.destroy() also closes our end of Payara's output pipe,
      // so that the shutdown wrote into a closed pipe, and the JVM left without writing the AOT
      // cache (seen on 7 Dec., exit 143 at once).
      processus.toHandle().destroy();
      try {
        if (!processus.waitFor(ecritLeCache ? 180 : 60, TimeUnit.SECONDS)) {
          processus.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        processus.destroyForcibly();
      }
    }
  }

  private static String banniere(
      String adresse, String duree, boolean embarquee, Map<String, String> environnement) {
    StringBuilder b = new StringBuilder();
    b.append("\n============================================================\n");
    b.append(" Parcelle est prêt (").append(duree).append(")\n\n");
    b.append(" Accueil      ").append(adresse).append("/\n");
    b.append(" Tasklist     ").append(adresse).append("/app/tasklist/\n");
    b.append(" Cockpit      ").append(adresse).append("/app/cockpit/\n");
    b.append(" Admin        ").append(adresse).append("/app/admin/\n");
    b.append(" API          ")
        .append(adresse)
        .append("/api/v1  (OpenAPI : ")
        .append(adresse)
        .append("/openapi)\n");
    b.append(" Santé        ")
        .append(adresse)
        .append("/health   Métriques : ")
        .append(adresse)
        .append("/metrics\n");
    if (embarquee && "true".equals(environnement.get("PARCELLE_DEMO_ENABLED"))) {
      b.append("\n Comptes de démonstration (identifiant / mot de passe) :\n");
      for (ComptesDemo.Compte c : ComptesDemo.COMPTES) {
        b.append(String.format("   %-19s / %-18s %s%n", c.login(), c.motDePasse(), c.fonction()));
      }
      b.append(
          " Signature électronique de démonstration : faire confiance à "
              + environnement.get("PARCELLE_SIGNATURE_KEYSTORES_DIR")
              + "/ac-demo-racine.pem\n   dans le lecteur PDF pour voir les arrêtés signés comme valides.\n");
    }
    b.append("\n Ctrl-C pour arrêter.\n");
    b.append("============================================================\n");
    return b.toString();
  }

  public static int portLibre() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String propriete(String nom) {
    String v = System.getProperty(nom);
    if (v == null) {
      throw new IllegalStateException(
          "Propriété " + nom + " absente : lancez par « mvn -Prun package ».");
    }
    return v;
  }

  private static String env(String nom, String defaut) {
    return env(System::getenv, nom, defaut);
  }

  private static String env(
      java.util.function.UnaryOperator<String> environnement, String nom, String defaut) {
    String v = environnement.apply(nom);
    return v == null || v.isBlank() ? defaut : v;
  }

  /** Options separated by spaces, each its own argument (a single string was one argument). */
  private static List<String> options(String valeur) {
    return java.util.Arrays.stream(valeur.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
  }
}
