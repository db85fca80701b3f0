package fr.parcelle.infrastructure.workflow;

import java.util.Set;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.runtime.VariableInstance;

/**
 * Camunda's {@code audit} history without the history of the process variables that only copy the
 * dossier: its fiche ({@value FicheDossier#VARIABLE}) and the two texts the Tasklist searches. The
 * dossier in the database is their reference and keeps its own legal journal; their history rows
 * (and the fiche's JSON copied into {@code ACT_GE_BYTEARRAY} at every update) recorded nothing
 * else. Everything else {@code audit} records stays: process, activity and task instances, and the
 * variables the process reads or the agents submit (dates, groups, the completeness choice, the
 * proposed decision…).
 *
 * <p>Its id is {@code audit}'s ({@value #ID}): the history tables mean the same under both, so a
 * database keeps its recorded level and an operator can go back to {@code audit} (or come to this
 * level) by configuration alone. Selected by {@code parcelle.engine.history-level={@value #NOM}},
 * the default.
 */
public final class HistoriqueParcelle implements HistoryLevel {

  /** The configuration value. */
  public static final String NOM = "parcelle-audit";

  /** {@code audit}'s id, which the database records. */
  public static final int ID = 2;

  /** Copies of the dossier: no variable history. */
  static final Set<String> COPIES =
      Set.of(FicheDossier.VARIABLE, FicheDossier.ADRESSE, FicheDossier.DEMANDEURS);

  private static final Set<HistoryEventType> EVENEMENTS_DE_VARIABLE =
      Set.of(
          HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
          HistoryEventTypes.VARIABLE_INSTANCE_UPDATE,
          HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL,
          HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE,
          HistoryEventTypes.VARIABLE_INSTANCE_DELETE);

  @Override
  public int getId() {
    return ID;
  }

  @Override
  public String getName() {
    return NOM;
  }

  @Override
  public boolean isHistoryEventProduced(HistoryEventType type, Object entite) {
    if (EVENEMENTS_DE_VARIABLE.contains(type)
        && entite instanceof VariableInstance variable
        && COPIES.contains(variable.getName())) {
      return false;
    }
    return HistoryLevel.HISTORY_LEVEL_AUDIT.isHistoryEventProduced(type, entite);
  }
}
