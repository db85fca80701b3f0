package fr.parcelle.application;

import fr.parcelle.application.DonneesInvalidesException.ChampInvalide;
import fr.parcelle.application.securite.Role;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.domain.model.delai.CalendrierJuridique;
import fr.parcelle.domain.model.dossier.ApercuDossier;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierDepose;
import fr.parcelle.domain.model.dossier.DossierRepository;
import fr.parcelle.domain.model.dossier.NatureDemande;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.piece.PieceAttendue;
import fr.parcelle.domain.model.piece.PieceJointe;
import fr.parcelle.domain.model.piece.TypeDocument;
import fr.parcelle.domain.model.referentiel.CaracteristiquesType;
import fr.parcelle.domain.model.referentiel.ReferentielJuridique;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.ServiceInstructeur;
import fr.parcelle.domain.model.territoire.Territoire;
import fr.parcelle.domain.port.DocumentGenerator;
import fr.parcelle.domain.port.DocumentStore;
import fr.parcelle.domain.port.InstructionWorkflow;
import fr.parcelle.domain.port.InstructionWorkflow.DemarrageInstruction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Use cases of a dossier's filing: open a draft, join pièces, deposit it (legal number, receipts
 * and start of instruction in one transaction), read it. Every call checks the caller's function
 * and their right on this very file: applicants see and change only the dossiers they filed or are
 * named on.
 */
@ApplicationScoped
@Transactional
public class DossierService {

  private static final Logger LOG = Logger.getLogger(DossierService.class.getName());

  private final DossierRepository dossiers;
  private final Territoire territoire;
  private final ReferentielJuridique referentiel;
  private final InstructionWorkflow instruction;
  private final DocumentGenerator documents;
  private final DocumentStore stockage;
  private final Event<DossierDepose> evenements;
  private final Clock horloge;
  private final CalendrierJuridique calendrier;
  private final CalculDelais delais;

  @Inject
  public DossierService(
      DossierRepository dossiers,
      Territoire territoire,
      ReferentielJuridique referentiel,
      InstructionWorkflow instruction,
      DocumentGenerator documents,
      DocumentStore stockage,
      Event<DossierDepose> evenements,
      Clock horloge,
      CalendrierJuridique calendrier,
      CalculDelais delais) {
    this.dossiers = dossiers;
    this.territoire = territoire;
    this.referentiel = referentiel;
    this.instruction = instruction;
    this.documents = documents;
    this.stockage = stockage;
    this.evenements = evenements;
    this.horloge = horloge;
    this.calendrier = calendrier;
    this.delais = delais;
  }

  /** CDI proxy constructor. */
  protected DossierService() {
    this(null, null, null, null, null, null, null, null, null, null);
  }

  /** Opens a draft for an applicant. Nothing legal happens until the deposit. */
  public Dossier creerBrouillon(Utilisateur demandeur, DemandeDossier demande) {
    if (!demandeur.a(Role.DEMANDEUR)) {
      throw new AccesRefuseException("Seul un demandeur peut créer un dossier.");
    }
    Dossier.Donnees donnees = new ValidationDossier(territoire, referentiel).valider(demande);
    if (donnees.natureDemande() != NatureDemande.INITIALE) {
      autorisationDerivable(demandeur, donnees.numeroAutorisation(), donnees.type());
    }
    Dossier dossier = Dossier.brouillon(donnees, demandeur.login(), horloge.instant());
    dossiers.ajouter(dossier);
    return dossier;
  }

  /**
   * A modificatif or transfert is asked on a deposited authorisation of the same kind that the
   * caller may change.
   */
  private void autorisationDerivable(
      Utilisateur u, String numero, fr.parcelle.domain.model.dossier.TypeDossier type) {
    Optional<Dossier> autorisation =
        dossiers.parNumero(NumeroDossier.depuis(numero)).filter(d -> peutModifier(u, d));
    if (autorisation.isEmpty()) {
      throw new DonneesInvalidesException(
          List.of(
              new ChampInvalide(
                  "numeroAutorisation",
                  "Aucune autorisation " + numero + " ne vous est accessible.")));
    }
    if (autorisation.get().type() != type) {
      throw new DonneesInvalidesException(
          List.of(
              new ChampInvalide(
                  "type",
                  "Le type doit être celui de l'autorisation : "
                      + autorisation.get().type()
                      + ".")));
    }
  }

