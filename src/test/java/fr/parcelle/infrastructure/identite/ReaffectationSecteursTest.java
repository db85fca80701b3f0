package fr.parcelle.infrastructure.identite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.domain.model.territoire.AutoriteCompetente;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.SecteurInstruction;
import fr.parcelle.domain.model.territoire.ServiceInstructeur;
import fr.parcelle.domain.model.territoire.Territoire;
import fr.parcelle.infrastructure.referentiel.ReferentielTerritoire;
import fr.parcelle.support.PostgresDeTest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A commune that gets its own sector, then loses it: its files in instruction follow, tasks,
 * authorisations and the groups the process will offer its next tasks to; the other communes' files
 * and a task already claimed stay as they are. On PostgreSQL, with authorisation checks and
 * per-task authorisations as in production.
 */
class ReaffectationSecteursTest {

  private static final String SERVICE = "instructeurs-rennes-metropole";
  private static final String SECTEUR = "instructeurs-rennes-metropole-rennes";

  private static ProcessEngine moteur;
  private static ReferentielTerritoire referentiel;

  @BeforeAll
  static void demarrer() {
    StandaloneProcessEngineConfiguration c = new StandaloneProcessEngineConfiguration();
    c.setProcessEngineName("secteurs-" + System.nanoTime());
    c.setDataSource(PostgresDeTest.base("secteurs"));
    c.setDatabaseType("postgres");
    c.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
    c.setJobExecutorActivate(false);
    ControleDesAutorisations.installer(c); // as in Payara
    moteur = c.buildProcessEngine();
    // The shape of instruction-dau.bpmn that matters here: a task for the instructors, and a
    // consultation the instructors answer themselves (its local groupeAvis is their group).
    moteur
        .getRepositoryService()
        .createDeployment()
        .addModelInstance(
            "secteurs.bpmn",
            Bpmn.createExecutableProcess("Process_Secteurs")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .parallelGateway("Gateway_Ouverture")
                .userTask("Task_Instruire")
                .camundaCandidateGroups("${groupeInstructeurs}")
                .endEvent("End_Instruire")
                .moveToNode("Gateway_Ouverture")
                .subProcess("SubProcess_Consultation")
                .camundaInputParameter("groupeAvis", "${groupeInstructeurs}")
                .embeddedSubProcess()
                .startEvent()
                .userTask("Task_RendreAvis")
                .camundaCandidateGroups("${groupeAvis}")
                .endEvent()
                .subProcessDone()
                .endEvent("End_Consultation")
                .done())
        .deploy();
    referentiel = new ReferentielTerritoire();
    referentiel.charger();
  }

  @AfterAll
  static void arreter() {
    moteur.close();
  }

