package fr.parcelle.interfaces.rest;

import fr.parcelle.application.DemandeDossier;
import fr.parcelle.application.Depot;
import fr.parcelle.application.DonneesInvalidesException;
import fr.parcelle.application.DossierService;
import fr.parcelle.application.GuichetDepot;
import fr.parcelle.application.InstructionService;
import fr.parcelle.application.PieceService;
import fr.parcelle.application.SignatureDecision;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.model.piece.PieceJointe;
import fr.parcelle.domain.model.piece.TypeDocument;
import fr.parcelle.domain.port.DocumentStore;
import fr.parcelle.domain.port.InstructionWorkflow.TacheInstruction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
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
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dossiers: draft, reading, deposit; their pièces (upload, download) and the documents issued. */
@Path("dossiers")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dossiers", description = "Demandes d'autorisation d'urbanisme")
public class DossierResource {

  private static final Pattern NOM_ETENDU =
      Pattern.compile("filename\\*\\s*=\\s*UTF-8''([^;]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern NOM_SIMPLE =
      Pattern.compile("filename\\s*=\\s*\"?([^\";]*)\"?", Pattern.CASE_INSENSITIVE);

  @Inject DossierService dossiers;
  @Inject GuichetDepot guichet;
  @Inject PieceService pieces;
  @Inject InstructionService instruction;
  @Inject SignatureDecision signature;
  @Inject DocumentStore stockage;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Créer un dossier en brouillon",
      description =
          "type : CUa, CUb, DP, PCMI, PC, PA, PD. projet.contraintes : codes de referentiel/contraintes.csv (SPR,"
              + " ABORDS_MH, MH_INSCRIT, MH_CLASSE, SITE_CLASSE, SITE_INSCRIT, ERP, LOTISSEMENT, ZAC, DEMOLITION,"
              + " DEFRICHEMENT, ASSAINISSEMENT_NON_COLLECTIF, ZONE_SISMIQUE, PPR, CONSTRUCTION_NEUVE, DOMAINE_PUBLIC,"
              + " EVALUATION_ENVIRONNEMENTALE, VOLUME_CREE_OU_MODIFIE, TERRAIN_MODIFIE,"
              + " FACADES_OU_TOITURES_MODIFIEES, VISIBLE_ESPACE_PUBLIC). natureDemande : INITIALE (défaut),"
              + " MODIFICATIF ou TRANSFERT avec numeroAutorisation.")
  @APIResponse(responseCode = "201", description = "Brouillon créé, avec ses piecesAttendues")
  @APIResponse(responseCode = "422", description = "Données invalides (chaque champ nommé)")
  public Response creer(
      DemandeDossier corps, @Context SecurityContext securite, @Context UriInfo uri) {
    if (corps == null) {
      throw new DonneesInvalidesException(
          List.of(
              new DonneesInvalidesException.ChampInvalide("", "Le corps de la requête est vide.")));
    }
    Dossier dossier = dossiers.creerBrouillon(Appelant.de(securite), corps);
    return Response.created(adresse(uri, dossier)).entity(vue(uri, dossier)).build();
  }

