/**
 * The Dossier aggregate: one request (DI) for an urbanism authorisation, its kind, its legal number
 * and its status. Depends on nothing but the JDK and JPA annotations.
 */
package fr.parcelle.domain.model.dossier;
