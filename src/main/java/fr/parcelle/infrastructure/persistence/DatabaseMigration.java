package fr.parcelle.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema to the version this build expects, before anything else touches it:
 * our tables (db/migration/*.sql) and the process engine's tables ({@link
 * V2__Moteur_camunda_7_24}). Flyway needs its own connections and commits, hence no container
 * transaction here.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseMigration {

  private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

  @Resource(lookup = "java:app/jdbc/parcelle")
  private DataSource dataSource;

  @PostConstruct
  void migrer() {
    long debut = System.nanoTime();
    Flyway flyway =
        Flyway.configure(DatabaseMigration.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .javaMigrations(new V2__Moteur_camunda_7_24())
            .validateMigrationNaming(true)
            .load();
    MigrateResult resultat = flyway.migrate();
    String version = flyway.info().current().getVersion().getVersion();
    LOG.info(
        () ->
            "Schéma de la base en version "
                + version
                + " ("
                + resultat.migrationsExecuted
                + " migration(s) appliquée(s) en "
                + (System.nanoTime() - debut) / 1_000_000
                + " ms)");
  }
}
