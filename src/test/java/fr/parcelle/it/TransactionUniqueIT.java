package fr.parcelle.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A step of the instruction is one database transaction: the engine's writes (job, task, history)
 * and the dossier's (timeline, dates) commit together or not at all, whoever begins it — the job
 * executor's threads, or a Tasklist call on which the engine begins the transaction itself.
 *
 * <p>The failure is made at COMMIT, after every statement of the step succeeded: a deferred
 * constraint trigger refuses one kind of timeline entry for dossiers whose description names it. An
 * engine connection outside the JTA transaction (autocommit) would already have committed its
 * writes then; that is what happened in job-executor threads before the engine was given JPA's view
 * of the datasource (two-node crash test, 28 November 2026).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransactionUniqueIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PANNE = "PANNE AU COMMIT ";

  @Deployment(testable = false)
  static WebArchive application() {
    BaseDesTestsIntegration.demarrer();
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("parcelle.war")));
  }

  @ArquillianResource URL base;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  @BeforeAll
  static void refuserAuCommit() throws Exception {
    try (Connection c = sql().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          """
          CREATE OR REPLACE FUNCTION essai_panne_au_commit() RETURNS trigger AS $$
          BEGIN
            IF EXISTS (SELECT 1 FROM dossier d WHERE d.id = NEW.dossier_id
                       AND d.description_projet = 'PANNE AU COMMIT ' || NEW.type) THEN
              RAISE EXCEPTION 'panne injectée au COMMIT (%)', NEW.type;
            END IF;
            RETURN NULL;
          END $$ LANGUAGE plpgsql""");
      s.execute("DROP TRIGGER IF EXISTS essai_panne_au_commit ON dossier_evenement");
      s.execute(
          "CREATE CONSTRAINT TRIGGER essai_panne_au_commit AFTER INSERT ON dossier_evenement"
              + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION"
              + " essai_panne_au_commit()");
    }
  }

  /**
   * The function is made harmless first: replacing it takes no lock on the table. Dropping the
   * trigger needs the table to itself; if a transaction still holds it after 30 s, who holds it is
   * printed (a transaction left open by the server would show here) before waiting on.
   */
  @AfterAll
  static void retirerLaPanne() throws Exception {
    try (Connection c = sql().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE OR REPLACE FUNCTION essai_panne_au_commit() RETURNS trigger AS $$"
              + " BEGIN RETURN NULL; END $$ LANGUAGE plpgsql");
      s.execute("SET lock_timeout = '30s'");
      try {
        s.execute("DROP TRIGGER IF EXISTS essai_panne_au_commit ON dossier_evenement");
      } catch (SQLException e) {
        System.err.println("dossier_evenement tenue après 30 s : " + tenants(c));
        s.execute("SET lock_timeout = 0");
        s.execute("DROP TRIGGER IF EXISTS essai_panne_au_commit ON dossier_evenement");
      }
      s.execute("DROP FUNCTION IF EXISTS essai_panne_au_commit()");
    }
  }

  private static String tenants(Connection c) throws SQLException {
    StringBuilder b = new StringBuilder();
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT a.pid, a.state, a.xact_start, a.state_change, l.mode, left(a.query, 300)"
                    + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                    + " WHERE l.relation = 'dossier_evenement'::regclass AND l.granted")) {
      while (r.next()) {
        b.append("\n  pid ")
            .append(r.getInt(1))
            .append(' ')
            .append(r.getString(2))
            .append(" depuis ")
            .append(r.getString(3))
            .append(" (")
            .append(r.getString(4))
            .append(") ")
            .append(r.getString(5))
            .append(" : ")
            .append(r.getString(6));
      }
    }
    return b.toString();
  }

  @Test
  void un_pas_du_job_executor_refuse_au_commit_ne_laisse_aucune_ecriture_du_moteur()
      throws Exception {
    // Control: the same step on an ordinary dossier reaches the completeness task.
    String temoin = numero(deposerUneDp("Abri de jardin"));
    attendre(() -> taches(temoin, "Task_VerifierCompletude") == 1, "tâche du dossier témoin");

    // The job after the deposit (avis de dépôt, R423-6) fails at COMMIT, every time it runs.
    String numero = numero(deposerUneDp(PANNE + "AVIS_DE_DEPOT"));
    attendre(
        () -> echecsDuJob(numero) >= 1 || taches(numero, "Task_VerifierCompletude") > 0,
        "échec du job d'avis de dépôt");

    assertEquals(0, taches(numero, "Task_VerifierCompletude"), "le moteur a avancé seul");
    assertEquals(1, jobs(numero), "le job du pas refusé doit rester");
    assertEquals(0, activitesTerminees(numero, "Task_PublierAvisDepot"));
    assertEquals(0, evenements(numero, "AVIS_DE_DEPOT"));
    assertEquals(0, evenements(numero, "TRANSMISSION_PREFET"));
  }

  @Test
  void une_tache_completee_dans_la_tasklist_et_refusee_au_commit_reste_a_faire() throws Exception {
    String numero = numero(deposerUneDp(PANNE + "DOSSIER_COMPLET"));
    NavigateurWebapps instructeur = new NavigateurWebapps(base);
    instructeur.connecter("instructeur", "instructeur-demo");
    attendre(() -> taches(numero, "Task_VerifierCompletude") == 1, "tâche de complétude");
    String tache = tacheDeCompletude(numero);

    HttpResponse<String> r =
        instructeur.post(
            "api/engine/engine/default/task/" + tache + "/submit-form",
            "{\"variables\":{\"completude\":{\"value\":\"COMPLET\"}}}");

    assertNotEquals(204, r.statusCode(), r.body());
    assertEquals(1, taches(numero, "Task_VerifierCompletude"), "la tâche a disparu");
    assertEquals(tache, tacheDeCompletude(numero));
    assertEquals(0, activitesTerminees(numero, "Task_VerifierCompletude"));
    assertEquals(0, evenements(numero, "DOSSIER_COMPLET"));
    JsonNode dossier = dossierParNumero(numero);
    assertEquals("DEPOSE", dossier.path("statut").asText(), dossier.toString());
  }

  // ---------------------------------------------------------------------------------------------

  private static DataSource sql() {
    return BaseDesTestsIntegration.sql();
  }

  /** The first column of the first row of {@code requete}, or {@code null} without a row. */
  private static String valeur(String requete, String... parametres) throws Exception {
    try (Connection c = sql().getConnection();
        PreparedStatement p = c.prepareStatement(requete)) {
      for (int i = 0; i < parametres.length; i++) {
        p.setString(i + 1, parametres[i]);
      }
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  private static long compter(String requete, String... parametres) throws Exception {
    return Long.parseLong(valeur(requete, parametres));
  }

  private static long taches(String numero, String cle) throws Exception {
    return compter(
        "SELECT count(*) FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_"
            + " WHERE e.business_key_ = ? AND t.task_def_key_ = ?",
        numero,
        cle);
  }

  private static String tacheDeCompletude(String numero) throws Exception {
    String id =
        valeur(
            "SELECT t.id_ FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_"
                + " WHERE e.business_key_ = ? AND t.task_def_key_ = 'Task_VerifierCompletude'",
            numero);
    assertTrue(id != null, "pas de tâche de complétude pour " + numero);
    return id;
  }

  private static long jobs(String numero) throws Exception {
    return compter(
        "SELECT count(*) FROM act_ru_job j JOIN act_ru_execution e ON e.id_ = j.process_instance_id_"
            + " WHERE e.business_key_ = ?",
        numero);
  }

  /** Runs of the instance's job that ended in failure (retries spent or an exception kept). */
  private static long echecsDuJob(String numero) throws Exception {
    return compter(
        "SELECT count(*) FROM act_ru_job j JOIN act_ru_execution e ON e.id_ = j.process_instance_id_"
            + " WHERE e.business_key_ = ? AND (j.exception_msg_ IS NOT NULL OR j.retries_ < 3)",
        numero);
  }

  private static long activitesTerminees(String numero, String activite) throws Exception {
    return compter(
        "SELECT count(*) FROM act_hi_actinst a JOIN act_hi_procinst p ON p.id_ = a.proc_inst_id_"
            + " WHERE p.business_key_ = ? AND a.act_id_ = ? AND a.end_time_ IS NOT NULL",
        numero,
        activite);
  }

  private static long evenements(String numero, String type) throws Exception {
    return compter(
        "SELECT count(*) FROM dossier_evenement v JOIN dossier d ON d.id = v.dossier_id"
            + " WHERE d.numero = ? AND v.type = ?",
        numero,
        type);
  }

  private interface Condition {
    boolean vraie() throws Exception;
  }

  private static void attendre(Condition c, String quoi) throws Exception {
    long limite = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!c.vraie()) {
      if (System.nanoTime() > limite) {
        throw new AssertionError("jamais vu : " + quoi);
      }
      Thread.sleep(200);
    }
  }

  private String deposerUneDp(String description) throws Exception {
    return DpDeTest.deposer(http, base, "Commit", description);
  }

  private String numero(String id) throws Exception {
    return JSON.readTree(send(requete("api/v1/dossiers/" + id).GET()).body())
        .path("numero")
        .asText();
  }

  private JsonNode dossierParNumero(String numero) throws Exception {
    String id = valeur("SELECT id FROM dossier WHERE numero = ?", numero);
    assertTrue(id != null);
    return JSON.readTree(send(requete("api/v1/dossiers/" + id).GET()).body());
  }

  private HttpRequest.Builder requete(String chemin) {
    return DpDeTest.requete(base, chemin);
  }

  private HttpResponse<String> send(HttpRequest.Builder requete) throws Exception {
    return http.send(requete.build(), HttpResponse.BodyHandlers.ofString());
  }
}
