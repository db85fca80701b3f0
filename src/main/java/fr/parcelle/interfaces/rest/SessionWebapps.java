package fr.parcelle.interfaces.rest;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;

/**
 * Who is signed into the platform in this HTTP session. The portal and the Camunda webapps share
 * one sign-in (the webapps' login): the links of a task form open pièces without a second sign-in,
 * and the portal calls the API with the session and its anti-CSRF token.
 */
final class SessionWebapps {

  private static final String MOTEUR = "default";

  private SessionWebapps() {}

  /** The header carrying the session's anti-CSRF token, as the webapps send it. */
  static final String ENTETE_XSRF = "X-XSRF-TOKEN";

  /** Where Camunda's CsrfPreventionFilter keeps the session's token (CsrfConstants). */
  private static final String JETON_EN_SESSION = "CAMUNDA_CSRF_TOKEN";

  /** Whether a write carries this session's anti-CSRF token (compared in constant time). */
  static boolean jetonValide(HttpSession session, String jetonRecu) {
    if (session == null || jetonRecu == null || jetonRecu.isBlank()) {
      return false;
    }
    Object attendu;
    try {
      attendu = session.getAttribute(JETON_EN_SESSION);
    } catch (IllegalStateException invalidee) {
      return false;
    }
    return attendu instanceof String jeton
        && java.security.MessageDigest.isEqual(
            jeton.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            jetonRecu.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

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
