package fr.parcelle.infrastructure.identite;

import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;

/**
 * The engine's default authorisations, but a new account may only read its own profile. Camunda
 * gives every user ALL on itself, so anyone signed in could change their e-mail through the
 * engine's REST API; the e-mail names applicants on files (a dossier is seen by the people it
 * names), so a self-chosen e-mail would open anyone's dossier. Profiles are the administrators' (or
 * the identity provider's) to write.
 */
public class AutorisationsParDefaut extends DefaultAuthorizationProvider {

  @Override
  public AuthorizationEntity[] newUser(User user) {
    return new AuthorizationEntity[] {
      createGrantAuthorization(user.getId(), null, Resources.USER, user.getId(), Permissions.READ)
    };
  }
}
