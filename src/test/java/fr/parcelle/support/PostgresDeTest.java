package fr.parcelle.support;

import fr.parcelle.infrastructure.persistence.V2__Moteur_camunda_7_24;
import fr.parcelle.launcher.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL for the tests of this JVM (embedded, throw-away data directory under
 * target/), with one database per use, migrated by the application's own Flyway migrations.
 */
public final class PostgresDeTest {

  private static EmbeddedDatabase serveur;
  private static final Map<String, DataSource> BASES = new HashMap<>();

  private PostgresDeTest() {}

  /** A migrated database named {@code nom}, created on first use. */
  public static synchronized DataSource base(String nom) {
    return BASES.computeIfAbsent(nom, PostgresDeTest::creer);
  }

  private static DataSource creer(String nom) {
    EmbeddedDatabase pg = serveur();
    try (Connection c = pg.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("create database " + nom);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return migrer("jdbc:postgresql://localhost:" + pg.port() + "/" + nom);
  }

  /** The application's Flyway migrations on the database at {@code url}; its data source. */
  public static DataSource migrer(String url) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser(EmbeddedDatabase.UTILISATEUR);
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .javaMigrations(new V2__Moteur_camunda_7_24())
        .load()
        .migrate();
    return ds;
  }

  private static EmbeddedDatabase serveur() {
    if (serveur == null) {
      try {
        Path repertoire = Files.createTempDirectory(Path.of("target"), "pg-tests-");
        serveur = EmbeddedDatabase.demarrer(repertoire, portLibre());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EmbeddedDatabase aFermer = serveur;
      Runtime.getRuntime().addShutdownHook(new Thread(aFermer::close));
    }
    return serveur;
  }

  public static int portLibre() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
