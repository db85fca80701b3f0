package fr.parcelle.infrastructure.identite;

import fr.parcelle.application.securite.Role;
import java.util.EnumSet;
import java.util.Set;

/** How roles are read from group ids: the one place that names the platform's groups. */
public final class Groupes {

  public static final String ADMINISTRATEURS = "camunda-admin";
  public static final String DEMANDEURS = "demandeurs";
  public static final String PREFIXE_INSTRUCTEURS = "instructeurs-";
  public static final String PREFIXE_MAIRES = "maires-";
  public static final String PREFIXE_SERVICES_CONSULTES = "consultes-";

  private Groupes() {}

  public static Set<Role> roles(Iterable<String> groupes) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String g : groupes) {
      if (g.equals(ADMINISTRATEURS)) {
        roles.add(Role.ADMINISTRATEUR);
      } else if (g.equals(DEMANDEURS)) {
        roles.add(Role.DEMANDEUR);
      } else if (g.startsWith(PREFIXE_INSTRUCTEURS)) {
        roles.add(Role.INSTRUCTEUR);
      } else if (g.startsWith(PREFIXE_MAIRES)) {
        roles.add(Role.MAIRE);
      } else if (g.startsWith(PREFIXE_SERVICES_CONSULTES)) {
        roles.add(Role.SERVICE_CONSULTE);
      }
    }
    return roles;
  }
}
