package fr.parcelle.infrastructure.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.support.MoteurDeTest;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.junit.jupiter.api.Test;

class ProcessModelDeployerTest {

  private final RepositoryService repository = MoteurDeTest.moteur().getRepositoryService();

  @Test
  void trouve_les_modeles_du_dossier_bpmn() {
    assertThat(ProcessModelDeployer.ressources()).contains("bpmn/instruction-dau.bpmn");
  }

  @Test
  void un_modele_inchange_ne_cree_pas_de_nouvelle_version() {
    new ProcessModelDeployer(repository).deployer();
    long versions = versions();
    long deploiements = repository.createDeploymentQuery().deploymentName("parcelle").count();

    new ProcessModelDeployer(repository).deployer();

    assertThat(versions()).isEqualTo(versions).isPositive();
    assertThat(repository.createDeploymentQuery().deploymentName("parcelle").count())
        .isEqualTo(deploiements);
    assertThat(
            repository
                .createProcessDefinitionQuery()
                .processDefinitionKey("Process_InstructionDau")
                .latestVersion()
                .singleResult()
                .getHistoryTimeToLive())
        .isEqualTo(3650);
  }

  @Test
  void les_tables_de_delais_sont_deployees_avec_le_processus() {
    new ProcessModelDeployer(repository).deployer();
    for (String cle :
        List.of(
            "Decision_DelaiDroitCommun",
            "Decision_MajorationsDelai",
            "Decision_NatureDecisionTacite")) {
      DecisionDefinition definition =
          repository
              .createDecisionDefinitionQuery()
              .decisionDefinitionKey(cle)
              .latestVersion()
              .singleResult();
      assertThat(definition).as(cle).isNotNull();
      assertThat(definition.getHistoryTimeToLive()).isEqualTo(3650);
    }
  }

  private long versions() {
    return repository
        .createProcessDefinitionQuery()
        .processDefinitionKey("Process_InstructionDau")
        .count();
  }
}