  @GET
  @Operation(summary = "Mes dossiers (déposés par moi ou me nommant comme demandeur)")
  public List<DossierVue> mesDossiers(@Context SecurityContext securite, @Context UriInfo uri) {
    return dossiers.mesDossiers(Appelant.de(securite)).stream().map(d -> vue(uri, d)).toList();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Consulter un dossier : pièces, pièces manquantes, numéro et dates légales")
  @APIResponse(responseCode = "404", description = "Dossier inexistant ou inaccessible")
  public DossierVue consulter(
      @PathParam("id") UUID id, @Context SecurityContext securite, @Context UriInfo uri) {
    return vue(uri, dossiers.consulter(Appelant.de(securite), id));
  }

  @POST
  @Path("{id}/depot")
  @Operation(
      summary = "Déposer le dossier",
      description =
          "Vérifie la complétude, attribue le numéro légal (A423-1 à A423-4), émet l'accusé d'enregistrement et le"
              + " récépissé, démarre l'instruction : une seule transaction. Rejouer l'appel (ou la même"
              + " Idempotency-Key) rend le même dépôt.")
  @APIResponse(responseCode = "201", description = "Dossier déposé")
  @APIResponse(responseCode = "200", description = "Dépôt déjà fait : le même résultat")
  @APIResponse(responseCode = "422", description = "Dossier incomplet : chaque manque nommé")
  public Response deposer(
      @PathParam("id") UUID id,
      @Parameter(description = "Clé d'idempotence choisie par le client (128 caractères au plus)")
          @HeaderParam("Idempotency-Key")
          String cle,
      @Context SecurityContext securite,
      @Context UriInfo uri) {
    if (cle != null && (cle.isBlank() || cle.length() > 128)) {
      throw new DonneesInvalidesException(
          List.of(
              new DonneesInvalidesException.ChampInvalide(
                  "Idempotency-Key", "Clé vide ou trop longue.")));
    }
    Depot depot = guichet.deposer(Appelant.de(securite), id, cle);
    DossierVue vue = vue(uri, depot.dossier());
    return (depot.rejoue()
            ? Response.ok(vue)
            : Response.created(adresse(uri, depot.dossier())).entity(vue))
        .build();
  }

  @POST
  @Path("{id}/declarations/{nature}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Déclarer l'ouverture du chantier (DOC) ou l'achèvement des travaux (DAACT)",
      description =
          "Par le titulaire d'une autorisation accordée (expressément ou tacitement) : DOC (R424-16, cerfa"
              + " 13407, PC et PA) puis DAACT (R462-1, cerfa 13408, PC, PA et DP). Corps : {\"date\":"
              + " \"AAAA-MM-JJ\"}, date d'ouverture ou d'achèvement. La DAACT ouvre le délai de"
              + " contestation de la conformité (3 mois, 5 en cas de récolement obligatoire : R462-6,"
              + " R462-7). Récépissé : documents/recepisse-doc ou documents/recepisse-daact.")
  @APIResponse(responseCode = "201", description = "Déclaration reçue, récépissé émis")
  @APIResponse(responseCode = "403", description = "Pas le titulaire de l'autorisation")
  @APIResponse(responseCode = "409", description = "Refusée par la règle de droit (article nommé)")
  @APIResponse(responseCode = "422", description = "Nature ou date invalide")
  public Response declarer(
      @PathParam("id") UUID id,
      @PathParam("nature") String nature,
      DeclarationVue.Corps corps,
      @Context SecurityContext securite,
      @Context UriInfo uri) {
    java.time.LocalDate date = null;
    if (corps != null && corps.date() != null) {
      try {
        date = java.time.LocalDate.parse(corps.date());
      } catch (java.time.format.DateTimeParseException e) {
        throw new DonneesInvalidesException(
            List.of(
                new DonneesInvalidesException.ChampInvalide(
                    "date", "Date invalide « " + corps.date() + " » : attendu AAAA-MM-JJ.")));
      }
    }
    var declaration = dossiers.declarer(Appelant.de(securite), id, nature, date);
    String segment =
        "documents/"
            + (declaration.nature() == fr.parcelle.domain.model.dossier.NatureDeclaration.DOC
                    ? TypeDocument.RECEPISSE_DOC
                    : TypeDocument.RECEPISSE_DAACT)
                .segment();
    URI recepisse =
        uri.getBaseUriBuilder().path("dossiers").path(id.toString()).path(segment).build();
    return Response.created(recepisse)
        .entity(DeclarationVue.de(declaration, recepisse.toString()))
        .build();
  }

  @GET
  @Path("{id}/taches")
  @Operation(summary = "Tâches d'instruction ouvertes du dossier")
  public List<TacheInstruction> taches(
      @PathParam("id") UUID id, @Context SecurityContext securite) {
    return dossiers.taches(Appelant.de(securite), id);
  }

  private static URI adresse(UriInfo uri, Dossier d) {
    return uri.getBaseUriBuilder().path("dossiers").path(d.id().toString()).build();
  }

  private DossierVue vue(UriInfo uri, Dossier d) {
    return DossierVue.de(d, dossiers.piecesAttendues(d), URI.create(adresse(uri, d) + "/"));
  }

  @PUT
  @Tag(name = "Pièces")
  @Path("{id}/pieces/{code}")
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
      InputStream contenu,
      @Context SecurityContext securite,
      @Context UriInfo uri)
      throws IOException {
    PieceJointe piece =
        pieces.recevoir(
            Appelant.de(securite), id, code, nomFichier(disposition), CorpsDeRequete.de(contenu));
    URI base = uri.getBaseUriBuilder().path("dossiers").path(id.toString()).path("/").build();
    return Response.created(base.resolve("pieces/" + piece.code()))
        .type(MediaType.APPLICATION_JSON)
        .entity(DossierVue.PieceVue.de(piece, base))
        .build();
  }

