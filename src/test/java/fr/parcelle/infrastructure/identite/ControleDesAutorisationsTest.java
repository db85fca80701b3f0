package fr.parcelle.infrastructure.identite;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.support.PostgresDeTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's authorisation checks with {@link ControleDesAutorisations}: the same answers (an
 * instructor sees and works the tasks of their own service only), without the inventory of groups
 * Camunda reads before each query. On PostgreSQL, with per-task authorisations as in production.
 */
class ControleDesAutorisationsTest {

  private static ProcessEngine moteur;

  @BeforeAll
  static void demarrer() {
    StandaloneProcessEngineConfiguration c = new StandaloneProcessEngineConfiguration();
    c.setProcessEngineName("autorisations-" + System.nanoTime());
    c.setDataSource(PostgresDeTest.base("autorisations"));
    c.setDatabaseType("postgres");
    c.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
    c.setJobExecutorActivate(false);
    ControleDesAutorisations.installer(c);
    moteur = c.buildProcessEngine();
    moteur
        .getRepositoryService()
        .createDeployment()
        .addModelInstance(
            "service.bpmn",
            Bpmn.createExecutableProcess("Process_Service")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Instruire")
                .camundaCandidateGroups("${groupe}")
                .endEvent()
                .done())
        .deploy();
    for (String groupe : List.of("instructeurs-a", "instructeurs-a", "instructeurs-b")) {
      moteur
          .getRuntimeService()
          .startProcessInstanceByKey("Process_Service", Map.of("groupe", groupe));
    }
  }

  @AfterAll
  static void arreter() {
    moteur.close();
  }

  @Test
  void le_moteur_utilise_ce_controle() {
    AuthorizationManager gestionnaire =
        ((ProcessEngineConfigurationImpl) moteur.getProcessEngineConfiguration())
            .getCommandExecutorTxRequired()
            .execute(contexte -> contexte.getAuthorizationManager());
    assertThat(gestionnaire).isInstanceOf(ControleDesAutorisations.class);
  }

  @Test
  void les_groupes_de_l_utilisateur_sont_gardes_tels_quels_sans_lecture_de_la_base() {
    // Outside any command: Camunda's own manager would need the database here and fail.
    assertThat(
            new ControleDesAutorisations()
                .filterAuthenticatedGroupIds(List.of("instructeurs-a", "sans-autorisation")))
        .containsExactly("instructeurs-a", "sans-autorisation");
    assertThat(new ControleDesAutorisations().filterAuthenticatedGroupIds(null)).isEmpty();
  }

  @Test
  void chacun_ne_voit_que_les_taches_de_son_service() {
    assertThat(taches("agent-a", List.of("instructeurs-a", "autre-groupe"))).hasSize(2);
    assertThat(taches("agent-b", List.of("instructeurs-b"))).hasSize(1);
    assertThat(taches("agent-c", List.of("instructeurs-c"))).isEmpty();
    assertThat(taches("sans-groupe", List.of())).isEmpty();
  }

  @Test
  void un_agent_ne_travaille_pas_la_tache_d_un_autre_service() {
    Task deB =
        moteur
            .getTaskService()
            .createTaskQuery()
            .taskCandidateGroup("instructeurs-b")
            .list()
            .get(0);
    moteur.getIdentityService().setAuthentication("agent-a", List.of("instructeurs-a"));
    try {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> moteur.getTaskService().claim(deB.getId(), "agent-a"))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
  }

  private static List<Task> taches(String utilisateur, List<String> groupes) {
    moteur.getIdentityService().setAuthentication(utilisateur, groupes);
    try {
      List<Task> vues = moteur.getTaskService().createTaskQuery().list();
      assertThat(moteur.getTaskService().createTaskQuery().count()).isEqualTo(vues.size());
      return vues;
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
  }
}
