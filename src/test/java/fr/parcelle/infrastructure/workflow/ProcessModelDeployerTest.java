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

  @Test
  void un_processus_modifie_est_redeploye_avec_tous_ses_formulaires() throws Exception {
    // The previous release: the same files, but another version of the process.
    var precedent =
        repository
            .createDeployment()
            .name(ProcessModelDeployer.NOM_DEPLOIEMENT)
            .source("parcelle-bpmn");
    ClassLoader cl = getClass().getClassLoader();
    for (String ressource : ProcessModelDeployer.ressources()) {
      byte[] octets;
      try (var in = cl.getResourceAsStream(ressource)) {
        octets = in.readAllBytes();
      }
      if (ressource.endsWith("instruction-dau.bpmn")) {
        octets =
            (new String(octets, java.nio.charset.StandardCharsets.UTF_8)
                    + "\n<!-- version précédente -->")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }
      precedent.addInputStream(
          ressource.substring(ProcessModelDeployer.DOSSIER.length() + 1),
          new java.io.ByteArrayInputStream(octets));
    }
    precedent.deploy();

    new ProcessModelDeployer(repository).deployer();

    String deploiement =
        repository
            .createProcessDefinitionQuery()
            .processDefinitionKey("Process_InstructionDau")
            .latestVersion()
            .singleResult()
            .getDeploymentId();
    assertThat(repository.getDeploymentResourceNames(deploiement))
        .contains(
            "instruction-dau.bpmn",
            "verifier-completude.form",
            "rendre-avis.form",
            "instruire-proposer.form",
            "signer-arrete.form");
  }

  private long versions() {
    return repository
        .createProcessDefinitionQuery()
        .processDefinitionKey("Process_InstructionDau")
        .count();
  }
}
