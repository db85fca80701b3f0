package fr.parcelle.interfaces.rest;

import fr.parcelle.application.SimulationDelais;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Public simulators, open without an account: the portal shows them before sign-in. {@link
 * AuthentificationBasique} lets exactly {@code GET simulations/delai} through.
 */
@Path("simulations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Simulations", description = "Simulateurs publics, sans identification")
public class SimulationResource {

  static final String CHEMIN_DELAI = "simulations/delai";

  @Inject SimulationDelais simulation;

  @GET
  @Path("delai")
  @SecurityRequirements
  @Operation(
      summary = "Simuler le délai d'instruction et la décision tacite",
      description =
          "Pour un dossier complet au dépôt : délai de droit commun, majorations que le projet appelle (toutes"
              + " retenues), date de fin du délai, date et nature de la décision tacite, chacun avec son article."
              + " Sans identification. Sans communeInsee, seuls les jours fériés nationaux comptent (prorogation"
              + " au jour ouvré si la plateforme l'applique).")
  @APIResponse(
      responseCode = "200",
      description = "Le délai simulé",
      content = @Content(schema = @Schema(implementation = DelaiSimule.class)))
  @APIResponse(
      responseCode = "422",
      description =
          "Paramètre absent, inconnu ou invalide (chacun nommé), ou date sans règle en vigueur")
  public DelaiSimule delai(
      @Parameter(description = "CUa, CUb, DP, PCMI, PC, PA ou PD", required = true)
          @QueryParam("type")
          String type,
      @Parameter(description = "Date de dépôt envisagée, AAAA-MM-JJ", required = true)
          @QueryParam("dateDepot")
          String dateDepot,
      @Parameter(
              description =
                  "Contraintes du projet, paramètre répété (codes de referentiel/contraintes.csv : SPR,"
                      + " ABORDS_MH, MH_INSCRIT, SITE_CLASSE, SITE_INSCRIT, ERP, DEFRICHEMENT,"
                      + " EVALUATION_ENVIRONNEMENTALE…)")
          @QueryParam("contraintes")
          List<String> contraintes,
      @Parameter(description = "Code INSEE d'une commune servie, pour les jours fériés locaux")
          @QueryParam("communeInsee")
          String communeInsee) {
    return DelaiSimule.de(simulation.simuler(type, dateDepot, contraintes, communeInsee));
  }
}
