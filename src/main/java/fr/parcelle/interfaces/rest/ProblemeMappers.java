package fr.parcelle.interfaces.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import fr.parcelle.application.AccesRefuseException;
import fr.parcelle.application.DonneesInvalidesException;
import fr.parcelle.application.DossierIntrouvableException;
import fr.parcelle.application.OperationImpossibleException;
import fr.parcelle.application.ServiceSatureException;
import fr.parcelle.domain.model.piece.PieceRefuseeException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Every failure of the API as problem+json, in French, with no stack trace, SQL or path. */
public final class ProblemeMappers {

  private static final Logger LOG = Logger.getLogger(ProblemeMappers.class.getName());

  private ProblemeMappers() {}

  /**
   * Request attribute set when an upload's connection broke ({@link EnvoiInterrompu}): the
   * container's error page ({@code ErreurServlet}) then logs the undelivered answer as one line.
   */
  public static final String ENVOI_INTERROMPU = "fr.parcelle.envoi-interrompu";

  /** Common part: the problem's instance is the request path. */
  abstract static class Base<E extends Throwable> implements ExceptionMapper<E> {
    @Context UriInfo uri;

    Response repondre(Probleme probleme) {
      return probleme.pour(instance()).reponse().build();
    }

    URI instance() {
      return uri == null ? null : URI.create(uri.getRequestUri().getRawPath());
    }
  }

