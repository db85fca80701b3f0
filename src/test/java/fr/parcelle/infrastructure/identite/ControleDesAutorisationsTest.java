package fr.parcelle.infrastructure.identite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.support.PostgresDeTest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's authorisation checks with {@link ControleDesAutorisations}: the same answers (an
 * instructor sees and works the tasks of their own service only), without the inventory of groups
 * Camunda reads before each query. On PostgreSQL, with per-task authorisations as in production.
 */
class ControleDesAutorisationsTest {

  private static ProcessEngine moteur;

  @BeforeAll
  static void demarrer() {
    StandaloneProcessEngineConfiguration c = new StandaloneProcessEngineConfiguration();
    c.setProcessEngineName("autorisations-" + System.nanoTime());
    c.setDataSource(PostgresDeTest.base("autorisations"));
    c.setDatabaseType("postgres");
    c.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
    c.setJobExecutorActivate(false);
    ControleDesAutorisations.installer(c);
    moteur = c.buildProcessEngine();
    moteur
        .getRepositoryService()
        .createDeployment()
        .addModelInstance(
            "service.bpmn",
            Bpmn.createExecutableProcess("Process_Service")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Instruire")
                .camundaCandidateGroups("${groupe}")
                .endEvent()
                .done())
        .deploy();
    for (String groupe :
        List.of(
            "instructeurs-a",
            "instructeurs-a",
            "instructeurs-b",
            "instructeurs-d",
            "instructeurs-e")) {
      moteur
          .getRuntimeService()
          .startProcessInstanceByKey("Process_Service", Map.of("groupe", groupe));
    }
    // The task of service d keeps its candidate link, but its grant is gone: what no Parcelle code
    // does and a person cannot do (see below), only a hand-made edit of the tables. The one case
    // where the list and the check would disagree.
    Task deD =
        moteur
            .getTaskService()
            .createTaskQuery()
            .taskCandidateGroup("instructeurs-d")
            .singleResult();
    AuthorizationService autorisations = moteur.getAuthorizationService();
    List<Authorization> accordees =
        autorisations
            .createAuthorizationQuery()
            .resourceType(Resources.TASK)
            .resourceId(deD.getId())
            .groupIdIn("instructeurs-d")
            .list();
    assertThat(accordees).hasSize(1);
    autorisations.deleteAuthorization(accordees.get(0).getId());
    tacheSansAutorisation = deD.getId();
    // Administrators hold ALL on authorisations and tasks, as IdentiteBootstrap grants them.
    for (Resources ressource : List.of(Resources.AUTHORIZATION, Resources.TASK)) {
      Authorization tout = autorisations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      tout.setGroupId("camunda-admin");
      tout.setResource(ressource);
      tout.setResourceId(Authorization.ANY);
      tout.addPermission(Permissions.ALL);
      autorisations.saveAuthorization(tout);
    }
    // agentd, member of d, for the candidate-user query.
    IdentityService identite = moteur.getIdentityService();
    identite.saveGroup(identite.newGroup("instructeurs-d"));
    identite.saveUser(identite.newUser("agentd"));
    identite.createMembership("agentd", "instructeurs-d");
  }

  private static String tacheSansAutorisation;

  @AfterAll
  static void arreter() {
    moteur.close();
  }

  @Test
  void le_moteur_utilise_ce_controle() {
    AuthorizationManager gestionnaire =
        ((ProcessEngineConfigurationImpl) moteur.getProcessEngineConfiguration())
            .getCommandExecutorTxRequired()
            .execute(contexte -> contexte.getAuthorizationManager());
    assertThat(gestionnaire).isInstanceOf(ControleDesAutorisations.class);
  }

  @Test
  void les_groupes_de_l_utilisateur_sont_gardes_tels_quels_sans_lecture_de_la_base() {
    // Outside any command: Camunda's own manager would need the database here and fail.
    assertThat(
            new ControleDesAutorisations()
                .filterAuthenticatedGroupIds(List.of("instructeurs-a", "sans-autorisation")))
        .containsExactly("instructeurs-a", "sans-autorisation");
    assertThat(new ControleDesAutorisations().filterAuthenticatedGroupIds(null)).isEmpty();
  }

  @Test
  void chacun_ne_voit_que_les_taches_de_son_service() {
    assertThat(taches("agent-a", List.of("instructeurs-a", "autre-groupe"))).hasSize(2);
    assertThat(taches("agent-b", List.of("instructeurs-b"))).hasSize(1);
    assertThat(taches("agent-c", List.of("instructeurs-c"))).isEmpty();
    assertThat(taches("sans-groupe", List.of())).isEmpty();
  }

