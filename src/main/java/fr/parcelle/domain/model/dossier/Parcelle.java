package fr.parcelle.domain.model.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** A cadastral parcel: prefix (3 digits), section (1–2 characters), number (4 digits), area. */
@Embeddable
public class Parcelle {

  @Column(name = "prefixe", nullable = false, length = 3)
  private String prefixe;

  @Column(name = "section", nullable = false, length = 2)
  private String section;

  @Column(name = "numero", nullable = false, length = 4)
  private String numero;

  @Column(name = "surface_m2")
  private BigDecimal surfaceM2;

  protected Parcelle() {
    // JPA
  }

  public Parcelle(String prefixe, String section, String numero, BigDecimal surfaceM2) {
    this.prefixe = prefixe;
    this.section = section;
    this.numero = numero;
    this.surfaceM2 = surfaceM2;
  }

  /** "000 AB 0123". */
  public String reference() {
    return prefixe + " " + section + " " + numero;
  }

  public String prefixe() {
    return prefixe;
  }

  public String section() {
    return section;
  }

  public String numero() {
    return numero;
  }

  public BigDecimal surfaceM2() {
    return surfaceM2;
  }
}
