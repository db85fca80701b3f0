package fr.parcelle.infrastructure.workflow;

import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.port.InstructionWorkflow;
import fr.parcelle.infrastructure.horloge.HorlogeProducer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * The instruction process on Camunda: {@code bpmn/instruction-dau.bpmn}, business key = dossier
 * number.
 */
@ApplicationScoped
public class CamundaInstructionWorkflow implements InstructionWorkflow {

  public static final String PROCESSUS = "Process_InstructionDau";

  /** Correlated by business key when the applicant supplies the pièces requested (R423-39). */
  public static final String MESSAGE_PIECES_RECUES = "Message_PiecesComplementairesRecues";

  @Inject ProcessEngineBootstrap bootstrap;

  private ProcessEngine moteurFixe;

  /** CDI constructor. */
  public CamundaInstructionWorkflow() {}

  /** Outside the container (process tests): on this engine. */
  public CamundaInstructionWorkflow(ProcessEngine moteur) {
    this.moteurFixe = moteur;
  }

  @Override
  public String demarrer(DemarrageInstruction d) {
    // What the process reads (candidate groups, due dates, timers) and what the Tasklist searches
    // (address, applicants). What the forms only show goes into one JSON fiche, written whole by
    // the first step (EtapesInstruction.enregistrerDepot) and not here: written here, it was
    // written again there, four statements more per deposit for a fiche no task could show yet.
    Map<String, Object> variables = new HashMap<>();
    variables.put("groupeInstructeurs", d.groupeInstructeurs());
    variables.put("groupeMaire", d.groupeMaire());
    variables.put("dateLimiteCompletude", finDeJournee(d.dateLimiteCompletude()));
    variables.put("debutDecisionTacite", EtapesInstruction.debutDeJournee(d.dateDecisionTacite()));
    variables.put("dateFinDelai", finDeJournee(d.dateDecisionTacite().minusDays(1)));
    variables.put(FicheDossier.ADRESSE, FicheDossier.pourRecherche(d.resume().adresseTerrain()));
    variables.put(FicheDossier.DEMANDEURS, FicheDossier.pourRecherche(d.resume().demandeurs()));
    ProcessInstance instance =
        moteur()
            .getRuntimeService()
            .startProcessInstanceByKey(PROCESSUS, d.numero().valeur(), variables);
    return instance.getId();
  }

  @Override
  public void piecesRecues(NumeroDossier numero, Dossier.Echeances echeances) {
    var runtime = moteur().getRuntimeService();
    Map<String, Object> variables = new HashMap<>(EtapesInstruction.variablesEcheances(echeances));
    ProcessInstance instance =
        runtime
            .createProcessInstanceQuery()
            .processDefinitionKey(PROCESSUS)
            .processInstanceBusinessKey(numero.valeur())
            .singleResult();
    if (instance != null) {
      variables.put(
          FicheDossier.VARIABLE,
          FicheDossier.avec(
              runtime.getVariable(instance.getId(), FicheDossier.VARIABLE),
              EtapesInstruction.textesEcheances(echeances)));
    }
    runtime
        .createMessageCorrelation(MESSAGE_PIECES_RECUES)
        .processInstanceBusinessKey(numero.valeur())
        .setVariables(variables)
        .correlateWithResult();
  }

  @Override
  public List<TacheInstruction> taches(NumeroDossier numero) {
    TaskService taches = moteur().getTaskService();
    return taches
        .createTaskQuery()
        .processInstanceBusinessKey(numero.valeur())
        .orderByTaskCreateTime()
        .asc()
        .list()
        .stream()
        .map(t -> enTache(t, taches))
        .toList();
  }

  private static TacheInstruction enTache(Task tache, TaskService taches) {
    List<String> groupes =
        taches.getIdentityLinksForTask(tache.getId()).stream()
            .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
            .map(IdentityLink::getGroupId)
            .toList();
    LocalDate echeance =
        tache.getDueDate() == null
            ? null
            : tache.getDueDate().toInstant().atZone(HorlogeProducer.FUSEAU_LEGAL).toLocalDate();
    return new TacheInstruction(
        tache.getId(), tache.getTaskDefinitionKey(), tache.getName(), groupes, echeance);
  }

  /** A legal date ends at midnight, French time: the task is due until the end of that day. */
  private static Date finDeJournee(LocalDate date) {
    return Date.from(
        date.atTime(LocalTime.of(23, 59, 59)).atZone(HorlogeProducer.FUSEAU_LEGAL).toInstant());
  }

  private ProcessEngine moteur() {
    return moteurFixe != null ? moteurFixe : bootstrap.moteur();
  }
}
