package fr.parcelle.interfaces.rest;

import fr.parcelle.application.securite.Utilisateur;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who the caller is, as the platform sees them. */
@Path("moi")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identité")
public class MoiResource {

  @Context SecurityContext securite;

  /** The caller's login, name, roles and groups. */
  public record Moi(String login, String nom, Set<String> roles, Set<String> groupes) {}

  @GET
  @Operation(summary = "Utilisateur connecté, ses rôles et ses groupes")
  public Moi moi() {
    Utilisateur u = Appelant.de(securite);
    Set<String> roles = new TreeSet<>();
    u.roles().forEach(r -> roles.add(r.name()));
    return new Moi(u.login(), u.nomAffiche(), roles, new TreeSet<>(u.groupes()));
  }
}
