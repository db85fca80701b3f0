package fr.parcelle.bpmn;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import fr.parcelle.support.MoteurDeTest;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** bpmn/instruction-dau.bpmn, on PostgreSQL, step by step. */
@Deployment(resources = {"bpmn/instruction-dau.bpmn", "bpmn/verifier-completude.form"})
class InstructionDauProcessTest {

  @RegisterExtension
  static ProcessEngineExtension moteur =
      ProcessEngineExtension.builder().useProcessEngine(MoteurDeTest.moteur()).build();

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static ProcessInstance deposer(String numero, LocalDate limiteCompletude) {
    return runtimeService()
        .startProcessInstanceByKey(
            "Process_InstructionDau",
            numero,
            Map.of(
                "numeroDossier",
                numero,
                "numeroDossierAffiche",
                numero,
                "typeDossier",
                "PCMI",
                "communeInsee",
                "35352",
                "groupeInstructeurs",
                "instructeurs-rennes-metropole",
                "groupeMaire",
                "maires-35352",
                "dateDepot",
                new Date(),
                "dateLimiteCompletude",
                Date.from(
                    limiteCompletude.atTime(LocalTime.of(23, 59, 59)).atZone(PARIS).toInstant())));
  }

  private static String numeroUnique() {
    return "PC03535226" + UUID.randomUUID().toString().substring(0, 5);
  }

  @Test
  void le_dossier_depose_attend_la_verification_de_completude_par_son_service() {
    String numero = numeroUnique();
    ProcessInstance pi = deposer(numero, LocalDate.of(2026, 4, 2));

    assertThat(pi).isStarted().hasBusinessKey(numero).isWaitingAt("Task_VerifierCompletude");
    assertThat(task(pi))
        .hasName("Vérifier la complétude du dossier")
        .hasCandidateGroup("instructeurs-rennes-metropole")
        .isNotAssigned()
        .hasDueDate(
            Date.from(LocalDate.of(2026, 4, 2).atTime(23, 59, 59).atZone(PARIS).toInstant()));
  }

  @Test
  void la_verification_de_completude_montre_le_dossier_dans_son_formulaire()
      throws java.io.IOException {
    ProcessInstance pi = deposer(numeroUnique(), LocalDate.of(2026, 4, 2));

    org.camunda.bpm.engine.task.Task tache =
        moteur
            .getTaskService()
            .createTaskQuery()
            .processInstanceId(pi.getId())
            .initializeFormKeys()
            .singleResult();
    org.assertj.core.api.Assertions.assertThat(tache.getCamundaFormRef().getKey())
        .isEqualTo("Form_VerifierCompletude");
    org.assertj.core.api.Assertions.assertThat(tache.getCamundaFormRef().getBinding())
        .isEqualTo("deployment");
    String formulaire =
        new String(
            moteur.getFormService().getDeployedTaskForm(tache.getId()).readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    org.assertj.core.api.Assertions.assertThat(formulaire)
        .contains(
            "\"key\": \"numeroDossierAffiche\"", "\"key\": \"dateDecisionTaciteTexte\"", "R423-22");
  }

  @Test
  void la_tache_n_est_pas_proposee_au_maire_ni_a_un_autre_service() {
    ProcessInstance pi = deposer(numeroUnique(), LocalDate.of(2026, 4, 2));

    org.assertj.core.api.Assertions.assertThat(
            moteur
                .getTaskService()
                .createTaskQuery()
                .processInstanceId(pi.getId())
                .taskCandidateGroup("maires-35352")
                .count())
        .isZero();
    org.assertj.core.api.Assertions.assertThat(
            moteur
                .getTaskService()
                .createTaskQuery()
                .processInstanceId(pi.getId())
                .taskCandidateGroup("instructeurs-brest")
                .count())
        .isZero();
  }

  @Test
  void sans_demande_dans_le_mois_le_dossier_est_repute_complet_r423_22() {
    String numero = numeroUnique();
    java.util.List<String> constates = new java.util.ArrayList<>();
    org.camunda.bpm.engine.test.mock.Mocks.register(
        "dossierReputeComplet",
        (org.camunda.bpm.engine.delegate.JavaDelegate)
            e -> constates.add(e.getProcessBusinessKey()));
    try {
      ProcessInstance pi = deposer(numero, LocalDate.of(2026, 4, 2));

      // The timer is due at the end of the last day of the month, French time.
      org.camunda.bpm.engine.runtime.Job minuteur =
          moteur
              .getManagementService()
              .createJobQuery()
              .processInstanceId(pi.getId())
              .timers()
              .singleResult();
      org.assertj.core.api.Assertions.assertThat(minuteur.getDuedate())
          .isEqualTo(
              Date.from(LocalDate.of(2026, 4, 2).atTime(23, 59, 59).atZone(PARIS).toInstant()));

      execute(minuteur);
      assertThat(pi)
          .hasPassed("Timer_MoisDeCompletudeEcoule")
          .isWaitingAt("Task_ConstaterDossierReputeComplet");
      org.assertj.core.api.Assertions.assertThat(constates)
          .isEmpty(); // asyncBefore: a save point first
      execute(job(pi));

      assertThat(pi).hasPassed("Task_ConstaterDossierReputeComplet").isEnded();
      assertThat(pi).hasNotPassed("EndEvent_CompletudeVerifiee");
      org.assertj.core.api.Assertions.assertThat(constates).containsExactly(numero);
      org.assertj.core.api.Assertions.assertThat(
              moteur.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count())
          .isZero();
    } finally {
      org.camunda.bpm.engine.test.mock.Mocks.reset();
    }
  }

  @Test
  void la_completude_verifiee_est_un_point_de_sauvegarde_puis_le_processus_se_termine() {
    ProcessInstance pi = deposer(numeroUnique(), LocalDate.of(2026, 4, 2));

    complete(task(pi));

    // asyncAfter: the instructor's completion is committed before anything that follows runs.
    assertThat(pi).hasPassed("Task_VerifierCompletude").isNotEnded();
    execute(job(pi));
    assertThat(pi).hasPassed("EndEvent_CompletudeVerifiee").isEnded();
  }
}
