package fr.parcelle.infrastructure.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.form.handler.TaskFormHandler;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A task form sent back with a JSON list the agent left as it was does not rewrite that list.
 *
 * <p>Camunda Tasklist submits every keyed field of a form that is not disabled, so the lists an
 * instructor did not touch (the majorations retained, the services to consult, the pièces asked
 * for…) come back exactly as the form read them. The engine rewrote each one all the same: the
 * variable's JSON lives in {@code ACT_GE_BYTEARRAY}, so a submit read the old bytes, deleted them,
 * inserted new ones twice (runtime and history), updated the variable and read then updated its
 * history row. Measured on the completeness task as the Tasklist sends it, two untouched lists were
 * 10 of the 53 rows a completion writes ({@code docs/performance.md}, fifteenth session).
 *
 * <p>This handler sits in front of Camunda's own on every user task (installed by {@link #plugin()}
 * through a parse listener) and leaves out a submitted JSON value equal, as JSON, to the one the
 * task already sees; everything else goes to Camunda's handler unchanged, in the same order.
 * Nothing recorded is lost: Camunda never records JSON values as submitted form properties, and the
 * history of a variable holds its current value, which stays the same. Strings, dates and booleans
 * are always written, since {@code audit} history records the strings an agent submits (the
 * completeness choice, the proposed decision) as form properties, unchanged or not. A value that
 * cannot be compared (not JSON, not yet serialised, a different type or format) is written.
 */
public final class ValeursInchangees implements TaskFormHandler {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TYPE_JSON = "json";

  private final TaskFormHandler camunda;

  ValeursInchangees(TaskFormHandler camunda) {
    this.camunda = Objects.requireNonNull(camunda);
  }

  /** The plugin: every user task parsed by the engine gets this handler before its own. */
  public static ProcessEnginePlugin plugin() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl c) {
        List<BpmnParseListener> apres = new ArrayList<>();
        if (c.getCustomPostBPMNParseListeners() != null) {
          apres.addAll(c.getCustomPostBPMNParseListeners());
        }
        apres.add(
            new AbstractBpmnParseListener() {
              @Override
              public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activite) {
                if (activite.getActivityBehavior() instanceof UserTaskActivityBehavior tache) {
                  envelopper(tache.getTaskDefinition());
                }
              }
            });
        c.setCustomPostBPMNParseListeners(apres);
      }
    };
  }

  static void envelopper(TaskDefinition definition) {
    TaskFormHandler actuel = definition.getTaskFormHandler();
    if (actuel != null && !(actuel instanceof ValeursInchangees)) {
      definition.setTaskFormHandler(new ValeursInchangees(actuel));
    }
  }

  @Override
  public TaskFormData createTaskForm(TaskEntity task) {
    return camunda.createTaskForm(task);
  }

  @Override
  public void parseConfiguration(
      Element activityElement,
      DeploymentEntity deployment,
      ProcessDefinitionEntity processDefinition,
      BpmnParse bpmnParse) {
    camunda.parseConfiguration(activityElement, deployment, processDefinition, bpmnParse);
  }

  @Override
  public void submitFormVariables(VariableMap soumises, VariableScope portee) {
    VariableMap aEcrire = Variables.createVariables();
    for (String nom : soumises.keySet()) {
      TypedValue valeur = soumises.getValueTyped(nom);
      if (!inchangee(portee, nom, valeur)) {
        aEcrire.putValueTyped(nom, valeur);
      }
    }
    camunda.submitFormVariables(aEcrire, portee);
  }

  /**
   * Whether {@code soumise} is a JSON value equal, as JSON, to what {@code portee} already sees.
   */
  static boolean inchangee(VariableScope portee, String nom, TypedValue soumise) {
    if (!(soumise instanceof SerializableValue s) || !estJson(s)) {
      return false;
    }
    // Absent: null, not JSON.
    if (!(portee.getVariableTyped(nom, false) instanceof SerializableValue a)
        || !estJson(a)
        || (s.getSerializationDataFormat() != null
            && a.getSerializationDataFormat() != null
            && !s.getSerializationDataFormat().equals(a.getSerializationDataFormat()))) {
      return false;
    }
    try {
      return JSON.readTree(a.getValueSerialized()).equals(JSON.readTree(s.getValueSerialized()));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** A Spin JSON value whose serialised text is there to compare. */
  private static boolean estJson(SerializableValue v) {
    return v.getType() != null
        && TYPE_JSON.equals(v.getType().getName())
        && v.getValueSerialized() != null;
  }
}
