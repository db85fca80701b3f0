package fr.parcelle.domain.model.dossier;

import java.util.Set;

/**
 * What the check before an upload needs to know of a dossier, read without loading the aggregate:
 * its kind, status, author, contraintes, and the e-mail addresses of its demandeurs (lower case).
 */
public record ApercuDossier(
    TypeDossier type,
    StatutDossier statut,
    String depositaire,
    Set<String> contraintes,
    Set<String> emailsDemandeurs) {

  public ApercuDossier {
    contraintes = Set.copyOf(contraintes);
    emailsDemandeurs = Set.copyOf(emailsDemandeurs);
  }

  public boolean estBrouillon() {
    return statut == StatutDossier.BROUILLON;
  }

  /** Same rule as {@link Dossier#nomme(String)}. */
  public boolean nomme(String email) {
    return email != null
        && !email.isBlank()
        && emailsDemandeurs.contains(email.toLowerCase(java.util.Locale.ROOT));
  }

  /** The overview of a loaded dossier. */
  public static ApercuDossier de(Dossier d) {
    return new ApercuDossier(
        d.type(),
        d.statut(),
        d.depositaire(),
        d.contraintes(),
        d.demandeurs().stream()
            .map(Demandeur::email)
            .filter(e -> e != null && !e.isBlank())
            .map(e -> e.toLowerCase(java.util.Locale.ROOT))
            .collect(java.util.stream.Collectors.toSet()));
  }
}
