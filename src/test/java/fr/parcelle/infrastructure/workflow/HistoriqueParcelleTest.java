package fr.parcelle.infrastructure.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.port.InstructionWorkflow;
import fr.parcelle.support.MoteurDeTest;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The application's history level, on the engine the process tests use (configured like it). */
class HistoriqueParcelleTest {

  private final ProcessEngine moteur = MoteurDeTest.moteur();
  private String deploiement;

  @BeforeEach
  void deployer() {
    deploiement = MoteurDeTest.deployerInstruction(moteur, "historique");
  }

  @AfterEach
  void nettoyer() {
    moteur.getRepositoryService().deleteDeployment(deploiement, true);
  }

  @Test
  void l_historique_garde_ce_que_le_processus_lit_pas_les_copies_du_dossier() {
    LocalDate depot = LocalDate.of(2027, 1, 15);
    NumeroDossier numero =
        NumeroDossier.attribuer(
            "PC", "35352", 2027, ThreadLocalRandom.current().nextInt(1, 99_999), null);
    new CamundaInstructionWorkflow(moteur)
        .demarrer(
            new InstructionWorkflow.DemarrageInstruction(
                numero,
                "PCMI",
                "35352",
                "instructeurs-rennes-metropole",
                "maires-35352",
                depot,
                depot.plusMonths(1),
                depot.plusMonths(2).plusDays(1),
                new InstructionWorkflow.Resume(
                    "Permis de construire une maison individuelle",
                    "Vern-sur-Seiche",
                    "Claire Martin",
                    "12 rue des Lilas",
                    "Maison")));
    String instance =
        moteur
            .getRuntimeService()
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(numero.valeur())
            .singleResult()
            .getId();
    // Written as the first step writes it (the start has none), then completed once more.
    for (var champs :
        List.of(
            java.util.Map.of("liensPieces", "- PCMI1"),
            java.util.Map.of("dateLimitePieces", "15 avril 2027"))) {
      moteur
          .getRuntimeService()
          .setVariable(
              instance,
              FicheDossier.VARIABLE,
              FicheDossier.avec(
                  moteur.getRuntimeService().getVariable(instance, FicheDossier.VARIABLE), champs));
    }

    List<String> historiques =
        moteur
            .getHistoryService()
            .createHistoricVariableInstanceQuery()
            .processInstanceId(instance)
            .list()
            .stream()
            .map(HistoricVariableInstance::getName)
            .toList();
    assertThat(historiques)
        .contains("groupeInstructeurs", "dateLimiteCompletude", "debutDecisionTacite")
        .doesNotContain(FicheDossier.VARIABLE, FicheDossier.ADRESSE, FicheDossier.DEMANDEURS);
    // The runtime is untouched: the forms and the Tasklist's search still have them.
    assertThat(moteur.getRuntimeService().getVariables(instance))
        .containsKeys(FicheDossier.VARIABLE, FicheDossier.ADRESSE, FicheDossier.DEMANDEURS);
    // The rest of audit: the instance and its activities.
    assertThat(
            moteur
                .getHistoryService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(instance)
                .activityId("StartEvent_DossierDepose")
                .count())
        .isEqualTo(1);
    // The database records audit's level: an engine configured "audit" starts on it as well.
    assertThat(moteur.getManagementService().getProperties())
        .containsEntry("historyLevel", String.valueOf(HistoriqueParcelle.ID));
    assertThat(moteur.getProcessEngineConfiguration().getHistory())
        .isEqualTo(HistoriqueParcelle.NOM);
    org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration audit =
        new org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration();
    audit.setProcessEngineName("audit-" + System.nanoTime());
    audit.setDataSource(fr.parcelle.support.PostgresDeTest.base("processus"));
    audit.setDatabaseType("postgres");
    audit.setDatabaseSchemaUpdate("false");
    audit.setHistory("audit");
    audit.setJobExecutorActivate(false);
    ProcessEngine retour = audit.buildProcessEngine();
    try {
      assertThat(
              retour
                  .getHistoryService()
                  .createHistoricVariableInstanceQuery()
                  .processInstanceId(instance)
                  .count())
          .isEqualTo(historiques.size());
    } finally {
      retour.close();
    }
  }
}
