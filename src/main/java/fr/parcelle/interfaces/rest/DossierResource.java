package fr.parcelle.interfaces.rest;

import fr.parcelle.application.DonneesInvalidesException;
import fr.parcelle.application.DossierService;
import fr.parcelle.application.NouveauDossier;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.port.InstructionWorkflow.TacheInstruction;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dossiers: draft, deposit, reading. */
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
  @Operation(summary = "Créer un dossier en brouillon")
  @APIResponse(responseCode = "201", description = "Brouillon créé")
  @APIResponse(responseCode = "422", description = "Données invalides (chaque champ nommé)")
  public Response creer(CreationDossier corps) {
    if (corps == null) {
      throw new DonneesInvalidesException(
          List.of(
              new DonneesInvalidesException.ChampInvalide("", "Le corps de la requête est vide.")));
    }
    String nom =
        corps.demandeurs() == null || corps.demandeurs().isEmpty()
            ? null
            : corps.demandeurs().getFirst().nom();
    String description = corps.projet() == null ? null : corps.projet().description();
    Dossier dossier =
        dossiers.creerBrouillon(
            Appelant.de(securite),
            new NouveauDossier(corps.type(), corps.communeInsee(), nom, description));
    return Response.created(uri.getAbsolutePathBuilder().path(dossier.id().toString()).build())
        .entity(DossierVue.de(dossier))
        .build();
  }

  @GET
  @Operation(summary = "Mes dossiers")
  public List<DossierVue> mesDossiers() {
    return dossiers.mesDossiers(Appelant.de(securite)).stream().map(DossierVue::de).toList();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Consulter un dossier")
  @APIResponse(responseCode = "404", description = "Dossier inexistant ou inaccessible")
  public DossierVue consulter(@PathParam("id") UUID id) {
    return DossierVue.de(dossiers.consulter(Appelant.de(securite), id));
  }

  @POST
  @Path("{id}/depot")
  @Operation(
      summary = "Déposer le dossier",
      description =
          "Attribue le numéro légal (A423-1 à A423-4) et démarre l'instruction, dans une même transaction.")
  @APIResponse(responseCode = "200", description = "Dossier déposé")
  @APIResponse(responseCode = "409", description = "Dossier déjà déposé")
  public DossierVue deposer(@PathParam("id") UUID id) {
    return DossierVue.de(dossiers.deposer(Appelant.de(securite), id));
  }

  @GET
  @Path("{id}/taches")
  @Operation(summary = "Tâches d'instruction ouvertes du dossier")
  public List<TacheInstruction> taches(@PathParam("id") UUID id) {
    return dossiers.taches(Appelant.de(securite), id);
  }
}
