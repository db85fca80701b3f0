package fr.parcelle.infrastructure.courriel;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.parcelle.support.PostgresDeTest;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox on the real schema (Flyway, PostgreSQL) and a real SMTP server (GreenMail) started by
 * the test: messages exist iff their step committed, go once, and wait out an SMTP failure.
 */
class BoiteDEnvoiTest {

  private static final DataSource BASE = PostgresDeTest.base("courriels");
  private static final String DEMANDEUR = "claire.martin@example.org";

  private final int port = PostgresDeTest.portLibre();
  private final ConfigurationCourriel config = configuration(port);
  private final BoiteDEnvoi boite = new BoiteDEnvoi(config);
  private final EnvoiSmtp smtp = new EnvoiSmtp(config);
  private GreenMail serveur;

  static ConfigurationCourriel configuration(int port) {
    return new ConfigurationCourriel(
        "127.0.0.1",
        port,
        "",
        "",
        "aucune",
        "Parcelle <ne-pas-repondre@parcelle.test>",
        "https://urbanisme.example.fr",
        Duration.ofSeconds(1),
        20,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        Duration.ofHours(72),
        Duration.ofSeconds(5),
        LocalTime.of(7, 0),
        7);
  }

  @BeforeEach
  void vider() throws SQLException {
    try (Connection c = BASE.getConnection();
        Statement s = c.createStatement()) {
      s.execute("delete from courriel");
    }
  }

  @AfterEach
  void arreter() {
    if (serveur != null) {
      serveur.stop();
    }
  }

  private void demarrerSmtp() {
    serveur = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    serveur.start();
  }

  /** One pass of the sender in its own transaction, committed. */
  private BoiteDEnvoi.Bilan passage() throws SQLException {
    try (Connection c = BASE.getConnection()) {
      c.setAutoCommit(false);
      BoiteDEnvoi.Bilan b = boite.envoyer(c, smtp);
      c.commit();
      return b;
    }
  }

  // ------------------------------------------------------------- the dossier, as JPA writes it

