package fr.parcelle.infrastructure.horloge;

import fr.parcelle.domain.model.delai.CalendrierJuridique;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Legal time: the clock of the application runs in Europe/Paris, and the délai calculator is
 * configured here.
 */
@ApplicationScoped
public class HorlogeProducer {

  public static final ZoneId FUSEAU_LEGAL = ZoneId.of("Europe/Paris");

  @Inject
  @ConfigProperty(name = "parcelle.delais.prorogation-jour-ouvre", defaultValue = "false")
  boolean prorogationJourOuvre;

  @Produces
  @ApplicationScoped
  Clock horloge() {
    return Clock.system(FUSEAU_LEGAL);
  }

  /**
   * The délai calculator, with the open rule on non-working days set by configuration (off by
   * default); immutable and final, hence produced without a normal scope (no client proxy).
   */
  @Produces
  CalendrierJuridique calendrier() {
    return new CalendrierJuridique(prorogationJourOuvre);
  }
}
