package fr.parcelle.application;

import fr.parcelle.application.DonneesInvalidesException.ChampInvalide;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.domain.model.delai.CalendrierJuridique;
import fr.parcelle.domain.model.delai.DelaiInstruction;
import fr.parcelle.domain.model.delai.Majoration;
import fr.parcelle.domain.model.dossier.Consultation;
import fr.parcelle.domain.model.dossier.DemandeRefuseeException;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierRepository;
import fr.parcelle.domain.model.dossier.NatureAvis;
import fr.parcelle.domain.model.dossier.NatureDecision;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.piece.PieceAttendue;
import fr.parcelle.domain.model.referentiel.Clause;
import fr.parcelle.domain.model.referentiel.ReferentielJuridique;
import fr.parcelle.domain.model.referentiel.ServiceConsultable;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.Territoire;
import fr.parcelle.domain.port.InstructionWorkflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The legal steps of the instruction (R423-1 to R424-13), called by the process at each step
 * (through infrastructure.workflow) and by the applicant's answer to a request for pièces. The
 * dossier keeps the legal dates and the timeline; the process keeps the clock.
 */
@ApplicationScoped
@Transactional
public class InstructionService {

  private static final Logger LOG = Logger.getLogger(InstructionService.class.getName());

  /** R423-39: the applicant has three months to supply the missing pièces. */
  static final int MOIS_POUR_FOURNIR_LES_PIECES = 3;

  private final DossierRepository dossiers;
  private final ReferentielJuridique referentiel;
  private final CalculDelais delais;
  private final CalendrierJuridique calendrier;
  private final InstructionWorkflow workflow;
  private final Territoire territoire;
  private final Clock horloge;

  @Inject
  public InstructionService(
      DossierRepository dossiers,
      ReferentielJuridique referentiel,
      CalculDelais delais,
      CalendrierJuridique calendrier,
      InstructionWorkflow workflow,
      Territoire territoire,
      Clock horloge) {
    this.dossiers = dossiers;
    this.referentiel = referentiel;
    this.delais = delais;
    this.calendrier = calendrier;
    this.workflow = workflow;
    this.territoire = territoire;
    this.horloge = horloge;
  }

  /** CDI proxy constructor. */
  protected InstructionService() {
    this(null, null, null, null, null, null, null);
  }

  /**
   * What the instructor is offered at the completeness step, computed from the law's tables, with
   * the dossier as this step left it and its summary (for the task forms' fiche).
   */
  public record Propositions(
      Dossier dossier,
      InstructionWorkflow.Resume resume,
      List<Majoration> majorationsProposees,
      List<Majoration> majorationsPossibles,
      List<ServiceConsultable> servicesProposes,
      List<ServiceConsultable> servicesConsultables,
      List<PieceAttendue> piecesDuBordereau) {}

  /**
   * On deposit: the avis de dépôt is published (R423-6) and the file is sent to the préfet
   * (R423-7); returns what the completeness step will offer.
   */
  public Propositions enregistrerDepot(NumeroDossier numero) {
    Dossier d = pourModification(numero);
    LocalDate aujourdhui = LocalDate.now(horloge);
    d.publierAvisDepot(aujourdhui, horloge.instant());
    d.transmettrePrefet(aujourdhui, horloge.instant());
    LocalDate depot = d.dateDepot().orElseThrow();
    Set<String> toutes = referentiel.contraintes().keySet();
    // A commune no longer served keeps its files: its code stands for its name.
    String commune =
        territoire.commune(d.communeInsee()).map(Commune::nom).orElse(d.communeInsee());
    return new Propositions(
        d,
        InstructionWorkflow.Resume.de(
            d, referentiel.caracteristiques(d.type(), depot).libelle(), commune),
        delais.majorationsProposees(d.type(), d.contraintes(), depot),
        delais.majorationsProposees(d.type(), toutes, depot),
        referentiel.servicesConsultables().stream()
            .filter(s -> s.propose(d.contraintes()))
            .toList(),
        referentiel.servicesConsultables(),
        referentiel.catalogue().piecesAttendues(d.type(), d.contraintes()));
  }

