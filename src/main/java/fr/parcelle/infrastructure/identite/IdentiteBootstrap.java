package fr.parcelle.infrastructure.identite;

import fr.parcelle.domain.model.referentiel.ReferentielJuridique;
import fr.parcelle.domain.model.referentiel.ServiceConsultable;
import fr.parcelle.domain.model.territoire.Commune;
import fr.parcelle.domain.model.territoire.SecteurInstruction;
import fr.parcelle.domain.model.territoire.ServiceInstructeur;
import fr.parcelle.domain.model.territoire.Territoire;
import fr.parcelle.infrastructure.workflow.CamundaInstructionWorkflow;
import fr.parcelle.infrastructure.workflow.ProcessEngineBootstrap;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the identity store match the territory at every start (idempotent): one group per service
 * instructeur, per sector of a service and per commune's maire, their access to the Tasklist and
 * its filters; files in instruction follow a commune that changed sector ({@link
 * ReaffectationSecteurs}). In demo mode, creates the demo accounts once.
 */
@Singleton
@Startup
@DependsOn("ProcessEngineBootstrap")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IdentiteBootstrap {

  private static final Logger LOG = Logger.getLogger(IdentiteBootstrap.class.getName());

  static final String FILTRE_SERVICE = "À traiter par mon service";
  static final String FILTRE_MES_TACHES = "Mes tâches";
  static final String FILTRE_ECHEANCE = "Échéance dans moins de 7 jours";
  static final String FILTRE_SECTEUR = "Secteur ";

  @Inject ProcessEngineBootstrap bootstrap;
  @Inject Territoire territoire;

  @Inject
  @ConfigProperty(name = "parcelle.demo.enabled", defaultValue = "false")
  boolean demo;

  /**
   * Set by the launcher when it started the embedded database: demo accounts never reach a real
   * one.
   */
  @Inject
  @ConfigProperty(name = "parcelle.db.embedded", defaultValue = "false")
  boolean baseEmbarquee;

  @Inject ReferentielJuridique referentiel;

  @PostConstruct
  void synchroniser() {
    ProcessEngine moteur = bootstrap.moteur();
    IdentityService identite = moteur.getIdentityService();
    AuthorizationService autorisations = moteur.getAuthorizationService();

    groupe(
        identite,
        Groupes.ADMINISTRATEURS,
        "Administrateurs de la plateforme",
        Groups.GROUP_TYPE_SYSTEM);
    groupe(identite, Groupes.DEMANDEURS, "Demandeurs et architectes", Groups.GROUP_TYPE_WORKFLOW);

    Map<String, String> agents = new LinkedHashMap<>();
    for (Commune c : territoire.communes()) {
      ServiceInstructeur s = territoire.service(c.codeService()).orElseThrow();
      agents.put(s.groupeInstructeurs(), "Instructeurs — " + s.nom());
      agents.put(territoire.groupeMaire(c.insee()), "Maire et délégués — " + c.nom());
    }
    for (SecteurInstruction secteur : territoire.secteurs()) {
      ServiceInstructeur s = territoire.service(secteur.codeService()).orElseThrow();
      agents.put(secteur.groupe(), "Instructeurs — " + s.nom() + " — secteur " + secteur.nom());
    }
    for (ServiceConsultable s : referentiel.servicesConsultables()) {
      s.groupeAgents().ifPresent(g -> agents.put(g, "Service consulté — " + s.libelle()));
    }
    FilterService filtres = moteur.getFilterService();
    List<Filter> partages =
        List.of(
            filtre(
                filtres,
                FILTRE_MES_TACHES,
                "Tâches qui me sont assignées",
                moteur
                    .getTaskService()
                    .createTaskQuery()
                    .taskAssigneeExpression("${currentUser()}"),
                -20),
            filtre(
                filtres,
                FILTRE_SERVICE,
                "Tâches proposées aux groupes dont je suis membre",
                serviceQuery(moteur),
                -10),
            filtre(
                filtres,
                FILTRE_ECHEANCE,
                "Tâches de mon service dont l'échéance légale tombe dans les 7 jours",
                serviceQuery(moteur).dueBeforeExpression("${dateTime().plusDays(7).toDate()}"),
                0));
    for (Map.Entry<String, String> agent : agents.entrySet()) {
      String g = agent.getKey();
      groupe(identite, g, agent.getValue(), Groups.GROUP_TYPE_WORKFLOW);
      accorder(autorisations, g, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      for (Filter f : partages) {
        accorder(autorisations, g, Resources.FILTER, f.getId(), Permissions.READ);
      }
      accorder(
          autorisations,
          g,
          Resources.PROCESS_DEFINITION,
          CamundaInstructionWorkflow.PROCESSUS,
          Permissions.READ);
    }
    // One filter per sector, for its team and whoever heads several teams: a sector's list costs
    // what its own tasks cost, where "À traiter par mon service" counts all of the head's groups.
    for (SecteurInstruction secteur : territoire.secteurs()) {
      Filter f =
          filtre(
              filtres,
              FILTRE_SECTEUR + secteur.nom(),
              "Tâches proposées à l'équipe du secteur " + secteur.nom(),
              moteur
                  .getTaskService()
                  .createTaskQuery()
                  .taskCandidateGroup(secteur.groupe())
                  .includeAssignedTasks(),
              -5);
      accorder(autorisations, secteur.groupe(), Resources.FILTER, f.getId(), Permissions.READ);
    }
    profilsEnLectureSeule(autorisations);
    if (demo && !baseEmbarquee) {
      LOG.warning(
          "Mode démo demandé avec une base externe : refusé, aucun compte de démonstration créé.");
    } else if (demo) {
      creerComptesDemo(identite);
    }
    for (SecteurInstruction secteur : territoire.secteurs()) {
      if (identite.createUserQuery().memberOfGroup(secteur.groupe()).count() == 0) {
        LOG.warning(
            () ->
                "Le secteur « "
                    + secteur.nom()
                    + " » ("
                    + secteur.groupe()
                    + ") n'a aucun membre : les tâches de ses communes ne sont proposées à personne.");
      }
    }
    try {
      new ReaffectationSecteurs(moteur, territoire).reaffecter();
    } catch (RuntimeException e) {
      // The files stay with their former group, whose members still see them: logged, not fatal.
      LOG.log(
          java.util.logging.Level.SEVERE,
          "Réaffectation des dossiers en cours à leur secteur interrompue",
          e);
    }
    LOG.info(
        () ->
            agents.size()
                + " groupe(s) d'agents synchronisé(s)"
                + (demo ? " ; mode démo actif" : ""));
  }

  /**
   * Accounts created before {@link AutorisationsParDefaut} hold ALL on their own profile (the
   * engine's default): brought down to READ, so nobody changes their own e-mail (which names them
   * on files). Administrators keep their group's rights.
   */
  private static void profilsEnLectureSeule(AuthorizationService autorisations) {
    int corrigees = 0;
    for (Authorization a :
        autorisations.createAuthorizationQuery().resourceType(Resources.USER).list()) {
      if (a.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT
          && a.getUserId() != null
          && a.getUserId().equals(a.getResourceId())
          && a.isPermissionGranted(Permissions.UPDATE)) {
        autorisations.deleteAuthorization(a.getId());
        Authorization lecture = autorisations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        lecture.setUserId(a.getUserId());
        lecture.setResource(Resources.USER);
        lecture.setResourceId(a.getResourceId());
        lecture.addPermission(Permissions.READ);
        autorisations.saveAuthorization(lecture);
        corrigees++;
      }
    }
    if (corrigees > 0) {
      int n = corrigees;
      LOG.info(() -> n + " profil(s) rendu(s) non modifiables par leur titulaire");
    }
  }

  private static TaskQuery serviceQuery(ProcessEngine moteur) {
    return moteur
        .getTaskService()
        .createTaskQuery()
        .taskCandidateGroupInExpression("${currentUserGroups()}")
        .includeAssignedTasks();
  }

  private void creerComptesDemo(IdentityService identite) {
    for (ComptesDemo.Compte c : ComptesDemo.COMPTES) {
      if (identite.createUserQuery().userId(c.login()).count() > 0) {
        continue;
      }
      User compte = identite.newUser(c.login());
      compte.setPassword(c.motDePasse());
      compte.setFirstName(c.prenom());
      compte.setLastName(c.nom());
      compte.setEmail(c.login() + "@demo.parcelle.invalid");
      identite.saveUser(compte);
      for (String g : c.groupes()) {
        identite.createMembership(c.login(), g);
      }
      LOG.info(
          () ->
              "Compte de démonstration créé : "
                  + c.login()
                  + " ("
                  + String.join(", ", c.groupes())
                  + ")");
    }
  }

  private static void groupe(IdentityService identite, String id, String nom, String type) {
    if (identite.createGroupQuery().groupId(id).count() == 0) {
      Group g = identite.newGroup(id);
      g.setName(nom);
      g.setType(type);
      identite.saveGroup(g);
    }
  }

  private static Filter filtre(
      FilterService filtres, String nom, String description, TaskQuery requete, int priorite) {
    Filter existant = filtres.createTaskFilterQuery().filterName(nom).singleResult();
    if (existant != null) {
      return existant;
    }
    Map<String, Object> proprietes = new LinkedHashMap<>();
    proprietes.put("priority", priorite);
    proprietes.put("refresh", true);
    proprietes.put("description", description);
    Filter f = filtres.newTaskFilter(nom).setQuery(requete).setProperties(proprietes);
    return filtres.saveFilter(f);
  }

  private static void accorder(
      AuthorizationService autorisations,
      String groupe,
      Resource ressource,
      String idRessource,
      Permission permission) {
    Authorization existante =
        autorisations
            .createAuthorizationQuery()
            .groupIdIn(groupe)
            .resourceType(ressource)
            .resourceId(idRessource)
            .singleResult();
    if (existante == null) {
      Authorization a = autorisations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      a.setGroupId(groupe);
      a.setResource(ressource);
      a.setResourceId(idRessource);
      a.addPermission(permission);
      autorisations.saveAuthorization(a);
    } else if (!existante.isPermissionGranted(permission)) {
      existante.addPermission(permission);
      autorisations.saveAuthorization(existante);
    }
  }
}
