package fr.parcelle.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one datasource of the application, shared by JPA and the process engine so that a dossier row
 * and its process instance commit together (JTA). URL and credentials come from MicroProfile
 * Config: the environment variables PARCELLE_DB_URL, PARCELLE_DB_USER, PARCELLE_DB_PASSWORD, else
 * META-INF/microprofile-config.properties.
 *
 * <p>Every statement is planned with its own values ({@code plan_cache_mode=force_custom_plan}).
 * The engine's task queries test authorisations with {@code PERMS_ & ? = ?}: in a generic plan
 * PostgreSQL cannot use the statistics on those expressions (migration V12), guesses that almost no
 * authorisation matches and joins a service's tasks to its authorisations by a nested loop over
 * both sets. Measured by {@code BancRequetes} (250,000 running instances): see docs/performance.md.
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
      "fish.payara.fail-all-connections=true",
      "options=-c plan_cache_mode=force_custom_plan"
    })
@ApplicationScoped
public class SourceDeDonnees {}