  /**
   * The instructor found the file complete within the month: the délai runs from the deposit, with
   * the majorations notified now (R423-42).
   */
  public Dossier.Echeances constaterComplet(NumeroDossier numero, List<String> majorations) {
    Dossier d = pourModification(numero);
    LocalDate aujourdhui = LocalDate.now(horloge);
    List<Majoration> retenues = majorations(d, majorations);
    Dossier.Echeances e = echeances(d, d.dateDepot().orElseThrow(), retenues);
    if (!d.constaterComplet(aujourdhui, horloge.instant(), e)) {
      LOG.info(() -> "Dossier " + numero.affichage() + " déjà complet : rien à changer");
      return echeancesActuelles(d);
    }
    LOG.info(
        () ->
            "Dossier "
                + numero.affichage()
                + " complet ; décision tacite au "
                + e.dateDecisionTacite());
    return e;
  }

  /**
   * R423-38: the single, exhaustive request for missing pièces, chosen from this dossier's
   * catalogue, with the majorations notified in the same letter.
   *
   * @return the last day for the applicant's answer (three months, R423-39)
   */
  public LocalDate demanderPieces(
      NumeroDossier numero, List<String> codes, String precisions, List<String> majorations) {
    Dossier d = pourModification(numero);
    LocalDate aujourdhui = LocalDate.now(horloge);
    Map<String, String> bordereau =
        referentiel.catalogue().piecesAttendues(d.type(), d.contraintes()).stream()
            .collect(
                Collectors.toMap(
                    PieceAttendue::code, PieceAttendue::libelle, (a, b) -> a, LinkedHashMap::new));
    List<String> inconnues = codes.stream().filter(c -> !bordereau.containsKey(c)).toList();
    if (!inconnues.isEmpty()) {
      throw new DemandeRefuseeException(
          "Pièces hors du bordereau de ce dossier (R423-41 : seules les pièces prévues par le"
              + " code peuvent être demandées) : "
              + String.join(", ", inconnues)
              + ".");
    }
    List<Majoration> retenues = majorations(d, majorations);
    LocalDate limite =
        calendrier.finDelai(aujourdhui, MOIS_POUR_FOURNIR_LES_PIECES, d.departement());
    String detail =
        codes.stream().map(c -> c + " – " + bordereau.get(c)).collect(Collectors.joining(" ; "))
            + (precisions == null || precisions.isBlank() ? "" : ". Précisions : " + precisions)
            + ". À fournir au plus tard le "
            + limite.format(
                java.time.format.DateTimeFormatter.ofPattern(
                    "d MMMM yyyy", java.util.Locale.FRANCE))
            + ".";
    d.demanderPieces(
        codes,
        detail,
        aujourdhui,
        limite,
        retenues.stream().map(Majoration::code).toList(),
        detailMajorations(retenues),
        horloge.instant());
    LOG.info(() -> "Dossier " + numero.affichage() + " incomplet : " + codes);
    return limite;
  }

  /**
   * The applicant transmits the pièces requested (every one of them): the délai runs again from
   * today (R423-39) and the process is told.
   */
  public Dossier.Echeances transmettrePiecesComplementaires(Utilisateur u, UUID id) {
    Dossier d =
        dossiers
            .parIdPourModification(id)
            .filter(x -> x.depositaire().equals(u.login()) || x.nomme(u.email()))
            .orElseThrow(() -> new DossierIntrouvableException(id));
    List<String> manquantes = d.piecesComplementairesManquantes();
    if (d.statut() == fr.parcelle.domain.model.dossier.StatutDossier.INCOMPLET
        && !manquantes.isEmpty()) {
      throw new DonneesInvalidesException(
          manquantes.stream()
              .map(
                  c ->
                      new ChampInvalide("piecesComplementaires." + c, "Pièce demandée non jointe."))
              .toList());
    }
    LocalDate aujourdhui = LocalDate.now(horloge);
    Dossier.Echeances e = echeances(d, aujourdhui, majorations(d, d.majorations()));
    d.recevoirPieces(aujourdhui, horloge.instant(), e);
    workflow.piecesRecues(d.numero().orElseThrow(), e);
    return e;
  }

