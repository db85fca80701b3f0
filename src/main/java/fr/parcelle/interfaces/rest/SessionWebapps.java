package fr.parcelle.interfaces.rest;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;

/**
 * Who is signed into the Camunda webapps (Tasklist, Cockpit) in this HTTP session: the webapps and
 * the API are one application, so the links of a task form open pièces without a second sign-in.
 */
final class SessionWebapps {

  private static final String MOTEUR = "default";

  private SessionWebapps() {}

  static Optional<String> login(HttpSession session) {
    if (session == null) {
      return Optional.empty();
    }
    Authentications authentifications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentifications == null) {
      return Optional.empty();
    }
    Authentication a = authentifications.getAuthenticationForProcessEngine(MOTEUR);
    return a == null ? Optional.empty() : Optional.ofNullable(a.getName());
  }
}
