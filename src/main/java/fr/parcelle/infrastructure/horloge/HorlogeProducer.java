package fr.parcelle.infrastructure.horloge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.ZoneId;

/** Legal dates are French dates: the clock of the application runs in Europe/Paris. */
@ApplicationScoped
public class HorlogeProducer {

  public static final ZoneId FUSEAU_LEGAL = ZoneId.of("Europe/Paris");

  @Produces
  @ApplicationScoped
  Clock horloge() {
    return Clock.system(FUSEAU_LEGAL);
  }
}