  /** R423-39 a: no answer within three months. */
  public void rejeterTacitement(NumeroDossier numero) {
    Dossier d = pourModification(numero);
    d.rejeterTacitement(LocalDate.now(horloge), horloge.instant());
    LOG.info(() -> "Dossier " + numero.affichage() + " : " + d.statut().libelle());
  }

  /**
   * R423-22: the month for a request for missing pièces ran out; the dossier is deemed complete
   * from its deposit (majorations not notified are void, R423-42).
   */
  public Dossier.Echeances constaterCompletudeReputee(NumeroDossier numero) {
    Dossier d = pourModification(numero);
    if (d.dateCompletude().isPresent()) {
      return echeancesActuelles(d);
    }
    Dossier.Echeances e = echeances(d, d.dateDepot().orElseThrow(), List.of());
    d.reputerComplet(horloge.instant(), e);
    LOG.info(() -> "Dossier " + numero.affichage() + " réputé complet (R423-22)");
    return echeancesActuelles(d);
  }

  /** A consultation sent today: who answers, and until when. */
  public record ConsultationOuverte(
      UUID id, String serviceCode, String libelle, String groupe, LocalDate dateLimite) {}

  /** R423-50: consults a service of the catalogue; its délai runs from today. */
  public ConsultationOuverte consulter(
      NumeroDossier numero, String serviceCode, String groupeInstructeurs) {
    Dossier d = pourModification(numero);
    ServiceConsultable s =
        referentiel
            .serviceConsultable(serviceCode)
            .orElseThrow(
                () -> new DemandeRefuseeException("Service à consulter inconnu : " + serviceCode));
    LocalDate aujourdhui = LocalDate.now(horloge);
    LocalDate limite =
        calendrier.finDelai(
            aujourdhui, s.delaiMois(d.type().nature(), d.contraintes()), d.departement());
    Consultation c =
        d.consulter(
            s.code(),
            s.libelle(),
            s.accordRequis(d.contraintes()),
            aujourdhui,
            limite,
            s.article(),
            horloge.instant());
    return new ConsultationOuverte(
        c.id(), s.code(), s.libelle(), s.groupeAgents().orElse(groupeInstructeurs), limite);
  }

  /**
   * Records an avis. When it binds the decision against the project (R424-3), silence at the end of
   * the délai becomes a refusal: the nature of the tacit decision is recomputed.
   *
   * @return the nature of the tacit decision from now on
   */
  public String enregistrerAvis(
      NumeroDossier numero, UUID consultation, NatureAvis nature, String texte, String auteur) {
    return avis(numero, consultation, nature, texte, auteur, false);
  }

  /** R423-59: no avis within the délai, the service is deemed to have given a favourable one. */
  public String constaterAvisTacite(NumeroDossier numero, UUID consultation) {
    Dossier d = pourModification(numero);
    if (d.consultation(consultation).map(c -> !c.estOuverte()).orElse(false)) {
      return d.natureDecisionTacite().orElse(null);
    }
    return avis(numero, consultation, NatureAvis.FAVORABLE, null, null, true);
  }

  private String avis(
      NumeroDossier numero,
      UUID consultation,
      NatureAvis nature,
      String texte,
      String auteur,
      boolean tacite) {
    Dossier d = pourModification(numero);
    boolean lie =
        d.enregistrerAvis(
            consultation, nature, texte, LocalDate.now(horloge), auteur, tacite, horloge.instant());
    if (lie) {
      DelaiInstruction delai =
          delais.calculer(
              d.type(),
              d.contraintes(),
              d.departement(),
              d.dateDepot().orElseThrow(),
              d.dateCompletude().orElseThrow(),
              majorations(d, d.majorations()),
              true);
      d.requalifierDecisionTacite(delai.natureDecisionTacite().name());
    }
    return d.natureDecisionTacite().orElse(null);
  }

