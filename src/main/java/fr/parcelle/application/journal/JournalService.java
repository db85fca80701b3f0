package fr.parcelle.application.journal;

import fr.parcelle.application.AccesRefuseException;
import fr.parcelle.application.DossierService;
import fr.parcelle.application.securite.Role;
import fr.parcelle.application.securite.Utilisateur;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.journal.EntreeJournal;
import fr.parcelle.domain.model.journal.Journal;
import fr.parcelle.domain.model.journal.RapportVerification;
import fr.parcelle.domain.model.territoire.Territoire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The journal's use cases, with their access rules. */
@ApplicationScoped
public class JournalService {

  /** Functions whose reads of a dossier are journalled: everyone but applicants. */
  private static final Set<Role> AGENTS =
      EnumSet.of(Role.INSTRUCTEUR, Role.MAIRE, Role.SERVICE_CONSULTE, Role.ADMINISTRATEUR);

  private final Journal journal;
  private final DossierService dossiers;
  private final Territoire territoire;

  @Inject
  public JournalService(Journal journal, DossierService dossiers, Territoire territoire) {
    this.journal = journal;
    this.dossiers = dossiers;
    this.territoire = territoire;
  }

  /** CDI proxy constructor. */
  protected JournalService() {
    this(null, null, null);
  }

  /** Whether this person's reads are journalled. */
  public static boolean estAgent(Utilisateur u) {
    return u.roles().stream().anyMatch(AGENTS::contains);
  }

  /**
   * Records that an agent read {@code objet} of a dossier. In its own short transaction: the read
   * happened whatever becomes of the caller's work, and the head lock is held only for this append.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void noterAcces(Utilisateur u, UUID dossierId, String objet) {
    journal.noterAcces(
        dossierId,
        u.login(),
        objet,
        u.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")));
  }

  /**
   * A dossier's entries, with what a third party needs to re-check them. Who may not see the
   * dossier gets the answer {@link DossierService#consulter} gives (not found); who may see it but
   * is neither an administrator nor an instructor of its service is refused.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ExportJournal exporter(Utilisateur u, UUID id) {
    Dossier dossier = dossiers.consulter(u, id);
    boolean instructeurDuService =
        u.a(Role.INSTRUCTEUR)
            && territoire
                .commune(dossier.communeInsee())
                .flatMap(c -> territoire.service(c.codeService()))
                .map(s -> u.estMembreDe(s.groupeInstructeurs()))
                .orElse(false);
    if (!u.a(Role.ADMINISTRATEUR) && !instructeurDuService) {
      throw new AccesRefuseException(
          "Le journal d'un dossier est réservé aux administrateurs et au service instructeur de"
              + " la commune.");
    }
    Journal.TeteJournal tete = journal.tete();
    return new ExportJournal(
        dossier.id(),
        dossier.numero().map(n -> n.valeur()).orElse(null),
        journal.duDossier(id),
        tete.sequence(),
        tete.hash());
  }

  /** Walks the whole chain; administrators only. */
  @Transactional
  public RapportVerification verifier(Utilisateur u) {
    if (!u.a(Role.ADMINISTRATEUR)) {
      throw new AccesRefuseException(
          "La vérification du journal est réservée aux administrateurs.");
    }
    return journal.verifier();
  }

  /** A dossier's entries and the head of the whole journal when they were read. */
  public record ExportJournal(
      UUID dossierId,
      String numero,
      List<EntreeJournal> entrees,
      long sequenceDeTete,
      String hashDeTete) {}
}
