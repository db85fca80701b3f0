package fr.parcelle.infrastructure.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one datasource of the application, shared by JPA and the process engine so that a dossier row
 * and its process instance commit together (JTA). URL and credentials come from MicroProfile
 * Config: the environment variables PARCELLE_DB_URL, PARCELLE_DB_USER, PARCELLE_DB_PASSWORD, else
 * META-INF/microprofile-config.properties.
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
      "fish.payara.fail-all-connections=true"
    })
@ApplicationScoped
public class SourceDeDonnees {}
