package fr.parcelle.domain.model.dossier;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The consultation of a service on a dossier (R423-50 ff.): sent on a date, with the délai the
 * service has to answer; its avis, express or deemed favourable at expiry (R423-59).
 */
@Entity
@Table(name = "consultation")
public class Consultation {

  @Id private UUID id;

  @Column(name = "service_code", nullable = false, length = 32)
  private String serviceCode;

  @Column(name = "service_libelle", nullable = false, length = 200)
  private String serviceLibelle;

  @Column(name = "avis_conforme", nullable = false)
  private boolean avisConforme;

  @Column(name = "date_envoi", nullable = false)
  private LocalDate dateEnvoi;

  @Column(name = "date_limite", nullable = false)
  private LocalDate dateLimite;

  @Column(name = "article", length = 64)
  private String article;

  @Enumerated(EnumType.STRING)
  @Column(name = "avis", length = 32)
  private NatureAvis avis;

  @Column(name = "avis_texte", length = 4000)
  private String avisTexte;

  @Column(name = "avis_tacite")
  private Boolean avisTacite;

  @Column(name = "date_avis")
  private LocalDate dateAvis;

  @Column(name = "saisi_par", length = 128)
  private String saisiPar;

  @Column(name = "document_nom", length = 255)
  private String documentNom;

  @Column(name = "document_taille")
  private Long documentTaille;

  @Column(name = "document_type_media", length = 64)
  private String documentTypeMedia;

  @jakarta.persistence.Embedded
  @jakarta.persistence.AttributeOverride(
      name = "sha256",
      column = @Column(name = "document_sha256", length = 64))
  @jakarta.persistence.AttributeOverride(
      name = "sha512",
      column = @Column(name = "document_sha512", length = 128))
  private fr.parcelle.domain.model.piece.Empreinte documentEmpreinte;

  protected Consultation() {
    // JPA
  }

  Consultation(
      String serviceCode,
      String serviceLibelle,
      boolean avisConforme,
      LocalDate dateEnvoi,
      LocalDate dateLimite,
      String article) {
    this.id = UUID.randomUUID();
    this.serviceCode = Objects.requireNonNull(serviceCode);
    this.serviceLibelle = Objects.requireNonNull(serviceLibelle);
    this.avisConforme = avisConforme;
    this.dateEnvoi = Objects.requireNonNull(dateEnvoi);
    this.dateLimite = Objects.requireNonNull(dateLimite);
    this.article = article;
  }

  void rendre(NatureAvis nature, String texte, LocalDate date, String auteur, boolean tacite) {
    if (avis != null) {
      throw new IllegalStateException(
          "Le service "
              + serviceLibelle
              + " a déjà rendu son avis le "
              + Dossier.jour(dateAvis)
              + ".");
    }
    this.avis = Objects.requireNonNull(nature);
    this.avisTexte = texte;
    this.dateAvis = Objects.requireNonNull(date);
    this.saisiPar = auteur;
    this.avisTacite = tacite;
  }

  /**
   * The avis as a document (the service's letter), checked like a pièce; replaced if sent again.
   */
  void joindreDocument(fr.parcelle.domain.model.piece.PieceJointe document) {
    this.documentNom = document.nomFichier();
    this.documentTaille = document.taille();
    this.documentTypeMedia = document.typeMedia();
    this.documentEmpreinte = document.empreinte();
  }

  /** The avis document, if any, as a pièce view (code = the service's code). */
  public Optional<fr.parcelle.domain.model.piece.PieceJointe> document() {
    return documentEmpreinte == null
        ? Optional.empty()
        : Optional.of(
            new fr.parcelle.domain.model.piece.PieceJointe(
                serviceCode,
                documentNom,
                documentTaille,
                documentTypeMedia,
                documentEmpreinte,
                null,
                null));
  }

  public UUID id() {
    return id;
  }

  public String serviceCode() {
    return serviceCode;
  }

  public String serviceLibelle() {
    return serviceLibelle;
  }

  /** Whether the decision must follow this avis (the ABF's accord, R424-3; L632-2 patrimoine). */
  public boolean avisConforme() {
    return avisConforme;
  }

  public LocalDate dateEnvoi() {
    return dateEnvoi;
  }

  public LocalDate dateLimite() {
    return dateLimite;
  }

  public String article() {
    return article;
  }

  public Optional<NatureAvis> avis() {
    return Optional.ofNullable(avis);
  }

  public Optional<String> avisTexte() {
    return Optional.ofNullable(avisTexte);
  }

  public boolean avisTacite() {
    return Boolean.TRUE.equals(avisTacite);
  }

  public Optional<LocalDate> dateAvis() {
    return Optional.ofNullable(dateAvis);
  }

  public Optional<String> saisiPar() {
    return Optional.ofNullable(saisiPar);
  }

  public boolean estOuverte() {
    return avis == null;
  }
}
