package fr.parcelle.application;

import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierRepository;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.dossier.StatutDossier;
import fr.parcelle.domain.model.piece.DocumentEmis;
import fr.parcelle.domain.model.piece.TypeDocument;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.Territoire;
import fr.parcelle.domain.port.DocumentGenerator;
import fr.parcelle.domain.port.DocumentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * R424-13: the certificate of a tacit decision, issued by the platform itself the day the decision
 * arises (no one has to ask for it), and kept in the dossier for the applicant.
 */
@ApplicationScoped
@Transactional
public class CertificatsTacites {

  private final DossierRepository dossiers;
  private final Territoire territoire;
  private final DocumentGenerator documents;
  private final DocumentStore stockage;
  private final Clock horloge;

  @Inject
  public CertificatsTacites(
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
  protected CertificatsTacites() {
    this(null, null, null, null, null);
  }

  /**
   * Issues the certificate of the tacit decision of dossier {@code numero}, once.
   *
   * @return the certificate, or empty if the dossier has no tacit decision
   */
  public Optional<DocumentEmis> delivrer(NumeroDossier numero) {
    Dossier d =
        dossiers
            .parNumeroPourModification(numero)
            .orElseThrow(() -> new IllegalStateException("Dossier inconnu : " + numero));
    if (d.statut() != StatutDossier.DECISION_TACITE
        && d.statut() != StatutDossier.REJET_TACITE
        && d.statut() != StatutDossier.OPPOSITION_TACITE) {
      return Optional.empty();
    }
    Optional<DocumentEmis> deja = d.document(TypeDocument.CERTIFICAT_DECISION_TACITE);
    if (deja.isPresent()) {
      return deja;
    }
    Commune commune =
        territoire
            .commune(d.communeInsee())
            .orElseThrow(() -> new IllegalStateException("Commune inconnue " + d.communeInsee()));
    byte[] pdf = documents.certificatDecisionTacite(d, commune);
    return Optional.of(
        Emission.emettre(
            stockage, d, TypeDocument.CERTIFICAT_DECISION_TACITE, pdf, horloge.instant()));
  }
}
