package fr.parcelle.it;

import fr.parcelle.launcher.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PostgreSQL the deployed application uses in integration tests: started on the client side,
 * before Arquillian deploys, on the port Maven reserved and arquillian.xml hands to Payara. Never
 * loaded inside the container.
 */
final class BaseDesTestsIntegration {

  private static EmbeddedDatabase base;

  private BaseDesTestsIntegration() {}

  static synchronized void demarrer() {
    if (base != null) {
      return;
    }
    int port = Integer.parseInt(System.getProperty("parcelle.test.db.port"));
    try {
      Path racine = Path.of(System.getProperty("parcelle.test.data.dir", "target/it-data"));
      Files.createDirectories(racine);
      base = EmbeddedDatabase.demarrer(Files.createTempDirectory(racine, "pg-"), port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(base::close));
  }

  /**
   * Direct SQL on the application's database, for what a test must see or arrange below the API.
   */
  static synchronized javax.sql.DataSource sql() {
    demarrer();
    return base.dataSource();
  }
}