  @POST
  @Tag(name = "Pièces")
  @Path("{id}/pieces")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces({MediaType.APPLICATION_JSON, Probleme.MEDIA_TYPE})
  @Operation(
      summary = "Joindre plusieurs pièces en une requête",
      description =
          "multipart/form-data : une partie par fichier, nommée par le code de la pièce (name=\"PCMI1\"),"
              + " le nom du fichier dans filename. Chaque fichier est lu en flux et vérifié comme par"
              + " PUT /pieces/{code} ; ceux qui sont acceptés sont joints ensemble, chacun remplaçant la"
              + " pièce de même code. Au plus "
              + PieceService.FICHIERS_PAR_ENVOI_MAX
              + " fichiers par requête.")
  @APIResponse(responseCode = "200", description = "Tous les fichiers reçus, vérifiés et joints")
  @APIResponse(
      responseCode = "422",
      description =
          "Des fichiers refusés, chacun avec son rang, son code et son type de problème ; les autres"
              + " sont joints (liste pieces)")
  @APIResponse(
      responseCode = "400",
      description =
          "Corps multipart mal formé ou interrompu ; les fichiers reçus en entier avant l'erreur sont"
              + " joints")
  public Response joindrePlusieurs(
      @PathParam("id") UUID id,
      @Context HttpHeaders entetes,
      InputStream corps,
      @Context SecurityContext securite,
      @Context UriInfo uri)
      throws IOException {
    String boundary = entetes.getMediaType().getParameters().get("boundary");
    PieceService.ReceptionGroupee recue =
        pieces.recevoirPlusieurs(
            Appelant.de(securite),
            id,
            CorpsDeRequete.de(corps),
            flux -> new LecteurMultipart(flux, boundary));
    URI base = uri.getBaseUriBuilder().path("dossiers").path(id.toString()).path("/").build();
    List<DossierVue.PieceVue> jointes =
        recue.jointes().stream().map(p -> DossierVue.PieceVue.de(p, base)).toList();
    if (recue.refus().isEmpty()) {
      return Response.ok(new EnvoiGroupeVue(jointes)).type(MediaType.APPLICATION_JSON).build();
    }
    int total = jointes.size() + recue.refus().size();
    return Probleme.de(
            "pieces-refusees",
            "Pièces refusées",
            422,
            recue.refus().size()
                + (recue.refus().size() == 1 ? " fichier refusé" : " fichiers refusés")
                + " sur "
                + total
                + " ; "
                + (jointes.isEmpty()
                    ? "aucun n'est joint."
                    : jointes.size()
                        + (jointes.size() == 1 ? " est joint" : " sont joints")
                        + " au dossier (liste pieces). Renvoyez les seuls fichiers refusés,"
                        + " corrigés."))
        .pour(URI.create(uri.getRequestUri().getRawPath()))
        .avecEnvoi(
            jointes,
            recue.refus().stream()
                .map(
                    r ->
                        new Probleme.RefusVue(
                            r.rang(),
                            r.code(),
                            r.nomFichier(),
                            URI.create(Probleme.BASE + r.type()),
                            r.titre(),
                            r.detail()))
                .toList())
        .reponse()
        .build();
  }

