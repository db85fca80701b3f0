package fr.parcelle.it;

import fr.parcelle.domain.model.dossier.DossierDepose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Deployed with the integration tests only: fails a deposit after its numbering, its receipts and
 * before the start of its instruction, when the project's description asks for it.
 */
@ApplicationScoped
public class PanneInjectee {

  public static final String DECLENCHEUR = "PANNE INJECTÉE";

  void surDepot(@Observes DossierDepose depot) {
    if (depot.dossier().projet().map(p -> DECLENCHEUR.equals(p.description())).orElse(false)) {
      throw new IllegalStateException("Panne injectée après la numérotation du dossier");
    }
  }
}