  @Test
  void les_dossiers_en_cours_suivent_leur_commune_dans_son_secteur_puis_hors_de_lui() {
    String rennesLibre = demarrer("PC0352382600001");
    String rennesPris = demarrer("DP0352382600002");
    String vern = demarrer("PC0353522600001");
    // Claimed by Yann before Rennes had its team: stays his.
    String prise = tache(rennesPris, "Task_Instruire").getId();
    moteur.getTaskService().claim(prise, "yann");

    assertThat(new ReaffectationSecteurs(moteur, territoire(true)).reaffecter()).isEqualTo(2);

    for (String rennes : List.of(rennesLibre, rennesPris)) {
      assertThat(moteur.getRuntimeService().getVariable(rennes, "groupeInstructeurs"))
          .isEqualTo(SECTEUR);
      assertThat(candidats(tache(rennes, "Task_Instruire"))).containsExactly(SECTEUR);
      assertThat(candidats(tache(rennes, "Task_RendreAvis"))).containsExactly(SECTEUR);
      assertThat(
              moteur
                  .getRuntimeService()
                  .getVariableLocal(
                      tache(rennes, "Task_RendreAvis").getExecutionId(), "groupeAvis"))
          .as("the next tasks of the consultation go to the sector too")
          .isEqualTo(SECTEUR);
    }
    assertThat(tache(rennesPris, "Task_Instruire").getAssignee()).isEqualTo("yann");
    assertThat(moteur.getRuntimeService().getVariable(vern, "groupeInstructeurs"))
        .isEqualTo(SERVICE);
    assertThat(candidats(tache(vern, "Task_Instruire"))).containsExactly(SERVICE);

    // What each one's Tasklist shows, through the engine's authorisation checks.
    assertThat(visibles("gwen", SERVICE, SECTEUR))
        .containsExactlyInAnyOrder(rennesLibre, rennesLibre, rennesPris, rennesPris, vern, vern);
    assertThat(visibles("yann", SERVICE)).containsExactlyInAnyOrder(vern, vern, rennesPris);
    String libre = tache(rennesLibre, "Task_Instruire").getId();
    moteur.getIdentityService().setAuthentication("yann", List.of(SERVICE));
    try {
      assertThatThrownBy(() -> moteur.getTaskService().claim(libre, "yann"))
          .isInstanceOf(AuthorizationException.class);
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
    moteur.getIdentityService().setAuthentication("gwen", List.of(SERVICE, SECTEUR));
    try {
      moteur.getTaskService().claim(libre, "gwen");
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
    assertThat(new ReaffectationSecteurs(moteur, territoire(true)).reaffecter())
        .as("a second run finds nothing to move")
        .isZero();

    // The sector is removed from the reference data; its group stays in the identity store.
    moteur.getIdentityService().saveGroup(moteur.getIdentityService().newGroup(SECTEUR));
    assertThat(new ReaffectationSecteurs(moteur, territoire(false)).reaffecter()).isEqualTo(2);
    assertThat(moteur.getRuntimeService().getVariable(rennesLibre, "groupeInstructeurs"))
        .isEqualTo(SERVICE);
    assertThat(candidats(tache(rennesLibre, "Task_RendreAvis"))).containsExactly(SERVICE);
    assertThat(tache(rennesLibre, "Task_Instruire").getAssignee()).isEqualTo("gwen");
    assertThat(visibles("yann", SERVICE))
        .containsExactlyInAnyOrder(vern, vern, rennesPris, rennesPris, rennesLibre, rennesLibre);
  }

  @Test
  void deux_noeuds_qui_demarrent_ensemble_deplacent_chaque_dossier_une_fois() throws Exception {
    String est = "instructeurs-rennes-metropole-est";
    List<String> instances = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      instances.add(demarrer(String.format("PC03500126%05d", i))); // Acigné (35001)
    }
    Territoire avecEst =
        territoire(
            List.of(new SecteurInstruction(est, "Est", "rennes-metropole-ads", Set.of("35001"))));
    java.util.concurrent.CyclicBarrier depart = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService noeuds =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Integer>> runs = new ArrayList<>();
      for (int n = 0; n < 2; n++) {
        runs.add(
            noeuds.submit(
                () -> {
                  depart.await();
                  return new ReaffectationSecteurs(moteur, avecEst).reaffecter();
                }));
      }
      int total = 0;
      for (var r : runs) {
        total += r.get(); // no exception escapes either node
      }
      assertThat(total).isGreaterThanOrEqualTo(30);
    } finally {
      noeuds.shutdownNow();
    }

    for (String instance : instances) {
      assertThat(moteur.getRuntimeService().getVariable(instance, "groupeInstructeurs"))
          .isEqualTo(est);
      for (String cle : List.of("Task_Instruire", "Task_RendreAvis")) {
        Task t = tache(instance, cle);
        assertThat(candidats(t)).containsExactly(est);
        assertThat(
                moteur
                    .getAuthorizationService()
                    .createAuthorizationQuery()
                    .resourceType(org.camunda.bpm.engine.authorization.Resources.TASK)
                    .resourceId(t.getId())
                    .list())
            .extracting(org.camunda.bpm.engine.authorization.Authorization::getGroupId)
            .containsExactly(est);
      }
    }
    assertThat(new ReaffectationSecteurs(moteur, avecEst).reaffecter()).isZero();
  }

  private static String demarrer(String numero) {
    return moteur
        .getRuntimeService()
        .startProcessInstanceByKey(
            "Process_Secteurs", numero, Map.of("groupeInstructeurs", SERVICE))
        .getId();
  }

  private static Task tache(String instance, String cle) {
    return moteur
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(instance)
        .taskDefinitionKey(cle)
        .singleResult();
  }

  private static List<String> candidats(Task t) {
    return moteur.getTaskService().getIdentityLinksForTask(t.getId()).stream()
        .filter(l -> "candidate".equals(l.getType()))
        .map(IdentityLink::getGroupId)
        .toList();
  }

  /** The instances of the tasks a user sees, one entry per task. */
  private static List<String> visibles(String utilisateur, String... groupes) {
    moteur.getIdentityService().setAuthentication(utilisateur, List.of(groupes));
    try {
      return moteur.getTaskService().createTaskQuery().list().stream()
          .map(Task::getProcessInstanceId)
          .toList();
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
  }

  /** The seed territory, with or without Rennes's team. */
  private static Territoire territoire(boolean avecSecteur) {
    return territoire(
        avecSecteur
            ? List.of(
                new SecteurInstruction(
                    SECTEUR, "Rennes ville", "rennes-metropole-ads", Set.of("35238")))
            : List.of());
  }

  /** The seed territory with these sectors. */
  private static Territoire territoire(List<SecteurInstruction> secteurs) {
    return new Territoire() {
      @Override
      public Optional<Commune> commune(String insee) {
        return referentiel.commune(insee);
      }

      @Override
      public Optional<ServiceInstructeur> service(String code) {
        return referentiel.service(code);
      }

      @Override
      public Optional<AutoriteCompetente> autoriteCompetente(String insee, String login) {
        return referentiel.autoriteCompetente(insee, login);
      }

      @Override
      public Collection<Commune> communes() {
        return referentiel.communes();
      }

      @Override
      public Collection<SecteurInstruction> secteurs() {
        return secteurs;
      }
    };
  }
}
