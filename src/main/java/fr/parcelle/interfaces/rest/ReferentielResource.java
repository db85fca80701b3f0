package fr.parcelle.interfaces.rest;

import fr.parcelle.application.DonneesInvalidesException;
import fr.parcelle.application.DonneesInvalidesException.ChampInvalide;
import fr.parcelle.application.GuideDepot;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the applicants' portal shows before a dossier exists: the choices of its forms, the guide
 * that tells which form the works call for, and the pièces of a kind, each explained.
 */
@Path("referentiel")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Référentiel", description = "Choix offerts au demandeur et guide de la formalité")
public class ReferentielResource {

  private static final Set<String> PARAMETRES_GUIDE =
      Set.of(
          "travaux",
          "surfaceCreeeM2",
          "surfaceTotaleApresM2",
          "zoneUrbaine",
          "secteurProtege",
          "maisonIndividuelle",
          "modifieStructureOuFacade",
          "equipementsCommuns",
          "contraintes");

  @Inject GuideDepot guide;

  @Context UriInfo uri;

  @GET
  @Operation(summary = "Types de dossier, contraintes et communes servies")
  public GuideDepot.Choix choix() {
    return guide.choix();
  }

  @GET
  @Path("pieces")
  @Operation(summary = "Pièces d'un type de dossier pour ces contraintes, chacune expliquée")
  @APIResponse(responseCode = "422", description = "Type ou contrainte inconnus")
  public List<GuideDepot.PieceExpliquee> pieces(
      @QueryParam("type") String type, @QueryParam("contraintes") String contraintes) {
    return guide.pieces(type, contraintes);
  }

  @GET
  @Path("formalite")
  @Operation(
      summary = "Quelle formalité pour ces travaux ?",
      description =
          "Le guide du dépôt : travaux (CU_INFORMATION, CU_OPERATIONNEL, CONSTRUCTION_NOUVELLE, EXTENSION,"
              + " CHANGEMENT_DESTINATION, ASPECT_EXTERIEUR, DEMOLITION, LOTISSEMENT), surfaceCreeeM2,"
              + " surfaceTotaleApresM2, zoneUrbaine, secteurProtege, maisonIndividuelle,"
              + " modifieStructureOuFacade, equipementsCommuns (true/false), contraintes (codes séparés par"
              + " des virgules). Répond la formalité avec son article et son explication, le recours"
              + " obligatoire à un architecte (R431-2) et les pièces à joindre, chacune expliquée.")
  @APIResponse(
      responseCode = "422",
      description = "Paramètre absent, inconnu ou invalide (chacun nommé)")
  public GuideDepot.Conseil formalite() {
    Map<String, String> parametres = new HashMap<>();
    List<ChampInvalide> inconnus = new java.util.ArrayList<>();
    uri.getQueryParameters()
        .forEach(
            (nom, valeurs) -> {
              if (!PARAMETRES_GUIDE.contains(nom)) {
                inconnus.add(
                    new ChampInvalide(
                        nom.length() > 40 ? nom.substring(0, 40) : nom, "Paramètre inconnu."));
              } else if (!valeurs.isEmpty()) {
                parametres.put(nom, valeurs.get(0));
              }
            });
    if (!inconnus.isEmpty()) {
      throw new DonneesInvalidesException(inconnus);
    }
    return guide.orienter(parametres);
  }
}