  /**
   * The pièces this dossier may or must contain, from the catalogue of its kind and its
   * contraintes.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<PieceAttendue> piecesAttendues(Dossier dossier) {
    return referentiel.catalogue().piecesAttendues(dossier.type(), dossier.contraintes());
  }

  /**
   * Checks, before any byte is read, that the caller may join pièce {@code code} to this dossier.
   *
   * @return the catalogue entry of the pièce
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public PieceAttendue pieceAcceptable(Utilisateur u, UUID id, String code) {
    ApercuDossier dossier = brouillonModifiable(u, id);
    return referentiel
        .catalogue()
        .piece(dossier.type(), dossier.contraintes(), code)
        .orElseThrow(
            () ->
                new DonneesInvalidesException(
                    List.of(
                        new ChampInvalide(
                            "code",
                            "La pièce « "
                                + code
                                + " » n'appartient pas au bordereau de ce dossier ("
                                + dossier.type()
                                + ") : "
                                + String.join(
                                    ", ",
                                    referentiel
                                        .catalogue()
                                        .piecesAttendues(dossier.type(), dossier.contraintes())
                                        .stream()
                                        .map(PieceAttendue::code)
                                        .toList())
                                + "."))));
  }

  /**
   * Checks once, before any byte is read, that the caller may join pièces to this draft.
   *
   * @return the pièces of its bordereau, by code, in the catalogue's order
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<String, PieceAttendue> bordereauModifiable(Utilisateur u, UUID id) {
    ApercuDossier dossier = brouillonModifiable(u, id);
    Map<String, PieceAttendue> bordereau = new LinkedHashMap<>();
    for (PieceAttendue p :
        referentiel.catalogue().piecesAttendues(dossier.type(), dossier.contraintes())) {
      bordereau.put(p.code(), p);
    }
    return bordereau;
  }

  private ApercuDossier brouillonModifiable(Utilisateur u, UUID id) {
    ApercuDossier dossier =
        dossiers
            .apercu(id)
            .filter(d -> peutModifier(u, d.depositaire(), () -> d.nomme(u.email())))
            .orElseThrow(() -> new DossierIntrouvableException(id));
    if (!dossier.estBrouillon()) {
      throw new OperationImpossibleException(
          "Le dossier est déposé : ses pièces ne se modifient plus ici.");
    }
    return dossier;
  }

  /**
   * Checks, before any byte is read, that the caller may answer the request for missing pièces with
   * pièce {@code code} (R423-38: only the pièces requested, while the request is open).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public PieceAttendue pieceComplementaireAcceptable(Utilisateur u, UUID id, String code) {
    Dossier dossier =
        dossiers
            .parId(id)
            .filter(d -> peutModifier(u, d))
            .orElseThrow(() -> new DossierIntrouvableException(id));
    if (dossier.statut() != fr.parcelle.domain.model.dossier.StatutDossier.INCOMPLET) {
      throw new OperationImpossibleException(
          "Aucune demande de pièces complémentaires n'attend de réponse sur ce dossier ("
              + dossier.statut().libelle()
              + ").");
    }
    if (!dossier.piecesDemandees().contains(code)) {
      throw new DonneesInvalidesException(
          List.of(
              new ChampInvalide(
                  "code",
                  "La pièce « "
                      + code
                      + " » n'a pas été demandée. Pièces demandées : "
                      + String.join(", ", dossier.piecesDemandees())
                      + ".")));
    }
    return referentiel
        .catalogue()
        .piece(dossier.type(), dossier.contraintes(), code)
        .orElseThrow(() -> new IllegalStateException("Pièce demandée hors catalogue : " + code));
  }

  /** Records a pièce answering the request for missing pièces, beside the pièces filed. */
  public PieceJointe joindreComplement(Utilisateur u, UUID id, PieceJointe piece) {
    Dossier dossier =
        dossiers
            .parIdPourModification(id)
            .filter(d -> peutModifier(u, d))
            .orElseThrow(() -> new DossierIntrouvableException(id));
    try {
      return dossier.joindreComplement(piece);
    } catch (fr.parcelle.domain.model.dossier.DemandeRefuseeException e) {
      throw new OperationImpossibleException(e.getMessage());
    }
  }

  /** Records a checked and stored pièce, replacing the previous one of the same code. */
  public PieceJointe joindre(Utilisateur u, UUID id, PieceJointe piece) {
    Dossier dossier =
        dossiers
            .parIdPourModification(id)
            .filter(d -> peutModifier(u, d))
            .orElseThrow(() -> new DossierIntrouvableException(id));
    exigerBrouillon(dossier);
    return dossier.joindre(piece);
  }

