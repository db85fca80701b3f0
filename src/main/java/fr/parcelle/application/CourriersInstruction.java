package fr.parcelle.application;

import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierRepository;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.piece.DocumentEmis;
import fr.parcelle.domain.model.piece.TypeDocument;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.ServiceInstructeur;
import fr.parcelle.domain.model.territoire.Territoire;
import fr.parcelle.domain.port.DocumentGenerator;
import fr.parcelle.domain.port.DocumentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * The letter of the first month, put in the applicant's dossier the day the instructor decides: the
 * request for missing pièces (R423-38) and/or the majoration of the délai (R423-42).
 */
@ApplicationScoped
@Transactional
public class CourriersInstruction {

  private final DossierRepository dossiers;
  private final Territoire territoire;
  private final DocumentGenerator documents;
  private final DocumentStore stockage;
  private final Clock horloge;

  @Inject
  public CourriersInstruction(
      DossierRepository dossiers,
      Territoire territoire,
      DocumentGenerator documents,
      DocumentStore stockage,
      Clock horloge) {
    this.dossiers = dossiers;
    this.territoire = territoire;
    this.documents = documents;
    this.stockage = stockage;
    this.horloge = horloge;
  }

  /** CDI proxy constructor. */
  protected CourriersInstruction() {
    this(null, null, null, null, null);
  }

  /**
   * Issues the first month's letter if the dossier has a request for pièces or a majoration.
   *
   * @return the letter, or empty if there is nothing to notify
   */
  public Optional<DocumentEmis> notifierPremierMois(NumeroDossier numero) {
    Dossier d =
        dossiers
            .parNumeroPourModification(numero)
            .orElseThrow(() -> new IllegalStateException("Dossier inconnu : " + numero));
    boolean pieces = d.dateDemandePieces().isPresent();
    if (!pieces && d.majorations().isEmpty()) {
      return Optional.empty();
    }
    TypeDocument type = pieces ? TypeDocument.DEMANDE_PIECES : TypeDocument.MAJORATION;
    Commune commune = territoire.commune(d.communeInsee()).orElseThrow();
    ServiceInstructeur service = territoire.service(commune.codeService()).orElseThrow();
    byte[] pdf = documents.courrierPremierMois(d, commune, service);
    return Optional.of(Emission.emettre(stockage, d, type, pdf, horloge.instant()));
  }
}
