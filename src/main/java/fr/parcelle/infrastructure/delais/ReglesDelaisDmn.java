package fr.parcelle.infrastructure.delais;

import fr.parcelle.domain.model.delai.AucuneRegleEnVigueurException;
import fr.parcelle.domain.model.delai.Majoration;
import fr.parcelle.domain.model.delai.NatureDecisionTacite;
import fr.parcelle.domain.model.dossier.TypeDossier;
import fr.parcelle.domain.port.ReglesDelais;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The rules of délais evaluated from the three DMN tables of {@code bpmn/} (the same files the
 * process engine deploys) by Camunda's standalone DMN engine, without a process engine or a
 * database. The tables are parsed once per class loader; the engine and parsed decisions are
 * thread-safe.
 */
@ApplicationScoped
public class ReglesDelaisDmn implements ReglesDelais {

  static final String DELAI_DROIT_COMMUN = "bpmn/delai-droit-commun.dmn";
  static final String MAJORATIONS = "bpmn/majorations-delai.dmn";
  static final String NATURE_DECISION_TACITE = "bpmn/nature-decision-tacite.dmn";

  private final Tables tables;

  /**
   * Answers already computed. The tables are versioned files read once, so an answer depends only
   * on its inputs; evaluating the nature table alone cost a fifth of a deposit's CPU (JFR).
   * Bounded: cleared when full.
   */
  private final java.util.Map<Object, Object> memoire =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int MEMOIRE_MAX = 10_000;

  @SuppressWarnings("unchecked")
  private <T> T memorise(Object cle, java.util.function.Supplier<T> calcul) {
    Object deja = memoire.get(cle);
    if (deja != null) {
      return (T) deja;
    }
    T valeur = calcul.get();
    if (memoire.size() >= MEMOIRE_MAX) {
      memoire.clear();
    }
    memoire.put(cle, valeur);
    return valeur;
  }

  private record Cle(
      String table, TypeDossier type, Set<String> contraintes, LocalDate date, boolean avis) {}

  /** Usable as is in plain unit tests; CDI calls it too. */
  public ReglesDelaisDmn() {
    this.tables = Tables.CHARGEES;
  }

  @Override
  public DelaiDroitCommun delaiDroitCommun(TypeDossier type, LocalDate dateDepot) {
    return memorise(
        new Cle("droitCommun", type, Set.of(), dateDepot, false),
        () -> evaluerDroitCommun(type, dateDepot));
  }

  private DelaiDroitCommun evaluerDroitCommun(TypeDossier type, LocalDate dateDepot) {
    DmnDecisionResultEntries ligne =
        uniqueOuRien(
            tables.evaluer(
                tables.droitCommun,
                Variables.createVariables()
                    .putValue("typeDossier", type.name())
                    .putValue("dateDepot", dateDepot)),
            "délai de droit commun " + type.name(),
            dateDepot);
    return new DelaiDroitCommun(entier(ligne, "delaiMois"), ligne.getEntry("article"));
  }

  @Override
  public List<Majoration> majorations(
      TypeDossier type, Set<String> contraintes, LocalDate dateDepot) {
    return memorise(
        new Cle("majorations", type, Set.copyOf(contraintes), dateDepot, false),
        () -> evaluerMajorations(type, contraintes, dateDepot));
  }

  private List<Majoration> evaluerMajorations(
      TypeDossier type, Set<String> contraintes, LocalDate dateDepot) {
    DmnDecisionResult resultat =
        tables.evaluer(tables.majorations, variables(type, contraintes, dateDepot));
    return resultat.getResultList().stream()
        .map(
            l ->
                new Majoration(
                    (String) l.get("code"),
                    (String) l.get("article"),
                    (String) l.get("motif"),
                    entierOuNul(l.get("moisAjoutes")),
                    entierOuNul(l.get("delaiPorteAMois"))))
        .toList();
  }

  @Override
  public DecisionTacite natureDecisionTacite(
      TypeDossier type,
      Set<String> contraintes,
      boolean avisAbfDefavorableOuPrescriptions,
      LocalDate dateDepot) {
    return memorise(
        new Cle(
            "nature", type, Set.copyOf(contraintes), dateDepot, avisAbfDefavorableOuPrescriptions),
        () -> evaluerNature(type, contraintes, avisAbfDefavorableOuPrescriptions, dateDepot));
  }

  private DecisionTacite evaluerNature(
      TypeDossier type,
      Set<String> contraintes,
      boolean avisAbfDefavorableOuPrescriptions,
      LocalDate dateDepot) {
    VariableMap v =
        variables(type, contraintes, dateDepot)
            .putValue("avisAbfDefavorableOuPrescriptions", avisAbfDefavorableOuPrescriptions);
    DmnDecisionResultEntries ligne =
        uniqueOuRien(
            tables.evaluer(tables.natureTacite, v),
            "nature de la décision tacite " + type.name(),
            dateDepot);
    return new DecisionTacite(
        NatureDecisionTacite.valueOf(ligne.getEntry("nature")), ligne.getEntry("article"));
  }

  private static VariableMap variables(
      TypeDossier type, Set<String> contraintes, LocalDate dateDepot) {
    // A sorted list: FEEL's list contains() needs a list, and the order is then reproducible.
    return Variables.createVariables()
        .putValue("typeDossier", type.name())
        .putValue("natureDossier", type.nature())
        .putValue("contraintes", List.copyOf(new TreeSet<>(contraintes)))
        .putValue("dateDepot", dateDepot);
  }

  private static DmnDecisionResultEntries uniqueOuRien(
      DmnDecisionResult resultat, String regle, LocalDate date) {
    if (resultat.isEmpty()) {
      throw new AucuneRegleEnVigueurException(regle, date);
    }
    // UNIQUE and FIRST tables give at most one row.
    return resultat.getFirstResult();
  }

  private static int entier(DmnDecisionResultEntries ligne, String sortie) {
    Integer valeur = entierOuNul(ligne.get(sortie));
    if (valeur == null) {
      throw new IllegalStateException("Sortie " + sortie + " vide dans une table de délais.");
    }
    return valeur;
  }

  private static Integer entierOuNul(Object valeur) {
    return valeur == null ? null : ((Number) valeur).intValue();
  }

  /** The engine and the three decisions, parsed once from the classpath. */
  private static final class Tables {

    static final Tables CHARGEES = new Tables();

    final DmnEngine moteur;
    final DmnDecision droitCommun;
    final DmnDecision majorations;
    final DmnDecision natureTacite;

    private Tables() {
      moteur = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
      droitCommun = decision(DELAI_DROIT_COMMUN, "Decision_DelaiDroitCommun");
      majorations = decision(MAJORATIONS, "Decision_MajorationsDelai");
      natureTacite = decision(NATURE_DECISION_TACITE, "Decision_NatureDecisionTacite");
    }

    DmnDecisionResult evaluer(DmnDecision decision, VariableMap variables) {
      return moteur.evaluateDecision(decision, variables);
    }

    private DmnDecision decision(String ressource, String id) {
      try (InputStream in = ReglesDelaisDmn.class.getClassLoader().getResourceAsStream(ressource)) {
        if (in == null) {
          throw new IllegalStateException(
              ressource + " manque : l'application est mal construite.");
        }
        return moteur.parseDecision(id, in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
