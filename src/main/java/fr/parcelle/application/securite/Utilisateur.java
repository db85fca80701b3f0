package fr.parcelle.application.securite;

import java.util.Set;

/**
 * An authenticated person and what they may do. Groups carry the "by file" part: the service
 * instructeur's group, {@code maires-<insee>} for a maire.
 */
public record Utilisateur(
    String login, String nomAffiche, String email, Set<Role> roles, Set<String> groupes) {

  public Utilisateur {
    roles = Set.copyOf(roles);
    groupes = Set.copyOf(groupes);
  }

  public boolean a(Role role) {
    return roles.contains(role);
  }

  public boolean estMembreDe(String groupe) {
    return groupes.contains(groupe);
  }
}
