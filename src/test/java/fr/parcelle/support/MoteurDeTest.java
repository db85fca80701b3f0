package fr.parcelle.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * A Camunda engine on the real PostgreSQL schema that Flyway builds for the application, job
 * executor off: tests drive jobs and the clock themselves.
 */
public final class MoteurDeTest {

  private static ProcessEngine moteur;

  private MoteurDeTest() {}

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
      moteur = c.buildProcessEngine();
    }
    return moteur;
  }
}
