package fr.parcelle.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.parcelle.launcher.EmbeddedDatabase;
import fr.parcelle.launcher.ParcelleLauncher;
import fr.parcelle.launcher.SortiePayara;
import fr.parcelle.support.Fichiers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro nodes clustered on the loopback (Hazelcast, TCP/IP discovery), one PostgreSQL,
 * one document store, the same WAR; clients spread over both. Checks in SQL that every deposit gets
 * one number in an unbroken series, that with both job executors running every due timer is run
 * once (one tacit decision, one certificate, one ended process per dossier), and that a node killed
 * (SIGKILL) in the middle of deposits and timers loses nothing: deposits it acknowledged are there,
 * the jobs it had locked are run by the other node once their lock expires, nothing twice.
 *
 * <p>The test owns its processes (not Arquillian): PostgreSQL under {@code target/deux-noeuds},
 * then node A, then node B once A is ready (a first start of two nodes at once on an empty database
 * is another question: see docs/architecture.md). The job executors' lock time is shortened to
 * {@value #VERROU_MS} ms so that the dead node's jobs come back within the test.
 */
class DeuxNoeudsIT {

  private static final int VERROU_MS = 15_000;
  private static final int LOT_1 = Integer.getInteger("deux-noeuds.lot1", 40);
  private static final int LOT_2 = Integer.getInteger("deux-noeuds.lot2", 30);
  private static final String[] COMMUNES = {"35352", "35238"};
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COMPTE =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("architecte:architecte-demo".getBytes(StandardCharsets.UTF_8));
  private static final Pattern MEMBRES = Pattern.compile("Members \\{size:(\\d+)");
  private static final Pattern PROPRIETAIRE =
      Pattern.compile("job executor actif, propriétaire (\\S+),");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final byte[] pdf = Fichiers.pdf();
  private final List<String> bilan = new ArrayList<>();

  @Test
  void deux_noeuds_se_partagent_depots_et_delais_et_la_perte_d_un_noeud_ne_perd_rien()
      throws Exception {
    long t0 = System.nanoTime();
    Path racine = PlateformeEnProcessus.vider(Path.of("target", "deux-noeuds").toAbsolutePath());
    try (EmbeddedDatabase base =
        EmbeddedDatabase.demarrer(racine.resolve("postgres"), ParcelleLauncher.portLibre())) {
      DataSource sql = base.dataSource();
      int hzA = ParcelleLauncher.portLibre();
      int hzB = ParcelleLauncher.portLibre();
      String cluster = "parcelle-" + UUID.randomUUID().toString().substring(0, 8);
      Noeud a = new Noeud("noeud-a", hzA, racine);
      Noeud b = new Noeud("noeud-b", hzB, racine);
      String membres = "127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
      try {
        // 1. One PostgreSQL, two nodes clustered on the loopback.
        a.demarrer(base, membres, cluster);
        a.attendrePret();
        b.demarrer(base, membres, cluster);
        b.attendrePret();
        noter(
            "démarrage : PostgreSQL + %s (%.0f s) puis %s (%.0f s)",
            a.nom, a.demarrage, b.nom, b.demarrage);
        int membresA = attendreMembres(a, 2);
        int membresB = attendreMembres(b, 2);
        noter(
            "cluster Hazelcast « %s » (TCP/IP %s) : %d membres vus par %s, %d par %s",
            cluster, membres, membresA, a.nom, membresB, b.nom);
        assertThat(membresA).isEqualTo(2);
        assertThat(membresB).isEqualTo(2);
        a.proprietaire = proprietaire(a);
        b.proprietaire = proprietaire(b);
        noter("propriétaires des verrous de jobs : %s, %s", a.proprietaire, b.proprietaire);
        assertThat(a.proprietaire).isNotEqualTo(b.proprietaire);

        // 2. Deposits spread over both nodes.
        Sonde sonde = new Sonde(sql);
        sonde.start();
        List<Noeud> noeuds = List.of(a, b);
        Map<String, String> lot1 = deposer(LOT_1, noeuds, 4);
        assertThat(lot1).hasSize(LOT_1);
        noter(
            "lot 1 : %d dossiers déposés en alternance (%d par %s, %d par %s)",
            lot1.size(), a.depots.get(), a.nom, b.depots.get(), b.nom);
        verifierNumerotation(sql);

        // 3. Every completeness month ends now, then every délai: both executors take the timers.
        attendre(
            "minuteurs de complétude du lot 1",
            () -> compter(sql, jobs("Timer_MoisDeCompletudeEcoule")) == LOT_1,
            60);
        int dus = rendreDus(sql, "Timer_MoisDeCompletudeEcoule");
        long t = System.nanoTime();
        attendre(
            "dossiers réputés complets",
            () -> evenements(sql, "DOSSIER_REPUTE_COMPLET") == LOT_1,
            120);
        noter(
            "%d mois de complétude échus ensemble : %d dossiers réputés complets en %.1f s",
            dus, LOT_1, (System.nanoTime() - t) / 1e9);
        attendre(
            "minuteurs de décision tacite du lot 1",
            () -> compter(sql, jobs("Timer_DelaiInstructionExpire")) == LOT_1,
            60);

        // 4. The délais of lot 1 end while lot 2 is being filed; node B dies holding jobs.
        dus = rendreDus(sql, "Timer_DelaiInstructionExpire");
        t = System.nanoTime();
        ExecutorService client = Executors.newSingleThreadExecutor();
        Future<Map<String, String>> lot2 = client.submit(() -> deposer(LOT_2, noeuds, 4));
        attendre(
            "des délais verrouillés par " + b.nom + " pendant le lot 2",
            () -> a.depots.get() + b.depots.get() > LOT_1 && !tenus(sql, b).isEmpty(),
            60);
        Map<String, Integer> tenus = tenus(sql, b);
        int acquittesAvant = a.depots.get() + b.depots.get() - LOT_1;
        b.tuer();
        Instant mort = Instant.now();
        noter(
            "%d délais d'instruction échus ensemble ; %s tué (SIGKILL) %.1f s après, tenant %s,"
                + " %d dépôt(s) du lot 2 acquitté(s) avant",
            dus, b.nom, (System.nanoTime() - t) / 1e9, tenus, acquittesAvant);
        Map<String, String> lot2Deposes = lot2.get();
        client.shutdown();
        noter(
            "lot 2 : %d dossiers déposés, %d requête(s) reprise(s) sur %s après la mort de %s",
            lot2Deposes.size(), a.reprises.get() + b.reprises.get(), a.nom, b.nom);
        assertThat(lot2Deposes).hasSize(LOT_2);

        // 5. The survivor finishes everything: lot 1's tacit decisions, lot 2's first steps.
        attendre(
            "plus aucun job de décision tacite, premières étapes du lot 2 faites",
            () ->
                compter(sql, jobs("Timer_DelaiInstructionExpire")) == 0
                    && compter(sql, jobs("Task_ConstaterDecisionTacite")) == 0
                    && compter(sql, jobs("Timer_MoisDeCompletudeEcoule")) == LOT_2,
            VERROU_MS / 1000 + 120);
        noter(
            "moteur au repos %.1f s après la mort de %s (verrous de %d ms)",
            Duration.between(mort, Instant.now()).toMillis() / 1e3, b.nom, VERROU_MS);
        Thread.sleep(3_000); // a second firing would show by now
        sonde.interrupt();
        sonde.join();
        noter(
            "jobs vus verrouillés par chaque exécuteur : %s %d, %s %d",
            a.nom,
            sonde.parProprietaire.getOrDefault(a.proprietaire, Set.of()).size(),
            b.nom,
            sonde.parProprietaire.getOrDefault(b.proprietaire, Set.of()).size());

        // 6. Checks in SQL.
        Map<String, String> tous = new TreeMap<>(lot1);
        tous.putAll(lot2Deposes);
        verifierDepotsAcquittes(sql, tous);
        verifierNumerotation(sql);
        verifierRienEnSouffrance(sql, b);
        verifierUneFois(sql, lot1.values());
        assertThat(sonde.parProprietaire.get(a.proprietaire)).isNotEmpty();
        assertThat(sonde.parProprietaire.get(b.proprietaire)).isNotEmpty();
        noter(
            "journaux : %s %d exception(s) de job, %s %d (avant sa mort)",
            a.nom, a.exceptionsDeJob(), b.nom, b.exceptionsDeJob());
      } finally {
        a.arreter();
        b.arreter();
        System.out.println();
        System.out.println(
            "=== Deux nœuds (" + Runtime.getRuntime().availableProcessors() + " cœurs) ===");
        bilan.forEach(l -> System.out.println(" - " + l));
        System.out.printf(" - durée totale %.0f s%n", (System.nanoTime() - t0) / 1e9);
        System.out.println(" journaux : " + a.journal + ", " + b.journal);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Deposits

  /**
   * Files {@code n} DPs at concurrency {@code c}, dossier k on node k mod 2. A request that finds
   * its node dead goes to the other one (what a load balancer does); the deposit carries an
   * Idempotency-Key, so a deposit whose answer was lost is not made twice.
   *
   * @return dossier id → number, for the deposits acknowledged (201 or 200)
   */
  private Map<String, String> deposer(int n, List<Noeud> noeuds, int c) throws Exception {
    Map<String, String> numeros = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(c);
    AtomicInteger suivant = new AtomicInteger();
    List<Future<?>> travaux = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      travaux.add(
          pool.submit(
              () -> {
                int k = suivant.getAndIncrement();
                Noeud[] cible = {noeuds.get(k % noeuds.size())};
                String id = creer(cible, noeuds, COMMUNES[k % COMMUNES.length]);
                envoyer(
                    cible,
                    noeuds,
                    "api/v1/dossiers/" + id + "/pieces/DP1",
                    r ->
                        r.header("Content-Type", "application/pdf")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(pdf)),
                    201,
                    200);
                String cle = UUID.randomUUID().toString();
                HttpResponse<String> depot =
                    envoyer(
                        cible,
                        noeuds,
                        "api/v1/dossiers/" + id + "/depot",
                        r ->
                            r.header("Idempotency-Key", cle)
                                .POST(HttpRequest.BodyPublishers.noBody()),
                        201,
                        200);
                cible[0].depots.incrementAndGet();
                numeros.put(id, JSON.readTree(depot.body()).path("numero").asText());
                return null;
              }));
    }
    for (Future<?> f : travaux) {
      f.get();
    }
    pool.shutdown();
    return numeros;
  }

  private String creer(Noeud[] cible, List<Noeud> noeuds, String insee) throws Exception {
    String json =
        "{\"type\":\"DP\",\"communeInsee\":\""
            + insee
            + "\",\"demandeurs\":[{\"nature\":\"PARTICULIER\",\"nom\":\"Deux-Nœuds\",\"prenom\":\"Anne\"}],"
            + "\"terrain\":{\"adresse\":{\"numero\":\"5\",\"voie\":\"rue de la Seiche\",\"codePostal\":\"35770\","
            + "\"commune\":\"Vern-sur-Seiche\"},\"parcelles\":[{\"prefixe\":\"000\",\"section\":\"AB\","
            + "\"numero\":\"0200\",\"surfaceM2\":300}]},\"projet\":{\"description\":\"Abri de jardin\","
            + "\"contraintes\":[]}}";
    HttpResponse<String> r =
        envoyer(
            cible,
            noeuds,
            "api/v1/dossiers",
            b ->
                b.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)),
            201);
    return JSON.readTree(r.body()).path("id").asText();
  }

  private HttpResponse<String> envoyer(
      Noeud[] cible,
      List<Noeud> noeuds,
      String chemin,
      java.util.function.UnaryOperator<HttpRequest.Builder> requete,
      int... attendus)
      throws Exception {
    for (int essai = 0; ; essai++) {
      Noeud n = cible[0];
      try {
        HttpResponse<String> r =
            http.send(
                requete
                    .apply(
                        HttpRequest.newBuilder(URI.create(n.adresse + chemin))
                            .header("Authorization", COMPTE)
                            .timeout(Duration.ofSeconds(60)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        for (int attendu : attendus) {
          if (r.statusCode() == attendu) {
            return r;
          }
        }
        throw new AssertionError(
            chemin + " sur " + n.nom + " : " + r.statusCode() + " " + r.body());
      } catch (IOException e) {
        // A refused or cut connection may be seen a moment before the process is reaped.
        if (essai > 3 || !n.processus.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
          throw e;
        }
        // The node is dead: the client goes on with the other one, the same request.
        Noeud autre = noeuds.get(0) == n ? noeuds.get(1) : noeuds.get(0);
        autre.reprises.incrementAndGet();
        cible[0] = autre;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Checks in SQL

  /** Numbers distinct and consecutive from 00001 in each series (kind, commune, year). */
  private void verifierNumerotation(DataSource sql) throws SQLException {
    Map<String, List<Integer>> series = new TreeMap<>();
    try (Connection c = sql.getConnection();
        ResultSet r =
            c.createStatement()
                .executeQuery("select numero from dossier where numero is not null")) {
      while (r.next()) {
        String numero = r.getString(1).replace(" ", "");
        series
            .computeIfAbsent(numero.substring(0, numero.length() - 5), s -> new ArrayList<>())
            .add(Integer.parseInt(numero.substring(numero.length() - 5)));
      }
    }
    StringBuilder texte = new StringBuilder();
    series.forEach(
        (serie, rangs) -> {
          rangs.sort(Comparator.naturalOrder());
          List<Integer> attendus = new ArrayList<>();
          for (int i = 1; i <= rangs.size(); i++) {
            attendus.add(i);
          }
          assertThat(rangs).as("série " + serie).isEqualTo(attendus);
          texte.append(String.format(" %s 00001…%05d", serie, rangs.size()));
        });
    noter("numéros distincts et consécutifs par série :%s", texte);
  }

  /** Every acknowledged deposit is there, whole: its number, its receipts, its process. */
  private void verifierDepotsAcquittes(DataSource sql, Map<String, String> acquittes)
      throws SQLException {
    int complets = 0;
    try (Connection c = sql.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select d.numero, d.statut,"
                    + " (select count(*) from document o where o.dossier_id = d.id"
                    + "   and o.type in ('AEE', 'RECEPISSE')),"
                    + " (select count(*) from act_hi_procinst p where p.business_key_ = d.numero)"
                    + " from dossier d where d.id = ?::uuid")) {
      for (Map.Entry<String, String> e : acquittes.entrySet()) {
        q.setString(1, e.getKey());
        try (ResultSet r = q.executeQuery()) {
          assertThat(r.next()).as("dossier acquitté " + e.getValue()).isTrue();
          assertThat(r.getString(1)).isEqualTo(e.getValue().replace(" ", ""));
          assertThat(r.getString(2)).isNotEqualTo("BROUILLON");
          assertThat(r.getInt(3)).as("AEE et récépissé de " + e.getValue()).isEqualTo(2);
          assertThat(r.getInt(4)).as("processus de " + e.getValue()).isEqualTo(1);
          complets++;
        }
      }
      // Whatever the dead node was doing: no deposited dossier without its process or receipts.
      try (ResultSet r =
          c.createStatement()
              .executeQuery(
                  "select count(*) from dossier d where d.numero is not null and ("
                      + " (select count(*) from act_hi_procinst p where p.business_key_ = d.numero) <> 1"
                      + " or (select count(*) from document o where o.dossier_id = d.id"
                      + "     and o.type in ('AEE', 'RECEPISSE')) <> 2)")) {
        r.next();
        assertThat(r.getInt(1)).as("dossiers déposés à moitié").isZero();
      }
    }
    noter(
        "%d dépôts acquittés présents, chacun avec son numéro, son AEE, son récépissé et son"
            + " processus ; aucun dépôt à moitié",
        complets);
  }

  /** One tacit decision per dossier of lot 1: timeline, certificate, engine history. */
  private void verifierUneFois(DataSource sql, java.util.Collection<String> numeros)
      throws SQLException {
    List<String> ecarts = new ArrayList<>();
    try (Connection c = sql.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select d.statut,"
                    + " (select count(*) from dossier_evenement e where e.dossier_id = d.id"
                    + "   and e.type = 'DECISION_TACITE'),"
                    + " (select count(*) from dossier_evenement e where e.dossier_id = d.id"
                    + "   and e.type = 'DOSSIER_REPUTE_COMPLET'),"
                    + " (select count(*) from document o where o.dossier_id = d.id"
                    + "   and o.type = 'CERTIFICAT_DECISION_TACITE'),"
                    + " (select count(*) from act_hi_actinst a join act_hi_procinst p"
                    + "   on a.proc_inst_id_ = p.id_ where p.business_key_ = d.numero"
                    + "   and a.act_id_ = 'Task_ConstaterDecisionTacite'),"
                    + " (select count(*) from act_hi_actinst a join act_hi_procinst p"
                    + "   on a.proc_inst_id_ = p.id_ where p.business_key_ = d.numero"
                    + "   and a.act_id_ = 'Task_ConstaterDossierReputeComplet'),"
                    + " (select count(*) from act_hi_procinst p where p.business_key_ = d.numero"
                    + "   and p.end_time_ is not null and p.end_act_id_ = 'EndEvent_DecisionTacite'),"
                    + " (select count(*) from act_ru_execution x where x.business_key_ = d.numero)"
                    + " from dossier d where d.numero = ?")) {
      for (String numero : numeros) {
        q.setString(1, numero.replace(" ", ""));
        try (ResultSet r = q.executeQuery()) {
          assertThat(r.next()).isTrue();
          String vu =
              String.format(
                  "statut %s, DECISION_TACITE %d, DOSSIER_REPUTE_COMPLET %d, certificat %d,"
                      + " Task_ConstaterDecisionTacite %d, Task_ConstaterDossierReputeComplet %d,"
                      + " fin EndEvent_DecisionTacite %d, exécutions %d",
                  r.getString(1),
                  r.getInt(2),
                  r.getInt(3),
                  r.getInt(4),
                  r.getInt(5),
                  r.getInt(6),
                  r.getInt(7),
                  r.getInt(8));
          if (!vu.equals(
              "statut DECISION_TACITE, DECISION_TACITE 1, DOSSIER_REPUTE_COMPLET 1, certificat 1,"
                  + " Task_ConstaterDecisionTacite 1, Task_ConstaterDossierReputeComplet 1,"
                  + " fin EndEvent_DecisionTacite 1, exécutions 0")) {
            ecarts.add(numero + " : " + vu);
          }
        }
      }
    }
    ecarts.forEach(e -> noter("ÉCART %s", e));
    assertThat(ecarts).as("dossiers du lot 1 qui ne sont pas passés exactement une fois").isEmpty();
    noter(
        "lot 1 : %d dossiers, chacun exactement une fois : réputé complet, DECISION_TACITE,"
            + " certificat, étape du moteur, processus terminé",
        numeros.size());
  }

  private void verifierRienEnSouffrance(DataSource sql, Noeud mort) throws SQLException {
    try (Connection c = sql.getConnection()) {
      assertThat(compter(c, "select count(*) from act_ru_incident")).as("incidents").isZero();
      assertThat(compter(c, "select count(*) from act_ru_job where retries_ < 3"))
          .as("jobs en échec")
          .isZero();
      try (PreparedStatement q =
          c.prepareStatement("select count(*) from act_ru_job where lock_owner_ = ?")) {
        q.setString(1, mort.proprietaire);
        try (ResultSet r = q.executeQuery()) {
          r.next();
          assertThat(r.getInt(1)).as("jobs encore au nœud mort").isZero();
        }
      }
      try (PreparedStatement q =
          c.prepareStatement(
              "select count(*) from act_ru_job where duedate_ is null or duedate_ <= ?")) {
        q.setTimestamp(1, Timestamp.from(Instant.now()));
        try (ResultSet r = q.executeQuery()) {
          r.next();
          assertThat(r.getInt(1)).as("jobs échus non faits").isZero();
        }
      }
    }
    noter("aucun incident, aucun job en échec, aucun job échu en attente, rien au nœud mort");
  }

  // ---------------------------------------------------------------------------------------------
  // Engine tables

  private static String jobs(String activite) {
    return "select count(*) from act_ru_job j join act_ru_jobdef d on j.job_def_id_ = d.id_"
        + " where d.act_id_ = '"
        + activite
        + "'";
  }

  /** Makes every timer of {@code activite} due now, as the engine would (revision moved). */
  private static int rendreDus(DataSource sql, String activite) throws SQLException {
    try (Connection c = sql.getConnection();
        PreparedStatement u =
            c.prepareStatement(
                "update act_ru_job j set duedate_ = ?, rev_ = j.rev_ + 1 from act_ru_jobdef d"
                    + " where j.job_def_id_ = d.id_ and j.type_ = 'timer' and d.act_id_ = ?"
                    + " and j.lock_owner_ is null")) {
      // Camunda writes local times (timestamp without time zone) through JDBC: so does this.
      u.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
      u.setString(2, activite);
      return u.executeUpdate();
    }
  }

  /** The tacit decision's jobs (timer, then the step) that node {@code n} holds, by activity. */
  private static Map<String, Integer> tenus(DataSource sql, Noeud n) throws SQLException {
    Map<String, Integer> tenus = new TreeMap<>();
    try (Connection c = sql.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select d.act_id_, count(*) from act_ru_job j join act_ru_jobdef d"
                    + " on j.job_def_id_ = d.id_ where j.lock_owner_ = ? and d.act_id_ in"
                    + " ('Timer_DelaiInstructionExpire', 'Task_ConstaterDecisionTacite')"
                    + " group by d.act_id_")) {
      q.setString(1, n.proprietaire);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          tenus.put(r.getString(1), r.getInt(2));
        }
      }
    }
    return tenus;
  }

  private static int evenements(DataSource sql, String type) throws SQLException {
    return compter(sql, "select count(*) from dossier_evenement where type = '" + type + "'");
  }

  private static int compter(DataSource sql, String requete) throws SQLException {
    try (Connection c = sql.getConnection()) {
      return compter(c, requete);
    }
  }

  private static int compter(Connection c, String requete) throws SQLException {
    try (ResultSet r = c.createStatement().executeQuery(requete)) {
      r.next();
      return r.getInt(1);
    }
  }

  /** Samples the lock owners of the job table: proof that both executors took jobs. */
  private static final class Sonde extends Thread {
    private final DataSource sql;
    final Map<String, Set<String>> parProprietaire = new ConcurrentHashMap<>();

    Sonde(DataSource sql) {
      super("sonde-verrous");
      this.sql = sql;
      setDaemon(true);
    }

    @Override
    public void run() {
      try (Connection c = sql.getConnection()) {
        while (!isInterrupted()) {
          try (ResultSet r =
              c.createStatement()
                  .executeQuery(
                      "select lock_owner_, id_ from act_ru_job where lock_owner_ is not null")) {
            while (r.next()) {
              parProprietaire
                  .computeIfAbsent(r.getString(1), p -> ConcurrentHashMap.newKeySet())
                  .add(r.getString(2));
            }
          }
          Thread.sleep(50);
        }
      } catch (InterruptedException e) {
        // done
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Nodes

  private final class Noeud {
    final String nom;
    final int portHazelcast;
    final int portHttp = ParcelleLauncher.portLibre();
    final String adresse;
    final Path journal;
    final Path racine;
    final AtomicInteger depots = new AtomicInteger();
    final AtomicInteger reprises = new AtomicInteger();
    Process processus;
    String proprietaire;
    double demarrage;
    private long debut;

    Noeud(String nom, int portHazelcast, Path racine) {
      this.nom = nom;
      this.portHazelcast = portHazelcast;
      this.racine = racine;
      this.adresse = "http://localhost:" + portHttp + "/";
      this.journal = racine.resolve(nom + ".log");
    }

    void demarrer(EmbeddedDatabase base, String membres, String cluster) throws IOException {
      List<String> commande =
          new ArrayList<>(
              ParcelleLauncher.commande(
                  Path.of(System.getProperty("payara.microJar")),
                  Path.of(System.getProperty("parcelle.war")),
                  Path.of("server-config"),
                  portHttp));
      // The launcher's single node (--nocluster) becomes a member of a TCP/IP cluster on the
      // loopback: multicast is not needed (nor, often, available).
      int i = commande.indexOf("--nocluster");
      commande.remove(i);
      commande.addAll(
          i,
          List.of(
              "--clustermode",
              "tcpip:" + membres,
              "--startport",
              String.valueOf(portHazelcast),
              "--clustername",
              cluster,
              "--interfaces",
              "127.0.0.1",
              "--name",
              nom));
      ProcessBuilder pb = new ProcessBuilder(commande);
      pb.redirectErrorStream(true).redirectOutput(journal.toFile());
      Map<String, String> env = pb.environment();
      env.put("PARCELLE_DB_URL", base.jdbcUrl());
      env.put("PARCELLE_DB_USER", EmbeddedDatabase.UTILISATEUR);
      env.put("PARCELLE_DB_PASSWORD", "deux-noeuds");
      env.put("PARCELLE_DB_EMBEDDED", "true");
      env.put("PARCELLE_DEMO_ENABLED", "true");
      env.put("PARCELLE_JAVA_OPTS", "-Xms256m -Xmx768m -XX:+UseSerialGC");
      // The same document store, keys and PLAT'AU exchange for both nodes.
      env.put("PARCELLE_STORAGE_DIR", racine.resolve("documents").toString());
      env.put("PARCELLE_SIGNATURE_KEYSTORES_DIR", racine.resolve("signature").toString());
      env.put("PARCELLE_PLATAU_SORTIE", racine.resolve("platau").toString());
      env.put("PARCELLE_COURRIEL_SMTP_HOST", "");
      env.put("PARCELLE_ENGINE_JOB_EXECUTOR_LOCK_TIME_MS", String.valueOf(VERROU_MS));
      env.put("PARCELLE_ENGINE_JOB_EXECUTOR_MAX_WAIT_MS", "2000");
      env.put("PARCELLE_TELEVERSEMENTS_SIMULTANES_PAR_UTILISATEUR", "1000");
      env.put("PARCELLE_TELEVERSEMENTS_PAR_FENETRE", "100000");
      debut = System.nanoTime();
      processus = pb.start();
    }

    void attendrePret() throws Exception {
      ParcelleLauncher.Attente attente =
          ParcelleLauncher.attendre(
              adresse + "health/ready", processus, SortiePayara.journal(journal));
      boolean pret = attente.pret();
      demarrage = (System.nanoTime() - debut) / 1e9;
      String log = Files.readString(journal);
      if (!pret
          || log.contains("Exception while deploying")
          || log.contains("Exception while preparing the app")) {
        throw new IllegalStateException(
            nom + " n'a pas démarré (" + attente.resume() + ") : voir " + journal);
      }
    }

    /** SIGKILL: no shutdown hook, no undeploy, no engine close. */
    void tuer() throws InterruptedException {
      processus.destroyForcibly();
      processus.waitFor();
    }

    void arreter() throws InterruptedException {
      if (processus != null && processus.isAlive()) {
        processus.destroy();
        if (!processus.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
          processus.destroyForcibly();
          processus.waitFor();
        }
      }
    }

    int exceptionsDeJob() throws IOException {
      return (int)
          Files.readAllLines(journal, StandardCharsets.ISO_8859_1).stream()
              .filter(l -> l.contains("ENGINE-14006") || l.contains("OptimisticLockingException"))
              .count();
    }
  }

  /** The last cluster size Hazelcast printed in the node's log, once it reaches {@code n}. */
  private static int attendreMembres(Noeud n, int attendu) throws Exception {
    long limite = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int vu = 0;
    while (System.nanoTime() < limite) {
      Matcher m = MEMBRES.matcher(Files.readString(n.journal, StandardCharsets.ISO_8859_1));
      while (m.find()) {
        vu = Integer.parseInt(m.group(1));
      }
      if (vu == attendu) {
        return vu;
      }
      Thread.sleep(500);
    }
    return vu;
  }

  private static String proprietaire(Noeud n) throws IOException {
    Matcher m = PROPRIETAIRE.matcher(Files.readString(n.journal, StandardCharsets.UTF_8));
    if (!m.find()) {
      throw new IllegalStateException("propriétaire des verrous absent du journal " + n.journal);
    }
    return m.group(1);
  }

  // ---------------------------------------------------------------------------------------------

  @FunctionalInterface
  private interface Condition {
    boolean vraie() throws Exception;
  }

  private static void attendre(String quoi, Condition condition, int secondes) throws Exception {
    long limite = System.nanoTime() + Duration.ofSeconds(secondes).toNanos();
    while (!condition.vraie()) {
      if (System.nanoTime() > limite) {
        throw new AssertionError("pas atteint en " + secondes + " s : " + quoi);
      }
      Thread.sleep(200);
    }
  }

  private void noter(String format, Object... valeurs) {
    String ligne = String.format(format, valeurs);
    bilan.add(ligne);
    System.out.println("[deux-nœuds] " + ligne);
  }
}