  @Test
  void un_agent_ne_travaille_pas_la_tache_d_un_autre_service() {
    Task deB =
        moteur
            .getTaskService()
            .createTaskQuery()
            .taskCandidateGroup("instructeurs-b")
            .list()
            .get(0);
    moteur.getIdentityService().setAuthentication("agent-a", List.of("instructeurs-a"));
    try {
      assertThatThrownBy(() -> moteur.getTaskService().claim(deB.getId(), "agent-a"))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
  }

  @Test
  void la_liste_de_ses_groupes_est_celle_que_le_controle_par_tache_donne() {
    for (List<String> groupes :
        List.of(
            List.of("instructeurs-a", "autre-groupe"),
            List.of("instructeurs-b"),
            List.of("instructeurs-a", "instructeurs-b"))) {
      List<String> parTache = ids(taches("agent", groupes));
      List<String> parGroupe =
          ids(
              en(
                  "agent",
                  groupes,
                  () ->
                      moteur
                          .getTaskService()
                          .createTaskQuery()
                          .taskCandidateGroupIn(groupes)
                          .includeAssignedTasks()
                          .list()));
      assertThat(parGroupe).isNotEmpty().containsExactlyInAnyOrderElementsOf(parTache);
    }
  }

  @Test
  void la_liste_de_ses_groupes_se_passe_du_controle_par_tache() {
    List<String> groupes = List.of("instructeurs-d");
    // Offered to d: d's own list shows it, from the candidate link alone…
    assertThat(
            ids(
                en(
                    "agentd",
                    groupes,
                    () ->
                        moteur
                            .getTaskService()
                            .createTaskQuery()
                            .taskCandidateGroupIn(groupes)
                            .includeAssignedTasks()
                            .list())))
        .containsExactly(tacheSansAutorisation);
    assertThat(
            en(
                "agentd",
                groupes,
                () ->
                    moteur
                        .getTaskService()
                        .createTaskQuery()
                        .taskCandidateGroup("instructeurs-d")
                        .count()))
        .isEqualTo(1L);
    // …and so does the Tasklist's filter "my groups' tasks", page and count.
    Filter filtre =
        moteur
            .getFilterService()
            .newTaskFilter("Mes groupes")
            .setQuery(
                moteur
                    .getTaskService()
                    .createTaskQuery()
                    .taskCandidateGroupInExpression("${currentUserGroups()}")
                    .includeAssignedTasks());
    moteur.getFilterService().saveFilter(filtre);
    Authorization lecture =
        moteur.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    lecture.setGroupId("instructeurs-d");
    lecture.setResource(Resources.FILTER);
    lecture.setResourceId(filtre.getId());
    lecture.addPermission(Permissions.READ);
    moteur.getAuthorizationService().saveAuthorization(lecture);
    try {
      assertThat(ids(en("agentd", groupes, () -> moteur.getFilterService().list(filtre.getId()))))
          .containsExactly(tacheSansAutorisation);
      assertThat(en("agentd", groupes, () -> moteur.getFilterService().count(filtre.getId())))
          .isEqualTo(1L);
    } finally {
      moteur.getFilterService().deleteFilter(filtre.getId());
    }
    // Everything else still asks for the grant: the task by its id, its variables, its work.
    assertThat(taches("agentd", groupes)).isEmpty();
    assertThat(
            en(
                "agentd",
                groupes,
                () ->
                    moteur
                        .getTaskService()
                        .createTaskQuery()
                        .taskId(tacheSansAutorisation)
                        .count()))
        .isZero();
    moteur.getIdentityService().setAuthentication("agentd", groupes);
    try {
      assertThatThrownBy(() -> moteur.getTaskService().getVariables(tacheSansAutorisation))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
      assertThatThrownBy(() -> moteur.getTaskService().claim(tacheSansAutorisation, "agentd"))
          .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
  }

  @Test
  void toute_autre_requete_garde_le_controle_par_tache() {
    List<String> groupes = List.of("instructeurs-d");
    // Groups that are not all the user's: the check decides, task by task.
    assertThat(
            en(
                "agent-a",
                List.of("instructeurs-a"),
                () ->
                    moteur
                        .getTaskService()
                        .createTaskQuery()
                        .taskCandidateGroupIn(List.of("instructeurs-a", "instructeurs-b"))
                        .list()))
        .hasSize(2)
        .allSatisfy(
            t ->
                assertThat(
                        moteur
                            .getTaskService()
                            .getIdentityLinksForTask(t.getId())
                            .get(0)
                            .getGroupId())
                    .isEqualTo("instructeurs-a"));
    assertThat(
            en(
                "agent-a",
                List.of("instructeurs-a"),
                () ->
                    moteur
                        .getTaskService()
                        .createTaskQuery()
                        .taskCandidateGroup("instructeurs-b")
                        .count()))
        .isZero();
    // A candidate user, a pattern, an "or" query: checked, so d's ungranted task is not there.
    assertThat(
            en(
                "agentd",
                groupes,
                () -> moteur.getTaskService().createTaskQuery().taskCandidateUser("agentd").list()))
        .isEmpty();
    assertThat(
            en(
                "agentd",
                groupes,
                () ->
                    moteur
                        .getTaskService()
                        .createTaskQuery()
                        .taskCandidateGroupLike("instructeurs-d%")
                        .list()))
        .isEmpty();
    assertThat(
            en(
                "agentd",
                groupes,
                () ->
                    moteur
                        .getTaskService()
                        .createTaskQuery()
                        .taskCandidateGroup("instructeurs-d")
                        .or()
                        .taskDefinitionKey("Task_Instruire")
                        .taskName("aucune")
                        .endOr()
                        .list()))
        .isEmpty();
  }

  @Test
  void une_revocation_remet_le_controle_par_tache() {
    Task deA =
        moteur
            .getTaskService()
            .createTaskQuery()
            .taskCandidateGroup("instructeurs-a")
            .list()
            .get(0);
    AuthorizationService autorisations = moteur.getAuthorizationService();
    Authorization revocation = autorisations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    // The user's own revocation outweighs the grant their group holds (Camunda's precedence).
    revocation.setUserId("agent-a");
    revocation.setResource(Resources.TASK);
    revocation.setResourceId(deA.getId());
    revocation.removePermission(Permissions.READ);
    autorisations.saveAuthorization(revocation);
    try {
      List<String> groupes = List.of("instructeurs-a");
      List<String> vues =
          ids(
              en(
                  "agent-a",
                  groupes,
                  () ->
                      moteur
                          .getTaskService()
                          .createTaskQuery()
                          .taskCandidateGroupIn(groupes)
                          .includeAssignedTasks()
                          .list()));
      assertThat(vues).hasSize(1).doesNotContain(deA.getId());
      assertThat(ids(taches("agent-a", groupes))).isEqualTo(vues);
    } finally {
      autorisations.deleteAuthorization(revocation.getId());
    }
  }

  @Test
  void une_personne_ne_retire_pas_la_lecture_d_un_groupe_encore_candidat() {
    Task deE =
        moteur
            .getTaskService()
            .createTaskQuery()
            .taskCandidateGroup("instructeurs-e")
            .singleResult();
    AuthorizationService autorisations = moteur.getAuthorizationService();
    Supplier<Authorization> lecture =
        () ->
            autorisations
                .createAuthorizationQuery()
                .resourceType(Resources.TASK)
                .resourceId(deE.getId())
                .groupIdIn("instructeurs-e")
                .singleResult();
    String id = lecture.get().getId();
    List<String> admin = List.of("camunda-admin");
    // Deleted, or edited without READ, while e is still a candidate: refused, grant unchanged.
    assertThatThrownBy(() -> en("admin", admin, () -> supprimer(id)))
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("instructeurs-e")
        .hasMessageContaining("retirez-le d'abord des groupes de la tâche");
    assertThatThrownBy(
            () ->
                en(
                    "admin",
                    admin,
                    () -> {
                      Authorization sansLecture = lecture.get();
                      sansLecture.removePermission(Permissions.READ);
                      return autorisations.saveAuthorization(sansLecture);
                    }))
        .isInstanceOf(BadUserRequestException.class);
    assertThat(lecture.get().isPermissionGranted(Permissions.READ)).isTrue();
    assertThat(
            en(
                "agente",
                List.of("instructeurs-e"),
                () ->
                    moteur
                        .getTaskService()
                        .createTaskQuery()
                        .taskCandidateGroup("instructeurs-e")
                        .count()))
        .isEqualTo(1L);
    // Other edits of the grant, such as adding a permission, are free.
    en(
        "admin",
        admin,
        () -> {
          Authorization plus = lecture.get();
          plus.addPermission(Permissions.UPDATE);
          return autorisations.saveAuthorization(plus);
        });
    // The group taken off the task first, then its grant: the task leaves e's every list.
    en(
        "admin",
        admin,
        () -> {
          moteur
              .getTaskService()
              .deleteGroupIdentityLink(deE.getId(), "instructeurs-e", IdentityLinkType.CANDIDATE);
          return supprimer(id);
        });
    assertThat(lecture.get()).isNull();
    assertThat(taches("agente", List.of("instructeurs-e"))).isEmpty();
  }

  private static Void supprimer(String autorisation) {
    moteur.getAuthorizationService().deleteAuthorization(autorisation);
    return null;
  }

  private static <T> T en(String utilisateur, List<String> groupes, Supplier<T> requete) {
    moteur.getIdentityService().setAuthentication(utilisateur, groupes);
    try {
      return requete.get();
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
  }

  private static List<String> ids(List<? extends Object> taches) {
    return taches.stream().map(t -> ((Task) t).getId()).toList();
  }

  private static List<Task> taches(String utilisateur, List<String> groupes) {
    moteur.getIdentityService().setAuthentication(utilisateur, groupes);
    try {
      List<Task> vues = moteur.getTaskService().createTaskQuery().list();
      assertThat(moteur.getTaskService().createTaskQuery().count()).isEqualTo(vues.size());
      return vues;
    } finally {
      moteur.getIdentityService().clearAuthentication();
    }
  }
}
