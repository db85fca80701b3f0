package fr.parcelle.interfaces.rest;

import fr.parcelle.domain.port.DocumentInspector;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Tells an applicant, before filing, what a file really is (detected from its bytes, never from its
 * name) and whether the platform accepts that format. Nothing is stored.
 */
@Path("inspections")
@RequestScoped
@Tag(name = "Pièces")
public class InspectionResource {

  @Inject DocumentInspector inspecteur;
  @Context SecurityContext securite;

  /** Result of an inspection. */
  public record Resultat(String typeMedia, boolean formatAccepte) {}

  @POST
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Détecter le format réel d'un fichier (PDF, JPEG, PNG acceptés)")
  public Resultat inspecter(InputStream contenu) throws IOException {
    Appelant.de(securite);
    String type = inspecteur.detecter(contenu);
    return new Resultat(type, DocumentInspector.formatAccepte(type));
  }
}
