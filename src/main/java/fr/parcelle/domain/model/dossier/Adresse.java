package fr.parcelle.domain.model.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Postal address of the terrain. */
@Embeddable
public class Adresse {

  @Column(name = "adresse_numero", length = 16)
  private String numero;

  @Column(name = "adresse_voie", length = 200)
  private String voie;

  @Column(name = "adresse_lieu_dit", length = 200)
  private String lieuDit;

  @Column(name = "adresse_code_postal", length = 5)
  private String codePostal;

  @Column(name = "adresse_commune", length = 100)
  private String commune;

  protected Adresse() {
    // JPA
  }

  public Adresse(String numero, String voie, String lieuDit, String codePostal, String commune) {
    this.numero = numero;
    this.voie = voie;
    this.lieuDit = lieuDit;
    this.codePostal = codePostal;
    this.commune = commune;
  }

  /** One line, as printed: "12 rue de la Seiche, 35770 Vern-sur-Seiche". */
  public String enLigne() {
    StringBuilder b = new StringBuilder();
    if (numero != null && !numero.isBlank()) {
      b.append(numero).append(' ');
    }
    if (voie != null) {
      b.append(voie);
    }
    if (lieuDit != null && !lieuDit.isBlank()) {
      b.append(b.isEmpty() ? "" : ", ").append(lieuDit);
    }
    b.append(", ")
        .append(codePostal == null ? "" : codePostal)
        .append(' ')
        .append(commune == null ? "" : commune);
    return b.toString().strip();
  }

  public String numero() {
    return numero;
  }

  public String voie() {
    return voie;
  }

  public String lieuDit() {
    return lieuDit;
  }

  public String codePostal() {
    return codePostal;
  }

  public String commune() {
    return commune;
  }
}
