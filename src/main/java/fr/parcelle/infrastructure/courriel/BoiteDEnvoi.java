package fr.parcelle.infrastructure.courriel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.parcelle.application.courriel.FaitsEtape;
import fr.parcelle.application.courriel.Message;
import fr.parcelle.application.courriel.Recapitulatif;
import fr.parcelle.application.courriel.RedactionCourriels;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The outbox on the caller's connection and transaction: claims the messages due ({@code FOR UPDATE
 * SKIP LOCKED}), sends them and records the outcome in that same transaction.
 *
 * <p>"Never twice" holds as far as a database and an SMTP server can make it: a row is locked by
 * one sender at a time, and marked sent in the transaction that locked it. What remains is the
 * window between the server's acceptance of a message and the commit of its row: if the node dies
 * or the commit fails there, the row is still pending and the message goes again, with the same
 * Message-ID (mail clients and many servers then show it once). Marking the row before sending
 * would close that window by losing the message instead; a legal notice lost is worse than one
 * received twice.
 */
public final class BoiteDEnvoi {

  private static final Logger LOG = Logger.getLogger(BoiteDEnvoi.class.getName());
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** A digest not sent on its day is stale: the Tasklist tells the truth by then. */
  private static final Duration PEREMPTION_RECAPITULATIF = Duration.ofHours(20);

  private final ConfigurationCourriel config;
  private final RedactionCourriels redaction;

  public BoiteDEnvoi(ConfigurationCourriel config) {
    this.config = config;
    this.redaction = new RedactionCourriels(config.urlPlateforme());
  }

  /** What one pass did. */
  public record Bilan(int envoyes, int reportes, int echecs) {}

  /**
   * Sends up to one batch of due messages. The caller commits (or rolls back: then nothing is
   * marked and the messages already accepted by the server would go again, see the class comment).
   */
  public Bilan envoyer(Connection c, EnvoiSmtp smtp) throws SQLException {
    record Ligne(
        long id,
        String nature,
        String faits,
        String destinataires,
        String messageId,
        int essais,
        boolean abandon,
        boolean perime) {}
    List<Ligne> lignes = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT id, nature, faits::text, destinataires, message_id, essais,"
                + " cree_le < now() - make_interval(secs => ?),"
                + " nature = 'RECAPITULATIF' AND cree_le < now() - make_interval(secs => ?)"
                + " FROM courriel WHERE etat = 'EN_ATTENTE' AND prochain_essai <= now()"
                + " ORDER BY prochain_essai, id LIMIT ? FOR UPDATE SKIP LOCKED")) {
      s.setLong(1, config.abandon().toSeconds());
      s.setLong(2, PEREMPTION_RECAPITULATIF.toSeconds());
      s.setInt(3, config.lot());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          lignes.add(
              new Ligne(
                  r.getLong(1),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  r.getString(5),
                  r.getInt(6),
                  r.getBoolean(7),
                  r.getBoolean(8)));
        }
      }
    }
    int envoyes = 0;
    int reportes = 0;
    int echecs = 0;
    EnvoiSmtp.Connexion connexion = null;
    try {
      for (Ligne l : lignes) {
        if (l.perime()) {
          echec(c, l.id(), "Récapitulatif périmé : non envoyé le jour même.");
          echecs++;
          continue;
        }
        Message message;
        try {
          message = rediger(l.nature(), l.faits());
        } catch (RuntimeException e) {
          LOG.log(Level.SEVERE, "Courriel " + l.id() + " impossible à rédiger", e);
          echec(c, l.id(), "Rédaction impossible : " + e);
          echecs++;
          continue;
        }
        List<String> a =
            Arrays.stream(l.destinataires().split(",")).filter(d -> !d.isBlank()).toList();
        try {
          if (connexion == null) {
            connexion = smtp.ouvrir();
          }
          connexion.envoyer(l.messageId(), a, message);
          marquerEnvoye(c, l.id());
          envoyes++;
        } catch (EnvoiSmtp.RefusDefinitif e) {
          LOG.warning("Courriel " + l.id() + " refusé définitivement : " + e.getMessage());
          echec(c, l.id(), e.getMessage());
          echecs++;
        } catch (MessagingException e) {
          if (l.abandon()) {
            LOG.severe(
                "Courriel " + l.id() + " abandonné après " + (l.essais() + 1) + " essais : " + e);
            echec(c, l.id(), "Abandonné après " + (l.essais() + 1) + " essais : " + e);
            echecs++;
          } else {
            reporter(c, l.id(), l.essais() + 1, e);
            reportes++;
          }
          // The server is down or failing: the rest of the batch waits for the next pass.
          break;
        }
      }
    } finally {
      if (connexion != null) {
        connexion.close();
      }
    }
    return new Bilan(envoyes, reportes, echecs);
  }

  /**
   * Queues today's digest for one instructor; a second call for the same user and day (another
   * node, a restart) changes nothing.
   *
   * @return whether this call queued it
   */
  public boolean deposerRecapitulatif(Connection c, Recapitulatif r, String email)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO courriel (nature, cle, faits, destinataires, message_id)"
                + " VALUES ('RECAPITULATIF', ?, ?::jsonb, ?, ?) ON CONFLICT (cle) DO NOTHING")) {
      s.setString(1, "recapitulatif:" + r.login() + ":" + r.jour());
      s.setString(2, JSON.writeValueAsString(r));
      s.setString(3, email.strip().toLowerCase(java.util.Locale.ROOT));
      s.setString(4, "<" + UUID.randomUUID() + "@parcelle>");
      return s.executeUpdate() == 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a digest row already exists for this user and day (sent or not). */
  public static boolean recapitulatifExiste(Connection c, String login, java.time.LocalDate jour)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM courriel WHERE cle = ?")) {
      s.setString(1, "recapitulatif:" + login + ":" + jour);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  Message rediger(String nature, String faits) {
    try {
      return switch (nature) {
        case "ETAPE" -> redaction.etape(JSON.readValue(faits, FaitsEtape.class));
        case "RECAPITULATIF" -> redaction.recapitulatif(JSON.readValue(faits, Recapitulatif.class));
        default -> throw new IllegalArgumentException("Nature de courriel inconnue : " + nature);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void marquerEnvoye(Connection c, long id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE courriel SET etat = 'ENVOYE', envoye_le = now(), essais = essais + 1,"
                + " derniere_erreur = NULL WHERE id = ?")) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }

  private void reporter(Connection c, long id, int essais, Exception e) throws SQLException {
    // 1, 2, 4, 8… times the first delay, up to the largest.
    long secondes =
        Math.min(
            config.reessaiMaximal().toSeconds(),
            config.premierReessai().toSeconds() * (1L << Math.min(essais - 1, 20)));
    LOG.warning(
        "Courriel "
            + id
            + " : serveur SMTP en échec (essai "
            + essais
            + "), nouvel essai dans "
            + secondes
            + " s : "
            + e);
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE courriel SET essais = ?, derniere_erreur = ?,"
                + " prochain_essai = now() + make_interval(secs => ?) WHERE id = ?")) {
      s.setInt(1, essais);
      s.setString(2, tronquer(String.valueOf(e)));
      s.setLong(3, secondes);
      s.setLong(4, id);
      s.executeUpdate();
    }
  }

  private static void echec(Connection c, long id, String raison) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE courriel SET etat = 'ECHEC', essais = essais + 1, derniere_erreur = ?"
                + " WHERE id = ?")) {
      s.setString(1, tronquer(raison));
      s.setLong(2, id);
      s.executeUpdate();
    }
  }

  private static String tronquer(String s) {
    return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
  }
}
