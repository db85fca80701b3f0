package fr.parcelle.domain.model.territoire;

import java.util.Collection;
import java.util.Optional;

/** The communes and services the platform serves (port over versioned reference data). */
public interface Territoire {

  Optional<Commune> commune(String insee);

  Optional<ServiceInstructeur> service(String code);

  /** The person {@code login} if they may sign the decisions of commune {@code insee}. */
  Optional<AutoriteCompetente> autoriteCompetente(String insee, String login);

  Collection<Commune> communes();

  /**
   * The group of the maire (and delegates) of a commune: the competent authority for its decisions.
   */
  default String groupeMaire(String insee) {
    return "maires-" + insee;
  }
}
