package fr.parcelle.bench;

import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.port.InstructionWorkflow;
import fr.parcelle.infrastructure.workflow.CamundaInstructionWorkflow;
import fr.parcelle.launcher.EmbeddedDatabase;
import fr.parcelle.support.PostgresDeTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * Issue 8 (d): instruction process starts and instructor task completions per second, beside a bare
 * engine on the same PostgreSQL database in the same run.
 *
 * <ul>
 *   <li><b>bare</b>: Camunda's default configuration, a start → user task → end process; a start is
 *       one {@code startProcessInstanceByKey}, a completion one {@code complete}.
 *   <li><b>Parcelle</b>: the engine configured as in production ({@link
 *       MoteurDeBanc#commeEnProduction}: its job executor running with the production pool), {@code
 *       bpmn/instruction-dau.bpmn} with the steps' variables ({@link MoteurDeBanc.EtapesMuettes}).
 *       A start is what a deposit costs the engine: {@link CamundaInstructionWorkflow#demarrer} (23
 *       variables) then the job after the start event, which publishes the avis de dépôt and
 *       creates the completeness task with its timer. A completion is the completeness form
 *       submitted by an authenticated instructor as the Tasklist submits it ({@link
 *       CommeLaTasklist}: every keyed field that is not disabled; authorisation checks on), then
 *       the job that opens the instruction (its timer, the proposal task and its variables). The
 *       clock stops when the job executor has created the last expected task.
 * </ul>
 *
 * Before the table, the rows each operation writes per table (PostgreSQL's statistics), which
 * explain most of the difference. Run: {@code mvn -q test-compile
 * org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.mainClass=fr.parcelle.bench.BancProcessus
 * -Dexec.classpathScope=test} ({@code -Dbanc.processus.nombre=2000 -Dbanc.processus.fils=1,8}).
 */
public final class BancProcessus {

  private static final String UTILISATEUR = EmbeddedDatabase.UTILISATEUR;
  private static final String GROUPE = "instructeurs-rennes-metropole";

  private BancProcessus() {}

  public static void main(String[] args) throws Exception {
    int nombre = Integer.getInteger("banc.processus.nombre", 2000);
    int chauffe = Integer.getInteger("banc.processus.chauffe", 1000);
    List<Integer> fils = new ArrayList<>();
    for (String f : System.getProperty("banc.processus.fils", "1,8").split(",")) {
      fils.add(Integer.parseInt(f.trim()));
    }
    Path repertoire =
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "banc-processus-");
    try {
      executer(repertoire, nombre, chauffe, fils);
    } finally {
      // Its database, removed: twenty runs had left theirs in target/.
      BancDepot.deleteRecursively(repertoire);
    }
  }

  private static void executer(Path repertoire, int nombre, int chauffe, List<Integer> fils)
      throws Exception {
    Map<String, String> reglages = new HashMap<>(StatistiquesSql.reglages());
    if (!reglages.isEmpty()) {
      // The planning's time too: the Tasklist's task queries are planned with their values.
      reglages.put("pg_stat_statements.track_planning", "on");
    }
    try (EmbeddedDatabase pg =
        EmbeddedDatabase.demarrer(repertoire, PostgresDeTest.portLibre(), reglages)) {
      PostgresDeTest.migrer(pg.jdbcUrl());
      String niveau = System.getProperty("banc.historique", "audit");
      int id =
          niveau.equals(fr.parcelle.infrastructure.workflow.HistoriqueParcelle.NOM)
              ? fr.parcelle.infrastructure.workflow.HistoriqueParcelle.ID
              : List.of("none", "activity", "audit", "full").indexOf(niveau);
      try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl(), UTILISATEUR, "");
          var s = c.createStatement()) {
        s.executeUpdate(
            "update act_ge_property set value_ = '" + id + "' where name_ = 'historyLevel'");
      }
      int pool = 2 * fils.stream().mapToInt(Integer::intValue).max().orElse(8) + 2;
      ProcessEngine nu = MoteurDeBanc.nu(pg.jdbcUrl(), UTILISATEUR, "nu", pool);
      ProcessEngine parcelle =
          MoteurDeBanc.commeEnProduction(pg.jdbcUrl(), UTILISATEUR, "parcelle", pool, true);
      try {
        BpmnModelInstance uneTache =
            Bpmn.createExecutableProcess("Process_Nu")
                .camundaHistoryTimeToLive(30)
                .startEvent()
                .userTask("Tache")
                .endEvent()
                .done();
        nu.getRepositoryService().createDeployment().addModelInstance("nu.bpmn", uneTache).deploy();
        AtomicInteger rang = new AtomicInteger();

        System.out.printf(
            Locale.ROOT,
            "Chauffe : %d démarrages et %d complétions de chaque côté…%n",
            chauffe,
            chauffe);
        mesurer(1, chauffe, i -> demarrerNu(nu));
        mesurer(1, chauffe, tachesNu(nu, chauffe)::completer);
        mesurer(1, chauffe, i -> demarrerParcelle(parcelle, rang), taches(parcelle, COMPLETUDE));
        mesurer(
            1,
            chauffe,
            tachesParcelle(parcelle, chauffe)::completer,
            taches(parcelle, PROPOSITION));

        Ecritures ecritures = new Ecritures(pg.jdbcUrl());
        ecritures.top();
        mesurer(1, 200, i -> demarrerNu(nu));
        ecritures.afficher("démarrage nu", 200);
        mesurer(1, 200, tachesNu(nu, 200)::completer);
        ecritures.afficher("complétion nu", 200);
        mesurer(1, 200, i -> demarrerParcelle(parcelle, rang), taches(parcelle, COMPLETUDE));
        ecritures.afficher("démarrage Parcelle (+ job)", 200);
        mesurer(1, 200, tachesParcelle(parcelle, 200)::completer, taches(parcelle, PROPOSITION));
        ecritures.afficher("complétion Parcelle (+ job)", 200);
        if (StatistiquesSql.demandees()) {
          StatistiquesSql sql = new StatistiquesSql(pg.dataSource());
          sql.remettreAZeroInstructions();
          mesurer(1, 200, i -> demarrerParcelle(parcelle, rang), taches(parcelle, COMPLETUDE));
          System.out.println(sql.parOperation("démarrage Parcelle (+ job)", 200, 15));
          sql.remettreAZeroInstructions();
          mesurer(1, 200, tachesParcelle(parcelle, 200)::completer, taches(parcelle, PROPOSITION));
          System.out.println(sql.parOperation("complétion Parcelle (+ job)", 200, 15));
        }

        TempsProcesseur processeur =
            TempsProcesseur.disponible()
                ? new TempsProcesseur(
                    ProcessHandle.current().pid(), repertoire.resolve("postmaster.pid"))
                : null;
        List<String> cpu = new ArrayList<>();
        System.out.println();
        System.out.println(
            "| Fils | Démarrages/s nu | Démarrages/s Parcelle | Coût relatif | Complétions/s nu |"
                + " Complétions/s Parcelle | Coût relatif |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int f : fils) {
          TempsProcesseur.Releve r0 = lire(processeur);
          double dNu = mesurer(f, nombre, i -> demarrerNu(nu));
          TempsProcesseur.Releve r1 = lire(processeur);
          double cNu = mesurer(f, nombre, tachesNu(nu, nombre)::completer);
          TempsProcesseur.Releve r2 = lire(processeur);
          double dP =
              mesurer(
                  f, nombre, i -> demarrerParcelle(parcelle, rang), taches(parcelle, COMPLETUDE));
          TempsProcesseur.Releve r3 = lire(processeur);
          double cP =
              mesurer(
                  f,
                  nombre,
                  tachesParcelle(parcelle, nombre)::completer,
                  taches(parcelle, PROPOSITION));
          TempsProcesseur.Releve r4 = lire(processeur);
          System.out.printf(
              Locale.ROOT,
              "| %d | %.0f | %.0f | %.2f× | %.0f | %.0f | %.2f× |%n",
              f,
              dNu,
              dP,
              dNu / dP,
              cNu,
              cP,
              cNu / cP);
          if (processeur != null) {
            cpu.add(
                String.format(
                    Locale.ROOT,
                    "| %d | %s | %s | %.2f× | %s | %s | %.2f× |",
                    f,
                    parOperation(r0, r1, nombre),
                    parOperation(r2, r3, nombre),
                    total(r2, r3) / (double) total(r0, r1),
                    parOperation(r1, r2, nombre),
                    parOperation(r3, r4, nombre),
                    total(r3, r4) / (double) total(r1, r2)));
          }
          noter("démarrages d'instruction", f, dP, dNu);
          noter("complétions de tâche", f, cP, cNu);
        }
        if (!cpu.isEmpty()) {
          // The machine's speed moves the rates from one measure to the next; the CPU each
          // operation took says which process a change saved (the engines share this JVM).
          System.out.println();
          System.out.println(
              "Processeur par opération (ms : cette JVM, où tournent les deux moteurs + PostgreSQL) :");
          System.out.println(
              "| Fils | Démarrage nu | Démarrage Parcelle | Coût relatif | Complétion nu |"
                  + " Complétion Parcelle | Coût relatif |");
          System.out.println("|---|---|---|---|---|---|---|");
          cpu.forEach(System.out::println);
        }
        verifier(parcelle);
      } finally {
        // Closed on every way out: under BancComplet the next parts run in this JVM, and a job
        // executor left running would poll a database that is gone.
        nu.close();
        parcelle.close();
      }
    }
  }

  private static TempsProcesseur.Releve lire(TempsProcesseur processeur) throws Exception {
    return processeur != null ? processeur.lire() : null;
  }

  /** "0.92 + 0.41": the JVM's and PostgreSQL's CPU per operation, in ms. */
  private static String parOperation(
      TempsProcesseur.Releve avant, TempsProcesseur.Releve apres, int nombre) {
    return String.format(
        Locale.ROOT,
        "%.2f + %.2f",
        TempsProcesseur.ms(apres.client() - avant.client(), nombre),
        TempsProcesseur.ms(apres.postgres() - avant.postgres(), nombre));
  }

  private static long total(TempsProcesseur.Releve avant, TempsProcesseur.Releve apres) {
    return apres.client() - avant.client() + apres.postgres() - avant.postgres();
  }

  /** One row of (d) in the synthesis: Parcelle's rate and the bare engine's, per second. */
  private static void noter(String operation, int fils, double parcelle, double nu) {
    Synthese.noter(
        "(d) " + operation + ", " + fils + (fils > 1 ? " fils" : " fil"),
        String.format(Locale.ROOT, "%.0f /s", parcelle),
        String.format(Locale.ROOT, "%.0f /s (moteur nu)", nu),
        Synthese.fois(nu / parcelle),
        "≤ 2×",
        nu / parcelle <= 2);
  }

  /** Nothing measured is a no-op: every Parcelle completion opened an instruction. */
  private static void verifier(ProcessEngine parcelle) {
    long ouvertes =
        parcelle
            .getTaskService()
            .createTaskQuery()
            .taskDefinitionKey("Task_InstruireEtProposer")
            .count();
    long completees =
        parcelle
            .getHistoryService()
            .createHistoricTaskInstanceQuery()
            .taskDefinitionKey("Task_VerifierCompletude")
            .finished()
            .count();
    System.out.printf(
        Locale.ROOT,
        "%nContrôle : %d tâches de complétude terminées, %d instructions ouvertes.%n",
        completees,
        ouvertes);
    if (ouvertes != completees) {
      throw new IllegalStateException("Complétions perdues : " + completees + " ≠ " + ouvertes);
    }
  }

  private static final String COMPLETUDE = "Task_VerifierCompletude";
  private static final String PROPOSITION = "Task_InstruireEtProposer";

  /** How many tasks of this kind are open now. */
  private static java.util.function.LongSupplier taches(ProcessEngine moteur, String cle) {
    return () -> moteur.getTaskService().createTaskQuery().taskDefinitionKey(cle).count();
  }

  /**
   * Like {@link #mesurer(int, int, IntConsumer)}, the clock stopping only once the job executor has
   * done its part: {@code nombre} more tasks counted by {@code taches}.
   */
  private static double mesurer(
      int fils, int nombre, IntConsumer travail, java.util.function.LongSupplier taches)
      throws Exception {
    long attendues = taches.getAsLong() + nombre;
    long debut = System.nanoTime();
    mesurer(fils, nombre, travail);
    while (taches.getAsLong() < attendues) {
      Thread.sleep(20);
    }
    return nombre / ((System.nanoTime() - debut) / 1e9);
  }

  /** Runs {@code travail(0..nombre-1)} on {@code fils} threads; returns operations per second. */
  private static double mesurer(int fils, int nombre, IntConsumer travail) throws Exception {
    AtomicInteger suivant = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(fils);
    // Shut down on every way out, or a failed operation leaves threads that keep the JVM alive.
    try {
      long debut = System.nanoTime();
      List<Future<?>> fins = new ArrayList<>();
      for (int f = 0; f < fils; f++) {
        fins.add(
            pool.submit(
                () -> {
                  for (int i = suivant.getAndIncrement();
                      i < nombre;
                      i = suivant.getAndIncrement()) {
                    travail.accept(i);
                  }
                }));
      }
      for (Future<?> fin : fins) {
        fin.get();
      }
      double secondes = (System.nanoTime() - debut) / 1e9;
      return nombre / secondes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void demarrerNu(ProcessEngine nu) {
    nu.getRuntimeService().startProcessInstanceByKey("Process_Nu");
  }

  private static Taches tachesNu(ProcessEngine nu, int nombre) {
    List<String> ids =
        nu
            .getTaskService()
            .createTaskQuery()
            .taskDefinitionKey("Tache")
            .listPage(0, nombre)
            .stream()
            .map(Task::getId)
            .toList();
    return new Taches(ids, id -> nu.getTaskService().complete(id));
  }

  /** A deposit as the engine sees it: the start, then the job after the start event. */
  private static void demarrerParcelle(ProcessEngine parcelle, AtomicInteger rang) {
    int r = rang.getAndIncrement();
    LocalDate depot = LocalDate.of(2026, 11, 27);
    NumeroDossier numero =
        NumeroDossier.attribuer(
            "PC", String.format("35%03d", r / 90_000), 2026, r % 90_000 + 1, null);
    new CamundaInstructionWorkflow(parcelle)
        .demarrer(
            new InstructionWorkflow.DemarrageInstruction(
                numero,
                "PCMI",
                "35352",
                GROUPE,
                "maires-35352",
                depot,
                depot.plusMonths(1),
                depot.plusMonths(2).plusDays(1),
                new InstructionWorkflow.Resume(
                    "Permis de construire une maison individuelle",
                    "Vern-sur-Seiche",
                    "Claire Martin",
                    "12 rue des Lilas, 35770 Vern-sur-Seiche",
                    "Maison individuelle de 120 m², construction neuve")));
  }

  private static Taches tachesParcelle(ProcessEngine parcelle, int nombre) {
    List<String> ids =
        parcelle
            .getTaskService()
            .createTaskQuery()
            .taskDefinitionKey("Task_VerifierCompletude")
            .listPage(0, nombre)
            .stream()
            .map(Task::getId)
            .toList();
    Map<String, Object> saisie = new HashMap<>();
    saisie.put("completude", "COMPLET");
    saisie.put("piecesManquantes", "[]");
    saisie.put("majorationsRetenues", "[]");
    saisie.put("servicesAConsulter", "[]");
    return new Taches(
        ids,
        id -> {
          // As the Tasklist does: the instructor is authenticated, the engine checks the task.
          parcelle.getIdentityService().setAuthentication("instructeur", List.of(GROUPE));
          try {
            parcelle
                .getFormService()
                .submitTaskForm(id, CommeLaTasklist.soumission(parcelle, id, saisie));
          } finally {
            parcelle.getIdentityService().clearAuthentication();
          }
        });
  }

  /**
   * What Camunda Tasklist sends when an agent presses "Terminer" on a Camunda Form (camunda-webapp
   * 7.24, {@code cam-tasklist-form-camunda}): it reads every variable the task sees ({@code
   * form-variables}), gives them to form-js, and submits the value of every keyed field that is not
   * {@code disabled} — a {@code readonly} field is sent back too. What the agent typed replaces the
   * loaded value; lists go back as JSON.
   */
  static final class CommeLaTasklist {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
        new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Map<String, List<String>> CLES =
        new java.util.concurrent.ConcurrentHashMap<>();

    private CommeLaTasklist() {}

    static Map<String, Object> soumission(
        ProcessEngine moteur, String tache, Map<String, Object> saisie) {
      org.camunda.bpm.engine.variable.VariableMap lues =
          moteur.getFormService().getTaskFormVariables(tache, null, false);
      List<String> cles =
          CLES.computeIfAbsent(
              moteur
                  .getTaskService()
                  .createTaskQuery()
                  .taskId(tache)
                  .singleResult()
                  .getTaskDefinitionKey(),
              k -> clesSoumises(moteur, tache));
      Map<String, Object> envoi = new HashMap<>();
      for (String cle : cles) {
        String racine = cle.contains(".") ? cle.substring(0, cle.indexOf('.')) : cle;
        if (saisie.containsKey(racine)) {
          envoi.put(racine, saisie.get(racine));
        } else if (lues.containsKey(racine)) {
          envoi.put(racine, lues.getValueTyped(racine));
        }
      }
      return json(envoi);
    }

    /** The keys form-js submits: keyed fields, not disabled, in the deployed form. */
    static List<String> clesSoumises(ProcessEngine moteur, String tache) {
      try (var formulaire = moteur.getFormService().getDeployedTaskForm(tache)) {
        List<String> cles = new ArrayList<>();
        parcourir(JSON.readTree(formulaire), cles);
        return cles;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    private static void parcourir(
        com.fasterxml.jackson.databind.JsonNode noeud, List<String> cles) {
      for (var c : noeud.path("components")) {
        if (c.hasNonNull("key") && !c.path("disabled").asBoolean(false)) {
          cles.add(c.get("key").asText());
        }
        parcourir(c, cles);
      }
    }
  }

  private static Map<String, Object> json(Map<String, Object> formulaire) {
    Map<String, Object> v = new HashMap<>();
    formulaire.forEach(
        (k, valeur) ->
            v.put(
                k,
                valeur instanceof String s && s.startsWith("[")
                    ? org.camunda.spin.plugin.variable.SpinValues.jsonValue(s).create()
                    : valeur));
    return v;
  }

  /** Rows written per operation, per table (PostgreSQL's statistics, read between phases). */
  private static final class Ecritures {
    private final String url;
    private Map<String, long[]> avant = Map.of();

    Ecritures(String url) {
      this.url = url;
    }

    void top() throws java.sql.SQLException {
      avant = lire();
    }

    void afficher(String operation, int nombre) throws Exception {
      // An idle backend publishes its counters within PostgreSQL's idle interval (10 s).
      Thread.sleep(11_000);
      Map<String, long[]> apres = lire();
      StringBuilder ligne = new StringBuilder();
      long total = 0;
      for (var e : new java.util.TreeMap<>(apres).entrySet()) {
        long[] a = avant.getOrDefault(e.getKey(), new long[3]);
        long ins = e.getValue()[0] - a[0];
        long maj = e.getValue()[1] - a[1];
        long sup = e.getValue()[2] - a[2];
        if (ins + maj + sup > 0) {
          total += ins + maj + sup;
          ligne.append(
              String.format(
                  Locale.ROOT,
                  " %s +%.1f/~%.1f/-%.1f",
                  e.getKey(),
                  ins / (double) nombre,
                  maj / (double) nombre,
                  sup / (double) nombre));
        }
      }
      System.out.printf(
          Locale.ROOT,
          "Lignes écrites par %s : %.1f —%s%n",
          operation,
          total / (double) nombre,
          ligne);
      avant = apres;
    }

    private Map<String, long[]> lire() throws java.sql.SQLException {
      Map<String, long[]> m = new HashMap<>();
      try (var c = java.sql.DriverManager.getConnection(url, UTILISATEUR, "");
          var s = c.createStatement();
          var r =
              s.executeQuery(
                  "select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables")) {
        while (r.next()) {
          m.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3), r.getLong(4)});
        }
      }
      return m;
    }
  }

  private record Taches(List<String> ids, java.util.function.Consumer<String> action) {
    void completer(int i) {
      action.accept(ids.get(i));
    }
  }
}
