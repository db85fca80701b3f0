package fr.parcelle.domain.model.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One step of a dossier's timeline: what happened, its legal date, the article, and a detail for
 * people (the pièces requested, the new délai…). Appended, never changed.
 */
@Embeddable
public class EvenementDossier {

  @Enumerated(EnumType.STRING)
  @Column(name = "type", nullable = false, length = 32)
  private TypeEvenement type;

  @Column(name = "date_legale", nullable = false)
  private LocalDate dateLegale;

  @Column(name = "enregistre_le", nullable = false)
  private Instant enregistreLe;

  @Column(name = "article", length = 64)
  private String article;

  @Column(name = "detail", length = 2000)
  private String detail;

  protected EvenementDossier() {
    // JPA
  }

  public EvenementDossier(
      TypeEvenement type,
      LocalDate dateLegale,
      Instant enregistreLe,
      String article,
      String detail) {
    this.type = Objects.requireNonNull(type, "type");
    this.dateLegale = Objects.requireNonNull(dateLegale, "dateLegale");
    this.enregistreLe = Objects.requireNonNull(enregistreLe, "enregistreLe");
    this.article = article == null ? type.article() : article;
    this.detail = detail;
  }

  public TypeEvenement type() {
    return type;
  }

  public LocalDate dateLegale() {
    return dateLegale;
  }

  public Instant enregistreLe() {
    return enregistreLe;
  }

  public String article() {
    return article;
  }

  public String detail() {
    return detail;
  }
}
