package fr.parcelle.infrastructure.storage;

import fr.parcelle.domain.port.DocumentStore;
import fr.parcelle.domain.port.MenageStockage.Bilan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The housekeeping of the document store: what no row points to any more leaves it, in two steps.
 *
 * <ol>
 *   <li>A stored content last written more than {@code delaiDeGrace} ago (a day by default) that no
 *       pièce, issued document, avis or journal entry names goes to the trash: a draft's pièce
 *       replaced by another, bytes kept by an upload whose transaction then failed, or by a server
 *       killed before its commit. The grace leaves alone the contents of uploads still between
 *       their keeping and their commit.
 *   <li>A content in the trash for more than {@code retention} (a week by default) is checked once
 *       more: deleted if still named by no row, put back in place otherwise.
 * </ol>
 *
 * <p>Why a trash rather than a deletion: contents are addressed by their bytes and kept once. An
 * upload of the same bytes may find an old unreferenced content in place, skip writing it, and
 * commit a row naming it an instant after the check above. Once in the trash, the content is out of
 * reach of that shortcut (a later upload writes it anew), a read puts it back ({@link
 * DocumentStore#ouvrir}), and the second check, a week later, sees the row of any upload that had
 * found it in place: no transaction lasts that long. Nothing is ever deleted that a committed row
 * names.
 *
 * <p>Temporary files of receptions cut by a stopped server are deleted after the same grace. One
 * pass at a time across all nodes (a PostgreSQL advisory lock; a node that finds it taken skips its
 * pass). Contents are checked against the database by batches of {@value #LOT}, each by the indexes
 * of migration V13; the store is walked once, never held in memory.
 */
public class MenageDuStockage {

  private static final Logger LOG = Logger.getLogger(MenageDuStockage.class.getName());

  /** The advisory lock's key: "PARCELLE" read as a number, used for nothing else. */
  static final long VERROU = 0x5041_5243_454c_4c45L;

  /** How many hashes each question to the database carries. */
  public static final int LOT = 500;

  /**
   * The question asked for each batch: which of these hashes does a row still name? Public so that
   * the housekeeping bench sends the very same question alone, as its raw baseline.
   */
  public static final String NOMMES =
      "select h from unnest(?::text[]) as t(h)"
          + " where exists (select 1 from piece where sha256 = t.h::char(64))"
          + " or exists (select 1 from document where sha256 = t.h::char(64))"
          + " or exists (select 1 from consultation where document_sha256 = t.h::char(64))"
          + " or exists (select 1 from empreinte_journalisee where sha256 = t.h::char(64))";

  private final DocumentStore stockage;
  private final DataSource source;
  private final Duration delaiDeGrace;
  private final Duration retention;
  private final Clock horloge;

  public MenageDuStockage(
      DocumentStore stockage,
      DataSource source,
      Duration delaiDeGrace,
      Duration retention,
      Clock horloge) {
    if (delaiDeGrace.isNegative() || retention.isNegative()) {
      throw new IllegalArgumentException("Délais du ménage négatifs");
    }
    this.stockage = stockage;
    this.source = source;
    this.delaiDeGrace = delaiDeGrace;
    this.retention = retention;
    this.horloge = horloge;
  }

  public Bilan passer() {
    Instant debut = horloge.instant();
    long depart = System.nanoTime();
    try (Connection c = source.getConnection()) {
      if (!verrou(c, "select pg_try_advisory_lock(?)")) {
        LOG.info("Ménage du stockage : un autre nœud le fait déjà, passage sauté");
        return Bilan.sansEffet(debut);
      }
      try {
        Bilan b = nettoyer(c, debut, depart);
        LOG.info(
            () ->
                "Ménage du stockage : "
                    + b.temporairesSupprimes()
                    + " fichier(s) temporaire(s) abandonné(s) supprimé(s) ; "
                    + b.misEnCorbeille()
                    + " contenu(s) sans référence sur "
                    + b.contenusExamines()
                    + " mis en corbeille ; corbeille : "
                    + b.supprimes()
                    + " supprimé(s), "
                    + b.restaures()
                    + " remis en place ("
                    + b.dureeMs()
                    + " ms)");
        return b;
      } finally {
        verrou(c, "select pg_advisory_unlock(?)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Ménage du stockage interrompu : base indisponible", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Ménage du stockage interrompu : stockage indisponible", e);
    }
  }

  private Bilan nettoyer(Connection c, Instant debut, long depart)
      throws SQLException, IOException {
    int temporaires = stockage.supprimerTemporaires(debut.minus(delaiDeGrace));

    // The trash first, so that what this pass puts there waits its whole retention.
    Lots corbeille =
        new Lots(
            c,
            (sha256, nomme) -> {
              if (nomme) {
                stockage.restaurer(sha256);
              } else {
                stockage.supprimerDeCorbeille(sha256);
              }
            });
    stockage.parcourirCorbeille(debut.minus(retention), corbeille::ajouter);
    corbeille.vider();

    Lots enPlace =
        new Lots(
            c,
            (sha256, nomme) -> {
              if (!nomme) {
                stockage.mettreEnCorbeille(sha256);
              }
            });
    stockage.parcourir(debut.minus(delaiDeGrace), enPlace::ajouter);
    enPlace.vider();

    return new Bilan(
        true,
        temporaires,
        enPlace.examines,
        enPlace.sansReference,
        corbeille.examines,
        corbeille.examines - corbeille.sansReference,
        corbeille.sansReference,
        debut,
        (System.nanoTime() - depart) / 1_000_000);
  }

  private static boolean verrou(Connection c, String sql) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, VERROU);
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getBoolean(1);
      }
    }
  }

  @FunctionalInterface
  private interface Decision {
    void appliquer(String sha256, boolean nomme) throws IOException;
  }

  /**
   * Collects the hashes the store gives, and every {@value #LOT} asks the database which of them a
   * row names, then applies the decision to each. Failures inside the store's walk are carried out
   * of the callback and thrown again.
   */
  private static final class Lots {
    private final Connection c;
    private final Decision decision;
    private final List<String> lot = new ArrayList<>(LOT);
    long examines;
    long sansReference;

    Lots(Connection c, Decision decision) {
      this.c = c;
      this.decision = decision;
    }

    void ajouter(String sha256) {
      lot.add(sha256);
      if (lot.size() == LOT) {
        try {
          vider();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
    }

    void vider() throws SQLException, IOException {
      if (lot.isEmpty()) {
        return;
      }
      Set<String> nommes = new HashSet<>();
      try (PreparedStatement s = c.prepareStatement(NOMMES)) {
        Array tableau = c.createArrayOf("text", lot.toArray());
        s.setArray(1, tableau);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            nommes.add(r.getString(1));
          }
        }
        tableau.free();
      }
      for (String sha256 : lot) {
        boolean nomme = nommes.contains(sha256);
        if (!nomme) {
          sansReference++;
        }
        decision.appliquer(sha256, nomme);
      }
      examines += lot.size();
      lot.clear();
    }
  }
}
