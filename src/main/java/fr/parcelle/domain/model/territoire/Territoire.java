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

  /** The sectors of the services instructeurs (none unless the reference data defines some). */
  default Collection<SecteurInstruction> secteurs() {
    return java.util.List.of();
  }

  /**
   * The group to which a commune's files are offered: its sector's team if it has one, otherwise
   * its service's instructors.
   */
  default String groupeInstructeurs(Commune commune) {
    return secteurs().stream()
        .filter(s -> s.communes().contains(commune.insee()))
        .map(SecteurInstruction::groupe)
        .findFirst()
        .orElseGet(() -> service(commune.codeService()).orElseThrow().groupeInstructeurs());
  }

  /**
   * The group of the maire (and delegates) of a commune: the competent authority for its decisions.
   */
  default String groupeMaire(String insee) {
    return "maires-" + insee;
  }
}
