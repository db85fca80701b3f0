package fr.parcelle.domain.model.referentiel;

import java.util.Optional;
import java.util.Set;

/**
 * A service the instructor may consult (R423-50 ff.), from {@code
 * referentiel/services-consultes.csv}.
 *
 * @param delaiMois délai after which silence is a favourable avis (R423-59)
 * @param delaiMoisPermisAccordRequis longer délai for a permit where its accord is required (the
 *     ABF's two months, R423-67), or null
 * @param accordRequisSi contraintes that make its avis conforme (binding, R424-3)
 * @param proposeSi contraintes for which the consultation is proposed
 * @param groupe group of its agents on the platform, if they work on it
 */
public record ServiceConsultable(
    String code,
    String libelle,
    int delaiMois,
    Integer delaiMoisPermisAccordRequis,
    String article,
    Set<String> accordRequisSi,
    Set<String> proposeSi,
    String groupe) {

  /** Whether its avis binds the decision for a project with these contraintes. */
  public boolean accordRequis(Set<String> contraintes) {
    return accordRequisSi.stream().anyMatch(contraintes::contains);
  }

  /** Whether the consultation is proposed for a project with these contraintes. */
  public boolean propose(Set<String> contraintes) {
    return proposeSi.stream().anyMatch(contraintes::contains);
  }

  /** Its délai for a dossier of this nature (PC, PA, PD, DP, CU) and these contraintes. */
  public int delaiMois(String nature, Set<String> contraintes) {
    boolean permis = nature.equals("PC") || nature.equals("PA") || nature.equals("PD");
    return permis && accordRequis(contraintes) && delaiMoisPermisAccordRequis != null
        ? delaiMoisPermisAccordRequis
        : delaiMois;
  }

  public Optional<String> groupeAgents() {
    return Optional.ofNullable(groupe).filter(g -> !g.isBlank());
  }
}
