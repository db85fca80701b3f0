package fr.parcelle.interfaces.web.connexion;

import fr.parcelle.application.securite.ComptesExternes;
import fr.parcelle.application.securite.Utilisateur;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.camunda.bpm.BpmPlatform;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.util.ServletContextUtil;

/**
 * Sign-in through FranceConnect (applicants) and ProConnect (agents, maires):
 *
 * <ul>
 *   <li>{@code GET /connexion/franceconnect}, {@code GET /connexion/proconnect} ({@code
 *       ?retour=/chemin} optional): a new sign-in kept in the session, the browser sent to the
 *       provider;
 *   <li>{@code GET /connexion/retour}: the provider's answer checked ({@link ClientOidc}), the
 *       person's local account found or, for an applicant, created; then the session is renewed and
 *       holds the very {@code Authentications} the Camunda webapps' own login puts there, so the
 *       portal, the API and the Tasklist all see the same signed-in user;
 *   <li>{@code GET|POST /connexion/deconnexion}: the session ends, and the provider's session
 *       (end_session_endpoint with id_token_hint).
 * </ul>
 *
 * Refusals are French pages that say what to do, never why a check failed (that goes to the log).
 */
@WebServlet(name = "connexion", urlPatterns = "/connexion/*")
public class ConnexionServlet extends HttpServlet {

  private static final Logger LOG = Logger.getLogger(ConnexionServlet.class.getName());
  static final String DEMANDE = "parcelle.oidc.demande";
  static final String ID_TOKEN = "parcelle.oidc.id-token";
  static final String FOURNISSEUR = "parcelle.oidc.fournisseur";
  private static final String MOTEUR = "default";

  @Inject ConfigurationOidc configuration;
  @Inject ComptesExternes comptes;

  @Override
  protected void doGet(HttpServletRequest requete, HttpServletResponse reponse) throws IOException {
    String chemin = requete.getPathInfo() == null ? "" : requete.getPathInfo();
    switch (chemin) {
      case "/" + FournisseurOidc.FRANCECONNECT, "/" + FournisseurOidc.PROCONNECT ->
          commencer(chemin.substring(1), requete, reponse);
      case "/retour" -> retour(requete, reponse);
      case "/fournisseurs" -> fournisseurs(reponse);
      case "/deconnexion" -> confirmerDeconnexion(reponse);
      default -> page(reponse, 404, "Page introuvable", "Cette adresse de connexion n'existe pas.");
    }
  }

  @Override
  protected void doPost(HttpServletRequest requete, HttpServletResponse reponse)
      throws IOException {
    if ("/deconnexion".equals(requete.getPathInfo())) {
      deconnecter(requete, reponse);
    } else {
      reponse.setHeader("Allow", "GET");
      page(reponse, 405, "Méthode non permise", "Cette adresse s'ouvre par un lien.");
    }
  }

  /**
   * A link must not sign anyone out (another site could embed it): GET shows a button that posts
   * the logout; the session cookie is SameSite=Lax, so another site's form cannot post it either.
   */
  private static void confirmerDeconnexion(HttpServletResponse reponse) throws IOException {
    reponse.setStatus(200);
    sansCache(reponse);
    reponse.setHeader("X-Content-Type-Options", "nosniff");
    reponse.setHeader(
        "Content-Security-Policy",
        "default-src 'none'; form-action 'self'; frame-ancestors 'none'");
    reponse.setContentType("text/html;charset=UTF-8");
    reponse
        .getWriter()
        .write(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Se déconnecter"
                + " — Parcelle</title></head><body><main><h1>Se déconnecter</h1>"
                + "<form method=\"post\" action=\"/connexion/deconnexion\">"
                + "<button type=\"submit\">Se déconnecter de Parcelle</button></form>"
                + "<p><a href=\"/\">Retour à l'accueil</a></p></main></body></html>");
  }

