package fr.parcelle.bench;

import fr.parcelle.launcher.EmbeddedDatabase;
import fr.parcelle.launcher.ParcelleLauncher;
import fr.parcelle.launcher.RacinePreparee;
import fr.parcelle.launcher.SortiePayara;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Filing benchmark (not a test): starts the platform on a fresh embedded PostgreSQL under
 * target/bench, warms it up with {@code banc.chauffe} dossiers (3,000; their rate is printed too),
 * then files {@code banc.dossiers} complete PCMI (1,000) through HTTP at each concurrency of {@code
 * banc.concurrences} (1, 8 and 32, as issue 8 asks), ten unique pièces each (eight PDFs of a few
 * hundred KB, two photos), then uploads one {@code banc.grosse-piece-mo} pièce (500 MB) beside a
 * raw loopback upload of the same bytes, and prints a table with start-up time and resident memory.
 * Run alone: {@code mvn -Pbench package -Dbanc.parties=a} ({@link BancComplet}).
 */
public final class BancDepot {

  private static final String COMPTE =
      "Basic " + Base64.getEncoder().encodeToString("architecte:architecte-demo".getBytes());
  private static final String[] COMMUNES = {
    "35352", "35238", "35051", "35047", "35055", "35024", "35001", "35066"
  };
  private static final List<Envoi> MODES = envois();
  private static final List<String> CODES_PDF =
      List.of("PCMI1", "PCMI2", "PCMI3", "PCMI4", "PCMI5", "PCMI6", "PCMI11", "PCMI12");
  private static final String FRONTIERE = "----ParcelleBanc7MA4YWxkTrZu0gW";
  private static final Pattern HEAP =
      Pattern.compile("(?m)^(?:base_)?memory_usedHeap_bytes(?:\\{[^}]*\\})? ([0-9.E+]+)");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String adresse;
  private final byte[] pdf;
  private final byte[] photo;

  private BancDepot(String adresse) throws IOException {
    this.adresse = adresse;
    this.pdf = pdfRealiste();
    this.photo = photoRealiste();
  }