  /** A draft with its applicant, committed (as DossierService.creerBrouillon leaves it). */
  private static UUID brouillon(String email) throws SQLException {
    UUID id = UUID.randomUUID();
    try (Connection c = BASE.getConnection()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into dossier (id, type, commune_insee, statut, depositaire, cree_le)"
                  + " values (?, 'PCMI', '35352', 'BROUILLON', 'architecte', now())")) {
        s.setObject(1, id);
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into dossier_demandeur (dossier_id, rang, nature, nom, email)"
                  + " values (?, 0, 'PARTICULIER', 'Martin', ?)")) {
        s.setObject(1, id);
        s.setString(2, email);
        s.executeUpdate();
      }
    }
    return id;
  }

  private static int rang = 0;

  /** The deposit's writes: the dossier row, then its timeline entry (EclipseLink's order). */
  private static String deposer(Connection c, UUID id) throws SQLException {
    String numero = String.format("PC03535227%05d", ++rang + (int) (Math.random() * 90000));
    try (PreparedStatement s =
        c.prepareStatement(
            "update dossier set statut = 'DEPOSE', numero = ?, depose_le = now(),"
                + " date_depot = ?, delai_instruction_mois = 2, date_fin_delai = ?,"
                + " date_decision_tacite = ?, nature_decision_tacite = 'PERMIS_TACITE'"
                + " where id = ?")) {
      s.setString(1, numero);
      s.setDate(2, Date.valueOf(LocalDate.of(2027, 1, 31)));
      s.setDate(3, Date.valueOf(LocalDate.of(2027, 3, 31)));
      s.setDate(4, Date.valueOf(LocalDate.of(2027, 4, 1)));
      s.setObject(5, id);
      s.executeUpdate();
    }
    noter(c, id, 0, "DEPOT", "Dossier n° " + numero);
    return numero;
  }

  private static void noter(Connection c, UUID id, int rang, String type, String detail)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "insert into dossier_evenement (dossier_id, rang, type, date_legale, enregistre_le,"
                + " detail) values (?, ?, ?, ?, now(), ?)")) {
      s.setObject(1, id);
      s.setInt(2, rang);
      s.setString(3, type);
      s.setDate(4, Date.valueOf(LocalDate.of(2027, 2, 20)));
      s.setString(5, detail);
      s.executeUpdate();
    }
  }

  private static int lignes(String where) throws SQLException {
    try (Connection c = BASE.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from courriel where " + where)) {
      r.next();
      return r.getInt(1);
    }
  }

  // ------------------------------------------------------------------------------------- tests

  @Test
  void un_depot_valide_envoie_un_seul_courriel_avec_le_numero_au_demandeur() throws Exception {
    demarrerSmtp();
    UUID id = brouillon("Claire.Martin@Example.org ");
    String numero;
    try (Connection c = BASE.getConnection()) {
      c.setAutoCommit(false);
      numero = deposer(c, id);
      // Not sent while the step's transaction is open: the row is not even visible.
      assertThat(passage().envoyes()).isZero();
      assertThat(serveur.getReceivedMessages()).isEmpty();
      c.commit();
    }

    assertThat(passage()).isEqualTo(new BoiteDEnvoi.Bilan(1, 0, 0));
    assertThat(passage()).isEqualTo(new BoiteDEnvoi.Bilan(0, 0, 0));

    MimeMessage[] recus = serveur.getReceivedMessages();
    assertThat(recus).hasSize(1);
    MimeMessage m = recus[0];
    assertThat(Arrays.toString(m.getAllRecipients())).isEqualTo("[" + DEMANDEUR + "]");
    String affiche = fr.parcelle.domain.model.dossier.NumeroDossier.depuis(numero).affichage();
    assertThat(m.getSubject())
        .isEqualTo("Dossier " + affiche + " : accusé d'enregistrement et récépissé de dépôt");
    assertThat(m.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
    String corps = CourrielsRecus.texte(m);
    assertThat(corps).contains("1 avril 2027").contains("/#/dossiers/" + id);
    try (Connection c = BASE.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select etat, message_id, envoye_le is not null from courriel where dossier_id = ?")) {
      s.setObject(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        assertThat(r.getString(1)).isEqualTo("ENVOYE");
        assertThat(m.getMessageID()).isEqualTo(r.getString(2));
        assertThat(r.getBoolean(3)).isTrue();
      }
    }
  }

  @Test
  void une_etape_annulee_n_envoie_rien() throws Exception {
    demarrerSmtp();
    UUID id = brouillon(DEMANDEUR);
    try (Connection c = BASE.getConnection()) {
      c.setAutoCommit(false);
      deposer(c, id);
      c.rollback();
    }
    assertThat(lignes("dossier_id = '" + id + "'")).isZero();
    assertThat(passage().envoyes()).isZero();
    assertThat(serveur.getReceivedMessages()).isEmpty();
  }

  @Test
  void serveur_smtp_en_panne_le_courriel_attend_puis_part_une_fois() throws Exception {
    UUID id = brouillon(DEMANDEUR);
    try (Connection c = BASE.getConnection()) {
      deposer(c, id);
    }
    // Nothing listens on the port.
    assertThat(passage()).isEqualTo(new BoiteDEnvoi.Bilan(0, 1, 0));
    assertThat(lignes("etat = 'EN_ATTENTE' and essais = 1 and derniere_erreur is not null"))
        .isEqualTo(1);
    // Not before its next attempt.
    assertThat(passage()).isEqualTo(new BoiteDEnvoi.Bilan(0, 0, 0));

    demarrerSmtp();
    Thread.sleep(1100);
    assertThat(passage()).isEqualTo(new BoiteDEnvoi.Bilan(1, 0, 0));
    Thread.sleep(1100);
    assertThat(passage()).isEqualTo(new BoiteDEnvoi.Bilan(0, 0, 0));
    assertThat(serveur.getReceivedMessages()).hasSize(1);
    assertThat(lignes("etat = 'ENVOYE' and essais = 2 and derniere_erreur is null")).isEqualTo(1);
  }

  @Test
  void deux_noeuds_ne_prennent_jamais_la_meme_ligne() throws Exception {
    demarrerSmtp();
    UUID id = brouillon(DEMANDEUR);
    try (Connection c = BASE.getConnection()) {
      deposer(c, id);
    }
    try (Connection autreNoeud = BASE.getConnection()) {
      autreNoeud.setAutoCommit(false);
      // The other node has claimed the row and is talking to the SMTP server.
      try (Statement s = autreNoeud.createStatement()) {
        s.executeQuery("select id from courriel where etat = 'EN_ATTENTE' for update skip locked")
            .close();
      }
      assertThat(passage()).isEqualTo(new BoiteDEnvoi.Bilan(0, 0, 0));
      assertThat(serveur.getReceivedMessages()).isEmpty();
      autreNoeud.rollback(); // it died before sending: the row is free again
    }
    assertThat(passage().envoyes()).isEqualTo(1);
    assertThat(serveur.getReceivedMessages()).hasSize(1);
  }

  @Test
  void un_envoi_accepte_dont_la_transaction_echoue_repart_avec_le_meme_message_id()
      throws Exception {
    // The one window left open, on purpose (a notice lost is worse than a notice twice).
    demarrerSmtp();
    UUID id = brouillon(DEMANDEUR);
    try (Connection c = BASE.getConnection()) {
      deposer(c, id);
    }
    try (Connection c = BASE.getConnection()) {
      c.setAutoCommit(false);
      assertThat(boite.envoyer(c, smtp).envoyes()).isEqualTo(1);
      c.rollback();
    }
    assertThat(passage().envoyes()).isEqualTo(1);
    MimeMessage[] recus = serveur.getReceivedMessages();
    assertThat(recus).hasSize(2);
    assertThat(recus[1].getMessageID()).isEqualTo(recus[0].getMessageID());
  }

  @Test
  void les_etapes_d_une_meme_transaction_font_un_courriel_et_une_reecriture_aucun()
      throws Exception {
    demarrerSmtp();
    UUID id = brouillon(DEMANDEUR);
    try (Connection c = BASE.getConnection()) {
      deposer(c, id);
    }
    try (Connection c = BASE.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate(
            "update dossier set statut = 'INCOMPLET', date_limite_pieces = '2027-05-20' where id = '"
                + id
                + "'");
      }
      noter(c, id, 1, "AVIS_DE_DEPOT", null);
      noter(c, id, 2, "DEMANDE_PIECES", "PCMI2 (plan de masse)");
      noter(c, id, 3, "MAJORATION", "consultation de l'ABF");
      c.commit();
    }
    assertThat(lignes("dossier_id = '" + id + "'")).isEqualTo(2);
    // The collection written again (as an ORM may do): no new message.
    try (Connection c = BASE.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("delete from dossier_evenement where dossier_id = '" + id + "'");
      }
      noter(c, id, 0, "DEPOT", null);
      noter(c, id, 1, "AVIS_DE_DEPOT", null);
      noter(c, id, 2, "DEMANDE_PIECES", "PCMI2 (plan de masse)");
      noter(c, id, 3, "MAJORATION", "consultation de l'ABF");
      c.commit();
    }
    assertThat(lignes("dossier_id = '" + id + "'")).isEqualTo(2);

    assertThat(passage().envoyes()).isEqualTo(2);
    MimeMessage[] recus = serveur.getReceivedMessages();
    assertThat(recus).hasSize(2);
    MimeMessage lettre =
        Arrays.stream(recus)
            .filter(m -> sujet(m).endsWith("demande de pièces complémentaires"))
            .findFirst()
            .orElseThrow();
    assertThat(CourrielsRecus.texte(lettre))
        .contains("PCMI2 (plan de masse)")
        .contains("20 mai 2027")
        .contains("en outre major");
  }

  @Test
  void sans_adresse_le_courriel_n_attend_personne() throws Exception {
    UUID id = brouillon(null);
    try (Connection c = BASE.getConnection()) {
      deposer(c, id);
    }
    assertThat(lignes("dossier_id = '" + id + "' and etat = 'SANS_DESTINATAIRE'")).isEqualTo(1);
  }

  @Test
  void une_adresse_refusee_par_le_serveur_est_un_echec_definitif() throws Exception {
    demarrerSmtp();
    UUID id = brouillon("pas une adresse");
    try (Connection c = BASE.getConnection()) {
      deposer(c, id);
    }
    assertThat(passage()).isEqualTo(new BoiteDEnvoi.Bilan(0, 0, 1));
    assertThat(lignes("dossier_id = '" + id + "' and etat = 'ECHEC'")).isEqualTo(1);
  }

  private static String sujet(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
