package fr.parcelle.interfaces.rest;

import java.util.List;

/**
 * Body of {@code POST /api/v1/dossiers}. Field names are the public contract; the filing issue adds
 * the terrain and the project's details.
 */
public record CreationDossier(
    String type, String communeInsee, List<Demandeur> demandeurs, Projet projet) {

  /** A demandeur (natural or legal person). */
  public record Demandeur(String nature, String nom, String prenom, String email) {}

  /** The project. */
  public record Projet(String description) {}
}
