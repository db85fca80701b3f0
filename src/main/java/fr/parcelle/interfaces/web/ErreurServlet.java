package fr.parcelle.interfaces.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Errors the container answers itself (unknown path outside the API, uncaught failure in a
 * servlet): problem+json like the API, or a short French page when a browser asks for HTML. Never a
 * stack trace.
 */
@WebServlet(name = "erreur", urlPatterns = "/erreur")
public class ErreurServlet extends HttpServlet {

  private static final Logger LOG = Logger.getLogger(ErreurServlet.class.getName());

  @Override
  protected void service(HttpServletRequest requete, HttpServletResponse reponse)
      throws IOException {
    if (Boolean.TRUE.equals(
        requete.getAttribute(fr.parcelle.interfaces.rest.ProblemeMappers.ENVOI_INTERROMPU))) {
      // The API already answered a broken upload; that answer could not reach a sender who left.
      LOG.info(
          () ->
              "Réponse non remise, l'expéditeur est parti : "
                  + requete.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
      return;
    }
    Object code = requete.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int statut = code instanceof Integer i ? i : 404;
    Throwable cause = (Throwable) requete.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    String incident = null;
    if (cause != null || statut >= 500) {
      incident = UUID.randomUUID().toString();
      LOG.log(
          Level.SEVERE,
          "Incident "
              + incident
              + " sur "
              + requete.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
          cause);
      if (statut < 500) {
        statut = 500;
      }
    }
    String chemin = (String) requete.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String[] texte = texte(statut);
    reponse.setStatus(statut);
    reponse.setHeader("Cache-Control", "no-store");
    reponse.setHeader("X-Content-Type-Options", "nosniff");
    reponse.setCharacterEncoding("UTF-8");
    String accept = requete.getHeader("Accept");
    try (PrintWriter out = reponse.getWriter()) {
      if (accept != null && accept.contains("text/html")) {
        reponse.setContentType("text/html;charset=UTF-8");
        out.print(
            "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>"
                + texte[1]
                + " — Parcelle</title></head><body><main><h1>"
                + texte[1]
                + "</h1><p>"
                + texte[2]
                + "</p>"
                + (incident == null ? "" : "<p>Référence de l'incident : " + incident + "</p>")
                + "<p><a href=\"/\">Retour à l'accueil</a></p></main></body></html>");
      } else {
        reponse.setContentType("application/problem+json");
        out.print(
            "{\"type\":\"/problemes/"
                + texte[0]
                + "\",\"title\":\""
                + texte[1]
                + "\",\"status\":"
                + statut
                + ",\"detail\":\""
                + texte[2]
                + "\""
                + (chemin == null ? "" : ",\"instance\":\"" + json(chemin) + "\"")
                + (incident == null ? "" : ",\"incident\":\"" + incident + "\"")
                + "}");
      }
    }
  }

  private static String[] texte(int statut) {
    return switch (statut) {
      case 400 ->
          new String[] {"requete-invalide", "Requête invalide", "La requête est mal formée."};
      case 401 ->
          new String[] {
            "authentification-requise",
            "Authentification requise",
            "Identifiez-vous pour accéder à cette page."
          };
      case 403 ->
          new String[] {"acces-refuse", "Accès refusé", "Vous n'avez pas accès à cette ressource."};
      case 404 ->
          new String[] {
            "ressource-introuvable",
            "Ressource introuvable",
            "Aucune ressource ne correspond à cette adresse."
          };
      case 405 ->
          new String[] {
            "methode-non-autorisee",
            "Méthode non autorisée",
            "Cette adresse n'accepte pas cette méthode HTTP."
          };
      case 413 ->
          new String[] {
            "requete-trop-volumineuse",
            "Requête trop volumineuse",
            "Le corps de la requête est trop volumineux."
          };
      case 415 ->
          new String[] {
            "type-de-contenu-non-pris-en-charge",
            "Type de contenu non pris en charge",
            "Le type de contenu envoyé n'est pas accepté ici."
          };
      case 503 ->
          new String[] {
            "service-indisponible",
            "Service indisponible",
            "Le service redémarre ou est surchargé ; réessayez dans un instant."
          };
      default ->
          statut >= 500
              ? new String[] {
                "erreur-interne", "Erreur interne", "Une erreur inattendue est survenue."
              }
              : new String[] {"requete-refusee", "Requête refusée", "La requête a été refusée."};
    };
  }

  /** The request path is the only caller-supplied text echoed: escape it for JSON. */
  private static String json(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