  /**
   * Records several checked and stored pièces in one transaction (one locked load of the dossier),
   * each replacing the previous one of its code.
   */
  public List<PieceJointe> joindreTout(Utilisateur u, UUID id, List<PieceJointe> pieces) {
    Dossier dossier =
        dossiers
            .parIdPourModification(id)
            .filter(d -> peutModifier(u, d))
            .orElseThrow(() -> new DossierIntrouvableException(id));
    exigerBrouillon(dossier);
    return pieces.stream().map(dossier::joindre).toList();
  }

  /**
   * Deposits a draft: completeness, the next legal number of its series, the AEE and the récépissé,
   * and the start of its instruction, all in this transaction, so that a failure leaves neither a
   * number nor a process behind. A second call (or a retry with the same idempotency key) returns
   * the first deposit.
   */
  public Depot deposer(Utilisateur u, UUID id, String cleIdempotence) {
    if (cleIdempotence != null) {
      Optional<Dossier> deja = dossiers.parCleIdempotence(u.login(), cleIdempotence);
      if (deja.isPresent()) {
        if (!deja.get().id().equals(id)) {
          throw new OperationImpossibleException(
              "Cette clé d'idempotence a déjà servi au dépôt d'un autre dossier.");
        }
        return new Depot(deja.get(), true);
      }
    }
    Dossier dossier =
        dossiers
            .parIdPourModification(id)
            .filter(d -> peutModifier(u, d))
            .orElseThrow(() -> new DossierIntrouvableException(id));
    if (!dossier.estBrouillon()) {
      return new Depot(dossier, true);
    }
    List<ChampInvalide> manques =
        ValidationDossier.manques(
            dossier, piecesAttendues(dossier), referentiel.seuilArchitecteM2());
    if (!manques.isEmpty()) {
      throw new DonneesInvalidesException(manques);
    }
    Commune commune = communeServie(dossier);
    ServiceInstructeur service =
        territoire
            .service(commune.codeService())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Service instructeur inconnu : " + commune.codeService()));
    ZonedDateTime maintenant = ZonedDateTime.now(horloge);
    CaracteristiquesType caracteristiques =
        referentiel.caracteristiques(dossier.type(), maintenant.toLocalDate());
    NumeroDossier numero = numeroter(dossier, commune, service, maintenant.getYear());
    dossier.deposer(
        numero,
        maintenant.toInstant(),
        maintenant.toLocalDate(),
        caracteristiques,
        calendrier,
        cleIdempotence);
    dossier.prevoirEcheances(
        delais.calculer(
            dossier.type(),
            dossier.contraintes(),
            dossier.departement(),
            maintenant.toLocalDate(),
            maintenant.toLocalDate(),
            java.util.List.of(),
            false));
    emettre(
        dossier,
        TypeDocument.AEE,
        documents.accuseEnregistrement(dossier, commune, service),
        maintenant);
    emettre(
        dossier,
        TypeDocument.RECEPISSE,
        documents.recepisse(dossier, commune, service, caracteristiques),
        maintenant);
    evenements.fire(new DossierDepose(dossier));
    instruction.demarrer(
        new DemarrageInstruction(
            numero,
            dossier.type().name(),
            commune.insee(),
            territoire.groupeInstructeurs(commune),
            territoire.groupeMaire(commune.insee()),
            maintenant.toLocalDate(),
            dossier.dateLimiteCompletude().orElseThrow(),
            dossier.dateDecisionTacite().orElseThrow(),
            InstructionWorkflow.Resume.de(dossier, caracteristiques.libelle(), commune.nom())));
    LOG.info(() -> "Dossier " + numero.affichage() + " déposé par " + u.login());
    return new Depot(dossier, false);
  }