  /**
   * Which providers this platform offers, for the portal's sign-in page: a JSON array of names
   * (franceconnect, proconnect), empty in demo mode without providers.
   */
  private void fournisseurs(HttpServletResponse reponse) throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (String nom : List.of(FournisseurOidc.FRANCECONNECT, FournisseurOidc.PROCONNECT)) {
      if (configuration.client(nom).isPresent()) {
        json.append(json.length() > 1 ? "," : "").append('"').append(nom).append('"');
      }
    }
    reponse.setContentType("application/json");
    reponse.setCharacterEncoding("UTF-8");
    reponse.setHeader("Cache-Control", "no-store");
    reponse.getWriter().write(json.append(']').toString());
  }

  private void commencer(String nom, HttpServletRequest requete, HttpServletResponse reponse)
      throws IOException {
    Optional<ClientOidc> client = configuration.client(nom);
    if (client.isEmpty()) {
      page(
          reponse,
          404,
          "Connexion indisponible",
          "La connexion par "
              + libelle(nom)
              + " n'est pas ouverte sur cette plateforme. Utilisez votre identifiant et votre mot"
              + " de passe, ou adressez-vous à votre mairie.");
      return;
    }
    DemandeEnCours demande =
        client.get().commencer(redirection(requete), retourSur(requete.getParameter("retour")));
    URI url;
    try {
      url = client.get().urlAutorisation(demande);
    } catch (ConnexionRefusee e) {
      refuser(reponse, nom, e, 503);
      return;
    }
    requete.getSession(true).setAttribute(DEMANDE, demande);
    sansCache(reponse);
    reponse.sendRedirect(url.toString());
  }

  private void retour(HttpServletRequest requete, HttpServletResponse reponse) throws IOException {
    HttpSession session = requete.getSession(false);
    DemandeEnCours demande = null;
    if (session != null) {
      try {
        demande = (DemandeEnCours) session.getAttribute(DEMANDE);
        // One answer per sign-in: a replayed callback finds nothing.
        session.removeAttribute(DEMANDE);
      } catch (IllegalStateException | ClassCastException invalidee) {
        demande = null;
      }
    }
    if (demande == null) {
      page(
          reponse,
          400,
          "Connexion expirée",
          "Cette connexion n'a pas été commencée ici, ou a expiré. Recommencez depuis la page de"
              + " connexion.");
      return;
    }
    Map<String, String> parametres = new HashMap<>();
    for (Map.Entry<String, String[]> p : requete.getParameterMap().entrySet()) {
      if (p.getValue().length != 1) {
        page(reponse, 400, "Connexion refusée", ClientOidc.REFUSEE);
        return;
      }
      parametres.put(p.getKey(), p.getValue()[0]);
    }
    String nom = demande.fournisseur();
    ClientOidc client = configuration.client(nom).orElse(null);
    if (client == null) {
      page(reponse, 404, "Connexion indisponible", "Cette connexion n'est plus ouverte.");
      return;
    }
    IdentiteOidc resultat;
    try {
      resultat = client.terminer(demande, parametres);
    } catch (ConnexionRefusee e) {
      refuser(reponse, nom, e, e.getMessage().equals(ClientOidc.INJOIGNABLE) ? 503 : 400);
      return;
    }
    Optional<Utilisateur> compte =
        client.fournisseur().pourDemandeurs()
            ? Optional.of(comptes.demandeur(resultat.identite()))
            : comptes.agent(resultat.identite());
    if (compte.isEmpty()) {
      LOG.warning(() -> "Connexion " + nom + " refusée : aucun compte d'agent pour cette identité");
      page(
          reponse,
          403,
          "Compte agent inconnu",
          "Votre identité "
              + libelle(nom)
              + " est vérifiée, mais aucun compte d'agent ne lui correspond sur cette plateforme."
              + " Demandez à l'administrateur de la plateforme de créer votre compte avec votre"
              + " adresse électronique professionnelle, puis reconnectez-vous.");
      return;
    }
    ouvrirSession(requete, compte.get().login());
    HttpSession nouvelle = requete.getSession(false);
    nouvelle.setAttribute(ID_TOKEN, resultat.idToken());
    nouvelle.setAttribute(FOURNISSEUR, nom);
    LOG.info(() -> "Connexion " + nom + " de " + compte.get().login());
    sansCache(reponse);
    reponse.sendRedirect(
        requete.getContextPath()
            + (demande.retour() != null
                ? demande.retour()
                : client.fournisseur().pourDemandeurs() ? "/" : "/app/tasklist/"));
  }

  /**
   * What the webapps' login does (UserAuthenticationResource): the account's groups, tenants and
   * authorised webapps read from the engine, then a new session (its id changes: a session fixed
   * before sign-in is worth nothing after) holding them.
   */
  private void ouvrirSession(HttpServletRequest requete, String login) {
    ProcessEngine moteur = BpmPlatform.getProcessEngineService().getProcessEngine(MOTEUR);
    UserAuthentication authentification = AuthenticationUtil.createAuthentication(moteur, login);
    authentification.setCacheValidationTime(
        ServletContextUtil.getAuthCacheValidationTime(getServletContext()));
    AuthenticationUtil.revalidateSession(requete, authentification);
  }

  private void deconnecter(HttpServletRequest requete, HttpServletResponse reponse)
      throws IOException {
    HttpSession session = requete.getSession(false);
    String idToken = null;
    String nom = null;
    if (session != null) {
      try {
        idToken = (String) session.getAttribute(ID_TOKEN);
        nom = (String) session.getAttribute(FOURNISSEUR);
        session.invalidate();
      } catch (IllegalStateException dejaInvalidee) {
        // nothing to end
      }
    }
    URI accueil = URI.create(base(requete) + "/");
    String finale = idToken;
    Optional<URI> chezLeFournisseur =
        nom == null
            ? Optional.empty()
            : configuration.client(nom).flatMap(c -> c.deconnexion(finale, accueil));
    sansCache(reponse);
    reponse.sendRedirect(chezLeFournisseur.orElse(accueil).toString());
  }

  private URI redirection(HttpServletRequest requete) {
    return configuration
        .redirection()
        .orElseGet(() -> URI.create(base(requete) + "/connexion/retour"));
  }

  private static String base(HttpServletRequest requete) {
    StringBuilder b = new StringBuilder();
    b.append(requete.getScheme()).append("://").append(requete.getServerName());
    int port = requete.getServerPort();
    boolean defaut =
        ("http".equals(requete.getScheme()) && port == 80)
            || ("https".equals(requete.getScheme()) && port == 443);
    if (!defaut) {
      b.append(':').append(port);
    }
    return b.append(requete.getContextPath()).toString();
  }

  /**
   * Only a path of this site: one leading slash, no scheme, no "//" or backslash that a browser
   * would read as another host.
   */
  static String retourSur(String retour) {
    if (retour == null
        || retour.length() > 512
        || !retour.startsWith("/")
        || retour.startsWith("//")
        || retour.contains("\\")
        || retour.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      return null;
    }
    return retour;
  }

  private static String libelle(String nom) {
    return FournisseurOidc.FRANCECONNECT.equals(nom) ? "FranceConnect" : "ProConnect";
  }

  private static void refuser(
      HttpServletResponse reponse, String nom, ConnexionRefusee e, int statut) throws IOException {
    LOG.warning(() -> "Connexion " + nom + " refusée : " + e.raison());
    page(
        reponse,
        statut,
        statut == 503 ? "Fournisseur d'identité indisponible" : "Connexion refusée",
        e.getMessage());
  }

  private static void sansCache(HttpServletResponse reponse) {
    reponse.setHeader("Cache-Control", "no-store");
    reponse.setHeader("Referrer-Policy", "no-referrer");
  }

  static void page(HttpServletResponse reponse, int statut, String titre, String texte)
      throws IOException {
    reponse.setStatus(statut);
    sansCache(reponse);
    reponse.setHeader("X-Content-Type-Options", "nosniff");
    reponse.setHeader(
        "Content-Security-Policy", "default-src 'none'; style-src 'self'; frame-ancestors 'none'");
    reponse.setContentType("text/html;charset=UTF-8");
    reponse
        .getWriter()
        .write(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>"
                + echapper(titre)
                + " — Parcelle</title></head><body><main><h1>"
                + echapper(titre)
                + "</h1><p>"
                + echapper(texte)
                + "</p><p><a href=\"/\">Retour à l'accueil</a></p></main></body></html>");
  }

  private static String echapper(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
