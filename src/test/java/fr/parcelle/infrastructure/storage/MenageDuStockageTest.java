package fr.parcelle.infrastructure.storage;

import static org.assertj.core.api.Assertions.assertThat;

import fr.parcelle.domain.model.piece.Empreinte;
import fr.parcelle.domain.port.MenageStockage.Bilan;
import fr.parcelle.support.PostgresDeTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The housekeeping on a real PostgreSQL migrated by the application's migrations and a real
 * file-system store: what no row names goes to the trash, then away after the retention; what a
 * pièce, a document, an avis or only the journal names stays; what is named again comes back.
 */
class MenageDuStockageTest {

  private static final AtomicInteger NUMERO = new AtomicInteger();
  private static final Duration GRACE = Duration.ofHours(24);
  private static final Duration RETENTION = Duration.ofDays(7);

  @TempDir Path racine;

  private final DataSource base = PostgresDeTest.base("menage_stockage");
  private StockageFichiers stockage;

  @BeforeEach
  void stockage() {
    stockage = new StockageFichiers(racine);
  }

  @Test
  void ce_que_rien_ne_nomme_va_en_corbeille_puis_disparait_apres_la_retention() throws Exception {
    Empreinte orphelin = conserverVieux("brouillon remplacé");
    Empreinte piece = conserverVieux("plan de situation");
    Empreinte avis = conserverVieux("avis de l'ABF");
    Empreinte journalise = conserverVieux("projet d'arrêté émis puis remplacé");
    Empreinte recent = stockage.conserver(octets("gardé il y a une minute, pas encore nommé"));
    UUID dossier;
    try (Connection c = base.getConnection()) {
      c.setAutoCommit(false);
      dossier = dossier(c);
      piece(c, dossier, piece.sha256());
      consultation(c, dossier, avis.sha256());
      document(c, dossier, "ARRETE", journalise.sha256());
      evenement(c, dossier, 0, "DECISION");
      c.commit();
      // The document is issued again: its row now names other bytes, the journal still the first.
      executer(c, "delete from document where sha256 = '" + journalise.sha256() + "'");
      c.commit();
    }

    Bilan premier = menage(Instant.now()).passer();

    assertThat(premier.effectue()).isTrue();
    assertThat(premier.misEnCorbeille()).isEqualTo(1);
    assertThat(premier.contenusExamines()).isEqualTo(4);
    assertThat(enPlace(orphelin)).isFalse();
    assertThat(enCorbeille(orphelin)).isTrue();
    for (Empreinte gardee : List.of(piece, avis, journalise, recent)) {
      assertThat(enPlace(gardee)).as(gardee.sha256()).isTrue();
    }

    // A week and a day later: the orphan leaves the trash for good, the recent content (still
    // named by nothing) now goes there in turn.
    Bilan second = menage(Instant.now().plus(Duration.ofDays(8))).passer();

    assertThat(second.supprimes()).isEqualTo(1);
    assertThat(second.misEnCorbeille()).isEqualTo(1);
    assertThat(second.restaures()).isZero();
    assertThat(enCorbeille(orphelin)).isFalse();
    assertThat(enPlace(orphelin)).isFalse();
    assertThat(enCorbeille(recent)).isTrue();
    for (Empreinte gardee : List.of(piece, avis, journalise)) {
      assertThat(enPlace(gardee)).as(gardee.sha256()).isTrue();
    }
  }

  /**
   * The race the trash is for: an upload found the bytes in place, skipped writing them, and
   * committed its pièce just after the check. The second check puts them back.
   */
  @Test
  void un_contenu_nomme_apres_sa_mise_en_corbeille_est_remis_en_place() throws Exception {
    Empreinte e = conserverVieux("pièce envoyée deux fois");
    menage(Instant.now()).passer();
    assertThat(enCorbeille(e)).isTrue();
    try (Connection c = base.getConnection()) {
      piece(c, dossier(c), e.sha256());
    }

    Bilan b = menage(Instant.now().plus(Duration.ofDays(8))).passer();

    assertThat(b.restaures()).isEqualTo(1);
    assertThat(b.supprimes()).isZero();
    assertThat(enPlace(e)).isTrue();
    assertThat(enCorbeille(e)).isFalse();
    assertThat(lire(e)).isEqualTo("pièce envoyée deux fois");
  }

  @Test
  void un_contenu_lu_depuis_la_corbeille_est_remis_en_place() throws Exception {
    Empreinte e = stockage.conserver(octets("lu pendant qu'il attendait"));
    stockage.mettreEnCorbeille(e.sha256());
    assertThat(enPlace(e)).isFalse();

    assertThat(lire(e)).isEqualTo("lu pendant qu'il attendait");
    assertThat(enPlace(e)).isTrue();
    assertThat(enCorbeille(e)).isFalse();
  }

  @Test
  void les_memes_octets_envoyes_apres_la_mise_en_corbeille_sont_gardes_a_nouveau()
      throws Exception {
    byte[] memes = octets("renvoyé par l'architecte");
    Empreinte e = stockage.conserver(memes);
    stockage.mettreEnCorbeille(e.sha256());

    Empreinte encore = stockage.conserver(memes);

    assertThat(encore).isEqualTo(e);
    assertThat(enPlace(e)).isTrue();
  }