  /**
   * The holder of a granted authorisation declares the opening (DOC, R424-16) or the completion and
   * conformity (DAACT, R462-1) of its works: received today, recorded on the authorisation's
   * timeline, receipted (PDF/A) in the same transaction. Only the applicants of the file (its
   * depositaire or a named demandeur) may; others get 404 if they cannot see the file, 403 if they
   * can (an instructor, the maire).
   *
   * @param code DOC or DAACT
   * @param dateTravaux the day the works opened or were completed
   */
  public fr.parcelle.domain.model.dossier.DeclarationChantier declarer(
      Utilisateur u, UUID id, String code, java.time.LocalDate dateTravaux) {
    fr.parcelle.domain.model.dossier.NatureDeclaration nature =
        fr.parcelle.domain.model.dossier.NatureDeclaration.depuisCode(code)
            .orElseThrow(
                () ->
                    new DonneesInvalidesException(
                        List.of(
                            new ChampInvalide(
                                "nature",
                                "Déclaration inconnue « " + code + " » : DOC ou DAACT."))));
    if (dateTravaux == null) {
      throw new DonneesInvalidesException(
          List.of(
              new ChampInvalide(
                  "date",
                  nature == fr.parcelle.domain.model.dossier.NatureDeclaration.DOC
                      ? "La date d'ouverture du chantier est obligatoire (AAAA-MM-JJ)."
                      : "La date d'achèvement des travaux est obligatoire (AAAA-MM-JJ).")));
    }
    Dossier dossier =
        dossiers
            .parIdPourModification(id)
            .filter(d -> peutVoir(u, d))
            .orElseThrow(() -> new DossierIntrouvableException(id));
    if (!peutModifier(u, dossier)) {
      throw new AccesRefuseException(
          "Seul le titulaire de l'autorisation (son déposant ou un demandeur nommé) dépose la "
              + nature
              + ".");
    }
    if (dossier.estBrouillon()) {
      throw new OperationImpossibleException(
          "Ce dossier n'est pas déposé : il n'y a pas d'autorisation sur laquelle déclarer.");
    }
    fr.parcelle.domain.model.referentiel.ReglesDeclarations regles = referentiel.declarations();
    fr.parcelle.domain.model.referentiel.ReglesDeclarations.Regle regle =
        regles
            .regle(nature)
            .orElseThrow(() -> new IllegalStateException("Règle absente : " + nature));
    Commune commune = communeServie(dossier);
    ZonedDateTime maintenant = ZonedDateTime.now(horloge);
    fr.parcelle.domain.model.dossier.DeclarationChantier declaration =
        dossier.declarer(
            regles,
            nature,
            dateTravaux,
            maintenant.toLocalDate(),
            maintenant.toInstant(),
            u.login(),
            calendrier);
    emettre(
        dossier,
        nature == fr.parcelle.domain.model.dossier.NatureDeclaration.DOC
            ? TypeDocument.RECEPISSE_DOC
            : TypeDocument.RECEPISSE_DAACT,
        documents.recepisseDeclaration(dossier, declaration, regle, commune),
        maintenant);
    LOG.info(
        () ->
            nature
                + " reçue sur "
                + dossier.numero().map(NumeroDossier::affichage).orElse("?")
                + " de "
                + u.login());
    return declaration;
  }

  private NumeroDossier numeroter(
      Dossier dossier, Commune commune, ServiceInstructeur service, int annee) {
    if (dossier.natureDemande() == NatureDemande.INITIALE) {
      String nature = dossier.type().nature();
      int rang = dossiers.prochainRang(nature, commune.insee(), annee);
      return NumeroDossier.attribuer(
          nature, commune.insee(), annee, rang, service.prefixeSequence());
    }
    NumeroDossier autorisation = NumeroDossier.depuis(dossier.numeroAutorisation().orElseThrow());
    // Lock the authorisation's row: concurrent modificatifs of one permit take M01, M02… in turn.
    dossiers.parNumeroPourModification(autorisation);
    return autorisation.derive(
        dossier.natureDemande(),
        dossiers.prochainRangDerive(autorisation, dossier.natureDemande()));
  }

  private void emettre(Dossier dossier, TypeDocument type, byte[] pdf, ZonedDateTime maintenant) {
    Emission.emettre(stockage, dossier, type, pdf, maintenant.toInstant());
  }

  /** A dossier the caller may see. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Dossier consulter(Utilisateur utilisateur, UUID id) {
    return dossiers
        .parId(id)
        .filter(dossier -> peutVoir(utilisateur, dossier))
        .orElseThrow(() -> new DossierIntrouvableException(id));
  }

  /** Open tasks of a dossier the caller may see (empty for a draft). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<InstructionWorkflow.TacheInstruction> taches(Utilisateur utilisateur, UUID id) {
    return consulter(utilisateur, id).numero().map(instruction::taches).orElse(List.of());
  }

  /** The dossiers an applicant filed or is named on. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Dossier> mesDossiers(Utilisateur utilisateur) {
    return dossiers.deLUtilisateur(utilisateur.login(), utilisateur.email());
  }

  private static void exigerBrouillon(Dossier dossier) {
    if (!dossier.estBrouillon()) {
      throw new OperationImpossibleException(
          "Le dossier est déposé sous le numéro "
              + dossier.numero().map(NumeroDossier::affichage).orElse("?")
              + " : ses pièces ne se modifient plus ici.");
    }
  }

  /** Applicants change only the dossiers they filed or are named on (A423-5). */
  private static boolean peutModifier(Utilisateur u, Dossier d) {
    return peutModifier(u, d.depositaire(), () -> d.nomme(u.email()));
  }

