package fr.parcelle.infrastructure.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.parcelle.domain.model.journal.EntreeJournal;
import fr.parcelle.domain.model.journal.RapportVerification;
import fr.parcelle.domain.model.journal.RapportVerification.NatureRupture;
import fr.parcelle.support.PostgresDeTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The journal on a real PostgreSQL migrated by the application's migrations: what the database
 * appends (at commit, from the timeline), what it refuses, and what the verifier finds when someone
 * who can bypass the triggers (the schema owner) edits the table.
 */
class JournalPostgresTest {

  private static final AtomicInteger RANG_NUMERO = new AtomicInteger();

  @Test
  void un_evenement_du_dossier_est_journalise_a_la_validation_avec_ses_documents_et_son_acteur()
      throws SQLException {
    DataSource base = PostgresDeTest.base("journal_evenement");
    UUID dossier;
    try (Connection c = base.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("select set_config('parcelle.acteur', 'instructrice.élodie', true)");
      }
      dossier = dossier(c);
      document(c, dossier, "AEE", "a1".repeat(32));
      document(c, dossier, "RECEPISSE", "b2".repeat(32));
      evenement(c, dossier, 0, "DEPOT", "Déposé « avec » des guillemets");
      // Deferred to the commit: nothing yet, so no lock is held while the step goes on.
      assertThat(compter(c, "select count(*) from journal where dossier_id = '" + dossier + "'"))
          .isZero();
      c.commit();
    }
    List<EntreeJournal> entrees = new JournalPostgres(base).duDossier(dossier);
    assertThat(entrees).hasSize(1);
    EntreeJournal e = entrees.getFirst();
    assertThat(e.type()).isEqualTo("DEPOT");
    assertThat(e.acteur()).isEqualTo("instructrice.élodie");
    assertThat(e.dossierNumero()).startsWith("PC");
    assertThat(e.charge())
        .contains("\"sha256\": \"" + "a1".repeat(32) + "\"")
        .contains("\"sha256\": \"" + "b2".repeat(32) + "\"")
        .contains("\"rang\": 0")
        .contains("guillemets");
    // The database's hash is the one the Java verifier recomputes (non-ASCII included).
    assertThat(e.intacte()).isTrue();
    assertThat(new JournalPostgres(base).verifier().intact()).isTrue();
  }

  @Test
  void sans_acteur_declare_l_evenement_est_au_nom_du_systeme() throws SQLException {
    DataSource base = PostgresDeTest.base("journal_evenement");
    UUID dossier;
    try (Connection c = base.getConnection()) {
      dossier = dossier(c);
      evenement(c, dossier, 0, "DECISION_TACITE", null);
    }
    assertThat(new JournalPostgres(base).duDossier(dossier).getFirst().acteur())
        .isEqualTo("système");
  }

  @Test
  void une_etape_annulee_ne_laisse_aucune_entree_et_ne_consomme_aucun_numero() throws SQLException {
    DataSource base = PostgresDeTest.base("journal_evenement");
    long avant = new JournalPostgres(base).tete().sequence();
    UUID dossier;
    try (Connection c = base.getConnection()) {
      c.setAutoCommit(false);
      dossier = dossier(c);
      evenement(c, dossier, 0, "DEPOT", null);
      try (Statement s = c.createStatement()) {
        // Even once appended (an access in the same transaction takes the head now)…
        s.execute(
            "select journal_acces('" + dossier + "', 'instructeur', 'dossier', 'INSTRUCTEUR')");
      }
      c.rollback();
    }
    assertThat(new JournalPostgres(base).duDossier(dossier)).isEmpty();
    assertThat(new JournalPostgres(base).tete().sequence()).isEqualTo(avant);
    UUID suivant;
    try (Connection c = base.getConnection()) {
      suivant = dossier(c);
      evenement(c, suivant, 0, "DEPOT", null);
    }
    // Gapless: the next entry takes the number the rolled-back one had.
    assertThat(new JournalPostgres(base).duDossier(suivant).getFirst().sequence())
        .isEqualTo(avant + 1);
    assertThat(new JournalPostgres(base).verifier().intact()).isTrue();
  }

  @Test
  void des_ajouts_concurrents_forment_une_seule_chaine() throws Exception {
    DataSource base = PostgresDeTest.base("journal_concurrence");
    long avant = new JournalPostgres(base).tete().sequence();
    int fils = 8;
    int parFil = 30;
    ExecutorService pool = Executors.newFixedThreadPool(fils);
    CountDownLatch depart = new CountDownLatch(1);
    List<Future<?>> taches = new ArrayList<>();
    for (int f = 0; f < fils; f++) {
      int fil = f;
      taches.add(
          pool.submit(
              () -> {
                depart.await();
                JournalPostgres journal = new JournalPostgres(base);
                for (int i = 0; i < parFil; i++) {
                  try (Connection c = base.getConnection()) {
                    if (i % 2 == 0) {
                      c.setAutoCommit(false);
                      UUID d = dossier(c);
                      evenement(c, d, 0, "DEPOT", "fil " + fil);
                      evenement(c, d, 1, "AVIS_DE_DEPOT", null);
                      c.commit();
                    } else {
                      journal.noterAcces(
                          UUID.randomUUID(), "agent" + fil, "pieces/PCMI1", "INSTRUCTEUR");
                    }
                  }
                }
                return null;
              }));
    }
    depart.countDown();
    for (Future<?> t : taches) {
      t.get();
    }
    pool.shutdown();
    RapportVerification rapport = new JournalPostgres(base).verifier();
    assertThat(rapport.rupture()).isNull();
    assertThat(rapport.intact()).isTrue();
    long attendues = (long) fils * (parFil / 2) * 2 + (long) fils * (parFil / 2);
    assertThat(rapport.derniereSequence()).isEqualTo(avant + attendues);
    assertThat(rapport.entreesVerifiees()).isEqualTo(avant + attendues);
  }

  @Test
  void la_base_refuse_de_modifier_de_supprimer_de_vider_ou_d_inserer_hors_chaine()
      throws SQLException {
    DataSource base = PostgresDeTest.base("journal_refus");
    remplir(base);
    for (String sql :
        List.of(
            "update journal set acteur = 'personne' where sequence = 1",
            "delete from journal where sequence = 1",
            "truncate journal",
            "update journal_tete set sequence = 0, hash = repeat('0', 64)",
            "delete from journal_tete",
            "truncate journal_tete",
            "insert into journal (sequence, instant, type, acteur, charge, hash_precedent, hash)"
                + " select sequence + 1, now(), 'ACCES', 'faussaire', '{}', hash, repeat('f', 64)"
                + " from journal_tete")) {
      try (Connection c = base.getConnection();
          Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.execute(sql))
            .as(sql)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("journal");
      }
    }
    assertThat(new JournalPostgres(base).verifier().intact()).isTrue();
  }

  @Test
  void une_entree_modifiee_est_trouvee() throws SQLException {
    DataSource base = PostgresDeTest.base("journal_alteration");
    remplir(base);
    falsifier(base, "update journal set acteur = 'quelqu''un d''autre' where sequence = 3");
    RapportVerification r = new JournalPostgres(base).verifier();
    assertThat(r.intact()).isFalse();
    assertThat(r.rupture().nature()).isEqualTo(NatureRupture.ENTREE_ALTEREE);
    assertThat(r.rupture().sequence()).isEqualTo(3);
    assertThat(r.entreesVerifiees()).isEqualTo(2);
  }

  @Test
  void une_entree_supprimee_est_trouvee_au_milieu_comme_a_la_fin() throws SQLException {
    DataSource milieu = PostgresDeTest.base("journal_suppression");
    remplir(milieu);
    falsifier(milieu, "delete from journal where sequence = 4");
    RapportVerification r = new JournalPostgres(milieu).verifier();
    assertThat(r.rupture().nature()).isEqualTo(NatureRupture.ENTREE_SUPPRIMEE);
    assertThat(r.rupture().sequence()).isEqualTo(4);
    assertThat(r.rupture().explication()).contains("n° 4 manque");

    DataSource fin = PostgresDeTest.base("journal_suppression_fin");
    remplir(fin);
    falsifier(fin, "delete from journal where sequence = (select max(sequence) from journal)");
    RapportVerification f = new JournalPostgres(fin).verifier();
    assertThat(f.rupture().nature()).isEqualTo(NatureRupture.FIN_DE_CHAINE_INCOHERENTE);
  }

  @Test
  void une_entree_inseree_est_trouvee_meme_quand_le_faussaire_recalcule_son_empreinte()
      throws SQLException {
    DataSource base = PostgresDeTest.base("journal_insertion");
    remplir(base);
    long fin = new JournalPostgres(base).tete().sequence();
    // Make room after entry 2 and slip a well-formed entry in: it follows entry 2, and each
    // shifted entry gets a hash recomputed for its new number, but keeps its own predecessor.
    falsifier(
        base,
        "update journal set sequence = -sequence where sequence >= 3",
        "update journal set sequence = -sequence + 1 where sequence < 0",
        "update journal set hash = journal_hash(sequence, instant, type, dossier_id, dossier_numero,"
            + " acteur, charge, hash_precedent) where sequence >= 4",
        "insert into journal (sequence, instant, type, acteur, charge, hash_precedent, hash)"
            + " select 3, j.instant, 'ACCES', 'intrus', '{}', j.hash,"
            + " journal_hash(3, j.instant, 'ACCES', null, null, 'intrus', '{}', j.hash)"
            + " from journal j where j.sequence = 2",
        "update journal_tete set sequence = "
            + (fin + 1)
            + ", hash = (select hash from journal"
            + " where sequence = "
            + (fin + 1)
            + ")");
    RapportVerification r = new JournalPostgres(base).verifier();
    assertThat(r.rupture().nature()).isEqualTo(NatureRupture.CHAINAGE_ROMPU);
    assertThat(r.rupture().sequence()).isEqualTo(4);
    assertThat(r.entreesVerifiees()).isEqualTo(3);
  }

  @Test
  void deux_entrees_permutees_sont_trouvees() throws SQLException {
    DataSource base = PostgresDeTest.base("journal_permutation");
    remplir(base);
    // Entries 3 and 4 swap places, each re-hashed for its new number.
    falsifier(
        base,
        "update journal set sequence = case sequence when 3 then -4 else -3 end"
            + " where sequence in (3, 4)",
        "update journal set sequence = -sequence where sequence < 0",
        "update journal set hash = journal_hash(sequence, instant, type, dossier_id, dossier_numero,"
            + " acteur, charge, hash_precedent) where sequence in (3, 4)");
    RapportVerification r = new JournalPostgres(base).verifier();
    assertThat(r.rupture().nature()).isEqualTo(NatureRupture.CHAINAGE_ROMPU);
    assertThat(r.rupture().sequence()).isEqualTo(3);
  }

  @Test
  void une_chaine_entierement_recalculee_se_trahit_par_sa_tete() throws SQLException {
    DataSource base = PostgresDeTest.base("journal_recalcul");
    remplir(base);
    // The forger rewrites entry 3 and re-chains everything after it, but cannot move the head
    // without also rewriting journal_tete (which an external copy of the head would then expose).
    StringBuilder rechainer = new StringBuilder();
    try (Connection c = base.getConnection()) {
      long fin = new JournalPostgres(base).tete().sequence();
      List<String> ordres = new ArrayList<>();
      ordres.add("update journal set acteur = 'faussaire' where sequence = 3");
      for (long n = 3; n <= fin; n++) {
        ordres.add(
            "update journal set hash_precedent = coalesce((select p.hash from journal p where"
                + " p.sequence = "
                + (n - 1)
                + "), hash_precedent) where sequence = "
                + n);
        ordres.add(
            "update journal set hash = journal_hash(sequence, instant, type, dossier_id,"
                + " dossier_numero, acteur, charge, hash_precedent) where sequence = "
                + n);
      }
      falsifier(base, ordres.toArray(String[]::new));
      rechainer.append(fin);
    }
    RapportVerification r = new JournalPostgres(base).verifier();
    assertThat(r.rupture().nature()).isEqualTo(NatureRupture.FIN_DE_CHAINE_INCOHERENTE);
    assertThat(r.entreesVerifiees()).isEqualTo(Long.parseLong(rechainer.toString()));
  }

  /** Six entries: three legal events of two dossiers and three accesses. */
  private static void remplir(DataSource base) throws SQLException {
    JournalPostgres journal = new JournalPostgres(base);
    try (Connection c = base.getConnection()) {
      UUID a = dossier(c);
      evenement(c, a, 0, "DEPOT", null);
      journal.noterAcces(a, "instructeur", "dossier", "INSTRUCTEUR");
      UUID b = dossier(c);
      evenement(c, b, 0, "DEPOT", null);
      journal.noterAcces(b, "maire", "pieces/PCMI1", "MAIRE");
      evenement(c, a, 1, "DOSSIER_COMPLET", null);
      journal.noterAcces(a, "abf", "documents/recepisse", "SERVICE_CONSULTE");
    }
    assertThat(journal.verifier().intact()).isTrue();
  }

  /** What only someone able to bypass the triggers can do. */
  private static void falsifier(DataSource base, String... ordres) throws SQLException {
    try (Connection c = base.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("set local session_replication_role = replica");
      for (String ordre : ordres) {
        s.execute(ordre);
      }
      c.commit();
    }
  }

  private static UUID dossier(Connection c) throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into dossier (id, type, commune_insee, statut, numero, depositaire, cree_le)"
                + " values (?, 'PC', '35352', 'EN_INSTRUCTION', ?, 'architecte', now())")) {
      s.setObject(1, id);
      s.setString(2, "PC03535226" + String.format("%05d", RANG_NUMERO.incrementAndGet()));
      s.executeUpdate();
    }
    return id;
  }

  private static void document(Connection c, UUID dossier, String type, String sha256)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into document (id, dossier_id, type, nom_fichier, taille, sha256, sha512,"
                + " emis_le) values (?, ?, ?, ?, 1234, ?, ?, now())")) {
      s.setObject(1, UUID.randomUUID());
      s.setObject(2, dossier);
      s.setString(3, type);
      s.setString(4, type.toLowerCase() + ".pdf");
      s.setString(5, sha256);
      s.setString(6, "c3".repeat(64));
      s.executeUpdate();
    }
  }

  private static void evenement(Connection c, UUID dossier, int rang, String type, String detail)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into dossier_evenement (dossier_id, rang, type, date_legale, enregistre_le,"
                + " article, detail) values (?, ?, ?, current_date, now(), 'R423-1', ?)")) {
      s.setObject(1, dossier);
      s.setInt(2, rang);
      s.setString(3, type);
      s.setString(4, detail);
      s.executeUpdate();
    }
  }

  private static long compter(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
