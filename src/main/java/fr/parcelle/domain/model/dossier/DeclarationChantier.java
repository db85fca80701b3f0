package fr.parcelle.domain.model.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A declaration received on an authorisation after its decision (DOC, R424-16; DAACT, R462-1): the
 * date of the works it declares, the day the commune received it, who filed it, and for a DAACT the
 * last day on which the authority may contest the conformity of the works (R462-6).
 */
@Entity
@Table(name = "declaration_chantier")
public class DeclarationChantier {

  @Id private UUID id;

  @Enumerated(EnumType.STRING)
  @Column(name = "nature", nullable = false, length = 8)
  private NatureDeclaration nature;

  @Column(name = "date_travaux", nullable = false)
  private LocalDate dateTravaux;

  @Column(name = "date_reception", nullable = false)
  private LocalDate dateReception;

  @Column(name = "recue_le", nullable = false)
  private Instant recueLe;

  @Column(name = "declarant", nullable = false, length = 128)
  private String declarant;

  @Column(name = "fin_contestation")
  private LocalDate finContestation;

  @Column(name = "mois_contestation")
  private Integer moisContestation;

  @Column(name = "article_contestation", length = 64)
  private String articleContestation;

  protected DeclarationChantier() {
    // JPA
  }

  DeclarationChantier(
      NatureDeclaration nature,
      LocalDate dateTravaux,
      LocalDate dateReception,
      Instant recueLe,
      String declarant,
      LocalDate finContestation,
      Integer moisContestation,
      String articleContestation) {
    this.id = UUID.randomUUID();
    this.nature = Objects.requireNonNull(nature, "nature");
    this.dateTravaux = Objects.requireNonNull(dateTravaux, "dateTravaux");
    this.dateReception = Objects.requireNonNull(dateReception, "dateReception");
    this.recueLe = Objects.requireNonNull(recueLe, "recueLe");
    this.declarant = Objects.requireNonNull(declarant, "declarant");
    this.finContestation = finContestation;
    this.moisContestation = moisContestation;
    this.articleContestation = articleContestation;
  }

  public UUID id() {
    return id;
  }

  public NatureDeclaration nature() {
    return nature;
  }

  /** The day the works opened (DOC) or were completed (DAACT), as declared. */
  public LocalDate dateTravaux() {
    return dateTravaux;
  }

  /** The day the commune received it: the start of the récolement window (R462-6). */
  public LocalDate dateReception() {
    return dateReception;
  }

  public Instant recueLe() {
    return recueLe;
  }

  public String declarant() {
    return declarant;
  }

  /** DAACT only: the last day the authority may contest the conformity of the works. */
  public Optional<LocalDate> finContestation() {
    return Optional.ofNullable(finContestation);
  }

  public Optional<Integer> moisContestation() {
    return Optional.ofNullable(moisContestation);
  }

  public Optional<String> articleContestation() {
    return Optional.ofNullable(articleContestation);
  }
}