  @Test
  void les_fichiers_temporaires_abandonnes_sont_supprimes_apres_le_delai_de_grace()
      throws Exception {
    Path tmp = racine.resolve("tmp");
    Path abandonne = Files.writeString(tmp.resolve(UUID.randomUUID() + ".part"), "coupé");
    Files.setLastModifiedTime(abandonne, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    Path enCours = Files.writeString(tmp.resolve(UUID.randomUUID() + ".part"), "en cours");
    Path autre = Files.writeString(tmp.resolve("LISEZMOI"), "pas à nous");
    Files.setLastModifiedTime(autre, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

    Bilan b = menage(Instant.now()).passer();

    assertThat(b.temporairesSupprimes()).isEqualTo(1);
    assertThat(abandonne).doesNotExist();
    assertThat(enCours).exists();
    assertThat(autre).exists();
  }

  @Test
  void seuls_les_contenus_ranges_sous_leur_adresse_sont_parcourus() throws Exception {
    Empreinte e = conserverVieux("à sa place");
    Empreinte jete = conserverVieux("jeté");
    stockage.mettreEnCorbeille(jete.sha256());
    Path egare = racine.resolve("00").resolve("00").resolve("ab".repeat(32));
    Files.createDirectories(egare.getParent());
    Files.writeString(egare, "rangé sous une autre adresse");
    Files.setLastModifiedTime(egare, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    Files.writeString(racine.resolve("notes.txt"), "posé là par un exploitant");

    List<String> vus = new ArrayList<>();
    stockage.parcourir(Instant.now().minus(GRACE), vus::add);
    List<String> jetes = new ArrayList<>();
    stockage.parcourirCorbeille(Instant.now().plusSeconds(60), jetes::add);

    assertThat(vus).containsExactly(e.sha256());
    assertThat(jetes).containsExactly(jete.sha256());
  }

  @Test
  void un_seul_passage_a_la_fois_entre_les_noeuds() throws Exception {
    Empreinte e = conserverVieux("en attente de ménage");
    try (Connection autreNoeud = base.getConnection()) {
      try (PreparedStatement s = autreNoeud.prepareStatement("select pg_advisory_lock(?)")) {
        s.setLong(1, MenageDuStockage.VERROU);
        s.executeQuery().close();
      }

      Bilan saute = menage(Instant.now()).passer();

      assertThat(saute.effectue()).isFalse();
      assertThat(enPlace(e)).isTrue();
    }
    // The other node's session ended: its lock went with it.
    assertThat(menage(Instant.now()).passer().effectue()).isTrue();
    assertThat(enCorbeille(e)).isTrue();
  }

  private MenageDuStockage menage(Instant maintenant) {
    return new MenageDuStockage(
        stockage, base, GRACE, RETENTION, Clock.fixed(maintenant, ZoneOffset.UTC));
  }

  /** Kept two days ago, as far as the store's dates say. */
  private Empreinte conserverVieux(String texte) throws IOException {
    Empreinte e = stockage.conserver(octets(texte));
    Files.setLastModifiedTime(place(e), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    return e;
  }

  private static byte[] octets(String texte) {
    return (texte + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
  }

  private String lire(Empreinte e) throws IOException {
    try (InputStream in = stockage.ouvrir(e)) {
      String texte = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return texte.substring(0, texte.lastIndexOf(' '));
    }
  }

  private Path place(Empreinte e) {
    return chemin(racine, e.sha256());
  }

  private boolean enPlace(Empreinte e) {
    return Files.exists(place(e));
  }

  private boolean enCorbeille(Empreinte e) {
    return Files.exists(chemin(racine.resolve(StockageFichiers.CORBEILLE), e.sha256()));
  }

  private static Path chemin(Path base, String sha256) {
    return base.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
  }

  private static UUID dossier(Connection c) throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into dossier (id, type, commune_insee, statut, numero, depositaire, cree_le)"
                + " values (?, 'PC', '35352', 'EN_INSTRUCTION', ?, 'architecte', now())")) {
      s.setObject(1, id);
      s.setString(2, "PC03535226" + String.format("%05d", NUMERO.incrementAndGet()));
      s.executeUpdate();
    }
    return id;
  }

  private static void piece(Connection c, UUID dossier, String sha256) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into piece (id, dossier_id, code, nom_fichier, taille, type_media, sha256,"
                + " sha512, recue_le) values (?, ?, ?, 'plan.pdf', 10, 'application/pdf', ?, ?,"
                + " now())")) {
      s.setObject(1, UUID.randomUUID());
      s.setObject(2, dossier);
      s.setString(3, "PCMI" + NUMERO.incrementAndGet());
      s.setString(4, sha256);
      s.setString(5, "c3".repeat(64));
      s.executeUpdate();
    }
  }

  private static void consultation(Connection c, UUID dossier, String sha256) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into consultation (id, dossier_id, service_code, service_libelle,"
                + " avis_conforme, date_envoi, date_limite, document_sha256) values (?, ?, 'ABF',"
                + " 'Architecte des bâtiments de France', true, current_date, current_date, ?)")) {
      s.setObject(1, UUID.randomUUID());
      s.setObject(2, dossier);
      s.setString(3, sha256);
      s.executeUpdate();
    }
  }

  private static void document(Connection c, UUID dossier, String type, String sha256)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into document (id, dossier_id, type, nom_fichier, taille, sha256, sha512,"
                + " emis_le) values (?, ?, ?, 'arrete.pdf', 10, ?, ?, now())")) {
      s.setObject(1, UUID.randomUUID());
      s.setObject(2, dossier);
      s.setString(3, type);
      s.setString(4, sha256);
      s.setString(5, "c3".repeat(64));
      s.executeUpdate();
    }
  }

  private static void evenement(Connection c, UUID dossier, int rang, String type)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into dossier_evenement (dossier_id, rang, type, date_legale, enregistre_le,"
                + " article, detail) values (?, ?, ?, current_date, now(), 'R424-1', null)")) {
      s.setObject(1, dossier);
      s.setInt(2, rang);
      s.setString(3, type);
      s.executeUpdate();
    }
  }

  private static void executer(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
