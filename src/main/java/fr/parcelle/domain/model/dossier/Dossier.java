package fr.parcelle.domain.model.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A request for an urbanism authorisation, from draft to instruction. The aggregate root keeps its
 * own rules: a dossier gets its legal number once, at deposit, and only from the draft state.
 */
@Entity
@Table(name = "dossier")
public class Dossier {

  @Id private UUID id;

  @Enumerated(EnumType.STRING)
  @Column(name = "type", nullable = false, length = 8)
  private TypeDossier type;

  @Column(name = "commune_insee", nullable = false, length = 5)
  private String communeInsee;

  @Enumerated(EnumType.STRING)
  @Column(name = "statut", nullable = false, length = 32)
  private StatutDossier statut;

  @Embedded private NumeroDossier numero;

  @Column(name = "depositaire", nullable = false, length = 128)
  private String depositaire;

  @Column(name = "demandeur_nom", length = 200)
  private String demandeurNom;

  @Column(name = "description_projet")
  private String descriptionProjet;

  @Column(name = "cree_le", nullable = false)
  private Instant creeLe;

  @Column(name = "depose_le")
  private Instant deposeLe;

  @Column(name = "date_depot")
  private LocalDate dateDepot;

  @Version private long version;

  protected Dossier() {
    // JPA
  }

  private Dossier(
      TypeDossier type,
      String communeInsee,
      String depositaire,
      String demandeurNom,
      String descriptionProjet,
      Instant creeLe) {
    this.id = UUID.randomUUID();
    this.type = Objects.requireNonNull(type, "type");
    this.communeInsee = Objects.requireNonNull(communeInsee, "communeInsee");
    this.depositaire = Objects.requireNonNull(depositaire, "depositaire");
    this.demandeurNom = demandeurNom;
    this.descriptionProjet = descriptionProjet;
    this.creeLe = Objects.requireNonNull(creeLe, "creeLe");
    this.statut = StatutDossier.BROUILLON;
  }

  /** A new draft, filed by {@code depositaire} (the account that will deposit it). */
  public static Dossier brouillon(
      TypeDossier type,
      String communeInsee,
      String depositaire,
      String demandeurNom,
      String descriptionProjet,
      Instant maintenant) {
    return new Dossier(
        type, communeInsee, depositaire, demandeurNom, descriptionProjet, maintenant);
  }

  /**
   * Registers the deposit: the dossier receives its legal number and enters instruction. The date
   * of deposit is the legal starting point of every délai.
   *
   * @throws IllegalStateException if the dossier was already deposited
   */
  public void deposer(NumeroDossier numeroAttribue, Instant instant, LocalDate dateLegale) {
    if (statut != StatutDossier.BROUILLON) {
      throw new IllegalStateException("Le dossier " + numero + " est déjà déposé.");
    }
    this.numero = Objects.requireNonNull(numeroAttribue, "numero");
    this.deposeLe = Objects.requireNonNull(instant, "instant");
    this.dateDepot = Objects.requireNonNull(dateLegale, "dateLegale");
    this.statut = StatutDossier.EN_INSTRUCTION;
  }

  /**
   * Last day for the single request for missing pièces (R423-38: one month from receipt, counted
   * from date to date). The délais engine of the instruction replaces this first rule with the
   * versioned legal table.
   */
  public Optional<LocalDate> dateLimiteCompletude() {
    return dateDepot().map(d -> d.plusMonths(1));
  }

  public boolean estBrouillon() {
    return statut == StatutDossier.BROUILLON;
  }

  public UUID id() {
    return id;
  }

  public TypeDossier type() {
    return type;
  }

  public String communeInsee() {
    return communeInsee;
  }

  public StatutDossier statut() {
    return statut;
  }

  public Optional<NumeroDossier> numero() {
    return Optional.ofNullable(numero);
  }

  public String depositaire() {
    return depositaire;
  }

  public Optional<String> demandeurNom() {
    return Optional.ofNullable(demandeurNom);
  }

  public Optional<String> descriptionProjet() {
    return Optional.ofNullable(descriptionProjet);
  }

  public Instant creeLe() {
    return creeLe;
  }

  public Optional<Instant> deposeLe() {
    return Optional.ofNullable(deposeLe);
  }

  public Optional<LocalDate> dateDepot() {
    return Optional.ofNullable(dateDepot);
  }
}
