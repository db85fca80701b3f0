package fr.parcelle.interfaces.rest.journal;

import fr.parcelle.application.journal.JournalService;
import fr.parcelle.application.journal.JournalService.ExportJournal;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A dossier's journal, exported for a court or an audit. */
@Path("dossiers/{id}/journal")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Journal")
public class JournalDossierResource {

  static final String REGLE =
      "hash = SHA-256 (hexadécimal) de la concaténation, pour chaque champ dans l'ordre sequence,"
          + " instant, type, dossierId, dossierNumero, acteur, charge, hashPrecedent, de : longueur"
          + " en octets UTF-8, ':', valeur, saut de ligne (valeur absente : chaîne vide). La première"
          + " entrée du journal a pour hashPrecedent 64 zéros ; chaque entrée a pour hashPrecedent le"
          + " hash de l'entrée de séquence précédente (entrées d'autres dossiers comprises).";

  @Inject JournalService journal;
  @Context SecurityContext securite;

  @GET
  @Operation(
      summary = "Exporter le journal d'un dossier",
      description =
          "Les actes et les accès du dossier, avec leurs empreintes chaînées, pour un tribunal ou un"
              + " audit : administrateurs et service instructeur du dossier.")
  @APIResponse(responseCode = "200", description = "Entrées du dossier et tête du journal")
  @APIResponse(responseCode = "403", description = "Ni administrateur ni instructeur du dossier")
  @APIResponse(responseCode = "404", description = "Dossier inexistant ou inaccessible")
  public Export exporter(@PathParam("id") UUID id) {
    ExportJournal e = journal.exporter(Appelants.exige(securite), id);
    return new Export(
        e.dossierId(),
        e.numero(),
        "SHA-256",
        REGLE,
        e.entrees().stream().map(EntreeVue::de).toList(),
        e.sequenceDeTete(),
        e.hashDeTete());
  }

  /** The export's body. */
  public record Export(
      UUID dossierId,
      String numero,
      String algorithme,
      String formeCanonique,
      List<EntreeVue> entrees,
      long sequenceDeTete,
      String hashDeTete) {}
}
