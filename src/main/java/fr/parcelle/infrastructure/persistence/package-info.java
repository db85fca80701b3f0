/** JPA adapters of the domain's repositories, and the Flyway migrations that own the schema. */
package fr.parcelle.infrastructure.persistence;
