package fr.parcelle.application;

import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierRepository;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.logging.Logger;

/**
 * Use cases the instruction process calls at its legal steps (through the delegates of
 * infrastructure.workflow).
 */
@ApplicationScoped
@Transactional
public class InstructionService {

  private static final Logger LOG = Logger.getLogger(InstructionService.class.getName());

  private final DossierRepository dossiers;

  @Inject
  public InstructionService(DossierRepository dossiers) {
    this.dossiers = dossiers;
  }

  /** CDI proxy constructor. */
  protected InstructionService() {
    this(null);
  }

  /**
   * R423-22: the month for a request for missing pièces ran out; the dossier is deemed complete
   * from its deposit.
   */
  public void constaterCompletudeReputee(NumeroDossier numero) {
    Dossier dossier =
        dossiers
            .parNumero(numero)
            .flatMap(d -> dossiers.parIdPourModification(d.id()))
            .orElseThrow(() -> new IllegalStateException("Dossier inconnu : " + numero));
    if (dossier.reputerComplet()) {
      LOG.info(() -> "Dossier " + numero.affichage() + " réputé complet (R423-22)");
    }
  }
}
