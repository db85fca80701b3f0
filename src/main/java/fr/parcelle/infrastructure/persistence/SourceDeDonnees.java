package fr.parcelle.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one datasource of the application, shared by JPA and the process engine so that a dossier row
 * and its process instance commit together (JTA). URL and credentials come from MicroProfile
 * Config: the environment variables PARCELLE_DB_URL, PARCELLE_DB_USER, PARCELLE_DB_PASSWORD, else
 * META-INF/microprofile-config.properties.
 *
 * <p>The pool checks a connection before handing it out, at most once every five seconds: checked
 * at every hand-out, a dossier filed with ten uploads cost 28 more round trips to PostgreSQL, each
 * its own transaction (54 commits per dossier instead of 27, pg_stat_statements,
 * docs/performance.md). After a failover, a connection checked more than five seconds earlier is
 * checked again, and the first failed check renews the whole pool ({@code fail-all-connections}).
 * One user for every connection, so the pool does not try to match them to a request ({@code
 * match-connections}).
 */
@DataSourceDefinition(
    name = "java:app/jdbc/parcelle",
    className = "org.postgresql.ds.PGSimpleDataSource",
    url = "${MPCONFIG=parcelle.db.url}",
    user = "${MPCONFIG=parcelle.db.user}",
    password = "${MPCONFIG=parcelle.db.password}",
    transactional = true,
    initialPoolSize = 2,
    minPoolSize = 2,
    maxPoolSize = 32,
    maxIdleTime = 300,
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
      "fish.payara.validate-atmost-once-period-in-seconds=5",
      "fish.payara.fail-all-connections=true",
      "fish.payara.match-connections=false"
    })
@ApplicationScoped
public class SourceDeDonnees {}
