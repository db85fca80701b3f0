package fr.parcelle.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.support.PostgresDeTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * Timers survive a stop: a legal date that passes while the server is down gets its event when the
 * engine starts again, once. Two engines one after the other on the same PostgreSQL database, the
 * second with its job executor running, as in production.
 */
class RedemarrageTest {

  private final List<String> constates = Collections.synchronizedList(new ArrayList<>());

  @Test
  void un_delai_echu_pendant_l_arret_produit_son_evenement_au_redemarrage_une_seule_fois()
      throws Exception {
    String numero = "PC035352270" + (System.nanoTime() % 10_000);
    ProcessEngine avant = moteur("avant-arret", false);
    String instance;
    try {
      instance = deposerPuisArreter(avant, numero);
    } finally {
      avant.close(); // the server stops
    }

    Thread.sleep(2_500); // the legal date passes while nobody runs

    ProcessEngine apres = moteur("apres-redemarrage", true);
    try {
      long limite = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!constates.contains("reputeComplet " + numero) && System.nanoTime() < limite) {
        Thread.sleep(100);
      }
      assertThat(constates).contains("reputeComplet " + numero);
      Thread.sleep(1_000); // would a second firing come?
      assertThat(constates.stream().filter(c -> c.equals("reputeComplet " + numero)).count())
          .isEqualTo(1);
      assertThat(
              apres
                  .getHistoryService()
                  .createHistoricActivityInstanceQuery()
                  .processInstanceId(instance)
                  .activityId("Timer_MoisDeCompletudeEcoule")
                  .count())
          .isEqualTo(1);
    } finally {
      apres.close();
    }
  }

  /** Deposit, the first task created, the completeness month ending two seconds from now. */
  private static String deposerPuisArreter(ProcessEngine avant, String numero) {
    fr.parcelle.support.MoteurDeTest.deployerInstruction(avant, "redemarrage");
    Map<String, Object> variables = new java.util.HashMap<>();
    variables.put("numeroDossierAffiche", numero);
    variables.put("groupeInstructeurs", "instructeurs-rennes-metropole");
    variables.put("groupeMaire", "maires-35352");
    variables.put("dateLimiteCompletude", Date.from(Instant.now().plusSeconds(2)));
    variables.put("debutDecisionTacite", Date.from(Instant.now().plus(Duration.ofDays(60))));
    variables.put("dateFinDelai", Date.from(Instant.now().plus(Duration.ofDays(59))));
    ProcessInstance pi =
        avant
            .getRuntimeService()
            .startProcessInstanceByKey("Process_InstructionDau", numero, variables);
    avant
        .getManagementService()
        .executeJob(
            avant
                .getManagementService()
                .createJobQuery()
                .processInstanceId(pi.getId())
                .singleResult()
                .getId());
    assertThat(
            avant.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult())
        .isNotNull();
    return pi.getId();
  }

  private ProcessEngine moteur(String nom, boolean jobExecutor) {
    StandaloneProcessEngineConfiguration c = new StandaloneProcessEngineConfiguration();
    c.setProcessEngineName(nom + "-" + System.nanoTime());
    c.setDataSource(PostgresDeTest.base("redemarrage"));
    c.setDatabaseType("postgres");
    c.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
    c.setHistory(ProcessEngineConfiguration.HISTORY_AUDIT);
    c.setJobExecutorActivate(jobExecutor);
    // Steps that only record what they are asked to do (the legal steps have their own tests);
    // beans, not Mocks: the job executor's threads must see them.
    c.setBeans(
        new java.util.HashMap<Object, Object>(Map.of("etapes", new EtapesEnregistrees(constates))));
    c.getProcessEnginePlugins().add(new org.camunda.spin.plugin.impl.SpinProcessEnginePlugin());
    return c.buildProcessEngine();
  }

  /** Records each step the process asks for; the instruction goes on with no consultation. */
  public static class EtapesEnregistrees {
    private final List<String> journal;

    EtapesEnregistrees(List<String> journal) {
      this.journal = journal;
    }

    public void enregistrerDepot(org.camunda.bpm.engine.delegate.DelegateExecution e) {
      journal.add("enregistrerDepot " + e.getProcessBusinessKey());
    }

    public void reputeComplet(org.camunda.bpm.engine.delegate.DelegateExecution e) {
      journal.add("reputeComplet " + e.getProcessBusinessKey());
    }

    public List<String> servicesAConsulter(org.camunda.bpm.engine.delegate.DelegateExecution e) {
      return List.of();
    }

    public void preparerProposition(org.camunda.bpm.engine.delegate.DelegateTask t) {
      journal.add("preparerProposition " + t.getExecution().getProcessBusinessKey());
    }
  }
}
