package fr.parcelle.interfaces.rest;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The platform API. Its classes are listed here, not scanned, so that exactly one JSON mapping
 * (Jackson, configured by {@link JacksonConfiguration}) and our own problem+json mappers serve it.
 */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Parcelle API",
            version = "1",
            description =
                "Dépôt et instruction des demandes d'autorisation d'urbanisme. Erreurs au format RFC 9457"
                    + " (application/problem+json). Tout appel s'identifie, sauf le simulateur public"
                    + " GET /simulations/delai.",
            license = @License(name = "EUPL-1.2")),
    security = @SecurityRequirement(name = "basic"))
@SecurityScheme(
    securitySchemeName = "basic",
    type = SecuritySchemeType.HTTP,
    scheme = "basic",
    description = "Comptes de la plateforme (en attendant FranceConnect et ProConnect).")
public class ParcelleApi extends Application {

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        JacksonJsonProvider.class,
        JacksonConfiguration.class,
        AuthentificationBasique.class,
        EnTetesDeSecurite.class,
        LimiteJson.class,
        ProblemeMappers.WebApplication.class,
        ProblemeMappers.JsonIllisible.class,
        ProblemeMappers.JsonSyntaxe.class,
        ProblemeMappers.JsonForme.class,
        ProblemeMappers.DonneesInvalides.class,
        ProblemeMappers.DossierIntrouvable.class,
        ProblemeMappers.AccesRefuse.class,
        ProblemeMappers.OperationImpossible.class,
        ProblemeMappers.DemandeRefusee.class,
        ProblemeMappers.PieceRefusee.class,
        ProblemeMappers.ServiceSature.class,
        ProblemeMappers.TeleversementLimite.class,
        ProblemeMappers.MultipartIllisible.class,
        ProblemeMappers.EnvoiInterrompu.class,
        ProblemeMappers.Inattendue.class,
        DossierResource.class,
        MoiResource.class,
        InspectionResource.class,
        RegistreResource.class,
        ReferentielResource.class,
        SimulationResource.class,
        StockageResource.class,
        fr.parcelle.interfaces.rest.journal.JournalResource.class,
        fr.parcelle.interfaces.rest.journal.JournalDossierResource.class,
        fr.parcelle.interfaces.rest.journal.AccesDossiersFiltre.class);
  }

  @Override
  public Map<String, Object> getProperties() {
    // Jersey would otherwise add JSON-B (Yasson) beside Jackson.
    return Map.of(
        "jersey.config.server.disableJsonBinding", true,
        "jersey.config.server.disableMoxyJson", true,
        "jersey.config.server.wadl.disableWadl", true);
  }
}
