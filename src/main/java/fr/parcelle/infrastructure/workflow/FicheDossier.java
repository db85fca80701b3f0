package fr.parcelle.infrastructure.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * What the task forms show of a dossier, in <b>one</b> JSON process variable, {@value #VARIABLE}.
 *
 * <p>The forms only display these texts (form-js fields keyed {@code dossier.numero}, {@code
 * dossier.adresse}…, all {@code disabled}, so the Tasklist never sends them back); the dossier in
 * the database stays the reference. One variable instead of one per text keeps the engine's writes
 * small: the first step ({@code EtapesInstruction.enregistrerDepot}, the start passes none) writes
 * a few rows for the whole summary rather than two (the variable and its history) per field, and a
 * form submitted in the Tasklist rewrites none of them. JSON also has no length limit, where a
 * Camunda string variable stops at 4,000 characters on PostgreSQL — a project's description (up to
 * 10,000) or the list of a large dossier's pièces would not fit.
 *
 * <p>The two texts the Tasklist searches by process variable stay variables of their own: {@value
 * #ADRESSE} and {@value #DEMANDEURS} (cut at {@value #LONGUEUR_RECHERCHE} characters; the fiche
 * holds them whole).
 */
public final class FicheDossier {

  /** The process variable. */
  public static final String VARIABLE = "dossier";

  /** Searched by the Tasklist (process variable, {@code like}). */
  public static final String ADRESSE = "adresseTerrain";

  /** Searched by the Tasklist (process variable, {@code like}). */
  public static final String DEMANDEURS = "demandeurs";

  /** A Camunda string variable's column ({@code TEXT_}) is {@code varchar(4000)}. */
  static final int LONGUEUR_RECHERCHE = 4000;

  /**
   * The display variables of instances started before the fiche (up to 6 Dec. 2026), and the field
   * of the fiche each becomes: {@link #convertir} moves them.
   */
  static final Map<String, String> ANCIENNES;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("numeroDossierAffiche", "numero");
    m.put("libelleTypeDossier", "nature");
    m.put("communeNom", "commune");
    m.put("demandeurs", "demandeurs");
    m.put("adresseTerrain", "adresse");
    m.put("descriptionProjet", "description");
    m.put("dateDepotTexte", "dateDepot");
    m.put("dateLimiteCompletudeTexte", "dateLimiteCompletude");
    m.put("dateDecisionTaciteTexte", "dateDecisionTacite");
    m.put("dateFinDelaiTexte", "dateFinDelai");
    m.put("delaiTexte", "delai");
    m.put("dateLimitePiecesTexte", "dateLimitePieces");
    m.put("natureDecisionTaciteTexte", "natureDecisionTacite");
    m.put("liensPieces", "liensPieces");
    m.put("majorationsProposeesTexte", "majorationsProposees");
    m.put("syntheseAvis", "syntheseAvis");
    m.put("decisionProposeeTexte", "decisionProposee");
    m.put("motifsTexte", "motifs");
    m.put("prescriptionsTexte", "prescriptions");
    m.put("lienProjetArrete", "lienProjetArrete");
    ANCIENNES = java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The choices the forms offered from variables of their own (JSON lists of {@code value} and
   * {@code label}), now lists in the fiche that the forms read by {@code valuesExpression}.
   */
  static final List<String> ANCIENNES_LISTES =
      List.of(
          "majorationsPossibles",
          "servicesConsultables",
          "piecesDuBordereau",
          "decisionsPossibles",
          "clausesDisponibles");

  /** Old variables that are neither shown nor read by the process any more. */
  static final List<String> ABANDONNEES =
      List.of(
          "numeroDossier",
          "typeDossier",
          "communeInsee",
          "dateDepot",
          "piecesJointes",
          "dateDecisionTacite",
          "delaiMois",
          "debutDelai",
          "natureDecisionTacite");

  /** What a conversion reads: the old display variables and lists. */
  private static final List<String> LUES =
      java.util.stream.Stream.concat(ANCIENNES.keySet().stream(), ANCIENNES_LISTES.stream())
          .toList();

  /** What a conversion removes: what it read but the searched texts, and the abandoned ones. */
  private static final List<String> RETIREES =
      java.util.stream.Stream.concat(
              LUES.stream().filter(n -> !n.equals(ADRESSE) && !n.equals(DEMANDEURS)),
              ABANDONNEES.stream())
          .toList();

  /** Instances converted in one transaction. */
  static final int PAR_TRANSACTION = 25;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = Logger.getLogger(FicheDossier.class.getName());

  private FicheDossier() {}

  /** A string cut to what a Camunda string variable holds (for the searched copies). */
  static String pourRecherche(String texte) {
    if (texte == null || texte.length() <= LONGUEUR_RECHERCHE) {
      return texte;
    }
    return texte.substring(0, LONGUEUR_RECHERCHE - 1) + "…";
  }

