package fr.parcelle.domain.model.dossier;

import fr.parcelle.domain.model.delai.CalendrierJuridique;
import fr.parcelle.domain.model.piece.DocumentEmis;
import fr.parcelle.domain.model.piece.PieceJointe;
import fr.parcelle.domain.model.piece.TypeDocument;
import fr.parcelle.domain.model.referentiel.CaracteristiquesType;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A request (DI) for an urbanism authorisation, from draft to instruction: the cerfa data, the
 * pièces, the documents issued. The aggregate root keeps its own rules: pièces change only while it
 * is a draft, and the legal number, the délai and the tacit-decision date are fixed once, at
 * deposit.
 */
@Entity
@Table(name = "dossier")
public class Dossier {

  @Id private UUID id;

  @Enumerated(EnumType.STRING)
  @Column(name = "type", nullable = false, length = 8)
  private TypeDossier type;

  @Enumerated(EnumType.STRING)
  @Column(name = "nature_demande", nullable = false, length = 16)
  private NatureDemande natureDemande;

  @Column(name = "numero_autorisation", length = 32)
  private String numeroAutorisation;

  @Column(name = "commune_insee", nullable = false, length = 5)
  private String communeInsee;

  @Enumerated(EnumType.STRING)
  @Column(name = "statut", nullable = false, length = 32)
  private StatutDossier statut;

  @Embedded private NumeroDossier numero;

