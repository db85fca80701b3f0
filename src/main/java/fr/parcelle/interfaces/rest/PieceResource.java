package fr.parcelle.interfaces.rest;

import fr.parcelle.application.DossierService;
import fr.parcelle.application.PieceService;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.model.piece.PieceJointe;
import fr.parcelle.domain.model.piece.TypeDocument;
import fr.parcelle.domain.port.DocumentStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pièces of a dossier (upload, download) and the documents the platform issued. */
@Path("dossiers/{id}")
@RequestScoped
@Tag(name = "Pièces")
public class PieceResource {

  private static final Pattern NOM_ETENDU =
      Pattern.compile("filename\\*\\s*=\\s*UTF-8''([^;]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern NOM_SIMPLE =
      Pattern.compile("filename\\s*=\\s*\"?([^\";]*)\"?", Pattern.CASE_INSENSITIVE);

  @Inject PieceService pieces;
  @Inject DossierService dossiers;
  @Inject DocumentStore stockage;
  @Context SecurityContext securite;
  @Context UriInfo uri;

  @PUT
  @Path("pieces/{code}")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Joindre une pièce",
      description =
          "Le corps de la requête est le fichier (PDF, JPEG ou PNG, reconnus d'après leur contenu), transmis en"
              + " flux. Nom de fichier facultatif dans Content-Disposition. Un second envoi remplace la pièce"
              + " jusqu'au dépôt.")
  @APIResponse(responseCode = "201", description = "Pièce reçue, vérifiée et conservée")
  @APIResponse(
      responseCode = "422",
      description = "Fichier refusé (type de problème stable par raison) ou code hors bordereau")
  public Response joindre(
      @PathParam("id") UUID id,
      @PathParam("code") String code,
      @HeaderParam("Content-Disposition") String disposition,
      InputStream contenu)
      throws IOException {
    PieceJointe piece =
        pieces.recevoir(Appelant.de(securite), id, code, nomFichier(disposition), contenu);
    URI base = uri.getBaseUriBuilder().path("dossiers").path(id.toString()).path("/").build();
    return Response.created(base.resolve("pieces/" + piece.code()))
        .type(MediaType.APPLICATION_JSON)
        .entity(DossierVue.PieceVue.de(piece, base))
        .build();
  }

  @GET
  @Path("pieces/{code}")
  @Operation(summary = "Télécharger une pièce, octet pour octet")
  public Response piece(@PathParam("id") UUID id, @PathParam("code") String code) {
    Dossier dossier = dossiers.consulter(Appelant.de(securite), id);
    PieceJointe piece = dossier.piece(code).orElseThrow(NotFoundException::new);
    return fichier(piece.empreinte(), piece.typeMedia(), piece.nomFichier(), piece.taille());
  }

  @GET
  @Path("documents/{type}")
  @Operation(summary = "Télécharger un document émis : accuse-enregistrement, recepisse")
  public Response document(@PathParam("id") UUID id, @PathParam("type") String type) {
    Dossier dossier = dossiers.consulter(Appelant.de(securite), id);
    var document =
        TypeDocument.depuisSegment(type)
            .flatMap(dossier::document)
            .orElseThrow(NotFoundException::new);
    return fichier(
        document.empreinte(), "application/pdf", document.nomFichier(), document.taille());
  }

  private Response fichier(Empreinte empreinte, String type, String nom, long taille) {
    StreamingOutput flux =
        sortie -> {
          try (InputStream in = stockage.ouvrir(empreinte)) {
            in.transferTo(sortie);
          }
        };
    return Response.ok(flux, type)
        .header(HttpHeaders.CONTENT_LENGTH, taille)
        .header(
            "Content-Disposition",
            "attachment; filename=\""
                + nom.replaceAll("[^A-Za-z0-9._-]", "_")
                + "\"; filename*=UTF-8''"
                + URLEncoder.encode(nom, StandardCharsets.UTF_8).replace("+", "%20"))
        .header(
            "Digest",
            "sha-256="
                + java.util.Base64.getEncoder()
                    .encodeToString(java.util.HexFormat.of().parseHex(empreinte.sha256())))
        .build();
  }

  /**
   * The file name from Content-Disposition (RFC 6266), if any; cleaned later, never used as a path.
   */
  static String nomFichier(String disposition) {
    if (disposition == null || disposition.length() > 2048) {
      return null;
    }
    Matcher etendu = NOM_ETENDU.matcher(disposition);
    if (etendu.find()) {
      try {
        return URLDecoder.decode(etendu.group(1).strip(), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    Matcher simple = NOM_SIMPLE.matcher(disposition);
    return simple.find() ? simple.group(1) : null;
  }
}
