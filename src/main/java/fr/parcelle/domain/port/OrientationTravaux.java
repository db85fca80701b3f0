package fr.parcelle.domain.port;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Which form works call for (R421-1 to R421-29, L410-1), as data: the applicant's guide asks about
 * the works before anything is typed, as AD'AU does. An orientation, not a decision: the service
 * instructeur qualifies the request.
 */
public interface OrientationTravaux {

  /** What the applicant says about the works and the terrain. */
  record Travaux(
      NatureTravaux nature,
      BigDecimal surfaceCreeeM2,
      BigDecimal surfaceTotaleApresM2,
      boolean zoneUrbaine,
      boolean secteurProtege,
      boolean maisonIndividuelle,
      boolean modifieStructureOuFacade,
      boolean equipementsCommuns) {}

  /** The kinds of works the guide knows. */
  enum NatureTravaux {
    CU_INFORMATION,
    CU_OPERATIONNEL,
    CONSTRUCTION_NOUVELLE,
    EXTENSION,
    CHANGEMENT_DESTINATION,
    ASPECT_EXTERIEUR,
    DEMOLITION,
    LOTISSEMENT
  }

  /**
   * The form to file ({@code CUa}, {@code CUb}, {@code DP}, {@code PCMI}, {@code PC}, {@code PA},
   * {@code PD}, or {@code AUCUNE} when the works need none), the article and a sentence for the
   * applicant.
   */
  record Orientation(String formalite, String article, String explication) {}

  Orientation orienter(Travaux travaux);

  /** Plain-language help per pièce code, for the applicant. */
  Map<String, String> aidesPieces();
}
