package fr.parcelle.interfaces.rest;

import fr.parcelle.application.RegistrePublic;
import fr.parcelle.application.RegistrePublic.Entree;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public register of a commune (avis de dépôt and decisions), as JSON or as a page. */
@Path(RegistreResource.CHEMIN)
@RequestScoped
@Tag(name = "Registre public", description = "Avis de dépôt et décisions d'une commune")
public class RegistreResource {

  static final String CHEMIN = "communes/{insee}/registre";

  /**
   * Exactly the register's path, encoded, for the authentication filter: five-character INSEE
   * codes.
   */
  static final Pattern CHEMIN_PUBLIC = Pattern.compile("communes/[0-9][0-9AB][0-9]{3}/registre");

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRANCE);

  @Inject RegistrePublic registre;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @SecurityRequirements
  @Operation(
      summary = "Registre public d'une commune",
      description =
          "Dossiers dont l'avis de dépôt est publié et leurs décisions, avec ce que la loi rend public"
              + " seulement (nom du demandeur, adresse du terrain, nature des travaux, surfaces,"
              + " décision et date). Public ; 50 par page, les plus récents d'abord.")
  public List<Entree> json(
      @PathParam("insee") String insee, @QueryParam("page") @DefaultValue("0") int page) {
    return registre.registre(insee, page).orElseThrow(NotFoundException::new);
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @SecurityRequirements
  @Operation(summary = "Registre public d'une commune, en page web")
  public String html(
      @PathParam("insee") String insee, @QueryParam("page") @DefaultValue("0") int page) {
    List<Entree> entrees = registre.registre(insee, page).orElseThrow(NotFoundException::new);
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">")
        .append("<title>Registre des autorisations d'urbanisme — ")
        .append(echapper(insee))
        .append("</title></head><body><main><h1>Registre des autorisations d'urbanisme</h1>")
        .append("<p>Commune ")
        .append(echapper(insee))
        .append(
            " : avis de dépôt et décisions (articles R423-6 et R424-15 du code de l'urbanisme).</p>")
        .append("<table><caption>Dossiers, les plus récents d'abord</caption><thead><tr>")
        .append("<th scope=\"col\">Dossier</th><th scope=\"col\">Nature</th>")
        .append("<th scope=\"col\">Demandeur</th><th scope=\"col\">Terrain</th>")
        .append("<th scope=\"col\">Travaux</th><th scope=\"col\">Surface créée (m²)</th>")
        .append("<th scope=\"col\">Avis de dépôt</th><th scope=\"col\">Décision</th>")
        .append("</tr></thead><tbody>");
    for (Entree e : entrees) {
      h.append("<tr><td>")
          .append(echapper(e.numero()))
          .append("</td><td>")
          .append(echapper(e.nature()))
          .append("</td><td>")
          .append(echapper(e.demandeurs()))
          .append("</td><td>")
          .append(echapper(e.adresseTerrain()))
          .append("</td><td>")
          .append(echapper(e.travaux()))
          .append("</td><td>")
          .append(
              e.surfacePlancherCreeeM2() == null ? "" : e.surfacePlancherCreeeM2().toPlainString())
          .append("</td><td>")
          .append(date(e.dateAvisDepot()))
          .append("</td><td>")
          .append(
              e.decision() == null
                  ? "en cours d'instruction"
                  : echapper(e.decision()) + " le " + date(e.dateDecision()))
          .append("</td></tr>");
    }
    h.append("</tbody></table></main></body></html>");
    return h.toString();
  }

  private static String date(LocalDate d) {
    return d == null ? "" : DATE.format(d);
  }

  static String echapper(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
