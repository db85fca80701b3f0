package fr.parcelle.infrastructure.courriel;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.parcelle.support.PostgresDeTest;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The instructors' digest from a real engine (users, groups and due tasks in Camunda's tables on
 * PostgreSQL), queued twice as two nodes would, and delivered once to a real SMTP server.
 */
class RecapitulatifInstructeursTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final LocalDate JOUR = LocalDate.of(2027, 3, 1);
  private static DataSource base;
  private static ProcessEngine moteur;

  @BeforeAll
  static void moteur() {
    base = PostgresDeTest.base("recapitulatifs");
    StandaloneProcessEngineConfiguration c = new StandaloneProcessEngineConfiguration();
    c.setProcessEngineName("recapitulatifs");
    c.setDataSource(base);
    c.setDatabaseType("postgres");
    c.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
    c.setJobExecutorActivate(false);
    // As ProcessEngineBootstrap: group ids name services and communes, with hyphens.
    c.setGroupResourceWhitelistPattern("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*");
    moteur = c.buildProcessEngine();
    IdentityService id = moteur.getIdentityService();
    id.saveGroup(id.newGroup("instructeurs-rennes-metropole"));
    id.saveGroup(id.newGroup("instructeurs-autre-service"));
    id.saveGroup(id.newGroup("maires-35352"));
    utilisateur(
        id,
        "instructeur",
        "Yann",
        "instructeur@demo.parcelle.invalid",
        "instructeurs-rennes-metropole");
    utilisateur(
        id, "collegue", "Anne", "collegue@demo.parcelle.invalid", "instructeurs-rennes-metropole");
    utilisateur(id, "sansadresse", "Paul", null, "instructeurs-rennes-metropole");
    utilisateur(id, "maire", "Maëlle", "maire@demo.parcelle.invalid", "maires-35352");
    moteur
        .getRepositoryService()
        .createDeployment()
        .addModelInstance(
            "tache.bpmn",
            Bpmn.createExecutableProcess("Process_Tache")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .userTask("Task_Test")
                .name("${nom}")
                .camundaCandidateGroups("${groupe}")
                .camundaDueDate("${echeance}")
                .endEvent()
                .done())
        .deploy();
  }

  @AfterAll
  static void fermer() {
    moteur.close();
  }

  private static void utilisateur(
      IdentityService id, String login, String prenom, String email, String groupe) {
    User u = id.newUser(login);
    u.setFirstName(prenom);
    u.setEmail(email);
    u.setPassword("x");
    id.saveUser(u);
    id.createMembership(login, groupe);
  }

  private static String tache(String numero, String nom, String groupe, LocalDate echeance) {
    Date fin = Date.from(echeance.atTime(23, 59, 59).atZone(PARIS).toInstant());
    return moteur
        .getRuntimeService()
        .startProcessInstanceByKey(
            "Process_Tache", numero, Map.of("nom", nom, "groupe", groupe, "echeance", fin))
        .getId();
  }

  @Test
  void chaque_instructeur_recoit_une_fois_les_taches_proches_de_son_service() throws Exception {
    tache(
        "DP0353522700003",
        "Vérifier la complétude",
        "instructeurs-rennes-metropole",
        JOUR.minusDays(1));
    tache(
        "PC0353522700012",
        "Instruire et proposer",
        "instructeurs-rennes-metropole",
        JOUR.plusDays(7));
    tache(
        "PC0353522700013",
        "Instruire et proposer",
        "instructeurs-rennes-metropole",
        JOUR.plusDays(8));
    tache(
        "PC0353522700014",
        "Vérifier la complétude",
        "instructeurs-autre-service",
        JOUR.plusDays(2));
    tache("PC0353522700015", "Signer l'arrêté", "maires-35352", JOUR.plusDays(1));
    // Claimed by a colleague: hers, not his.
    String pi =
        tache(
            "PC0353522700016", "Rendre l'avis", "instructeurs-rennes-metropole", JOUR.plusDays(3));
    String t =
        moteur.getTaskService().createTaskQuery().processInstanceId(pi).singleResult().getId();
    moteur.getTaskService().claim(t, "collegue");

    List<TachesAEcheance.Destinataire> recaps =
        new TachesAEcheance(moteur).recapitulatifs(JOUR, 7, PARIS);

    assertThat(recaps)
        .extracting(TachesAEcheance.Destinataire::email)
        .containsExactlyInAnyOrder(
            "instructeur@demo.parcelle.invalid", "collegue@demo.parcelle.invalid");
    TachesAEcheance.Destinataire yann =
        recaps.stream()
            .filter(d -> d.recapitulatif().login().equals("instructeur"))
            .findFirst()
            .orElseThrow();
    assertThat(yann.recapitulatif().taches())
        .extracting(r -> r.numeroDossier())
        .containsExactly("DP0353522700003", "PC0353522700012");
    TachesAEcheance.Destinataire anne =
        recaps.stream()
            .filter(d -> d.recapitulatif().login().equals("collegue"))
            .findFirst()
            .orElseThrow();
    assertThat(anne.recapitulatif().taches())
        .extracting(r -> r.numeroDossier())
        .containsExactly("DP0353522700003", "PC0353522700016", "PC0353522700012");

    int port = PostgresDeTest.portLibre();
    ConfigurationCourriel config = BoiteDEnvoiTest.configuration(port);
    BoiteDEnvoi boite = new BoiteDEnvoi(config);
    GreenMail serveur =
        new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    serveur.start();
    try (Connection noeud1 = base.getConnection();
        Connection noeud2 = base.getConnection()) {
      // Both nodes prepare the day's digests; the second queues nothing.
      int deposes = 0;
      for (TachesAEcheance.Destinataire d : recaps) {
        deposes += boite.deposerRecapitulatif(noeud1, d.recapitulatif(), d.email()) ? 1 : 0;
      }
      for (TachesAEcheance.Destinataire d : recaps) {
        deposes += boite.deposerRecapitulatif(noeud2, d.recapitulatif(), d.email()) ? 1 : 0;
      }
      assertThat(deposes).isEqualTo(2);
      assertThat(BoiteDEnvoi.recapitulatifExiste(noeud2, "instructeur", JOUR)).isTrue();

      noeud1.setAutoCommit(false);
      assertThat(boite.envoyer(noeud1, new EnvoiSmtp(config)).envoyes()).isEqualTo(2);
      noeud1.commit();
      noeud2.setAutoCommit(false);
      assertThat(boite.envoyer(noeud2, new EnvoiSmtp(config)).envoyes()).isZero();
      noeud2.commit();

      MimeMessage[] recus =
          serveur.getReceivedMessagesForDomain("instructeur@demo.parcelle.invalid");
      assertThat(recus).hasSize(1);
      assertThat(recus[0].getSubject()).isEqualTo("Parcelle : 2 tâches à échéance — 1 mars 2027");
      assertThat(CourrielsRecus.texte(recus[0]))
          .contains("DP 035 352 27 00003")
          .contains("EN RETARD")
          .contains("PC 035 352 27 00012")
          .doesNotContain("00013")
          .doesNotContain("00014")
          .doesNotContain("00015")
          .doesNotContain("00016");
      assertThat(serveur.getReceivedMessages()).hasSize(2);
    } finally {
      serveur.stop();
    }
  }
}