  /** The pièces joined by a grouped upload, in the order sent. */
  public record EnvoiGroupeVue(List<DossierVue.PieceVue> pieces) {}

  @PUT
  @Tag(name = "Pièces")
  @Path("{id}/pieces-complementaires/{code}")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Joindre une pièce complémentaire demandée",
      description =
          "Réponse à la demande de pièces complémentaires (R423-38) : seules les pièces demandées sont"
              + " acceptées, vérifiées comme au dépôt ; elles s'ajoutent aux pièces déposées sans les"
              + " remplacer. Un second envoi du même code remplace la pièce complémentaire jusqu'à la"
              + " transmission.")
  @APIResponse(responseCode = "201", description = "Pièce reçue, vérifiée et conservée")
  @APIResponse(responseCode = "409", description = "Aucune demande de pièces en cours")
  @APIResponse(responseCode = "422", description = "Fichier refusé ou pièce non demandée")
  public Response joindreComplement(
      @PathParam("id") UUID id,
      @PathParam("code") String code,
      @HeaderParam("Content-Disposition") String disposition,
      InputStream contenu,
      @Context SecurityContext securite,
      @Context UriInfo uri)
      throws IOException {
    PieceJointe piece =
        pieces.recevoirComplement(
            Appelant.de(securite), id, code, nomFichier(disposition), CorpsDeRequete.de(contenu));
    URI base = uri.getBaseUriBuilder().path("dossiers").path(id.toString()).path("/").build();
    return Response.created(base.resolve("pieces-complementaires/" + piece.code()))
        .type(MediaType.APPLICATION_JSON)
        .entity(DossierVue.PieceVue.de(piece, base))
        .build();
  }

  @POST
  @Tag(name = "Pièces")
  @Path("{id}/pieces-complementaires")
  @Operation(
      summary = "Transmettre les pièces complémentaires",
      description =
          "Transmet la réponse complète à la demande de pièces : le délai d'instruction court à nouveau à"
              + " compter de ce jour (R423-39). Toutes les pièces demandées doivent avoir été jointes.")
  @APIResponse(
      responseCode = "200",
      description = "Pièces reçues ; le dossier avec ses nouvelles dates")
  @APIResponse(responseCode = "409", description = "Aucune demande de pièces en cours")
  @APIResponse(responseCode = "422", description = "Pièces demandées encore manquantes, nommées")
  public DossierVue transmettreComplements(
      @PathParam("id") UUID id, @Context SecurityContext securite, @Context UriInfo uri) {
    instruction.transmettrePiecesComplementaires(Appelant.de(securite), id);
    return vue(uri, dossiers.consulter(Appelant.de(securite), id));
  }

  @PUT
  @Tag(name = "Pièces")
  @Path("{id}/consultations/{service}/document")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Joindre le document d'un avis",
      description =
          "Le courrier d'avis d'un service consulté (R423-50), vérifié comme une pièce : par un agent du"
              + " service ou par le service instructeur qui l'a reçu. Un second envoi le remplace.")
  @APIResponse(responseCode = "201", description = "Document reçu, vérifié et conservé")
  @APIResponse(responseCode = "403", description = "Ni agent du service consulté ni instructeur")
  @APIResponse(responseCode = "422", description = "Fichier refusé ou service non consulté")
  public Response joindreDocumentAvis(
      @PathParam("id") UUID id,
      @PathParam("service") String service,
      @HeaderParam("Content-Disposition") String disposition,
      InputStream contenu,
      @Context SecurityContext securite,
      @Context UriInfo uri)
      throws IOException {
    PieceJointe document =
        pieces.recevoirDocumentAvis(
            Appelant.de(securite), id, service, nomFichier(disposition), contenu);
    URI base = uri.getBaseUriBuilder().path("dossiers").path(id.toString()).path("/").build();
    URI adresse = base.resolve("consultations/" + service + "/document");
    return Response.created(adresse)
        .type(MediaType.APPLICATION_JSON)
        .entity(
            new DossierVue.PieceVue(
                document.code(),
                document.nomFichier(),
                document.taille(),
                document.typeMedia(),
                document.empreinte().sha256(),
                document.empreinte().sha512(),
                document.pages().orElse(null),
                document.recueLe(),
                adresse))
        .build();
  }

  @GET
  @Path("{id}/consultations/{service}/document")
  @Produces(MediaType.WILDCARD)
  @Tag(name = "Pièces")
  @Operation(summary = "Télécharger le document d'un avis, octet pour octet")
  public Response documentAvis(
      @PathParam("id") UUID id,
      @PathParam("service") String service,
      @Context SecurityContext securite) {
    Dossier dossier = dossiers.consulter(Appelant.de(securite), id);
    PieceJointe document =
        dossier.consultations().stream()
            .filter(c -> c.serviceCode().equals(service))
            .reduce((a, b) -> b)
            .flatMap(c -> c.document())
            .orElseThrow(NotFoundException::new);
    return fichier(
        document.empreinte(), document.typeMedia(), document.nomFichier(), document.taille());
  }

  @GET
  @Path("{id}/pieces-complementaires/{code}")
  @Produces(MediaType.WILDCARD)
  @Tag(name = "Pièces")
  @Operation(summary = "Télécharger une pièce complémentaire, octet pour octet")
  public Response pieceComplementaire(
      @PathParam("id") UUID id, @PathParam("code") String code, @Context SecurityContext securite) {
    Dossier dossier = dossiers.consulter(Appelant.de(securite), id);
    PieceJointe piece = dossier.pieceComplementaire(code).orElseThrow(NotFoundException::new);
    return fichier(piece.empreinte(), piece.typeMedia(), piece.nomFichier(), piece.taille());
  }

  @GET
  @Path("{id}/pieces/{code}")
  @Produces(MediaType.WILDCARD)
  @Tag(name = "Pièces")
  @Operation(summary = "Télécharger une pièce, octet pour octet")
  public Response piece(
      @PathParam("id") UUID id, @PathParam("code") String code, @Context SecurityContext securite) {
    Dossier dossier = dossiers.consulter(Appelant.de(securite), id);
    PieceJointe piece = dossier.piece(code).orElseThrow(NotFoundException::new);
    return fichier(piece.empreinte(), piece.typeMedia(), piece.nomFichier(), piece.taille());
  }

  @GET
  @Path("{id}/projet-arrete")
  @Produces(MediaType.WILDCARD)
  @Tag(name = "Pièces")
  @Operation(
      summary = "Lire le projet d'arrêté avant signature",
      description =
          "Le projet non signé de la décision proposée, pour le maire de la commune et le service"
              + " instructeur seulement.")
  public Response projetArrete(@PathParam("id") UUID id, @Context SecurityContext securite) {
    byte[] pdf = signature.projet(Appelant.de(securite), id);
    return Response.ok(pdf, "application/pdf")
        .header("Content-Disposition", "inline; filename=\"projet-arrete.pdf\"")
        .build();
  }

  @GET
  @Path("{id}/documents/{type}")
  @Produces("application/pdf")
  @Tag(name = "Pièces")
  @Operation(summary = "Télécharger un document émis : accuse-enregistrement, recepisse")
  public Response document(
      @PathParam("id") UUID id, @PathParam("type") String type, @Context SecurityContext securite) {
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
