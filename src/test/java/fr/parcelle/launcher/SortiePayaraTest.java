package fr.parcelle.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Payara's output, copied to the terminal and read for its start line and its first error. */
class SortiePayaraTest {

  /** Lines as Payara Micro 7 writes them with server-config/logging.properties. */
  private static final String DEPLOIEMENT =
      "2026-12-07 16:56:23 INFO    [javax.enterprise.system.core] parcelle was successfully"
          + " deployed in 9,680 milliseconds.\n";

  private static final String URLS = "Payara Micro URLs:\nhttp://localhost:8080/\n";

  private static final String PRET =
      "2026-12-07 16:56:31 INFO    [PayaraMicro] Payara Micro 7.2026.11 (build 19) ready in"
          + " 22,538 (ms)\n";

  private static final String ERREUR =
      "2026-12-07 18:01:02 SEVERE  [javax.enterprise.system.core] Exception while loading the app :"
          + " CDI deployment failure";

  @Test
  void recopie_octet_pour_octet_et_voit_la_ligne_de_demarrage() throws Exception {
    // Latin-1 é (0xE9), which is not UTF-8, and a last line without its end: copied as they are.
    byte[] sortie =
        concat(
            DEPLOIEMENT.getBytes(StandardCharsets.UTF_8),
            "caf\u00e9 en Latin-1\n".getBytes(StandardCharsets.ISO_8859_1),
            URLS.getBytes(StandardCharsets.UTF_8),
            PRET.getBytes(StandardCharsets.UTF_8),
            "sans fin de ligne".getBytes(StandardCharsets.UTF_8));
    PipedOutputStream payara = new PipedOutputStream();
    PipedInputStream lecture = new PipedInputStream(payara, 64 * 1024);
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    SortiePayara suivie = SortiePayara.recopier(lecture, console);
    payara.write(sortie, 0, DEPLOIEMENT.length() + 3);
    payara.flush();
    Thread.sleep(300);
    assertThat(suivie.demarre()).isFalse();

    payara.write(sortie, DEPLOIEMENT.length() + 3, sortie.length - DEPLOIEMENT.length() - 3);
    payara.close();
    // The copy reaches the console before its lines are read: wait for both.
    attendre(() -> console.size() == sortie.length && suivie.demarre());

    assertThat(console.toByteArray()).isEqualTo(sortie);
    assertThat(suivie.demarre()).isTrue();
    assertThat(suivie.premiereErreur()).isEmpty();
  }

  @Test
  void la_premiere_erreur_est_gardee_avec_son_heure_et_coupee() throws Exception {
    String longue = ERREUR + " " + "x".repeat(1000);
    String texte = DEPLOIEMENT + longue + "\n" + ERREUR.replace("loading", "second") + "\n" + PRET;
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    SortiePayara suivie =
        SortiePayara.recopier(
            new ByteArrayInputStream(texte.getBytes(StandardCharsets.UTF_8)), console);
    attendre(suivie::demarre);

    assertThat(suivie.premiereErreur())
        .hasValueSatisfying(
            e ->
                assertThat(e)
                    .startsWith(
                        "18:01:02 Exception while loading the app : CDI deployment failure x")
                    .endsWith("…")
                    .hasSize(SortiePayara.LIGNE_RAPPORTEE + 1));
  }

  /** The record EclipseLink wrote when the database could not be reached (7 Dec., by hand). */
  private static final String ECLIPSELINK =
      """
      2026-12-07 17:32:12 WARNING [javax.enterprise.resource.resourceadapter.com.sun.gjc.spi] jdbc.exc_get_conn
      2026-12-07 17:32:12 SEVERE  [org.eclipse.persistence.session./file:/tmp/hand1/payara/racine/applications/parcelle/WEB-INF/classes/_parcelle]\s
      Local Exception Stack:\s
      Exception [EclipseLink-4002] (Eclipse Persistence Services - 5.0.1.payara-p3): org.eclipse.persistence.exceptions.DatabaseException
      Internal Exception: java.sql.SQLException: Error in allocating a connection. Cause: Connection could not be allocated because: Connection to 127.0.0.1:1 refused.
      Error Code: 0
      	at org.eclipse.persistence.exceptions.DatabaseException.sqlException(DatabaseException.java:320)
      	at org.eclipse.persistence.sessions.JNDIConnector.connect(JNDIConnector.java:158)
      	... 76 more

      2026-12-07 17:32:12 SEVERE  [javax.enterprise.system.core] Exception [EclipseLink-4002] (Eclipse Persistence Services - 5.0.1.payara-p3)
      2026-12-07 17:32:13 INFO    [PayaraMicro] Deployed 1 archive(s)
      """;

  @Test
  void un_enregistrement_sans_message_est_resume_par_sa_cause(@TempDir Path dir) throws Exception {
    Path journal = dir.resolve("payara.log");
    Files.writeString(journal, ECLIPSELINK + PRET);

    assertThat(SortiePayara.journal(journal).premiereErreur())
        .contains(
            "17:32:12 Internal Exception: java.sql.SQLException: Error in allocating a connection."
                + " Cause: Connection could not be allocated because: Connection to 127.0.0.1:1"
                + " refused.");
  }

  @Test
  void le_journal_ecrit_dans_un_fichier_est_relu_a_chaque_question(@TempDir Path dir)
      throws Exception {
    Path journal = dir.resolve("payara.log");
    SortiePayara suivie = SortiePayara.journal(journal);

    // No file yet: Payara has not written anything.
    assertThat(suivie.demarre()).isFalse();
    assertThat(suivie.premiereErreur()).isEmpty();

    Files.writeString(journal, DEPLOIEMENT + URLS);
    assertThat(suivie.demarre()).isFalse();

    Files.writeString(journal, DEPLOIEMENT + ERREUR + "\n" + URLS + PRET);
    assertThat(suivie.demarre()).isTrue();
    assertThat(suivie.premiereErreur())
        .contains("18:01:02 Exception while loading the app : CDI deployment failure");
  }

  @Test
  void ni_un_avertissement_ni_le_mot_severe_dans_un_message_ne_sont_une_erreur() throws Exception {
    String texte =
        "2026-12-07 16:56:13 WARNING [jakarta.enterprise.web.util] The glassfish-web.xml file is"
            + " deprecated\n"
            + "2026-12-07 16:56:13 INFO    [fr.parcelle] niveau SEVERE dans un message\n"
            + PRET;
    SortiePayara suivie =
        SortiePayara.recopier(
            new ByteArrayInputStream(texte.getBytes(StandardCharsets.UTF_8)),
            new ByteArrayOutputStream());
    attendre(suivie::demarre);

    assertThat(suivie.premiereErreur()).isEmpty();
  }

  private static void attendre(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long limite = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < limite) {
      Thread.sleep(20);
    }
  }

  private static byte[] concat(byte[]... parties) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parties) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }
}
