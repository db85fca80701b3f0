package fr.parcelle.domain.model.territoire;

/**
 * A commune served by the platform, identified by its INSEE code, with the service that instructs
 * its files.
 */
public record Commune(String insee, String nom, String departement, String codeService) {}
