package fr.parcelle.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * A Camunda engine on the real PostgreSQL schema that Flyway builds for the application, job
 * executor off: tests drive jobs and the clock themselves.
 */
public final class MoteurDeTest {

  private static ProcessEngine moteur;

  private MoteurDeTest() {}

  /**
   * Deploys {@code bpmn/instruction-dau.bpmn} and its four task forms on {@code moteur}, as one
   * deployment; returns its id (to delete it, cascading to its instances).
   */
  public static String deployerInstruction(ProcessEngine moteur, String nom) {
    return moteur
        .getRepositoryService()
        .createDeployment()
        .name(nom)
        .addClasspathResource("bpmn/instruction-dau.bpmn")
        .addClasspathResource("bpmn/verifier-completude.form")
        .addClasspathResource("bpmn/rendre-avis.form")
        .addClasspathResource("bpmn/instruire-proposer.form")
        .addClasspathResource("bpmn/signer-arrete.form")
        .deploy()
        .getId();
  }

  /**
   * Deploys {@code processus}: its user tasks {@code taches} one after the other, then its end;
   * returns the deployment's id (to delete it, cascading to its instances).
   */
  public static String deployerTaches(ProcessEngine moteur, String processus, String... taches) {
    org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder<?, ?> suite =
        org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(processus)
            .camundaHistoryTimeToLive(1)
            .startEvent();
    for (String tache : taches) {
      suite = suite.userTask(tache);
    }
    return moteur
        .getRepositoryService()
        .createDeployment()
        .addModelInstance(processus + ".bpmn", suite.endEvent().done())
        .deploy()
        .getId();
  }

  public static synchronized ProcessEngine moteur() {
    if (moteur == null) {
      StandaloneProcessEngineConfiguration c = new StandaloneProcessEngineConfiguration();
      c.setProcessEngineName("tests-" + System.nanoTime());
      c.setDataSource(PostgresDeTest.base("processus"));
      c.setDatabaseType("postgres");
      c.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
      // The application's history level (audit without the dossier's copies).
      c.setCustomHistoryLevels(
          java.util.List.of(new fr.parcelle.infrastructure.workflow.HistoriqueParcelle()));
      c.setHistory(fr.parcelle.infrastructure.workflow.HistoriqueParcelle.NOM);
      c.setJobExecutorActivate(false);
      c.setEnforceHistoryTimeToLive(true);
      // Delegates (@Named beans in Payara) are registered by the tests with Mocks.register.
      c.setExpressionManager(new org.camunda.bpm.engine.test.mock.MockExpressionManager());
      // JSON variables, as in the application (forms send checklists as JSON).
      c.getProcessEnginePlugins().add(new org.camunda.spin.plugin.impl.SpinProcessEnginePlugin());
      // As in Payara: a form opened before its instance is converted converts it first.
      c.getProcessEnginePlugins().add(fr.parcelle.infrastructure.workflow.FicheALaDemande.plugin());
      // As in Payara: task queries planned with their values.
      c.getProcessEnginePlugins().add(fr.parcelle.infrastructure.workflow.PlansParRequete.plugin());
      // As in Payara: JSON lists submitted unchanged are not rewritten.
      c.getProcessEnginePlugins()
          .add(fr.parcelle.infrastructure.workflow.ValeursInchangees.plugin());
      // As in Payara: no error message written for each row inserted.
      c.getProcessEnginePlugins()
          .add(fr.parcelle.infrastructure.workflow.EntitesSansMessage.plugin());
      // As in Payara: MyBatis calls the entities' getters and setters without reflection.
      c.getProcessEnginePlugins().add(fr.parcelle.infrastructure.workflow.AccesDirects.plugin());
      moteur = c.buildProcessEngine();
    }
    return moteur;
  }

  /**
   * An engine's configuration on the database at {@code url} with {@code connexions} connections,
   * job executor off, schema checked only. With one connection, the statements it prepares on the
   * server are the ones {@link #plans} reads.
   */
  public static StandaloneProcessEngineConfiguration configuration(
      String url, String nom, int connexions) {
    StandaloneProcessEngineConfiguration c = new StandaloneProcessEngineConfiguration();
    c.setProcessEngineName(nom + "-" + System.nanoTime());
    c.setJdbcUrl(url);
    c.setJdbcUsername("postgres");
    c.setJdbcPassword("");
    c.setJdbcDriver("org.postgresql.Driver");
    c.setJdbcMaxActiveConnections(connexions);
    c.setJdbcMaxIdleConnections(connexions);
    c.setDatabaseType("postgres");
    c.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
    c.setJobExecutorActivate(false);
    return c;
  }

  /** One column of a query, on the engine's own connection, in a command of its own. */
  public static List<String> sql(ProcessEngine moteur, String requete) {
    return ((ProcessEngineConfigurationImpl) moteur.getProcessEngineConfiguration())
        .getCommandExecutorTxRequired()
        .execute(contexte -> lire(contexte, requete));
  }

  /** One column of a query, on the connection of the command running. */
  public static List<String> lire(CommandContext contexte, String requete) {
    List<String> lignes = new ArrayList<>();
    try (Statement s =
            contexte.getDbSqlSession().getSqlSession().getConnection().createStatement();
        ResultSet r = s.executeQuery(requete)) {
      while (r.next()) {
        lignes.add(r.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return lignes;
  }

  /**
   * The plans PostgreSQL made for the statements the engine's connection prepared whose text is
   * like {@code motif} ({@code ilike}): for each, {generic plans, plans made with the values}.
   */
  public static List<long[]> plans(ProcessEngine moteur, String motif) {
    List<long[]> plans = new ArrayList<>();
    for (String ligne :
        sql(
            moteur,
            "select generic_plans || ';' || custom_plans from pg_prepared_statements"
                + " where statement ilike '"
                + motif
                + "'")) {
      String[] n = ligne.split(";");
      plans.add(new long[] {Long.parseLong(n[0]), Long.parseLong(n[1])});
    }
    return plans;
  }
}
