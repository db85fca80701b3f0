package fr.parcelle.interfaces.rest.journal;

import fr.parcelle.application.journal.JournalService;
import fr.parcelle.domain.model.journal.RapportVerification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The whole journal's verification, for administrators. */
@Path("journal")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Journal", description = "Journal infalsifiable des actes et des accès")
public class JournalResource {

  @Inject JournalService journal;
  @Context SecurityContext securite;

  @GET
  @Path("verification")
  @Operation(
      summary = "Vérifier toute la chaîne du journal",
      description =
          "Parcourt le journal dans l'ordre et signale le premier maillon rompu : entrée modifiée,"
              + " supprimée (trou dans la séquence), insérée ou déplacée (chaînage), fin de chaîne"
              + " différente de la tête enregistrée.")
  @APIResponse(responseCode = "200", description = "Rapport : intact, ou la première rupture")
  @APIResponse(responseCode = "403", description = "Réservé aux administrateurs")
  public RapportVerification verification() {
    return journal.verifier(Appelants.exige(securite));
  }
}
