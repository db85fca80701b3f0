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

  @Column(name = "date_avis_depot")
  private LocalDate dateAvisDepot;

  @Column(name = "date_transmission_prefet")
  private LocalDate dateTransmissionPrefet;

  @Column(name = "date_demande_pieces")
  private LocalDate dateDemandePieces;

  @Column(name = "pieces_demandees", length = 1000)
  private String piecesDemandees;

  @Column(name = "date_limite_pieces")
  private LocalDate dateLimitePieces;

  @Column(name = "date_reception_pieces")
  private LocalDate dateReceptionPieces;

  @Column(name = "majorations", length = 500)
  private String majorations;

  @Column(name = "date_fin_delai")
  private LocalDate dateFinDelai;

  @Column(name = "nature_decision_tacite", length = 32)
  private String natureDecisionTacite;

  @Column(name = "avis_conforme_defavorable")
  private Boolean avisConformeDefavorable;

  @Enumerated(EnumType.STRING)
  @Column(name = "decision_proposee", length = 48)
  private NatureDecision decisionProposee;

  @Column(name = "motifs", length = 8000)
  private String motifs;

  @Column(name = "prescriptions", length = 8000)
  private String prescriptions;

  @Enumerated(EnumType.STRING)
  @Column(name = "decision", length = 48)
  private NatureDecision decision;

  @Column(name = "date_decision")
  private LocalDate dateDecision;

  @Column(name = "date_notification")
  private LocalDate dateNotification;

  @Column(name = "date_transmission_controle")
  private LocalDate dateTransmissionControle;

  @Column(name = "identifiant_transmission_controle", length = 64)
  private String identifiantTransmissionControle;

  @Column(name = "date_executoire")
  private LocalDate dateExecutoire;

  @ElementCollection(fetch = FetchType.LAZY)
  @CollectionTable(name = "dossier_evenement", joinColumns = @JoinColumn(name = "dossier_id"))
  @OrderColumn(name = "rang")
  private List<EvenementDossier> evenements = new ArrayList<>();

  @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
  @JoinColumn(name = "dossier_id", nullable = false)
  @OrderBy("dateEnvoi, serviceCode")
  private List<Consultation> consultations = new ArrayList<>();

  @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
  @JoinColumn(name = "dossier_id", nullable = false)
  @OrderBy("dateReception, nature")
  private List<DeclarationChantier> declarations = new ArrayList<>();

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
    if (piece.complementaire()) {
      throw new IllegalArgumentException("Une pièce complémentaire se joint par joindreComplement");
    }
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
    this.dateFinDelai =
        calendrier.finDelai(dateLegale, caracteristiques.delaiMois(), departement());
    this.statut = StatutDossier.DEPOSE;
    noter(
        TypeEvenement.DEPOT, dateLegale, instant, null, "Dossier n° " + numeroAttribue.affichage());
  }

  /**
   * The legal dates of the instruction once completeness is known: from when the délai runs, how
   * long it is, when it ends, and what silence would mean at the end.
   */
  public record Echeances(
      LocalDate debutDelai,
      int delaiMois,
      LocalDate dateFinDelai,
      LocalDate dateDecisionTacite,
      String natureDecisionTacite,
      List<String> majorations,
      String detailMajorations) {
    public Echeances {
      Objects.requireNonNull(debutDelai, "debutDelai");
      Objects.requireNonNull(dateFinDelai, "dateFinDelai");
      Objects.requireNonNull(dateDecisionTacite, "dateDecisionTacite");
      majorations = majorations == null ? List.of() : List.copyOf(majorations);
    }
  }

  /**
   * The legal dates computed at deposit by the délai tables (DMN), assuming the file complete: the
   * délai, its last day, the tacit decision and its nature. Replaced when completeness is known.
   */
  public void prevoirEcheances(fr.parcelle.domain.model.delai.DelaiInstruction delai) {
    if (statut != StatutDossier.DEPOSE || dateCompletude != null) {
      throw new IllegalStateException("Échéances prévisionnelles : au dépôt seulement.");
    }
    delaiInstructionMois = delai.delaiMois();
    dateFinDelai = delai.dateFinDelai();
    dateDecisionTacite = delai.dateDecisionTacite();
    natureDecisionTacite = delai.natureDecisionTacite().name();
  }

  /** R423-6: the avis de dépôt is published (posted in the mairie and online). Recorded once. */
  public void publierAvisDepot(LocalDate date, Instant instant) {
    exigerDepose();
    if (dateAvisDepot == null) {
      dateAvisDepot = date;
      noter(TypeEvenement.AVIS_DE_DEPOT, date, instant, null, null);
    }
  }

  /** R423-7: a copy of the file is sent to the préfet. Recorded once. */
  public void transmettrePrefet(LocalDate date, Instant instant) {
    exigerDepose();
    if (dateTransmissionPrefet == null) {
      dateTransmissionPrefet = date;
      noter(TypeEvenement.TRANSMISSION_PREFET, date, instant, null, null);
    }
  }

  /**
   * The instructor found the file complete: the délai runs from the deposit (R423-19), extended by
   * the majorations notified with this finding (R423-42: only within the first month).
   *
   * @return whether this call recorded it (false if already complete)
   */
  public boolean constaterComplet(LocalDate date, Instant instant, Echeances echeances) {
    exigerDepose();
    if (dateCompletude != null) {
      return false;
    }
    if (statut != StatutDossier.DEPOSE) {
      throw new IllegalStateException("Le dossier " + numero + " est " + statut.libelle() + ".");
    }
    if (!echeances.majorations().isEmpty()) {
      exigerPremierMois(date, "Une majoration du délai");
    }
    dateCompletude = dateDepot;
    completudeReputee = false;
    appliquer(echeances);
    noter(TypeEvenement.DOSSIER_COMPLET, date, instant, null, null);
    noterMajoration(echeances, date, instant);
    return true;
  }

  /**
   * R423-38 to R423-41: one single, exhaustive request for missing pièces, within the month after
   * deposit. A second or late request would not change the délai: it is refused.
   */
  public void demanderPieces(
      List<String> codes,
      String detail,
      LocalDate date,
      LocalDate dateLimite,
      List<String> majorationsNotifiees,
      String detailMajorations,
      Instant instant) {
    exigerDepose();
    if (dateDemandePieces != null) {
      throw new DemandeRefuseeException(
          "Une demande de pièces complémentaires a déjà été notifiée le "
              + jour(dateDemandePieces)
              + " : la demande est unique (R423-41), une seconde demande ne modifierait pas le"
              + " délai d'instruction.");
    }
    if (dateCompletude != null) {
      throw new DemandeRefuseeException(
          "Le dossier est "
              + (completudeReputee() ? "réputé complet (R423-22)" : "complet")
              + " depuis le "
              + jour(dateCompletude)
              + " : une demande de pièces ne modifierait plus le délai (R423-41).");
    }
    exigerPremierMois(date, "La demande de pièces complémentaires");
    if (codes == null || codes.isEmpty()) {
      throw new DemandeRefuseeException(
          "Une demande de pièces complémentaires doit nommer au moins une pièce.");
    }
    dateDemandePieces = date;
    piecesDemandees = String.join(",", codes);
    dateLimitePieces = Objects.requireNonNull(dateLimite, "dateLimite");
    majorations =
        majorationsNotifiees == null || majorationsNotifiees.isEmpty()
            ? null
            : String.join(",", majorationsNotifiees);
    statut = StatutDossier.INCOMPLET;
    noter(TypeEvenement.DEMANDE_PIECES, date, instant, null, detail);
    if (majorations != null) {
      noter(TypeEvenement.MAJORATION, date, instant, null, detailMajorations);
    }
  }

  /**
   * R423-39: the applicant supplied every pièce requested; the délai runs again from this receipt.
   */
  public void recevoirPieces(LocalDate date, Instant instant, Echeances echeances) {
    if (statut != StatutDossier.INCOMPLET) {
      throw new DemandeRefuseeException(
          "Aucune demande de pièces complémentaires n'attend de réponse sur ce dossier.");
    }
    List<String> manquantes = piecesComplementairesManquantes();
    if (!manquantes.isEmpty()) {
      throw new DemandeRefuseeException(
          "Pièces demandées encore manquantes : " + String.join(", ", manquantes) + ".");
    }
    dateReceptionPieces = date;
    dateCompletude = date;
    completudeReputee = false;
    appliquer(echeances);
    noter(
        TypeEvenement.PIECES_RECUES,
        date,
        instant,
        null,
        "Le délai d'instruction court à nouveau à compter de cette réception.");
  }

  /** R423-39 a: three months without the pièces: tacit rejection (opposition for a DP). */
  public void rejeterTacitement(LocalDate date, Instant instant) {
    if (statut != StatutDossier.INCOMPLET) {
      throw new IllegalStateException("Le dossier " + numero + " n'attend pas de pièces.");
    }
    statut =
        "DP".equals(type.nature()) ? StatutDossier.OPPOSITION_TACITE : StatutDossier.REJET_TACITE;
    dateDecision = date;
    noter(
        TypeEvenement.REJET_TACITE,
        date,
        instant,
        null,
        "DP".equals(type.nature())
            ? "Opposition tacite : pièces demandées non fournies dans les trois mois."
            : "Rejet tacite : pièces demandées non fournies dans les trois mois.");
  }

  /** Pièces requested that the applicant has not yet supplied. */
  public List<String> piecesComplementairesManquantes() {
    return piecesDemandees().stream().filter(c -> pieceComplementaire(c).isEmpty()).toList();
  }

  /** Joins a pièce answering the request for missing pièces, replacing one of the same code. */
  public PieceJointe joindreComplement(PieceJointe piece) {
    if (!piece.complementaire()) {
      throw new IllegalArgumentException("Pièce initiale : utiliser joindre");
    }
    if (statut != StatutDossier.INCOMPLET) {
      throw new DemandeRefuseeException(
          "Aucune demande de pièces complémentaires n'attend de réponse sur ce dossier.");
    }
    if (!piecesDemandees().contains(piece.code())) {
      throw new DemandeRefuseeException(
          "La pièce "
              + piece.code()
              + " n'a pas été demandée. Pièces demandées : "
              + String.join(", ", piecesDemandees())
              + ".");
    }
    Optional<PieceJointe> existante = pieceComplementaire(piece.code());
    if (existante.isPresent()) {
      existante.get().remplacerPar(piece);
      return existante.get();
    }
    pieces.add(piece);
    return piece;
  }

  /** Sends the file to a service for its avis (R423-50), which has until {@code dateLimite}. */
  public Consultation consulter(
      String serviceCode,
      String serviceLibelle,
      boolean avisConforme,
      LocalDate dateEnvoi,
      LocalDate dateLimite,
      String article,
      Instant instant) {
    exigerEnInstruction();
    Consultation c =
        new Consultation(serviceCode, serviceLibelle, avisConforme, dateEnvoi, dateLimite, article);
    consultations.add(c);
    statut = StatutDossier.EN_CONSULTATION;
    noter(
        TypeEvenement.CONSULTATION,
        dateEnvoi,
        instant,
        article,
        serviceLibelle + " ; avis attendu au plus tard le " + jour(dateLimite) + ".");
    return c;
  }

  /**
   * Records a service's avis, express or deemed favourable at expiry (R423-59).
   *
   * @return whether this avis binds the decision against the project (R424-3: an avis conforme,
   *     unfavourable or with prescriptions)
   */
  public boolean enregistrerAvis(
      UUID consultationId,
      NatureAvis nature,
      String texte,
      LocalDate date,
      String auteur,
      boolean tacite,
      Instant instant) {
    Consultation c =
        consultation(consultationId)
            .orElseThrow(() -> new IllegalArgumentException("Consultation inconnue"));
    if (!tacite && (nature != NatureAvis.FAVORABLE) && (texte == null || texte.isBlank())) {
      throw new DemandeRefuseeException(
          "Un avis " + nature.libelle() + " doit être motivé : saisissez son texte.");
    }
    c.rendre(nature, texte, date, auteur, tacite);
    boolean lie = c.avisConforme() && nature != NatureAvis.FAVORABLE;
    if (lie) {
      avisConformeDefavorable = true;
    }
    noter(
        tacite ? TypeEvenement.AVIS_TACITE : TypeEvenement.AVIS,
        date,
        instant,
        tacite ? "R423-59" : c.article(),
        c.serviceLibelle() + " : " + nature.libelle() + (tacite ? " (avis tacite)" : ""));
    if (statut == StatutDossier.EN_CONSULTATION
        && consultations.stream().noneMatch(Consultation::estOuverte)) {
      statut = statutInstruction();
    }
    return lie;
  }

  /** The document of a service's avis (its letter), on its latest consultation. */
  public void joindreDocumentAvis(String serviceCode, PieceJointe document) {
    Consultation c =
        consultations.stream()
            .filter(x -> x.serviceCode().equals(serviceCode))
            .reduce((a, b) -> b)
            .orElseThrow(
                () ->
                    new DemandeRefuseeException(
                        "Le service " + serviceCode + " n'est pas consulté."));
    c.joindreDocument(document);
  }

  /** The nature of the tacit decision changed (an ABF refusal makes silence a refusal, R424-3). */
  public void requalifierDecisionTacite(String nature) {
    this.natureDecisionTacite = nature;
  }

  /**
   * The instructor's proposal. The law's constraints are checked here: the decision exists for this
   * kind, refusals carry their reasons (L424-3), decisions with prescriptions carry them, and an
   * avis conforme of the ABF binds the decision (L632-2 code du patrimoine, R424-3).
   */
  public void proposerDecision(
      NatureDecision nature,
      String motifsProposes,
      String prescriptionsProposees,
      LocalDate date,
      Instant instant) {
    exigerEnInstruction();
    if (consultations.stream().anyMatch(Consultation::estOuverte)) {
      throw new DemandeRefuseeException(
          "Des consultations attendent encore leur avis : la proposition suit les avis.");
    }
    if (!nature.possiblePour(type.nature())) {
      throw new DemandeRefuseeException(
          "Une décision « " + nature.libelle() + " » n'existe pas pour un dossier " + type + ".");
    }
    if (nature.exigeMotifs() && (motifsProposes == null || motifsProposes.isBlank())) {
      throw new DemandeRefuseeException(
          "Une décision « " + nature.libelle() + " » doit être motivée (L424-3).");
    }
    if (nature.avecPrescriptions()
        && (prescriptionsProposees == null || prescriptionsProposees.isBlank())) {
      throw new DemandeRefuseeException(
          "Une décision « " + nature.libelle() + " » doit énoncer ses prescriptions.");
    }
    for (Consultation c : consultations) {
      if (!c.avisConforme() || c.avis().isEmpty()) {
        continue;
      }
      if (c.avis().get() == NatureAvis.DEFAVORABLE && !nature.exigeMotifs()) {
        throw new DemandeRefuseeException(
            "L'avis défavorable de "
                + c.serviceLibelle()
                + " lie l'autorité compétente (L632-2 du code du patrimoine, R424-3) : seul un"
                + " refus ou une opposition peut être proposé.");
      }
      if (c.avis().get() == NatureAvis.FAVORABLE_AVEC_PRESCRIPTIONS
          && !nature.avecPrescriptions()
          && !nature.exigeMotifs()) {
        throw new DemandeRefuseeException(
            "L'accord de "
                + c.serviceLibelle()
                + " est assorti de prescriptions qui s'imposent à la décision (L632-2 du code du"
                + " patrimoine) : proposez une décision avec prescriptions.");
      }
    }
    decisionProposee = nature;
    motifs = motifsProposes;
    prescriptions = prescriptionsProposees;
    statut = StatutDossier.DECISION_EN_SIGNATURE;
    noter(TypeEvenement.PROPOSITION, date, instant, null, nature.libelle());
  }

  /**
   * The signed decision was made available to the applicant (notified) and transmitted to the
   * préfet; it is executory from the later of the two dates (L424-7).
   */
  public void notifierEtTransmettre(
      LocalDate notification, LocalDate transmission, String identifiantEchange, Instant instant) {
    if (statut != StatutDossier.DECIDE) {
      throw new IllegalStateException("Aucune décision signée à notifier.");
    }
    dateNotification = Objects.requireNonNull(notification);
    dateTransmissionControle = Objects.requireNonNull(transmission);
    identifiantTransmissionControle = identifiantEchange;
    dateExecutoire = notification.isAfter(transmission) ? notification : transmission;
    noter(TypeEvenement.NOTIFICATION, notification, instant, null, null);
    noter(
        TypeEvenement.TRANSMISSION_CONTROLE_LEGALITE,
        transmission,
        instant,
        null,
        "Échange "
            + identifiantEchange
            + " ; décision exécutoire le "
            + jour(dateExecutoire)
            + ".");
  }

  public Optional<LocalDate> dateNotification() {
    return Optional.ofNullable(dateNotification);
  }

  public Optional<LocalDate> dateTransmissionControle() {
    return Optional.ofNullable(dateTransmissionControle);
  }

  public Optional<LocalDate> dateExecutoire() {
    return Optional.ofNullable(dateExecutoire);
  }

  /** The maire sends the draft back to the instructor, with a comment. */
  public void renvoyerProposition(String commentaire, LocalDate date, Instant instant) {
    if (statut != StatutDossier.DECISION_EN_SIGNATURE) {
      throw new IllegalStateException("Aucune décision n'est en signature.");
    }
    statut = statutInstruction();
    noter(TypeEvenement.RENVOI, date, instant, null, commentaire);
  }

  /** The competent authority signed the proposed decision. */
  public void signerDecision(String signataire, LocalDate date, Instant instant) {
    if (statut != StatutDossier.DECISION_EN_SIGNATURE) {
      throw new IllegalStateException("Aucune décision n'est en signature.");
    }
    decision = decisionProposee;
    dateDecision = date;
    statut = StatutDossier.DECIDE;
    noter(
        TypeEvenement.DECISION,
        date,
        instant,
        null,
        decision.libelle() + " ; signé par " + signataire);
  }

  /**
   * The délai expired with no decision notified: the day after, silence is a decision (R424-1), of
   * the nature fixed by the law for this file (refusal in the R424-2, R424-2-1 and R424-3 cases).
   *
   * @return whether this call recorded it
   */
  public boolean constaterDecisionTacite(LocalDate date, Instant instant) {
    if (statut.estTermine()) {
      return false;
    }
    boolean refus =
        "REFUS_TACITE".equals(natureDecisionTacite)
            || "OPPOSITION_TACITE".equals(natureDecisionTacite);
    statut =
        !refus
            ? StatutDossier.DECISION_TACITE
            : "DP".equals(type.nature())
                ? StatutDossier.OPPOSITION_TACITE
                : StatutDossier.REJET_TACITE;
    dateDecision = date;
    noter(
        TypeEvenement.DECISION_TACITE,
        date,
        instant,
        null,
        natureDecisionTacite == null ? null : natureDecisionTacite.toLowerCase().replace('_', ' '));
    noter(TypeEvenement.CERTIFICAT_TACITE_DEMANDE, date, instant, null, null);
    return true;
  }

  /**
   * The holder declares the opening (DOC) or the completion and conformity (DAACT) of the works on
   * this authorisation, received by the commune on {@code reception}. Only on a granted
   * authorisation (express or tacit), once each, in order, and for the kinds the declaration
   * applies to ({@code regles}, from the reference files). A DAACT opens the window in which the
   * authority may contest the conformity (R462-6; longer where the project's contraintes make the
   * récolement compulsory, R462-7): it ends that many months after the receipt.
   *
   * @throws DemandeRefuseeException naming the article when the law does not allow it
   */
  public DeclarationChantier declarer(
      fr.parcelle.domain.model.referentiel.ReglesDeclarations regles,
      NatureDeclaration nature,
      LocalDate dateTravaux,
      LocalDate reception,
      Instant instant,
      String declarant,
      CalendrierJuridique calendrier) {
    fr.parcelle.domain.model.referentiel.ReglesDeclarations.Regle regle =
        regles
            .regle(nature)
            .orElseThrow(() -> new IllegalStateException("Règle absente : " + nature));
    String quoi = nature == NatureDeclaration.DOC ? "La DOC" : "La DAACT";
    if (natureDemande != NatureDemande.INITIALE) {
      throw new DemandeRefuseeException(
          quoi
              + " se dépose sur l'autorisation initiale n° "
              + NumeroDossier.depuis(numeroAutorisation).affichage()
              + ", non sur une demande "
              + natureDemande.name().toLowerCase()
              + " ("
              + regle.article()
              + ").");
    }
    if (!regle.appliqueA(type.nature())) {
      throw new DemandeRefuseeException(
          quoi
              + " ne concerne pas un dossier de type "
              + type.libelle().toLowerCase()
              + " ("
              + regle.article()
              + " : "
              + String.join(", ", new TreeSet<>(regle.naturesAutorisation()))
              + " seulement).");
    }
    if (!autorisationAccordee()) {
      throw new DemandeRefuseeException(
          quoi
              + " ne se dépose que sur une autorisation accordée, expressément ou tacitement ("
              + regle.article()
              + ") : ce dossier est "
              + statut.libelle()
              + (decision == null ? "" : " (" + decision.libelle() + ")")
              + ".");
    }
    Optional<DeclarationChantier> deja = declaration(nature);
    if (deja.isPresent()) {
      throw new DemandeRefuseeException(
          quoi + " de cette autorisation a déjà été reçue le " + deja.get().dateReception() + ".");
    }
    LocalDate plancher = dateDecision;
    // The preceding declaration is required only where it exists for this kind: a DP has no DOC.
    if (regle.precedente() != null
        && regles.regle(regle.precedente()).map(r -> r.appliqueA(type.nature())).orElse(false)) {
      Optional<DeclarationChantier> precedente = declaration(regle.precedente());
      if (precedente.isEmpty()) {
        throw new DemandeRefuseeException(
            quoi
                + " suit la déclaration d'ouverture de chantier : déposez d'abord la "
                + regle.precedente()
                + " ("
                + regle.article()
                + ").");
      }
      plancher = precedente.get().dateTravaux();
    }
    if (dateTravaux.isAfter(reception)) {
      throw new DemandeRefuseeException(
          quoi
              + " déclare des travaux faits : la date "
              + dateTravaux
              + " est postérieure à sa réception ("
              + reception
              + ").");
    }
    if (plancher != null && dateTravaux.isBefore(plancher)) {
      throw new DemandeRefuseeException(
          quoi
              + " ne peut dater les travaux du "
              + dateTravaux
              + ", avant "
              + (nature == NatureDeclaration.DOC
                  ? "la décision (" + plancher + ")"
                  : "l'ouverture du chantier déclarée (" + plancher + ")")
              + ".");
    }
    DeclarationChantier d;
    if (nature == NatureDeclaration.DAACT) {
      fr.parcelle.domain.model.referentiel.ReglesDeclarations.Contestation contestation =
          regles.contestation(contraintes);
      LocalDate fin = calendrier.finDelai(reception, contestation.mois(), departement());
      d =
          new DeclarationChantier(
              nature,
              dateTravaux,
              reception,
              instant,
              declarant,
              fin,
              contestation.mois(),
              contestation.article());
      noter(
          TypeEvenement.ACHEVEMENT_TRAVAUX,
          reception,
          instant,
          null,
          "Travaux achevés le "
              + dateTravaux
              + " ; la conformité peut être contestée jusqu'au "
              + fin
              + " ("
              + contestation.mois()
              + " mois, "
              + contestation.article()
              + " : "
              + String.join(" ; ", contestation.motifs())
              + ")");
    } else {
      d =
          new DeclarationChantier(
              nature, dateTravaux, reception, instant, declarant, null, null, null);
      noter(
          TypeEvenement.OUVERTURE_CHANTIER,
          reception,
          instant,
          null,
          "Chantier ouvert le " + dateTravaux + " ; déclaré par " + declarant);
    }
    declarations.add(d);
    return d;
  }

  /**
   * Whether the authorisation was granted: an express favourable decision (not a refusal,
   * opposition, deferral or negative CU), or a tacit decision that is not a refusal.
   */
  public boolean autorisationAccordee() {
    if (statut == StatutDossier.DECIDE) {
      return decision != null && !decision.exigeMotifs();
    }
    return statut == StatutDossier.DECISION_TACITE;
  }

  public List<DeclarationChantier> declarations() {
    return Collections.unmodifiableList(declarations);
  }

  public Optional<DeclarationChantier> declaration(NatureDeclaration nature) {
    return declarations.stream().filter(d -> d.nature() == nature).findFirst();
  }

  private void appliquer(Echeances e) {
    delaiInstructionMois = e.delaiMois();
    dateFinDelai = e.dateFinDelai();
    dateDecisionTacite = e.dateDecisionTacite();
    natureDecisionTacite = e.natureDecisionTacite();
    if (!e.majorations().isEmpty()) {
      majorations = String.join(",", e.majorations());
    }
    statut = statutInstruction();
  }

  private StatutDossier statutInstruction() {
    return majorations == null || majorations.isBlank()
        ? StatutDossier.EN_INSTRUCTION
        : StatutDossier.MAJORE;
  }

  private void noterMajoration(Echeances e, LocalDate date, Instant instant) {
    if (!e.majorations().isEmpty()) {
      noter(TypeEvenement.MAJORATION, date, instant, null, e.detailMajorations());
    }
  }

  private void exigerPremierMois(LocalDate date, String quoi) {
    LocalDate limite = dateLimiteCompletude().orElseThrow();
    if (date.isAfter(limite)) {
      throw new DemandeRefuseeException(
          quoi
              + " n'est possible que dans le mois qui suit le dépôt, soit jusqu'au "
              + jour(limite)
              + " : notifiée plus tard, elle ne modifierait pas le délai d'instruction (R423-41,"
              + " R423-42).");
    }
  }

  /** A date as people read it in French: 15 février 2027. */
  static String jour(LocalDate date) {
    return date.format(
        java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.FRANCE));
  }

  private void exigerDepose() {
    if (estBrouillon()) {
      throw new IllegalStateException("Un brouillon n'est pas instruit.");
    }
  }

  private void exigerEnInstruction() {
    if (statut != StatutDossier.EN_INSTRUCTION
        && statut != StatutDossier.MAJORE
        && statut != StatutDossier.EN_CONSULTATION) {
      throw new DemandeRefuseeException(
          "Le dossier est " + statut.libelle() + " : cette étape n'est pas possible.");
    }
  }

  private void noter(
      TypeEvenement type, LocalDate date, Instant instant, String article, String detail) {
    evenements.add(new EvenementDossier(type, date, instant, article, detail));
  }

  /**
   * R423-22: no request for missing pièces was notified within the month, the file is deemed
   * complete from its deposit. Recorded once; a later call changes nothing.
   *
   * @return whether this call recorded it
   */
  public boolean reputerComplet(Instant instant, Echeances echeances) {
    if (estBrouillon()) {
      throw new IllegalStateException("Un brouillon n'a pas de complétude.");
    }
    if (dateCompletude != null) {
      return false;
    }
    dateCompletude = dateDepot;
    completudeReputee = true;
    appliquer(echeances);
    noter(
        TypeEvenement.DOSSIER_REPUTE_COMPLET,
        dateLimiteCompletude().orElseThrow().plusDays(1),
        instant,
        null,
        "Aucune demande de pièces notifiée dans le mois : le délai court depuis le dépôt.");
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
    return pieces.stream().filter(p -> !p.complementaire() && p.code().equals(code)).findFirst();
  }

  public Optional<PieceJointe> pieceComplementaire(String code) {
    return pieces.stream().filter(p -> p.complementaire() && p.code().equals(code)).findFirst();
  }

  public List<PieceJointe> piecesComplementaires() {
    return pieces.stream().filter(PieceJointe::complementaire).toList();
  }

  public List<String> piecesDemandees() {
    return piecesDemandees == null || piecesDemandees.isBlank()
        ? List.of()
        : List.of(piecesDemandees.split(","));
  }

  public List<String> majorations() {
    return majorations == null || majorations.isBlank()
        ? List.of()
        : List.of(majorations.split(","));
  }

  public Optional<Consultation> consultation(UUID consultationId) {
    return consultations.stream().filter(c -> c.id().equals(consultationId)).findFirst();
  }

  public List<Consultation> consultations() {
    return Collections.unmodifiableList(consultations);
  }

  public List<EvenementDossier> evenements() {
    return Collections.unmodifiableList(evenements);
  }

  public Optional<LocalDate> dateAvisDepot() {
    return Optional.ofNullable(dateAvisDepot);
  }

  public Optional<LocalDate> dateTransmissionPrefet() {
    return Optional.ofNullable(dateTransmissionPrefet);
  }

  public Optional<LocalDate> dateDemandePieces() {
    return Optional.ofNullable(dateDemandePieces);
  }

  public Optional<LocalDate> dateLimitePieces() {
    return Optional.ofNullable(dateLimitePieces);
  }

  public Optional<LocalDate> dateReceptionPieces() {
    return Optional.ofNullable(dateReceptionPieces);
  }

  public Optional<LocalDate> dateFinDelai() {
    return Optional.ofNullable(dateFinDelai);
  }

  public Optional<String> natureDecisionTacite() {
    return Optional.ofNullable(natureDecisionTacite);
  }

  public boolean avisConformeDefavorable() {
    return Boolean.TRUE.equals(avisConformeDefavorable);
  }

  public Optional<NatureDecision> decisionProposee() {
    return Optional.ofNullable(decisionProposee);
  }

  public Optional<String> motifs() {
    return Optional.ofNullable(motifs);
  }

  public Optional<String> prescriptions() {
    return Optional.ofNullable(prescriptions);
  }

  public Optional<NatureDecision> decision() {
    return Optional.ofNullable(decision);
  }

  public Optional<LocalDate> dateDecision() {
    return Optional.ofNullable(dateDecision);
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

  /** The pièces filed with the dossier (not those answering a request for missing pièces). */
  public List<PieceJointe> pieces() {
    return pieces.stream().filter(p -> !p.complementaire()).toList();
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