  public static void main(String[] args) throws Exception {
    int dossiers = Integer.getInteger("banc.dossiers", 1000);
    int concurrence = Integer.getInteger("banc.concurrence", 8);
    // The figures by default: one 500 MB pièce (b), concurrency 1, 8 and 32 (a).
    int grosMo = Integer.getInteger("banc.grosse-piece-mo", 500);
    Path racine = Path.of(System.getProperty("banc.repertoire", "target/bench"));
    deleteRecursively(racine);
    Files.createDirectories(racine);

    try (EmbeddedDatabase base =
        EmbeddedDatabase.demarrer(
            racine.resolve("postgres"), ParcelleLauncher.portLibre(), StatistiquesSql.reglages())) {
      if (StatistiquesSql.demandees()) {
        statistiques = new StatistiquesSql(base.dataSource());
      }
      int port = ParcelleLauncher.portLibre();
      Path micro = Path.of(System.getProperty("parcelle.launcher.microJar"));
      Path war = Path.of(System.getProperty("parcelle.launcher.war"));
      Path config = Path.of(System.getProperty("parcelle.launcher.serverConfig"));
      String adresse = "http://localhost:" + port;
      // The raw baseline of (f): the same Payara Micro on the same JDK, started bare first.
      String premierDemarrage = payaraNu(micro, racine);
      String depart = "";
      List<String> commande;
      // As the launcher starts it (README, "Start-up"): a first start deploys into a new kept root
      // and leaves the JDK's AOT cache when stopped; the bench runs on the second start, from both.
      // -Dbanc.aot=false: Payara unpacked into a temporary root and the WAR deployed, as before.
      if (RacinePreparee.utilisable(
          Runtime.version().feature(),
          System.getProperty("banc.aot"),
          System.getenv("PARCELLE_MICRO_OPTS"))) {
        RacinePreparee preparee = new RacinePreparee(racine.resolve("payara"));
        ParcelleLauncher.Demarrage neuf =
            ParcelleLauncher.depuisRacine(preparee, micro, war, config, port, System::getenv);
        long t0 = System.nanoTime();
        Process premier =
            demarrer(sansCacheSiDemande(neuf.commande()), base, racine, grosMo, "payara-neuf.log");
        try {
          attendre(adresse, premier, racine.resolve("payara-neuf.log"));
          double duree = (System.nanoTime() - t0) / 1e9;
          long rss = rss(premier.pid());
          preparee.confirmer(neuf.empreinte());
          // The cache also keeps the method profiles of this first run (JDK 25, JEP 515), which the
          // JIT starts from after a restart. In production that run serves real users until it is
          // stopped; -Dbanc.entrainement=N files N dossiers first, as they would (0: an idle run).
          int entrainement = Integer.getInteger("banc.entrainement", 0);
          String charge = "";
          if (entrainement > 0) {
            Mesure m = new BancDepot(adresse).mesurer(entrainement, concurrence);
            charge =
                String.format(
                    ", après %d dossiers déposés (%.1f dossiers/s)", entrainement, m.debit());
          }
          long t1 = System.nanoTime();
          premier.destroy();
          preparee.cacheEcrit(neuf.empreinte(), premier.waitFor());
          premierDemarrage +=
              String.format(
                  "démarrage sur une racine neuve (déploiement du WAR)  %8.1f s, %d Mo résidents ;"
                      + " arrêt%s avec écriture du cache AOT (%d Mo) : %.1f s%n",
                  duree,
                  rss / 1024,
                  charge,
                  Files.exists(preparee.cache()) ? Files.size(preparee.cache()) / (1024 * 1024) : 0,
                  (System.nanoTime() - t1) / 1e9);
        } finally {
          premier.destroyForcibly();
        }
        ParcelleLauncher.Demarrage ensuite =
            ParcelleLauncher.depuisRacine(preparee, micro, war, config, port, System::getenv);
        commande = sansCacheSiDemande(ensuite.commande());
        depart =
            ensuite.etat() == RacinePreparee.Etat.PRETE
                    && !"racine".equals(System.getProperty("banc.aot"))
                ? " (racine préparée, cache AOT)"
                : " (racine préparée, sans cache)";
      } else {
        commande = ParcelleLauncher.commande(micro, war, config, port);
      }
      long t0 = System.nanoTime();
      Process payara = demarrer(commande, base, racine, grosMo, "payara.log");
      try {
        attendre(adresse, payara, racine.resolve("payara.log"));
        double demarrage = (System.nanoTime() - t0) / 1e9;
        new BancDepot(adresse)
            .executer(
                dossiers,
                concurrence,
                grosMo,
                payara.pid(),
                racine,
                demarrage,
                premierDemarrage + depart);
      } finally {
        payara.destroy();
        payara.waitFor();
      }
    }
  }

  /** -Dbanc.sql=true: what each measure sent to PostgreSQL; null otherwise. */
  private static StatistiquesSql statistiques;

  /** The bare Payara's time to "ready in" and resident memory, for the synthesis. */
  private static double nuPret;

  private static long nuResidentMo;

  /** Why the synthesis has no bare start-up, if it has none. */
  private static String nuAbsent = "non mesuré (-Dbanc.payara-nu=false)";

