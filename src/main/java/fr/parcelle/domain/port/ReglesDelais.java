package fr.parcelle.domain.port;

import fr.parcelle.domain.model.delai.AucuneRegleEnVigueurException;
import fr.parcelle.domain.model.delai.Majoration;
import fr.parcelle.domain.model.delai.NatureDecisionTacite;
import fr.parcelle.domain.model.dossier.TypeDossier;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The legal rules of délais, kept as dated data a jurist can read: délai de droit commun, the
 * majorations a project calls for, and what silence is worth at the end. {@code contraintes} are
 * codes of {@code referentiel/contraintes.csv}; {@code dateDepot} selects the rules in force, and
 * every method throws {@link AucuneRegleEnVigueurException} when no rule covers that date.
 */
public interface ReglesDelais {

  /** The délai de droit commun of a kind (R423-23; CU: R410-9, R410-10). */
  DelaiDroitCommun delaiDroitCommun(TypeDossier type, LocalDate dateDepot);

  /** The majorations the project calls for (R423-24 to R423-28), in the order of the table. */
  List<Majoration> majorations(TypeDossier type, Set<String> contraintes, LocalDate dateDepot);

  /**
   * What the authority's silence will be worth (R424-1 to R424-3, R424-2-1; CU: R410-12).
   *
   * @param avisAbfDefavorableOuPrescriptions the ABF's accord is required (SPR, abords of a MH) and
   *     it notified an unfavourable avis or prescriptions within its délai (R424-3)
   */
  DecisionTacite natureDecisionTacite(
      TypeDossier type,
      Set<String> contraintes,
      boolean avisAbfDefavorableOuPrescriptions,
      LocalDate dateDepot);

  /** A délai de droit commun and its article. */
  record DelaiDroitCommun(int mois, String article) {}

  /** The nature of the tacit decision and its article. */
  record DecisionTacite(NatureDecisionTacite nature, String article) {}
}
