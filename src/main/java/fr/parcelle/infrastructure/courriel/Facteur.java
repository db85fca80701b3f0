package fr.parcelle.infrastructure.courriel;

import fr.parcelle.infrastructure.horloge.HorlogeProducer;
import fr.parcelle.infrastructure.workflow.ProcessEngineBootstrap;
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
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Drives the outbox on every node: every few seconds (a non-persistent EJB timer, in a container
 * transaction) it queues the day's digests once their hour has come, then sends one batch of due
 * messages. Nodes share the work through the database (row locks, unique keys), not through a
 * cluster.
 */
@Singleton
@Startup
@DependsOn("IdentiteBootstrap")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Facteur {

  private static final Logger LOG = Logger.getLogger(Facteur.class.getName());

  @Resource(lookup = "java:app/jdbc/parcelle")
  DataSource source;

  @Resource TimerService timers;

  @Inject ProcessEngineBootstrap moteur;

  @Inject Clock horloge;

  private ConfigurationCourriel config;
  private BoiteDEnvoi boite;
  private EnvoiSmtp smtp;
  private final AtomicBoolean enCours = new AtomicBoolean();
  private volatile LocalDate dernierRecapitulatif;

  @PostConstruct
  void demarrer() {
    config = ConfigurationCourriel.depuis(ConfigProvider.getConfig());
    boite = new BoiteDEnvoi(config);
    if (!config.active()) {
      // Said once: the messages are still written, and wait until a server is configured.
      LOG.warning(
          "Courriels : aucun serveur SMTP (parcelle.courriel.smtp.host vide). Les messages restent"
              + " en attente dans la table courriel ; aucun récapitulatif n'est préparé.");
      return;
    }
    smtp = new EnvoiSmtp(config);
    TimerConfig t = new TimerConfig("parcelle-courriels", false);
    timers.createIntervalTimer(config.intervalle().toMillis(), config.intervalle().toMillis(), t);
    LOG.info(
        "Courriels : envoi par "
            + config
            + " toutes les "
            + config.intervalle().toSeconds()
            + " s ; récapitulatif des instructeurs à "
            + config.heureRecapitulatif()
            + " (Europe/Paris), échéances à "
            + config.horizonRecapitulatifJours()
            + " jours.");
  }

  @Timeout
  void tourner() {
    if (!enCours.compareAndSet(false, true)) {
      return; // the previous pass is still sending
    }
    try (Connection c = source.getConnection()) {
      preparerRecapitulatifs(c);
      BoiteDEnvoi.Bilan b = boite.envoyer(c, smtp);
      if (b.envoyes() + b.echecs() > 0) {
        LOG.info(
            "Courriels : " + b.envoyes() + " envoyé(s), " + b.echecs() + " en échec définitif.");
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Courriels : passage interrompu, repris au suivant", e);
    } finally {
      enCours.set(false);
    }
  }

  private void preparerRecapitulatifs(Connection c) throws SQLException {
    LocalDateTime maintenant = LocalDateTime.now(horloge.withZone(HorlogeProducer.FUSEAU_LEGAL));
    LocalDate jour = maintenant.toLocalDate();
    if (jour.equals(dernierRecapitulatif)
        || maintenant.toLocalTime().isBefore(config.heureRecapitulatif())) {
      return;
    }
    int deposes = 0;
    for (TachesAEcheance.Destinataire d :
        new TachesAEcheance(moteur.moteur())
            .recapitulatifs(
                jour, config.horizonRecapitulatifJours(), HorlogeProducer.FUSEAU_LEGAL)) {
      if (boite.deposerRecapitulatif(c, d.recapitulatif(), d.email())) {
        deposes++;
      }
    }
    dernierRecapitulatif = jour;
    LOG.info("Courriels : " + deposes + " récapitulatif(s) d'échéances préparé(s) pour le " + jour);
  }
}