  /**
   * Sets these fields of the fiche (others kept), in the process instance's scope. A process
   * without a fiche gets one.
   */
  public static void completer(VariableScope scope, Map<String, ?> champs) {
    scope.setVariable(VARIABLE, avec(scope.getVariable(VARIABLE), champs));
  }

  /** This fiche (a variable's value, or null) with these fields set, as a new value. */
  public static TypedValue avec(Object fiche, Map<String, ?> champs) {
    ObjectNode f = lire(fiche);
    champs.forEach((nom, valeur) -> f.set(nom, JSON.valueToTree(valeur)));
    return enValeur(f);
  }

  /** One field of the fiche, or null. */
  public static String champ(Object fiche, String nom) {
    JsonNode n = lire(fiche).get(nom);
    if (n == null || n.isNull()) {
      return null;
    }
    return n.isValueNode() ? n.asText() : n.toString();
  }

  private static ObjectNode lire(Object variable) {
    return variable != null && lireJson(variable.toString()) instanceof ObjectNode o
        ? o
        : JSON.createObjectNode();
  }

  private static JsonNode lireJson(String texte) {
    try {
      return JSON.readTree(texte);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON illisible dans la fiche du dossier : " + texte, e);
    }
  }

  private static TypedValue enValeur(ObjectNode fiche) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(fiche)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Moves the display variables of up to {@code lot} instances started before the fiche into their
   * fiche, and removes the variables nothing reads any more. Each instance in one engine command,
   * so one transaction (with its variables' history, as a service call would write it); an instance
   * another node is converting at the same time is left to it. Run until it returns 0.
   *
   * @return the instances converted by this call
   */
  public static int convertir(ProcessEngine moteur, int lot) {
    RuntimeService runtime = moteur.getRuntimeService();
    List<String> instances = new ArrayList<>();
    for (VariableInstance v :
        runtime
            .createVariableInstanceQuery()
            .variableName("numeroDossierAffiche")
            .disableBinaryFetching()
            .disableCustomObjectDeserialization()
            .listPage(0, lot)) {
      if (v.getProcessInstanceId() != null && !instances.contains(v.getProcessInstanceId())) {
        instances.add(v.getProcessInstanceId());
      }
    }
    int converties = 0;
    org.camunda.bpm.engine.impl.interceptor.CommandExecutor transaction =
        ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                moteur.getProcessEngineConfiguration())
            .getCommandExecutorTxRequired();
    // Instances by groups of PAR_TRANSACTION, each group in one command and one transaction; a
    // group that meets another node's conversion is done again one instance at a time.
    for (int debut = 0; debut < instances.size(); debut += PAR_TRANSACTION) {
      List<String> groupe =
          instances.subList(debut, Math.min(instances.size(), debut + PAR_TRANSACTION));
      try {
        converties +=
            transaction.execute(
                contexte -> {
                  int n = 0;
                  for (String instance : groupe) {
                    n += convertirUne(contexte, instance) ? 1 : 0;
                  }
                  return n;
                });
      } catch (OptimisticLockingException e) {
        for (String instance : groupe) {
          try {
            if (transaction.execute(contexte -> convertirUne(contexte, instance))) {
              converties++;
            }
          } catch (OptimisticLockingException f) {
            LOG.fine(() -> "Fiche de " + instance + " convertie par un autre nœud");
          }
        }
      }
    }
    return converties;
  }

  /** Converts one instance inside the engine's command; false when there is nothing left to do. */
  static boolean convertirUne(
      org.camunda.bpm.engine.impl.interceptor.CommandContext contexte, String instance) {
    org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity racine =
        contexte.getExecutionManager().findExecutionById(instance);
    if (racine == null || !racine.hasVariableLocal("numeroDossierAffiche")) {
      return false;
    }
    Map<String, Object> anciennes = new LinkedHashMap<>();
    for (String nom : LUES) {
      anciennes.put(nom, racine.getVariableLocal(nom));
    }
    ObjectNode fiche = lire(racine.getVariableLocal(VARIABLE));
    ANCIENNES.forEach(
        (ancienne, champ) -> {
          Object valeur = anciennes.get(ancienne);
          if (valeur != null && !fiche.has(champ)) {
            fiche.put(champ, valeur.toString());
          }
        });
    for (String liste : ANCIENNES_LISTES) {
      Object valeur = anciennes.get(liste);
      if (valeur != null && !fiche.has(liste)) {
        fiche.set(liste, lireJson(valeur.toString()));
      }
    }
    racine.setVariableLocal(VARIABLE, enValeur(fiche));
    racine.removeVariablesLocal(RETIREES);
    return true;
  }
}
