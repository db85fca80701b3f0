package fr.parcelle.domain.model.territoire;

import java.util.Optional;

/**
 * A person who signs the decisions of a commune: its maire, or a delegate named by an arrêté of
 * delegation (L2122-18 CGCT), from {@code referentiel/autorites-competentes.csv}.
 *
 * @param delegation the act of delegation, empty for the maire
 */
public record AutoriteCompetente(String insee, String login, String qualite, String delegation) {

  public Optional<String> acteDeDelegation() {
    return Optional.ofNullable(delegation).filter(d -> !d.isBlank());
  }

  /** The capacity as it is written under the signature. */
  public String qualiteSignature() {
    return acteDeDelegation()
        .map(d -> qualite + ", par délégation du maire (" + d + ")")
        .orElse(qualite);
  }
}
