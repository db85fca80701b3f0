package fr.parcelle.infrastructure.journal;

import fr.parcelle.domain.model.journal.EntreeJournal;
import fr.parcelle.domain.model.journal.Journal.TeteJournal;
import fr.parcelle.domain.model.journal.RapportVerification;
import fr.parcelle.domain.model.journal.VerificationChaine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Reads the journal over JDBC for {@link VerificationChaine}: in the application (admin endpoint)
 * and from the command line, against the database of {@code PARCELLE_DB_URL}, {@code
 * PARCELLE_DB_USER} and {@code PARCELLE_DB_PASSWORD}:
 *
 * <pre>
 * mvn -q compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.mainClass=fr.parcelle.infrastructure.journal.VerificateurJournal
 * </pre>
 *
 * Exit status 0 when the chain is intact, 1 when it is broken, 2 when it could not be read.
 */
public final class VerificateurJournal {

  static final String COLONNES =
      "sequence, instant, type, dossier_id, dossier_numero, acteur, charge, hash_precedent, hash";

  private VerificateurJournal() {}

  /**
   * Walks the chain up to the head read first, so entries committed meanwhile are left for the next
   * walk rather than reported as beyond the head. The connection must not be in auto-commit, so
   * that the driver streams rows instead of loading the whole journal.
   */
  public static RapportVerification verifier(Connection c) throws SQLException {
    TeteJournal tete = tete(c);
    VerificationChaine chaine = new VerificationChaine();
    try (PreparedStatement s =
        c.prepareStatement(
            "select " + COLONNES + " from journal where sequence <= ? order by sequence")) {
      s.setFetchSize(1000);
      s.setLong(1, tete.sequence());
      try (ResultSet r = s.executeQuery()) {
        while (r.next() && chaine.examiner(entree(r))) {
          // one link at a time
        }
      }
    }
    return chaine.conclure(tete.sequence(), tete.hash(), Instant.now());
  }

  static TeteJournal tete(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("select sequence, hash from journal_tete");
        ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        return new TeteJournal(-1, "");
      }
      return new TeteJournal(r.getLong(1), r.getString(2));
    }
  }

  static EntreeJournal entree(ResultSet r) throws SQLException {
    return new EntreeJournal(
        r.getLong(1),
        r.getObject(2, OffsetDateTime.class).toInstant(),
        r.getString(3),
        r.getObject(4, UUID.class),
        r.getString(5),
        r.getString(6),
        r.getString(7),
        r.getString(8),
        r.getString(9));
  }

  public static void main(String[] args) {
    String url = System.getenv().getOrDefault("PARCELLE_DB_URL", "");
    if (url.isBlank()) {
      System.err.println("PARCELLE_DB_URL manque (jdbc:postgresql://hôte:port/base).");
      System.exit(2);
    }
    try (Connection c =
        DriverManager.getConnection(
            url, System.getenv("PARCELLE_DB_USER"), System.getenv("PARCELLE_DB_PASSWORD"))) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      RapportVerification rapport = verifier(c);
      c.rollback();
      if (rapport.intact()) {
        System.out.println(
            "Journal intact : "
                + rapport.entreesVerifiees()
                + " entrées, dernière n° "
                + rapport.derniereSequence()
                + ", empreinte "
                + rapport.dernierHash()
                + ".");
        System.exit(0);
      }
      System.out.println(
          "Journal rompu ("
              + rapport.rupture().nature()
              + ", entrée n° "
              + rapport.rupture().sequence()
              + ") : "
              + rapport.rupture().explication());
      System.exit(1);
    } catch (SQLException e) {
      System.err.println("Lecture du journal impossible : " + e.getMessage());
      System.exit(2);
    }
  }
}
