package fr.parcelle.domain.model.delai;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The délai d'instruction of one request as the applicant is told it: the délai de droit commun and
 * its article, the majorations retained, the resulting délai, the day it starts from (deposit of
 * the complete file or receipt of the last missing pièce, R423-19, R423-39 c), its last day, the
 * day a tacit decision arises and what that decision is.
 */
public record DelaiInstruction(
    int delaiDroitCommunMois,
    String articleDroitCommun,
    List<Majoration> majorations,
    int delaiMois,
    LocalDate debut,
    LocalDate dateFinDelai,
    LocalDate dateDecisionTacite,
    NatureDecisionTacite natureDecisionTacite,
    String articleNatureTacite) {

  public DelaiInstruction {
    majorations = List.copyOf(majorations);
    Objects.requireNonNull(articleDroitCommun, "articleDroitCommun");
    Objects.requireNonNull(debut, "debut");
    Objects.requireNonNull(dateFinDelai, "dateFinDelai");
    Objects.requireNonNull(dateDecisionTacite, "dateDecisionTacite");
    Objects.requireNonNull(natureDecisionTacite, "natureDecisionTacite");
    Objects.requireNonNull(articleNatureTacite, "articleNatureTacite");
    if (delaiMois != delaiApplicable(delaiDroitCommunMois, majorations)) {
      throw new IllegalArgumentException(
          "Délai de " + delaiMois + " mois incohérent avec ses majorations " + majorations);
    }
  }

  /**
   * The délai once majorations are applied, the one rule that combines them:
   *
   * <ul>
   *   <li>months added (R423-24: one month; R423-25: two months) do not add up with each other:
   *       R423-25 says its majorations are not cumulative with R423-24's, and the R423-24 cases
   *       make one majoration of one month, however many apply. The largest is added to the délai
   *       de droit commun (R423-23, R410-9, R410-10);
   *   <li>a délai "porté à" N months (R423-27, R423-28) replaces the délai de droit commun;
   *   <li>the délai is the longest of the two: a majorated délai de droit commun is never cut short
   *       by a délai "porté à" a shorter one.
   * </ul>
   */
  public static int delaiApplicable(int delaiDroitCommunMois, List<Majoration> majorations) {
    if (delaiDroitCommunMois <= 0) {
      throw new IllegalArgumentException(
          "Délai de droit commun invalide : " + delaiDroitCommunMois);
    }
    int moisAjoutes =
        majorations.stream()
            .map(Majoration::moisAjoutes)
            .filter(Objects::nonNull)
            .mapToInt(Integer::intValue)
            .max()
            .orElse(0);
    int porteA =
        majorations.stream()
            .map(Majoration::delaiPorteAMois)
            .filter(Objects::nonNull)
            .mapToInt(Integer::intValue)
            .max()
            .orElse(0);
    return Math.max(delaiDroitCommunMois + moisAjoutes, porteA);
  }
}