  @Column(name = "depositaire", nullable = false, length = 128)
  private String depositaire;

  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "dossier_demandeur", joinColumns = @JoinColumn(name = "dossier_id"))
  @OrderColumn(name = "rang")
  private List<Demandeur> demandeurs = new ArrayList<>();

  @Embedded private Adresse adresse;

  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "dossier_parcelle", joinColumns = @JoinColumn(name = "dossier_id"))
  @OrderColumn(name = "rang")
  private List<Parcelle> parcelles = new ArrayList<>();

  @Embedded private Projet projet;

  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "dossier_contrainte", joinColumns = @JoinColumn(name = "dossier_id"))
  @Column(name = "code", length = 48)
  private Set<String> contraintes = new TreeSet<>();

  @Embedded private Architecte architecte;

  @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
  @JoinColumn(name = "dossier_id", nullable = false)
  @OrderBy("code")
  private List<PieceJointe> pieces = new ArrayList<>();

  @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
  @JoinColumn(name = "dossier_id", nullable = false)
  private List<DocumentEmis> documents = new ArrayList<>();

  @Column(name = "cree_le", nullable = false)
  private Instant creeLe;

  @Column(name = "depose_le")
  private Instant deposeLe;

  @Column(name = "date_depot")
  private LocalDate dateDepot;

  @Column(name = "delai_instruction_mois")
  private Integer delaiInstructionMois;

  @Column(name = "date_decision_tacite")
  private LocalDate dateDecisionTacite;

  @Column(name = "cle_idempotence", length = 128)
  private String cleIdempotence;

  @Column(name = "date_completude")
  private LocalDate dateCompletude;

  @Column(name = "completude_reputee")
  private Boolean completudeReputee;

  @Version private long version;

  protected Dossier() {
    // JPA
  }

  /**
   * What an applicant states in the cerfa; validated by the application layer before it gets here.
   */
  public record Donnees(
      TypeDossier type,
      NatureDemande natureDemande,
      String numeroAutorisation,
      String communeInsee,
      List<Demandeur> demandeurs,
      Adresse adresse,
      List<Parcelle> parcelles,
      Projet projet,
      Set<String> contraintes,
      Architecte architecte) {}

  /** A new draft, filed by {@code depositaire} (the account that will deposit it). */
  public static Dossier brouillon(Donnees donnees, String depositaire, Instant maintenant) {
    Dossier d = new Dossier();
    d.id = UUID.randomUUID();
    d.type = Objects.requireNonNull(donnees.type(), "type");
    d.natureDemande =
        donnees.natureDemande() == null ? NatureDemande.INITIALE : donnees.natureDemande();
    d.numeroAutorisation = donnees.numeroAutorisation();
    d.communeInsee = Objects.requireNonNull(donnees.communeInsee(), "communeInsee");
    d.depositaire = Objects.requireNonNull(depositaire, "depositaire");
    d.demandeurs = new ArrayList<>(donnees.demandeurs() == null ? List.of() : donnees.demandeurs());
    d.adresse = donnees.adresse();
    d.parcelles = new ArrayList<>(donnees.parcelles() == null ? List.of() : donnees.parcelles());
    d.projet = donnees.projet();
    d.contraintes = new TreeSet<>(donnees.contraintes() == null ? Set.of() : donnees.contraintes());
    d.architecte = donnees.architecte();
    d.creeLe = Objects.requireNonNull(maintenant, "maintenant");
    d.statut = StatutDossier.BROUILLON;
    return d;
  }

  /**
   * Joins a pièce, replacing the one of the same code (the row is updated in place: a pièce code
   * appears once per dossier): only while the dossier is a draft.
   *
   * @return the pièce as kept by the dossier
   */
  public PieceJointe joindre(PieceJointe piece) {
    exigerBrouillon();
    Optional<PieceJointe> existante = piece(piece.code());
    if (existante.isPresent()) {
      existante.get().remplacerPar(piece);
      return existante.get();
    }
    pieces.add(piece);
    return piece;
  }

  /**
   * Registers the deposit: the legal number, the délai of this kind in force that day, and the date
   * at which silence would become a decision. The date of deposit is the legal starting point of
   * every délai.
   *
   * @throws IllegalStateException if the dossier was already deposited
   */
  public void deposer(
      NumeroDossier numeroAttribue,
      Instant instant,
      LocalDate dateLegale,
      CaracteristiquesType caracteristiques,
      CalendrierJuridique calendrier,
      String cle) {
    exigerBrouillon();
    this.numero = Objects.requireNonNull(numeroAttribue, "numero");
    this.deposeLe = Objects.requireNonNull(instant, "instant");
    this.dateDepot = Objects.requireNonNull(dateLegale, "dateLegale");
    this.delaiInstructionMois = caracteristiques.delaiMois();
    this.dateDecisionTacite =
        calendrier.decisionTacite(dateLegale, caracteristiques.delaiMois(), departement());
    this.cleIdempotence = cle;
    this.statut = StatutDossier.EN_INSTRUCTION;
  }

  /**
   * R423-22: no request for missing pièces was notified within the month, the file is deemed
   * complete from its deposit. Recorded once; a later call changes nothing.
   *
   * @return whether this call recorded it
   */
  public boolean reputerComplet() {
    if (estBrouillon()) {
      throw new IllegalStateException("Un brouillon n'a pas de complétude.");
    }
    if (dateCompletude != null) {
      return false;
    }
    dateCompletude = dateDepot;
    completudeReputee = true;
    return true;
  }

  /** Date from which the délai runs, once completeness is established. */
  public Optional<LocalDate> dateCompletude() {
    return Optional.ofNullable(dateCompletude);
  }

  public boolean completudeReputee() {
    return Boolean.TRUE.equals(completudeReputee);
  }

  /** Keeps a document the platform issued for this dossier. */
  public void emettre(DocumentEmis document) {
    documents.removeIf(d -> d.type() == document.type());
    documents.add(document);
  }

  private void exigerBrouillon() {
    if (statut != StatutDossier.BROUILLON) {
      throw new IllegalStateException("Le dossier " + numero + " est déjà déposé.");
    }
  }

  /**
   * Last day for the single request for missing pièces (R423-38: one month from receipt, counted
   * from date to date). The délais engine of the instruction replaces this first rule with the
   * versioned legal table.
   */
  public Optional<LocalDate> dateLimiteCompletude() {
    return dateDepot().map(d -> CalendrierJuridique.parDefaut().finDelai(d, 1, departement()));
  }

  /** Whether a person with this e-mail address is named on the dossier as a demandeur. */
  public boolean nomme(String email) {
    return email != null
        && !email.isBlank()
        && demandeurs.stream().anyMatch(d -> email.equalsIgnoreCase(d.email()));
  }

  public boolean estBrouillon() {
    return statut == StatutDossier.BROUILLON;
  }

  public Optional<PieceJointe> piece(String code) {
    return pieces.stream().filter(p -> p.code().equals(code)).findFirst();
  }

  public Optional<DocumentEmis> document(TypeDocument type) {
    return documents.stream().filter(d -> d.type() == type).findFirst();
  }

  public UUID id() {
    return id;
  }

  public TypeDossier type() {
    return type;
  }

  public NatureDemande natureDemande() {
    return natureDemande;
  }

  public Optional<String> numeroAutorisation() {
    return Optional.ofNullable(numeroAutorisation);
  }

  /** INSEE département of the commune (two characters: 35, 2A…), for its public holidays. */
  public String departement() {
    return communeInsee.substring(0, 2);
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

  public List<Demandeur> demandeurs() {
    return Collections.unmodifiableList(demandeurs);
  }

  public Optional<Adresse> adresse() {
    return Optional.ofNullable(adresse);
  }

  public List<Parcelle> parcelles() {
    return Collections.unmodifiableList(parcelles);
  }

  public Optional<Projet> projet() {
    return Optional.ofNullable(projet);
  }

  public Set<String> contraintes() {
    return Collections.unmodifiableSet(contraintes);
  }

  public Optional<Architecte> architecte() {
    return Optional.ofNullable(architecte).filter(Architecte::estRenseigne);
  }

  public List<PieceJointe> pieces() {
    return Collections.unmodifiableList(pieces);
  }

  public List<DocumentEmis> documents() {
    return Collections.unmodifiableList(documents);
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

  public Optional<Integer> delaiInstructionMois() {
    return Optional.ofNullable(delaiInstructionMois);
  }

  public Optional<LocalDate> dateDecisionTacite() {
    return Optional.ofNullable(dateDecisionTacite);
  }

  public Optional<String> cleIdempotence() {
    return Optional.ofNullable(cleIdempotence);
  }
}