  /** The clause library, for the proposal form. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Clause> clauses() {
    return referentiel.clauses();
  }

  /**
   * The instructor proposes a decision: the clauses picked from the library, then the texts they
   * edited (reasons and prescriptions).
   */
  public void proposerDecision(
      NumeroDossier numero,
      NatureDecision nature,
      List<String> clausesChoisies,
      String motifs,
      String prescriptions) {
    Dossier d = pourModification(numero);
    StringBuilder m = new StringBuilder();
    StringBuilder p = new StringBuilder();
    for (String code : clausesChoisies == null ? List.<String>of() : clausesChoisies) {
      Clause c =
          referentiel.clauses().stream()
              .filter(x -> x.code().equals(code))
              .findFirst()
              .orElseThrow(() -> new DemandeRefuseeException("Clause inconnue : " + code));
      StringBuilder cible = c.usage() == Clause.Usage.MOTIF ? m : p;
      cible.append(c.texte()).append(" (").append(c.article()).append(")\n");
    }
    if (motifs != null && !motifs.isBlank()) {
      m.append(motifs.strip()).append('\n');
    }
    if (prescriptions != null && !prescriptions.isBlank()) {
      p.append(prescriptions.strip()).append('\n');
    }
    d.proposerDecision(
        nature,
        m.toString().strip(),
        p.toString().strip(),
        LocalDate.now(horloge),
        horloge.instant());
  }

  /** The maire sends the draft back to the instructor. */
  public void renvoyer(NumeroDossier numero, String commentaire) {
    Dossier d = pourModification(numero);
    d.renvoyerProposition(commentaire, LocalDate.now(horloge), horloge.instant());
  }

  /** R424-1: the délai expired with no decision notified. */
  public void constaterDecisionTacite(NumeroDossier numero) {
    Dossier d = pourModification(numero);
    if (d.constaterDecisionTacite(LocalDate.now(horloge), horloge.instant())) {
      LOG.info(() -> "Dossier " + numero.affichage() + " : " + d.statut().libelle());
    }
  }

  /** The dossier itself, read for the process. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Dossier dossier(NumeroDossier numero) {
    return dossiers
        .parNumero(numero)
        .orElseThrow(() -> new IllegalStateException("Dossier inconnu : " + numero));
  }

  private Dossier pourModification(NumeroDossier numero) {
    return dossiers
        .parNumeroPourModification(numero)
        .orElseThrow(() -> new IllegalStateException("Dossier inconnu : " + numero));
  }

  private List<Majoration> majorations(Dossier d, List<String> codes) {
    if (codes == null || codes.isEmpty()) {
      return List.of();
    }
    List<Majoration> possibles =
        delais.majorationsProposees(
            d.type(), referentiel.contraintes().keySet(), d.dateDepot().orElseThrow());
    List<Majoration> retenues = new ArrayList<>();
    for (String code : codes) {
      retenues.add(
          possibles.stream()
              .filter(m -> m.code().equals(code))
              .findFirst()
              .orElseThrow(
                  () ->
                      new DemandeRefuseeException(
                          "Majoration « "
                              + code
                              + " » inconnue pour un dossier "
                              + d.type()
                              + ".")));
    }
    return retenues;
  }

  private Dossier.Echeances echeances(Dossier d, LocalDate debut, List<Majoration> retenues) {
    DelaiInstruction delai =
        delais.calculer(
            d.type(),
            d.contraintes(),
            d.departement(),
            d.dateDepot().orElseThrow(),
            debut,
            retenues,
            d.avisConformeDefavorable());
    return new Dossier.Echeances(
        debut,
        delai.delaiMois(),
        delai.dateFinDelai(),
        delai.dateDecisionTacite(),
        delai.natureDecisionTacite().name(),
        retenues.stream().map(Majoration::code).toList(),
        detailMajorations(retenues));
  }

  private static Dossier.Echeances echeancesActuelles(Dossier d) {
    return new Dossier.Echeances(
        d.dateCompletude().orElse(d.dateDepot().orElseThrow()),
        d.delaiInstructionMois().orElse(0),
        d.dateFinDelai().orElseThrow(),
        d.dateDecisionTacite().orElseThrow(),
        d.natureDecisionTacite().orElse(null),
        d.majorations(),
        null);
  }

  private static String detailMajorations(List<Majoration> retenues) {
    return retenues.stream()
        .map(m -> m.motif() + " (" + m.article() + ")")
        .collect(Collectors.joining(" ; "));
  }

  /** Instant for tests and logs. */
  Instant maintenant() {
    return horloge.instant();
  }
}
