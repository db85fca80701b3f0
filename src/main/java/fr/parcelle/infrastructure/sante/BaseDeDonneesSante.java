package fr.parcelle.infrastructure.sante;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when PostgreSQL answers and our schema is there. */
@Readiness
@ApplicationScoped
public class BaseDeDonneesSante implements HealthCheck {

  @Resource(lookup = "java:app/jdbc/parcelle")
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.setQueryTimeout(2);
      try (ResultSet r =
          s.executeQuery("select max(version) from flyway_schema_history where success")) {
        r.next();
        return HealthCheckResponse.named("base-de-donnees")
            .up()
            .withData("schema", String.valueOf(r.getString(1)))
            .build();
      }
    } catch (Exception e) {
      return HealthCheckResponse.named("base-de-donnees")
          .down()
          .withData("erreur", e.getClass().getSimpleName())
          .build();
    }
  }
}
