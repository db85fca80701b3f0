package fr.parcelle.interfaces.rest;

import fr.parcelle.application.securite.Authentificateur;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.interfaces.web.connexion.ConfigurationOidc;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Nothing under /api/v1 is anonymous but the public délai simulator ({@code GET simulations/delai},
 * exactly: no other method, no trailing slash, no encoded or matrix variant) and the public
 * register. Callers authenticate by one of: a bearer token (architects' software: a JWT of the
 * configured authorisation server, naming an existing account); HTTP Basic against the platform's
 * identity store (local and demo accounts, the same as the Tasklist's); or the platform session
 * (opened by FranceConnect, ProConnect or the webapps' login; writes need its anti-CSRF token). A
 * bearer token that fails is refused, never completed by the session. Runs before matching, so an
 * anonymous caller learns nothing, not even which paths exist.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AuthentificationBasique implements ContainerRequestFilter {

  static final String DEFI = "Basic realm=\"Parcelle\", charset=\"UTF-8\"";

  static final String DEFI_PORTEUR = "Bearer realm=\"Parcelle\", error=\"invalid_token\"";

  @Inject Authentificateur authentificateur;
  @Inject ConfigurationOidc oidc;

  @jakarta.ws.rs.core.Context jakarta.servlet.http.HttpServletRequest servlet;

  @Override
  public void filter(ContainerRequestContext requete) {
    if (estPublique(requete.getMethod(), requete.getUriInfo().getPath(false))) {
      return;
    }
    String autorisation = requete.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (autorisation != null && autorisation.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Optional<Utilisateur> porteur =
          oidc.jetonsApi()
              .flatMap(v -> v.login(autorisation.substring(7)))
              .flatMap(authentificateur::utilisateur);
      if (porteur.isEmpty()) {
        requete.abortWith(
            Probleme.de(
                    "jeton-refuse",
                    "Jeton d'accès refusé",
                    401,
                    "Le jeton d'accès n'est pas accepté (signature, émetteur, audience ou"
                        + " expiration), ou il ne désigne aucun compte de la plateforme.")
                .pour(URI.create(requete.getUriInfo().getRequestUri().getRawPath()))
                .reponse()
                .header(HttpHeaders.WWW_AUTHENTICATE, DEFI_PORTEUR)
                .build());
        return;
      }
      requete.setSecurityContext(
          new Contexte(
              new PrincipalParcelle(porteur.get()), requete.getSecurityContext().isSecure()));
      return;
    }
    Optional<Utilisateur> utilisateur = identifiants(autorisation).flatMap(this::verifier);
    if (utilisateur.isEmpty()) {
      // One sign-in for the portal and the webapps: the session opened by the platform's login
      // (the Camunda webapps' one) stands for credentials. A cookie goes with every request the
      // browser makes, even from another site, so a write also needs the session's anti-CSRF
      // token in the X-XSRF-TOKEN header, which only our own pages can read.
      jakarta.servlet.http.HttpSession session = servlet == null ? null : servlet.getSession(false);
      if (estLecture(requete.getMethod())
          || SessionWebapps.jetonValide(
              session, requete.getHeaderString(SessionWebapps.ENTETE_XSRF))) {
        utilisateur = SessionWebapps.login(session).flatMap(authentificateur::utilisateur);
      }
    }
    if (utilisateur.isEmpty()) {
      requete.abortWith(
          Probleme.de(
                  "authentification-requise",
                  "Authentification requise",
                  401,
                  "Identifiez-vous (identifiant et mot de passe de la plateforme) pour utiliser l'API.")
              .pour(URI.create(requete.getUriInfo().getRequestUri().getRawPath()))
              .reponse()
              // No Basic challenge for the portal's own scripts: the browser would open its
              // password dialog over the page (as Spring Security does for X-Requested-With).
              .header(HttpHeaders.WWW_AUTHENTICATE, depuisUnePage(requete) ? null : DEFI)
              .build());
      return;
    }
    boolean https = requete.getSecurityContext().isSecure();
    requete.setSecurityContext(new Contexte(new PrincipalParcelle(utilisateur.get()), https));
  }

  /**
   * Whether a request needs no credentials, from its method and its path relative to /api/v1 as
   * sent (still percent-encoded). Credentials sent anyway are not checked there: the simulator must
   * not become a way to try passwords.
   */
  static boolean depuisUnePage(ContainerRequestContext requete) {
    return "XMLHttpRequest".equals(requete.getHeaderString("X-Requested-With"));
  }

  static boolean estLecture(String methode) {
    return "GET".equals(methode) || "HEAD".equals(methode);
  }

  static boolean estPublique(String methode, String cheminEncode) {
    return "GET".equals(methode)
        && (SimulationResource.CHEMIN_DELAI.equals(cheminEncode)
            || RegistreResource.CHEMIN_PUBLIC.matcher(cheminEncode).matches());
  }

  private Optional<Utilisateur> verifier(String[] identifiants) {
    char[] motDePasse = identifiants[1].toCharArray();
    try {
      return authentificateur.authentifier(identifiants[0], motDePasse);
    } finally {
      Arrays.fill(motDePasse, '\0');
    }
  }

  /** login and password from an {@code Authorization: Basic …} header, if well formed. */
  static Optional<String[]> identifiants(String entete) {
    if (entete == null
        || !entete.regionMatches(true, 0, "Basic ", 0, 6)
        || entete.length() > 1024) {
      return Optional.empty();
    }
    byte[] octets;
    try {
      octets = Base64.getDecoder().decode(entete.substring(6).strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String texte;
    try {
      texte = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(octets)).toString();
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
    int deuxPoints = texte.indexOf(':');
    if (deuxPoints <= 0) {
      return Optional.empty();
    }
    Arrays.fill(octets, (byte) 0);
    return Optional.of(
        new String[] {texte.substring(0, deuxPoints), texte.substring(deuxPoints + 1)});
  }

  /** The principal of an API call: the authenticated platform user. */
  public record PrincipalParcelle(Utilisateur utilisateur) implements Principal {
    @Override
    public String getName() {
      return utilisateur.login();
    }
  }

  private record Contexte(PrincipalParcelle principal, boolean https) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
      return principal.utilisateur().roles().stream().anyMatch(r -> r.name().equals(role));
    }

    @Override
    public boolean isSecure() {
      return https;
    }

    @Override
    public String getAuthenticationScheme() {
      return SecurityContext.BASIC_AUTH;
    }
  }
}
