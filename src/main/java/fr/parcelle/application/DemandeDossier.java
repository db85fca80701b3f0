package fr.parcelle.application;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an applicant states to open a dossier: the cerfa data. Field names are the public contract
 * of {@code POST /api/v1/dossiers}. Nothing here is trusted: {@link ValidationDossier} checks every
 * field.
 */
public record DemandeDossier(
    String type,
    String natureDemande,
    String numeroAutorisation,
    String communeInsee,
    List<DemandeurSaisi> demandeurs,
    TerrainSaisi terrain,
    ProjetSaisi projet,
    ArchitecteSaisi architecte) {

  /**
   * A demandeur: {@code nature} PARTICULIER (nom, prénom) or PERSONNE_MORALE (raison sociale,
   * SIRET, représentant).
   */
  public record DemandeurSaisi(
      String nature,
      String nom,
      String prenom,
      String raisonSociale,
      String siret,
      String representant,
      String email,
      String telephone) {}

  /** The terrain: its address and its cadastral parcels. */
  public record TerrainSaisi(AdresseSaisie adresse, List<ParcelleSaisie> parcelles) {}

  /** Postal address. */
  public record AdresseSaisie(
      String numero, String voie, String lieuDit, String codePostal, String commune) {}

  /** Cadastral parcel. */
  public record ParcelleSaisie(
      String prefixe, String section, String numero, BigDecimal surfaceM2) {}

  /**
   * The project and the contraintes that drive pièces and délais (see referentiel/contraintes.csv).
   */
  public record ProjetSaisi(
      String description,
      String natureTravaux,
      BigDecimal surfacePlancherExistanteM2,
      BigDecimal surfacePlancherCreeeM2,
      BigDecimal surfacePlancherDemolieM2,
      Integer logementsCrees,
      List<String> contraintes) {}

  /** The architect, with the CROA registration number. */
  public record ArchitecteSaisi(String nom, String numeroCroa) {}
}
