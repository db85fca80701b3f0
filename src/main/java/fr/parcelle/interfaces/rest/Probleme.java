package fr.parcelle.interfaces.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} is stable (clients switch on it); {@code title} and
 * {@code detail} are French, for people; {@code erreurs} names each invalid field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Probleme(
    URI type,
    String title,
    int status,
    String detail,
    URI instance,
    List<Champ> erreurs,
    String piece,
    String incident,
    List<DossierVue.PieceVue> pieces,
    List<Probleme.RefusVue> refus) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** Relative type URIs: the platform documents each problem type under /problemes/. */
  static final String BASE = "/problemes/";

  /** One invalid field of the request. */
  public record Champ(String champ, String message) {}

  /** One file of a grouped upload that was not joined: its rank in the request, its problem. */
  public record RefusVue(
      int rang, String code, String nomFichier, URI type, String titre, String detail) {}

  static Probleme de(String code, String titre, int statut, String detail) {
    return new Probleme(
        URI.create(BASE + code),
        titre,
        statut,
        detail,
        null,
        List.of(),
        null,
        null,
        List.of(),
        List.of());
  }

  Probleme avecErreurs(List<Champ> champs) {
    return new Probleme(
        type, title, status, detail, instance, champs, piece, incident, pieces, refus);
  }

  Probleme avecIncident(String id) {
    return new Probleme(type, title, status, detail, instance, erreurs, piece, id, pieces, refus);
  }

  Probleme pour(URI chemin) {
    return new Probleme(
        type, title, status, detail, chemin, erreurs, piece, incident, pieces, refus);
  }

  Probleme pourPiece(String code) {
    return new Probleme(
        type, title, status, detail, instance, erreurs, code, incident, pieces, refus);
  }

  /** A grouped upload with refusals: what was joined and what was not, file by file. */
  Probleme avecEnvoi(List<DossierVue.PieceVue> jointes, List<RefusVue> refuses) {
    return new Probleme(
        type, title, status, detail, instance, erreurs, piece, incident, jointes, refuses);
  }

  Response.ResponseBuilder reponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(this);
  }
}
