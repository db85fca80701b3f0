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
      moteur = c.buildProcessEngine();
    }
    return moteur;
  }
}
