package fr.parcelle.infrastructure.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.infrastructure.identite.ControleDesAutorisations;
import fr.parcelle.support.MoteurDeTest;
import fr.parcelle.support.PostgresDeTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The task queries the Tasklist sends (a query, a filter's page and count) are planned with their
 * values every time once {@link PlansParRequete} is installed, where PostgreSQL would otherwise
 * switch to a generic plan after a few executions; and the setting ends with the transaction. Read
 * from PostgreSQL's own account of the statements prepared on the connection ({@code
 * pg_prepared_statements}), on two engines over one connection each, with authorisation checks as
 * in production.
 */
class PlansParRequeteTest {

  private static final String GROUPE = "instructeurs-plans";

  private static ProcessEngine avec;
  private static ProcessEngine sans;

  @BeforeAll
  static void demarrer() {
    String url = ((PGSimpleDataSource) PostgresDeTest.base("plans")).getUrl();
    // Deploying takes a second connection: done on an engine of its own.
    ProcessEngine preparation = moteur(url, false, 5);
    preparation
        .getRepositoryService()
        .createDeployment()
        .addModelInstance(
            "plans.bpmn",
            Bpmn.createExecutableProcess("Process_Plans")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Instruire")
                .camundaCandidateGroups(GROUPE)
                .endEvent()
                .done())
        .deploy();
    for (int i = 0; i < 3; i++) {
      preparation.getRuntimeService().startProcessInstanceByKey("Process_Plans", Map.of());
    }
    preparation.close();
    avec = moteur(url, true, 1);
    sans = moteur(url, false, 1);
  }

  @AfterAll
  static void arreter() {
    avec.close();
    sans.close();
  }

  private static ProcessEngine moteur(String url, boolean plans, int connexions) {
    StandaloneProcessEngineConfiguration c =
        MoteurDeTest.configuration(url, "plans-" + plans, connexions);
    ControleDesAutorisations.installer(c);
    if (plans) {
      c.getProcessEnginePlugins().add(PlansParRequete.plugin());
    }
    return c.buildProcessEngine();
  }

  @Test
  void les_requetes_de_taches_de_la_tasklist_sont_toujours_planifiees_avec_leurs_valeurs() {
    List<long[]> plans = apresDouzeFois(avec);

    assertThat(plans).as("task statements prepared on the server").isNotEmpty();
    for (long[] p : plans) {
      assertThat(p[0]).as("generic plans").isZero();
      assertThat(p[1]).as("plans made with the values").isPositive();
    }
  }

  @Test
  void sans_l_intercepteur_postgresql_passe_au_plan_generique() {
    // The trap PlansParRequete avoids, on the same statements: this is what the test above guards.
    assertThat(apresDouzeFois(sans)).anySatisfy(p -> assertThat(p[0]).isPositive());
  }

  private static final String REGLAGES =
      "select current_setting('plan_cache_mode') || ' ' || current_setting('enable_incremental_sort')"
          + " || ' ' || current_setting('max_parallel_workers_per_gather')";

  @Test
  void pendant_la_requete_de_taches_un_coeur_et_pas_de_tri_incremental_puis_retour_au_serveur() {
    List<String> pendant = new ArrayList<>();
    TaskQueryImpl requete =
        new TaskQueryImpl(
            ((ProcessEngineConfigurationImpl) avec.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired()) {
          @Override
          public long executeCount(CommandContext contexte) {
            pendant.addAll(MoteurDeTest.lire(contexte, REGLAGES));
            return super.executeCount(contexte);
          }
        };

    assertThat(requete.taskCandidateGroup(GROUPE).count()).isEqualTo(3);

    assertThat(pendant).containsExactly("force_custom_plan off 0");
    // SET LOCAL: the pooled connection goes back with the server's settings.
    assertThat(MoteurDeTest.sql(avec, REGLAGES)).containsExactly("auto on 2");
  }

  /**
   * What the Tasklist sends for a filter, twelve times as the instructor `agent` (a page and its
   * count, then the same query straight), then the plans counted for the task statements.
   */
  private static List<long[]> apresDouzeFois(ProcessEngine moteur) {
    Filter filtre =
        moteur
            .getFilterService()
            .saveFilter(
                moteur
                    .getFilterService()
                    .newTaskFilter("À traiter " + System.nanoTime())
                    .setOwner("agent")
                    .setQuery(
                        moteur
                            .getTaskService()
                            .createTaskQuery()
                            .taskCandidateGroupInExpression("${currentUserGroups()}")));
    moteur.getIdentityService().setAuthentication("agent", List.of(GROUPE));
    try {
      for (int i = 0; i < 12; i++) {
        assertThat(moteur.getFilterService().listPage(filtre.getId(), 0, 15)).hasSize(3);
        assertThat(moteur.getFilterService().count(filtre.getId())).isEqualTo(3);
        assertThat(moteur.getTaskService().createTaskQuery().taskCandidateGroup(GROUPE).count())
            .isEqualTo(3);
      }
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
    return MoteurDeTest.plans(moteur, "%from ACT_RU_TASK RES%");
  }
}
