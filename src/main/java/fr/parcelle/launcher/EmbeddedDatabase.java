package fr.parcelle.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * An embedded PostgreSQL whose data lives in a directory of ours and persists between runs. Used by
 * the launcher and by the tests (which give it a throw-away directory).
 */
public final class EmbeddedDatabase implements AutoCloseable {

  public static final String BASE = "parcelle";
  public static final String UTILISATEUR = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on {@code port} with its data in {@code repertoire}, creating the database if
   * needed.
   */
  public static EmbeddedDatabase demarrer(Path repertoire, int port) {
    return demarrer(repertoire, port, Map.of());
  }

  /** The same, with more server settings (the bench loads {@code pg_stat_statements} this way). */
  public static EmbeddedDatabase demarrer(Path repertoire, int port, Map<String, String> reglages) {
    try {
      Files.createDirectories(repertoire);
      EmbeddedPostgres.Builder constructeur =
          EmbeddedPostgres.builder()
              .setDataDirectory(repertoire)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setRegisterShutdownHook(false)
              .setServerConfig("max_connections", "120")
              // The library's defaults are for throw-away test databases: -F (no fsync) and
              // synchronous_commit=off, under which a commit returns before its WAL is on disk. A
              // deposit acknowledged to its applicant must survive a crash of the machine.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on");
      reglages.forEach(constructeur::setServerConfig);
      EmbeddedPostgres pg = constructeur.start();
      EmbeddedDatabase base = new EmbeddedDatabase(pg);
      base.creerBaseSiAbsente();
      return base;
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL embarqué n'a pas démarré dans " + repertoire, e);
    }
  }

  private void creerBaseSiAbsente() {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select 1 from pg_database where datname = '" + BASE + "'")) {
      if (!r.next()) {
        s.execute("create database " + BASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Création de la base " + BASE + " impossible", e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + BASE;
  }

  public javax.sql.DataSource dataSource() {
    return postgres.getDatabase(UTILISATEUR, BASE);
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
