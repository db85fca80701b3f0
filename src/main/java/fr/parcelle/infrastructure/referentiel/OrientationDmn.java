package fr.parcelle.infrastructure.referentiel;

import fr.parcelle.domain.port.OrientationTravaux;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The guide's table {@code bpmn/formalite-travaux.dmn} (hit policy FIRST, each row with its
 * article) evaluated by Camunda's standalone DMN engine, and the help texts of {@code
 * referentiel/aide-pieces.csv}. Both are read once; the engine and the parsed decision are
 * thread-safe.
 */
@ApplicationScoped
public class OrientationDmn implements OrientationTravaux {

  static final String TABLE = "bpmn/formalite-travaux.dmn";

  private final DmnEngine moteur;
  private final DmnDecision decision;
  private final Map<String, String> aides;

  /** Usable as is in plain unit tests; CDI calls it too. */
  public OrientationDmn() {
    moteur = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = OrientationDmn.class.getClassLoader().getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException(TABLE + " manque : l'application est mal construite.");
      }
      decision = moteur.parseDecision("Decision_FormaliteTravaux", in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> lues = new LinkedHashMap<>();
    for (String[] l : FichierReferentiel.lignes("referentiel/aide-pieces.csv", 2)) {
      lues.put(l[0], l[1]);
    }
    aides = Map.copyOf(lues);
  }

  @Override
  public Orientation orienter(Travaux t) {
    DmnDecisionResultEntries ligne =
        moteur
            .evaluateDecision(
                decision,
                Variables.createVariables()
                    .putValue("travaux", t.nature().name())
                    .putValue("surfaceCreeeM2", nombre(t.surfaceCreeeM2()))
                    .putValue("surfaceTotaleApresM2", nombre(t.surfaceTotaleApresM2()))
                    .putValue("zoneUrbaine", t.zoneUrbaine())
                    .putValue("secteurProtege", t.secteurProtege())
                    .putValue("maisonIndividuelle", t.maisonIndividuelle())
                    .putValue("modifieStructureOuFacade", t.modifieStructureOuFacade())
                    .putValue("equipementsCommuns", t.equipementsCommuns()))
            .getFirstResult();
    if (ligne == null) {
      throw new IllegalStateException(
          TABLE + " n'a aucune ligne pour " + t + " : la table doit couvrir chaque nature.");
    }
    return new Orientation(
        ligne.getEntry("formalite"), ligne.getEntry("article"), ligne.getEntry("explication"));
  }

  @Override
  public Map<String, String> aidesPieces() {
    return aides;
  }

  private static double nombre(BigDecimal valeur) {
    return valeur == null ? 0d : valeur.doubleValue();
  }
}
