package fr.parcelle.infrastructure.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.support.MoteurDeTest;
import fr.parcelle.support.PostgresDeTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The job executor's acquisition among many timers due later, as in production where every running
 * file holds its own (migration V15 and {@link PlansParRequete}): 5,000 timers due in the coming
 * months, none due now. The statement is the one the engine sends, read back from PostgreSQL
 * ({@code pg_prepared_statements}).
 */
class AcquisitionDesJobsTest {

  private static final int TIMERS = 5_000;

  /** The acquisition's statement among those the engine's connection prepared. */
  private static final String ACQUISITION = "%from ACT_RU_JOB RES%RETRIES_ > 0%";

  private static DataSource base;
  private static ProcessEngine avec;
  private static ProcessEngine sans;

  @BeforeAll
  static void demarrer() throws Exception {
    base = PostgresDeTest.base("acquisition");
    executer(
        "insert into act_ru_job (id_, rev_, type_, retries_, suspension_state_, duedate_,"
            + " exclusive_, handler_type_, process_instance_id_, priority_)"
            + " select 'futur-' || g, 1, 'timer', 3, 1, localtimestamp + (g % 120 + 1) * interval"
            + " '1 day', true, 'timer-transition', 'instance-' || g, 0"
            + " from generate_series(1, "
            + TIMERS
            + ") g");
    // What autovacuum does on a table that grows: the planner then knows when the timers fall due.
    executer("analyze act_ru_job");
    String url = ((PGSimpleDataSource) base).getUrl();
    avec = moteur(url, true);
    sans = moteur(url, false);
  }

  @AfterAll
  static void arreter() {
    avec.close();
    sans.close();
  }

  private static ProcessEngine moteur(String url, boolean plans) {
    StandaloneProcessEngineConfiguration c =
        MoteurDeTest.configuration(url, "acquisition-" + plans, 1);
    c.setJobExecutorDeploymentAware(false);
    if (plans) {
      c.getProcessEnginePlugins().add(PlansParRequete.plugin());
    }
    return c.buildProcessEngine();
  }

  @Test
  void l_acquisition_est_planifiee_avec_l_heure_qu_elle_demande_puis_retour_au_serveur() {
    ProcessEngineConfigurationImpl c =
        (ProcessEngineConfigurationImpl) avec.getProcessEngineConfiguration();
    List<String> pendant = new ArrayList<>();
    AcquireJobsCmd acquisition =
        new AcquireJobsCmd(c.getJobExecutor()) {
          @Override
          public AcquiredJobs execute(CommandContext contexte) {
            pendant.addAll(
                MoteurDeTest.lire(contexte, "select current_setting('plan_cache_mode')"));
            return super.execute(contexte);
          }
        };

    assertThat(c.getCommandExecutorTxRequired().execute(acquisition).size()).isZero();

    assertThat(pendant).containsExactly("force_custom_plan");
    // SET LOCAL: the pooled connection goes back with the server's setting.
    assertThat(MoteurDeTest.sql(avec, "select current_setting('plan_cache_mode')"))
        .containsExactly("auto");
    // And PostgreSQL then never kept a generic plan for it.
    for (long[] p : apresDouzeAcquisitions(avec)) {
      assertThat(p[0]).as("generic plans").isZero();
      assertThat(p[1]).as("plans made with the values").isPositive();
    }
  }

  @Test
  void planifiee_avec_l_heure_l_acquisition_lit_l_index_et_non_les_timers() throws Exception {
    apresDouzeAcquisitions(avec);
    String requete = acquisition(avec);

    // Without V15 this plan reads every timer ("Seq Scan on act_ru_job res"). Its generic plan
    // did too on the loaded database of 275,006 timers (96 ms), though not on a table this small,
    // where PostgreSQL weighs the two otherwise: hence the first test, and not a test of that plan.
    assertThat(expliquer(requete))
        .contains("act_idx_job_acquisition")
        .doesNotContain("Seq Scan on act_ru_job res");
  }