  // The applicants' list is read only for a person who did not file the dossier: each pièce sent by
  // its author would otherwise read it once more (issue 8).
  private static boolean peutModifier(Utilisateur u, String depositaire, BooleanSupplier nomme) {
    return u.a(Role.DEMANDEUR) && (depositaire.equals(u.login()) || nomme.getAsBoolean());
  }

  /** A423-5 (6): access by function and by file. Drafts are their authors' only. */
  private boolean peutVoir(Utilisateur utilisateur, Dossier dossier) {
    if (dossier.depositaire().equals(utilisateur.login()) || dossier.nomme(utilisateur.email())) {
      return true;
    }
    if (dossier.estBrouillon()) {
      return false;
    }
    if (utilisateur.a(Role.ADMINISTRATEUR)) {
      return true;
    }
    if (utilisateur.a(Role.INSTRUCTEUR)) {
      boolean duService =
          territoire
              .commune(dossier.communeInsee())
              .flatMap(c -> territoire.service(c.codeService()))
              .map(s -> utilisateur.estMembreDe(s.groupeInstructeurs()))
              .orElse(false);
      if (duService) {
        return true;
      }
    }
    if (utilisateur.a(Role.SERVICE_CONSULTE) && consulte(utilisateur, dossier)) {
      return true;
    }
    return utilisateur.a(Role.MAIRE)
        && utilisateur.estMembreDe(territoire.groupeMaire(dossier.communeInsee()));
  }

  /** A consulted service sees only the dossiers it is consulted on (A423-5). */
  private boolean consulte(Utilisateur utilisateur, Dossier dossier) {
    return dossier.consultations().stream()
        .map(c -> referentiel.serviceConsultable(c.serviceCode()))
        .flatMap(java.util.Optional::stream)
        .flatMap(s -> s.groupeAgents().stream())
        .anyMatch(utilisateur::estMembreDe);
  }

  /**
   * The consultation of service {@code code} on a dossier, if the caller may record its avis or its
   * document: the service's own agents, or the instructors of the dossier's service (for a service
   * without an account, whose avis arrives by mail).
   */
  public fr.parcelle.domain.model.dossier.Consultation consultationModifiable(
      Utilisateur u, UUID id, String code) {
    Dossier dossier =
        dossiers
            .parId(id)
            .filter(d -> peutVoir(u, d))
            .orElseThrow(() -> new DossierIntrouvableException(id));
    fr.parcelle.domain.model.dossier.Consultation c =
        dossier.consultations().stream()
            .filter(x -> x.serviceCode().equals(code))
            .reduce((a, b) -> b)
            .orElseThrow(
                () ->
                    new DonneesInvalidesException(
                        List.of(
                            new ChampInvalide(
                                "service",
                                "Le service " + code + " n'est pas consulté sur ce dossier."))));
    boolean agentDuService =
        referentiel
            .serviceConsultable(code)
            .flatMap(s -> s.groupeAgents())
            .map(u::estMembreDe)
            .orElse(false);
    boolean instructeur =
        u.a(Role.INSTRUCTEUR)
            && territoire
                .commune(dossier.communeInsee())
                .flatMap(cm -> territoire.service(cm.codeService()))
                .map(sv -> u.estMembreDe(sv.groupeInstructeurs()))
                .orElse(false);
    if (!agentDuService && !instructeur) {
      throw new AccesRefuseException(
          "Seuls les agents du service consulté ou le service instructeur joignent ce document.");
    }
    return c;
  }

  /** Keeps the document of a service's avis (checked as a pièce), replacing a previous one. */
  public void joindreDocumentAvis(
      Utilisateur u, UUID id, String code, fr.parcelle.domain.model.piece.PieceJointe document) {
    consultationModifiable(u, id, code);
    Dossier dossier =
        dossiers.parIdPourModification(id).orElseThrow(() -> new DossierIntrouvableException(id));
    dossier.joindreDocumentAvis(code, document);
  }

  private Commune communeServie(Dossier dossier) {
    return territoire
        .commune(dossier.communeInsee())
        .orElseThrow(
            () ->
                new OperationImpossibleException(
                    "La commune " + dossier.communeInsee() + " n'est plus servie."));
  }
}
