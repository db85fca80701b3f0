package fr.parcelle.infrastructure.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.support.MoteurDeTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A task form sent back with a JSON list as the form read it leaves that list's stored bytes alone
 * ({@link ValeursInchangees}, installed on {@link MoteurDeTest} as in Payara), on the real engine
 * and PostgreSQL; everything else is written as Camunda writes it.
 */
class ValeursInchangeesTest {

  private static final String PROCESSUS = "valeurs-inchangees";

  private final ProcessEngine moteur = MoteurDeTest.moteur();
  private String deploiement;

  @BeforeEach
  void deployer() {
    // The form, then a second task: the variables outlive the submit, to be read.
    deploiement =
        MoteurDeTest.deployerTaches(moteur, PROCESSUS, "Tache_Formulaire", "Tache_Suivante");
  }

  @AfterEach
  void nettoyer() {
    moteur.getRepositoryService().deleteDeployment(deploiement, true);
  }

  @Test
  void une_liste_renvoyee_telle_quelle_garde_ses_octets_et_le_reste_est_ecrit() {
    Map<String, Object> depart = new HashMap<>();
    depart.put("majorationsRetenues", json("[\"ABF\",\"ERP\"]"));
    depart.put("servicesAConsulter", json("[]"));
    depart.put("ordre", json("[\"A\",\"B\"]"));
    depart.put("completude", "COMPLET");
    String instance =
        moteur.getRuntimeService().startProcessInstanceByKey(PROCESSUS, depart).getId();
    Map<String, VariableInstanceEntity> avant = variables(instance);

    // What the Tasklist sends: every list, touched or not (here with form-js's own spacing).
    Map<String, Object> formulaire = new HashMap<>();
    formulaire.put("majorationsRetenues", json("[ \"ABF\", \"ERP\" ]"));
    formulaire.put("servicesAConsulter", json("[\"AVIS_ABF\"]"));
    formulaire.put("ordre", json("[\"B\",\"A\"]"));
    formulaire.put("piecesManquantes", json("[]"));
    formulaire.put("completude", "COMPLET");
    moteur.getFormService().submitTaskForm(tache(instance, "Tache_Formulaire"), formulaire);

    assertThat(tache(instance, "Tache_Suivante")).as("la tâche a bien été complétée").isNotNull();
    Map<String, VariableInstanceEntity> apres = variables(instance);
    // Unchanged as JSON: same bytes, same row, same revision.
    assertThat(apres.get("majorationsRetenues").getByteArrayValueId())
        .isEqualTo(avant.get("majorationsRetenues").getByteArrayValueId());
    assertThat(apres.get("majorationsRetenues").getRevision())
        .isEqualTo(avant.get("majorationsRetenues").getRevision());
    // Changed, reordered or new: written.
    assertThat(apres.get("servicesAConsulter").getByteArrayValueId())
        .isNotEqualTo(avant.get("servicesAConsulter").getByteArrayValueId());
    assertThat(texte(instance, "servicesAConsulter")).isEqualTo("[\"AVIS_ABF\"]");
    assertThat(texte(instance, "ordre")).isEqualTo("[\"B\",\"A\"]");
    assertThat(apres).containsKey("piecesManquantes");
    assertThat(texte(instance, "majorationsRetenues")).isEqualTo("[\"ABF\",\"ERP\"]");
    // A string sent back unchanged still goes through: audit records it as submitted.
    List<String> champs =
        moteur
            .getHistoryService()
            .createHistoricDetailQuery()
            .formFields()
            .processInstanceId(instance)
            .list()
            .stream()
            .map(
                d ->
                    ((HistoricFormField) d).getFieldId()
                        + "="
                        + ((HistoricFormField) d).getFieldValue())
            .toList();
    assertThat(champs).containsExactly("completude=COMPLET");
  }

