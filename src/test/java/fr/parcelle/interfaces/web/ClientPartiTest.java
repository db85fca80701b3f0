package fr.parcelle.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The container's warning for an error page flushed to a client who left is one line of ours, and
 * nothing else the container logs is touched.
 */
class ClientPartiTest {

  private final List<LogRecord> nosLignes = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          nosLignes.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final Logger notreJournal = Logger.getLogger(ClientParti.class.getName());

  @BeforeEach
  void capturer() {
    notreJournal.addHandler(capture);
  }

  @AfterEach
  void liberer() {
    notreJournal.removeHandler(capture);
  }

  @Test
  void la_page_d_erreur_envoyee_a_un_client_parti_devient_une_ligne() {
    // What Payara logged when an upload's sender left (stack trace as seen, top frames).
    IOException fermee = new IOException("Connection is closed");
    fermee.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(
              "org.glassfish.grizzly.nio.NIOConnection", "assertOpen", "NIOConnection.java", 442),
          new StackTraceElement(
              "org.apache.catalina.connector.Response", "flushBuffer", "Response.java", 689),
          new StackTraceElement(
              "org.apache.catalina.core.StandardHostValve",
              "dispatchToErrorPage",
              "StandardHostValve.java",
              695),
          new StackTraceElement(
              "org.apache.catalina.core.StandardHostValve", "status", "StandardHostValve.java", 384)
        });
    LogRecord r = new LogRecord(Level.WARNING, "Exception processing ErrorPage[errorCode=500]");
    r.setThrown(fermee);

    assertThat(ClientParti.filtre(null).isLoggable(r)).isFalse();
    assertThat(nosLignes).hasSize(1);
    assertThat(nosLignes.get(0).getLevel()).isEqualTo(Level.INFO);
    assertThat(nosLignes.get(0).getThrown()).isNull();
    assertThat(nosLignes.get(0).getMessage())
        .isEqualTo(
            "Page d'erreur non remise, le client a fermé la connexion : Connection is closed");
  }

  @Test
  void le_meme_avertissement_avec_la_pile_dans_le_texte_devient_une_ligne() {
    // As Payara Micro 7 logs it: no thrown, the stack trace inside the message (read by hand).
    String texte =
        "org.apache.catalina.core.StandardHostValve@53c6e77a: Exception processing"
            + " ErrorPage[errorCode=500, location=/erreur]\n"
            + "java.io.IOException: Connection is closed\n"
            + "\tat org.glassfish.grizzly.nio.NIOConnection.assertOpen(NIOConnection.java:442)\n"
            + "\tat org.apache.catalina.connector.Response.flushBuffer(Response.java:689)\n"
            + "\tat org.apache.catalina.core.StandardHostValve.dispatchToErrorPage"
            + "(StandardHostValve.java:695)\n"
            + "\tat org.apache.catalina.core.StandardHostValve.status(StandardHostValve.java:384)\n";
    LogRecord r = new LogRecord(Level.WARNING, texte);

    assertThat(ClientParti.filtre(null).isLoggable(r)).isFalse();
    assertThat(nosLignes)
        .singleElement()
        .extracting(LogRecord::getMessage)
        .isEqualTo(
            "Page d'erreur non remise, le client a fermé la connexion : Connection is closed");

    // The same text for another failure than I/O (a bug in the error page): kept whole.
    LogRecord bogue =
        new LogRecord(
            Level.WARNING,
            texte.replace(
                "java.io.IOException: Connection is closed", "java.lang.NullPointerException"));
    assertThat(ClientParti.filtre(null).isLoggable(bogue)).isTrue();
    // Or the I/O failure somewhere else than the error page: kept.
    LogRecord ailleurs =
        new LogRecord(Level.WARNING, texte.replace("dispatchToErrorPage", "invoke"));
    assertThat(ClientParti.filtre(null).isLoggable(ailleurs)).isTrue();
    assertThat(nosLignes).hasSize(1);
  }

  @Test
  void les_autres_avertissements_du_conteneur_passent_par_le_filtre_d_avant() {
    Filter ancien = r -> !r.getMessage().contains("refusé par l'ancien filtre");
    Filter filtre = ClientParti.filtre(ancien);

    // An I/O failure elsewhere than an error page: a real problem, kept whole.
    IOException ailleurs = new IOException("Connection is closed");
    ailleurs.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(
              "org.apache.catalina.connector.OutputBuffer", "flush", "OutputBuffer.java", 259)
        });
    LogRecord autre = new LogRecord(Level.WARNING, "Échec d'écriture");
    autre.setThrown(ailleurs);
    assertThat(filtre.isLoggable(autre)).isTrue();
    // Same frames but a SEVERE, or no exception at all: kept.
    LogRecord grave = new LogRecord(Level.SEVERE, "Exception processing ErrorPage");
    grave.setThrown(new IllegalStateException("état"));
    assertThat(filtre.isLoggable(grave)).isTrue();
    assertThat(filtre.isLoggable(new LogRecord(Level.WARNING, "sans exception"))).isTrue();
    // The filter that was there before still decides for the rest.
    assertThat(filtre.isLoggable(new LogRecord(Level.INFO, "refusé par l'ancien filtre")))
        .isFalse();
    assertThat(nosLignes).isEmpty();
  }

  @Test
  void le_filtre_est_pose_sur_les_journaux_du_serveur_et_rendu_au_retrait() {
    Logger racine = Logger.getLogger("");
    Handler serveur =
        new Handler() {
          @Override
          public void publish(LogRecord r) {}

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Filter avant = r -> true;
    serveur.setFilter(avant);
    racine.addHandler(serveur);
    ClientParti ecouteur = new ClientParti();
    try {
      ecouteur.contextInitialized(null);
      assertThat(serveur.getFilter()).isNotSameAs(avant);
      assertThat(serveur.getFilter().isLoggable(new LogRecord(Level.INFO, "autre"))).isTrue();
      ecouteur.contextDestroyed(null);
      assertThat(serveur.getFilter()).isSameAs(avant);
    } finally {
      racine.removeHandler(serveur);
    }
  }
}
