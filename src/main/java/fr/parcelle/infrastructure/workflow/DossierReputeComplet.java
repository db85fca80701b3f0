package fr.parcelle.infrastructure.workflow;

import fr.parcelle.application.InstructionService;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** {@code ${dossierReputeComplet}}: the completeness month ran out without a request (R423-22). */
@Named("dossierReputeComplet")
@ApplicationScoped
public class DossierReputeComplet implements JavaDelegate {

  @Inject InstructionService instruction;

  @Override
  public void execute(DelegateExecution execution) {
    instruction.constaterCompletudeReputee(NumeroDossier.depuis(execution.getProcessBusinessKey()));
  }
}
