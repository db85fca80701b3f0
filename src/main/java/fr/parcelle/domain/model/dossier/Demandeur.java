package fr.parcelle.domain.model.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * A demandeur of the dossier: a natural person, or a legal person with its SIRET and
 * representative.
 */
@Embeddable
public class Demandeur {

  @Enumerated(EnumType.STRING)
  @Column(name = "nature", nullable = false, length = 16)
  private NaturePersonne nature;

  @Column(name = "nom", length = 200)
  private String nom;

  @Column(name = "prenom", length = 200)
  private String prenom;

  @Column(name = "raison_sociale", length = 200)
  private String raisonSociale;

  @Column(name = "siret", length = 14)
  private String siret;

  @Column(name = "representant", length = 200)
  private String representant;

  @Column(name = "email", length = 254)
  private String email;

  @Column(name = "telephone", length = 32)
  private String telephone;

  protected Demandeur() {
    // JPA
  }

  public Demandeur(
      NaturePersonne nature,
      String nom,
      String prenom,
      String raisonSociale,
      String siret,
      String representant,
      String email,
      String telephone) {
    this.nature = nature;
    this.nom = nom;
    this.prenom = prenom;
    this.raisonSociale = raisonSociale;
    this.siret = siret;
    this.representant = representant;
    this.email = email;
    this.telephone = telephone;
  }

  /** How the demandeur is named on receipts and registers. */
  public String designation() {
    if (nature == NaturePersonne.PERSONNE_MORALE) {
      return raisonSociale + (representant == null ? "" : ", représentée par " + representant);
    }
    return ((prenom == null ? "" : prenom + " ") + (nom == null ? "" : nom)).strip();
  }

  public NaturePersonne nature() {
    return nature;
  }

  public String nom() {
    return nom;
  }

  public String prenom() {
    return prenom;
  }

  public String raisonSociale() {
    return raisonSociale;
  }

  public String siret() {
    return siret;
  }

  public String representant() {
    return representant;
  }

  public String email() {
    return email;
  }

  public String telephone() {
    return telephone;
  }
}