  @Test
  void les_jobs_dus_sont_acquis_les_autres_non() throws Exception {
    executer(
        "insert into act_ru_job (id_, rev_, type_, retries_, suspension_state_, duedate_,"
            + " exclusive_, handler_type_, process_instance_id_, priority_) values"
            + " ('du-1', 1, 'timer', 3, 1, localtimestamp - interval '2 days', true,"
            + " 'timer-transition', 'instance-du-1', 0),"
            + " ('du-2', 1, 'timer', 3, 1, null, true, 'timer-transition', 'instance-du-2', 0),"
            + " ('du-sans-essai', 1, 'timer', 0, 1, localtimestamp - interval '2 days', true,"
            + " 'timer-transition', 'instance-du-3', 0),"
            + " ('du-suspendu', 1, 'timer', 3, 2, localtimestamp - interval '2 days', true,"
            + " 'timer-transition', 'instance-du-4', 0)");
    try {
      ProcessEngineConfigurationImpl c =
          (ProcessEngineConfigurationImpl) avec.getProcessEngineConfiguration();
      AcquiredJobs acquis =
          c.getCommandExecutorTxRequired().execute(new AcquireJobsCmd(c.getJobExecutor(), 10));

      List<String> ids = acquis.getJobIdBatches().stream().flatMap(List::stream).toList();
      // Due by date, and due without a date; not one without retries left, nor a suspended one.
      assertThat(ids).containsExactlyInAnyOrder("du-1", "du-2");
    } finally {
      executer("delete from act_ru_job where id_ like 'du-%'");
    }
  }

  /** The engine's acquisition twelve times, then its plans as PostgreSQL counted them. */
  private static List<long[]> apresDouzeAcquisitions(ProcessEngine moteur) {
    ProcessEngineConfigurationImpl c =
        (ProcessEngineConfigurationImpl) moteur.getProcessEngineConfiguration();
    for (int i = 0; i < 12; i++) {
      AcquiredJobs acquis =
          c.getCommandExecutorTxRequired().execute(new AcquireJobsCmd(c.getJobExecutor()));
      assertThat(acquis.size()).isZero();
    }
    List<long[]> plans = MoteurDeTest.plans(moteur, ACQUISITION);
    assertThat(plans).as("acquisition statements prepared on the server").isNotEmpty();
    return plans;
  }

  /** The acquisition statement as the engine prepared it, and its parameters' types. */
  private static String acquisition(ProcessEngine moteur) {
    return MoteurDeTest.sql(
            moteur,
            "select statement || '\n--types ' || array_to_string(parameter_types, ',')"
                + " from pg_prepared_statements where statement ilike '"
                + ACQUISITION
                + "'")
        .getFirst();
  }

  /**
   * The plan of {@code requete} (with {@code $n} parameters, their types after "--types") for
   * "now", three jobs at a time, planned with those values as PlansParRequete asks.
   */
  private static String expliquer(String requete) throws Exception {
    int coupure = requete.lastIndexOf("\n--types ");
    String texte = requete.substring(0, coupure);
    String[] types = requete.substring(coupure + 9).split(",");
    List<String> valeurs = new ArrayList<>();
    boolean limite = true;
    for (String t : types) {
      if (t.startsWith("timestamp")) {
        valeurs.add("localtimestamp");
      } else {
        // LIMIT, then OFFSET
        valeurs.add(limite ? "3" : "0");
        limite = false;
      }
    }
    Matcher m = Pattern.compile("\\$\\d+").matcher(texte);
    assertThat(m.find()).as("parameters in " + texte).isTrue();
    try (Connection cx = base.getConnection();
        Statement s = cx.createStatement()) {
      s.execute("set plan_cache_mode = force_custom_plan");
      s.execute("prepare acquisition as " + texte);
      StringBuilder plan = new StringBuilder();
      try (ResultSet r =
          s.executeQuery("explain execute acquisition(" + String.join(", ", valeurs) + ")")) {
        while (r.next()) {
          plan.append(r.getString(1)).append('\n');
        }
      }
      return plan.toString();
    }
  }

  private static void executer(String instruction) throws Exception {
    try (Connection cx = base.getConnection();
        Statement s = cx.createStatement()) {
      s.execute(instruction);
    }
  }
}
