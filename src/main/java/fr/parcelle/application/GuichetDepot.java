package fr.parcelle.application;

import fr.parcelle.application.securite.Utilisateur;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The counter where deposits queue: at most a few deposit transactions at once, waiting their turn
 * before any database connection is taken. Deposits of one series serialise on its number anyway;
 * without this bound, 50 simultaneous deposits exhausted the connection pool (seen in
 * DepotEnLigneIT) instead of queuing.
 */
@ApplicationScoped
public class GuichetDepot {

  private final DossierService dossiers;
  private final Semaphore places;
  private final long attenteSecondes;

  @Inject
  public GuichetDepot(
      DossierService dossiers,
      @ConfigProperty(name = "parcelle.depot.simultanes", defaultValue = "8") int simultanes,
      @ConfigProperty(name = "parcelle.depot.attente-secondes", defaultValue = "60")
          long attenteSecondes) {
    this.dossiers = dossiers;
    this.places = new Semaphore(simultanes, true);
    this.attenteSecondes = attenteSecondes;
  }

  /** CDI proxy constructor. */
  protected GuichetDepot() {
    this.dossiers = null;
    this.places = null;
    this.attenteSecondes = 0;
  }

  public Depot deposer(Utilisateur u, UUID id, String cleIdempotence) {
    boolean place;
    try {
      place = places.tryAcquire(attenteSecondes, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceSatureException();
    }
    if (!place) {
      throw new ServiceSatureException();
    }
    try {
      return dossiers.deposer(u, id, cleIdempotence);
    } finally {
      places.release();
    }
  }
}
