package fr.parcelle.infrastructure.storage;

import fr.parcelle.domain.port.DocumentStore;
import fr.parcelle.domain.port.MenageStockage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Runs the {@link MenageDuStockage} on every node: a first pass some minutes after start-up (not
 * during it), then one a day, by a non-persistent EJB timer, outside any transaction (a pass walks
 * the whole store). The nodes' passes never overlap (the advisory lock of {@link
 * MenageDuStockage}). The store's dates are real time, so the pass reads the system clock, never
 * the platform's legal clock (which tests and demos may move).
 *
 * <p>Configuration: {@code parcelle.storage.sweep.enabled} (true), {@code
 * parcelle.storage.sweep.grace-hours} (24), {@code parcelle.storage.sweep.trash-retention-days}
 * (7), {@code parcelle.storage.sweep.first-delay-minutes} (15), {@code
 * parcelle.storage.sweep.interval-hours} (24).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MenageProgramme implements MenageStockage {

  private static final Logger LOG = Logger.getLogger(MenageProgramme.class.getName());

  @Resource(lookup = "java:app/jdbc/parcelle")
  DataSource source;

  @Resource TimerService timers;

  @Inject DocumentStore stockage;

  @Inject Config config;

  private MenageDuStockage menage;
  private final AtomicBoolean enCours = new AtomicBoolean();

  @PostConstruct
  void programmer() {
    Duration grace = Duration.ofHours(entier("parcelle.storage.sweep.grace-hours", 24));
    Duration retention = Duration.ofDays(entier("parcelle.storage.sweep.trash-retention-days", 7));
    menage = new MenageDuStockage(stockage, source, grace, retention, Clock.systemUTC());
    if (!config.getOptionalValue("parcelle.storage.sweep.enabled", Boolean.class).orElse(true)) {
      LOG.warning("Ménage du stockage désactivé (parcelle.storage.sweep.enabled=false)");
      return;
    }
    Duration premier = Duration.ofMinutes(entier("parcelle.storage.sweep.first-delay-minutes", 15));
    Duration intervalle = Duration.ofHours(entier("parcelle.storage.sweep.interval-hours", 24));
    if (intervalle.isZero()) {
      throw new IllegalStateException("parcelle.storage.sweep.interval-hours doit être positif");
    }
    timers.createIntervalTimer(
        premier.toMillis(),
        intervalle.toMillis(),
        new TimerConfig("parcelle-menage-stockage", false));
    LOG.info(
        () ->
            "Ménage du stockage : premier passage dans "
                + premier.toMinutes()
                + " min, puis toutes les "
                + intervalle.toHours()
                + " h ; délai de grâce "
                + grace.toHours()
                + " h, corbeille gardée "
                + retention.toDays()
                + " j");
  }

  private int entier(String cle, int defaut) {
    int valeur = config.getOptionalValue(cle, Integer.class).orElse(defaut);
    if (valeur < 0) {
      throw new IllegalStateException(cle + " ne peut être négatif : " + valeur);
    }
    return valeur;
  }

  @Timeout
  void tourner() {
    try {
      passer();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Ménage du stockage interrompu, repris au prochain passage", e);
    }
  }

  @Override
  public Bilan passer() {
    if (!enCours.compareAndSet(false, true)) {
      return Bilan.sansEffet(Instant.now());
    }
    try {
      return menage.passer();
    } finally {
      enCours.set(false);
    }
  }
}
