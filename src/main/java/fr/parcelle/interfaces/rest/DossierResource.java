package fr.parcelle.interfaces.rest;

import fr.parcelle.application.DemandeDossier;
import fr.parcelle.application.Depot;
import fr.parcelle.application.DonneesInvalidesException;
import fr.parcelle.application.DossierService;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.port.InstructionWorkflow.TacheInstruction;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dossiers: draft, reading, deposit. */
@Path("dossiers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dossiers", description = "Demandes d'autorisation d'urbanisme")
public class DossierResource {

  @Inject DossierService dossiers;
  @Context SecurityContext securite;
  @Context UriInfo uri;

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
  public Response creer(DemandeDossier corps) {
    if (corps == null) {
      throw new DonneesInvalidesException(
          List.of(
              new DonneesInvalidesException.ChampInvalide("", "Le corps de la requête est vide.")));
    }
    Dossier dossier = dossiers.creerBrouillon(Appelant.de(securite), corps);
    return Response.created(adresse(dossier)).entity(vue(dossier)).build();
  }

  @GET
  @Operation(summary = "Mes dossiers (déposés par moi ou me nommant comme demandeur)")
  public List<DossierVue> mesDossiers() {
    return dossiers.mesDossiers(Appelant.de(securite)).stream().map(this::vue).toList();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Consulter un dossier : pièces, pièces manquantes, numéro et dates légales")
  @APIResponse(responseCode = "404", description = "Dossier inexistant ou inaccessible")
  public DossierVue consulter(@PathParam("id") UUID id) {
    return vue(dossiers.consulter(Appelant.de(securite), id));
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
          String cle) {
    if (cle != null && (cle.isBlank() || cle.length() > 128)) {
      throw new DonneesInvalidesException(
          List.of(
              new DonneesInvalidesException.ChampInvalide(
                  "Idempotency-Key", "Clé vide ou trop longue.")));
    }
    Depot depot = dossiers.deposer(Appelant.de(securite), id, cle);
    DossierVue vue = vue(depot.dossier());
    return (depot.rejoue()
            ? Response.ok(vue)
            : Response.created(adresse(depot.dossier())).entity(vue))
        .build();
  }

  @GET
  @Path("{id}/taches")
  @Operation(summary = "Tâches d'instruction ouvertes du dossier")
  public List<TacheInstruction> taches(@PathParam("id") UUID id) {
    return dossiers.taches(Appelant.de(securite), id);
  }

  private URI adresse(Dossier d) {
    return uri.getBaseUriBuilder().path("dossiers").path(d.id().toString()).build();
  }

  private DossierVue vue(Dossier d) {
    return DossierVue.de(d, dossiers.piecesAttendues(d), URI.create(adresse(d) + "/"));
  }
}
