package fr.parcelle.infrastructure.storage;

import fr.parcelle.domain.port.DocumentStore;
import fr.parcelle.infrastructure.storage.s3.StockageS3;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * The one {@link DocumentStore} of the application, chosen by {@code parcelle.storage.type}: {@code
 * fichiers} (the default: content-addressed files under {@code parcelle.storage.dir}) or {@code s3}
 * (an S3-compatible bucket; {@code parcelle.storage.dir} then holds only the temporary files of
 * uploads being received and inspected). A producer rather than two competing beans, so a wrong
 * value fails the deployment with its name instead of starting on the wrong store.
 */
@ApplicationScoped
public class ChoixStockage {

  static final String CLE_ACCES = "PARCELLE_STORAGE_S3_ACCESS_KEY";
  static final String CLE_SECRETE = "PARCELLE_STORAGE_S3_SECRET_KEY";

  @Inject Config config;

  @Produces
  @ApplicationScoped
  DocumentStore stockage() {
    String type =
        config.getOptionalValue("parcelle.storage.type", String.class).orElse("fichiers").trim();
    Path repertoire =
        Path.of(
            config.getOptionalValue("parcelle.storage.dir", String.class).orElse("data/documents"));
    return switch (type) {
      case "fichiers" -> new StockageFichiers(repertoire);
      case "s3" -> new StockageS3(configurationS3(config), repertoire.resolve("tmp"));
      default ->
          throw new IllegalStateException(
              "parcelle.storage.type=" + type + " inconnu : fichiers ou s3");
    };
  }

  void fermer(@Disposes DocumentStore stockage) {
    if (stockage instanceof StockageS3 s3) {
      s3.close();
    }
  }

  /**
   * Endpoint, region, bucket and addressing from MicroProfile Config; the keys from the environment
   * only (never a file that could be committed or copied with the configuration).
   */
  static StockageS3.Configuration configurationS3(Config config) {
    return new StockageS3.Configuration(
        config
            .getOptionalValue("parcelle.storage.s3.endpoint", String.class)
            .filter(s -> !s.isBlank())
            .map(URI::create),
        config.getOptionalValue("parcelle.storage.s3.region", String.class).orElse("us-east-1"),
        config.getOptionalValue("parcelle.storage.s3.bucket", String.class).orElse(""),
        config.getOptionalValue("parcelle.storage.s3.path-style", Boolean.class).orElse(true),
        System.getenv(CLE_ACCES),
        System.getenv(CLE_SECRETE),
        config
            .getOptionalValue("parcelle.storage.s3.part-size", Long.class)
            .orElse(16L * 1024 * 1024),
        config.getOptionalValue("parcelle.storage.s3.checksum-sha256", Boolean.class).orElse(true),
        Duration.ofSeconds(
            config
                .getOptionalValue("parcelle.storage.s3.connect-timeout-seconds", Integer.class)
                .orElse(5)),
        Duration.ofSeconds(
            config
                .getOptionalValue("parcelle.storage.s3.read-timeout-seconds", Integer.class)
                .orElse(60)));
  }
}