  /**
   * The raw baseline of the start-up (issue 8, f): the same Payara Micro jar on the same JDK, with
   * no application and no option but {@code --nocluster} and a free port, timed from its launch to
   * its "ready in" log line (read every 50 ms) with its resident memory then. Run before the
   * platform, alone on the machine. -Dbanc.payara-nu=false skips it.
   */
  private static String payaraNu(Path micro, Path racine) throws IOException, InterruptedException {
    if (!Boolean.parseBoolean(System.getProperty("banc.payara-nu", "true"))) {
      return "";
    }
    Path journal = racine.resolve("payara-nu.log");
    List<String> commande =
        List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "-jar",
            micro.toString(),
            "--nocluster",
            "--port",
            String.valueOf(ParcelleLauncher.portLibre()),
            "--rootdir",
            racine.resolve("payara-nu").toString());
    long t0 = System.nanoTime();
    Process nu =
        new ProcessBuilder(commande)
            .redirectErrorStream(true)
            .redirectOutput(journal.toFile())
            .start();
    SortiePayara sortie = SortiePayara.journal(journal);
    try {
      long limite = t0 + 180_000_000_000L;
      while (System.nanoTime() < limite && nu.isAlive()) {
        if (sortie.demarre()) {
          double duree = (System.nanoTime() - t0) / 1e9;
          nuPret = duree;
          nuResidentMo = rss(nu.pid()) / 1024;
          return String.format(
              "brut : Payara Micro nu (même JDK, sans application, --nocluster) prêt en %.1f s,"
                  + " %d Mo résidents%n",
              duree, nuResidentMo);
        }
        Thread.sleep(50);
      }
      nuAbsent =
          "Payara Micro nu "
              + (nu.isAlive() ? "pas prêt en 3 min" : "arrêté avant d'être prêt")
              + " (voir "
              + journal
              + ")";
      return "brut : " + nuAbsent + "\n";
    } finally {
      nu.destroy();
      if (!nu.waitFor(60, TimeUnit.SECONDS)) {
        nu.destroyForcibly().waitFor();
      }
    }
  }

  /**
   * -Dbanc.aot=racine: the kept root and its deployment without the AOT cache, to tell what each of
   * the two changes to the server.
   */
  private static List<String> sansCacheSiDemande(List<String> commande) {
    return "racine".equals(System.getProperty("banc.aot"))
        ? commande.stream().filter(a -> !a.startsWith("-XX:AOTCache")).toList()
        : commande;
  }

  private static void attendre(String adresse, Process payara, Path journal)
      throws InterruptedException {
    ParcelleLauncher.Attente attente =
        ParcelleLauncher.attendre(adresse + "/health/ready", payara, SortiePayara.journal(journal));
    if (!attente.pret()) {
      throw new IllegalStateException(
          "La plateforme n'a pas démarré (" + attente.resume() + ") : voir " + journal);
    }
  }

  private static Process demarrer(
      List<String> commande, EmbeddedDatabase base, Path racine, int grosMo, String journal)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(commande);
    pb.redirectErrorStream(true).redirectOutput(racine.resolve(journal).toFile());
    pb.environment().put("PARCELLE_DB_URL", base.jdbcUrl());
    pb.environment().put("PARCELLE_DB_USER", EmbeddedDatabase.UTILISATEUR);
    pb.environment().put("PARCELLE_DB_PASSWORD", "banc");
    pb.environment().put("PARCELLE_DB_EMBEDDED", "true");
    pb.environment().put("PARCELLE_DEMO_ENABLED", "true");
    // One demo account files every dossier of the bench: the per-user upload limits, meant for
    // people, would measure themselves instead of the pipeline.
    pb.environment().put("PARCELLE_TELEVERSEMENTS_SIMULTANES_PAR_UTILISATEUR", "1000");
    pb.environment().put("PARCELLE_TELEVERSEMENTS_PAR_FENETRE", "100000000");
    pb.environment()
        .put("PARCELLE_STORAGE_DIR", racine.resolve("documents").toAbsolutePath().toString());
    pb.environment()
        .put(
            "PARCELLE_SIGNATURE_KEYSTORES_DIR",
            racine.resolve("signature").toAbsolutePath().toString());
    // -Dbanc.job-executor=false: deposits alone, the instruction's first steps left undone, to
    // tell the deposit's cost from the process's.
    pb.environment()
        .put(
            "PARCELLE_ENGINE_JOB_EXECUTOR_ENABLED",
            System.getProperty("banc.job-executor", "true"));
    pb.environment()
        .put("PARCELLE_PIECES_MAX_OCTETS", String.valueOf((grosMo + 10L) * 1024 * 1024));
    return pb.start();
  }

  private void executer(
      int n, int c, int grosMo, long pid, Path racine, double demarrage, String premierDemarrage)
      throws Exception {
    long rssDemarrage = rss(pid);
    // Warm-up, measured apart: right after start the JIT compilers still take a large share of the
    // two cores (JFR: 10 s of C2 compilation in a 20 s window one minute after start). The figure
    // that matters for a server that runs for weeks is the steady state after it.
    int chauffe = Integer.getInteger("banc.chauffe", 3000);
    Mesure froid = mesurer(chauffe, c);
    List<Integer> concurrences = new ArrayList<>();
    for (String x : System.getProperty("banc.concurrences", "1,8,32").split(",")) {
      concurrences.add(Integer.parseInt(x.trim()));
    }
    List<Mesure> mesures = new ArrayList<>();
    AtomicLong picTas = new AtomicLong();
    Thread sondeur = sonderTas(picTas);
    // The CPU each process spends per dossier: which process a change saved.
    TempsProcesseur processeur =
        TempsProcesseur.disponible()
            ? new TempsProcesseur(pid, racine.resolve("postgres").resolve("postmaster.pid"))
            : null;
    System.out.printf(
        "chauffe : %d dossiers à concurrence %d, %.1f dossiers/s%n", chauffe, c, froid.debit());
    for (int conc : concurrences) {
      for (Envoi envoi : MODES) {
        if (statistiques != null) {
          statistiques.remettreAZero();
        }
        TempsProcesseur.Releve avant = processeur != null ? processeur.lire() : null;
        Mesure m = mesurer(n, conc, envoi);
        String cpu =
            processeur != null ? TempsProcesseur.parDossier(avant, processeur.lire(), n) : null;
        m = m.avecProcesseur(cpu);
        mesures.add(m);
        System.out.printf(
            "concurrence %d, %s : %.1f dossiers/s (tas du serveur : %d Mo)%n",
            conc, envoi.libelle, m.debit(), tas() / (1024 * 1024));
        if (cpu != null) {
          System.out.println("  " + cpu);
        }
        if (statistiques != null) {
          System.out.println(
              "  "
                  + statistiques.lire(
                      n,
                      racine.resolve("sql-" + conc + "-" + envoi.name().toLowerCase() + ".tsv")));
        }
      }
    }
    sondeur.interrupt();
    long rssApres = rss(pid);

    // The deposits' raw baseline, same run, same client, same requests at each concurrency: a bare
    // JDK HTTP server that writes each body to a new file and fsyncs it, and nothing else.
    Path repertoireBrut = racine.resolve("depots-bruts");
    com.sun.net.httpserver.HttpServer serveurBrut = serveurBrut(repertoireBrut);
    List<Mesure> bruts = new ArrayList<>();
    try {
      BancDepot client = new BancDepot("http://127.0.0.1:" + serveurBrut.getAddress().getPort());
      for (int conc : concurrences) {
        for (Envoi envoi : MODES) {
          bruts.add(client.mesurer(n, conc, envoi));
        }
      }
    } finally {
      serveurBrut.stop(0);
      deleteRecursively(repertoireBrut);
    }

    // One big pièce: streamed, compared in the same run with the same bytes uploaded over loopback
    // HTTP to a bare JDK server that writes them to disk and fsyncs (the raw baseline).
    jcmd(pid, "GC.run");
    Thread.sleep(500);
    long tasAvant = tas();
    AtomicLong pic = new AtomicLong(tasAvant);
    Thread sonde = sonderTas(pic);
    Path gros = racine.resolve("grosse-piece.jpg");
    ecrireGrossePhoto(gros, grosMo);
    String id = creer("35352");
    long t = System.nanoTime();
    HttpResponse<String> r =
        http.send(
            requete("/api/v1/dossiers/" + id + "/pieces/PCMI7")
                .header("Content-Type", "image/jpeg")
                .PUT(HttpRequest.BodyPublishers.ofFile(gros))
                .timeout(Duration.ofMinutes(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    double envoiGros = (System.nanoTime() - t) / 1e9;
    sonde.interrupt();
    if (r.statusCode() != 201) {
      throw new IllegalStateException("Grosse pièce refusée : " + r.body());
    }
    double brut = envoiBrut(gros, racine.resolve("copie-brute"));
    double mo = Files.size(gros) / (1024.0 * 1024);

    System.out.println();
    System.out.println(
        "=== Banc de dépôt ("
            + Runtime.getRuntime().availableProcessors()
            + " cœurs, client et serveur sur la même machine) ===");
    // premierDemarrage: the first start's line, then how the measured one started.
    int fin = premierDemarrage.lastIndexOf('\n') + 1;
    System.out.print(premierDemarrage.substring(0, fin));
    System.out.printf(
        "démarrage de la plateforme jusqu'à /health/ready%s    %8.1f s%n",
        premierDemarrage.substring(fin), demarrage);
    System.out.printf(
        "mémoire résidente du serveur : %d Mo après le démarrage, %d Mo après le banc%n",
        rssDemarrage / 1024, rssApres / 1024);
    System.out.printf(
        "dossier complet : 10 pièces uniques, %d Ko (8 PDF + 2 photos)%n",
        (8 * pdf.length + 2 * photo.length) / 1024);
    System.out.printf(
        "chauffe (les %d premiers dossiers après le démarrage, concurrence %d) : %.1f dossiers/s%n",
        chauffe, c, froid.debit());
    System.out.println(
        "régime établi           pièces par      dossiers  dossiers/s   envoi p50/p95/p99 ms"
            + "   dépôt p50/p95/p99 ms   brut : dossiers/s  envoi p50/p95 ms  part du brut");
    for (int i = 0; i < mesures.size(); i++) {
      Mesure m = mesures.get(i);
      Mesure b = bruts.get(i);
      System.out.printf(
          "concurrence %3d  %-17s %8d  %10.1f   %6.0f %6.0f %6.0f   %6.0f %6.0f %6.0f"
              + "   %18.1f  %8.1f %7.1f  %10.0f %%%n",
          m.concurrence(),
          m.envoi().libelle,
          m.dossiers(),
          m.debit(),
          pct(m.envois(), 50),
          pct(m.envois(), 95),
          pct(m.envois(), 99),
          pct(m.depots(), 50),
          pct(m.depots(), 95),
          pct(m.depots(), 99),
          b.debit(),
          pct(b.envois(), 50),
          pct(b.envois(), 95),
          100 * m.debit() / b.debit());
      if (m.processeur() != null) {
        System.out.println("                 " + m.processeur());
      }
    }
    System.out.println(
        "(cible : >= 20 dossiers/s à concurrence 8 ; envoi : une requête de pièce (10 PUT) ou"
            + " l'unique requête multipart ; brut : les mêmes requêtes vers un serveur HTTP nu du JDK"
            + " qui écrit chaque corps, ou chaque partie d'un corps multipart, dans un nouveau fichier"
            + " avec fsync)");
    System.out.printf("tas du serveur pendant le banc : pic %d Mo%n", picTas.get() / (1024 * 1024));
    System.out.printf(
        "pièce de %.0f Mo : %.0f Mo/s ; envoi brut des mêmes octets (HTTP local, écriture + fsync)"
            + " : %.0f Mo/s, soit %.0f %% du brut (cible >= 80 %%)%n",
        mo, mo / envoiGros, mo / brut, 100 * brut / envoiGros);
    long croissanceMo = (pic.get() - tasAvant) / (1024 * 1024);
    System.out.printf("croissance du tas pendant cet envoi : %d Mo (cible < 64)%n", croissanceMo);
    noter(mesures, bruts, mo, envoiGros, brut, croissanceMo, demarrage, rssDemarrage / 1024);
  }

  /** The rows of (a), (b) and (f) in the synthesis ({@link BancComplet}). */
  private static void noter(
      List<Mesure> mesures,
      List<Mesure> bruts,
      double mo,
      double envoiGros,
      double brut,
      long croissanceMo,
      double demarrage,
      long residentMo) {
    for (int i = 0; i < mesures.size(); i++) {
      Mesure m = mesures.get(i);
      Mesure b = bruts.get(i);
      boolean cible = m.concurrence() == 8;
      Synthese.noter(
          "(a) dépôts, concurrence " + m.concurrence() + ", " + m.envoi().libelle,
          String.format(
              Locale.ROOT,
              "%.1f dossiers/s ; envoi p50/p95/p99 %.0f/%.0f/%.0f ms, dépôt %.0f/%.0f/%.0f ms%s",
              m.debit(),
              pct(m.envois(), 50),
              pct(m.envois(), 95),
              pct(m.envois(), 99),
              pct(m.depots(), 50),
              pct(m.depots(), 95),
              pct(m.depots(), 99),
              m.processeur() != null ? " ; " + m.processeur() : ""),
          String.format(Locale.ROOT, "%.1f dossiers/s", b.debit()),
          Synthese.pourcent(m.debit() / b.debit()),
          cible ? "≥ 20 dossiers/s" : "—",
          cible ? m.debit() >= 20 : null);
    }
    Synthese.noter(
        String.format(Locale.ROOT, "(b) une pièce de %.0f Mo", mo),
        String.format(
            Locale.ROOT, "%.0f Mo/s, tas du serveur +%d Mo", mo / envoiGros, croissanceMo),
        String.format(Locale.ROOT, "%.0f Mo/s (HTTP local, écriture + fsync)", mo / brut),
        Synthese.pourcent(brut / envoiGros),
        "≥ 80 % du brut, tas < 64 Mo",
        brut / envoiGros >= 0.8 && croissanceMo < 64);
    Synthese.noter(
        "(f) démarrage jusqu'à /health/ready, mémoire résidente",
        String.format(Locale.ROOT, "%.1f s, %d Mo", demarrage, residentMo),
        nuPret > 0
            ? String.format(
                Locale.ROOT, "%.1f s, %d Mo (Payara Micro nu, même JDK)", nuPret, nuResidentMo)
            : nuAbsent,
        nuPret > 0
            ? Synthese.fois(demarrage / nuPret)
                + " / "
                + Synthese.fois((double) residentMo / nuResidentMo)
            : "—",
        "≤ 20 s, ≤ 600 Mo",
        demarrage <= 20 && residentMo <= 600);
  }

  private record Mesure(
      int concurrence,
      int dossiers,
      double debit,
      List<Long> envois,
      List<Long> depots,
      Envoi envoi,
      String processeur) {

    Mesure avecProcesseur(String cpu) {
      return new Mesure(concurrence, dossiers, debit, envois, depots, envoi, cpu);
    }
  }

  /**
   * How the ten pièces of a dossier go: ten PUT (one per pièce, as the portal sends them) or one
   * multipart POST (as a professional's software can).
   */
  enum Envoi {
    UNITAIRE("10 PUT"),
    GROUPE("1 POST multipart");

    final String libelle;

    Envoi(String libelle) {
      this.libelle = libelle;
    }
  }

  /**
   * {@code -Dbanc.envoi=unitaire,groupe} (default both): the modes measured at each concurrency.
   */
  private static List<Envoi> envois() {
    List<Envoi> modes = new ArrayList<>();
    for (String x : System.getProperty("banc.envoi", "unitaire,groupe").split(",")) {
      modes.add(Envoi.valueOf(x.trim().toUpperCase(java.util.Locale.ROOT)));
    }
    return modes;
  }

  private Mesure mesurer(int n, int c) throws Exception {
    return mesurer(n, c, null);
  }

  /** {@code envoi} null: the modes alternate (warm-up, so that the JIT sees both paths). */
  private Mesure mesurer(int n, int c, Envoi envoi) throws Exception {
    List<Long> envois = Collections.synchronizedList(new ArrayList<>());
    List<Long> depots = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(c);
    // Shut down on every way out: a deposit that fails left the pool's threads alive, and `mvn
    // -Pbench package` (exec:java waits for them) hung after printing its table (7 Dec.).
    try {
      long debut = System.nanoTime();
      List<Future<?>> travaux = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        Envoi mode = envoi != null ? envoi : MODES.get(k % MODES.size());
        travaux.add(pool.submit(() -> deposerUnDossier(k, envois, depots, mode)));
      }
      for (Future<?> f : travaux) {
        f.get();
      }
      double secondes = (System.nanoTime() - debut) / 1e9;
      return new Mesure(c, n, n / secondes, envois, depots, envoi, null);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Resident memory of the server process, in KB (Linux). */
  private static long rss(long pid) throws IOException {
    for (String ligne : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (ligne.startsWith("VmRSS:")) {
        return Long.parseLong(ligne.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }

  private void deposerUnDossier(int k, List<Long> envois, List<Long> depots, Envoi envoi) {
    try {
      String id = creer(COMMUNES[k % COMMUNES.length]);
      if (envoi == Envoi.GROUPE) {
        envois.add(envoyerGroupe(id));
      } else {
        for (String code : CODES_PDF) {
          envois.add(envoyer(id, code, unique(pdf), "application/pdf"));
        }
        envois.add(envoyer(id, "PCMI7", unique(photo), "image/jpeg"));
        envois.add(envoyer(id, "PCMI8", unique(photo), "image/jpeg"));
      }
      long t = System.nanoTime();
      HttpResponse<String> r =
          http.send(
              requete("/api/v1/dossiers/" + id + "/depot")
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      depots.add(System.nanoTime() - t);
      if (r.statusCode() != 201) {
        throw new IllegalStateException("Dépôt refusé : " + r.body());
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private String creer(String insee) throws IOException, InterruptedException {
    String json =
        "{\"type\":\"PCMI\",\"communeInsee\":\""
            + insee
            + "\",\"demandeurs\":[{\"nature\":\"PARTICULIER\","
            + "\"nom\":\"Martin\",\"prenom\":\"Claire\"}],\"terrain\":{\"adresse\":{\"numero\":\"12\",\"voie\":"
            + "\"rue de la Seiche\",\"codePostal\":\"35770\",\"commune\":\"Vern-sur-Seiche\"},\"parcelles\":"
            + "[{\"prefixe\":\"000\",\"section\":\"AB\",\"numero\":\"0123\",\"surfaceM2\":540}]},\"projet\":"
            + "{\"description\":\"Maison individuelle\",\"surfacePlancherCreeeM2\":120,\"logementsCrees\":1,"
            + "\"contraintes\":[\"ZAC\"]}}";
    HttpResponse<String> r =
        http.send(
            requete("/api/v1/dossiers")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("Création refusée : " + r.body());
    }
    Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(r.body());
    m.find();
    return m.group(1);
  }

  private long envoyer(String id, String code, byte[] contenu, String type)
      throws IOException, InterruptedException {
    long t = System.nanoTime();
    HttpResponse<String> r =
        http.send(
            requete("/api/v1/dossiers/" + id + "/pieces/" + code)
                .header("Content-Type", type)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(contenu))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("Pièce " + code + " refusée : " + r.body());
    }
    return System.nanoTime() - t;
  }

  /** The dossier's ten pièces in one multipart/form-data POST. */
  private long envoyerGroupe(String id) throws IOException, InterruptedException {
    ByteArrayOutputStream corps =
        new ByteArrayOutputStream(8 * pdf.length + 2 * photo.length + 4096);
    for (String code : CODES_PDF) {
      partie(corps, code, code + ".pdf", unique(pdf));
    }
    partie(corps, "PCMI7", "proche.jpg", unique(photo));
    partie(corps, "PCMI8", "lointain.jpg", unique(photo));
    corps.writeBytes(("--" + FRONTIERE + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    long t = System.nanoTime();
    HttpResponse<String> r =
        http.send(
            requete("/api/v1/dossiers/" + id + "/pieces")
                .header("Content-Type", "multipart/form-data; boundary=" + FRONTIERE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(corps.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("Envoi groupé refusé : " + r.body());
    }
    return System.nanoTime() - t;
  }

  private static void partie(ByteArrayOutputStream corps, String code, String nom, byte[] contenu) {
    corps.writeBytes(
        ("--"
                + FRONTIERE
                + "\r\nContent-Disposition: form-data; name=\""
                + code
                + "\"; filename=\""
                + nom
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    corps.writeBytes(contenu);
    corps.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private HttpRequest.Builder requete(String chemin) {
    return HttpRequest.newBuilder(URI.create(adresse + chemin))
        .header("Authorization", COMPTE)
        .timeout(Duration.ofMinutes(2));
  }

  /** The same document with a unique trailing comment: stored for real, not deduplicated. */
  static byte[] unique(byte[] fichier) {
    byte[] suffixe = ("\n%" + UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tout = new byte[fichier.length + suffixe.length];
    System.arraycopy(fichier, 0, tout, 0, fichier.length);
    System.arraycopy(suffixe, 0, tout, fichier.length, suffixe.length);
    return tout;
  }

  static byte[] pdfRealiste() throws IOException {
    try (PDDocument d = new PDDocument()) {
      Random alea = new Random(7);
      for (int p = 0; p < 2; p++) {
        BufferedImage bruit = new BufferedImage(240, 200, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < bruit.getWidth(); x++) {
          for (int y = 0; y < bruit.getHeight(); y++) {
            bruit.setRGB(x, y, alea.nextInt());
          }
        }
        PDPage page = new PDPage();
        d.addPage(page);
        PDImageXObject image = LosslessFactory.createFromImage(d, bruit);
        try (PDPageContentStream c = new PDPageContentStream(d, page)) {
          c.drawImage(image, 50, 300, 480, 400);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      d.save(out);
      return out.toByteArray();
    }
  }

  static byte[] photoRealiste() throws IOException {
    BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    Random alea = new Random(11);
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        image.setRGB(x, y, alea.nextInt(0x1000000));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  /** A JPEG whose scan data is padded to {@code mo} MB: valid header, EOI at the end. */
  private static void ecrireGrossePhoto(Path fichier, int mo) throws IOException {
    byte[] photo = photoRealiste();
    Random alea = new Random(3);
    try (OutputStream out = Files.newOutputStream(fichier)) {
      out.write(photo, 0, photo.length - 2);
      byte[] bloc = new byte[1024 * 1024];
      for (int i = 0; i < mo; i++) {
        alea.nextBytes(bloc);
        for (int j = 0; j < bloc.length; j++) {
          if (bloc[j] == (byte) 0xFF) {
            bloc[j] = 0x00;
          }
        }
        out.write(bloc);
      }
      out.write(new byte[] {(byte) 0xFF, (byte) 0xD9});
    }
  }

  private static void ecrireAvecFsync(InputStream in, Path fichier) throws IOException {
    try (FileChannel out =
        FileChannel.open(fichier, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] tampon = new byte[64 * 1024];
      int lus;
      while ((lus = in.read(tampon)) != -1) {
        out.write(java.nio.ByteBuffer.wrap(tampon, 0, lus));
      }
      out.force(true);
    }
  }

  /**
   * The deposits' raw baseline: answers the bench's three requests (creation, pièce, deposit) as
   * the platform's API does, with the same status codes and the creation's id, by writing each
   * request body to a new file and fsyncing it. No parsing, hashing, checking, database or process.
   */
  private static com.sun.net.httpserver.HttpServer serveurBrut(Path repertoire) throws IOException {
    Files.createDirectories(repertoire);
    com.sun.net.httpserver.HttpServer serveur =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 64);
    serveur.setExecutor(Executors.newCachedThreadPool());
    serveur.createContext(
        "/api/v1/dossiers",
        echange -> {
          try (echange) {
            String chemin = echange.getRequestURI().getPath();
            String id =
                chemin.equals("/api/v1/dossiers")
                    ? UUID.randomUUID().toString()
                    : chemin.split("/")[4];
            String type = echange.getRequestHeaders().getFirst("Content-Type");
            int statut = 201;
            try (InputStream in = echange.getRequestBody()) {
              if (type != null && type.startsWith("multipart/form-data")) {
                // One file per part, as the platform stores one per pièce.
                var lecteur =
                    new fr.parcelle.interfaces.rest.LecteurMultipart(
                        in, type.substring(type.indexOf("boundary=") + 9));
                for (var f = lecteur.suivant(); f.isPresent(); f = lecteur.suivant()) {
                  ecrireAvecFsync(
                      f.get().contenu(), repertoire.resolve(id + "-" + UUID.randomUUID()));
                }
                statut = 200;
              } else {
                ecrireAvecFsync(in, repertoire.resolve(id + "-" + UUID.randomUUID()));
              }
            }
            byte[] reponse = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
            echange.sendResponseHeaders(statut, reponse.length);
            echange.getResponseBody().write(reponse);
          }
        });
    serveur.start();
    return serveur;
  }

  /**
   * The raw baseline: the same file PUT over loopback HTTP (same client) to the JDK's bare HTTP
   * server, which streams it to a new file and fsyncs before answering. Seconds taken.
   */
  private double envoiBrut(Path source, Path cible) throws Exception {
    com.sun.net.httpserver.HttpServer serveur =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    serveur.createContext(
        "/brut",
        echange -> {
          try (InputStream in = echange.getRequestBody();
              FileChannel out =
                  FileChannel.open(cible, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            byte[] tampon = new byte[64 * 1024];
            int lus;
            while ((lus = in.read(tampon)) != -1) {
              out.write(java.nio.ByteBuffer.wrap(tampon, 0, lus));
            }
            out.force(true);
          }
          echange.sendResponseHeaders(201, -1);
          echange.close();
        });
    serveur.start();
    try {
      long t = System.nanoTime();
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + serveur.getAddress().getPort() + "/brut"))
                  .PUT(HttpRequest.BodyPublishers.ofFile(source))
                  .timeout(Duration.ofMinutes(10))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      double s = (System.nanoTime() - t) / 1e9;
      if (r.statusCode() != 201) {
        throw new IllegalStateException("envoi brut : " + r.statusCode());
      }
      return s;
    } finally {
      serveur.stop(0);
      Files.deleteIfExists(cible);
    }
  }

  private Thread sonderTas(AtomicLong pic) {
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  pic.accumulateAndGet(tas(), Math::max);
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  // a missed sample
                }
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private long tas() throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(adresse + "/metrics?scope=base")).build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = HEAP.matcher(r.body());
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }

  private static void jcmd(long pid, String commande) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    new ProcessBuilder(jcmd.toString(), String.valueOf(pid), commande)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor();
  }

  private static double pct(List<Long> nanos, int p) {
    List<Long> tri = new ArrayList<>(nanos);
    Collections.sort(tri);
    return tri.isEmpty()
        ? 0
        : tri.get(Math.min(tri.size() - 1, (int) Math.ceil(p / 100.0 * tri.size()) - 1)) / 1e6;
  }

  static void deleteRecursively(Path racine) throws IOException {
    if (Files.exists(racine)) {
      try (var s = Files.walk(racine)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
