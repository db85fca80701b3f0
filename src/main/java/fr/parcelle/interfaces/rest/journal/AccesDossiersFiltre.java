package fr.parcelle.interfaces.rest.journal;

import fr.parcelle.application.journal.AppelantCourant;
import fr.parcelle.application.journal.JournalService;
import fr.parcelle.application.securite.Utilisateur;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Journals every successful read of a dossier by an agent (instructor, maire, consulted service,
 * administrator): the dossier itself, a pièce, a document, the tasks, the journal. Done here,
 * around every {@code GET dossiers/{id}…} (API credentials or the webapps' session), so that a new
 * read endpoint is covered without anyone remembering it, only reads the access rules allowed (2xx)
 * are recorded, and the entry is written before the first byte of a file leaves. A read whose
 * access cannot be journalled fails.
 *
 * <p>It also names the caller for the journal of what the request changes ({@link
 * AppelantCourant}).
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccesDossiersFiltre implements ContainerRequestFilter, ContainerResponseFilter {

  private static final Pattern LECTURE =
      Pattern.compile(
          "^/?dossiers/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(/.*)?$");

  @Inject JournalService journal;
  @Inject AppelantCourant appelant;

  @Override
  public void filter(ContainerRequestContext requete) {
    Appelants.de(requete.getSecurityContext()).ifPresent(u -> appelant.identifier(u.login()));
  }

  @Override
  public void filter(ContainerRequestContext requete, ContainerResponseContext reponse) {
    if (!"GET".equals(requete.getMethod())
        || reponse.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
      return;
    }
    Utilisateur u = Appelants.de(requete.getSecurityContext()).orElse(null);
    if (u == null || !JournalService.estAgent(u)) {
      return;
    }
    Matcher m = LECTURE.matcher(requete.getUriInfo().getPath());
    if (m.matches()) {
      String suite = m.group(2);
      String objet = suite == null || suite.equals("/") ? "dossier" : suite.substring(1);
      journal.noterAcces(u, UUID.fromString(m.group(1)), objet);
    }
  }
}
