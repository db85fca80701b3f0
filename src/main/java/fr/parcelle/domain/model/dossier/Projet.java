package fr.parcelle.domain.model.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** The project: what is built, demolished or changed, and its surfaces de plancher. */
@Embeddable
public class Projet {

  @Column(name = "description_projet")
  private String description;

  @Column(name = "nature_travaux", length = 2000)
  private String natureTravaux;

  @Column(name = "surface_existante_m2")
  private BigDecimal surfaceExistanteM2;

  @Column(name = "surface_creee_m2")
  private BigDecimal surfaceCreeeM2;

  @Column(name = "surface_demolie_m2")
  private BigDecimal surfaceDemolieM2;

  @Column(name = "logements_crees")
  private Integer logementsCrees;

  protected Projet() {
    // JPA
  }

  public Projet(
      String description,
      String natureTravaux,
      BigDecimal surfaceExistanteM2,
      BigDecimal surfaceCreeeM2,
      BigDecimal surfaceDemolieM2,
      Integer logementsCrees) {
    this.description = description;
    this.natureTravaux = natureTravaux;
    this.surfaceExistanteM2 = surfaceExistanteM2;
    this.surfaceCreeeM2 = surfaceCreeeM2;
    this.surfaceDemolieM2 = surfaceDemolieM2;
    this.logementsCrees = logementsCrees;
  }

  /** Surface de plancher after the works: existing + created − demolished. */
  public BigDecimal surfaceApresTravaux() {
    return zero(surfaceExistanteM2).add(zero(surfaceCreeeM2)).subtract(zero(surfaceDemolieM2));
  }

  private static BigDecimal zero(BigDecimal b) {
    return b == null ? BigDecimal.ZERO : b;
  }

  public String description() {
    return description;
  }

  public String natureTravaux() {
    return natureTravaux;
  }

  public BigDecimal surfaceExistanteM2() {
    return surfaceExistanteM2;
  }

  public BigDecimal surfaceCreeeM2() {
    return surfaceCreeeM2;
  }

  public BigDecimal surfaceDemolieM2() {
    return surfaceDemolieM2;
  }

  public Integer logementsCrees() {
    return logementsCrees;
  }
}
