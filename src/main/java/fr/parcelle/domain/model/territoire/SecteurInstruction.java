package fr.parcelle.domain.model.territoire;

import java.util.Set;

/**
 * A sector of a service instructeur: some of its communes, whose files are offered to a team of its
 * instructors rather than to the whole service. Large services (a métropole) work this way; it also
 * keeps each team's Tasklist to its own files (a few hundred open tasks instead of thousands).
 *
 * <p>The team's members stay members of the service's group: every instructor of the service may
 * still open any of its files; the sector only says whose tasks they are.
 *
 * @param groupe the team's group (task candidate group), named after the service's group
 * @param nom what the team is called in the service ("Rennes ville")
 * @param codeService the service the sector belongs to
 * @param communes INSEE codes of the sector's communes
 */
public record SecteurInstruction(
    String groupe, String nom, String codeService, Set<String> communes) {

  public SecteurInstruction {
    communes = Set.copyOf(communes);
  }
}