  /** 4xx and 5xx raised by JAX-RS itself: unknown path, wrong method, unsupported media type… */
  @Provider
  public static class WebApplication extends Base<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      int statut = e.getResponse().getStatus();
      Probleme p =
          switch (statut) {
            case 400 ->
                Probleme.de(
                    "requete-invalide", "Requête invalide", 400, "La requête est mal formée.");
            case 401 ->
                Probleme.de(
                    "authentification-requise",
                    "Authentification requise",
                    401,
                    "Identifiez-vous pour utiliser l'API.");
            case 403 ->
                Probleme.de(
                    "acces-refuse",
                    "Accès refusé",
                    403,
                    "Vous n'avez pas accès à cette ressource.");
            case 404 ->
                Probleme.de(
                    "ressource-introuvable",
                    "Ressource introuvable",
                    404,
                    "Aucune ressource ne correspond à cette adresse.");
            case 405 ->
                Probleme.de(
                    "methode-non-autorisee",
                    "Méthode non autorisée",
                    405,
                    "Cette adresse n'accepte pas cette méthode HTTP."
                        + (e instanceof NotAllowedException n
                            ? " Méthodes acceptées : "
                                + String.join(", ", n.getResponse().getAllowedMethods())
                                + "."
                            : ""));
            case 406 ->
                Probleme.de(
                    "format-de-reponse-indisponible",
                    "Format de réponse indisponible",
                    406,
                    "Cette ressource ne se présente qu'en JSON.");
            case 413 ->
                Probleme.de(
                    "requete-trop-volumineuse",
                    "Requête trop volumineuse",
                    413,
                    "Le corps de la requête est trop volumineux.");
            case 415 ->
                Probleme.de(
                    "type-de-contenu-non-pris-en-charge",
                    "Type de contenu non pris en charge",
                    415,
                    "Le type de contenu envoyé n'est pas accepté ici (attendu : "
                        + "application/json, sauf mention contraire).");
            default ->
                statut >= 500
                    ? Probleme.de(
                        "erreur-interne",
                        "Erreur interne",
                        statut,
                        "Le service n'a pas pu répondre.")
                    : Probleme.de(
                        "requete-refusee", "Requête refusée", statut, "La requête a été refusée.");
          };
      Response.ResponseBuilder r = p.pour(instance()).reponse();
      String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
      if (allow != null) {
        r.header(HttpHeaders.ALLOW, allow);
      }
      String authenticate = e.getResponse().getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
      if (authenticate != null) {
        r.header(HttpHeaders.WWW_AUTHENTICATE, authenticate);
      }
      return r.build();
    }
  }

  /**
   * Payara's Jersey brings Jackson's own mappers for these two exact types (plain-text answers that
   * quote the parser): ours are just as specific and take precedence by priority.
   */
  @Provider
  @Priority(1)
  public static class JsonSyntaxe extends Base<JsonParseException> {
    @Override
    public Response toResponse(JsonParseException e) {
      return new JsonIllisible().avec(uri).toResponse(e);
    }
  }

  /** See {@link JsonSyntaxe}. */
  @Provider
  @Priority(1)
  public static class JsonForme extends Base<JsonMappingException> {
    @Override
    public Response toResponse(JsonMappingException e) {
      return new JsonIllisible().avec(uri).toResponse(e);
    }
  }

  /** A body that is not JSON, or JSON of the wrong shape. */
  @Provider
  public static class JsonIllisible extends Base<JsonProcessingException> {
    JsonIllisible avec(UriInfo u) {
      this.uri = u;
      return this;
    }

    @Override
    public Response toResponse(JsonProcessingException e) {
      Probleme p =
          Probleme.de(
              "json-illisible",
              "Corps de requête illisible",
              400,
              "Le corps de la requête n'est pas un JSON valide.");
      if (e instanceof UnrecognizedPropertyException u) {
        p =
            Probleme.de(
                    "json-illisible",
                    "Corps de requête illisible",
                    400,
                    "Propriété inconnue : « " + u.getPropertyName() + " ».")
                .avecErreurs(List.of(new Probleme.Champ(chemin(u), "Propriété inconnue.")));
      } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
        p =
            Probleme.de(
                    "json-illisible",
                    "Corps de requête illisible",
                    400,
                    "Valeur de type inattendu pour « " + chemin(m) + " ».")
                .avecErreurs(List.of(new Probleme.Champ(chemin(m), "Type de valeur inattendu.")));
      }
      return repondre(p);
    }

    private static String chemin(JsonMappingException e) {
      return e.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."))
          .replace(".[", "[");
    }
  }

  /** Business validation: 422 naming each invalid field. */
  @Provider
  public static class DonneesInvalides extends Base<DonneesInvalidesException> {
    @Override
    public Response toResponse(DonneesInvalidesException e) {
      return repondre(
          Probleme.de(
                  "donnees-invalides",
                  "Données invalides",
                  422,
                  e.champs().size() == 1
                      ? "Un champ est invalide."
                      : e.champs().size() + " champs sont invalides.")
              .avecErreurs(
                  e.champs().stream()
                      .map(c -> new Probleme.Champ(c.champ(), c.message()))
                      .toList()));
    }
  }

  @Provider
  public static class DossierIntrouvable extends Base<DossierIntrouvableException> {
    @Override
    public Response toResponse(DossierIntrouvableException e) {
      return repondre(
          Probleme.de(
              "dossier-introuvable",
              "Dossier introuvable",
              404,
              "Ce dossier n'existe pas ou ne vous est pas accessible."));
    }
  }

  @Provider
  public static class AccesRefuse extends Base<AccesRefuseException> {
    @Override
    public Response toResponse(AccesRefuseException e) {
      return repondre(Probleme.de("acces-refuse", "Accès refusé", 403, e.getMessage()));
    }
  }

  @Provider
  public static class OperationImpossible extends Base<OperationImpossibleException> {
    @Override
    public Response toResponse(OperationImpossibleException e) {
      return repondre(
          Probleme.de("operation-impossible", "Opération impossible", 409, e.getMessage()));
    }
  }

  /** A step the law does not allow now (second request for pièces, late majoration…). */
  @Provider
  public static class DemandeRefusee
      extends Base<fr.parcelle.domain.model.dossier.DemandeRefuseeException> {
    @Override
    public Response toResponse(fr.parcelle.domain.model.dossier.DemandeRefuseeException e) {
      return repondre(
          Probleme.de("etape-refusee", "Étape refusée par la règle de droit", 409, e.getMessage()));
    }
  }

  /** A file refused as a pièce: one stable type per reason, the pièce code, and what to do. */
  @Provider
  public static class PieceRefusee extends Base<PieceRefuseeException> {
    @Override
    public Response toResponse(PieceRefuseeException e) {
      String code = uri == null ? null : uri.getPathParameters().getFirst("code");
      return repondre(
          Probleme.de(
                  e.raison().type(),
                  e.raison().titre(),
                  422,
                  e.getMessage() + " " + e.raison().conseil())
              .pourPiece(code));
    }
  }

  /** A grouped upload whose multipart body cannot be read to its end. */
  @Provider
  public static class MultipartIllisible extends Base<LecteurMultipart.MultipartMalForme> {
    @Override
    public Response toResponse(LecteurMultipart.MultipartMalForme e) {
      return repondre(
          Probleme.de(
              "multipart-mal-forme",
              "Envoi groupé illisible",
              400,
              "Le corps multipart/form-data est mal formé : "
                  + e.getMessage()
                  + ". Les fichiers reçus en entier avant l'erreur sont joints au dossier ;"
                  + " consultez-le avant de renvoyer les autres."));
    }
  }

  /**
   * The sender's connection broke during an upload: not an incident. One line in the log, and a 400
   * for a sender still listening (a proxy that cut the body).
   */
  @Provider
  public static class EnvoiInterrompu extends Base<CorpsDeRequete.EnvoiInterrompu> {
    @Context jakarta.servlet.http.HttpServletRequest requete;

    @Override
    public Response toResponse(CorpsDeRequete.EnvoiInterrompu e) {
      LOG.info(() -> "Envoi interrompu sur " + instance() + " : " + e.getCause());
      if (requete != null) {
        // Sending this answer to a sender who left fails in the container, whose error page
        // then knows it is no incident either.
        requete.setAttribute(ENVOI_INTERROMPU, Boolean.TRUE);
      }
      return repondre(
          Probleme.de(
              "envoi-interrompu",
              "Envoi interrompu",
              400,
              "La connexion a été coupée avant la fin de l'envoi : le fichier en cours n'a pas été"
                  + " enregistré ; dans un envoi groupé, ceux reçus en entier avant la coupure sont"
                  + " joints au dossier. Consultez-le, puis renvoyez ce qui manque."));
    }
  }

  /** Too many deposits at once: retry shortly. */
  @Provider
  public static class ServiceSature extends Base<ServiceSatureException> {
    @Override
    public Response toResponse(ServiceSatureException e) {
      return Probleme.de("service-sature", "Service saturé", 503, e.getMessage())
          .pour(instance())
          .reponse()
          .header("Retry-After", "5")
          .build();
    }
  }

  /** An upload refused by the per-user limits: 429 with Retry-After, or 408 for a trickle. */
  @Provider
  public static class TeleversementLimite
      extends Base<fr.parcelle.application.TeleversementLimiteException> {
    @Override
    public Response toResponse(fr.parcelle.application.TeleversementLimiteException e) {
      Response.ResponseBuilder r =
          Probleme.de(e.motif().type(), e.motif().titre(), e.motif().statut(), e.getMessage())
              .pour(instance())
              .reponse();
      if (e.reessayerDansSecondes() > 0) {
        r.header("Retry-After", Long.toString(e.reessayerDansSecondes()));
      }
      return r.build();
    }
  }

  /** Anything else: logged with an incident id the caller can quote; nothing internal is shown. */
  @Provider
  public static class Inattendue extends Base<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      String incident = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "Incident " + incident, e);
      return repondre(
          Probleme.de(
                  "erreur-interne",
                  "Erreur interne",
                  500,
                  "Une erreur inattendue est survenue. Rien n'a été enregistré ; réessayez ou signalez l'incident.")
              .avecIncident(incident));
    }
  }
}