  @Test
  void seule_une_valeur_json_egale_en_json_a_la_valeur_vue_est_laissee() {
    Map<String, Object> depart = new HashMap<>();
    depart.put("liste", json("[\"DP2\"]"));
    depart.put("texte", "[\"DP2\"]");
    depart.put("objet", json("{\"a\":1,\"b\":[true]}"));
    String instance =
        moteur.getRuntimeService().startProcessInstanceByKey(PROCESSUS, depart).getId();
    String tache = tache(instance, "Tache_Formulaire");

    assertThat(inchangee(tache, "liste", json("[ \"DP2\" ]"))).isTrue();
    assertThat(inchangee(tache, "objet", json("{\"b\":[true],\"a\":1}"))).isTrue();
    assertThat(inchangee(tache, "liste", json("[\"DP2\",\"DP3\"]"))).isFalse();
    assertThat(inchangee(tache, "objet", json("{\"a\":1.0,\"b\":[true]}"))).isFalse();
    // A string variable holding the same text is another type: written.
    assertThat(inchangee(tache, "texte", json("[\"DP2\"]"))).isFalse();
    // Not JSON on either side, absent, or not parseable: written.
    assertThat(inchangee(tache, "liste", Variables.stringValue("[\"DP2\"]"))).isFalse();
    assertThat(inchangee(tache, "absente", json("[]"))).isFalse();
    assertThat(inchangee(tache, "liste", json("[\"DP2\""))).isFalse();
  }

  @Test
  void chaque_tache_du_processus_d_instruction_passe_par_le_filtre() {
    String instruction = MoteurDeTest.deployerInstruction(moteur, "valeurs-inchangees");
    try {
      List<ProcessDefinition> definitions =
          moteur
              .getRepositoryService()
              .createProcessDefinitionQuery()
              .deploymentId(instruction)
              .list();
      assertThat(definitions).isNotEmpty();
      int taches = 0;
      for (ProcessDefinition d : definitions) {
        ProcessDefinitionEntity entite =
            (ProcessDefinitionEntity)
                ((RepositoryServiceImpl) moteur.getRepositoryService())
                    .getDeployedProcessDefinition(d.getId());
        for (ActivityImpl a : toutes(entite.getActivities())) {
          if (a.getActivityBehavior() instanceof UserTaskActivityBehavior u) {
            taches++;
            assertThat(u.getTaskDefinition().getTaskFormHandler())
                .as(a.getId())
                .isInstanceOf(ValeursInchangees.class);
          }
        }
      }
      // Completeness, opinion, proposal, signature at least.
      assertThat(taches).isGreaterThanOrEqualTo(4);
    } finally {
      moteur.getRepositoryService().deleteDeployment(instruction, true);
    }
  }

  private static List<ActivityImpl> toutes(List<ActivityImpl> activites) {
    List<ActivityImpl> tout = new java.util.ArrayList<>();
    for (ActivityImpl a : activites) {
      tout.add(a);
      tout.addAll(toutes(a.getActivities()));
    }
    return tout;
  }

  private static TypedValue json(String texte) {
    return SpinValues.jsonValue(texte).create();
  }

  /** The handler's test, inside a command as during a submit. */
  private boolean inchangee(String tache, String nom, TypedValue valeur) {
    return ((TaskServiceImpl) moteur.getTaskService())
        .getCommandExecutor()
        .execute(
            c -> ValeursInchangees.inchangee(c.getTaskManager().findTaskById(tache), nom, valeur));
  }

  private String tache(String instance, String cle) {
    return moteur
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(instance)
        .taskDefinitionKey(cle)
        .singleResult()
        .getId();
  }

  private Map<String, VariableInstanceEntity> variables(String instance) {
    return moteur
        .getRuntimeService()
        .createVariableInstanceQuery()
        .processInstanceIdIn(instance)
        .disableCustomObjectDeserialization()
        .list()
        .stream()
        .collect(Collectors.toMap(VariableInstance::getName, v -> (VariableInstanceEntity) v));
  }

  private String texte(String instance, String nom) {
    return ((org.camunda.bpm.engine.variable.value.SerializableValue)
            moteur.getRuntimeService().getVariableTyped(instance, nom, false))
        .getValueSerialized()
        .replace(" ", "");
  }
}
