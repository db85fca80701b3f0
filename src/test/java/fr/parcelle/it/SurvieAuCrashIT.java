package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcelle.launcher.EmbeddedDatabase;
import fr.parcelle.support.PdfDeTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Crash safety: eight clients file dossiers (create, upload the pièces, deposit) while the server
 * is killed with SIGKILL — no shutdown hook, no undeploy — at a moment when deposits are in flight;
 * then the server starts again on the same PostgreSQL and document directory. Every acknowledged
 * deposit must be there with its number, its pièces and receipts byte for byte and one process
 * instance; nothing may be half done; numbers stay unique and gapless; the completeness month of
 * the dossiers whose timer was waiting falls due during the outage and deems each complete once.
 *
 * <p>The test owns both processes, like the bench: Payara Micro started with the launcher's
 * command, and an embedded PostgreSQL (a separate process, which the kill leaves alone).
 *
 * <p>Making a timer fall due during the outage: the server is dead, so the test moves the due date
 * of the completeness timers ({@code act_ru_job.duedate_}) into the past in SQL. A timer is nothing
 * but that row: the engine keeps no timer in memory and acquires by {@code duedate_ <= now}, so a
 * row whose date passed while no engine ran is exactly what an outage across the legal date leaves.
 * Setting the date before the kill (as {@code RedemarrageIT} does through the engine's API) would
 * tie the test to the kill's moment, which here is chosen by the deposits in flight.
 */
class SurvieAuCrashIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARCHITECTE = "architecte:architecte-demo";
  private static final String ADMIN = "admin:admin-demo";
  private static final String COMMUNE = "35238";
  private static final int CLIENTS = Integer.getInteger("survie.clients", 8);
  private static final int ACQUITTES_AVANT_ARRET = Integer.getInteger("survie.acquittes", 12);
  private static final List<String> PIECES_PCMI =
      List.of("PCMI1", "PCMI2", "PCMI3", "PCMI4", "PCMI5", "PCMI6", "PCMI7", "PCMI8");
  private static final String MINUTEUR = "Timer_MoisDeCompletudeEcoule";

  private HttpClient http = client();
  private final byte[] pdf = PdfDeTest.sain(1);

  private final ConcurrentLinkedQueue<Suivi> suivis = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> erreursAvantArret = new ConcurrentLinkedQueue<>();
  private final AtomicInteger acquittes = new AtomicInteger();
  private final AtomicInteger depotsEnVol = new AtomicInteger();
  private final AtomicInteger envoisEnVol = new AtomicInteger();
  private final AtomicBoolean tue = new AtomicBoolean();

  private final List<String> echecs = new ArrayList<>();
  private int verifications;

  private String adresse;

  /** What the client knows of one dossier it files. */
  private static final class Suivi {
    final String id;
    final String type;
    final Map<String, String> pieces = new LinkedHashMap<>(); // code → SHA-256 computed here
    volatile String etape = "pieces";
    volatile String numero;
    volatile Map<String, String> documents = Map.of(); // type → SHA-256 the answer declared

    Suivi(String id, String type) {
      this.id = id;
      this.type = type;
    }
  }

  @Test
  void
      les_depots_acquittes_survivent_a_sigkill_et_les_delais_echus_pendant_l_arret_tombent_une_fois()
          throws Exception {
    long debut = System.nanoTime();
    Path racine = PlateformeEnProcessus.repertoireNeuf("survie-au-crash");
    int portBase = PlateformeEnProcessus.portReserve("parcelle.test.crash.db.port");
    int portHttp = PlateformeEnProcessus.portReserve("parcelle.test.crash.http.port");
    try (EmbeddedDatabase base = EmbeddedDatabase.demarrer(racine.resolve("postgres"), portBase)) {
      DataSource sql = base.dataSource();
      PlateformeEnProcessus plateforme = new PlateformeEnProcessus(base, racine, portHttp);
      adresse = plateforme.adresse() + "/";
      try {
        double premierDemarrage = plateforme.demarrer();
        verifierLimitesDuServeur(plateforme.adresse());

        // A dossier deposited first, whose completeness timer surely exists before the kill.
        Suivi temoin = deposer(creer("DP"));
        attendre(Duration.ofSeconds(60), () -> minuteurEnAttente(sql, temoin.numero));

        // Concurrent filing, then SIGKILL while deposits are in flight.
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
          String type = i % 2 == 0 ? "DP" : "PCMI";
          clients.submit(() -> deposerEnBoucle(type));
        }
        attendre(
            Duration.ofSeconds(150),
            () -> acquittes.get() >= ACQUITTES_AVANT_ARRET || !erreursAvantArret.isEmpty());
        assertTrue(erreursAvantArret.isEmpty(), String.join("\n", erreursAvantArret));
        long finAttente = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (depotsEnVol.get() == 0 && System.nanoTime() < finAttente) {
          LockSupport.parkNanos(100_000);
        }
        // Somewhere inside the deposit's work (a deposit takes some tens of milliseconds here).
        Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(15));
        int depotsAuMoment = depotsEnVol.get();
        int envoisAuMoment = envoisEnVol.get();
        int acquittesAuMoment = acquittes.get();
        long pid = plateforme.pid();
        tue.set(true);
        plateforme.tuer();
        clients.shutdown();
        assertTrue(clients.awaitTermination(90, TimeUnit.SECONDS), "les clients s'arrêtent");
        verifier(
            "aucune erreur avant l'arrêt",
            erreursAvantArret.isEmpty(),
            String.join("\n", erreursAvantArret));

        // The outage: the completeness month of every dossier waiting for it falls due now.
        String proprietaireMort = proprietaireVerrous(sql);
        Map<String, String> minuteursEchus = rendreEchus(sql);
        verifier(
            "le témoin attend son mois de complétude",
            minuteursEchus.containsKey(temoin.numero),
            minuteursEchus.toString());

        double secondDemarrage = plateforme.demarrer();
        // A new client: no kept-alive connection to the dead server is offered to a request.
        http = client();

        // 1. What the crash left, before anyone replays anything.
        List<Suivi> acquis = suivis.stream().filter(s -> s.numero != null).toList();
        acquis.forEach(this::verifierAcquitte);
        verifierCoherence(sql, racine.resolve("documents"), "après redémarrage");
        Map<String, Integer> etatsInterrompus = etatsInterrompus(sql);

        // 2. Timers due during the outage: each fires once.
        Set<String> echus = minuteursEchus.keySet();
        attendre(Duration.ofSeconds(120), () -> tousReputesComplets(sql, echus));
        Thread.sleep(3_000); // a second firing would show by now
        verifierReputesComplets(sql, echus);

        // 3. The client's recovery: an unanswered deposit is sent again with its key.
        int rejoues = 0;
        int dejaDeposes = 0;
        for (Suivi s : suivis) {
          if (s.etape.equals("depot")) {
            // 200: the deposit had committed before the kill, only its answer was lost; 201: it
            // had not, and is made now. Either way the same dossier, never a second number.
            HttpResponse<String> r = deposerRequete(s.id);
            rejoues++;
            if (r.statusCode() == 200) {
              dejaDeposes++;
            }
            verifier(
                "un dépôt sans réponse rejoué aboutit (" + s.id + ")",
                r.statusCode() == 200 || r.statusCode() == 201,
                r.statusCode() + " " + r.body());
          }
        }
        verifierCoherence(sql, racine.resolve("documents"), "après les rejeux");
        verifierJournal();

        Map<String, Long> stockage = stockageTemporaire(racine.resolve("documents"));
        System.out.println();
        System.out.println("=== Survie à SIGKILL (" + CLIENTS + " clients concurrents) ===");
        System.out.printf(
            "démarrages : %.1f s puis %.1f s (même base, mêmes documents)%n",
            premierDemarrage, secondDemarrage);
        System.out.printf(
            "tué (pid %d) après %d dépôts acquittés, avec %d dépôt(s) et %d envoi(s) de pièce en"
                + " vol%n",
            pid, acquittesAuMoment, depotsAuMoment, envoisAuMoment);
        System.out.printf(
            "dossiers créés %d ; acquittés %d ; dépôts sans réponse %d (rejoués : %d déjà"
                + " déposés, %d déposés au rejeu) ; brouillons interrompus pendant les pièces"
                + " %d%n",
            suivis.size(),
            acquis.size(),
            rejoues,
            dejaDeposes,
            rejoues - dejaDeposes,
            suivis.stream().filter(s -> s.etape.equals("pieces")).count());
        System.out.printf(
            "processus au redémarrage : %s (verrous du nœud tué : %s)%n",
            etatsInterrompus, proprietaireMort);
        System.out.printf(
            "minuteurs de complétude échus pendant l'arrêt : %d, chacun réputé complet une"
                + " fois%n",
            echus.size());
        System.out.printf(
            "fichiers temporaires laissés par l'arrêt : %d (%d octets), jamais référencés%n",
            stockage.get("fichiers"), stockage.get("octets"));
        System.out.printf(
            "vérifications : %d, échecs : %d ; durée %.0f s%n",
            verifications, echecs.size(), (System.nanoTime() - debut) / 1e9);
      } finally {
        tue.set(true); // clients still running stop at their next request
        plateforme.tuer();
      }
    }
    assertTrue(echecs.isEmpty(), String.join("\n", echecs));
  }

  // ------------------------------------------------------------------ the clients

  private void deposerEnBoucle(String type) {
    while (!tue.get()) {
      Suivi s = null;
      try {
        s = creer(type);
        deposer(s);
      } catch (Exception e) {
        if (!tue.get()) {
          erreursAvantArret.add((s == null ? "création" : s.id + " " + s.etape) + " : " + e);
          return;
        }
      }
    }
  }

  private Suivi creer(String type) throws IOException, InterruptedException {
    String json =
        "{\"type\":\""
            + type
            + "\",\"communeInsee\":\""
            + COMMUNE
            + "\",\"demandeurs\":[{\"nature\":\"PARTICULIER\",\"nom\":\"Kerbrat\",\"prenom\":\"Soizic\"}],"
            + "\"terrain\":{\"adresse\":{\"numero\":\"7\",\"voie\":\"rue de Brest\",\"codePostal\":\"35000\","
            + "\"commune\":\"Rennes\"},\"parcelles\":[{\"prefixe\":\"000\",\"section\":\"BK\",\"numero\":\"0311\","
            + "\"surfaceM2\":420}]},\"projet\":{\"description\":\"Extension\",\"surfacePlancherCreeeM2\":18,"
            + (type.equals("PCMI") ? "\"logementsCrees\":1," : "")
            + "\"contraintes\":[]}}";
    HttpResponse<String> r =
        envoyer(
            requete("api/v1/dossiers", ARCHITECTE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    if (r.statusCode() != 201) {
      throw new IllegalStateException("création " + r.statusCode() + " " + r.body());
    }
    Suivi s = new Suivi(JSON.readTree(r.body()).path("id").asText(), type);
    suivis.add(s);
    return s;
  }

  /** Uploads the pièces (each unique, so each is really written), then deposits. */
  private Suivi deposer(Suivi s) throws IOException, InterruptedException {
    for (String code : s.type.equals("DP") ? List.of("DP1") : PIECES_PCMI) {
      byte[] contenu = unique(pdf);
      envoisEnVol.incrementAndGet();
      HttpResponse<String> r;
      try {
        r =
            envoyer(
                requete("api/v1/dossiers/" + s.id + "/pieces/" + code, ARCHITECTE)
                    .header("Content-Type", "application/pdf")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(contenu)));
      } finally {
        envoisEnVol.decrementAndGet();
      }
      if (r.statusCode() != 201) {
        throw new IllegalStateException("pièce " + code + " " + r.statusCode() + " " + r.body());
      }
      String sha = sha256(contenu);
      if (!sha.equals(JSON.readTree(r.body()).path("sha256").asText())) {
        throw new IllegalStateException("empreinte annoncée fausse pour " + code + " " + r.body());
      }
      s.pieces.put(code, sha);
    }
    s.etape = "depot";
    depotsEnVol.incrementAndGet();
    HttpResponse<String> r;
    try {
      r = deposerRequete(s.id);
    } finally {
      depotsEnVol.decrementAndGet();
    }
    if (r.statusCode() != 201) {
      throw new IllegalStateException("dépôt " + r.statusCode() + " " + r.body());
    }
    JsonNode vue = JSON.readTree(r.body());
    Map<String, String> documents = new HashMap<>();
    for (JsonNode d : vue.path("documents")) {
      documents.put(d.path("type").asText(), d.path("sha256").asText());
    }
    s.documents = documents;
    s.numero = vue.path("numero").asText();
    s.etape = "acquitte";
    acquittes.incrementAndGet();
    return s;
  }

  private HttpResponse<String> deposerRequete(String id) throws IOException, InterruptedException {
    return envoyer(
        requete("api/v1/dossiers/" + id + "/depot", ARCHITECTE)
            .header("Idempotency-Key", "crash-" + id)
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  // ------------------------------------------------------------------ the checks

  /** Over HTTP, as the applicant sees it: status, number, every byte of pièces and receipts. */
  private void verifierAcquitte(Suivi s) {
    try {
      HttpResponse<String> r = envoyer(requete("api/v1/dossiers/" + s.id, ARCHITECTE).GET());
      JsonNode vue = JSON.readTree(r.body());
      verifier(
          s.numero + " déposé avec son numéro",
          r.statusCode() == 200
              && !vue.path("statut").asText().equals("BROUILLON")
              && s.numero.equals(vue.path("numero").asText()),
          r.statusCode() + " " + vue.path("statut") + " " + vue.path("numero"));
      verifier(
          s.numero + " AEE et récépissé annoncés",
          s.documents.keySet().equals(Set.of("AEE", "RECEPISSE")),
          s.documents.toString());
      for (Map.Entry<String, String> p : s.pieces.entrySet()) {
        verifier(
            s.numero + " pièce " + p.getKey() + " identique",
            p.getValue().equals(telechargerSha(s.id, "pieces/" + p.getKey())),
            "");
      }
      verifier(
          s.numero + " AEE identique",
          s.documents.get("AEE").equals(telechargerSha(s.id, "documents/accuse-enregistrement")),
          "");
      verifier(
          s.numero + " récépissé identique",
          s.documents.get("RECEPISSE").equals(telechargerSha(s.id, "documents/recepisse")),
          "");
    } catch (IOException | InterruptedException e) {
      verifier(s.numero + " lisible", false, e.toString());
    }
  }

  /**
   * In SQL, over every dossier whatever the client knows: a dossier is either a draft with no
   * number, no receipt, no timeline entry and no process, or fully deposited; every process has its
   * dossier; numbers are unique and each series runs 1..last without a gap; every file referenced
   * is there with its hash; no file of the store holds other bytes than its name says.
   */
  private void verifierCoherence(DataSource sql, Path documents, String moment)
      throws SQLException, IOException {
    int brouillons = 0;
    int deposes = 0;
    Map<String, List<Integer>> series = new TreeMap<>();
    try (Connection c = sql.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                """
                select d.id, d.statut, d.numero, d.depose_le,
                  (select count(*) from document x where x.dossier_id = d.id
                     and x.type in ('AEE', 'RECEPISSE')) as recus,
                  (select count(*) from dossier_evenement v where v.dossier_id = d.id
                     and v.type = 'DEPOT') as evenements,
                  (select count(*) from journal j where j.dossier_id = d.id
                     and j.type = 'DEPOT') as journal,
                  (select count(*) from act_hi_procinst p where p.business_key_ = d.numero) as instances,
                  (select count(*) from act_ru_execution e where e.business_key_ = d.numero
                     and e.id_ = e.proc_inst_id_) as en_cours
                  from dossier d
                """);
        ResultSet r = q.executeQuery()) {
      while (r.next()) {
        String id = r.getString("id");
        String numero = r.getString("numero");
        String ligne =
            String.format(
                "%s %s %s déposé le %s, reçus %d, DEPOT %d, journal %d, instances %d, en cours %d",
                id,
                r.getString("statut"),
                numero,
                r.getTimestamp("depose_le"),
                r.getInt("recus"),
                r.getInt("evenements"),
                r.getInt("journal"),
                r.getInt("instances"),
                r.getInt("en_cours"));
        if (r.getString("statut").equals("BROUILLON")) {
          brouillons++;
          verifier(
              moment + " : brouillon intact",
              numero == null
                  && r.getTimestamp("depose_le") == null
                  && r.getInt("recus") == 0
                  && r.getInt("evenements") == 0
                  && r.getInt("journal") == 0,
              ligne);
        } else {
          deposes++;
          verifier(
              moment + " : dépôt entier",
              numero != null
                  && r.getTimestamp("depose_le") != null
                  && r.getInt("recus") == 2
                  && r.getInt("evenements") == 1
                  && r.getInt("journal") == 1
                  && r.getInt("instances") == 1
                  && r.getInt("en_cours") == 1,
              ligne);
          if (numero != null) {
            series
                .computeIfAbsent(numero.substring(0, 10), k -> new ArrayList<>())
                .add(Integer.parseInt(numero.substring(10, 15)));
          }
        }
      }
    }
    verifier(moment + " : des dépôts", deposes > 0, "aucun");
    List<String> orphelins =
        liste(
            sql,
            """
            select p.business_key_ || ' ' || count(*) from act_hi_procinst p
             where not exists (select 1 from dossier d where d.numero = p.business_key_)
                or p.business_key_ in (select business_key_ from act_hi_procinst
                                        group by business_key_ having count(*) > 1)
             group by p.business_key_
            """);
    verifier(moment + " : ni processus orphelin ni doublon", orphelins.isEmpty(), "" + orphelins);
    List<String> bloques =
        liste(
            sql,
            """
            select e.business_key_ from act_ru_execution e
             where e.id_ = e.proc_inst_id_
               and not exists (select 1 from act_ru_task t where t.proc_inst_id_ = e.id_)
               and not exists (select 1 from act_ru_job j where j.process_instance_id_ = e.id_)
            """);
    verifier(
        moment + " : chaque processus a une tâche ou un job à faire",
        bloques.isEmpty(),
        "" + bloques);

    // Numbers: one series per (nature, commune, year), ranks exactly 1..dernier.
    Map<String, Integer> derniers = new TreeMap<>();
    for (String l :
        liste(
            sql,
            "select nature || '0' || commune_insee || lpad((annee % 100)::text, 2, '0') || ' '"
                + " || dernier from sequence_numero")) {
      String[] p = l.split(" ");
      derniers.put(p[0], Integer.parseInt(p[1]));
    }
    verifier(
        moment + " : une séquence par série",
        derniers.keySet().equals(series.keySet()),
        derniers + " / " + series.keySet());
    for (Map.Entry<String, List<Integer>> s : series.entrySet()) {
      List<Integer> rangs = s.getValue().stream().sorted().toList();
      List<Integer> attendus =
          java.util.stream.IntStream.rangeClosed(1, derniers.getOrDefault(s.getKey(), -1))
              .boxed()
              .toList();
      verifier(
          moment + " : série " + s.getKey() + " sans doublon ni trou",
          rangs.equals(attendus),
          rangs + " / dernier " + derniers.get(s.getKey()));
    }

    // Files: every referenced one present with its hash; every stored one matches its name.
    for (String sha :
        liste(sql, "select sha256 from piece union select sha256 from document order by 1")) {
      Path f = documents.resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
      verifier(
          moment + " : fichier " + sha.substring(0, 12) + "… présent et intact",
          Files.isRegularFile(f) && sha.equals(sha256(f)),
          f.toString());
    }
    try (var fichiers = Files.walk(documents)) {
      for (Path f :
          fichiers
              .filter(Files::isRegularFile)
              .filter(f -> !documents.relativize(f).startsWith("tmp"))
              .toList()) {
        verifier(
            moment + " : " + f.getFileName() + " contient ce que son nom dit",
            f.getFileName().toString().equals(sha256(f)),
            f.toString());
      }
    }
  }

  /** How each deposited process stands right after the restart (reported, not asserted). */
  private Map<String, Integer> etatsInterrompus(DataSource sql) throws SQLException {
    Map<String, Integer> etats = new TreeMap<>();
    for (String e :
        liste(
            sql,
            """
            select case
              when exists (select 1 from act_ru_task t where t.proc_inst_id_ = e.id_)
                then 'à la tâche de complétude'
              when exists (select 1 from act_ru_job j where j.process_instance_id_ = e.id_
                             and j.lock_owner_ is not null)
                then 'job pris par le nœud tué (repris à l''expiration du verrou)'
              else 'job en attente' end
              from act_ru_execution e where e.id_ = e.proc_inst_id_
            """)) {
      etats.merge(e, 1, Integer::sum);
    }
    return etats;
  }

  private void verifierReputesComplets(DataSource sql, Set<String> echus) throws SQLException {
    for (String l :
        liste(
            sql,
            """
            select d.numero || ' ' || coalesce(d.completude_reputee, false)
              || ' ' || (select count(*) from dossier_evenement v where v.dossier_id = d.id
                           and v.type = 'DOSSIER_REPUTE_COMPLET')
              || ' ' || (select count(*) from journal j where j.dossier_id = d.id
                           and j.type = 'DOSSIER_REPUTE_COMPLET')
              || ' ' || (select count(*) from act_hi_actinst a join act_hi_procinst p
                           on p.id_ = a.proc_inst_id_
                           where p.business_key_ = d.numero and a.act_id_ = 'Timer_MoisDeCompletudeEcoule')
              from dossier d where d.numero is not null
            """)) {
      String[] p = l.split(" ");
      if (echus.contains(p[0])) {
        verifier(
            p[0] + " réputé complet une fois (événement, journal, minuteur)",
            p[1].equals("true") && p[2].equals("1") && p[3].equals("1") && p[4].equals("1"),
            l);
      } else {
        verifier(p[0] + " pas réputé complet (son mois court)", p[2].equals("0"), l);
      }
    }
  }

  private static boolean minuteurEnAttente(DataSource sql, String numero) {
    try {
      return minuteurs(sql).containsKey(numero);
    } catch (SQLException e) {
      return false;
    }
  }

  private boolean tousReputesComplets(DataSource sql, Set<String> echus) {
    try {
      return liste(sql, "select numero from dossier where completude_reputee").containsAll(echus);
    } catch (SQLException e) {
      return false;
    }
  }

  private void verifierJournal() throws IOException, InterruptedException {
    HttpResponse<String> r = envoyer(requete("api/v1/journal/verification", ADMIN).GET());
    verifier(
        "journal intact après le crash",
        r.statusCode() == 200 && JSON.readTree(r.body()).path("intact").asBoolean(),
        r.statusCode() + " " + r.body());
  }

  /**
   * The launcher's server configuration (pre-boot commands) took effect: a declared body over the 1
   * GB ceiling is refused before a byte of it is read, and the server does not name itself.
   */
  private void verifierLimitesDuServeur(String adresseServeur)
      throws IOException, InterruptedException {
    URI uri = URI.create(adresseServeur);
    try (java.net.Socket s = new java.net.Socket(uri.getHost(), uri.getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              ("PUT /api/v1/dossiers/00000000-0000-0000-0000-000000000000/pieces/DP1 HTTP/1.1\r\n"
                      + "Host: localhost\r\nContent-Type: application/pdf\r\n"
                      + "Content-Length: 2000000000\r\n\r\n%PDF-1.7\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String ligne =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      verifier(
          "un corps déclaré de 2 Go est refusé d'emblée (413)",
          ligne != null && ligne.contains(" 413 "),
          String.valueOf(ligne));
    }
    HttpResponse<Void> sante =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri.resolve("/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
    verifier(
        "le serveur ne se nomme pas (en-tête Server absent)",
        sante.headers().firstValue("Server").isEmpty(),
        sante.headers().map().toString());
  }

  private void verifier(String nom, boolean ok, String detail) {
    verifications++;
    if (!ok) {
      echecs.add(nom + " : " + detail);
    }
  }

  // ------------------------------------------------------------------ the engine's tables

  /** Completeness timers waiting: dossier number → job id. */
  private static Map<String, String> minuteurs(DataSource sql) throws SQLException {
    Map<String, String> m = new TreeMap<>();
    try (Connection c = sql.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                """
                select e.business_key_, j.id_ from act_ru_job j
                  join act_ru_jobdef d on d.id_ = j.job_def_id_
                  join act_ru_execution e on e.id_ = j.process_instance_id_
                 where d.act_id_ = ?
                """)) {
      q.setString(1, MINUTEUR);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          m.put(r.getString(1), r.getString(2));
        }
      }
    }
    return m;
  }

  /**
   * Moves every waiting completeness timer to one minute ago, as a month passed while the server
   * was down. Written as the engine writes it: a JDBC timestamp from this machine's clock.
   */
  private static Map<String, String> rendreEchus(DataSource sql) throws SQLException {
    Map<String, String> m = minuteurs(sql);
    try (Connection c = sql.getConnection();
        PreparedStatement u =
            c.prepareStatement("update act_ru_job set duedate_ = ? where id_ = ?")) {
      for (String job : m.values()) {
        u.setTimestamp(1, new Timestamp(System.currentTimeMillis() - 60_000));
        u.setString(2, job);
        u.addBatch();
      }
      u.executeBatch();
    }
    return m;
  }

  private static String proprietaireVerrous(DataSource sql) throws SQLException {
    List<String> l =
        liste(sql, "select distinct lock_owner_ from act_ru_job where lock_owner_ is not null");
    return l.isEmpty() ? "aucun job pris" : String.join(", ", l);
  }

  private static List<String> liste(DataSource sql, String requete) throws SQLException {
    List<String> l = new ArrayList<>();
    try (Connection c = sql.getConnection();
        PreparedStatement q = c.prepareStatement(requete);
        ResultSet r = q.executeQuery()) {
      while (r.next()) {
        l.add(r.getString(1));
      }
    }
    return l;
  }

  // ------------------------------------------------------------------ plumbing

  private static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private String telechargerSha(String id, String chemin) throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        http.send(
            requete("api/v1/dossiers/" + id + "/" + chemin, ARCHITECTE).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return r.statusCode() == 200 ? sha256(r.body()) : "HTTP " + r.statusCode();
  }

  private HttpRequest.Builder requete(String chemin, String compte) {
    return HttpRequest.newBuilder(URI.create(adresse + chemin))
        .timeout(Duration.ofSeconds(60))
        .header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(compte.getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> envoyer(HttpRequest.Builder r)
      throws IOException, InterruptedException {
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The same PDF with a unique comment after its end: stored for real, not deduplicated. */
  private static byte[] unique(byte[] fichier) {
    byte[] suffixe = ("\n%" + UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tout = new byte[fichier.length + suffixe.length];
    System.arraycopy(fichier, 0, tout, 0, fichier.length);
    System.arraycopy(suffixe, 0, tout, fichier.length, suffixe.length);
    return tout;
  }

  private static Map<String, Long> stockageTemporaire(Path documents) throws IOException {
    Path tmp = documents.resolve("tmp");
    long n = 0;
    long octets = 0;
    if (Files.isDirectory(tmp)) {
      try (var f = Files.list(tmp)) {
        for (Path p : f.toList()) {
          n++;
          octets += Files.size(p);
        }
      }
    }
    return Map.of("fichiers", n, "octets", octets);
  }

  private static void attendre(Duration limite, BooleanSupplier condition)
      throws InterruptedException {
    long fin = System.nanoTime() + limite.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > fin) {
        throw new AssertionError("attente dépassée (" + limite.toSeconds() + " s)");
      }
      Thread.sleep(200);
    }
  }

  private static String sha256(byte[] octets) {
    return HexFormat.of().formatHex(digest().digest(octets));
  }

  private static String sha256(Path fichier) throws IOException {
    MessageDigest md = digest();
    try (InputStream in = Files.newInputStream(fichier)) {
      byte[] tampon = new byte[64 * 1024];
      int n;
      while ((n = in.read(tampon)) != -1) {
        md.update(tampon, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
