package fr.parcelle.application;

import fr.parcelle.application.DonneesInvalidesException.ChampInvalide;
import fr.parcelle.application.securite.Role;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierRepository;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.ServiceInstructeur;
import fr.parcelle.domain.model.territoire.Territoire;
import fr.parcelle.domain.port.InstructionWorkflow;
import fr.parcelle.domain.port.InstructionWorkflow.DemarrageInstruction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Use cases of a dossier's filing: open a draft, deposit it (legal number + start of instruction in
 * one transaction), read it. Every call checks the caller's function and their right on this very
 * file.
 */
@ApplicationScoped
@Transactional
public class DossierService {

  private static final Logger LOG = Logger.getLogger(DossierService.class.getName());
  private static final int LONGUEUR_MAX_NOM = 200;
  private static final int LONGUEUR_MAX_DESCRIPTION = 10_000;

  private final DossierRepository dossiers;
  private final Territoire territoire;
  private final InstructionWorkflow instruction;
  private final Clock horloge;

  @Inject
  public DossierService(
      DossierRepository dossiers,
      Territoire territoire,
      InstructionWorkflow instruction,
      Clock horloge) {
    this.dossiers = dossiers;
    this.territoire = territoire;
    this.instruction = instruction;
    this.horloge = horloge;
  }

  /** CDI proxy constructor. */
  protected DossierService() {
    this(null, null, null, null);
  }

  /** Opens a draft for an applicant. Nothing legal happens until the deposit. */
  public Dossier creerBrouillon(Utilisateur demandeur, NouveauDossier demande) {
    if (!demandeur.a(Role.DEMANDEUR)) {
      throw new AccesRefuseException("Seul un demandeur peut créer un dossier.");
    }
    List<ChampInvalide> erreurs = new ArrayList<>();
    TypeDossier type = null;
    if (demande.type() == null || demande.type().isBlank()) {
      erreurs.add(new ChampInvalide("type", "Le type de dossier est obligatoire."));
    } else {
      type = TypeDossier.depuisCode(demande.type()).orElse(null);
      if (type == null) {
        erreurs.add(
            new ChampInvalide(
                "type",
                "Type inconnu « " + demande.type() + " » : CUa, CUb, DP, PCMI, PC, PA ou PD."));
      }
    }
    if (demande.communeInsee() == null || demande.communeInsee().isBlank()) {
      erreurs.add(
          new ChampInvalide("communeInsee", "Le code INSEE de la commune est obligatoire."));
    } else if (territoire.commune(demande.communeInsee()).isEmpty()) {
      erreurs.add(
          new ChampInvalide(
              "communeInsee",
              "La commune " + demande.communeInsee() + " n'est pas servie par cette plateforme."));
    }
    if (demande.demandeurNom() != null && demande.demandeurNom().length() > LONGUEUR_MAX_NOM) {
      erreurs.add(
          new ChampInvalide("demandeurNom", "Le nom dépasse " + LONGUEUR_MAX_NOM + " caractères."));
    }
    if (demande.descriptionProjet() != null
        && demande.descriptionProjet().length() > LONGUEUR_MAX_DESCRIPTION) {
      erreurs.add(
          new ChampInvalide(
              "descriptionProjet",
              "La description dépasse " + LONGUEUR_MAX_DESCRIPTION + " caractères."));
    }
    if (!erreurs.isEmpty()) {
      throw new DonneesInvalidesException(erreurs);
    }
    Dossier dossier =
        Dossier.brouillon(
            type,
            demande.communeInsee(),
            demandeur.login(),
            demande.demandeurNom(),
            demande.descriptionProjet(),
            horloge.instant());
    dossiers.ajouter(dossier);
    return dossier;
  }

  /**
   * Deposits a draft: takes the next legal number of its series and starts its instruction, both in
   * this transaction, so that a failure leaves neither a number nor a process behind.
   */
  public Dossier deposer(Utilisateur demandeur, UUID id) {
    Dossier dossier = visible(demandeur, id);
    if (!dossier.depositaire().equals(demandeur.login())) {
      throw new AccesRefuseException("Seul l'auteur du dossier peut le déposer.");
    }
    if (!dossier.estBrouillon()) {
      throw new OperationImpossibleException(
          "Le dossier est déjà déposé sous le numéro "
              + dossier.numero().map(NumeroDossier::affichage).orElse("?")
              + ".");
    }
    Commune commune =
        territoire
            .commune(dossier.communeInsee())
            .orElseThrow(
                () ->
                    new OperationImpossibleException(
                        "La commune " + dossier.communeInsee() + " n'est plus servie."));
    ServiceInstructeur service =
        territoire
            .service(commune.codeService())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Service instructeur inconnu : " + commune.codeService()));
    ZonedDateTime maintenant = ZonedDateTime.now(horloge);
    String nature = dossier.type().nature();
    int rang = dossiers.prochainRang(nature, commune.insee(), maintenant.getYear());
    NumeroDossier numero =
        NumeroDossier.attribuer(
            nature, commune.insee(), maintenant.getYear(), rang, service.prefixeSequence());
    dossier.deposer(numero, maintenant.toInstant(), maintenant.toLocalDate());
    instruction.demarrer(
        new DemarrageInstruction(
            numero,
            dossier.type().name(),
            commune.insee(),
            service.groupeInstructeurs(),
            territoire.groupeMaire(commune.insee()),
            maintenant.toLocalDate(),
            dossier.dateLimiteCompletude().orElseThrow()));
    LOG.info(() -> "Dossier " + numero.affichage() + " déposé par " + demandeur.login());
    return dossier;
  }

  /** A dossier the caller may see. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Dossier consulter(Utilisateur utilisateur, UUID id) {
    return visible(utilisateur, id);
  }

  /** Open tasks of a dossier the caller may see (empty for a draft). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<InstructionWorkflow.TacheInstruction> taches(Utilisateur utilisateur, UUID id) {
    return visible(utilisateur, id).numero().map(instruction::taches).orElse(List.of());
  }

  /** The dossiers an applicant filed. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Dossier> mesDossiers(Utilisateur utilisateur) {
    return dossiers.duDepositaire(utilisateur.login());
  }

  private Dossier visible(Utilisateur utilisateur, UUID id) {
    return dossiers
        .parId(id)
        .filter(dossier -> peutVoir(utilisateur, dossier))
        .orElseThrow(() -> new DossierIntrouvableException(id));
  }

  /** A423-5 (6): access by function and by file. Drafts are their author's only. */
  private boolean peutVoir(Utilisateur utilisateur, Dossier dossier) {
    if (dossier.depositaire().equals(utilisateur.login())) {
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
    return utilisateur.a(Role.MAIRE)
        && utilisateur.estMembreDe(territoire.groupeMaire(dossier.communeInsee()));
  }
}
