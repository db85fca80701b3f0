package fr.parcelle.interfaces.rest;

import fr.parcelle.application.MenageService;
import fr.parcelle.domain.port.MenageStockage;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The document store's housekeeping, for administrators. */
@Path("stockage")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stockage", description = "Conservation des pièces et documents")
public class StockageResource {

  @Inject MenageService menage;
  @Context SecurityContext securite;

  @POST
  @Path("menage")
  @Operation(
      summary = "Faire le ménage du stockage maintenant",
      description =
          "Met en corbeille les contenus qu'aucune pièce, aucun document, aucun avis ni aucune"
              + " entrée du journal ne nomme plus, écrits depuis plus que le délai de grâce ;"
              + " supprime de la corbeille ce qui y est depuis plus que la durée de rétention et"
              + " n'est toujours nommé par rien (remis en place sinon) ; supprime les fichiers"
              + " temporaires abandonnés. Le même passage a lieu chaque jour sur chaque nœud.")
  @APIResponse(responseCode = "200", description = "Bilan du passage")
  @APIResponse(responseCode = "403", description = "Réservé aux administrateurs")
  @APIResponse(responseCode = "409", description = "Un passage est déjà en cours")
  public MenageStockage.Bilan menage() {
    return menage.passer(Appelant.de(securite));
  }
}
