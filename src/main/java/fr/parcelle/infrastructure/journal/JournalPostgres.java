package fr.parcelle.infrastructure.journal;

import fr.parcelle.domain.model.journal.EntreeJournal;
import fr.parcelle.domain.model.journal.Journal;
import fr.parcelle.domain.model.journal.RapportVerification;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The journal over the application's transactional datasource: every call joins the caller's JTA
 * transaction, so an access is appended with it and the head lock is released at its commit.
 */
@ApplicationScoped
public class JournalPostgres implements Journal {

  @Resource(lookup = "java:app/jdbc/parcelle")
  private DataSource source;

  public JournalPostgres() {}

  /** For tests outside the container. */
  public JournalPostgres(DataSource source) {
    this.source = source;
  }

  @Override
  public void noterAcces(UUID dossierId, String acteur, String objet, String roles) {
    try (Connection c = source.getConnection();
        PreparedStatement s = c.prepareStatement("select journal_acces(?, ?, ?, ?)")) {
      s.setObject(1, dossierId);
      s.setString(2, acteur);
      s.setString(3, objet);
      s.setString(4, roles);
      s.executeQuery().close();
    } catch (SQLException e) {
      throw new IllegalStateException("Journal : accès non enregistré", e);
    }
  }

  @Override
  public List<EntreeJournal> duDossier(UUID dossierId) {
    try (Connection c = source.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select "
                    + VerificateurJournal.COLONNES
                    + " from journal where dossier_id = ? order by sequence")) {
      s.setObject(1, dossierId);
      List<EntreeJournal> entrees = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          entrees.add(VerificateurJournal.entree(r));
        }
      }
      return entrees;
    } catch (SQLException e) {
      throw new IllegalStateException("Journal illisible", e);
    }
  }

  @Override
  public TeteJournal tete() {
    try (Connection c = source.getConnection()) {
      return VerificateurJournal.tete(c);
    } catch (SQLException e) {
      throw new IllegalStateException("Journal illisible", e);
    }
  }

  @Override
  public RapportVerification verifier() {
    try (Connection c = source.getConnection()) {
      return VerificateurJournal.verifier(c);
    } catch (SQLException e) {
      throw new IllegalStateException("Journal illisible", e);
    }
  }
}
