package fr.parcelle.domain.model.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** The architect of the project, named with the CROA registration number (R431-2). */
@Embeddable
public class Architecte {

  @Column(name = "architecte_nom", length = 200)
  private String nom;

  @Column(name = "architecte_croa", length = 20)
  private String numeroCroa;

  protected Architecte() {
    // JPA
  }

  public Architecte(String nom, String numeroCroa) {
    this.nom = nom;
    this.numeroCroa = numeroCroa;
  }

  public String nom() {
    return nom;
  }

  public String numeroCroa() {
    return numeroCroa;
  }

  public boolean estRenseigne() {
    return nom != null && !nom.isBlank() && numeroCroa != null && !numeroCroa.isBlank();
  }
}
