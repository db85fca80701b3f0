package fr.parcelle.application;

import fr.parcelle.domain.model.dossier.Demandeur;
import fr.parcelle.domain.model.dossier.Dossier;
import fr.parcelle.domain.model.dossier.DossierRepository;
import fr.parcelle.domain.model.dossier.NaturePersonne;
import fr.parcelle.domain.model.dossier.NumeroDossier;
import fr.parcelle.domain.model.dossier.Projet;
import fr.parcelle.domain.model.dossier.StatutDossier;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.Territoire;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The public register of a commune: the files whose avis de dépôt is published and their decisions,
 * with only what the law makes public (R423-6 avis de dépôt; R424-15 publicity of decisions): the
 * applicant's name, the terrain's address, the nature of the works, the surfaces, the decision and
 * its date. No e-mail, telephone, representative, pièce or document.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RegistrePublic {

  /** Entries per page. */
  public static final int PAGE = 50;

  private final DossierRepository dossiers;
  private final Territoire territoire;

  @Inject
  public RegistrePublic(DossierRepository dossiers, Territoire territoire) {
    this.dossiers = dossiers;
    this.territoire = territoire;
  }

  /** CDI proxy constructor. */
  protected RegistrePublic() {
    this(null, null);
  }

  /** One line of the register. */
  public record Entree(
      String numero,
      String nature,
      String demandeurs,
      String adresseTerrain,
      String travaux,
      BigDecimal surfacePlancherCreeeM2,
      BigDecimal surfacePlancherDemolieM2,
      LocalDate dateDepot,
      LocalDate dateAvisDepot,
      String decision,
      LocalDate dateDecision) {}

  /** The register of a page, or empty if the commune is not served. */
  public java.util.Optional<List<Entree>> registre(String insee, int page) {
    java.util.Optional<Commune> commune = territoire.commune(insee);
    if (commune.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        dossiers.registre(insee, Math.max(page, 0) * PAGE, PAGE).stream()
            .map(RegistrePublic::entree)
            .toList());
  }

  static Entree entree(Dossier d) {
    return new Entree(
        d.numero().map(NumeroDossier::affichage).orElseThrow(),
        d.type().libelle(),
        d.demandeurs().stream().map(RegistrePublic::nomPublic).collect(Collectors.joining(" ; ")),
        d.adresse().map(a -> a.enLigne()).orElse(null),
        d.projet()
            .map(p -> p.natureTravaux() != null ? p.natureTravaux() : p.description())
            .orElse(null),
        d.projet().map(Projet::surfaceCreeeM2).orElse(null),
        d.projet().map(Projet::surfaceDemolieM2).orElse(null),
        d.dateDepot().orElse(null),
        d.dateAvisDepot().orElse(null),
        decision(d),
        d.dateDecision().orElse(null));
  }

  /** The name only: a company's name, or a person's first name and name. */
  private static String nomPublic(Demandeur x) {
    if (x.nature() == NaturePersonne.PERSONNE_MORALE) {
      return x.raisonSociale();
    }
    return ((x.prenom() == null ? "" : x.prenom() + " ") + (x.nom() == null ? "" : x.nom()))
        .strip();
  }

  private static String decision(Dossier d) {
    if (d.statut() == StatutDossier.DECIDE) {
      return d.decision().map(n -> n.libelle()).orElse(null);
    }
    if (d.statut() == StatutDossier.DECISION_TACITE
        || d.statut() == StatutDossier.REJET_TACITE
        || d.statut() == StatutDossier.OPPOSITION_TACITE) {
      return d.statut().libelle();
    }
    return null;
  }
}
