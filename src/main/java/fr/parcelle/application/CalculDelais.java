package fr.parcelle.application;

import fr.parcelle.domain.model.delai.CalendrierJuridique;
import fr.parcelle.domain.model.delai.DelaiInstruction;
import fr.parcelle.domain.model.delai.Majoration;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.domain.port.ReglesDelais;
import fr.parcelle.domain.port.ReglesDelais.DecisionTacite;
import fr.parcelle.domain.port.ReglesDelais.DelaiDroitCommun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one calculator of a request's délai: rules from {@link ReglesDelais} (dated data),
 * combination by {@link DelaiInstruction#delaiApplicable}, dates by {@link CalendrierJuridique}.
 * Used to propose majorations to the instructor, to compute the délai once they are retained, and
 * by the public simulator.
 */
@ApplicationScoped
public class CalculDelais {

  private final ReglesDelais regles;
  private final CalendrierJuridique calendrier;

  @Inject
  public CalculDelais(ReglesDelais regles, CalendrierJuridique calendrier) {
    this.regles = regles;
    this.calendrier = calendrier;
  }

  /** CDI proxy constructor. */
  protected CalculDelais() {
    this(null, null);
  }

  /** The majorations the project calls for, to be notified within the first month (R423-42). */
  public List<Majoration> majorationsProposees(
      TypeDossier type, Set<String> contraintes, LocalDate dateDepot) {
    return regles.majorations(type, contraintes, dateDepot);
  }

  /**
   * The délai of a request.
   *
   * @param departement INSEE code of the département, for its public holidays when the délai runs
   *     to the next working day; {@code null}: national holidays only
   * @param dateDepot the deposit, which selects the rules in force
   * @param debutDelai the deposit for a file complete at once, else the day the last missing pièce
   *     was received (R423-19, R423-39 c); the start day is not counted
   * @param majorationsRetenues the majorations notified to the applicant (usually among {@link
   *     #majorationsProposees})
   * @param avisAbfDefavorableOuPrescriptions see {@link ReglesDelais#natureDecisionTacite}
   */
  public DelaiInstruction calculer(
      TypeDossier type,
      Set<String> contraintes,
      String departement,
      LocalDate dateDepot,
      LocalDate debutDelai,
      List<Majoration> majorationsRetenues,
      boolean avisAbfDefavorableOuPrescriptions) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(dateDepot, "dateDepot");
    Objects.requireNonNull(debutDelai, "debutDelai");
    if (debutDelai.isBefore(dateDepot)) {
      throw new IllegalArgumentException(
          "Le délai ne peut partir (" + debutDelai + ") avant le dépôt (" + dateDepot + ").");
    }
    DelaiDroitCommun droitCommun = regles.delaiDroitCommun(type, dateDepot);
    int mois = DelaiInstruction.delaiApplicable(droitCommun.mois(), majorationsRetenues);
    DecisionTacite tacite =
        regles.natureDecisionTacite(
            type, contraintes, avisAbfDefavorableOuPrescriptions, dateDepot);
    return new DelaiInstruction(
        droitCommun.mois(),
        droitCommun.article(),
        majorationsRetenues,
        mois,
        debutDelai,
        calendrier.finDelai(debutDelai, mois, departement),
        calendrier.decisionTacite(debutDelai, mois, departement),
        tacite.nature(),
        tacite.article());
  }

  /**
   * What an applicant can expect before filing: the file complete at deposit, every proposed
   * majoration retained, no ABF avis yet.
   */
  public DelaiInstruction simuler(
      TypeDossier type, LocalDate dateDepot, Set<String> contraintes, String departement) {
    return calculer(
        type,
        contraintes,
        departement,
        dateDepot,
        dateDepot,
        majorationsProposees(type, contraintes, dateDepot),
        false);
  }
}
